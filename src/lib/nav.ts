import type { Role } from '$lib/domain/roles';

export interface NavItem {
	href: string;
	label: string;
	roles: readonly Role[];
}

/** The side navigation; each entry shows only to users holding one of its roles. */
export const NAV: readonly NavItem[] = [
	{ href: '/admin', label: '管理概览', roles: ['admin'] },
	{ href: '/admin/users', label: '用户管理', roles: ['admin'] },
	{ href: '/admin/units', label: '单位管理', roles: ['admin'] },
	{ href: '/admin/audit', label: '审计日志', roles: ['admin'] },
	{ href: '/admin/laws', label: '法规数据', roles: ['admin'] },
	{ href: '/workbench', label: '工作台', roles: ['trainer'] },
	{ href: '/scenarios', label: '场景库', roles: ['trainer', 'admin'] },
	{ href: '/drills', label: '比武活动', roles: ['trainer', 'admin'] },
	{ href: '/training', label: '培训期次', roles: ['trainer', 'admin'] },
	{ href: '/training/dashboard', label: '培训统计', roles: ['trainer', 'admin'] },
	{ href: '/bank', label: '题库', roles: ['trainer', 'admin'] },
	{ href: '/quizzes', label: '测验', roles: ['trainer', 'admin'] },
	{ href: '/courses', label: '课程', roles: ['trainer', 'admin', 'learner'] },
	{ href: '/quiz', label: '在线测验', roles: ['learner'] },
	{ href: '/judging', label: '我的评分', roles: ['judge'] },
	{ href: '/my-drills', label: '我的比武', roles: ['officer'] },
	{ href: '/documents', label: '文书练习', roles: ['officer', 'trainer'] },
	{ href: '/my-training', label: '我的培训', roles: ['learner'] },
	{ href: '/laws', label: '法规库', roles: ['admin', 'trainer', 'judge', 'officer', 'learner'] },
	{ href: '/account', label: '账号与密码', roles: ['admin', 'trainer', 'judge', 'officer', 'learner'] }
];

export function navFor(roles: readonly Role[]): NavItem[] {
	return NAV.filter((item) => item.roles.some((r) => roles.includes(r)));
}

/** The nav entry a path belongs to: the longest href that prefixes it. */
export function activeHref(items: readonly NavItem[], path: string): string | null {
	let best: string | null = null;
	for (const { href } of items) {
		if ((path === href || path.startsWith(href + '/')) && (!best || href.length > best.length)) best = href;
	}
	return best;
}
