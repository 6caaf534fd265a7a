import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { applyRoll, attendanceSheet, checkinWindow, enrolledScores, MAX_REASON_LENGTH, setExamResult, type RollMark } from '$lib/server/training/attendance';
import { sessionStatus } from '$lib/server/training/sessions';
import { issueCertificates, MIN_ATTENDANCE_SHARE, requiredCents } from '$lib/server/training/certificates';
import { toHalfWidth } from '$lib/domain/training/text';
import { errorText } from '$lib/i18n/zh';

const PAGE_SIZE = 50;

const filterSchema = z.object({
	q: z.string().trim().max(64).catch(''),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

/** A grid cell as the form names it: `slotId:traineeId`. */
const CELL = /^([1-9]\d{0,8}):([1-9]\d{0,8})$/;
const SCORE = /^\d{1,3}(\.\d)?$/;

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const filter = filterSchema.parse({ q: url.searchParams.get('q') ?? '', page: url.searchParams.get('page') ?? 1 });
	const now = Date.now();
	const sheet = attendanceSheet(getDb(), Number(params.sessionId), { query: filter.q, page: filter.page, pageSize: PAGE_SIZE });
	if (!sheet) error(404, '未找到该期培训');
	return {
		...sheet,
		slots: sheet.slots.map((s) => ({ ...s, isOpen: checkinWindow(s).opensAt <= now })),
		requiredHours: requiredCents(Math.round(sheet.plannedHours * 100)) / 100,
		minShare: MIN_ATTENDANCE_SHARE,
		editable: sheet.session.status === 'running' || sheet.session.status === 'ended',
		filter
	};
};

interface Outcome {
	action: 'save' | 'issue';
	ok: string | null;
	error: string | null;
	/** The submitted grid and scores, so a refused save can be shown again as it was typed. */
	present?: string[];
	scores?: Record<string, string>;
	reason?: string;
}

const refused = (o: Omit<Outcome, 'ok'>) => ({ ok: null, ...o });

export const actions: Actions = {
	/** Saves a page of the grid: the cells whose tick changed since the page was shown, then the exam scores typed. */
	save: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const db = getDb();
		const sessionId = Number(params.sessionId);
		const fd = await request.formData();
		const strings = (key: string) => fd.getAll(key).filter((v): v is string => typeof v === 'string');
		const shown = strings('shown').filter((c) => CELL.test(c));
		const was = new Set(strings('was'));
		const present = new Set(strings('present'));
		const reason = String(fd.get('reason') ?? '')
			.trim()
			.slice(0, MAX_REASON_LENGTH);
		const scores: Record<string, string> = {};
		for (const [key, value] of fd) {
			const m = /^score:([1-9]\d{0,8})$/.exec(key);
			if (m && typeof value === 'string') scores[m[1]] = toHalfWidth(value).trim();
		}
		const echo = { present: [...present], scores, reason };

		// Scores are checked before anything is written.
		if (!sessionStatus(db, sessionId)) error(404, '未找到该期培训');
		const current = enrolledScores(db, sessionId, Object.keys(scores).map(Number));
		const scoreChanges: { traineeId: number; score: number }[] = [];
		for (const [id, text] of Object.entries(scores)) {
			const row = current.get(Number(id));
			if (!text || !row) continue;
			if (!SCORE.test(text) || Number(text) > 100) {
				return fail(400, refused({ action: 'save', error: `${row.name}的考试成绩应为 0–100 之间的数，最多一位小数`, ...echo }));
			}
			if (row.score !== Number(text)) scoreChanges.push({ traineeId: Number(id), score: Number(text) });
		}

		const marks: RollMark[] = [];
		for (const cell of shown) {
			const isPresent = present.has(cell);
			if (isPresent === was.has(cell)) continue;
			const [, slotId, traineeId] = CELL.exec(cell)!;
			marks.push({ slotId: Number(slotId), traineeId: Number(traineeId), present: isPresent });
		}
		const removals = marks.filter((m) => !m.present).length;
		if (removals && !reason) {
			return fail(400, refused({ action: 'save', error: `取消 ${removals} 条已有的签到记录属于更正，请填写更正原因（记入审计日志）`, ...echo }));
		}
		const now = Date.now();
		const roll = applyRoll(db, user.id, sessionId, marks, reason || null, now);
		if (!roll.ok) {
			const who = roll.error.params?.name ? `${roll.error.params.name}：` : '';
			return fail(409, refused({ action: 'save', error: who + errorText(roll.error), ...echo }));
		}

		const problems: string[] = [];
		let scored = 0;
		for (const c of scoreChanges) {
			const r = setExamResult(db, user.id, sessionId, c.traineeId, c.score, now);
			if (r.ok) scored++;
			else problems.push(`${current.get(c.traineeId)!.name}：${errorText(r.error)}`);
		}
		const parts = [];
		if (roll.value.added) parts.push(`补登签到 ${roll.value.added} 条`);
		if (roll.value.removed) parts.push(`更正（取消）签到 ${roll.value.removed} 条`);
		if (scored) parts.push(`录入成绩 ${scored} 人`);
		const ok = parts.length ? `已保存：${parts.join('，')}` : '没有需要保存的修改';
		if (problems.length) return fail(409, { action: 'save' as const, ok, error: `以下成绩未保存：${problems.join('；')}`, ...echo });
		return { action: 'save' as const, ok, error: null };
	},

	issue: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = issueCertificates(getDb(), user.id, Number(params.sessionId), Date.now());
		if (!r.ok) return fail(409, refused({ action: 'issue', error: errorText(r.error) }));
		const { issued, alreadyIssued, shortOfHours, notPassed } = r.value;
		const skipped = [
			alreadyIssued ? `已有证书 ${alreadyIssued} 人` : '',
			shortOfHours ? `出勤学时不足 ${shortOfHours} 人` : '',
			notPassed ? `考试未通过或无成绩 ${notPassed} 人` : ''
		].filter(Boolean);
		const head = issued.length ? `已发放 ${issued.length} 张培训合格证明` : '没有新发放的证书';
		return { action: 'issue' as const, ok: skipped.length ? `${head}（${skipped.join('，')}）` : head, error: null };
	}
};
