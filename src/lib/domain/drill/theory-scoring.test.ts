import { describe, expect, it } from 'vitest';
import { scoreTheoryStage } from './scoring';

describe('scoreTheoryStage', () => {
	it.each([
		// members' scores → team score (mean, absent = 0), of a 100-point quiz
		{ name: 'all submitted', scores: [80, 90], total: 85 },
		{ name: 'one absent counts 0', scores: [80, null], total: 40 },
		{ name: 'three members, thirds rounded per line', scores: [100, 100, 0], total: 66.66 },
		{ name: 'nobody submitted', scores: [null, null], total: 0 },
		{ name: 'no members', scores: [], total: 0 }
	])('$name', ({ scores, total }) => {
		const r = scoreTheoryStage(
			scores.map((score, i) => ({ userId: i + 1, name: `队员${i + 1}`, score })),
			100
		);
		expect(r.total).toBe(total);
		expect(r.max).toBe(100);
		expect(r.lines).toHaveLength(scores.length);
		expect(r.lines.every((l) => l.rule === 'theory.member')).toBe(true);
	});

	it('lists members in a stable order whatever order they come in', () => {
		const a = scoreTheoryStage([{ userId: 2, name: '乙', score: 10 }, { userId: 1, name: '甲', score: 30 }], 50);
		expect(a.lines.map((l) => [l.label, l.points])).toEqual([['甲', 15], ['乙', 5]]);
	});
});
