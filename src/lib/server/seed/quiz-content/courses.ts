/**
 * Two demo courses, the drill's 理论考试 and one stand-alone quiz. Lesson texts are written for this
 * product; provisions they cite are checked by content.test.ts like the questions' provisions.
 * Quiz rules draw from disjoint parts of the bank, so no question can be drawn twice in one attempt.
 */
import type { Difficulty } from '../../../domain/quiz/types';
import type { StaffCategory } from '../../../domain/roles';

export interface SeedQuizRule {
	/** key of a SeedCategory; questions of its subcategories are drawn too */
	category: string;
	difficulty: Difficulty | null;
	count: number;
	/** points per question drawn by this rule */
	points: number;
}

export interface SeedQuiz {
	title: string;
	description?: string;
	timeLimitMinutes: number;
	/** percent 0–100 */
	passMark: number;
	/** 0 = unlimited */
	attemptsAllowed: number;
	rules: SeedQuizRule[];
}

export interface SeedLesson {
	title: string;
	/** markdown */
	body: string;
}

export interface SeedCourse {
	key: string;
	title: string;
	/** markdown */
	summary: string;
	/** 学时 credited when the course is passed */
	hours: number;
	/** null = every staff category */
	audience: StaffCategory | null;
	lessons: SeedLesson[];
	quizzes: SeedQuiz[];
}

// The four kinds of safety signs (禁止、警告、指令、提示) come from GB 2894, which is not in the law dataset.
const NEW_WORKER_LESSONS: SeedLesson[] = [
	{
		title: '第一课　为什么要接受三级安全教育',
		body: `## 安全生产的基本方针

《安全生产法》第三条第二款确定的方针是**安全第一、预防为主、综合治理**。对一线员工来说，这句话落到岗位上就是：先想到安全再动手，把事故消灭在发生之前。

## 企业的责任

- 企业的主要负责人是本单位安全生产**第一责任人**（《安全生产法》第五条）。
- 企业必须对员工进行安全生产教育和培训，**未经培训合格的，不得上岗作业**（《安全生产法》第二十八条第一款）。
- 培训的时间、内容、参加人员和考核结果都要如实记入培训档案（《安全生产法》第二十八条第四款）。

## 三级安全教育是什么

加工、制造业等生产单位的新员工，上岗前必须依次接受三级安全培训教育（《生产经营单位安全培训规定》第十二条）：

1. **厂（矿）级**：本单位安全生产概况、规章制度、主要危险因素和应急常识；
2. **车间（工段、区、队）级**：本车间的工艺流程、危险部位、防护设施和事故案例；
3. **班组级**：本岗位的安全操作规程、劳动防护用品的使用、岗位之间的衔接配合。

一般行业新员工岗前培训不少于 **24 学时**；金属冶炼等高危行业不少于 **72 学时**，每年再培训不少于 20 学时（《生产经营单位安全培训规定》第十三条）。

## 学习提示

三级教育不是走过场。培训结束时要参加考核，考核合格、签字确认后才能独立上岗。`
	},
	{
		title: '第二课　你在安全生产中的权利',
		body: `安全生产法专设第三章规定从业人员的权利义务。下面几项权利，每位员工都应当知道。

## 知情权和建议权

你有权了解作业场所和工作岗位存在的危险因素、防范措施和事故应急措施，也有权对本单位的安全生产工作提出建议（《安全生产法》第五十三条）。企业有义务如实告知（《安全生产法》第四十四条第一款）。

## 批评、检举、控告权和拒绝权

- 对安全生产工作中的问题，你可以提出批评、检举、控告；
- 遇到违章指挥、强令冒险作业，你**有权拒绝**；
- 企业不得因此降低你的工资、福利待遇或者解除劳动合同（《安全生产法》第五十四条）。

## 紧急避险权

发现直接危及人身安全的紧急情况时，你有权**停止作业**，或者在采取可能的应急措施后**撤离作业场所**。这项权利不需要事先请示，企业也不得因此处罚你（《安全生产法》第五十五条）。

## 获得赔偿的权利

因生产安全事故受到损害的，除依法享有工伤保险外，依照民事法律还有权提出赔偿要求（《安全生产法》第五十六条）。劳动合同中"工伤概不负责"之类的条款一律无效（《安全生产法》第五十二条、第一百零六条）。

## 劳务派遣和实习人员

被派遣劳动者享有与本单位员工相同的权利，也要履行相同的义务（《安全生产法》第六十一条）。`
	},
	{
		title: '第三课　你在安全生产中的义务',
		body: `权利和义务是对等的。安全生产法对从业人员规定了以下义务。

## 遵章守纪，服从管理

作业中要严格落实岗位安全责任，遵守安全生产规章制度和操作规程，服从管理（《安全生产法》第五十七条）。

## 正确佩戴和使用劳动防护用品

企业必须提供符合国家标准或者行业标准的劳动防护用品，并监督、教育员工正确使用（《安全生产法》第四十五条）；员工则有义务**正确佩戴和使用**（《安全生产法》第五十七条）。常见的错误有：

- 安全帽不系下颏带；
- 嫌热摘下防尘口罩；
- 用普通手套代替绝缘手套。

## 接受教育和培训

员工应当接受安全生产教育和培训，掌握本职工作所需的安全知识，提高应急处理能力（《安全生产法》第五十八条）。

## 发现隐患立即报告

发现事故隐患或者其他不安全因素，要**立即**向现场安全生产管理人员或者本单位负责人报告（《安全生产法》第五十九条）。不要自己冒险处理，也不要"等下班再说"。

## 违反义务的后果

员工不落实岗位安全责任、违反规章制度或者操作规程的，由企业给予批评教育，依照规章制度给予处分；构成犯罪的，依法追究刑事责任（《安全生产法》第一百零七条）。`
	},
	{
		title: '第四课　岗位上的常见风险与应急常识',
		body: `## 看懂安全警示标志

企业应当在有较大危险因素的场所和设施、设备上设置明显的安全警示标志（《安全生产法》第三十五条）。标志分为禁止、警告、指令和提示四类，进入车间前先看清标志再作业。

## 保持疏散通道畅通

生产场所和员工宿舍必须有符合紧急疏散要求、标志明显、保持畅通的出口和疏散通道，**禁止占用、锁闭、封堵**（《安全生产法》第四十二条第二款）。发现通道被堆放物料堵住，应当立即报告。

## 危险作业要有人管

动火、吊装、临时用电、爆破等危险作业，企业必须安排专门人员进行现场安全管理（《安全生产法》第四十三条）。发现现场无人管理、安全措施没有落实，应当停止作业并报告；被强令冒险作业的，有权拒绝（《安全生产法》第五十四条第一款）。

## 发生事故怎么办

1. 在保证自身安全的前提下，立即报告本单位负责人（《安全生产法》第八十三条第一款）；
2. 按照应急预案和现场指挥撤离或者参与救援；
3. 不盲目施救，不破坏事故现场。

## 岗位变化要重新培训

调整工作岗位或者离岗一年以上重新上岗的，要重新接受车间级和班组级培训（《生产经营单位安全培训规定》第十七条第一款）；企业采用新工艺、新技术、新材料或者使用新设备时，也要对有关员工进行专门培训（《安全生产法》第二十九条）。`
	}
];

// Not from the law dataset (general safety knowledge, or provisions whose text the dataset lacks):
// the five conditions of a dust explosion; the definition of 有限空间 (paraphrased from memory of 第13号令);
// 先通风、再检测、后作业 and the duties of a 监护人员 beyond 第五条 (the dataset cuts 判定标准第十三条第（二）项
// off after "未落实有限空间作业审批，或者未"); the warning against 盲目施救. None of these is cited to an article.
const DUST_CONFINED_LESSONS: SeedLesson[] = [
	{
		title: '第一课　粉尘爆炸的风险与法规框架',
		body: `## 哪些粉尘会爆炸

《工贸企业粉尘防爆安全规定》第三条所说的**可燃性粉尘**，是在大气条件下能与空气等气态氧化剂发生剧烈氧化反应的粉尘、纤维或者飞絮。铝粉、镁粉、木粉、面粉、淀粉、糖粉、棉麻纤维都属于此类。

粉尘爆炸通常需要同时具备：可燃性粉尘、助燃的空气、点燃源、粉尘悬浮形成粉尘云，以及相对受限的空间。防爆措施就是设法拿走其中一个或几个条件。

## 哪些企业适用

存在可燃性粉尘爆炸危险的冶金、有色、建材、机械、轻工、纺织、烟草、商贸等工贸企业，称为**粉尘涉爆企业**，适用粉尘防爆安全规定（《工贸企业粉尘防爆安全规定》第二条）。

## 企业应当建立的制度

粉尘防爆安全管理制度至少包括（《工贸企业粉尘防爆安全规定》第七条）：

- 粉尘爆炸风险辨识评估和管控；
- 粉尘爆炸事故隐患排查治理；
- 粉尘作业岗位安全操作规程；
- 粉尘防爆专项安全生产教育和培训；
- 粉尘清理和处置；
- 粉尘爆炸事故应急处置和救援。

## 与安全生产法的关系

粉尘防爆安全规定是安全生产法的配套规章。企业仍要履行安全生产法规定的一般义务，例如设置安全警示标志（《安全生产法》第三十五条）、对安全设备经常性维护和定期检测（《安全生产法》第三十六条第二款）。`
	},
	{
		title: '第二课　除尘系统与粉尘爆炸重大事故隐患',
		body: `《工贸企业重大事故隐患判定标准》第十一条专门列出了存在粉尘爆炸危险的工贸企业的重大事故隐患情形。检查时可以按"场所—除尘系统—点燃源"的顺序核对。

## 场所

- 粉尘爆炸危险场所设在**非框架结构的多层建（构）筑物**内；
- 粉尘爆炸危险场所内设有员工宿舍、会议室、办公室、休息室等人员聚集场所。

## 除尘系统

- 不同类别的可燃性粉尘、粉尘与可燃气体共用一套除尘系统，或者不同建（构）筑物、不同防火分区共用、互联互通；
- 干式除尘系统未采取**泄爆、惰化、抑爆**中的任何一种措施；
- 铝镁等金属粉尘除尘系统采用**正压除尘**；
- 采用重力沉降室除尘，或者用干式巷道式构筑物作除尘风道；
- 铝镁等金属粉尘、木质粉尘的干式除尘系统未设置**锁气卸灰装置**。

## 点燃源

- 除尘器、收尘仓等 **20 区**的电气设备不符合防爆要求；
- 粉碎、研磨、造粒等设备前未设置铁、石等杂物去除装置；
- 木制品加工企业与砂光机连接的风管未设置**火花探测消除装置**。

## 设施失效同样是重大隐患

上述情形中直接关系生产安全的监控、报警、防护设施，即使装了，只要失效或者无效，也判定为重大事故隐患（《工贸企业重大事故隐患判定标准》第十四条）。例如泄爆口被焊死、火花探测装置断电。`
	},
	{
		title: '第三课　有限空间作业的风险与监护制',
		body: `## 什么是有限空间

有限空间是指封闭或者部分封闭、进出口受限、未被设计为固定工作场所、通风不良，容易造成有毒有害、易燃易爆物质积聚或者氧含量不足的空间，例如污水池、化粪池、储罐、反应釜、地下管沟和筒仓。

## 主要风险

- **中毒**：硫化氢、一氧化碳等有毒气体积聚；
- **缺氧窒息**：氧气被消耗或者被其他气体置换；
- **燃爆**：可燃气体、可燃粉尘积聚；
- 淹溺、掩埋、机械伤害等其他风险。

## 作业的基本顺序

有限空间作业要坚持**先通风、再检测、后作业**，并落实作业审批。检测合格后才能进入，作业过程中要持续监测。

## 监护制

工贸企业应当实行有限空间作业**监护制**，明确专职或者兼职的监护人员，负责监督作业安全措施的落实（《工贸企业有限空间作业安全规定》第五条）。监护人员应当始终在有限空间外，与作业人员保持联络，不得离开岗位，更不能代替作业人员进入。

## 重大事故隐患

存在硫化氢、一氧化碳等中毒风险的有限空间作业的工贸企业，未对有限空间进行辨识、建立安全管理台账，**并且**未设置明显的安全警示标志的，判定为重大事故隐患（《工贸企业重大事故隐患判定标准》第十三条第（一）项）。

## 切忌盲目施救

有限空间事故中，施救人员未佩戴防护装备贸然进入而伤亡的情况屡见不鲜。发现有人晕倒，应当立即呼救、报告，在做好通风和个人防护后再施救。`
	},
	{
		title: '第四课　执法检查要点与罚则',
		body: `本课把前三课的要求对应到执法检查中常用的罚则条款。引用时注意写到"项"。

## 粉尘防爆

《工贸企业粉尘防爆安全规定》第二十七条对下列行为依照安全生产法处罚：责令限期改正，处 5 万元以下的罚款；逾期未改正的，处 5 万元以上 20 万元以下的罚款，并对直接负责的主管人员和其他直接责任人员处 1 万元以上 2 万元以下的罚款；情节严重的，责令停产停业整顿。

- 未在可燃性粉尘场所、设施和设备上设置明显的安全警示标志；
- 粉尘防爆安全设备的安装、使用、检测、改造和报废不符合标准；
- 未对粉尘防爆安全设备经常性维护、保养和定期检测或者检查。

## 有限空间

未配备监护人员，或者监护人员未按规定履行岗位职责的，责令限期改正，对企业处 5 万元以下的罚款，对直接负责的主管人员和其他直接责任人员处 1 万元以下的罚款（《工贸企业有限空间作业安全规定》第二十一条第（一）项）。

## 重大事故隐患的处理

- 检查中发现重大事故隐患，排除前或者排除过程中无法保证安全的，应当责令从危险区域撤出作业人员，责令暂时停产停业或者停止使用相关设施、设备（《安全生产法》第六十五条第一款第（三）项）；
- 企业未采取措施消除事故隐患的，责令立即消除或者限期消除，处五万元以下的罚款；拒不执行的，责令停产停业整顿（《安全生产法》第一百零二条）。

## 检查人员自身的要求

负责粉尘涉爆企业安全监管的部门应当加强对检查人员的粉尘防爆专业培训，使其掌握检查重点和重大事故隐患判定标准（《工贸企业粉尘防爆安全规定》第二十六条）。`
	}
];

export const COURSES: SeedCourse[] = [
	{
		key: 'new-worker-induction',
		title: '新员工三级安全教育',
		summary: `面向工贸企业新入职员工的岗前安全教育课程，讲解安全生产方针、三级安全教育的内容、从业人员的权利和义务，以及岗位常见风险和应急常识。

- 适用对象：新上岗、转岗和离岗一年以上复岗的从业人员
- 学完四课并通过结业测验（60 分及格）后记 4 学时`,
		hours: 4,
		audience: 'other',
		lessons: NEW_WORKER_LESSONS,
		quizzes: [
			{
				title: '新员工三级安全教育结业测验',
				description: '共 10 题，每题 10 分，60 分及格，可作答 3 次。',
				timeLimitMinutes: 12,
				passMark: 60,
				attemptsAllowed: 3,
				rules: [
					{ category: 'wsl-workers', difficulty: null, count: 4, points: 10 },
					{ category: 'training', difficulty: null, count: 4, points: 10 },
					{ category: 'wsl-safeguards', difficulty: 1, count: 2, points: 10 }
				]
			}
		]
	},
	{
		key: 'dust-and-confined-space',
		title: '粉尘防爆与有限空间作业',
		summary: `面向粉尘涉爆企业和有限空间作业企业的专项课程，也可供执法人员备查。内容包括可燃性粉尘爆炸的条件、除尘系统的重大事故隐患情形、有限空间作业监护制，以及相关罚则。

- 依据：《工贸企业粉尘防爆安全规定》《工贸企业有限空间作业安全规定》《工贸企业重大事故隐患判定标准》
- 学完四课并通过测验（60 分及格）后记 4 学时`,
		hours: 4,
		audience: null,
		lessons: DUST_CONFINED_LESSONS,
		quizzes: [
			{
				title: '粉尘防爆与有限空间作业测验',
				description: '粉尘防爆 5 题、有限空间作业 5 题，每题 10 分，60 分及格，可作答 3 次。',
				timeLimitMinutes: 15,
				passMark: 60,
				attemptsAllowed: 3,
				rules: [
					{ category: 'dust', difficulty: null, count: 5, points: 10 },
					{ category: 'confined', difficulty: null, count: 5, points: 10 }
				]
			}
		]
	}
];

/** The drill's 理论考试: law and procedure, one attempt. */
export const THEORY_QUIZ: SeedQuiz = {
	title: '执法比武理论考试',
	description: '共 20 题，每题 5 分，限时 20 分钟，只能作答一次。',
	timeLimitMinutes: 20,
	passMark: 60,
	attemptsAllowed: 1,
	rules: [
		{ category: 'wsl-responsibility', difficulty: null, count: 3, points: 5 },
		{ category: 'wsl-safeguards', difficulty: null, count: 3, points: 5 },
		{ category: 'wsl-supervision', difficulty: null, count: 2, points: 5 },
		{ category: 'wsl-liability', difficulty: 2, count: 2, points: 5 },
		{ category: 'wsl-liability', difficulty: 3, count: 2, points: 5 },
		{ category: 'procedure', difficulty: null, count: 6, points: 5 },
		{ category: 'criteria', difficulty: null, count: 2, points: 5 }
	]
};

export const STANDALONE_QUIZZES: SeedQuiz[] = [
	{
		title: '安全生产法（2021）知识测验',
		description: '覆盖主体责任、保障措施、从业人员权利义务、监督管理和法律责任五部分，共 20 题，每题 5 分。',
		timeLimitMinutes: 20,
		passMark: 60,
		attemptsAllowed: 0,
		rules: [
			{ category: 'wsl-responsibility', difficulty: null, count: 4, points: 5 },
			{ category: 'wsl-safeguards', difficulty: null, count: 4, points: 5 },
			{ category: 'wsl-workers', difficulty: null, count: 4, points: 5 },
			{ category: 'wsl-supervision', difficulty: null, count: 4, points: 5 },
			{ category: 'wsl-liability', difficulty: null, count: 4, points: 5 }
		]
	}
];
