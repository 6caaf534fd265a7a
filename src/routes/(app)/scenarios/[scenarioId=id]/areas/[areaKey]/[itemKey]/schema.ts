import { z } from 'zod';
import { HAZARD_CATEGORIES, MEASURES, type ItemKey } from '$lib/domain/scenario/types';
import { choice, optionalText, requiredText } from '$lib/server/forms';
import { checkboxField, linesField, optionalIntField, optionalNumberField, intField, textField } from '../../../fields.server';

/** What every item has: title, observation, position, photo removal, and whether it is a hazard. */
export const itemSchema = z
	.object({
		title: requiredText('检查点名称', 100),
		observation: textField('现场情况描述', 20_000),
		hotspotX: optionalNumberField('横坐标', 0, 100),
		hotspotY: optionalNumberField('纵坐标', 0, 100),
		removePhoto: checkboxField,
		kind: choice('检查点类型', ['hazard', 'decoy'] as const),
		explanation: textField('讲解说明', 20_000)
	})
	.refine((v) => (v.hotspotX === null) === (v.hotspotY === null), { path: ['hotspotY'], message: '横坐标和纵坐标需同时填写或同时留空' });

/** The hazard key; read only when the item is marked as a hazard. */
export const hazardSchema = z
	.object({
		classification: choice('隐患级别', ['general', 'major'] as const),
		majorCriterion: optionalText('重大事故隐患判定依据', 200),
		category: choice('隐患类别', HAZARD_CATEGORIES),
		violated: linesField('违法依据', 20, 300),
		penalty: linesField('处罚依据', 20, 300),
		measures: z.array(choice('现场处理措施', MEASURES)).max(MEASURES.length),
		deadlineMin: optionalIntField('整改期限最短天数', 0, 365),
		deadlineMax: optionalIntField('整改期限最长天数', 0, 365),
		points: intField('分值', 0, 1000)
	})
	.refine((v) => (v.deadlineMin === null) === (v.deadlineMax === null), { path: ['deadlineMax'], message: '整改期限的最短和最长天数需同时填写' })
	.refine((v) => v.deadlineMin === null || v.deadlineMax === null || v.deadlineMin <= v.deadlineMax, {
		path: ['deadlineMax'],
		message: '最短天数不能大于最长天数'
	});

export function toAnswer(kind: 'hazard' | 'decoy', explanation: string, h: z.infer<typeof hazardSchema> | null): ItemKey {
	if (kind === 'decoy' || !h) return { kind: 'decoy', explanation };
	return {
		kind: 'hazard',
		classification: h.classification,
		// A criterion only means something for a major hazard; a general one keeps none.
		majorCriterion: h.classification === 'major' ? h.majorCriterion : null,
		category: h.category,
		violated: h.violated,
		penalty: h.penalty,
		measures: h.measures,
		deadlineDays: h.deadlineMin !== null && h.deadlineMax !== null ? { min: h.deadlineMin, max: h.deadlineMax } : null,
		points: h.points,
		explanation
	};
}
