/**
 * Pure helpers of the officer's answer sheet (现场检查 / 执法程序): form ⇄ answer conversion, merging
 * the server's entries into the ones being edited, restoring edits kept on the device, retry delays
 * and the submit summary. No DOM, no fetch: the sync class and the components call these.
 */
import { hazardAnswerInput, procedureOrderInput, questionAnswerInput, type HazardAnswerInput } from '$lib/domain/drill/answer-schema';

/** One entry of the team's sheet as this device knows it. */
export interface SyncEntry {
	ref: string;
	/** The answer shown (null: no record / withdrawn). */
	data: unknown;
	/** The server version `data` is based on (0: never saved). */
	version: number;
	updatedBy: string | null;
	/** Server ms of the last save the device knows of; 0 when never saved. */
	updatedAt: number;
	/** Edited here and not yet acknowledged by the server. */
	isDirty: boolean;
	/** Bumped whenever `data` is replaced from outside (a teammate, a conflict): forms re-read it then. */
	revision: number;
}

/** An entry as the server sends it (OfficerEntry). */
export interface ServerEntry {
	ref: string;
	data: unknown;
	version: number;
	updatedBy: string | null;
	updatedAt: number;
}

export function fromServer(e: ServerEntry, revision = 0): SyncEntry {
	return { ref: e.ref, data: e.data, version: e.version, updatedBy: e.updatedBy, updatedAt: e.updatedAt, isDirty: false, revision };
}

/**
 * Merges a fresh server read into the device's entries. Entries being edited here (dirty or being
 * saved) are left alone: their next save either lands or is refused as a conflict and adopts the
 * teammate's version then. Others take the server's newer version. Returns the refs that changed.
 */
export function mergeServerEntries(local: Record<string, SyncEntry>, server: readonly ServerEntry[], busy: ReadonlySet<string>) {
	const next = { ...local };
	const changed: string[] = [];
	for (const s of server) {
		const l = local[s.ref];
		if (!l) {
			next[s.ref] = fromServer(s);
			changed.push(s.ref);
		} else if (!l.isDirty && !busy.has(s.ref) && s.version > l.version) {
			next[s.ref] = fromServer(s, l.revision + 1);
			changed.push(s.ref);
		}
	}
	return { entries: next, changed };
}

/** An edit kept in localStorage until the server acknowledges it. */
export interface PendingEdit {
	data: unknown;
	baseVersion: number;
	/** When it was typed, in (estimated) server ms. */
	editedAt: number;
}

export const storageKey = (drillId: number, stageId: number, teamId: number, ref = '') => `drill-sheet:${drillId}:${stageId}:${teamId}:${ref}`;

export function parsePending(raw: string | null): PendingEdit | null {
	if (!raw) return null;
	try {
		const p = JSON.parse(raw) as Partial<PendingEdit>;
		if (typeof p !== 'object' || p === null || !('data' in p) || typeof p.baseVersion !== 'number' || typeof p.editedAt !== 'number') return null;
		return { data: p.data, baseVersion: p.baseVersion, editedAt: p.editedAt };
	} catch {
		return null;
	}
}

/**
 * Whether an edit found on the device after a reload is newer than the server's entry, so it should be
 * shown and saved again: yes when nobody saved since it was typed, or when it was typed after the
 * latest save. The re-save is based on the server's current version.
 */
export function shouldRestore(pending: PendingEdit, server: Pick<ServerEntry, 'version' | 'updatedAt'> | undefined): boolean {
	if (!server) return true;
	return pending.baseVersion >= server.version || pending.editedAt > server.updatedAt;
}

/** Retry delay after `attempt` failed saves in a row: 1 s, 2 s, 4 s … up to 30 s. */
export function backoffMs(attempt: number): number {
	return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}

/** 1:05:09 or 05:09; never negative. */
export function formatCountdown(ms: number): string {
	const s = Math.max(0, Math.ceil(ms / 1000));
	const h = Math.floor(s / 3600);
	const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
	const ss = String(s % 60).padStart(2, '0');
	return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

// ---- 记录隐患 form ----

export function emptyHazardAnswer(): HazardAnswerInput {
	return { classification: null, violated: [], penalty: [], measures: [], deadlineDays: null, note: '' };
}

/** The entry's data as a hazard record, or null when there is none (withdrawn, or not an answer). */
export function asHazardAnswer(data: unknown): HazardAnswerInput | null {
	const r = hazardAnswerInput.safeParse(data);
	return r.success ? r.data : null;
}

export const asCardIds = (data: unknown): string[] => {
	const r = procedureOrderInput.safeParse(data);
	return r.success ? r.data.cardIds : [];
};

export const asOptionIds = (data: unknown): string[] => {
	const r = questionAnswerInput.safeParse(data);
	return r.success ? r.data.optionIds : [];
};

/** What the form holds: provisions and the deadline as typed, so a new line or a half number survives. */
export interface HazardFormText {
	classification: 'general' | 'major' | null;
	violated: string;
	penalty: string;
	measures: HazardAnswerInput['measures'];
	deadlineDays: string;
	note: string;
}

export type HazardFormField = 'classification' | 'violated' | 'penalty' | 'measures' | 'deadlineDays' | 'note';

export const splitLines = (text: string) =>
	text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean);

export function toHazardForm(a: HazardAnswerInput): HazardFormText {
	return {
		classification: a.classification,
		violated: a.violated.join('\n'),
		penalty: a.penalty.join('\n'),
		measures: [...a.measures],
		deadlineDays: a.deadlineDays === null ? '' : String(a.deadlineDays),
		note: a.note
	};
}

/** The form as an answer the server accepts, or Chinese messages per field (the same schema the server uses). */
export function fromHazardForm(f: HazardFormText): { ok: true; data: HazardAnswerInput } | { ok: false; errors: Partial<Record<HazardFormField, string>> } {
	const days = f.deadlineDays.trim();
	if (days !== '' && !/^-?\d+$/.test(days)) return { ok: false, errors: { deadlineDays: '整改期限应为整数天' } };
	const r = hazardAnswerInput.safeParse({
		classification: f.classification,
		violated: splitLines(f.violated),
		penalty: splitLines(f.penalty),
		measures: f.measures,
		deadlineDays: days === '' ? null : Number(days),
		note: f.note
	});
	if (r.success) return { ok: true, data: r.data };
	const errors: Partial<Record<HazardFormField, string>> = {};
	for (const issue of r.error.issues) {
		const field = issue.path[0] as HazardFormField;
		errors[field] ??= issue.message;
	}
	return { ok: false, errors };
}

/** What the submit confirmation says about the 现场检查 sheet: only the team's own records, never the key. */
export function hazardSummary(answers: readonly HazardAnswerInput[]) {
	return {
		records: answers.length,
		noClassification: answers.filter((a) => a.classification === null).length,
		noViolated: answers.filter((a) => a.violated.length === 0).length,
		noPenalty: answers.filter((a) => a.penalty.length === 0).length,
		noMeasure: answers.filter((a) => a.measures.length === 0).length
	};
}

export function hazardSummaryText(s: ReturnType<typeof hazardSummary>): string {
	if (s.records === 0) return '本队还没有记录任何隐患。';
	const gaps = [
		s.noClassification && `${s.noClassification} 条未选择隐患等级`,
		s.noViolated && `${s.noViolated} 条未填写违法依据`,
		s.noPenalty && `${s.noPenalty} 条未填写处罚依据`,
		s.noMeasure && `${s.noMeasure} 条未选择现场处理措施`
	].filter(Boolean);
	return `本队共记录隐患 ${s.records} 条${gaps.length ? `，其中 ${gaps.join('、')}` : '，各项均已填写'}。`;
}

export function procedureSummaryText(cards: number, questions: number, answered: number): string {
	const order = cards === 0 ? '执法程序还没有排列任何步骤' : `执法程序已排列 ${cards} 个步骤`;
	const q = questions === 0 ? '' : answered === questions ? `；情景题 ${questions} 道均已作答` : `；情景题 ${questions} 道中有 ${questions - answered} 道未作答`;
	return `${order}${q}。`;
}
