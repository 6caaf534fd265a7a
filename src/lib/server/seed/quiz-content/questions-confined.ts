/**
 * 有限空间作业: 《工贸企业有限空间作业安全规定》(应急管理部令第13号) and 判定标准第十三条.
 * The dataset holds only 第五条 (first paragraph) and 第二十一条 (lead-in and item 一) of the 规定, and
 * 判定标准第十三条 with item 一 complete and item 二 cut off after "未落实有限空间作业审批，或者未".
 */
import { citation, fill, multiple, single, truefalse, type SeedQuestion } from './define';

const CS = '《工贸企业有限空间作业安全规定》';
const STD = '《工贸企业重大事故隐患判定标准》';
const LAW = '《中华人民共和国安全生产法》';
const K = 'confined';

export const CONFINED_QUESTIONS: SeedQuestion[] = [
	single({
		category: K,
		difficulty: 1,
		stem: '《工贸企业有限空间作业安全规定》要求工贸企业对有限空间作业实行（　）。',
		options: ['监护制', '轮岗制', '承包制', '值班制'],
		answer: 'A',
		explanation: '《工贸企业有限空间作业安全规定》第五条要求实行有限空间作业监护制，明确专职或者兼职的监护人员。',
		provisions: `${CS}第五条`,
		tags: ['监护制']
	}),
	truefalse({
		category: K,
		difficulty: 1,
		stem: '有限空间作业的监护人员只能由专职人员担任，不得由兼职人员担任。',
		answer: false,
		explanation: '《工贸企业有限空间作业安全规定》第五条规定明确"专职或者兼职"的监护人员，兼职也可以，但必须明确到人并履行监护职责。',
		provisions: `${CS}第五条`,
		tags: ['监护人员']
	}),
	single({
		category: K,
		difficulty: 2,
		stem: '有限空间作业监护人员的职责是（　）。',
		options: [
			'在作业期间兼顾其他岗位的巡检',
			'代替作业人员进入有限空间作业',
			'负责作业的经济核算',
			'负责监督有限空间作业安全措施的落实'
		],
		answer: 'D',
		explanation: '《工贸企业有限空间作业安全规定》第五条规定监护人员负责监督有限空间作业安全措施的落实。',
		provisions: `${CS}第五条`,
		tags: ['监护人员', '职责']
	}),
	single({
		category: K,
		difficulty: 2,
		stem: '工贸企业进行有限空间作业未配备监护人员的，应当责令限期改正，对企业处（　）。',
		options: ['1万元以下的罚款', '10万元以下的罚款', '5万元以下的罚款', '20万元以上50万元以下的罚款'],
		answer: 'C',
		explanation: '《工贸企业有限空间作业安全规定》第二十一条第（一）项：对企业处5万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处1万元以下的罚款。',
		provisions: `${CS}第二十一条第（一）项`,
		tags: ['罚则', '监护人员']
	}),
	fill({
		category: K,
		difficulty: 2,
		stem: '工贸企业有限空间作业的监护人员未按规定履行岗位职责的，对其直接负责的主管人员和其他直接责任人员处＿＿＿＿万元以下的罚款。',
		accepted: ['1', '一'],
		explanation: '见《工贸企业有限空间作业安全规定》第二十一条第（一）项；对企业本身处5万元以下的罚款。',
		provisions: `${CS}第二十一条第（一）项`,
		tags: ['罚则', '监护人员']
	}),
	citation({
		category: K,
		difficulty: 2,
		stem: '某污水处理站清淤作业时，池外无人监护。请写出《工贸企业有限空间作业安全规定》中对"未配备监护人员"设定罚则的条款（写到项）。',
		answer: `${CS}第二十一条第（一）项`,
		explanation: '监护制的义务在《工贸企业有限空间作业安全规定》第五条，罚则在第二十一条第（一）项。',
		provisions: `${CS}第二十一条第（一）项`,
		tags: ['监护人员', '法条引用']
	}),
	multiple({
		category: K,
		difficulty: 2,
		stem: '关于有限空间作业监护，下列说法正确的有（　）。',
		options: [
			'作业人员经验丰富的，可以不设监护人员',
			'工贸企业应当实行有限空间作业监护制',
			'监护人员可以是专职的，也可以是兼职的',
			'未配备监护人员的，可以对企业处5万元以下的罚款'
		],
		answer: ['B', 'C', 'D'],
		scoring: 'partial',
		explanation: 'B、C 见《工贸企业有限空间作业安全规定》第五条，D 见第二十一条第（一）项；监护制不因作业人员经验而免除。',
		provisions: `${CS}第五条、第二十一条第（一）项`,
		tags: ['监护制', '罚则']
	}),
	single({
		category: K,
		difficulty: 2,
		stem: '判定标准第十三条（有限空间作业重大事故隐患）适用于（　）。',
		options: [
			'仅限危险化学品生产企业',
			'所有设有地下室的企业',
			'所有使用储罐的企业，不论有无中毒风险',
			'存在硫化氢、一氧化碳等中毒风险的有限空间作业的工贸企业'
		],
		answer: 'D',
		explanation: '《工贸企业重大事故隐患判定标准》第十三条以"存在硫化氢、一氧化碳等中毒风险"为前提。',
		provisions: `${STD}第十三条`,
		tags: ['判定标准', '中毒风险']
	}),
	truefalse({
		category: K,
		difficulty: 3,
		stem: '存在硫化氢中毒风险的工贸企业，已对有限空间进行辨识并建立了安全管理台账，只是个别有限空间入口缺少安全警示标志，应当依据判定标准第十三条第（一）项判定为重大事故隐患。',
		answer: false,
		explanation: '判定标准第十三条第（一）项以未辨识、未建台账"并且"未设置明显安全警示标志为条件，只缺警示标志的不构成该项重大事故隐患，但仍违反《安全生产法》第三十五条，应依照第九十九条第（一）项处理。',
		provisions: `${STD}第十三条第（一）项；${LAW}第三十五条、第九十九条第（一）项`,
		tags: ['判定标准', '警示标志']
	}),
	citation({
		category: K,
		difficulty: 3,
		stem: '某食品企业有硫化氢中毒风险的污水池，企业从未做过有限空间辨识、没有台账，现场也没有任何警示标志。请写出判定其为重大事故隐患的依据（写到项）。',
		answer: `${STD}第十三条第（一）项`,
		explanation: '三个缺失同时存在，符合《工贸企业重大事故隐患判定标准》第十三条第（一）项。',
		provisions: `${STD}第十三条第（一）项`,
		tags: ['判定标准', '法条引用']
	}),
	// UNVERIFIED: the text of 判定标准第十三条第（二）项 is cut off in the dataset after "未落实有限空间作业审批，或者未";
	// the rest ("执行'先通风、再检测、后作业'要求，或者作业现场未设置监护人员的") is recalled, not checked.
	// The question tests only the widely taught working order, not the item's wording.
	single({
		category: K,
		difficulty: 1,
		stem: '有限空间作业应当遵循的基本顺序是（　）。',
		options: ['先进入、再通风、后检测', '先作业、再检测、后通风', '先检测、再作业、后通风', '先通风、再检测、后作业'],
		answer: 'D',
		explanation: '先通风降低有毒有害气体浓度、再检测确认合格、最后才进入作业；未落实作业审批或者未执行这一顺序的，属于《工贸企业重大事故隐患判定标准》第十三条所列情形。',
		provisions: `${STD}第十三条`,
		tags: ['作业顺序', '通风检测']
	})
];
