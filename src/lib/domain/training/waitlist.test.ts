import { describe, expect, it } from 'vitest';
import { cancel, enroll, placementOf, reconcile, type Waitlist } from './waitlist';

/** Frozen all the way down, so any mutation by the code under test throws. */
const w = (capacity: number, enrolled: number[], waiting: number[]): Waitlist =>
	Object.freeze({ capacity, enrolled: Object.freeze(enrolled), waiting: Object.freeze(waiting) });

describe('enroll', () => {
	it.each([
		['a free seat', w(2, [1], []), 5, w(2, [1, 5], []), { status: 'enrolled' }, []],
		['the last seat', w(2, [], []), 5, w(2, [5], []), { status: 'enrolled' }, []],
		['full: waits first', w(1, [1], []), 5, w(1, [1], [5]), { status: 'waiting', position: 1 }, []],
		['full: queues behind others', w(1, [1], [2, 3]), 5, w(1, [1], [2, 3, 5]), { status: 'waiting', position: 3 }, []],
		['capacity 0: everyone waits', w(0, [], []), 5, w(0, [], [5]), { status: 'waiting', position: 1 }, []],
		['over-full after a capacity cut: waits', w(1, [1, 2], []), 5, w(1, [1, 2], [5]), { status: 'waiting', position: 1 }, []],
		['free seats but a queue: the queue goes first', w(3, [1], [2, 3]), 5, w(3, [1, 2, 3], [5]), { status: 'waiting', position: 1 }, [2, 3]],
		['free seats left after the queue', w(4, [1], [2]), 5, w(4, [1, 2, 5], []), { status: 'enrolled' }, [2]]
	])('%s', (_, state, id, next, placement, promoted) => {
		expect(enroll(state, id)).toEqual({ ok: true, value: { state: next, promoted, ...placement } });
	});

	it.each([
		['holding a seat', w(2, [5], [])],
		['waiting', w(1, [1], [5])]
	])('refuses a learner already %s', (_, state) => {
		expect(enroll(state, 5)).toEqual({ ok: false, error: { code: 'enroll.already' } });
	});

	it('leaves the given state untouched', () => {
		const state = w(1, [1], [2]);
		enroll(state, 3);
		expect(state).toEqual({ capacity: 1, enrolled: [1], waiting: [2] });
	});

	it.each([
		[w(-1, [], []), 1],
		[w(1.5, [], []), 1],
		[w(Number.NaN, [], []), 1],
		[w(1, [], []), 0],
		[w(1, [], []), 2.5]
	])('throws on a corrupt state or id: %j, %s', (state, id) => {
		expect(() => enroll(state, id)).toThrow();
	});
});

describe('cancel', () => {
	it.each([
		['a seat, nobody waiting', w(2, [1, 2], []), 1, w(2, [2], []), []],
		['a seat: the first in line takes it', w(2, [1, 2], [3, 4]), 1, w(2, [2, 3], [4]), [3]],
		['a waiting place: nobody promoted', w(1, [1], [3, 4]), 3, w(1, [1], [4]), []],
		['a seat while over-full: still no free seat', w(1, [1, 2], [3]), 2, w(1, [1], [3]), []],
		['a seat with unreconciled free seats: all of them fill', w(3, [1], [3, 4, 5]), 1, w(3, [3, 4, 5], []), [3, 4, 5]],
		['capacity 0: nothing to promote', w(0, [], [3, 4]), 3, w(0, [], [4]), []]
	])('%s', (_, state, id, next, promoted) => {
		expect(cancel(state, id)).toEqual({ ok: true, value: { state: next, promoted } });
	});

	it('refuses a learner on neither list', () => {
		expect(cancel(w(1, [1], [2]), 9)).toEqual({ ok: false, error: { code: 'enroll.not_found' } });
	});
});

describe('reconcile', () => {
	it.each([
		['capacity raised', w(3, [1], [2, 3, 4]), w(3, [1, 2, 3], [4]), [2, 3]],
		['capacity raised beyond the queue', w(9, [1], [2]), w(9, [1, 2], []), [2]],
		['capacity lowered: nobody loses a seat', w(1, [1, 2, 3], [4]), w(1, [1, 2, 3], [4]), []],
		['capacity 0', w(0, [], [4]), w(0, [], [4]), []]
	])('%s', (_, state, next, promoted) => {
		expect(reconcile(state)).toEqual({ state: next, promoted });
	});

	it('returns the same state object when nothing moves', () => {
		const state = w(1, [1], [2]);
		expect(reconcile(state).state).toBe(state);
	});
});

describe('placementOf', () => {
	const state = w(1, [1], [2, 3]);
	it.each([
		[1, { status: 'enrolled' }],
		[3, { status: 'waiting', position: 2 }],
		[9, null]
	])('%d → %j', (id, expected) => {
		expect(placementOf(state, id)).toEqual(expected);
	});
});
