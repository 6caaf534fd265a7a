/**
 * Autosave of a quiz attempt in the browser: every change is sent at once (text after a short pause),
 * kept in localStorage until the server acknowledges it, retried with backoff while the network is down,
 * and restored after a reload. One request per slot is in flight at a time; a newer edit of the same
 * slot waits and replaces the older one.
 */
import type { Response } from '$lib/domain/quiz/types';

export interface SlotState {
	response: Response | null;
	flagged: boolean;
}

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'offline'; pending: number } | { kind: 'error'; message: string };

const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 15_000];

export class QuizSync {
	status = $state<Status>({ kind: 'idle' });
	/** The server refused further saves (submitted or time up): the page should move to the review. */
	closed = $state(false);
	readonly #attemptId: number;
	readonly #key: string;
	#pending = new Map<number, SlotState>();
	#inFlight = new Set<number>();
	#timers = new Map<number, ReturnType<typeof setTimeout>>();
	#retry = 0;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(attemptId: number) {
		this.#attemptId = attemptId;
		this.#key = `quiz-attempt:${attemptId}`;
	}

	/** Edits kept on this device from before a reload (not yet acknowledged), to apply and resend. */
	restore(): Map<number, SlotState> {
		try {
			const raw = localStorage.getItem(this.#key);
			if (!raw) return new Map();
			const entries = JSON.parse(raw) as [number, SlotState][];
			this.#pending = new Map(entries);
			for (const slot of this.#pending.keys()) this.#send(slot);
			return new Map(this.#pending);
		} catch {
			return new Map();
		}
	}

	#persist() {
		try {
			if (this.#pending.size) localStorage.setItem(this.#key, JSON.stringify([...this.#pending]));
			else localStorage.removeItem(this.#key);
		} catch {
			// private mode or full storage: saving still works while the page stays open
		}
	}

	/** Queues a slot's new state; `delayMs` lets typing settle before the request. */
	change(slot: number, state: SlotState, delayMs = 0) {
		this.#pending.set(slot, state);
		this.#persist();
		clearTimeout(this.#timers.get(slot));
		if (delayMs > 0) this.#timers.set(slot, setTimeout(() => this.#send(slot), delayMs));
		else this.#send(slot);
	}

	get pendingCount() {
		return this.#pending.size;
	}

	/** Sends everything waiting now (before submitting); resolves when nothing is pending or sending fails. */
	async flush(): Promise<boolean> {
		for (const [slot, t] of this.#timers) {
			clearTimeout(t);
			this.#timers.delete(slot);
		}
		await Promise.all([...this.#pending.keys()].map((slot) => this.#send(slot)));
		return this.#pending.size === 0;
	}

	async #send(slot: number): Promise<void> {
		if (this.closed || this.#inFlight.has(slot)) return;
		const state = this.#pending.get(slot);
		if (!state) return;
		this.#inFlight.add(slot);
		this.status = { kind: 'saving' };
		try {
			const res = await fetch(`/api/attempts/${this.#attemptId}/answers`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ slot, response: state.response, flagged: state.flagged })
			});
			const body = await res.json().catch(() => ({}));
			if (res.ok) {
				// Only forget the edit if no newer one arrived meanwhile.
				if (this.#pending.get(slot) === state) this.#pending.delete(slot);
				this.#persist();
				this.#retry = 0;
				this.status = this.#pending.size ? { kind: 'saving' } : { kind: 'saved', at: body.savedAt ?? Date.now() };
			} else if (res.status === 409 || res.status === 404) {
				this.closed = true;
				this.#pending.clear();
				this.#persist();
				this.status = { kind: 'error', message: body.message ?? '本次作答已结束' };
			} else if (res.status >= 400 && res.status < 500) {
				this.#pending.delete(slot);
				this.#persist();
				this.status = { kind: 'error', message: body.message ?? '保存失败' };
			} else throw new Error(String(res.status));
		} catch {
			this.status = { kind: 'offline', pending: this.#pending.size };
			this.#scheduleRetry();
		} finally {
			this.#inFlight.delete(slot);
		}
		if (!this.closed && this.#pending.has(slot) && this.#pending.get(slot) !== state && this.#retryTimer === null) void this.#send(slot);
	}

	#scheduleRetry() {
		if (this.#retryTimer !== null) return;
		const wait = RETRY_MS[Math.min(this.#retry, RETRY_MS.length - 1)];
		this.#retry++;
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			for (const slot of this.#pending.keys()) void this.#send(slot);
		}, wait);
	}

	destroy() {
		for (const t of this.#timers.values()) clearTimeout(t);
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
	}
}
