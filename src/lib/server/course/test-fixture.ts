/** Test data for the course tests: users of each kind, quizzes and attempts inserted directly. */
import type { Db } from '../db';
import { createTestDb } from '../db/test-db';
import { quiz, quizAttempt, user, unit, type AttemptStatus } from '../db/schema';
import type { Role, StaffCategory } from '../../domain/roles';
import type { Viewer } from './courses';

const REVIEW = { score: true, correctness: true, answers: false, explanations: false };

export function setupCourses() {
	const db = createTestDb();
	const bureau = db.insert(unit).values({ name: '某县应急管理局', kind: 'department' }).returning().get().id;
	const enterprise = db.insert(unit).values({ name: '某某机械有限公司', kind: 'enterprise', sector: 'machinery' }).returning().get().id;
	const person = (username: string, displayName: string, staffCategory: StaffCategory | null, unitId: number | null) =>
		db.insert(user).values({ username, displayName, passwordHash: 'x', staffCategory, unitId }).returning().get().id;
	const viewer = (id: number, ...roles: Role[]): Viewer => ({ id, roles });
	const ids = {
		trainer: person('trainer', '王老师', null, bureau),
		manager: person('manager', '张伟', 'safety_manager', enterprise),
		worker: person('worker', '李强', 'other', enterprise),
		uncategorised: person('nocat', '赵敏', null, null)
	};
	return {
		db,
		bureau,
		enterprise,
		...ids,
		trainerV: viewer(ids.trainer, 'trainer'),
		managerV: viewer(ids.manager, 'learner'),
		workerV: viewer(ids.worker, 'learner'),
		uncategorisedV: viewer(ids.uncategorised, 'learner')
	};
}

export function addQuiz(db: Db, title: string, status: 'draft' | 'published' = 'published'): number {
	return db.insert(quiz).values({ title, status, reviewAfterSubmit: REVIEW, reviewAfterClose: REVIEW }).returning().get().id;
}

let attemptNo = 0;

/** An attempt row as the quiz engine leaves it; defaults: submitted and passed, stand-alone context ''. */
export function addAttempt(
	db: Db,
	userId: number,
	quizId: number,
	opts: { status?: AttemptStatus; passed?: boolean | null; context?: string } = {}
): void {
	const status = opts.status ?? 'submitted';
	db.insert(quizAttempt)
		.values({
			quizId,
			userId,
			context: opts.context ?? '',
			attemptNo: ++attemptNo,
			startedAt: 1,
			submittedAt: status === 'submitted' ? 2 : null,
			status,
			slots: [],
			score: status === 'submitted' ? 80 : null,
			maxScore: 100,
			passed: opts.passed === undefined ? status === 'submitted' : opts.passed
		})
		.run();
}
