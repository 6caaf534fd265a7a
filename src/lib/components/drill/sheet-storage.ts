import { parsePending, storageKey, type PendingEdit } from './sheet-logic';

/**
 * Edits of one team's sheet kept in localStorage until the server acknowledges them, keyed by
 * drill/stage/team/ref, so a reload, a crash or a dead battery loses nothing that was typed.
 */
export class PendingStore {
	#prefix: string;

	constructor(drillId: number, stageId: number, teamId: number) {
		this.#prefix = storageKey(drillId, stageId, teamId);
	}

	/** Every kept edit by ref; unreadable ones come back as null (and are best removed). */
	all(): { ref: string; pending: PendingEdit | null }[] {
		const out: { ref: string; pending: PendingEdit | null }[] = [];
		for (let i = 0; i < localStorage.length; i++) {
			const k = localStorage.key(i);
			if (k?.startsWith(this.#prefix)) out.push({ ref: k.slice(this.#prefix.length), pending: parsePending(localStorage.getItem(k)) });
		}
		return out;
	}

	write(ref: string, p: PendingEdit) {
		try {
			localStorage.setItem(this.#prefix + ref, JSON.stringify(p));
		} catch {
			// Storage full or disabled (private mode): the save itself still goes out.
		}
	}

	remove(ref: string) {
		localStorage.removeItem(this.#prefix + ref);
	}

	clear() {
		for (const { ref } of this.all()) this.remove(ref);
	}
}
