import { z } from 'zod';
import { requiredText } from '$lib/server/forms';
import type { SituationalQuestion } from '$lib/domain/scenario/types';
import { intField, keyField, textField } from '../fields.server';

export const MAX_OPTIONS = 10;
export const optionLetter = (i: number) => String.fromCharCode(65 + i);

const optionFields = Object.fromEntries(
	Array.from({ length: MAX_OPTIONS }, (_, i) => [`option${i}`, textField(`选项 ${optionLetter(i)}`, 500)])
) as Record<`option${number}`, ReturnType<typeof textField>>;

/** A situational question as the form posts it: options in slots option0…option9, `correct` holds slot numbers. */
export const questionSchema = z.object({
	key: keyField.optional(),
	situation: requiredText('情景描述', 5_000),
	...optionFields,
	correct: z.array(z.string().regex(/^\d$/, '正确选项无效')).max(MAX_OPTIONS),
	explanation: textField('解析', 20_000),
	points: intField('分值', 0, 1000)
});

type QuestionForm = z.infer<typeof questionSchema>;

/** The filled option slots of a posted form (blank ones dropped) and the ticked slot numbers. */
function slotsOf(formData: FormData) {
	const slots = Array.from({ length: MAX_OPTIONS }, (_, i) => ({ slot: i, text: String(formData.get(`option${i}`) ?? '').trim() })).filter((o) => o.text);
	return { slots, ticked: new Set(formData.getAll('correct').map(Number)) };
}

/**
 * Errors of the options as a whole, checked on the raw form so they are reported together with the
 * other fields' errors: at least two options, at least one ticked, none ticked blank.
 */
export function optionErrors(formData: FormData): Record<string, string> {
	const { slots, ticked } = slotsOf(formData);
	const errors: Record<string, string> = {};
	if (slots.length < 2) errors.options = '至少需要填写两个选项';
	if ([...ticked].some((i) => !slots.some((o) => o.slot === i))) errors.correct = '勾选为正确的选项不能是空白的';
	else if (ticked.size === 0) errors.correct = '请至少勾选一个正确选项';
	return errors;
}

/** The question to save from a valid form (optionErrors empty): options lettered A, B, … in slot order. */
export function toQuestion(f: QuestionForm, formData: FormData): Omit<SituationalQuestion, 'key'> & { key?: string } {
	const { slots, ticked } = slotsOf(formData);
	const options = slots.map((o, i) => ({ key: optionLetter(i), text: o.text, slot: o.slot }));
	return {
		...(f.key ? { key: f.key } : {}),
		situation: f.situation,
		options: options.map(({ key, text }) => ({ key, text })),
		correct: options.filter((o) => ticked.has(o.slot)).map((o) => o.key),
		explanation: f.explanation,
		points: f.points
	};
}
