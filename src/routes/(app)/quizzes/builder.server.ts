import type { Db } from '$lib/server/db';
import { categoryOptions, MAX_QUESTIONS_PER_QUIZ, ruleAvailability } from '$lib/server/quiz/quizzes';
import { DIFFICULTIES, type Difficulty } from '$lib/domain/quiz/types';
import { MAX_RULES } from './schema';

/** Key of the availability table: category id and difficulty ('' = any). */
export const availabilityKey = (categoryId: number | string, difficulty: Difficulty | null | string) => `${categoryId}:${difficulty ?? ''}`;

/**
 * What the rules editor needs besides the values: categories with their full path, and for every
 * category × difficulty how many active questions a rule could draw, so the count next to a rule
 * follows the trainer's choices without asking the server again.
 */
export function builderOptions(db: Db) {
	const categories = categoryOptions(db);
	const combos = categories.flatMap((c) => [null, ...DIFFICULTIES].map((difficulty) => ({ categoryId: c.id, difficulty, count: 1, points: 1 })));
	const counts = ruleAvailability(db, combos);
	const availability: Record<string, number> = {};
	combos.forEach((r, i) => (availability[availabilityKey(r.categoryId, r.difficulty)] = counts[i]));
	return { categories, availability, maxRules: MAX_RULES, maxQuestions: MAX_QUESTIONS_PER_QUIZ };
}
