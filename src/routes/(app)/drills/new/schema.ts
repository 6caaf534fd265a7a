import { z } from 'zod';
import { echoValues, optionalId, parseForm, requiredId, requiredText } from '$lib/server/forms';
import type { DrillInput, StageInput } from '$lib/server/drill/drills';
import type { StageKind } from '$lib/domain/drill/types';

export const MAX_TEAMS = 12;
const MAX_MEMBERS = 20;

/** The stages this build can run, with the form's defaults (weights sum to 100). */
export const STAGE_ROWS = [
	// 理论考试 is off on a fresh form (the other four already sum to 100); ticking it needs a published quiz.
	{ kind: 'theory', title: '理论考试', weight: 20, durationMinutes: 30, defaultIncluded: false },
	{ kind: 'hazard', title: '现场检查', weight: 50, durationMinutes: 60 },
	{ kind: 'procedure', title: '执法程序', weight: 25, durationMinutes: 30 },
	{ kind: 'document', title: '文书制作', weight: 15, durationMinutes: 60 },
	// 文明执法 is judged while the teams inspect: its window only bounds when judges may score.
	{ kind: 'conduct', title: '文明执法', weight: 10, durationMinutes: 120 }
] as const satisfies readonly (StageInput & { defaultIncluded?: boolean })[];

/** What the form sends back on a refusal: text fields as strings, checkbox groups as arrays. */
export type DrillFormValues = Record<string, string | string[]>;
export type DrillForm = { ok: true; data: DrillInput } | { ok: false; values: DrillFormValues; errors: Record<string, string> };

const isRealDate = (v: string) => {
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

function dateField(label: string) {
	return z
		.string({ error: `请填写${label}` })
		.trim()
		.min(1, `请填写${label}`)
		.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为“年-月-日”`)
		.refine(isRealDate, `${label}不是有效的日期`);
}

function intField(label: string, min: number, max: number) {
	return z
		.string({ error: `请填写${label}` })
		.trim()
		.min(1, `请填写${label}`)
		.regex(/^\d{1,6}$/, `${label}应为整数`)
		.transform(Number)
		.refine((n) => n >= min && n <= max, `${label}应在 ${min}–${max} 之间`);
}

const idList = (label: string, max: number) =>
	z
		.array(z.string().regex(/^\d{1,9}$/, `${label}的取值无效`).transform(Number), { error: `${label}的取值无效` })
		// No .transform() here: parseForm reads repeated keys as a list only when the schema is a plain array.
		.max(max, `${label}最多 ${max} 人`);

const baseSchema = z.object({
	title: requiredText('活动名称', 100),
	organizer: requiredText('主办单位', 100),
	venue: requiredText('比武地点', 100),
	startDate: dateField('开始日期'),
	endDate: dateField('结束日期'),
	scenarioVersionId: requiredId('场景版本'),
	judgeIds: idList('评委', 50),
	chiefJudgeId: optionalId('主评委')
});

const stageSchema = z.object({
	title: requiredText('阶段名称', 40),
	weight: intField('权重', 1, 100),
	durationMinutes: intField('时长', 1, 600)
});

/** Field names of a stage row and a team row, shared with the page. */
export const stageField = (kind: StageKind, f: 'Include' | 'Title' | 'Weight' | 'Minutes') => `${kind}${f}`;
export const teamField = (i: number, f: 'Name' | 'Members') => `team${i}${f}`;

/** Everything posted, for the page to show again: never loses what the trainer ticked. */
export function echoDrillForm(formData: FormData): DrillFormValues {
	const values: DrillFormValues = echoValues(formData);
	const lists = ['judgeIds', ...Array.from({ length: MAX_TEAMS }, (_, i) => teamField(i, 'Members'))];
	for (const k of lists) values[k] = formData.getAll(k).filter((v): v is string => typeof v === 'string');
	return values;
}

function parseStages(formData: FormData, errors: Record<string, string>): StageInput[] {
	const stages: StageInput[] = [];
	let isComplete = true;
	for (const row of STAGE_ROWS) {
		if (!formData.has(stageField(row.kind, 'Include'))) continue;
		const r = stageSchema.safeParse({
			title: formData.get(stageField(row.kind, 'Title')) ?? undefined,
			weight: formData.get(stageField(row.kind, 'Weight')) ?? undefined,
			durationMinutes: formData.get(stageField(row.kind, 'Minutes')) ?? undefined
		});
		if (r.success && row.kind === 'theory') {
			const quiz = String(formData.get('theoryQuizId') ?? '');
			const mode = String(formData.get('theoryMode') ?? 'team');
			if (!/^\d{1,9}$/.test(quiz)) {
				isComplete = false;
				errors.theoryQuizId = '请为理论考试选择一份已发布的测验';
			} else stages.push({ kind: row.kind, ...r.data, quizId: Number(quiz), theoryMode: mode === 'officer' ? 'officer' : 'team' });
		} else if (r.success) stages.push({ kind: row.kind, ...r.data });
		else {
			isComplete = false;
			const names = { title: 'Title', weight: 'Weight', durationMinutes: 'Minutes' } as const;
			for (const issue of r.error.issues) errors[stageField(row.kind, names[issue.path[0] as keyof typeof names])] ??= issue.message;
		}
	}
	if (!STAGE_ROWS.some((row) => formData.has(stageField(row.kind, 'Include')))) errors.stages = '请至少选择一个比赛阶段';
	const sum = stages.reduce((n, s) => n + s.weight, 0);
	// Only a complete set of weights can be judged; a missing one is already reported at its field.
	if (isComplete && stages.length && sum !== 100) errors.weights = `各阶段权重之和必须等于 100（当前为 ${sum}）`;
	return stages;
}

/** Team rows: a row with neither name nor members is ignored; anything else must be a whole team. */
function parseTeams(formData: FormData, errors: Record<string, string>): DrillInput['teams'] {
	const teams: DrillInput['teams'] = [];
	const names = new Set<string>();
	const teamOfMember = new Map<number, number>();
	for (let i = 0; i < MAX_TEAMS; i++) {
		const nameKey = teamField(i, 'Name');
		const membersKey = teamField(i, 'Members');
		const raw = formData.get(nameKey);
		const name = typeof raw === 'string' ? raw.trim() : '';
		const ids = formData.getAll(membersKey).map((v) => (typeof v === 'string' ? v : ''));
		if (!name && ids.length === 0) continue;
		if (!name) errors[nameKey] = `请填写第 ${i + 1} 队的队伍名称`;
		else if (name.length > 40) errors[nameKey] = '队伍名称不能超过 40 个字符';
		else if (names.has(name)) errors[nameKey] = `队伍名称“${name}”与前面的队伍重复`;
		names.add(name);
		if (ids.length === 0) errors[membersKey] = '请为该队选择至少一名队员';
		else if (ids.length > MAX_MEMBERS) errors[membersKey] = `每队最多 ${MAX_MEMBERS} 名队员`;
		else if (ids.some((v) => !/^\d{1,9}$/.test(v))) errors[membersKey] = '队员的取值无效，请刷新页面';
		const memberIds = [...new Set(ids.filter((v) => /^\d{1,9}$/.test(v)).map(Number))];
		const taken = memberIds.find((m) => teamOfMember.has(m));
		if (taken !== undefined && !errors[membersKey]) errors[membersKey] = `有队员已在第 ${teamOfMember.get(taken)! + 1} 队，同一名执法队员不能同时在两支队伍中`;
		for (const m of memberIds) if (!teamOfMember.has(m)) teamOfMember.set(m, i);
		teams.push({ name, unitId: null, memberIds });
	}
	if (teams.length === 0) errors.teams = '请至少添加一支参赛队伍（填写队伍名称并选择队员）';
	return teams;
}

/**
 * The new-drill form → DrillInput, or every problem at once keyed by field name (stage and team
 * rows included). The chief judge, when chosen, goes first: createDrill makes the first judge chief.
 */
export function parseDrillForm(formData: FormData): DrillForm {
	const base = parseForm(baseSchema, formData);
	const errors: Record<string, string> = base.ok ? {} : { ...base.errors };
	const stages = parseStages(formData, errors);
	const teams = parseTeams(formData, errors);
	if (base.ok) {
		const { chiefJudgeId, ...info } = base.data;
		const judgeIds = [...new Set(base.data.judgeIds)];
		if (info.endDate < info.startDate) errors.endDate = '结束日期不能早于开始日期';
		if (chiefJudgeId !== null && !judgeIds.includes(chiefJudgeId)) errors.chiefJudgeId = '主评委必须是勾选的评委之一';
		if (Object.keys(errors).length === 0) {
			const ordered = chiefJudgeId === null ? judgeIds : [chiefJudgeId, ...judgeIds.filter((j) => j !== chiefJudgeId)];
			return { ok: true, data: { ...info, stages, teams, judgeIds: ordered } };
		}
	}
	return { ok: false, values: echoDrillForm(formData), errors };
}

/** Where a refusal of createDrill belongs on the form. */
export function fieldOfError(code: string): string {
	if (code === 'drill.version_not_found') return 'scenarioVersionId';
	if (code === 'drill.judge_not_judge') return 'judgeIds';
	if (code === 'drill.weights_not_100' || code === 'drill.no_stages') return 'weights';
	if (code === 'drill.theory_quiz') return 'theoryQuizId';
	return 'teams';
}
