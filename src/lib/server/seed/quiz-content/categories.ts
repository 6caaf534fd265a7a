/**
 * The demo question bank's category tree. `key` is a stable handle for the seed (questions and quiz
 * rules name categories by key); `parent` is the key of the parent category or null for a root.
 * Parents come before their children, so the seeder can insert in array order.
 */
export interface SeedCategory {
	key: string;
	name: string;
	parent: string | null;
}

export const CATEGORIES: SeedCategory[] = [
	{ key: 'law', name: '安全生产法律法规', parent: null },
	{ key: 'wsl', name: '安全生产法（2021）', parent: 'law' },
	{ key: 'wsl-responsibility', name: '主体责任与安全生产管理机构', parent: 'wsl' },
	{ key: 'wsl-safeguards', name: '安全生产保障措施与隐患排查治理', parent: 'wsl' },
	{ key: 'wsl-workers', name: '从业人员的安全生产权利义务', parent: 'wsl' },
	{ key: 'wsl-supervision', name: '监督管理与事故应急救援', parent: 'wsl' },
	{ key: 'wsl-liability', name: '法律责任', parent: 'wsl' },
	{ key: 'procedure', name: '行政处罚与执法程序', parent: 'law' },
	{ key: 'criteria', name: '重大事故隐患判定标准', parent: null },
	{ key: 'special', name: '专项安全', parent: null },
	{ key: 'dust', name: '粉尘防爆', parent: 'special' },
	{ key: 'confined', name: '有限空间作业', parent: 'special' },
	{ key: 'training', name: '安全培训', parent: null }
];
