/**
 * 安全生产法（2021）第三章: 从业人员的安全生产权利义务 (and 第一百零六、一百零七条, which enforce it).
 * Checked against the 2021 text in ../shared/laws/laws.json.
 */
import { citation, fill, multiple, single, truefalse, type SeedQuestion } from './define';

const LAW = '《中华人民共和国安全生产法》';
const W = 'wsl-workers';

export const WORKER_QUESTIONS: SeedQuestion[] = [
	single({
		category: W,
		difficulty: 1,
		stem: '某企业劳动合同中写有"员工在工作中发生伤亡，公司概不负责"。该条款（　）。',
		options: ['双方自愿签订，合法有效', '无效', '经公证后有效', '经工会同意后有效'],
		answer: 'B',
		explanation: '《安全生产法》第五十二条第二款禁止以任何形式订立免除或者减轻事故伤亡责任的协议，第一百零六条规定这类协议无效，并对主要负责人、个人经营的投资人处二万元以上十万元以下的罚款。',
		provisions: `${LAW}第五十二条第二款、第一百零六条`,
		tags: ['劳动合同', '免责协议']
	}),
	truefalse({
		category: W,
		difficulty: 1,
		stem: '生产经营单位与从业人员订立的劳动合同，应当载明保障从业人员劳动安全、防止职业危害的事项，以及依法为从业人员办理工伤保险的事项。',
		answer: true,
		explanation: '这是《安全生产法》第五十二条第一款对劳动合同内容的要求。',
		provisions: `${LAW}第五十二条第一款`,
		tags: ['劳动合同']
	}),
	multiple({
		category: W,
		difficulty: 1,
		stem: '下列属于安全生产法规定的从业人员安全生产权利的有（　）。',
		options: [
			'了解作业场所和工作岗位存在的危险因素、防范措施及事故应急措施',
			'拒绝违章指挥和强令冒险作业',
			'自行决定是否佩戴劳动防护用品',
			'发现直接危及人身安全的紧急情况时停止作业或者撤离'
		],
		answer: ['A', 'B', 'D'],
		scoring: 'partial',
		explanation: 'A、B、D 分别见《安全生产法》第五十三条、第五十四条第一款、第五十五条第一款；正确佩戴劳动防护用品是该法第五十七条规定的义务，不是可以自行选择的权利。',
		provisions: `${LAW}第五十三条、第五十四条、第五十五条、第五十七条`,
		tags: ['从业人员权利']
	}),
	single({
		category: W,
		difficulty: 1,
		stem: '从业人员发现直接危及人身安全的紧急情况时（　）。',
		options: [
			'必须先请示班组长同意才能离开岗位',
			'有权停止作业或者在采取可能的应急措施后撤离作业场所',
			'只能坚守岗位直到接到撤离命令',
			'撤离后应当赔偿由此造成的停产损失'
		],
		answer: 'B',
		explanation: '这是《安全生产法》第五十五条第一款规定的紧急避险权，行使时不需要事先批准。',
		provisions: `${LAW}第五十五条第一款`,
		tags: ['紧急避险', '从业人员权利']
	}),
	truefalse({
		category: W,
		difficulty: 1,
		stem: '从业人员在紧急情况下停止作业撤离现场的，生产经营单位可以按旷工扣减其当月工资。',
		answer: false,
		explanation: '《安全生产法》第五十五条第二款规定，不得因此降低其工资、福利等待遇或者解除劳动合同。',
		provisions: `${LAW}第五十五条第二款`,
		tags: ['紧急避险', '从业人员权利']
	}),
	citation({
		category: W,
		difficulty: 2,
		stem: '车间突发有毒气体泄漏，操作工未经请示即撤离，事后被车间主任以"擅离岗位"为由罚款。请写出保障从业人员紧急撤离权利的条文（写到条）。',
		answer: `${LAW}第五十五条`,
		explanation: '《安全生产法》第五十五条第一款规定紧急情况下停止作业或者撤离的权利，第二款禁止因此降低待遇或者解除劳动合同。',
		provisions: `${LAW}第五十五条`,
		tags: ['紧急避险', '法条引用']
	}),
	truefalse({
		category: W,
		difficulty: 1,
		stem: '从业人员拒绝违章指挥和强令冒险作业，属于不服从管理，生产经营单位可以据此解除劳动合同。',
		answer: false,
		explanation: '拒绝违章指挥和强令冒险作业是《安全生产法》第五十四条第一款赋予的权利，第二款禁止单位因此降低待遇或者解除劳动合同。',
		provisions: `${LAW}第五十四条`,
		tags: ['拒绝违章指挥', '从业人员权利']
	}),
	single({
		category: W,
		difficulty: 1,
		stem: '从业人员有权对本单位安全生产工作中存在的问题提出（　）。',
		options: ['批评、检举、控告', '罚款决定', '停产整顿决定', '行政处分'],
		answer: 'A',
		explanation: '《安全生产法》第五十四条第一款规定了从业人员的批评、检举、控告权，罚款、停产整顿和处分都不是从业人员能作出的决定。',
		provisions: `${LAW}第五十四条第一款`,
		tags: ['从业人员权利', '监督']
	}),
	multiple({
		category: W,
		difficulty: 1,
		stem: '下列属于安全生产法规定的从业人员安全生产义务的有（　）。',
		options: [
			'遵守本单位的安全生产规章制度和操作规程，服从管理',
			'正确佩戴和使用劳动防护用品',
			'接受安全生产教育和培训',
			'发现事故隐患后自行处理，不必报告'
		],
		answer: ['A', 'B', 'C'],
		scoring: 'partial',
		explanation: 'A、B 见《安全生产法》第五十七条，C 见第五十八条；发现事故隐患应当依照该法第五十九条立即报告。',
		provisions: `${LAW}第五十七条、第五十八条、第五十九条`,
		tags: ['从业人员义务']
	}),
	single({
		category: W,
		difficulty: 1,
		stem: '从业人员发现事故隐患或者其他不安全因素，应当（　）。',
		options: [
			'等到班组例会时再提出',
			'立即向现场安全生产管理人员或者本单位负责人报告',
			'直接向新闻媒体反映',
			'只要不影响自己的岗位就可以不管'
		],
		answer: 'B',
		explanation: '《安全生产法》第五十九条要求立即报告，接到报告的人员应当及时处理。',
		provisions: `${LAW}第五十九条`,
		tags: ['从业人员义务', '隐患报告']
	}),
	fill({
		category: W,
		difficulty: 2,
		stem: '因生产安全事故受到损害的从业人员，除依法享有＿＿＿＿外，依照有关民事法律尚有获得赔偿的权利的，有权提出赔偿要求。',
		accepted: ['工伤保险'],
		explanation: '《安全生产法》第五十六条第二款：工伤保险待遇和民事赔偿可以同时主张。',
		provisions: `${LAW}第五十六条第二款`,
		tags: ['工伤保险', '赔偿']
	}),
	single({
		category: W,
		difficulty: 2,
		stem: '生产经营单位使用的被派遣劳动者，在安全生产方面（　）。',
		options: [
			'只享有权利，不承担义务',
			'享有本法规定的从业人员的权利，并应当履行从业人员的义务',
			'由劳务派遣单位负全部安全责任，用工单位无须管理',
			'不适用安全生产法'
		],
		answer: 'B',
		explanation: '《安全生产法》第六十一条规定被派遣劳动者与本单位从业人员权利义务相同；该法第二十八条第二款还要求用工单位将其纳入统一管理。',
		provisions: `${LAW}第六十一条`,
		tags: ['被派遣劳动者']
	}),
	single({
		category: W,
		difficulty: 2,
		stem: '工会发现危及从业人员生命安全的情况时，有权（　），生产经营单位必须立即作出处理。',
		options: [
			'对企业处以罚款',
			'向生产经营单位建议组织从业人员撤离危险场所',
			'查封相关设备',
			'吊销企业的安全生产许可证'
		],
		answer: 'B',
		explanation: '《安全生产法》第六十条第二款规定了工会的撤离建议权；罚款、查封和吊销是行政机关的职权。',
		provisions: `${LAW}第六十条第二款`,
		tags: ['工会', '监督']
	}),
	multiple({
		category: W,
		difficulty: 2,
		stem: '依照安全生产法，工会在安全生产方面有权（　）。',
		options: [
			'对违法企业作出罚款决定',
			'对建设项目安全设施与主体工程"三同时"进行监督，提出意见',
			'发现违章指挥、强令冒险作业或者事故隐患时，提出解决的建议',
			'依法参加事故调查，向有关部门提出处理意见'
		],
		answer: ['B', 'C', 'D'],
		scoring: 'partial',
		explanation: 'B、C、D 分别见《安全生产法》第六十条第一、二、三款；罚款是行政机关的职权，工会不能作出。',
		provisions: `${LAW}第六十条`,
		tags: ['工会', '监督']
	}),
	single({
		category: W,
		difficulty: 2,
		stem: '从业人员违反安全生产规章制度或者操作规程，尚不构成犯罪的，依照安全生产法应当（　）。',
		options: [
			'由应急管理部门对其处一万元罚款',
			'由生产经营单位给予批评教育，依照有关规章制度给予处分',
			'由公安机关予以拘留',
			'不作任何处理'
		],
		answer: 'B',
		explanation: '《安全生产法》第一百零七条把从业人员违章的处理交给生产经营单位：批评教育，按规章制度给予处分；构成犯罪的依法追究刑事责任。',
		provisions: `${LAW}第一百零七条`,
		tags: ['从业人员义务', '违章处理']
	}),
	multiple({
		category: W,
		difficulty: 2,
		stem: '生产经营单位不得因从业人员的下列哪些行为而降低其工资、福利等待遇或者解除与其订立的劳动合同（　）。',
		options: [
			'对本单位安全生产工作提出批评、检举、控告',
			'违反操作规程造成生产安全事故',
			'拒绝违章指挥和强令冒险作业',
			'在直接危及人身安全的紧急情况下停止作业或者紧急撤离'
		],
		answer: ['A', 'C', 'D'],
		scoring: 'partial',
		explanation: 'A、C 受《安全生产法》第五十四条第二款保护，D 受第五十五条第二款保护；违反操作规程的，单位可以依照该法第一百零七条给予处分。',
		provisions: `${LAW}第五十四条第二款、第五十五条第二款、第一百零七条`,
		tags: ['从业人员权利', '反报复']
	})
];
