import { formatTime } from '$lib/components/scenario/format';
import { backoffMs, fromServer, mergeServerEntries, shouldRestore, type ServerEntry, type SyncEntry } from './sheet-logic';
import { PendingStore } from './sheet-storage';

/** What the page's load and the entries endpoint's GET both return. */
export interface SheetSnapshot {
	stage: { status: 'pending' | 'open' | 'closed'; endsAt: number | null; serverNow: number; isPaused?: boolean };
	submittedAt: number | null;
	entries: ServerEntry[];
}

interface Options {
	drillId: number;
	stageId: number;
	teamId: number;
	userName: string;
	snapshot: SheetSnapshot;
	/** The Chinese name of an entry for notices (the item's title, 执法程序, 情景题 2). */
	labelOf: (ref: string) => string;
}

const DEBOUNCE_MS = 600;
const POLL_MS = 4000;
/** Refusals after which nothing on this sheet can be saved any more. */
const CLOSING_CODES = new Set(['drill.time_up', 'drill.stage_closed', 'drill.submitted', 'drill.stage_not_open']);

/**
 * Keeps a team's sheet in step with the server: each edit is saved on its own after a short pause,
 * with the version it was based on (a teammate's newer save wins and is adopted, with a notice);
 * network failures retry with backoff while the edit waits in localStorage; teammates' saves arrive
 * by polling. The server owns the clock: the countdown runs on `serverNow − Date.now()`.
 */
export class SheetSync {
	entries = $state.raw<Record<string, SyncEntry>>({});
	stageStatus = $state<SheetSnapshot['stage']['status']>('pending');
	endsAt = $state<number | null>(null);
	submittedAt = $state<number | null>(null);
	/** A refusal code that closed the sheet (time up, stage closed, submitted by a teammate). */
	closedBy = $state<string | null>(null);
	/** The last thing that went wrong, in Chinese; cleared by the next successful save. */
	error = $state<string | null>(null);
	/** Invalid forms: ref → what is wrong (their edits are not sent). */
	invalid = $state.raw<Record<string, string>>({});
	notice = $state<string | null>(null);
	lastSavedAt = $state<number | null>(null);
	saving = $state(0);
	isRetrying = $state(false);
	/** The trainer paused the drill (暂停): the clock stands still and saves wait. */
	isPaused = $state(false);
	#clock = $state(Date.now());
	/** While paused, the local moment the pause was seen: the countdown stays there. */
	#pausedSeenAt = $state<number | null>(null);
	#offset = $state(0);

	#o: Options;
	#store: PendingStore;
	#timers = new Map<string, ReturnType<typeof setTimeout>>();
	#inFlight = new Set<string>();
	#again = new Set<string>();
	#seq = new Map<string, number>();
	#failed = new Set<string>();
	#attempt = 0;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(o: Options) {
		this.#o = o;
		this.#store = new PendingStore(o.drillId, o.stageId, o.teamId);
		this.entries = Object.fromEntries(o.snapshot.entries.map((e) => [e.ref, fromServer(e)]));
		this.#applyStage(o.snapshot, Date.now());
	}

	get url() {
		return `/api/drills/${this.#o.drillId}/stages/${this.#o.stageId}/entries`;
	}

	/** Ms left on the team's clock (server time), or null when the stage has no end yet. */
	remainingMs = $derived(
		this.endsAt === null ? null : Math.max(0, this.endsAt - (Math.min(this.#clock, this.#pausedSeenAt ?? Infinity) + this.#offset))
	);

	readOnlyReason = $derived.by((): string | null => {
		if (this.submittedAt !== null) return `本队已于 ${formatTime(this.submittedAt)} 提交本阶段答卷，答卷只读。`;
		if (this.stageStatus === 'closed' || this.closedBy === 'drill.stage_closed') return '本阶段已结束，答卷只读。';
		if (this.stageStatus === 'pending') return '本阶段尚未开始。';
		if (this.closedBy === 'drill.submitted') return '本队已提交本阶段答卷，答卷只读。';
		if (this.remainingMs === 0 || this.closedBy === 'drill.time_up') return '本阶段时间已到，答卷已锁定，不能再修改。';
		return null;
	});

	hasPending = $derived(this.saving > 0 || Object.values(this.entries).some((e) => e.isDirty));

	/** The save status line: 已保存 hh:mm:ss / 保存中… / 保存失败，正在重试 / what is wrong. */
	status = $derived.by((): { kind: 'ok' | 'busy' | 'error'; text: string } => {
		const invalid = Object.entries(this.invalid)[0];
		if (invalid) return { kind: 'error', text: `“${this.#o.labelOf(invalid[0])}”未保存：${invalid[1]}` };
		if (this.isPaused) return { kind: 'error', text: '比武已暂停，计时停止；继续后未保存的内容会自动保存' };
		if (this.isRetrying) return { kind: 'error', text: `保存失败，正在重试${this.error ? `（${this.error}）` : ''}` };
		if (this.error) return { kind: 'error', text: this.error };
		if (this.hasPending) return { kind: 'busy', text: '保存中…' };
		const last = this.lastSavedAt ?? Math.max(0, ...Object.values(this.entries).map((e) => e.updatedAt));
		return last > 0 ? { kind: 'ok', text: `已保存 ${formatTime(last)}` } : { kind: 'ok', text: '尚无保存的内容' };
	});

	/** Starts the clock, polling and retries, and restores edits kept on this device. Returns the cleanup. */
	start(): () => void {
		this.#restore();
		const tick = setInterval(() => {
			const wasOpen = this.readOnlyReason === null;
			this.#clock = Date.now();
			// At 0 the edits still waiting go out at once: the server's grace period takes them.
			if (wasOpen && this.remainingMs === 0) this.flushAll();
		}, 500);
		const poll = setInterval(() => void this.poll(), POLL_MS);
		const online = () => this.flushAll();
		const hide = () => {
			if (document.visibilityState === 'hidden') this.flushAll();
		};
		window.addEventListener('online', online);
		document.addEventListener('visibilitychange', hide);
		return () => {
			clearInterval(tick);
			clearInterval(poll);
			window.removeEventListener('online', online);
			document.removeEventListener('visibilitychange', hide);
			for (const t of this.#timers.values()) clearTimeout(t);
			if (this.#retryTimer) clearTimeout(this.#retryTimer);
		};
	}

	/** Records an edit of one entry; it is saved after a short pause. */
	edit(ref: string, data: unknown) {
		if (this.readOnlyReason) return;
		const prev = this.entries[ref];
		this.entries = { ...this.entries, [ref]: { ...(prev ?? fromServer({ ref, data: null, version: 0, updatedBy: null, updatedAt: 0 })), data, isDirty: true } };
		this.#seq.set(ref, (this.#seq.get(ref) ?? 0) + 1);
		this.setInvalid(ref, null);
		this.#store.write(ref, { data, baseVersion: prev?.version ?? 0, editedAt: Date.now() + this.#offset });
		this.#schedule(ref, DEBOUNCE_MS);
	}

	/** A form reports that what is typed cannot be saved (or, with null, that it can again). */
	setInvalid(ref: string, message: string | null) {
		if ((this.invalid[ref] ?? null) === message) return;
		const { [ref]: _, ...rest } = this.invalid;
		this.invalid = message ? { ...rest, [ref]: message } : rest;
	}

	flushAll() {
		for (const e of Object.values(this.entries)) if (e.isDirty) this.#schedule(e.ref, 0);
	}

	/** Applies the server's view of the sheet: after a poll, or when the page's data is reloaded. */
	receive(s: SheetSnapshot, requestedAt = Date.now()) {
		this.#applyStage(s, requestedAt);
		const busy = new Set([...this.#inFlight, ...this.#timers.keys()]);
		this.entries = mergeServerEntries(this.entries, s.entries, busy).entries;
	}

	async poll() {
		const t0 = Date.now();
		try {
			const res = await fetch(this.url, { headers: { accept: 'application/json' } });
			if (!res.ok || res.redirected || !res.headers.get('content-type')?.includes('json')) return;
			// The server's time is taken as of the middle of the round trip.
			this.receive((await res.json()) as SheetSnapshot, (t0 + Date.now()) / 2);
		} catch {
			// Offline: the next poll tries again; pending saves have their own retry.
		}
	}

	#applyStage(s: SheetSnapshot, requestedAt: number) {
		this.stageStatus = s.stage.status;
		this.endsAt = s.stage.endsAt;
		this.submittedAt = s.submittedAt;
		this.#offset = s.stage.serverNow - requestedAt;
		this.#clock = Date.now();
		this.isPaused = s.stage.isPaused === true;
		this.#pausedSeenAt = this.isPaused ? requestedAt : null;
		if (!this.isPaused && this.#failed.size > 0) this.flushAll();
	}

	#schedule(ref: string, ms: number) {
		const t = this.#timers.get(ref);
		if (t) clearTimeout(t);
		this.#timers.set(
			ref,
			setTimeout(() => {
				this.#timers.delete(ref);
				void this.#send(ref);
			}, ms)
		);
	}

	async #send(ref: string) {
		const e = this.entries[ref];
		if (!e?.isDirty) return;
		if (this.#inFlight.has(ref)) return void this.#again.add(ref);
		const seq = this.#seq.get(ref) ?? 0;
		this.#inFlight.add(ref);
		this.saving = this.#inFlight.size;
		try {
			const res = await fetch(this.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ ref, baseVersion: e.version, data: e.data })
			});
			await this.#handle(ref, seq, res);
		} catch {
			this.#failLater(ref, null);
		} finally {
			this.#inFlight.delete(ref);
			this.saving = this.#inFlight.size;
			if (this.#again.delete(ref)) this.#schedule(ref, 0);
		}
	}

	async #handle(ref: string, seq: number, res: Response) {
		if (res.redirected || !res.headers.get('content-type')?.includes('json')) {
			return this.#failLater(ref, res.redirected ? '登录已失效，请在新窗口重新登录；未保存的内容保留在本机' : null);
		}
		const body = (await res.json()) as { version?: number; savedAt?: number; code?: string; message?: string; current?: ServerEntry | null };
		if (res.ok) return this.#acknowledge(ref, seq, body.version!, body.savedAt!);
		if (res.status >= 500 || res.status === 429) return this.#failLater(ref, null);
		// Paused by the trainer: the edit waits here and is sent again once the drill goes on.
		if (body.code === 'drill.paused') return this.#failLater(ref, body.message ?? '比武已暂停');
		this.#failed.delete(ref);
		this.isRetrying = this.#failed.size > 0;
		if (body.code === 'drill.conflict') return this.#adopt(ref, body.current ?? null, body.message ?? '');
		if (body.code && CLOSING_CODES.has(body.code)) {
			this.closedBy = body.code;
			this.error = body.message ?? '保存被拒绝';
			this.#store.clear();
			return;
		}
		// A refusal that another try would not change (a bug, a stale page): say what, keep the edit.
		this.error = `“${this.#o.labelOf(ref)}”未保存：${body.message ?? '保存被拒绝'}`;
	}

	#acknowledge(ref: string, seq: number, version: number, savedAt: number) {
		const e = this.entries[ref];
		const isCurrent = (this.#seq.get(ref) ?? 0) === seq;
		this.entries = { ...this.entries, [ref]: { ...e, version, updatedBy: this.#o.userName, updatedAt: savedAt, isDirty: !isCurrent } };
		if (isCurrent) this.#store.remove(ref);
		else {
			// Typed while this save was on its way: send the rest on top of the version just made.
			this.#store.write(ref, { data: e.data, baseVersion: version, editedAt: Date.now() + this.#offset });
			this.#schedule(ref, 0);
		}
		this.lastSavedAt = savedAt;
		this.error = null;
		this.#failed.delete(ref);
		this.#attempt = 0;
		this.isRetrying = this.#failed.size > 0;
	}

	#adopt(ref: string, current: ServerEntry | null, message: string) {
		const e = this.entries[ref];
		this.#store.remove(ref);
		this.#seq.set(ref, (this.#seq.get(ref) ?? 0) + 1);
		const t = this.#timers.get(ref);
		if (t) clearTimeout(t);
		this.#timers.delete(ref);
		const base = current ?? { ref, data: null, version: 0, updatedBy: null, updatedAt: 0 };
		this.entries = { ...this.entries, [ref]: fromServer(base, (e?.revision ?? 0) + 1) };
		const who = current?.updatedBy ? `队友 ${current.updatedBy}` : '队友';
		const when = current?.updatedAt ? ` 于 ${formatTime(current.updatedAt)} ` : '';
		this.notice = `${message}：${who}${when}修改了“${this.#o.labelOf(ref)}”，表单已改为其内容，您在此项的修改未保存。`;
	}

	#failLater(ref: string, message: string | null) {
		this.#failed.add(ref);
		this.isRetrying = true;
		this.error = message;
		this.#attempt += 1;
		if (this.#retryTimer) return;
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			this.flushAll();
		}, backoffMs(this.#attempt));
	}

	#restore() {
		let restored = 0;
		for (const { ref, pending } of this.#store.all()) {
			const server = this.entries[ref];
			if (!pending || this.readOnlyReason || !shouldRestore(pending, server && server.version > 0 ? server : undefined)) {
				this.#store.remove(ref);
				continue;
			}
			const base = server ?? fromServer({ ref, data: null, version: 0, updatedBy: null, updatedAt: 0 });
			this.entries = { ...this.entries, [ref]: { ...base, data: pending.data, isDirty: true, revision: base.revision + 1 } };
			this.#schedule(ref, 0);
			restored += 1;
		}
		if (restored) this.notice = `已恢复本机上 ${restored} 项尚未保存的修改，正在保存。`;
	}
}
