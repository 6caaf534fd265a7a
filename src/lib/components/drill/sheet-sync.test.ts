import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SheetSync, type SheetSnapshot } from './sheet-sync.svelte';
import { storageKey } from './sheet-logic';

/** A Storage backed by a Map (node has no localStorage). */
class MemoryStorage {
	#m = new Map<string, string>();
	get length() {
		return this.#m.size;
	}
	key(i: number) {
		return [...this.#m.keys()][i] ?? null;
	}
	getItem(k: string) {
		return this.#m.get(k) ?? null;
	}
	setItem(k: string, v: string) {
		this.#m.set(k, v);
	}
	removeItem(k: string) {
		this.#m.delete(k);
	}
}

const NOW = Date.UTC(2026, 10, 29, 2, 0, 0);
const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function makeSync(entries: SheetSnapshot['entries'] = []) {
	return new SheetSync({
		drillId: 1,
		stageId: 2,
		teamId: 3,
		userName: '张三',
		snapshot: { stage: { status: 'open', endsAt: NOW + 3_600_000, serverNow: NOW }, submittedAt: null, entries },
		labelOf: (ref) => `检查点${ref}`
	});
}

let fetchMock: ReturnType<typeof vi.fn>;
let storage: MemoryStorage;

beforeEach(() => {
	vi.useFakeTimers({ now: NOW });
	storage = new MemoryStorage();
	fetchMock = vi.fn();
	vi.stubGlobal('localStorage', storage);
	vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

const body = (call: number) => JSON.parse((fetchMock.mock.calls[call][1] as RequestInit).body as string);

describe('SheetSync', () => {
	it('saves an edit after a short pause, with the version it was based on, and keeps it on the device until acknowledged', async () => {
		const sync = makeSync();
		fetchMock.mockResolvedValueOnce(reply(200, { version: 1, savedAt: NOW + 700 }));
		sync.edit('a', { x: 1 });
		sync.edit('a', { x: 2 });
		expect(storage.getItem(storageKey(1, 2, 3, 'a'))).toContain('"x":2');
		expect(sync.status.text).toBe('保存中…');
		await vi.advanceTimersByTimeAsync(599);
		expect(fetchMock).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(fetchMock).toHaveBeenCalledTimes(1);
		expect(body(0)).toEqual({ ref: 'a', baseVersion: 0, data: { x: 2 } });
		expect(sync.entries.a).toMatchObject({ version: 1, isDirty: false, updatedBy: '张三' });
		expect(storage.length).toBe(0);
		expect(sync.status.text).toMatch(/^已保存 \d{2}:\d{2}:\d{2}$/);
	});

	it('on a conflict adopts the teammate’s version and says who and when', async () => {
		const sync = makeSync([{ ref: 'a', data: { x: 0 }, version: 1, updatedBy: '张三', updatedAt: NOW - 5000 }]);
		const current = { ref: 'a', data: { x: 9 }, version: 2, updatedBy: '李四', updatedAt: NOW - 1000 };
		fetchMock.mockResolvedValueOnce(reply(409, { code: 'drill.conflict', message: '队友刚刚修改了这一项，已显示其最新内容', current }));
		sync.edit('a', { x: 1 });
		await vi.advanceTimersByTimeAsync(600);
		expect(body(0).baseVersion).toBe(1);
		expect(sync.entries.a).toMatchObject({ data: { x: 9 }, version: 2, isDirty: false, revision: 1, updatedBy: '李四' });
		expect(sync.notice).toContain('队友 李四');
		expect(sync.notice).toContain('检查点a');
		expect(storage.length).toBe(0);
	});

	it('retries with backoff after a network failure, then saves', async () => {
		const sync = makeSync();
		fetchMock.mockRejectedValueOnce(new TypeError('offline')).mockResolvedValueOnce(reply(200, { version: 1, savedAt: NOW + 2000 }));
		sync.edit('a', { x: 1 });
		await vi.advanceTimersByTimeAsync(600);
		expect(sync.status).toEqual({ kind: 'error', text: '保存失败，正在重试' });
		expect(storage.length).toBe(1);
		// 1 s after the failure the retry goes out (the save itself then waits one more timer turn).
		await vi.advanceTimersByTimeAsync(999);
		expect(fetchMock).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(2);
		expect(fetchMock).toHaveBeenCalledTimes(2);
		expect(sync.isRetrying).toBe(false);
		expect(sync.entries.a.isDirty).toBe(false);
	});

	it('becomes read-only when the server says the time is up', async () => {
		const sync = makeSync();
		fetchMock.mockResolvedValueOnce(reply(409, { code: 'drill.time_up', message: '本阶段时间已到，保存未成功' }));
		sync.edit('a', { x: 1 });
		await vi.advanceTimersByTimeAsync(600);
		expect(sync.readOnlyReason).toContain('时间已到');
		expect(sync.status.text).toBe('本阶段时间已到，保存未成功');
		sync.edit('b', { x: 1 });
		expect(sync.entries.b).toBeUndefined();
	});

	it('merges a teammate’s newer save but not over an edit in progress', () => {
		const sync = makeSync([
			{ ref: 'a', data: { x: 0 }, version: 1, updatedBy: '张三', updatedAt: NOW },
			{ ref: 'b', data: { y: 0 }, version: 1, updatedBy: '张三', updatedAt: NOW }
		]);
		sync.edit('b', { y: 1 });
		sync.receive({
			stage: { status: 'open', endsAt: NOW + 60_000, serverNow: NOW + 10_000 },
			submittedAt: null,
			entries: [
				{ ref: 'a', data: { x: 5 }, version: 2, updatedBy: '李四', updatedAt: NOW + 9000 },
				{ ref: 'b', data: { y: 5 }, version: 2, updatedBy: '李四', updatedAt: NOW + 9000 }
			]
		});
		expect(sync.entries.a).toMatchObject({ data: { x: 5 }, revision: 1 });
		expect(sync.entries.b).toMatchObject({ data: { y: 1 }, isDirty: true });
		// The server's clock is 10 s ahead: the countdown follows it, not the device's.
		expect(sync.remainingMs).toBe(50_000);
	});

	it('after a reload restores an edit kept on the device and saves it again', async () => {
		const events = { addEventListener: vi.fn(), removeEventListener: vi.fn() };
		vi.stubGlobal('window', events);
		vi.stubGlobal('document', { ...events, visibilityState: 'visible' });
		storage.setItem(storageKey(1, 2, 3, 'a'), JSON.stringify({ data: { x: 7 }, baseVersion: 1, editedAt: NOW - 1000 }));
		storage.setItem(storageKey(1, 2, 3, 'b'), JSON.stringify({ data: { y: 7 }, baseVersion: 1, editedAt: NOW - 9000 }));
		storage.setItem(storageKey(1, 2, 4, 'a'), JSON.stringify({ data: { other: 'team' }, baseVersion: 0, editedAt: NOW }));
		const sync = makeSync([
			{ ref: 'a', data: { x: 0 }, version: 1, updatedBy: '张三', updatedAt: NOW - 5000 },
			// A teammate saved b after the edit kept here was typed: theirs stands.
			{ ref: 'b', data: { y: 0 }, version: 2, updatedBy: '李四', updatedAt: NOW - 5000 }
		]);
		fetchMock.mockResolvedValue(reply(200, { version: 2, savedAt: NOW + 10 }));
		const stop = sync.start();
		expect(sync.entries.a).toMatchObject({ data: { x: 7 }, isDirty: true });
		expect(sync.entries.b).toMatchObject({ data: { y: 0 }, isDirty: false });
		expect(sync.notice).toContain('1 项');
		await vi.advanceTimersByTimeAsync(0);
		expect(body(0)).toEqual({ ref: 'a', baseVersion: 1, data: { x: 7 } });
		expect(storage.getItem(storageKey(1, 2, 4, 'a'))).not.toBeNull();
		stop();
	});
});
