import { z } from 'zod';
import { parseForm, requiredId } from '$lib/server/forms';
import type { SaveResult } from '$lib/server/quiz/bank';
import { errorText } from '$lib/i18n/zh';
import { answerToText, EXPLANATION_MAX, OPTIONS_MAX, STEM_MAX, type QuestionInput } from '$lib/domain/quiz/validate';
import { QUESTION_STATUSES, type QuestionData } from '$lib/domain/quiz/types';

/**
 * The question editor's form (new and edit). Field rules beyond "is it text of a sane length" belong to
 * validateQuestion; this only turns the posted fields into its QuestionInput. Option rows post one
 * `optionText` each, in A, B, C… order; a 多选题's ticked answers post `answerKey` each.
 */
const text = (label: string, max: number) => z.string({ error: `${label}格式不正确` }).max(max, `${label}不能超过 ${max} 个字符`).default('');

const schema = z.object({
	categoryId: requiredId('分类'),
	type: text('题型', 20),
	stem: text('题干', STEM_MAX + 200),
	optionText: z.array(z.string({ error: '选项格式不正确' }).max(1000, '选项不能超过 1000 个字符'), { error: '选项格式不正确' }).max(OPTIONS_MAX, `最多 ${OPTIONS_MAX} 个选项`).default([]),
	answer: text('答案', 2000),
	answerKey: z.array(z.string({ error: '答案格式不正确' }).max(1), { error: '答案格式不正确' }).max(OPTIONS_MAX).default([]),
	explanation: text('解析', EXPLANATION_MAX + 200),
	difficulty: text('难度', 4),
	multipleScoring: text('多选计分方式', 20),
	provisions: text('考查法条', 1000),
	tags: text('标签', 500),
	status: z.enum(QUESTION_STATUSES, { error: '请选择状态' }).default('draft')
});

/** What the editor shows: the form's values (as typed, echoed back after a refusal) or a saved question's. */
export interface QuestionFormValues {
	categoryId: string;
	type: string;
	stem: string;
	options: string[];
	answer: string;
	answerKeys: string[];
	explanation: string;
	difficulty: string;
	multipleScoring: string;
	provisions: string;
	tags: string;
	status: string;
}

export type QuestionForm =
	| { ok: true; categoryId: number; status: (typeof QUESTION_STATUSES)[number]; input: QuestionInput }
	| { ok: false; values: QuestionFormValues; errors: Record<string, string> };

const str = (v: FormDataEntryValue | null) => (typeof v === 'string' ? v : '');

/** The posted values, to show again after a refusal (never more than the schema's lengths). */
export function echoQuestionForm(fd: FormData): QuestionFormValues {
	const all = (k: string) => fd.getAll(k).filter((v): v is string => typeof v === 'string');
	return {
		categoryId: str(fd.get('categoryId')).slice(0, 12),
		type: str(fd.get('type')).slice(0, 20),
		stem: str(fd.get('stem')).slice(0, STEM_MAX + 200),
		options: all('optionText').slice(0, OPTIONS_MAX).map((o) => o.slice(0, 1000)),
		answer: str(fd.get('answer')).slice(0, 2000),
		answerKeys: all('answerKey').slice(0, OPTIONS_MAX).map((k) => k.slice(0, 1)),
		explanation: str(fd.get('explanation')).slice(0, EXPLANATION_MAX + 200),
		difficulty: str(fd.get('difficulty')).slice(0, 4),
		multipleScoring: str(fd.get('multipleScoring')).slice(0, 20),
		provisions: str(fd.get('provisions')).slice(0, 1000),
		tags: str(fd.get('tags')).slice(0, 500),
		status: str(fd.get('status')).slice(0, 10)
	};
}

export function parseQuestionForm(fd: FormData): QuestionForm {
	const parsed = parseForm(schema, fd);
	if (!parsed.ok) return { ok: false, values: echoQuestionForm(fd), errors: parsed.errors.optionText ? { ...parsed.errors, options: parsed.errors.optionText } : parsed.errors };
	const d = parsed.data;
	const input: QuestionInput = {
		type: d.type,
		stem: d.stem,
		options: d.optionText.map((t, i) => ({ key: String.fromCharCode(65 + i), text: t })),
		// 多选题 answers come as ticked boxes; a typed answer (no JavaScript, or an old form) still counts.
		answer: d.type === 'multiple' && d.answerKey.length ? d.answerKey.join('') : d.answer,
		explanation: d.explanation,
		difficulty: d.difficulty,
		multipleScoring: d.multipleScoring,
		provisions: d.provisions,
		tags: d.tags
	};
	return { ok: true, categoryId: d.categoryId, status: d.status, input };
}

/** A refused save as field errors (validateQuestion's problems joined per field) and a form-level message. */
export function saveErrors(r: Extract<SaveResult, { ok: false }>): { errors: Record<string, string>; message: string; duplicateId: number | null } {
	const errors: Record<string, string> = {};
	for (const p of r.problems ?? []) errors[p.field] = errors[p.field] ? `${errors[p.field]}；${p.message}` : p.message;
	if (r.error.code === 'bank.category_not_found') errors.categoryId = errorText(r.error);
	return {
		errors,
		message: errorText(r.error),
		duplicateId: r.error.code === 'bank.duplicate' ? Number(r.error.params?.id) : null
	};
}

/** A saved question as the editor's values. */
export function valuesOf(q: QuestionData & { categoryId: number; status: string }): QuestionFormValues {
	return {
		categoryId: String(q.categoryId),
		type: q.type,
		stem: q.stem,
		options: q.options.map((o) => o.text),
		answer: answerToText(q.answer),
		answerKeys: q.answer.kind === 'multiple' ? q.answer.keys : [],
		explanation: q.explanation,
		difficulty: String(q.difficulty),
		multipleScoring: q.multipleScoring,
		provisions: q.provisions,
		tags: q.tags.join('、'),
		status: q.status
	};
}

/** The form of a POST, or null when the body is not one (garbage gets a 400, not a 500). */
export async function formDataOf(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}
