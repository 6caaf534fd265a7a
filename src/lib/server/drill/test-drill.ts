/** A drill on the test fixture scenario for server tests: two teams of two, judges, and a 文明执法 stage. */
import { createTestDb } from '../db/test-db';
import { user, userRole } from '../db/schema';
import { createScenario, publishScenario, updateDraft } from '../scenario/scenarios';
import { fixtureScenario } from '../../domain/scenario/test-fixture';
import { ok } from '../../domain/result';
import type { ScenarioContent } from '../../domain/scenario/types';
import type { DocumentValues } from '../../domain/document/types';
import { createDrill, type DrillInput, type StageInput } from './drills';
import { officerSheet } from './sheets';
import { seedTestQuiz } from '../quiz/test-quiz';

export const MIN = 60_000;
export const T0 = Date.UTC(2026, 10, 29, 1, 0, 0);

export const DEFAULT_STAGES: StageInput[] = [
	{ kind: 'hazard', title: '现场检查', weight: 60, durationMinutes: 60 },
	{ kind: 'procedure', title: '执法程序', weight: 20, durationMinutes: 30 },
	{ kind: 'conduct', title: '文明执法', weight: 20, durationMinutes: 90 }
];

/** Stages of a drill with a 理论考试 first (quizId filled in by setupDrill's `theory` option). */
export const THEORY_DRILL_STAGES: StageInput[] = [
	{ kind: 'theory', title: '理论考试', weight: 20, durationMinutes: 30 },
	{ kind: 'hazard', title: '现场检查', weight: 50, durationMinutes: 60 },
	{ kind: 'procedure', title: '执法程序', weight: 15, durationMinutes: 30 },
	{ kind: 'conduct', title: '文明执法', weight: 15, durationMinutes: 90 }
];

export function setupDrill(opts: { judges?: number; stages?: StageInput[]; theory?: boolean } = {}) {
	const db = createTestDb();
	const mk = (username: string, role: 'officer' | 'judge' | 'trainer') => {
		const u = db.insert(user).values({ username, displayName: username, passwordHash: 'x' }).returning().get();
		db.insert(userRole).values({ userId: u.id, role }).run();
		return u.id;
	};
	const trainer = mk('trainer', 'trainer');
	const [a1, a2, b1, b2, outsider] = ['a1', 'a2', 'b1', 'b2', 'x1'].map((n) => mk(n, 'officer'));
	const judges = Array.from({ length: opts.judges ?? 3 }, (_, i) => mk(`judge${i + 1}`, 'judge'));
	const otherJudge = mk('judge-other', 'judge');
	const scenarioId = createScenario(db, trainer, '测试');
	const publish = (content: ScenarioContent) => {
		updateDraft(db, trainer, scenarioId, 'fixture', () => ok(content));
		const v = publishScenario(db, trainer, scenarioId);
		if (!v.ok) throw new Error(`publish: ${v.error.code}`);
		return v.value.versionId;
	};
	const versionId = publish(fixtureScenario());
	// 理论考试: a published quiz of 4 questions × 5 points over a small bank (see test-quiz.ts).
	const quiz = opts.theory ? seedTestQuiz(db, trainer, { timeLimitMinutes: 20, attemptsAllowed: 3 }) : null;
	const stages = (opts.stages ?? (opts.theory ? THEORY_DRILL_STAGES : DEFAULT_STAGES)).map((s) => (s.kind === 'theory' && quiz ? { ...s, quizId: quiz.quizId } : s));
	const input: DrillInput = {
		title: '测试比武',
		organizer: '上饶市应急管理局',
		venue: '会议中心',
		startDate: '2026-11-29',
		endDate: '2026-11-29',
		scenarioVersionId: versionId,
		stages,
		teams: [
			{ name: '甲队', unitId: null, memberIds: [a1, a2] },
			{ name: '乙队', unitId: null, memberIds: [b1, b2] }
		],
		judgeIds: judges
	};
	const d = createDrill(db, trainer, input);
	if (!d.ok) throw new Error(d.error.code);
	const drillId = d.value.id;
	/** The officer's opaque id of an item, by its title. */
	const itemRef = (title: string, stageId = 1) => {
		const sheet = officerSheet(db, a1, drillId, stageId, T0);
		if (!sheet.ok) throw new Error(sheet.error.code);
		return sheet.value.view.areas.flatMap((a) => a.items).find((i) => i.title === title)!.id;
	};
	return { db, trainer, a1, a2, b1, b2, outsider, judges, otherJudge, drillId, teamA: 1, teamB: 2, versionId, publish, itemRef, quiz };
}

/** A fully right answer to the fixture's 除尘器 hazard (10 points). */
export const rightDustAnswer = (over: Record<string, unknown> = {}) => ({
	classification: 'major',
	violated: ['《安全生产法》第三十六条第一款'],
	penalty: ['《安全生产法》第九十九条第（二）项'],
	measures: ['stop_using_equipment'],
	deadlineDays: null,
	note: '',
	...over
});

/** A 现场检查 stage and a 文书制作 stage (stage ids 1 and 2 in a fresh database). */
export const DOCUMENT_DRILL_STAGES: StageInput[] = [
	{ kind: 'hazard', title: '现场检查', weight: 50, durationMinutes: 60 },
	{ kind: 'document', title: '文书制作', weight: 50, durationMinutes: 60 }
];

/** A 现场检查记录 for the fixture enterprise (the fixture scenario requires one, `d1`, worth 10 points). */
export const FIXTURE_INSPECTION_RECORD: DocumentValues = {
	numberRegion: '赣饶',
	numberYear: '2026',
	numberSeq: '20',
	agencyName: '上饶市应急管理局',
	unitName: '测试机械有限公司',
	unitAddress: '测试路 1 号',
	legalRepresentative: '张三',
	representativeTitle: '总经理',
	representativePhone: '0793-1234567',
	inspectionPlaces: '抛光车间',
	inspectionStart: '2026-11-29T09:00',
	inspectionEnd: '2026-11-29T11:30',
	officers: [
		{ name: '李执法', certificate: '36110001' },
		{ name: '张执法', certificate: '36110002' }
	],
	findings: [{ text: '除尘器：干式除尘器未设置泄爆口', isMajor: true }],
	otherFindings: '',
	officerSignature1: '李执法',
	officerSignature2: '张执法',
	unitSignature: '李四',
	documentDate: '2026-11-29'
};
