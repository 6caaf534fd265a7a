/**
 * Demo content for the question bank, two courses and the drill's 理论考试: typed data only, seeded by
 * the seed script. All legal references are checked by content.test.ts against the law catalog and,
 * when present, the shared law dataset.
 */
import { CONFINED_QUESTIONS } from './questions-confined';
import { DUST_QUESTIONS } from './questions-dust';
import { LAW_QUESTIONS } from './questions-law';
import { LIABILITY_QUESTIONS } from './questions-liability';
import { PROCEDURE_QUESTIONS } from './questions-procedure';
import { STANDARD_QUESTIONS } from './questions-standards';
import { SUPERVISION_QUESTIONS } from './questions-supervision';
import { TRAINING_QUESTIONS } from './questions-training';
import { WORKER_QUESTIONS } from './questions-workers';
import type { SeedQuestion } from './define';

export { CATEGORIES, type SeedCategory } from './categories';
export { COURSES, STANDALONE_QUIZZES, THEORY_QUIZ, type SeedCourse, type SeedLesson, type SeedQuiz, type SeedQuizRule } from './courses';
export type { SeedQuestion } from './define';

export const QUESTIONS: SeedQuestion[] = [
	...LAW_QUESTIONS,
	...WORKER_QUESTIONS,
	...SUPERVISION_QUESTIONS,
	...LIABILITY_QUESTIONS,
	...PROCEDURE_QUESTIONS,
	...STANDARD_QUESTIONS,
	...DUST_QUESTIONS,
	...CONFINED_QUESTIONS,
	...TRAINING_QUESTIONS
];
