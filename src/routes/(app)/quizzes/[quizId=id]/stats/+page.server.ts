import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { getQuiz } from '$lib/server/quiz/quizzes';
import { quizItemReport } from '$lib/server/quiz/stats';

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const quizId = Number(params.quizId);
	const q = getQuiz(db, quizId);
	const onlyFlagged = url.searchParams.get('flagged') === '1';
	const report = q ? quizItemReport(db, quizId, { page: pageSchema.parse(url.searchParams.get('page') ?? 1), onlyFlagged }) : null;
	if (!q || !report) error(404, '未找到该测验');
	return { quiz: { id: q.id, title: q.title }, report, onlyFlagged };
};
