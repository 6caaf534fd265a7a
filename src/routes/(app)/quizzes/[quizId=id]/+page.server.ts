import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { choice } from '$lib/server/forms';
import { attemptCount, categoryOptions, deleteQuiz, getQuiz, maxScoreOf, quizUsage, sampleDraw, setQuizStatus, updateQuiz } from '$lib/server/quiz/quizzes';
import { stemExcerpt } from '$lib/domain/quiz/bank-rules';
import type { Difficulty, QuestionType } from '$lib/domain/quiz/types';
import { errorText } from '$lib/i18n/zh';
import { builderOptions } from '../builder.server';
import { echoQuizForm, fieldOfError, parseQuizForm, quizFormValues, type QuizFormValues } from '../schema';

interface SampleQuestion {
	n: number;
	questionId: number;
	type: QuestionType;
	difficulty: Difficulty;
	excerpt: string;
	categoryPath: string;
	points: number;
}

/** Every action answers in one shape: a line of success or refusal, the builder's echo, or a sample draw. */
interface Outcome {
	ok: string | null;
	error: string | null;
	values: QuizFormValues | null;
	errors: Record<string, string>;
	sample: { seed: number; questions: SampleQuestion[]; maxScore: number } | null;
}
const outcome = (more: Partial<Outcome>): Outcome => ({ ok: null, error: null, values: null, errors: {}, sample: null, ...more });

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const quizId = Number(params.quizId);
	const q = getQuiz(db, quizId);
	if (!q) error(404, '未找到该测验');
	return {
		quiz: { id: q.id, title: q.title, status: q.status, questionCount: q.rules.reduce((n, r) => n + r.count, 0), maxScore: maxScoreOf(q.rules) },
		values: quizFormValues(q),
		...builderOptions(db),
		attempts: attemptCount(db, quizId),
		usage: quizUsage(db, quizId),
		created: url.searchParams.has('created')
	};
};

/** Role check first (actions do not run the load), then the quiz id of the URL. */
function guard(event: RequestEvent) {
	const user = requireRole('trainer', 'admin');
	return { user, quizId: Number(event.params.quizId) };
}

const statusSchema = z.object({ status: choice('状态', ['draft', 'published'] as const) });

export const actions: Actions = {
	save: async (event) => {
		const { user, quizId } = guard(event);
		const formData = await event.request.formData();
		const parsed = parseQuizForm(formData);
		if (!parsed.ok) return fail(400, outcome({ values: parsed.values, errors: parsed.errors }));
		const r = updateQuiz(getDb(), user.id, quizId, parsed.data);
		if (!r.ok) {
			const message = errorText(r.error);
			return fail(r.error.code === 'quiz.not_found' ? 404 : 409, outcome({ error: message, values: echoQuizForm(formData), errors: { [fieldOfError(r.error)]: message } }));
		}
		return outcome({ ok: '已保存' });
	},

	status: async (event) => {
		const { user, quizId } = guard(event);
		const input = statusSchema.safeParse({ status: (await event.request.formData()).get('status') ?? undefined });
		if (!input.success) return fail(400, outcome({ error: '状态的取值无效，请刷新页面' }));
		const r = setQuizStatus(getDb(), user.id, quizId, input.data.status);
		if (!r.ok) return fail(409, outcome({ error: input.data.status === 'published' ? `不能发布：${errorText(r.error)}` : errorText(r.error) }));
		return outcome({ ok: input.data.status === 'published' ? '测验已发布，学员现在可以作答（在开放时间内）' : '测验已取消发布，学员不能再开始作答；已有的作答记录保留' });
	},

	delete: async (event) => {
		const { user, quizId } = guard(event);
		const r = deleteQuiz(getDb(), user.id, quizId);
		if (!r.ok) return fail(409, outcome({ error: errorText(r.error) }));
		redirect(303, '/quizzes?deleted');
	},

	sample: async (event) => {
		const { quizId } = guard(event);
		const db = getDb();
		const seed = (Math.random() * 2 ** 31) >>> 0;
		const r = sampleDraw(db, quizId, seed);
		if (!r.ok) return fail(409, outcome({ error: `抽不出样卷：${errorText(r.error)}` }));
		const paths = new Map(categoryOptions(db).map((c) => [c.id, c.path]));
		const byId = new Map(r.value.questions.map((q) => [q.id, q]));
		const questions = r.value.slots.flatMap((s, i): SampleQuestion[] => {
			const q = byId.get(s.questionId);
			return q ? [{ n: i + 1, questionId: q.id, type: q.type as QuestionType, difficulty: q.difficulty as Difficulty, excerpt: stemExcerpt(q.stem, 120), categoryPath: paths.get(q.categoryId) ?? '', points: s.points }] : [];
		});
		return outcome({ sample: { seed, questions, maxScore: maxScoreOf(r.value.slots.map((s) => ({ count: 1, points: s.points }))) } });
	}
};
