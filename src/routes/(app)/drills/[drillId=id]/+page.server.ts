import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { echoValues, parseForm, requiredId, requiredText } from '$lib/server/forms';
import { closeStage, endDrill, extendTeam, getDrill, openStage, publishedVersions, RUNNABLE_STAGE_KINDS, setDebriefOpen } from '$lib/server/drill/drills';
import { drillProgress } from '$lib/server/drill/progress';
import { drillPauses, freezeNow, isPaused, pauseDrill, renewPublicToken, resumeDrill, reveal, setBoardSettings } from '$lib/server/drill/controls';
import { isJudgedKind, setRubric, stagesWithScores, unlockJudgedStage } from '$lib/server/drill/judging';
import { effectiveEnd } from '$lib/domain/drill/clock';
import { freezeState } from '$lib/domain/drill/freeze';
import { formatRubric, parseRubric } from '$lib/domain/drill/rubric';
import { errorText } from '$lib/i18n/zh';

const stageSchema = z.object({ stageId: requiredId('阶段') });

const extendSchema = z.object({
	teamId: requiredId('队伍'),
	stageId: requiredId('阶段'),
	minutes: z
		.string({ error: '请填写延长分钟数' })
		.trim()
		.min(1, '请填写延长分钟数')
		.regex(/^\d{1,3}$/, '延长分钟数应为整数')
		.transform(Number)
		.refine((n) => n >= 1 && n <= 60, '延长分钟数应在 1–60 之间'),
	reason: requiredText('延长原因', 200)
});

const reasonSchema = z.object({ reason: requiredText('原因', 200) });
const rubricSchema = z.object({ stageId: requiredId('阶段'), rubric: requiredText('评分细则', 2000) });
const unlockSchema = z.object({ stageId: requiredId('阶段'), reason: requiredText('解除锁定的原因', 200) });

const count = (label: string, max: number) =>
	z
		.string({ error: `请填写${label}` })
		.trim()
		.regex(/^\d{1,3}$/, `${label}应为整数`)
		.transform(Number)
		.refine((n) => n <= max, `${label}不能超过 ${max}`);
const boardSchema = z.object({
	freezeMinutes: count('封榜分钟数', 600),
	awardFirst: count('一等奖数量', 100),
	awardSecond: count('二等奖数量', 100),
	awardThird: count('三等奖数量', 100)
});

export const load: PageServerLoad = ({ params }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const found = getDrill(db, Number(params.drillId));
	if (!found) error(404, '未找到该比武活动');
	const { drill: d, stages, teams, judges } = found;
	const version = publishedVersions(db).find((v) => v.id === d.scenarioVersionId);
	const now = Date.now();
	const pauses = drillPauses(db, d.id);
	const scored = stagesWithScores(db, stages.map((s) => s.id));
	const freeze = freezeState({ freezeMinutes: d.freezeMinutes, frozenAt: d.frozenAt, revealedAt: d.revealedAt, lastStageEndsAt: stages.at(-1)?.endsAt ?? null }, now);
	return {
		drill: { id: d.id, title: d.title, organizer: d.organizer, venue: d.venue, startDate: d.startDate, endDate: d.endDate, status: d.status, debriefOpen: d.debriefOpen },
		pause: { isPaused: isPaused(pauses), since: pauses.find((p) => p.to === null)?.from ?? null },
		board: {
			freezeMinutes: d.freezeMinutes,
			awardFirst: d.awardFirst,
			awardSecond: d.awardSecond,
			awardThird: d.awardThird,
			isFrozen: freeze.isFrozen,
			frozenSince: freeze.since,
			revealedAt: d.revealedAt,
			publicPath: d.publicToken ? `/board/${d.publicToken}` : null
		},
		version: version ? `${version.title} v${version.number}` : null,
		stages: stages.map((s) => ({
			id: s.id,
			kind: s.kind,
			title: s.title,
			weight: s.weight,
			durationMinutes: s.durationMinutes,
			status: s.status,
			// The clock as officers see it: paused time moves the end.
			endsAt: s.endsAt === null ? null : effectiveEnd(s.endsAt, [], 0, pauses, now),
			closedAt: s.closedAt,
			isRunnable: RUNNABLE_STAGE_KINDS.includes(s.kind),
			judged: isJudgedKind(s.kind) ? { rubricText: formatRubric(s.rubric ?? []), hasScores: scored.has(s.id), lockedAt: s.lockedAt } : null
		})),
		teams: teams.map((t) => ({ id: t.id, name: t.name, members: t.members.map((m) => ({ id: m.userId, username: m.username, displayName: m.displayName })) })),
		judges: judges.map((j) => ({ id: j.userId, displayName: j.displayName, isChief: j.isChief })),
		progress: drillProgress(db, d.id),
		// The clock the countdowns run on: the page works out its offset from the browser's clock.
		serverNow: now
	};
};

/** What every action of this page returns, so the page can tell where to show it. */
type Outcome = { action: 'stage' | 'debrief' | 'extend' | 'pause' | 'board' | 'rubric'; message: string; teamId?: number; values?: Record<string, string>; errors?: Record<string, string> };
const done = (o: Outcome) => ({ ...o, isError: false });
const refused = (o: Outcome) => ({ ...o, isError: true });

export const actions: Actions = {
	open: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(stageSchema, await request.formData());
		if (!input.ok) return fail(400, refused({ action: 'stage', message: input.errors.stageId }));
		const r = openStage(getDb(), user.id, Number(params.drillId), input.data.stageId);
		if (!r.ok) return fail(409, refused({ action: 'stage', message: errorText(r.error) }));
		return done({ action: 'stage', message: '阶段已开始，计时以服务器时间为准' });
	},
	close: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(stageSchema, await request.formData());
		if (!input.ok) return fail(400, refused({ action: 'stage', message: input.errors.stageId }));
		const r = closeStage(getDb(), user.id, Number(params.drillId), input.data.stageId);
		if (!r.ok) return fail(409, refused({ action: 'stage', message: errorText(r.error) }));
		return done({ action: 'stage', message: '阶段已结束，各队不能再修改本阶段答卷' });
	},
	extend: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const teamId = Number(formData.get('teamId')) || undefined;
		const input = parseForm(extendSchema, formData);
		if (!input.ok) return fail(400, refused({ action: 'extend', teamId, message: '请按提示修改', values: input.values, errors: input.errors }));
		const { stageId, minutes, reason } = input.data;
		const r = extendTeam(getDb(), user.id, Number(params.drillId), input.data.teamId, stageId, minutes, reason);
		if (!r.ok) return fail(409, refused({ action: 'extend', teamId, message: errorText(r.error), values: echoValues(formData), errors: {} }));
		return done({ action: 'extend', teamId, message: `已延长 ${minutes} 分钟` });
	},
	openDebrief: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = setDebriefOpen(getDb(), user.id, Number(params.drillId), true);
		if (!r.ok) return fail(409, refused({ action: 'debrief', message: errorText(r.error) }));
		return done({ action: 'debrief', message: '讲解已开放，各队现在可以查看答案和逐项得分' });
	},
	closeDebrief: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = setDebriefOpen(getDb(), user.id, Number(params.drillId), false);
		if (!r.ok) return fail(409, refused({ action: 'debrief', message: errorText(r.error) }));
		return done({ action: 'debrief', message: '讲解已关闭' });
	},
	end: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = endDrill(getDb(), user.id, Number(params.drillId));
		if (!r.ok) return fail(409, refused({ action: 'stage', message: errorText(r.error) }));
		return done({ action: 'stage', message: r.value.closedStages ? `比武已结束，${r.value.closedStages} 个进行中的阶段已同时结束` : '比武已结束' });
	},
	pause: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(reasonSchema, await request.formData());
		if (!input.ok) return fail(400, refused({ action: 'pause', message: input.errors.reason, values: input.values, errors: input.errors }));
		const r = pauseDrill(getDb(), user.id, Number(params.drillId), input.data.reason);
		if (!r.ok) return fail(409, refused({ action: 'pause', message: errorText(r.error) }));
		return done({ action: 'pause', message: '比武已暂停：各队计时停止，暂停期间不能保存' });
	},
	resume: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = resumeDrill(getDb(), user.id, Number(params.drillId));
		if (!r.ok) return fail(409, refused({ action: 'pause', message: errorText(r.error) }));
		return done({ action: 'pause', message: `比武继续，各队时间顺延 ${Math.ceil(r.value.pausedMs / 1000)} 秒` });
	},
	board: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(boardSchema, await request.formData());
		if (!input.ok) return fail(400, refused({ action: 'board', message: '请按提示修改', values: input.values, errors: input.errors }));
		const r = setBoardSettings(getDb(), user.id, Number(params.drillId), input.data);
		if (!r.ok) return fail(409, refused({ action: 'board', message: errorText(r.error) }));
		return done({ action: 'board', message: '封榜与奖项设置已保存' });
	},
	freeze: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = freezeNow(getDb(), user.id, Number(params.drillId));
		if (!r.ok) return fail(409, refused({ action: 'board', message: errorText(r.error) }));
		return done({ action: 'board', message: '已封榜：参赛队员和大屏保持当前成绩，直到揭晓' });
	},
	reveal: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = reveal(getDb(), user.id, Number(params.drillId));
		if (!r.ok) return fail(409, refused({ action: 'board', message: errorText(r.error) }));
		return done({ action: 'board', message: '成绩已揭晓：大屏和参赛队员现在看到最终成绩和奖项' });
	},
	renewLink: ({ params }) => {
		const user = requireRole('trainer', 'admin');
		const r = renewPublicToken(getDb(), user.id, Number(params.drillId));
		if (!r.ok) return fail(409, refused({ action: 'board', message: errorText(r.error) }));
		return done({ action: 'board', message: '大屏链接已更换，旧链接已失效' });
	},
	rubric: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const formData = await request.formData();
		const input = parseForm(rubricSchema, formData);
		if (!input.ok) return fail(400, refused({ action: 'rubric', message: input.errors.rubric ?? input.errors.stageId, values: input.values, errors: input.errors }));
		const rubric = parseRubric(input.data.rubric);
		const values = echoValues(formData);
		if (!rubric.ok) return fail(400, refused({ action: 'rubric', message: errorText(rubric.error), values, errors: { rubric: errorText(rubric.error) } }));
		const r = setRubric(getDb(), user.id, Number(params.drillId), input.data.stageId, rubric.value);
		if (!r.ok) return fail(409, refused({ action: 'rubric', message: errorText(r.error), values, errors: {} }));
		return done({ action: 'rubric', message: '评分细则已保存' });
	},
	unlock: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(unlockSchema, await request.formData());
		if (!input.ok) return fail(400, refused({ action: 'stage', message: input.errors.reason ?? input.errors.stageId }));
		const r = unlockJudgedStage(getDb(), user.id, Number(params.drillId), input.data.stageId, input.data.reason);
		if (!r.ok) return fail(409, refused({ action: 'stage', message: errorText(r.error) }));
		return done({ action: 'stage', message: '已解除评分锁定，评委可以修改评分' });
	}
};
