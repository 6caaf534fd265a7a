import { beforeEach, describe, expect, it, vi } from 'vitest';
import { error, isHttpError } from '@sveltejs/kit';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/session';
import { createTestDb } from '$lib/server/db/test-db';
import { user, userRole } from '$lib/server/db/schema';
import { createScenario, publishScenario, updateDraft } from '$lib/server/scenario/scenarios';
import { createDrill, openStage } from '$lib/server/drill/drills';
import { fixtureScenario } from '$lib/domain/scenario/test-fixture';
import { ok } from '$lib/domain/result';

// The routes' own checks run for real; only "who is signed in" and "which database" are stubbed.
let db: Db;
let current: SessionUser | null = null;
vi.mock('$lib/server/db', async (importOriginal) => ({ ...(await importOriginal<typeof import('$lib/server/db')>()), getDb: () => db }));
vi.mock('$lib/server/auth/guard', () => ({
	requireRole: (...roles: string[]) => {
		if (!current || !roles.some((r) => current!.roles.includes(r as never))) error(403, '无权访问');
		return current;
	}
}));

const { GET, POST } = await import('./[drillId=id]/stages/[stageId=id]/entries/+server');
const sheetPage = await import('../../(app)/drills/[drillId=id]/sheet/[stageId=id]/+page.server');

const ids: Record<string, number> = {};
const as = (name: string) => (current = { id: ids[name], username: name, displayName: name, unitId: null, roles: name === 'trainer' ? ['trainer'] : ['officer'] });

beforeEach(() => {
	db = createTestDb();
	for (const name of ['trainer', 'a1', 'b1', 'x1']) {
		const u = db.insert(user).values({ username: name, displayName: name, passwordHash: 'x' }).returning().get();
		db.insert(userRole).values({ userId: u.id, role: name === 'trainer' ? 'trainer' : 'officer' }).run();
		ids[name] = u.id;
	}
	const scenarioId = createScenario(db, ids.trainer, '测试');
	updateDraft(db, ids.trainer, scenarioId, 'fixture', () => ok(fixtureScenario()));
	const v = publishScenario(db, ids.trainer, scenarioId);
	if (!v.ok) throw new Error('publish');
	const d = createDrill(db, ids.trainer, {
		title: '测试比武',
		organizer: '局',
		venue: '会场',
		startDate: '2026-11-29',
		endDate: '2026-11-29',
		scenarioVersionId: v.value.versionId,
		stages: [
			{ kind: 'hazard', title: '现场检查', weight: 70, durationMinutes: 60 },
			{ kind: 'procedure', title: '执法程序', weight: 30, durationMinutes: 30 }
		],
		teams: [
			{ name: '甲队', unitId: null, memberIds: [ids.a1] },
			{ name: '乙队', unitId: null, memberIds: [ids.b1] }
		],
		judgeIds: []
	});
	if (!d.ok) throw new Error(d.error.code);
	current = null;
});

const params = { drillId: '1', stageId: '1' };
const loadSheet = (p = params) => sheetPage.load({ params: p } as never) as Record<string, unknown>;
const post = (payload: unknown, raw?: string) =>
	POST({ params, request: new Request('http://x/api', { method: 'POST', body: raw ?? JSON.stringify(payload) }) } as never) as Promise<Response>;
const get = () => GET({ params } as never) as Promise<Response>;

function httpStatus(fn: () => unknown): number | null {
	try {
		fn();
		return null;
	} catch (e) {
		return isHttpError(e) ? e.status : -1;
	}
}

describe('officer sheet page load', () => {
	it('sends nothing of the scenario before the stage opens', () => {
		as('a1');
		const data = loadSheet();
		expect(data.view).toBeNull();
		expect(JSON.stringify(data)).not.toContain('除尘器');
	});

	it('once open, sends the officer view and no key', () => {
		openStage(db, ids.trainer, 1, 1);
		as('a1');
		const json = JSON.stringify(loadSheet());
		expect(json).toContain('除尘器');
		for (const secret of ['SECRET', '"duct"', 'extinguisher', 'majorCriterion', '判定标准', 'salt', '两名执法人员出示证件']) expect(json).not.toContain(secret);
	});

	it('refuses outsiders (403), other roles (403) and unknown drills or stages (404)', () => {
		as('x1');
		expect(httpStatus(() => loadSheet())).toBe(403);
		as('trainer');
		expect(httpStatus(() => loadSheet())).toBe(403);
		as('a1');
		expect(httpStatus(() => loadSheet({ drillId: '9', stageId: '1' }))).toBe(404);
		expect(httpStatus(() => loadSheet({ drillId: '1', stageId: '9' }))).toBe(404);
	});
});

describe('entries endpoint', () => {
	it('saves, detects a conflict with the teammate’s version, and lists only the own team’s entries', async () => {
		openStage(db, ids.trainer, 1, 1);
		as('a1');
		const view = loadSheet().view as { areas: { items: { id: string }[] }[] };
		const ref = view.areas[0].items[0].id;
		const data = { classification: 'general', violated: [], penalty: [], measures: [], deadlineDays: null, note: '甲' };
		const saved = await post({ ref, baseVersion: 0, data });
		expect(saved.status).toBe(200);
		expect(await saved.json()).toMatchObject({ version: 1 });
		const conflict = await post({ ref, baseVersion: 0, data });
		expect(conflict.status).toBe(409);
		expect(await conflict.json()).toMatchObject({ code: 'drill.conflict', current: { ref, version: 1, updatedBy: 'a1', data: { note: '甲' } } });
		expect(((await (await get()).json()) as { entries: unknown[] }).entries).toHaveLength(1);
		as('b1');
		const b = (await (await get()).json()) as { entries: unknown[]; stage: { status: string } };
		expect(b).toMatchObject({ entries: [], stage: { status: 'open' } });
	});

	it.each([
		['not JSON', undefined, '{', 400, 'drill.bad_request'],
		['no data key', { ref: 'order', baseVersion: 0 }, undefined, 400, 'drill.bad_request'],
		['a long ref', { ref: 'x'.repeat(65), baseVersion: 0, data: null }, undefined, 400, 'drill.bad_request'],
		['a negative version', { ref: 'x', baseVersion: -1, data: null }, undefined, 400, 'drill.bad_request'],
		['an unknown item', { ref: 'nope', baseVersion: 0, data: null }, undefined, 422, 'drill.unknown_item'],
		['a bad answer', { ref: 'ITEM', baseVersion: 0, data: { classification: 'huge' } }, undefined, 422, 'drill.bad_answer']
	])('refuses %s with a 4xx and a Chinese message', async (_name, payload, raw, status, code) => {
		openStage(db, ids.trainer, 1, 1);
		as('a1');
		const ref = (loadSheet().view as { areas: { items: { id: string }[] }[] }).areas[0].items[0].id;
		const p = payload && (payload as { ref: string }).ref === 'ITEM' ? { ...payload, ref } : payload;
		const res = await post(p, raw);
		expect(res.status).toBe(status);
		const body = (await res.json()) as { code: string; message: string };
		expect(body.code).toBe(code);
		expect(body.message).toMatch(/[\u4e00-\u9fff]/);
	});

	it('refuses saves before the stage opens and for outsiders', async () => {
		as('a1');
		expect((await post({ ref: 'order', baseVersion: 0, data: null })).status).toBe(409);
		as('x1');
		const res = await post({ ref: 'order', baseVersion: 0, data: null });
		expect(res.status).toBe(403);
		expect((await get()).status).toBe(403);
	});
});
