import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { echoValues, parseForm, requiredId, requiredText } from '$lib/server/forms';
import { closeStage, extendTeam, getDrill, openStage, publishedVersions, RUNNABLE_STAGE_KINDS, setDebriefOpen } from '$lib/server/drill/drills';
import { drillProgress } from '$lib/server/drill/progress';
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

export const load: PageServerLoad = ({ params }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const found = getDrill(db, Number(params.drillId));
	if (!found) error(404, '未找到该比武活动');
	const { drill: d, stages, teams, judges } = found;
	const version = publishedVersions(db).find((v) => v.id === d.scenarioVersionId);
	return {
		drill: { id: d.id, title: d.title, organizer: d.organizer, venue: d.venue, startDate: d.startDate, endDate: d.endDate, status: d.status, debriefOpen: d.debriefOpen },
		version: version ? `${version.title} v${version.number}` : null,
		stages: stages.map((s) => ({
			id: s.id,
			kind: s.kind,
			title: s.title,
			weight: s.weight,
			durationMinutes: s.durationMinutes,
			status: s.status,
			endsAt: s.endsAt,
			closedAt: s.closedAt,
			isRunnable: RUNNABLE_STAGE_KINDS.includes(s.kind)
		})),
		teams: teams.map((t) => ({ id: t.id, name: t.name, members: t.members.map((m) => ({ id: m.userId, username: m.username, displayName: m.displayName })) })),
		judges: judges.map((j) => ({ id: j.userId, displayName: j.displayName, isChief: j.isChief })),
		progress: drillProgress(db, d.id),
		// The clock the countdowns run on: the page works out its offset from the browser's clock.
		serverNow: Date.now()
	};
};

/** What every action of this page returns, so the page can tell where to show it. */
type Outcome = { action: 'stage' | 'debrief' | 'extend'; message: string; teamId?: number; values?: Record<string, string>; errors?: Record<string, string> };
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
	}
};
