/**
 * Seats of a training session (培训班) with a waiting list. Pure and immutable: each call returns a new
 * state, so the server can compute the change, write it in one transaction and audit who moved where.
 *
 * Rules:
 * - first come, first served: the waiting list is a queue and nobody jumps it, not even when seats are
 *   free but the list has not been reconciled yet (a newcomer then queues behind those already waiting);
 * - capacity 0 means no seats: everyone waits;
 * - lowering the capacity never removes anyone who holds a seat: the session is simply over-full until
 *   cancellations bring it under the new capacity, and only then are waiting learners promoted.
 */
import { err, ok, type Result } from '../result';

export interface Waitlist {
	/** Seats, a non-negative integer. */
	capacity: number;
	/** Learner ids holding a seat, in enrollment order. */
	enrolled: readonly number[];
	/** Learner ids waiting, first in line first. */
	waiting: readonly number[];
}

export type EnrollmentStatus = 'enrolled' | 'waiting';

export interface Placement {
	status: EnrollmentStatus;
	/** 1-based place in the waiting list; only for 'waiting'. */
	position?: number;
}

/** Learners moved from the waiting list to a seat by the call, in the order they were promoted. */
export interface Change {
	state: Waitlist;
	promoted: readonly number[];
}

function assertValid(state: Waitlist): void {
	if (!Number.isSafeInteger(state.capacity) || state.capacity < 0) throw new Error(`waitlist: bad capacity ${state.capacity}`);
}

function assertId(id: number): void {
	if (!Number.isSafeInteger(id) || id < 1) throw new Error(`waitlist: bad learner id ${id}`);
}

/** Promotes waiting learners, first in line first, while seats are free (after a capacity change, for instance). */
export function reconcile(state: Waitlist): Change {
	assertValid(state);
	const free = Math.max(0, state.capacity - state.enrolled.length);
	const promoted = state.waiting.slice(0, free);
	if (promoted.length === 0) return { state, promoted };
	return { state: { capacity: state.capacity, enrolled: [...state.enrolled, ...promoted], waiting: state.waiting.slice(free) }, promoted };
}

/** Where a learner stands, or null when not on either list. */
export function placementOf(state: Waitlist, learnerId: number): Placement | null {
	if (state.enrolled.includes(learnerId)) return { status: 'enrolled' };
	const i = state.waiting.indexOf(learnerId);
	return i < 0 ? null : { status: 'waiting', position: i + 1 };
}

/**
 * Enrolls a learner: a seat if one is free, otherwise the end of the waiting list. The state is reconciled
 * first, so `promoted` may name learners who were already waiting for seats freed earlier.
 */
export function enroll(state: Waitlist, learnerId: number): Result<Change & Placement, 'enroll.already'> {
	assertId(learnerId);
	if (placementOf(state, learnerId)) return err('enroll.already');
	const { state: s, promoted } = reconcile(state);
	if (s.enrolled.length < s.capacity) {
		return ok({ state: { ...s, enrolled: [...s.enrolled, learnerId] }, promoted, status: 'enrolled' });
	}
	const waiting = [...s.waiting, learnerId];
	return ok({ state: { ...s, waiting }, promoted, status: 'waiting', position: waiting.length });
}

/**
 * Withdraws a learner from a seat or from the waiting list. When a seat is freed, the first learner in
 * line takes it and is returned in `promoted` (the server notifies them).
 */
export function cancel(state: Waitlist, learnerId: number): Result<Change, 'enroll.not_found'> {
	assertId(learnerId);
	const placement = placementOf(state, learnerId);
	if (!placement) return err('enroll.not_found');
	const next: Waitlist =
		placement.status === 'enrolled'
			? { ...state, enrolled: state.enrolled.filter((id) => id !== learnerId) }
			: { ...state, waiting: state.waiting.filter((id) => id !== learnerId) };
	return ok(reconcile(next));
}
