import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, requiredText } from '$lib/server/forms';
import { getQuiz } from '$lib/server/quiz/quizzes';
import { quizAttempts, regradePreview, regradeQuiz } from '$lib/server/quiz/attempts';
import { errorText } from '$lib/i18n/zh';

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
const regradeSchema = z.object({ reason: requiredText('重新评分的原因', 200) });

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const quizId = Number(params.quizId);
	const q = getQuiz(db, quizId);
	if (!q) error(404, '未找到该测验');
	return {
		quiz: { id: q.id, title: q.title, passMark: q.passMark },
		...quizAttempts(db, quizId, pageSchema.parse(url.searchParams.get('page') ?? 1)),
		// Regrading every submitted attempt is work: only when the trainer asks for the preview.
		preview: url.searchParams.has('preview') ? regradePreview(db, quizId) : null
	};
};

export const actions: Actions = {
	regrade: async ({ params, request }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(regradeSchema, await request.formData());
		if (!input.ok) return fail(400, { ok: null, error: null, reasonError: input.errors.reason ?? '请填写重新评分的原因', reason: input.values.reason ?? '' });
		const r = regradeQuiz(getDb(), user.id, Number(params.quizId), input.data.reason);
		if (!r.ok) return fail(404, { ok: null, error: errorText(r.error), reasonError: null, reason: input.data.reason });
		const { attempts, changed } = r.value;
		return { ok: `已按现在的试题和答案重新评分 ${attempts} 份答卷，其中 ${changed} 份成绩有变化；已记入审计日志。`, error: null, reasonError: null, reason: '' };
	}
};
