import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeStage, openStage } from './drills';
import { saveEntry } from './sheets';
import { MIN, rightDustAnswer, setupDrill, T0 } from './test-drill';

// Counts the scoreboard computations (the expensive part: every team's sheets scored) behind live.ts.
vi.mock('./results', async (importOriginal) => {
	const actual = await importOriginal<typeof import('./results')>();
	return { ...actual, standings: vi.fn(actual.standings) };
});
const { standings } = await import('./results');
const { currentStandings, standingsStream, TICK_MS, viewerCount } = await import('./live');

const HAZARD = 1;
const decoder = new TextDecoder();

/** Every stream a test opens, cancelled after it (the hubs are per drill id, and every test's drill is 1). */
const opened: ReadableStreamDefaultReader<Uint8Array>[] = [];
function open(s: ReturnType<typeof setupDrill>, view: 'live' | 'public') {
	const reader = standingsStream(() => s.db, s.drillId, view).body!.getReader();
	opened.push(reader);
	return reader;
}

/** The standings of a stream's next event. */
async function nextEvent(reader: ReadableStreamDefaultReader<Uint8Array>) {
	const { value } = await reader.read();
	const m = /^event: standings\ndata: (.*)\n\n$/.exec(decoder.decode(value));
	if (!m) throw new Error(`not a standings event: ${decoder.decode(value)}`);
	return JSON.parse(m[1]) as { teams: { name: string; total: number }[] };
}
const totalOf = (board: { teams: { name: string; total: number }[] } | null, name: string) => board!.teams.find((t) => t.name === name)!.total;

function drillWithOpenHazard() {
	const s = setupDrill();
	openStage(s.db, s.trainer, s.drillId, HAZARD, T0);
	return s;
}

/** Team A gets the 除尘器 right: 60 × 10 / 14 = 42.86 on the live board. */
function teamAScores(s: ReturnType<typeof setupDrill>) {
	const r = saveEntry(s.db, s.a1, { drillId: s.drillId, stageId: HAZARD, ref: s.itemRef('除尘器'), baseVersion: 0, data: rightDustAnswer() });
	expect(r.ok).toBe(true);
}

beforeEach(() => {
	vi.useFakeTimers({ now: T0 + MIN });
	vi.mocked(standings).mockClear();
});
afterEach(async () => {
	for (const reader of opened.splice(0)) await reader.cancel();
	vi.useRealTimers();
});

describe('scoreboard viewers arriving while the drill is watched', () => {
	it('200 streams opened within one tick cost one computation of their view, and each starts with the standings', async () => {
		const s = drillWithOpenHazard();
		const readers = Array.from({ length: 200 }, () => open(s, 'live'));
		for (const reader of readers) expect(totalOf(await nextEvent(reader), '甲队')).toBe(0);
		expect(viewerCount(s.drillId)).toBe(200);
		// a scoreboard page loaded meanwhile gets the same standings
		expect(totalOf(currentStandings(s.db, s.drillId, 'live'), '乙队')).toBe(0);
		expect(standings).toHaveBeenCalledTimes(1);
		// another view is computed for itself
		await nextEvent(open(s, 'public'));
		expect(vi.mocked(standings).mock.calls.map((c) => c[2])).toEqual(['live', 'public']);
		for (const reader of readers) await reader.cancel();
		expect(viewerCount(s.drillId)).toBe(1);
		await opened.at(-1)!.cancel();
		expect(viewerCount(s.drillId)).toBe(0);
	});

	it('a change reaches every viewer at the next tick, and an arrival sees it no later than that', async () => {
		const s = drillWithOpenHazard();
		const reader = open(s, 'live');
		expect(totalOf(await nextEvent(reader), '甲队')).toBe(0);
		teamAScores(s);
		// within the tick: the hub's standings, as the open streams show them
		vi.advanceTimersByTime(TICK_MS - 100);
		expect(totalOf(currentStandings(s.db, s.drillId, 'live'), '甲队')).toBe(0);
		vi.advanceTimersByTime(100);
		expect(totalOf(await nextEvent(reader), '甲队')).toBe(42.86);
		const calls = vi.mocked(standings).mock.calls.length;
		expect(totalOf(currentStandings(s.db, s.drillId, 'live'), '甲队')).toBe(42.86);
		expect(standings).toHaveBeenCalledTimes(calls); // the tick's, not computed again
	});

	it('a view nobody streams is kept for page loads no longer than a tick', async () => {
		const s = drillWithOpenHazard();
		teamAScores(s);
		const reader = open(s, 'live');
		await nextEvent(reader);
		expect(totalOf(currentStandings(s.db, s.drillId, 'public'), '甲队')).toBe(0); // the open stage is not shown
		closeStage(s.db, s.trainer, s.drillId, HAZARD);
		vi.advanceTimersByTime(TICK_MS - 1);
		expect(totalOf(currentStandings(s.db, s.drillId, 'public'), '甲队')).toBe(0);
		vi.advanceTimersByTime(1);
		expect(totalOf(currentStandings(s.db, s.drillId, 'public'), '甲队')).toBe(42.86);
		expect(vi.mocked(standings).mock.calls.filter((c) => c[2] === 'public')).toHaveLength(2);
	});

	it('while nobody watches, every page load computes the standings afresh', () => {
		const s = drillWithOpenHazard();
		expect(totalOf(currentStandings(s.db, s.drillId, 'live'), '甲队')).toBe(0);
		teamAScores(s);
		expect(totalOf(currentStandings(s.db, s.drillId, 'live'), '甲队')).toBe(42.86);
		expect(standings).toHaveBeenCalledTimes(2);
	});
});
