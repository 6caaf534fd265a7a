import { z } from 'zod';
import { UNIT_KINDS } from '$lib/domain/unit';
import { SECTORS } from '$lib/domain/roles';
import { choice, optionalId, optionalText, requiredText } from '$lib/server/forms';

// 统一社会信用代码 (GB 32100-2015): 18 characters from digits and capitals without I, O, S, V, Z.
// Only the shape is checked here; the check digit is left to the issuing registry.
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The create and edit forms of a unit share these fields. */
export const unitSchema = z
	.object({
		parentId: optionalId('上级单位'),
		name: requiredText('单位名称', 64),
		kind: choice('单位类型', UNIT_KINDS),
		sector: z
			.union([z.literal(''), choice('行业类别', SECTORS)], { error: '行业类别的取值无效' })
			.optional()
			.transform((v) => (v ? v : null)),
		address: optionalText('地址', 128),
		legalRepresentative: optionalText('法定代表人', 32),
		creditCode: z
			.string({ error: '统一社会信用代码格式不正确' })
			.trim()
			.transform((v) => v.toUpperCase())
			.refine((v) => v === '' || CREDIT_CODE.test(v), '统一社会信用代码应为 18 位数字或大写字母')
			.optional()
			.transform((v) => (v ? v : null))
	})
	.refine((v) => v.kind !== 'enterprise' || v.sector !== null, {
		path: ['sector'],
		message: '企业须选择行业类别',
		// Run even when another field failed, so every missing field is reported in one round trip.
		when: (payload) => {
			const value = payload.value as { kind?: unknown };
			return !payload.issues.some((i) => i.path?.[0] === 'kind' || i.path?.[0] === 'sector') && value.kind !== undefined;
		}
	});

export type UnitForm = z.infer<typeof unitSchema>;

/** Form values (all strings) from parsed input or a stored unit, to fill the form again. */
export function toFormValues(u: UnitForm): Record<string, string> {
	return Object.fromEntries(Object.entries(u).map(([k, v]) => [k, v === null ? '' : String(v)]));
}
