import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { learnerQuizzes } from '$lib/server/quiz/attempts';

export const load: PageServerLoad = () => {
	const user = requireUser();
	return { quizzes: learnerQuizzes(getDb(), user.id) };
};
