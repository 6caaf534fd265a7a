/**
 * 行政处罚与执法程序: 行政处罚法（2021修订）, 行政强制法, 行政复议法（2023修订）, 行政诉讼法.
 * 行政处罚法 is complete in ../shared/laws/laws.json; for the other three only the articles cited here
 * are in the dataset, and each was checked there.
 */
import { citation, fill, multiple, single, truefalse, type SeedQuestion } from './define';

const APL = '《中华人民共和国行政处罚法》';
const COERCION = '《中华人民共和国行政强制法》';
const RECON = '《中华人民共和国行政复议法》';
const LITIG = '《中华人民共和国行政诉讼法》';
const P = 'procedure';

export const PROCEDURE_QUESTIONS: SeedQuestion[] = [
	single({
		category: P,
		difficulty: 1,
		stem: '依照行政处罚法，实施行政处罚的执法人员不得少于（　），法律另有规定的除外。',
		options: ['一人', '两人', '三人', '五人'],
		answer: 'B',
		explanation: '《行政处罚法》第四十二条第一款要求行政处罚由具有行政执法资格的执法人员实施，且不得少于两人。',
		provisions: `${APL}第四十二条第一款`,
		tags: ['执法人员', '两人执法']
	}),
	truefalse({
		category: P,
		difficulty: 1,
		stem: '应急管理部门一名持证执法人员即可单独对企业开展行政处罚的调查取证。',
		answer: false,
		explanation: '《行政处罚法》第四十二条第一款规定执法人员不得少于两人，法律另有规定的除外；《安全生产法》没有规定可以由一人实施行政处罚。',
		provisions: `${APL}第四十二条第一款`,
		tags: ['执法人员', '两人执法']
	}),
	citation({
		category: P,
		difficulty: 2,
		stem: '一份行政处罚案卷显示，现场调查询问笔录只有一名执法人员签名。请写出规定"执法人员不得少于两人"的条款（写到款）。',
		answer: `${APL}第四十二条第一款`,
		explanation: '《行政处罚法》第四十二条第一款同时要求执法人员具有行政执法资格且不少于两人；违反的属于程序违法。',
		provisions: `${APL}第四十二条第一款`,
		tags: ['两人执法', '法条引用']
	}),
	single({
		category: P,
		difficulty: 1,
		stem: '执法人员在调查或者进行检查时不出示执法证件的，当事人或者有关人员（　）。',
		options: ['仍须无条件配合', '有权拒绝接受调查或者检查', '应当向法院起诉后才能拒绝', '可以要求执法人员缴纳保证金'],
		answer: 'B',
		explanation: '《行政处罚法》第五十五条第一款要求执法人员主动出示执法证件，不出示的，当事人或者有关人员有权拒绝接受调查或者检查。',
		provisions: `${APL}第五十五条第一款`,
		tags: ['执法证件']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '执法人员与案件有直接利害关系的，应当回避。当事人申请回避的，由（　）决定，决定作出之前不停止调查。',
		options: ['行政机关负责人', '执法人员本人', '当事人', '人民法院'],
		answer: 'A',
		explanation: '见《行政处罚法》第四十三条第三款。',
		provisions: `${APL}第四十三条`,
		tags: ['回避']
	}),
	multiple({
		category: P,
		difficulty: 1,
		stem: '行政机关在作出行政处罚决定之前，应当告知当事人（　）。',
		options: [
			'拟作出的行政处罚内容',
			'拟处罚的事实、理由、依据',
			'当事人依法享有的陈述、申辩、要求听证等权利',
			'处罚决定已经生效、不得再提出异议'
		],
		answer: ['A', 'B', 'C'],
		scoring: 'partial',
		explanation: '《行政处罚法》第四十四条规定了事先告知的内容；告知时处罚决定尚未作出，当事人当然可以陈述和申辩。',
		provisions: `${APL}第四十四条`,
		tags: ['事先告知', '陈述申辩']
	}),
	citation({
		category: P,
		difficulty: 2,
		stem: '执法人员准备对企业处以罚款，需要事先书面告知拟处罚的内容、事实、理由、依据和当事人享有的权利。请写出规定这一告知义务的条文（写到条）。',
		answer: `${APL}第四十四条`,
		explanation: '事先告知义务在《行政处罚法》第四十四条；未告知的，依照该法第六十二条不得作出处罚决定。',
		provisions: `${APL}第四十四条`,
		tags: ['事先告知', '法条引用']
	}),
	truefalse({
		category: P,
		difficulty: 1,
		stem: '当事人陈述、申辩时态度恶劣的，行政机关可以在原拟处罚的基础上加重处罚。',
		answer: false,
		explanation: '《行政处罚法》第四十五条第二款规定不得因当事人陈述、申辩而给予更重的处罚。',
		provisions: `${APL}第四十五条第二款`,
		tags: ['陈述申辩', '不得加重']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '对当事人在陈述、申辩中提出的事实、理由和证据，行政机关应当（　）。',
		options: ['进行复核，成立的应当采纳', '记录在案即可，不必复核', '转交人民法院审查', '一律不予采纳'],
		answer: 'A',
		explanation: '见《行政处罚法》第四十五条第一款：行政机关必须充分听取意见，复核后成立的应当采纳。',
		provisions: `${APL}第四十五条第一款`,
		tags: ['陈述申辩', '复核']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '行政机关未依法告知拟作出的行政处罚内容及事实、理由、依据，或者拒绝听取当事人陈述、申辩的，（　）。',
		options: [
			'不得作出行政处罚决定，当事人明确放弃陈述或者申辩权利的除外',
			'处罚决定仍然有效，只需事后补正',
			'可以作出处罚，但罚款减半',
			'必须移送司法机关'
		],
		answer: 'A',
		explanation: '这是《行政处罚法》第六十二条的规定，它把第四十四条、第四十五条的程序要求变成作出决定的前提。',
		provisions: `${APL}第六十二条`,
		tags: ['陈述申辩', '程序违法']
	}),
	multiple({
		category: P,
		difficulty: 2,
		stem: '行政机关拟作出下列行政处罚决定时，应当告知当事人有要求听证的权利的有（　）。',
		options: ['警告', '较大数额罚款', '责令停产停业', '吊销许可证件'],
		answer: ['B', 'C', 'D'],
		scoring: 'partial',
		explanation: '《行政处罚法》第六十三条第一款列举了较大数额罚款、降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业等情形；警告不在其中。',
		provisions: `${APL}第六十三条第一款`,
		tags: ['听证', '听证范围']
	}),
	truefalse({
		category: P,
		difficulty: 1,
		stem: '当事人要求听证的，应当预交听证费用。',
		answer: false,
		explanation: '《行政处罚法》第六十三条第二款规定当事人不承担行政机关组织听证的费用。',
		provisions: `${APL}第六十三条第二款`,
		tags: ['听证', '费用']
	}),
	fill({
		category: P,
		difficulty: 1,
		stem: '当事人要求听证的，应当在行政机关告知后＿＿＿＿内提出。',
		accepted: ['五日', '5日', '五个工作日', '5个工作日'],
		explanation: '见《行政处罚法》第六十四条第（一）项；依照该法第八十五条，这里的"五日"指工作日。',
		provisions: `${APL}第六十四条第（一）项、第八十五条`,
		tags: ['听证', '期限']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '行政机关应当在举行听证的（　）前，通知当事人及有关人员听证的时间、地点。',
		options: ['三日', '五日', '七日', '十日'],
		answer: 'C',
		explanation: '《行政处罚法》第六十四条第（二）项规定为七日前；该"七日"依照该法第八十五条指工作日。',
		provisions: `${APL}第六十四条第（二）项`,
		tags: ['听证', '期限']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '行政处罚听证应当由（　）主持。',
		options: ['本案调查人员', '行政机关指定的非本案调查人员', '当事人选定的律师', '人民法院法官'],
		answer: 'B',
		explanation: '见《行政处罚法》第六十四条第（四）项；当事人认为主持人与本案有直接利害关系的，有权申请回避。',
		provisions: `${APL}第六十四条第（四）项`,
		tags: ['听证', '主持人']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '当事人参加行政处罚听证，可以委托（　）代理。',
		options: ['一人', '一至二人', '一至三人', '不限人数'],
		answer: 'B',
		explanation: '见《行政处罚法》第六十四条第（五）项。',
		provisions: `${APL}第六十四条第（五）项`,
		tags: ['听证', '代理']
	}),
	citation({
		category: P,
		difficulty: 3,
		stem: '企业申请听证后，行政机关安排本案调查人员担任听证主持人。请写出规定听证组织程序（含主持人要求）的条文（写到条）。',
		answer: `${APL}第六十四条`,
		explanation: '听证的八项程序要求集中规定在《行政处罚法》第六十四条，主持人要求在第（四）项。',
		provisions: `${APL}第六十四条`,
		tags: ['听证', '法条引用']
	}),
	truefalse({
		category: P,
		difficulty: 2,
		stem: '行政处罚法中"二日""三日""五日""七日"的规定是指工作日，不含法定节假日。',
		answer: true,
		explanation: '见《行政处罚法》第八十五条。',
		provisions: `${APL}第八十五条`,
		tags: ['期限计算']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '违法事实确凿并有法定依据，对法人或者其他组织处以（　）以下罚款或者警告的，可以当场作出行政处罚决定。',
		options: ['一千元', '二千元', '三千元', '五千元'],
		answer: 'C',
		explanation: '《行政处罚法》第五十一条：对公民二百元以下、对法人或者其他组织三千元以下罚款或者警告，可以适用简易程序当场处罚。',
		provisions: `${APL}第五十一条`,
		tags: ['简易程序', '当场处罚']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '在证据可能灭失或者以后难以取得的情况下，经行政机关负责人批准先行登记保存证据的，应当在（　）内及时作出处理决定。',
		options: ['三日', '五日', '七日', '十五日'],
		answer: 'C',
		explanation: '见《行政处罚法》第五十六条；登记保存期间，当事人或者有关人员不得销毁或者转移证据。',
		provisions: `${APL}第五十六条`,
		tags: ['先行登记保存', '证据']
	}),
	multiple({
		category: P,
		difficulty: 1,
		stem: '依照行政处罚法，下列属于法定证据种类的有（　）。',
		options: ['电子数据', '勘验笔录、现场笔录', '视听资料', '当事人的陈述'],
		answer: ['A', 'B', 'C', 'D'],
		scoring: 'partial',
		explanation: '四项都在《行政处罚法》第四十六条列举的八类证据之中；证据须经查证属实，以非法手段取得的不得作为认定案件事实的根据。',
		provisions: `${APL}第四十六条`,
		tags: ['证据']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '对情节复杂或者重大违法行为给予行政处罚，应当（　）。',
		options: ['由承办执法人员决定', '由行政机关负责人集体讨论决定', '由当事人选择处罚种类', '报请人民法院决定'],
		answer: 'B',
		explanation: '见《行政处罚法》第五十七条第二款。',
		provisions: `${APL}第五十七条第二款`,
		tags: ['集体讨论']
	}),
	multiple({
		category: P,
		difficulty: 2,
		stem: '下列案件中，在行政机关负责人作出行政处罚决定之前，应当由从事行政处罚决定法制审核的人员进行法制审核的有（　）。',
		options: [
			'涉及重大公共利益的',
			'执法人员当场作出警告的',
			'直接关系当事人或者第三人重大权益，经过听证程序的',
			'案件情况疑难复杂、涉及多个法律关系的'
		],
		answer: ['A', 'C', 'D'],
		scoring: 'partial',
		explanation: '《行政处罚法》第五十八条第一款列举了需要法制审核的情形，未经审核或者审核未通过的，不得作出决定；当场警告属于该法第五十一条的简易程序。',
		provisions: `${APL}第五十八条第一款`,
		tags: ['法制审核']
	}),
	multiple({
		category: P,
		difficulty: 1,
		stem: '行政处罚决定书应当载明的事项包括（　）。',
		options: [
			'违反法律、法规、规章的事实和证据',
			'行政处罚的种类和依据',
			'承办执法人员的个人手机号码',
			'申请行政复议、提起行政诉讼的途径和期限'
		],
		answer: ['A', 'B', 'D'],
		scoring: 'partial',
		explanation: '《行政处罚法》第五十九条第一款列明了决定书的六项内容，并要求加盖作出决定的行政机关的印章；执法人员的个人联系方式不是法定内容。',
		provisions: `${APL}第五十九条`,
		tags: ['处罚决定书']
	}),
	fill({
		category: P,
		difficulty: 2,
		stem: '行政机关应当自行政处罚案件立案之日起＿＿＿＿内作出行政处罚决定，法律、法规、规章另有规定的除外。',
		accepted: ['九十日', '90日', '九十天', '90天'],
		explanation: '这是《行政处罚法》第六十条规定的办案期限。',
		provisions: `${APL}第六十条`,
		tags: ['办案期限']
	}),
	single({
		category: P,
		difficulty: 1,
		stem: '当事人应当自收到行政处罚决定书之日起（　）内，到指定的银行或者通过电子支付系统缴纳罚款。',
		options: ['七日', '十日', '十五日', '三十日'],
		answer: 'C',
		explanation: '见《行政处罚法》第六十七条第三款；作出罚款决定的机关与收缴罚款的机构应当分离。',
		provisions: `${APL}第六十七条第三款`,
		tags: ['罚款缴纳']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '当事人到期不缴纳罚款的，行政机关可以每日按罚款数额的（　）加处罚款，加处罚款的数额不得超出罚款的数额。',
		options: ['百分之一', '百分之三', '百分之五', '百分之十'],
		answer: 'B',
		explanation: '见《行政处罚法》第七十二条第一款第（一）项。',
		provisions: `${APL}第七十二条第一款第（一）项`,
		tags: ['加处罚款', '执行']
	}),
	truefalse({
		category: P,
		difficulty: 2,
		stem: '当事人对行政处罚决定不服申请行政复议或者提起行政诉讼的，行政处罚原则上不停止执行。',
		answer: true,
		explanation: '《行政处罚法》第七十三条第一款规定不停止执行，法律另有规定的除外；复议、诉讼期间加处罚款不予计算（第三款）。',
		provisions: `${APL}第七十三条`,
		tags: ['执行', '复议诉讼']
	}),
	single({
		category: P,
		difficulty: 3,
		stem: '同一个违法行为违反多个法律规范，都应当给予罚款处罚的，应当（　）。',
		options: ['按照罚款数额高的规定处罚', '分别罚款后合并执行', '按照罚款数额低的规定处罚', '由当事人选择适用'],
		answer: 'A',
		explanation: '《行政处罚法》第二十九条规定同一个违法行为不得给予两次以上罚款，违反多个法律规范的按罚款数额高的规定处罚。',
		provisions: `${APL}第二十九条`,
		tags: ['一事不再罚']
	}),
	multiple({
		category: P,
		difficulty: 2,
		stem: '当事人有下列哪些情形的，应当从轻或者减轻行政处罚（　）。',
		options: [
			'主动消除或者减轻违法行为危害后果的',
			'初次违法且危害后果轻微并及时改正的',
			'受他人胁迫或者诱骗实施违法行为的',
			'企业规模大、纳税多的'
		],
		answer: ['A', 'C'],
		scoring: 'partial',
		explanation: 'A、C 见《行政处罚法》第三十二条；B 适用该法第三十三条第一款，是"可以不予行政处罚"而不是从轻减轻；企业规模和纳税情况不是法定情节。',
		provisions: `${APL}第三十二条、第三十三条第一款`,
		tags: ['从轻减轻', '裁量']
	}),
	single({
		category: P,
		difficulty: 3,
		stem: '违法行为涉及公民生命健康安全且有危害后果的，行政处罚的追责期限一般为（　）。',
		options: ['一年', '二年', '三年', '五年'],
		answer: 'D',
		explanation: '《行政处罚法》第三十六条第一款：一般为二年，涉及公民生命健康安全、金融安全且有危害后果的延长至五年，法律另有规定的除外。',
		provisions: `${APL}第三十六条第一款`,
		tags: ['追责时效']
	}),
	fill({
		category: P,
		difficulty: 1,
		stem: '当事人认为行政行为侵犯其合法权益的，一般可以自知道或者应当知道该行政行为之日起＿＿＿＿内提出行政复议申请。',
		accepted: ['六十日', '60日', '六十天', '60天'],
		explanation: '见《行政复议法》第二十条第一款；法律规定的申请期限超过六十日的除外。',
		provisions: `${RECON}第二十条第一款`,
		tags: ['行政复议', '期限']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '当事人不经复议、直接向人民法院提起行政诉讼的，一般应当自知道或者应当知道作出行政行为之日起（　）内提出。',
		options: ['十五日', '六十日', '三个月', '六个月'],
		answer: 'D',
		explanation: '见《行政诉讼法》第四十六条第一款，法律另有规定的除外。',
		provisions: `${LITIG}第四十六条第一款`,
		tags: ['行政诉讼', '起诉期限']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '当事人不服行政复议决定的，可以在收到复议决定书之日起（　）内向人民法院提起诉讼，法律另有规定的除外。',
		options: ['七日', '十五日', '三十日', '六十日'],
		answer: 'B',
		explanation: '见《行政诉讼法》第四十五条。',
		provisions: `${LITIG}第四十五条`,
		tags: ['行政诉讼', '起诉期限']
	}),
	single({
		category: P,
		difficulty: 3,
		stem: '依照2023年修订的行政复议法，当事人对下列哪一项不服，应当先向行政复议机关申请行政复议，不能直接起诉（　）。',
		options: ['当场作出的行政处罚决定', '责令停产停业整顿决定', '较大数额的罚款决定', '查封、扣押决定'],
		answer: 'A',
		explanation: '《行政复议法》第二十三条第一款第（一）项把对当场作出的行政处罚决定不服列为复议前置情形；其余三项该条未列入。',
		provisions: `${RECON}第二十三条第一款第（一）项`,
		tags: ['行政复议', '复议前置']
	}),
	multiple({
		category: P,
		difficulty: 2,
		stem: '依照行政强制法，行政机关实施查封、扣押等行政强制措施，应当遵守的程序有（　）。',
		options: [
			'实施前向行政机关负责人报告并经批准',
			'由两名以上行政执法人员实施',
			'出示执法身份证件，制作现场笔录',
			'当事人不到场的，一律不得实施'
		],
		answer: ['A', 'B', 'C'],
		scoring: 'partial',
		explanation: '《行政强制法》第十八条规定了上述程序；当事人不到场的，邀请见证人到场，由见证人和执法人员在现场笔录上签名或者盖章，并非不得实施。',
		provisions: `${COERCION}第十八条`,
		tags: ['行政强制', '查封扣押']
	}),
	single({
		category: P,
		difficulty: 2,
		stem: '依照行政强制法，查封、扣押的期限不得超过（　）；情况复杂的，经行政机关负责人批准可以延长，但延长期限不得超过三十日。',
		options: ['十五日', '三十日', '六十日', '九十日'],
		answer: 'B',
		explanation: '见《行政强制法》第二十五条第一款，法律、行政法规另有规定的除外；检测、检验、检疫或者技术鉴定的期间不计入。',
		provisions: `${COERCION}第二十五条`,
		tags: ['查封扣押', '期限']
	}),
	single({
		category: P,
		difficulty: 3,
		stem: '没有行政强制执行权的行政机关，在当事人法定期限内不复议、不起诉又不履行决定的，可以自期限届满之日起（　）内申请人民法院强制执行。',
		options: ['十五日', '三十日', '三个月', '六个月'],
		answer: 'C',
		explanation: '见《行政强制法》第五十三条；申请前还应当依照该法第五十四条催告，催告书送达十日后当事人仍未履行的方可申请。',
		provisions: `${COERCION}第五十三条、第五十四条`,
		tags: ['申请法院强制执行', '期限']
	})
];
