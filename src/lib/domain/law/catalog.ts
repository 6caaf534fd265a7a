/**
 * The law catalog: which laws the product knows, how people write their names, and their status.
 * Pure data. Article texts are not here: they are imported from a dataset (see laws:import).
 *
 * Facts marked `verified: false` come from secondary sources or memory (../shared/domain/REPORT.md
 * legend 🟡/❓) and are shown as 未核实 in the library until someone checks them against the gazette.
 */
export const LAW_KINDS = ['法律', '行政法规', '部门规章', '地方性法规', '国家标准', '行业标准'] as const;
export type LawKind = (typeof LAW_KINDS)[number];

export const LAW_STATUSES = ['in_force', 'amended', 'repealed', 'not_yet_in_force'] as const;
export type LawStatus = (typeof LAW_STATUSES)[number];

export interface LawEntry {
	id: string;
	/** Full official title, without edition note. */
	title: string;
	/** Edition note shown after the title, e.g. 2021年修正. */
	edition?: string;
	/** The name used in canonical citations: 《安全生产法》. */
	shortTitle: string;
	/** Other names people write (full title and short title are always recognised). */
	aliases: string[];
	kind: LawKind;
	issuer: string;
	/** 文号 such as 应急管理部令第10号. */
	docNumber?: string;
	/** yyyy-mm-dd */
	effective: string;
	status: LawStatus;
	/** The law id that replaces this edition, when it is amended or repealed. */
	supersededBy?: string;
	/** A dataset law id + effective date that this entry imports (when the dataset id names another edition). */
	importFrom?: { datasetId: string; effective: string };
	/** Number of articles in this edition, when known: a citation beyond it cannot exist even if no text is loaded. */
	articleCount?: number;
	/** Whether the metadata above were checked against a primary text. */
	verified: boolean;
	note?: string;
}

export const LAW_CATALOG: readonly LawEntry[] = [
	{
		id: 'work-safety-law',
		title: '中华人民共和国安全生产法',
		edition: '2021年修正',
		shortTitle: '安全生产法',
		aliases: ['新安全生产法', '新安法'],
		kind: '法律',
		issuer: '全国人民代表大会常务委员会',
		docNumber: '中华人民共和国主席令第八十八号',
		effective: '2021-09-01',
		articleCount: 119,
		status: 'in_force',
		verified: true,
		note: '2021年6月10日第三次修正。条文序号与2014年版不同，例如隐患排查治理由第三十八条改为第四十一条。'
	},
	{
		id: 'work-safety-law-2014',
		title: '中华人民共和国安全生产法',
		edition: '2014年修正',
		shortTitle: '安全生产法（2014年修正）',
		aliases: [],
		kind: '法律',
		issuer: '全国人民代表大会常务委员会',
		effective: '2014-12-01',
		status: 'amended',
		supersededBy: 'work-safety-law',
		verified: false,
		note: '已被2021年修正版取代。旧题库和旧文书模板仍常引用本版条文序号，引用时请换算为2021年版。'
	},
	{
		id: 'admin-penalty-law',
		title: '中华人民共和国行政处罚法',
		edition: '2021年修订',
		shortTitle: '行政处罚法',
		aliases: [],
		kind: '法律',
		issuer: '全国人民代表大会常务委员会',
		docNumber: '中华人民共和国主席令第七十号',
		effective: '2021-07-15',
		articleCount: 86,
		status: 'in_force',
		verified: false,
		note: '施行日期已核实；主席令文号未核实。'
	},
	{
		id: 'admin-coercion-law',
		title: '中华人民共和国行政强制法',
		shortTitle: '行政强制法',
		aliases: [],
		kind: '法律',
		issuer: '全国人民代表大会常务委员会',
		docNumber: '中华人民共和国主席令第四十九号',
		effective: '2012-01-01',
		status: 'in_force',
		verified: false
	},
	{
		id: 'admin-reconsideration-law',
		title: '中华人民共和国行政复议法',
		edition: '2023年修订',
		shortTitle: '行政复议法',
		aliases: [],
		kind: '法律',
		issuer: '全国人民代表大会常务委员会',
		docNumber: '中华人民共和国主席令第九号',
		effective: '2024-01-01',
		status: 'in_force',
		verified: false,
		note: '施行日期已核实；主席令文号未核实。'
	},
	{
		id: 'admin-litigation-law',
		title: '中华人民共和国行政诉讼法',
		edition: '2017年修正',
		shortTitle: '行政诉讼法',
		aliases: [],
		kind: '法律',
		issuer: '全国人民代表大会常务委员会',
		docNumber: '中华人民共和国主席令第七十一号',
		effective: '2017-07-01',
		status: 'in_force',
		verified: false
	},
	{
		id: 'fire-law',
		title: '中华人民共和国消防法',
		edition: '2021年修正',
		shortTitle: '消防法',
		aliases: [],
		kind: '法律',
		issuer: '全国人民代表大会常务委员会',
		docNumber: '中华人民共和国主席令第八十一号',
		effective: '2021-04-29',
		status: 'in_force',
		verified: false
	},
	{
		id: 'special-equipment-law',
		title: '中华人民共和国特种设备安全法',
		shortTitle: '特种设备安全法',
		aliases: [],
		kind: '法律',
		issuer: '全国人民代表大会常务委员会',
		docNumber: '中华人民共和国主席令第四号',
		effective: '2014-01-01',
		status: 'in_force',
		verified: false
	},
	{
		id: 'occupational-disease-law',
		title: '中华人民共和国职业病防治法',
		edition: '2018年修正',
		shortTitle: '职业病防治法',
		aliases: [],
		kind: '法律',
		issuer: '全国人民代表大会常务委员会',
		docNumber: '中华人民共和国主席令第二十四号',
		effective: '2018-12-29',
		status: 'in_force',
		verified: false
	},
	{
		id: 'major-hazard-criteria',
		title: '工贸企业重大事故隐患判定标准',
		shortTitle: '工贸企业重大事故隐患判定标准',
		aliases: ['重大事故隐患判定标准', '判定标准', '10号令', '应急管理部令第10号', '应急管理部第10号令'],
		kind: '部门规章',
		issuer: '应急管理部',
		docNumber: '应急管理部令第10号',
		effective: '2023-05-15',
		articleCount: 15,
		status: 'in_force',
		verified: true,
		note: '共十五条、六十四种情形；废止了《工贸行业重大生产安全事故隐患判定标准（2017版）》。'
	},
	{
		id: 'dust-explosion-rules',
		title: '工贸企业粉尘防爆安全规定',
		shortTitle: '工贸企业粉尘防爆安全规定',
		aliases: ['粉尘防爆安全规定', '粉尘防爆规定', '6号令', '应急管理部令第6号', '应急管理部第6号令'],
		kind: '部门规章',
		issuer: '应急管理部',
		docNumber: '应急管理部令第6号',
		effective: '2021-09-01',
		articleCount: 32,
		status: 'in_force',
		verified: false,
		note: '五章三十二条（据二手资料）。'
	},
	{
		id: 'confined-space-rules',
		title: '工贸企业有限空间作业安全规定',
		shortTitle: '工贸企业有限空间作业安全规定',
		aliases: ['有限空间作业安全规定', '有限空间规定', '13号令', '应急管理部令第13号', '应急管理部第13号令'],
		kind: '部门规章',
		issuer: '应急管理部',
		docNumber: '应急管理部令第13号',
		effective: '2024-01-01',
		articleCount: 22,
		status: 'in_force',
		verified: false,
		note: '共二十二条（据二手资料）；取代原国家安全监管总局令第59号。引用第二十二条以后的条文属于按旧规章编号的错误。'
	},
	{
		id: 'training-rules',
		title: '生产经营单位安全培训规定',
		edition: '2015年修正',
		shortTitle: '生产经营单位安全培训规定',
		aliases: ['安全培训规定', '3号令', '总局令第3号', '国家安全监管总局令第3号'],
		kind: '部门规章',
		issuer: '原国家安全生产监督管理总局',
		docNumber: '原国家安全生产监督管理总局令第3号',
		effective: '2015-07-01',
		status: 'in_force',
		verified: false,
		note: '2006年公布，2013年、2015年修正；条文序号来自二手资料。'
	},
	{
		id: 'penalty-measures',
		title: '安全生产违法行为行政处罚办法',
		edition: '2025年',
		shortTitle: '安全生产违法行为行政处罚办法',
		aliases: ['行政处罚办法', '18号令', '应急管理部令第18号', '应急管理部第18号令'],
		kind: '部门规章',
		issuer: '应急管理部',
		docNumber: '应急管理部令第18号',
		effective: '2026-02-01',
		status: 'in_force',
		verified: false,
		note: '新办法于2025年11月27日公布、2026年2月1日施行；条文内容尚未取得，引用其条文前请核对原文。'
	},
	{
		id: 'penalty-measures-2015',
		title: '安全生产违法行为行政处罚办法',
		edition: '2015年修正',
		shortTitle: '安全生产违法行为行政处罚办法（2015年修正）',
		aliases: ['总局令第15号', '国家安全监管总局令第15号'],
		kind: '部门规章',
		issuer: '原国家安全生产监督管理总局',
		docNumber: '原国家安全生产监督管理总局令第15号',
		effective: '2015-05-01',
		status: 'repealed',
		supersededBy: 'penalty-measures',
		importFrom: { datasetId: 'penalty-measures', effective: '2015-05-01' },
		verified: false,
		note: '自2026年2月1日起由应急管理部令第18号新办法取代。'
	},
	{
		id: 'hazard-rules',
		title: '安全生产事故隐患排查治理暂行规定',
		shortTitle: '安全生产事故隐患排查治理暂行规定',
		aliases: ['隐患排查治理暂行规定', '16号令', '总局令第16号', '国家安全监管总局令第16号'],
		kind: '部门规章',
		issuer: '原国家安全生产监督管理总局',
		docNumber: '原国家安全生产监督管理总局令第16号',
		effective: '2008-02-01',
		status: 'in_force',
		verified: false,
		note: '未核实是否已被新的隐患排查治理规定取代；引用前请核对。'
	}
];

const BY_ID = new Map(LAW_CATALOG.map((l) => [l.id, l]));

export function getLaw(id: string): LawEntry | undefined {
	return BY_ID.get(id);
}

/**
 * Every name → law id, for the citation parser. Full titles and short titles of superseded editions are
 * left out when a current edition shares them, so that 安全生产法 means the 2021 text.
 */
export function lawNameIndex(): Map<string, string> {
	const index = new Map<string, string>();
	const add = (name: string, id: string) => {
		if (!index.has(name)) index.set(name, id);
	};
	const current = LAW_CATALOG.filter((l) => l.status === 'in_force' || l.status === 'not_yet_in_force');
	const old = LAW_CATALOG.filter((l) => !current.includes(l));
	for (const l of [...current, ...old]) {
		add(l.title, l.id);
		add(l.shortTitle, l.id);
		if (l.title.startsWith('中华人民共和国')) add(l.title.slice('中华人民共和国'.length), l.id);
		for (const a of l.aliases) add(a, l.id);
	}
	return index;
}
