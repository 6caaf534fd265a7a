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
	'document.practice_delete': '删除文书练习'
};

export const auditEntityLabels: Record<string, string> = { user: '用户', unit: '单位', system: '系统', law: '法规', scenario: '场景', drill: '比武活动', practice_document: '练习文书' };

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
	'drill.stage_kind_unavailable': '该类型的阶段尚未开放（文书制作、理论考试将在后续版本提供）',
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
	'document.invalid_values': '文书内容有误，请按提示修改后再保存'
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
