import { z } from 'zod';
import { choice, echoValues, optionalId, optionalText, parseForm, requiredText } from '$lib/server/forms';
import { checkSessionInput, MAX_CAPACITY, MAX_SLOT_HOURS, TRAINING_AUDIENCES, type SessionInput, type SlotInput } from '$lib/server/training/sessions';
import { errorText } from '$lib/i18n/zh';

/** Most slot rows a form may post (a month of half-days and then some). */
export const MAX_SLOTS = 80;

/** Names of the repeated inputs of the slots editor, one value per row, in row order. */
export const SLOT_INPUTS = { date: 'slotDate', startTime: 'slotStart', endTime: 'slotEnd', hours: 'slotHours' } as const;
type SlotKey = keyof typeof SLOT_INPUTS;

export type SlotValues = Record<SlotKey, string>;
export interface SessionFormValues {
	fields: Record<string, string>;
	slots: SlotValues[];
}
export type SessionForm = { ok: true; data: SessionInput } | { ok: false; values: SessionFormValues; errors: Record<string, string> };

/** Where the error of slot row `i` (0-based) and field `key` is shown. */
export const slotErrorKey = (i: number, key: SlotKey) => `slots.${i}.${key}`;

const isRealDate = (v: string) => {
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

function dateField(label: string) {
	return z
		.string({ error: `请填写${label}` })
		.trim()
		.min(1, `请填写${label}`)
		.regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为“年-月-日”`)
		.refine(isRealDate, `${label}不是有效的日期`);
}

function intField(label: string, min: number, max: number) {
	return z
		.string({ error: `请填写${label}` })
		.trim()
		.min(1, `请填写${label}`)
		.regex(/^\d{1,6}$/, `${label}应为整数`)
		.transform(Number)
		.refine((n) => n >= min && n <= max, `${label}应在 ${min}–${max} 之间`);
}

const timeField = (label: string) =>
	z
		.string({ error: `请填写${label}` })
		.trim()
		.min(1, `请填写${label}`)
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label}格式应为“时:分”，如 08:30`);

const baseSchema = z.object({
	title: requiredText('期次名称', 100),
	organizerUnitId: optionalId('主办单位'),
	regionUnitId: optionalId('所属地区'),
	startDate: dateField('开始日期'),
	endDate: dateField('结束日期'),
	venue: requiredText('培训地点', 100),
	audience: choice('培训对象', TRAINING_AUDIENCES),
	instructors: optionalText('授课教师', 200).transform((v) => v ?? ''),
	capacity: intField('计划人数', 1, MAX_CAPACITY),
	passMark: intField('合格分数线', 0, 100)
});

const slotSchema = z.object({
	date: dateField('日期'),
	startTime: timeField('开始时间'),
	endTime: timeField('结束时间'),
	hours: z
		.string({ error: '请填写学时' })
		.trim()
		.min(1, '请填写学时')
		.regex(/^\d{1,2}(\.\d{1,2})?$/, '学时应为数字，如 3 或 1.5')
		.transform(Number)
		.refine((n) => n > 0 && n <= MAX_SLOT_HOURS, `学时应大于 0 且不超过 ${MAX_SLOT_HOURS}`)
});

const text = (v: FormDataEntryValue | undefined) => (typeof v === 'string' ? v : '');

/** The slot rows as posted: row i is the i-th value of each repeated input. Fully blank rows are dropped. */
export function slotRows(formData: FormData): SlotValues[] {
	const cols = Object.fromEntries(Object.entries(SLOT_INPUTS).map(([k, name]) => [k, formData.getAll(name)])) as Record<SlotKey, FormDataEntryValue[]>;
	const n = Math.max(...Object.values(cols).map((c) => c.length));
	const rows: SlotValues[] = [];
	for (let i = 0; i < n; i++) {
		const row = { date: text(cols.date[i]), startTime: text(cols.startTime[i]), endTime: text(cols.endTime[i]), hours: text(cols.hours[i]) };
		if (Object.values(row).some((v) => v.trim() !== '')) rows.push(row);
	}
	return rows;
}

/** What the form shows again after a refusal: every field and every slot row as typed. */
export function echoSessionForm(formData: FormData): SessionFormValues {
	const fields = echoValues(formData);
	for (const name of Object.values(SLOT_INPUTS)) delete fields[name];
	return { fields, slots: slotRows(formData).map((r) => ({ date: r.date.slice(0, 10), startTime: r.startTime.slice(0, 5), endTime: r.endTime.slice(0, 5), hours: r.hours.slice(0, 6) })) };
}

/** Where a refusal of the session rules (checkSessionInput, createSession) belongs on the form. */
export function fieldOfError(error: { code: string; params?: Record<string, string | number> }): string {
	const slot = typeof error.params?.slot === 'number' ? error.params.slot - 1 : null;
	switch (error.code) {
		case 'training.bad_date':
			return 'startDate';
		case 'training.end_before_start':
			return 'endDate';
		case 'training.capacity':
			return 'capacity';
		case 'training.pass_mark':
			return 'passMark';
		case 'training.unit_not_found':
			return 'organizerUnitId';
		case 'training.slot_outside_dates':
		case 'training.slot_bad_time':
			return slot === null ? 'slots' : slotErrorKey(slot, 'date');
		case 'training.slot_time_order':
			return slot === null ? 'slots' : slotErrorKey(slot, 'endTime');
		case 'training.slot_hours':
			return slot === null ? 'slots' : slotErrorKey(slot, 'hours');
		case 'training.slot_overlap':
			return slot === null ? 'slots' : slotErrorKey(slot, 'startTime');
		default:
			return 'slots';
	}
}

/**
 * The session form → SessionInput, or every field problem at once (slot rows included), then the rules
 * across fields (dates, slots within them, overlaps) with the first one placed at its field.
 */
export function parseSessionForm(formData: FormData): SessionForm {
	const base = parseForm(baseSchema, formData);
	const errors: Record<string, string> = base.ok ? {} : { ...base.errors };
	const rows = slotRows(formData);
	const slots: SlotInput[] = [];
	if (rows.length === 0) errors.slots = '请至少添加一个培训时段';
	else if (rows.length > MAX_SLOTS) errors.slots = `培训时段不能超过 ${MAX_SLOTS} 个`;
	else
		rows.forEach((row, i) => {
			const r = slotSchema.safeParse(row);
			if (r.success) slots.push(r.data);
			else for (const issue of r.error.issues) errors[slotErrorKey(i, issue.path[0] as SlotKey)] ??= issue.message;
		});
	if (base.ok && Object.keys(errors).length === 0) {
		const data: SessionInput = { ...base.data, slots };
		const checked = checkSessionInput(data);
		if (checked.ok) return { ok: true, data };
		errors[fieldOfError(checked.error)] = errorText(checked.error);
	}
	return { ok: false, values: echoSessionForm(formData), errors };
}
