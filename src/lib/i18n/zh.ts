import type { Role, Sector, StaffCategory } from '$lib/domain/roles';
import type { UnitKind } from '$lib/domain/unit';
import type { LawStatus } from '$lib/domain/law/catalog';

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
	'law.import': '导入法规条文'
};

export const auditEntityLabels: Record<string, string> = { user: '用户', unit: '单位', system: '系统', law: '法规' };

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
	'unit.sector_required': '企业须选择行业类别'
};

export function errorText(error: { code: string; params?: Record<string, string | number> }): string {
	const template = errors[error.code] ?? `操作失败（${error.code}）`;
	return template.replace(/\{(\w+)\}/g, (_, k: string) => String(error.params?.[k] ?? ''));
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
	return `${e.record}：${template.replace(/\{(\w+)\}/g, (_, k: string) => String(e.params?.[k] ?? ''))}`;
}
