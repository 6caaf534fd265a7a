import { z } from 'zod';
import { MEASURES } from '../scenario/types';

/**
 * What an officer may send for one item of the 现场检查 sheet. Provisions are free text: they are
 * parsed for display and for scoring, never judged while the drill runs.
 */
export const hazardAnswerInput = z
	.object({
		classification: z.enum(['general', 'major'], { error: '隐患等级的取值无效' }).nullable(),
		violated: z.array(z.string().max(300, '每条依据不能超过 300 个字符')).max(20, '最多 20 条'),
		penalty: z.array(z.string().max(300, '每条依据不能超过 300 个字符')).max(20, '最多 20 条'),
		measures: z.array(z.enum(MEASURES, { error: '处理措施的取值无效' })).max(MEASURES.length),
		deadlineDays: z.number().int('整改期限应为整数天').min(0, '整改期限不能为负').max(365, '整改期限不能超过 365 天').nullable(),
		note: z.string().max(1000, '备注不能超过 1000 个字符')
	})
	.strict();

export type HazardAnswerInput = z.infer<typeof hazardAnswerInput>;

/** The 执法程序 sheet entries: the card order, and the options chosen for one question. */
export const procedureOrderInput = z.object({ cardIds: z.array(z.string().max(20)).max(100) }).strict();
export const questionAnswerInput = z.object({ optionIds: z.array(z.string().max(20)).max(20) }).strict();
