import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { listQuizzes } from '$lib/server/quiz/quizzes';

// A page number is user input: anything odd falls back to the first page instead of a 500.
const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export const load: PageServerLoad = ({ url }) => {
	requireRole('trainer', 'admin');
	return { ...listQuizzes(getDb(), { page: pageSchema.parse(url.searchParams.get('page') ?? 1) }), deleted: url.searchParams.has('deleted') };
};
