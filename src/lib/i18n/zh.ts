import type { Role, Sector, StaffCategory } from '$lib/domain/roles';
import type { UnitKind } from '$lib/domain/unit';
import type { LawStatus } from '$lib/domain/law/catalog';
import type { AreaKind, DocumentType, HazardCategory, Measure } from '$lib/domain/scenario/types';
import type { StageKind } from '$lib/domain/drill/types';
import type { AwardTier, ScoreRule } from '$lib/domain/drill/scoring';

export const PRODUCT_NAME = '执法比武与安全培训平台';

export const roleLabels = {
	admin: '系统管理员',
	trainer: '培训教师',
	judge: '评委',
	officer: '执法队员',
	learner: '企业从业人员'
} as const satisfies Record<Role, string>;

export const staffCategoryLabels = {
	principal: '主要负责人',
	safety_manager: '安全生产管理人员',
	special_operator: '特种作业人员',
	other: '其他从业人员'
} as const satisfies Record<StaffCategory, string>;

/** 培训期次 status (schema codes are English). */
export const trainingStatusLabels = {
	planned: '计划',
	enrolling: '报名中',
	running: '进行中',
	ended: '已结束',
	cancelled: '已取消'
} as const satisfies Record<'planned' | 'enrolling' | 'running' | 'ended' | 'cancelled', string>;

/** Who a training session is for: the staff categories, 执法人员, or a mix. */
export const trainingAudienceLabels = {
	...staffCategoryLabels,
	officer: '执法人员',
	mixed: '混合'
} as const satisfies Record<StaffCategory | 'officer' | 'mixed', string>;

/** 培训统计 (training dashboard): the tables, as shown on the page and in the Excel exports. */
export const trainingStatsTableLabels = {
	month: '按月份',
	region: '按地区',
	category: '按人员类别',
	enterprises: '按企业',
	short: '学时不足人员'
} as const;

export const enrollmentStatusLabels = { enrolled: '已报名', waiting: '候补', cancelled: '已取消' } as const;
export const enrollmentSourceLabels = { self: '自主报名', trainer: '教师添加', import: '名单导入' } as const;

export const sectorLabels = {
	metallurgy: '冶金',
	nonferrous: '有色',
	building_materials: '建材',
	machinery: '机械',
	light_industry: '轻工',
	textile: '纺织',
	tobacco: '烟草',
	commerce: '商贸'
} as const satisfies Record<Sector, string>;

export const unitKindLabels = {
	province: '省',
	city: '市',
	county: '县/区',
	department: '部门',
	enterprise: '企业'
} as const satisfies Record<UnitKind, string>;

export const lawStatusLabels = {
	in_force: '现行有效',
	amended: '已被修改',
	repealed: '已废止',
	not_yet_in_force: '尚未施行'
} as const satisfies Record<LawStatus, string>;

export const hazardCategoryLabels = {
	dust: '粉尘防爆',
	confined_space: '有限空间',
	ammonia: '涉氨制冷',
	electrical: '电气安全',
	fire: '消防安全',
	machinery: '机械防护',
	special_operation: '特种作业',
	special_equipment: '特种设备',
	hazardous_work: '危险作业',
	hazardous_chemicals: '危险化学品',
	training: '教育培训',
	management: '安全管理制度',
	ppe: '劳动防护用品',
	evacuation: '安全出口与疏散',
	other: '其他'
} as const satisfies Record<HazardCategory, string>;

export const measureLabels = {
	remove_immediately: '责令立即排除',
	rectify_within_deadline: '责令限期整改',
	evacuate_workers: '责令从危险区域撤出作业人员',
	suspend_production: '责令暂时停产停业',
	stop_using_equipment: '责令停止使用相关设施、设备',
	seize: '查封、扣押',
	file_case: '立案查处'
} as const satisfies Record<Measure, string>;

export const hazardClassLabels = { general: '一般事故隐患', major: '重大事故隐患' } as const;

export const areaKindLabels = { site: '现场区域', records: '资料查阅' } as const satisfies Record<AreaKind, string>;

export const documentTypeLabels = {
	inspection_record: '现场检查记录',
	onsite_measures_decision: '现场处理措施决定书',
	rectification_order: '责令限期整改指令书',
	rectification_review: '整改复查意见书',
	penalty_notice: '行政处罚告知书',
	penalty_decision_unit: '行政处罚决定书（单位）'
} as const satisfies Record<DocumentType, string>;

export const stageKindLabels = {
	theory: '理论考试',
	hazard: '现场检查',
	procedure: '执法程序',
	document: '文书制作',
	conduct: '文明执法'
} as const satisfies Record<StageKind, string>;

export const awardLabels = { first: '一等奖', second: '二等奖', third: '三等奖' } as const satisfies Record<AwardTier, string>;

/** What each kind of score line item is for (成绩 → 逐项得分). */
export const scoreRuleLabels = {
	'hazard.found': '发现隐患',
	'hazard.classification': '隐患等级判定',
	'hazard.violated': '违法依据',
	'hazard.penalty': '处罚依据',
	'hazard.measure': '现场处理措施',
	'decoy.flagged': '误将合规项判为隐患',
	'procedure.step_present': '程序步骤',
	'procedure.order': '步骤顺序',
	'procedure.wrong_step': '错误步骤',
	question: '情景处置',
	'judge.rubric': '评委评分',
	'document.check': '文书自动检查',
	'document.adjustment': '评委调整文书得分',
	'theory.member': '队员理论考试成绩（队内平均）',
	'stage.floor': '阶段得分不低于 0 的补足'
} as const satisfies Record<ScoreRule, string>;

/** Publish-check problems; `{name}`, `{text}`, `{field}` come from the problem's params. */
export const scenarioProblemText: Record<string, string> = {
	'enterprise.no_name': '企业概况：未填写企业名称',
	'enterprise.no_address': '企业概况：未填写地址（文书核对需要）',
	'enterprise.no_legal_representative': '企业概况：未填写法定代表人（文书核对需要）',
	'scenario.no_areas': '还没有任何区域',
	'scenario.no_hazards': '没有设置任何隐患',
	'scenario.no_decoys': '没有设置干扰项（合规但看似有问题的检查点）',
	'area.no_items': '区域“{name}”中没有检查点',
	'image.missing': '“{name}”引用的图片不存在，请重新上传',
	'item.no_hotspot': '检查点“{name}”未在区域图上标注位置',
	'decoy.no_explanation': '干扰项“{name}”未说明为何合规',
	'hazard.no_violated': '隐患“{name}”没有填写违法依据',
	'hazard.no_penalty': '隐患“{name}”没有填写处罚依据',
	'hazard.no_measure': '隐患“{name}”没有选择现场处理措施',
	'hazard.no_deadline': '隐患“{name}”要求限期整改，但未填写整改期限',
	'hazard.no_points': '隐患“{name}”的分值为 0',
	'hazard.no_explanation': '隐患“{name}”没有讲解说明',
	'hazard.major_without_criterion': '重大事故隐患“{name}”未填写《工贸企业重大事故隐患判定标准》的判定条款',
	'hazard.criterion_not_criteria': '重大事故隐患“{name}”的判定依据“{text}”不是《工贸企业重大事故隐患判定标准》的条款',
	'citation.unparseable': '{field}“{text}”中没有识别到“法规名称 + 第…条”形式的引用',
	'citation.unknown_law': '{field}“{text}”引用的法规不在法规库中',
	'citation.no_such_article': '{field}“{text}”引用的条文不存在',
	'citation.superseded': '{field}“{text}”引用了已修改或废止的版本',
	'citation.unverifiable': '{field}“{text}”的条文未收录，无法核对',
	'procedure.no_steps': '执法程序：还没有设置正确步骤',
	'procedure.no_points': '执法程序：分值为 0',
	'question.no_points': '情景题的分值为 0',
	'question.no_explanation': '情景题没有解析',
	'document.no_facts': '文书要求没有列出必须包含的事实'
};

export function scenarioProblemMessage(p: { code: string; params?: Record<string, string | number> }): string {
	const template = scenarioProblemText[p.code] ?? p.code;
	return fillTemplate(template, p.params);
}

/** Audit-log action codes as shown to admins; unknown codes are shown raw. */
export const auditActionLabels: Record<string, string> = {
	'user.create': '创建用户',
	'user.update': '修改用户',
	'user.disable': '停用用户',
	'user.enable': '启用用户',
	'user.reset_password': '重置密码',
	'user.change_password': '修改密码',
	'user.register': '自助注册',
	'user.create_cli': '命令行创建管理员',
	'unit.create': '新建单位',
	'unit.update': '修改单位',
	'unit.delete': '删除单位',
	'seed.demo': '写入演示数据',
	'law.import': '导入法规条文',
	'scenario.create': '新建场景',
	'scenario.edit': '编辑场景草稿',
	'scenario.publish': '发布场景版本',
	'scenario.import': '导入场景',
	'scenario.duplicate': '复制场景',
	'drill.create': '创建比武活动',
	'drill.stage_open': '开始比赛阶段',
	'quiz.create': '新建测验',
	'quiz.update': '修改测验',
	'quiz.status': '更改测验发布状态',
	'quiz.delete': '删除测验',
	'quiz.regrade': '测验重新评分',
	'drill.stage_close': '结束比赛阶段',
	'drill.extend': '延长队伍时间',
	'drill.debrief_open': '开放讲解',
	'drill.debrief_close': '关闭讲解',
	'drill.judge_score': '评委评分',
	'drill.judge_lock': '锁定评委评分',
	'drill.judge_unlock': '解除评分锁定',
	'drill.rubric': '修改评分细则',
	'drill.pause': '暂停比武',
	'drill.resume': '继续比武',
	'drill.board_settings': '修改封榜与奖项设置',
	'drill.freeze': '封榜',
	'drill.reveal': '揭晓成绩',
	'drill.public_link': '更换大屏链接',
	'drill.rescore': '重新评分',
	'drill.settings': '修改评分规则',
	'drill.end': '结束比武',
	'drill.document_adjust': '评委调整文书得分',
	'document.practice_create': '新建文书练习',
	'document.practice_delete': '删除文书练习',
	'training.roster_import': '导入培训名单',
	'training.session_create': '新建培训期次',
	'training.session_update': '修改培训期次',
	'training.session_status': '更改培训期次状态',
	'training.trainee_create': '登记学员',
	'training.trainee_link': '学员档案关联账号',
	'training.enroll': '培训报名',
	'training.enroll_cancel': '取消培训报名',
	'training.promote': '候补转为正式报名',
	'training.attendance_mark': '登记出勤',
	'training.attendance_correct': '更正考勤',
	'training.exam_result': '录入考试成绩',
	'training.certificate_issue': '发放培训合格证明',
	'training.certificate_revoke': '撤销培训合格证明',
	'training.export_unmasked': '导出含完整身份证号的培训统计',
	// 题库 (question bank)
	'bank.category_create': '新建试题分类',
	'bank.category_rename': '重命名试题分类',
	'bank.category_move': '移动试题分类',
	'bank.category_delete': '删除试题分类',
	'bank.question_create': '新建试题',
	'bank.question_update': '修改试题',
	'bank.question_status': '更改试题状态',
	'bank.question_delete': '删除试题',
	'bank.import': '导入试题',
	// 课程 (courses vertical)
	'course.create': '新建课程',
	'course.update': '修改课程',
	'course.delete': '删除课程',
	'course.lesson_create': '新增课时',
	'course.lesson_update': '修改课时',
	'course.lesson_delete': '删除课时',
	'course.lesson_move': '调整课时顺序',
	'course.quiz_attach': '课程添加测验',
	'course.quiz_detach': '课程移除测验',
	'course.quiz_move': '调整课程测验顺序',
	'course.complete': '完成课程（计入学时）'
};

export const auditEntityLabels: Record<string, string> = { user: '用户', unit: '单位', system: '系统', law: '法规', scenario: '场景', drill: '比武活动', practice_document: '练习文书', training_session: '培训期次', enrollment: '培训报名', trainee: '学员', attendance: '考勤', exam_result: '考试成绩', training_certificate: '培训合格证明', quiz: '测验', question: '试题', question_category: '试题分类', course: '课程', lesson: '课时' };

/** Error code → message. `{name}` placeholders are filled from the error's params. */
export const errors: Record<string, string> = {
	'auth.invalid_credentials': '用户名或密码错误',
	'auth.throttled': '登录失败次数过多，请 {minutes} 分钟后再试',
	'auth.disabled': '该账号已停用，请联系系统管理员',
	'auth.wrong_current_password': '当前密码不正确',
	'user.username_taken': '该用户名已被使用',
	'user.not_found': '未找到该用户',
	'user.cannot_disable_self': '不能停用自己的账号',
	'user.cannot_drop_own_admin': '不能取消自己的系统管理员角色',
	'user.last_admin': '至少需要保留一名启用的系统管理员',
	'user.unit_not_found': '所选单位不存在',
	'user.enterprise_required': '企业从业人员须选择所属企业',
	'unit.not_found': '未找到该单位',
	'unit.parent_not_found': '所选上级单位不存在',
	'unit.root_must_be_province': '顶层单位只能是省级单位',
	'unit.parent_is_leaf': '部门或企业下不能再设下级单位',
	'unit.child_not_lower': '下级单位的层级必须低于上级单位（省 → 市 → 县/区 → 部门/企业）',
	'unit.cycle': '不能把单位移到它自己的下级单位之下',
	'unit.has_children': '该单位还有 {count} 个下级单位，请先删除或移走它们',
	'unit.has_users': '该单位还有 {count} 个用户，请先把他们调到其他单位',
	'unit.sector_required': '企业须选择行业类别',
	'scenario.not_found': '未找到该场景',
	'scenario.invalid': '场景内容不符合格式要求',
	'scenario.has_problems': '发布检查发现问题，请先修改',
	'scenario.area_not_found': '未找到该区域',
	'scenario.item_not_found': '未找到该检查点',
	'scenario.question_not_found': '未找到该情景题',
	'scenario.document_not_found': '未找到该文书要求',
	'drill.not_found': '未找到该比武活动',
	'drill.no_stages': '请至少设置一个比赛阶段',
	'drill.weights_not_100': '各阶段权重之和必须等于 100',
	'drill.no_teams': '请至少添加一支参赛队伍',
	'drill.member_twice': '同一名执法队员不能同时在两支队伍中',
	'drill.team_name_twice': '队伍名称不能重复',
	'drill.version_not_found': '所选场景版本不存在',
	'drill.member_not_officer': '队员必须是具有执法队员角色的用户',
	'drill.judge_not_judge': '评委必须是具有评委角色的用户',
	'drill.stage_not_found': '未找到该比赛阶段',
	'drill.stage_not_pending': '该阶段已经开始过，不能再次开始',
	'drill.stage_kind_unavailable': '该类型的阶段尚未开放',
	'drill.theory_quiz': '理论考试阶段需要选择一份已发布的测验',
	// quizzes and attempts
	'quiz.not_found': '未找到该测验',
	'quiz.title': '请填写测验名称（不超过 100 个字符）',
	'quiz.time_limit': '时间限制应为 0–600 分钟的整数（0 表示不限时）',
	'quiz.window': '关闭时间必须晚于开放时间',
	'quiz.attempts': '允许作答次数应为 0–100 的整数（0 表示不限次数）',
	'quiz.pass_mark': '及格线应为 0–100 的整数',
	'quiz.no_rules': '请至少添加一条抽题规则',
	'quiz.rule_count': '每条抽题规则至少抽 1 题',
	'quiz.rule_points': '每题分值应大于 0 且不超过 100',
	'quiz.too_many_questions': '一份测验最多 {max} 题',
	'quiz.category_not_found': '抽题规则中的试题分类不存在',
	'quiz.rule_short': '第 {rule} 条抽题规则需要 {needed} 题，但题库中只有 {available} 道可用（在用状态、未被前面的规则抽走）的试题',
	'quiz.has_attempts': '已有学员作答该测验，不能修改抽题规则或删除；可以停止发布',
	'quiz.in_drill': '该测验已被执法比武的理论考试环节使用，不能删除',
	'attempt.paused': '比武已暂停：暂停期间不能作答，计时也暂停，继续后剩余时间顺延',
	'quiz.not_published': '该测验尚未发布',
	'quiz.not_open_yet': '该测验尚未开放',
	'quiz.closed': '该测验已关闭',
	'quiz.no_attempts_left': '您的作答次数已用完',
	'quiz.drill_only': '该测验用于比武理论考试，只能在比武中作答',
	'attempt.not_found': '未找到该次作答',
	'attempt.submitted': '本次作答已交卷，不能再修改',
	'attempt.time_up': '作答时间已到，系统已按已保存的答案自动交卷',
	'attempt.bad_slot': '题号无效',
	'attempt.bad_response': '答案格式与题型不符',
	'attempt.bad_request': '请求格式不正确',
	'drill.no_quiz': '该理论考试阶段没有设置测验',
	'drill.not_member': '您不是该比武活动参赛队伍的成员',
	'drill.stage_not_open': '该阶段尚未开始',
	'drill.stage_closed': '该阶段已结束，不能再修改答卷',
	'drill.submitted': '本队已提交本阶段答卷，不能再修改',
	'drill.time_up': '本阶段时间已到，保存未成功',
	'drill.unknown_item': '答卷中的检查点无效，请刷新页面',
	'drill.bad_answer': '答卷内容格式不正确',
	'drill.conflict': '队友刚刚修改了这一项，已显示其最新内容',
	'drill.paused': '比武已暂停，暂停期间不能保存，恢复后请重试',
	'drill.not_judge': '您不是该比武活动的评委',
	'drill.not_chief': '只有主评委可以锁定评分',
	'drill.stage_not_judged': '该阶段不是评委打分阶段',
	'drill.stage_locked': '主评委已锁定本阶段评分，不能再修改',
	'drill.team_not_found': '未找到该队伍',
	'drill.scores_exist': '已有评委打分，不能再修改评分细则',
	'drill.already_paused': '比武已处于暂停状态',
	'drill.not_paused': '比武没有暂停',
	'drill.already_revealed': '成绩已经揭晓',
	'drill.already_ended': '比武已经结束',
	'drill.stage_not_document': '该阶段不是文书制作阶段',
	'document.unknown': '本场景没有要求这份文书',
	'document.bad_adjustment': '调整分值须为非零的 0.5 的整数倍，且不超过该文书的分值',
	'document.invalid_value': '该项内容格式不正确',
	'drill.rescore_version': '请选择本场景更新的已发布版本',
	'drill.rescore_stage_open': '还有阶段正在进行，请先结束所有阶段再重新评分',
	'drill.settings_locked': '比武已开始，评分规则不能再修改',
	'scoring.hazard_weights': '隐患各项占比须在 0–100% 之间，且合计为 100%',
	'scoring.procedure_weights': '步骤齐全与顺序的占比合计须为 100%，错误步骤扣分须在 0–100% 之间',
	'scoring.citation_credit': '引用得分须在 0–100% 之间，且不准确的引用得分不能高于更准确的引用',
	'scoring.decoy_penalty': '误判合规项扣分不能为负数',
	'scoring.trim_at': '去掉最高最低分的评委人数须为不少于 3 的整数',
	'scoring.stage_weights': '各阶段默认权重不能为负数',
	'judge.bad_points': '评分超出范围，请按提示修改',
	'judge.points_range': '分值应在 0 到满分之间',
	'judge.points_step': '分值须为 0.5 的整数倍',
	'judge.unknown_item': '评分项不存在，请刷新页面',
	'rubric.empty': '请至少填写一个评分项',
	'rubric.too_many': '评分项不能超过 20 个',
	'rubric.bad_line': '第 {line} 行格式不正确，应为「评分项名称 满分」',
	'rubric.bad_points': '第 {line} 行的满分应为 0.5–100 之间 0.5 的整数倍',
	'rubric.title_twice': '第 {line} 行的评分项名称重复',
	'image.too_large': '图片超过 5 MB',
	'image.bad_type': '只接受 PNG、JPEG、WebP 或 SVG 图片（按文件内容识别）',
	'image.empty': '图片文件为空',
	'image.bad_svg': 'SVG 内容无效',
	'document.not_found': '未找到该文书',
	'document.bad_type': '请选择文书类型',
	'document.version_not_found': '所选场景版本不存在',
	'document.conflict': '该文书已在其他窗口或设备上修改，已显示最新内容，请核对后继续填写',
	'document.invalid_values': '文书内容有误，请按提示修改后再保存',
	'checkin.slot_not_found': '未找到该签到时段，请重新扫描大屏上的二维码',
	'checkin.no_trainee': '您的账号未设置人员类别，无法登记签到，请联系培训教师',
	'checkin.not_enrolled': '您不在本期培训的正式名单中（未报名或仍在候补），不能签到，请联系培训教师',
	'checkin.not_running': '本期培训当前不在进行中，不能签到',
	'checkin.wrong_day': '该时段在 {date}，不是今天，不能签到',
	'checkin.too_early': '签到尚未开始：本时段 {time} 开始，开始前 30 分钟起可以签到',
	'checkin.closed': '本时段已于 {time} 结束，签到已关闭；如确实到场，请联系培训教师补登',
	'checkin.expired': '二维码已过期，请重新扫描大屏上的最新二维码',
	'checkin.invalid': '签到码无效，请直接扫描大屏上的二维码（转发的图片或链接不能签到）',
	'attendance.slot_not_found': '未找到该培训时段，请刷新页面后重试',
	'attendance.trainee_not_found': '未找到该学员',
	'attendance.session_not_open': '培训开始后才能登记考勤',
	'attendance.not_enrolled': '不在本期正式名单中（候补或已取消），不能登记出勤',
	'attendance.slot_not_started': '该时段签到尚未开始，不能提前登记出勤',
	'attendance.reason_required': '取消已有的签到记录属于更正，请填写更正原因',
	'exam.session_not_found': '未找到该培训期次',
	'exam.session_not_open': '培训开始后才能录入考试成绩',
	'exam.not_enrolled': '不在本期正式名单中，不能录入考试成绩',
	'exam.bad_score': '考试成绩应为 0–100 之间的数，最多一位小数',
	'exam.certificate_issued': '已发放培训合格证明，须先撤销证书才能修改成绩',
	'certificate.session_not_found': '未找到该培训期次',
	'certificate.session_not_open': '培训开始后才能发放证书',
	'certificate.no_slots': '本期培训没有时段，无法计算出勤学时',
	'certificate.not_found': '未找到该证书编号',
	'certificate.already_revoked': '该证书已被撤销',
	'certificate.reason_required': '请填写撤销原因',
	'training.not_found': '未找到该培训期次',
	'training.bad_date': '日期无效，请按“年-月-日”填写',
	'training.end_before_start': '结束日期不能早于开始日期',
	'training.no_slots': '请至少添加一个培训时段',
	'training.slot_bad_time': '第 {slot} 个时段的日期或时间无效',
	'training.slot_time_order': '第 {slot} 个时段的结束时间应晚于开始时间',
	'training.slot_outside_dates': '第 {slot} 个时段的日期（{date}）不在培训起止日期之内',
	'training.slot_hours': '第 {slot} 个时段的学时应大于 0 且不超过 {max}',
	'training.slot_overlap': '第 {slot} 个时段与第 {other} 个时段在 {date} 时间重叠',
	'training.capacity': '计划人数应为 1–{max} 的整数',
	'training.pass_mark': '合格分数线应为 0–100 的整数',
	'training.unit_not_found': '所选单位不存在',
	'training.session_closed': '该期培训已结束或已取消，不能再修改',
	'training.slot_not_found': '时段已被修改或删除，请刷新页面后重试',
	'training.slot_has_attendance': '要删除的时段已有签到记录，不能删除',
	'training.year_locked': '本期已发放培训合格证明，开始日期不能改到其他年份',
	'training.bad_transition': '当前状态下不能进行该操作，请刷新页面',
	'training.not_enrolling': '该期培训当前不在报名中',
	'training.already_enrolled': '已在本期培训的名单或候补名单中',
	'training.enrollment_not_found': '未找到该报名记录',
	'training.not_enrolled': '该报名已经取消',
	'training.cancel_forbidden': '只能取消自己的报名',
	'training.cancel_closed': '培训已开始，不能再自行取消报名，请联系培训教师',
	'trainee.not_found': '未找到该学员',
	'trainee.name_required': '请填写姓名',
	'trainee.name_too_long': '姓名不能超过 {max} 个字',
	'trainee.identity_required': '请填写身份证号或手机号，以便区分同名人员',
	'trainee.enterprise_not_found': '所选企业不存在',
	'trainee.category_missing': '您的账号未设置人员类别，请联系管理员补充后再报名',
	'id.length': '身份证号应为 18 位（现为 {length} 位）',
	'id.chars': '身份证号第 {position} 位字符无效',
	'id.birth': '身份证号中的出生日期无效',
	'id.checksum': '身份证号校验位不正确，请逐位核对',
	'phone.empty': '请填写手机号',
	'phone.invalid': '手机号格式不正确',
	'phone.not_mobile': '请填写手机号码，不能是座机号码',
	// 题库 (question bank)
	'bank.category_not_found': '未找到该试题分类，可能已被删除，请刷新页面',
	'bank.category_parent_not_found': '所选上级分类不存在，请刷新页面后重新选择',
	'bank.category_name_required': '请填写分类名称',
	'bank.category_name_too_long': '分类名称不能超过 {max} 个字',
	'bank.category_name_slash': '分类名称中不能有“/”或“\\”（导入导出时用“/”分隔各级分类）',
	'bank.category_name_taken': '同一级下已有名为“{name}”的分类',
	'bank.category_cycle': '不能把分类移到它自己或它的下级分类之下',
	'bank.category_has_children': '该分类下还有 {count} 个下级分类，请先删除或移走它们',
	'bank.category_has_questions': '该分类（不含下级分类）中还有 {count} 道试题，请先把试题移到其他分类或删除',
	'bank.category_in_quiz': '测验 {quizzes} 的抽题规则使用了该分类，请先修改这些抽题规则',
	'bank.question_not_found': '未找到该试题，可能已被删除',
	'bank.invalid_question': '试题内容有误，请按提示修改',
	'bank.duplicate': '题库中已有题干和选项都相同的试题（编号 {id}），请勿重复录入',
	'bank.stale': '该试题已被他人修改（现为第 {version} 版），请刷新页面，核对最新内容后再修改',
	'bank.bad_status': '试题状态无效',
	'bank.question_used': '该试题已被 {count} 次测验作答抽到，删除会使这些成绩无法查看；请改为“停用”，停用后不会再被抽到',
	// 课程 (courses vertical: src/lib/server/course)
	'course.not_found': '未找到该课程',
	'course.title_required': '请填写课程名称',
	'course.title_too_long': '课程名称不能超过 {max} 个字',
	'course.hours': '学时应大于 0 且不超过 {max}，最多两位小数',
	'course.no_lessons': '课程还没有课时，至少添加一课后才能发布',
	'course.last_lesson': '已发布的课程至少要保留一课；如需删除这一课，请先下架课程',
	'course.has_completions': '已有 {count} 人完成该课程，其学时和结业证明须保留，不能删除；可以下架课程（改为草稿），学员将不再看到它',
	'course.lesson_not_found': '未找到该课时，可能已被删除，请刷新页面',
	'course.lesson_title': '请填写课时标题（不超过 {max} 个字）',
	'course.quiz_not_found': '所选测验不存在，请刷新页面后重新选择',
	'course.quiz_attached': '该测验已在本课程中',
	'course.quiz_not_attached': '该测验不在本课程中，请刷新页面',
	'course.not_open': '该课程未发布或不面向您的人员类别，不能记录学习进度',
	'course.forbidden': '只能查看本人的结业证明',
	'course.not_completed': '尚未完成该课程：学完全部课时并通过全部测验后可获得结业证明',
	// 备份与恢复 (npm run backup / restore: src/lib/server/db/backup.ts)
	'backup.source_missing': '找不到数据库文件：{path}',
	'backup.target_exists': '目标文件已存在，未覆盖：{path}',
	'backup.file_missing': '找不到备份文件：{path}',
	'backup.not_sqlite': '{path} 不是 SQLite 数据库文件',
	'backup.corrupt': '{path} 已损坏，未通过完整性检查：{detail}',
	'backup.not_ours': '{path} 不是本平台的数据库：{detail}',
	'backup.newer_version': '{path} 来自更新版本的平台（含本程序没有的数据库迁移），请先升级程序再恢复',
	'restore.same_file': '备份文件就是当前数据库 {path}，无需恢复',
	'restore.in_use': '数据库 {path} 正在被使用（服务器可能正在运行），未做任何改动；请先停止服务器再恢复',
	// 开始测验 (the start button with JavaScript: POST /api/quizzes/:quizId/attempts)
	'quiz.start_network': '网络连接失败，未能开始作答，请检查网络后重试'
};

export function errorText(error: { code: string; params?: Record<string, string | number> }): string {
	const template = errors[error.code] ?? `操作失败（${error.code}）`;
	return fillTemplate(template, error.params);
}

/** Messages for law-dataset problems; `{field}` etc. come from the error's params. */
export const datasetErrors: Record<string, string> = {
	'dataset.not_object': '文件内容不是 JSON 对象',
	'dataset.bad_format': 'format 应为 "law-dataset/1"，实际为 "{value}"',
	'dataset.no_laws': '缺少 laws 数组，或其中没有任何法规',
	'dataset.required': '缺少字段 {field}',
	'dataset.wrong_type': '字段 {field} 应为{expected}',
	'dataset.unknown_law': '法规目录中没有 id 为 "{value}" 的法规',
	'dataset.unknown_edition': '法规目录中没有施行日期为 {value} 的该法规版本',
	'dataset.title_mismatch': '标题“{value}”与法规目录中的“{expected}”不一致',
	'dataset.bad_kind': '类别“{value}”无效（应为法律、行政法规、部门规章、地方性法规、国家标准或行业标准）',
	'dataset.bad_date': '日期“{value}”格式应为 YYYY-MM-DD',
	'dataset.duplicate_law': '法规 {value} 在文件中重复出现',
	'dataset.bad_article_number': '条号“{value}”应为 1–9999 的整数',
	'dataset.duplicate_article': '第 {value} 条重复出现',
	'dataset.empty_text': '条文内容为空',
	'dataset.too_long': '字段 {field} 超过 {max} 个字符'
};

export function datasetErrorText(e: { record: string; path: string; code: string; params?: Record<string, string | number> }): string {
	const template = datasetErrors[e.code] ?? e.code;
	return `${e.record}：${fillTemplate(template, e.params)}`;
}

/** Fills `{name}` placeholders of a message template from an error's params (missing ones become empty). */
export function fillTemplate(template: string, params?: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params?.[k] ?? ''));
}

/** 名单导入 (training roster import): row problems of domain/training/roster.ts and file/import refusals. */
export const rosterText: Record<string, string> = {
	'file.empty': '文件中没有任何内容',
	'file.no_rows': '表头下面没有任何人员，请从表头的下一行起每行填写一人',
	'file.too_many_rows': '名单共有 {count} 行，超过一次最多导入的 {max} 行，请拆成几个文件分别导入',
	'header.not_found': '前 {max} 行中没有找到表头（应包含 姓名、身份证号、所在企业、人员类别 等列），建议使用下载的模板',
	'header.missing': '缺少必填的「{column}」列',
	'header.duplicate': '与「{first}」列重复，同一列只能出现一次',
	'header.extra': '不是名单模板中的列，导入时忽略',
	'header.rows_above': '表头在第 {row} 行，上面的行（如标题）已忽略',
	'row.example': '这是模板中的示例行，请删除后再导入',
	'cell.formula': '内容以“=”开头，像是公式；名单中的公式不会被计算，请填写实际内容',
	'cell.formula_text': '内容以 = + - @ 开头，将按文字原样保存，不会当作公式',
	'name.required': '未填写姓名',
	'name.length': '姓名应为 {min}–{max} 个字（现为 {length} 个）',
	'name.chars': '姓名只能包含汉字、英文字母和间隔号“·”',
	'phone.invalid': '手机号格式不正确，应为 11 位手机号码（可不填）',
	'phone.not_mobile': '这是座机号码，手机号一栏请填写 11 位手机号码（可不填）',
	'id.required': '未填写身份证号',
	'id.scientific': '身份证号被 Excel 存成了数字（如 1.10105E+17），末几位已丢失；请把该列设为“文本”格式后重新填写',
	'id.length': '身份证号应为 18 位（现为 {length} 位）',
	'id.chars': '身份证号第 {position} 位字符无效：前 17 位应为数字，最后一位为数字或 X',
	'id.birth': '身份证号中的出生日期（第 7–14 位）不是有效日期',
	'id.checksum': '身份证号校验位不正确，请逐位核对（常见原因：抄错一位或相邻两位颠倒）',
	'id.underage': '按身份证号中的出生日期（{birth}）计算不满 {age} 周岁，请核对',
	'id.duplicate': '身份证号与第 {rows} 行重复',
	'id.enrolled': '此人已在本期培训名单中',
	'id.name_mismatch': '该身份证号已登记为“{registered}”，与本行姓名不一致，请核对',
	'enterprise.required': '未填写所在企业',
	'enterprise.too_long': '企业名称不能超过 {max} 个字',
	'enterprise.unknown': '企业“{name}”不在系统中（共 {rows} 行），确认后将新建该企业',
	'category.required': '未填写人员类别',
	'category.unknown': '人员类别“{text}”无法识别，应为 主要负责人、安全生产管理人员、特种作业人员 或 其他从业人员',
	'position.too_long': '岗位不能超过 {max} 个字',
	'upload.missing': '请选择要导入的名单文件（.xlsx 或 .csv）',
	'upload.empty': '文件是空的（0 字节）',
	'upload.too_large': '文件超过 {max} MB，请拆成几个文件分别导入',
	'upload.bad_type': '只能导入 .xlsx 或 .csv 文件',
	'upload.xls': '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 后再导入',
	'upload.not_xlsx': '文件不是有效的 .xlsx 工作簿（可能是改了扩展名的其他文件），请在 Excel 中另存为 .xlsx 后再导入',
	'upload.encrypted': '工作簿设置了密码或已加密，请取消密码后再导入',
	'upload.too_big_inside': '工作簿解压后超过 {max} MB，不像是一份名单，已拒绝',
	'upload.unreadable': '无法读取该工作簿：{detail}',
	'upload.no_sheet': '工作簿中没有工作表',
	'upload.not_text': 'CSV 文件中含有非文字内容，请确认选择的是名单文件',
	'upload.bad_csv': 'CSV 文件格式有误：{detail}',
	'upload.expired': '上传的文件已过期（超过 1 小时）或已导入，请重新选择文件',
	'import.session_not_found': '未找到该期培训',
	'import.session_closed': '该期培训已结束或已取消，不能再导入名单',
	'import.no_region': '该期培训未设置所属地区，无法新建企业；请先在单位管理中添加这些企业，或跳过相应的行',
	'import.bad_region': '该期培训所属地区下不能新建企业',
	'import.has_problems': '名单中还有 {count} 处需要处理的问题，未导入任何人员'
};

export function rosterProblemMessage(code: string, params?: Record<string, string | number>): string {
	return fillTemplate(rosterText[code] ?? code, params);
}

// ————— 题库 (question bank) —————

/** 多选题计分方式, as the editor shows them and the import template writes them (validate.ts reads these). */
export const multipleScoringLabels = { all: '全对得分', partial: '部分得分' } as const satisfies Record<'all' | 'partial', string>;

/** 试题导入: file refusals (codes of the shared xlsx/csv reader) and row problems. */
export const bankImportText: Record<string, string> = {
	'upload.missing': '请选择要导入的试题文件（.xlsx 或 .csv）',
	'upload.empty': '文件是空的（0 字节）',
	'upload.too_large': '文件超过 {max} MB，请拆成几个文件分别导入',
	'upload.bad_type': '只能导入 .xlsx 或 .csv 文件',
	'upload.xls': '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 后再导入',
	'upload.not_xlsx': '文件不是有效的 .xlsx 工作簿（可能是改了扩展名的其他文件），请在 Excel 中另存为 .xlsx 后再导入',
	'upload.encrypted': '工作簿设置了密码或已加密，请取消密码后再导入',
	'upload.too_big_inside': '工作簿解压后超过 {max} MB，不像是一份试题表，已拒绝',
	'upload.unreadable': '无法读取该工作簿：{detail}',
	'upload.no_sheet': '工作簿中没有工作表',
	'upload.not_text': 'CSV 文件中含有非文字内容，请确认选择的是试题文件',
	'upload.bad_csv': 'CSV 文件格式有误：{detail}',
	'file.empty': '文件中没有任何内容',
	'file.no_rows': '表头下面没有任何试题，请从表头的下一行起每行填写一道试题',
	'file.too_many_rows': '文件中有 {count} 道试题，超过一次最多导入的 {max} 道，请拆成几个文件分别导入',
	'header.not_found': '前 {max} 行中没有找到表头（应包含 分类、题型、题干、答案 等列），建议使用下载的模板',
	'header.missing': '缺少必填的「{column}」列',
	'header.duplicate': '「{column}」列出现了两次，同一列只能出现一次',
	'header.unknown': '「{text}」不是题库模板中的列，请删除该列或改为模板中的列名',
	'row.example': '这是模板中的示例试题，请删除后再导入',
	'category.required': '未填写分类',
	'category.bad_path': '分类「{path}」中有空的一级（两个 / 之间或开头结尾没有名称）',
	'category.bad_name': '分类名称「{name}」不能超过 {max} 个字，也不能含有“\\”',
	'category.missing': '题库中没有分类「{path}」；请先在分类管理中建立，或勾选“同时新建文件中缺少的分类”',
	'duplicate.file': '与第 {row} 行是同一道试题（题干和选项相同）',
	'duplicate.bank': '题库中已有这道试题（编号 {id}，题干和选项相同）',
	'import.has_problems': '文件中有 {count} 处问题，未导入任何试题；请修改后重新上传'
};

export function bankImportMessage(code: string, params?: Record<string, string | number>): string {
	return fillTemplate(bankImportText[code] ?? code, params);
}

// --- 课程 (courses vertical) -------------------------------------------------------------------------------

export const courseStatusLabels = { draft: '草稿', published: '已发布' } as const satisfies Record<'draft' | 'published', string>;

// --- 测验管理 (quiz builder, attempts list, item statistics: src/routes/(app)/quizzes) -------------------------

export const quizStatusLabels = { draft: '草稿', published: '已发布' } as const satisfies Record<'draft' | 'published', string>;
/** Who submitted an attempt, as the trainers' attempts list shows it. */
export const submittedByLabels = { learner: '本人', server: '系统自动', trainer: '阶段结束' } as const satisfies Record<'learner' | 'server' | 'trainer', string>;
/** What a learner may see after submitting / after the quiz closes (ReviewOptions). */
export const reviewOptionLabels = { score: '成绩', correctness: '对错', answers: '正确答案', explanations: '解析' } as const satisfies Record<
	'score' | 'correctness' | 'answers' | 'explanations',
	string
>;
