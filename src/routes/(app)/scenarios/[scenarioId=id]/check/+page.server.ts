import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { checkDraft } from '$lib/server/scenario/scenarios';
import { scenarioProblemMessage } from '$lib/i18n/zh';
import { problemHref } from '../links';

const TAB_LABELS = { profile: '企业概况', areas: '区域与检查点', procedure: '执法程序', questions: '情景处置', documents: '应制作文书' } as const;

export const load: PageServerLoad = ({ params, url }) => {
	requireRole('trainer', 'admin');
	const id = Number(params.scenarioId);
	const problems = checkDraft(getDb(), id);
	if (!problems) error(404, '未找到该场景');
	const sorted = [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
	return {
		published: Number(url.searchParams.get('published')) || null,
		blocked: url.searchParams.has('blocked'),
		problems: sorted.map((p) => ({
			severity: p.severity,
			message: scenarioProblemMessage(p),
			href: problemHref(id, p.at),
			place: TAB_LABELS[p.at.tab]
		}))
	};
};
