import { describe, expect, it } from 'vitest';
import { parseSessionForm } from './schema';

type Slot = [string, string, string, string];

function form(over: Record<string, string | null> = {}, slots: Slot[] = [['2026-03-10', '08:30', '11:30', '3'], ['2026-03-10', '14:00', '17:00', '3']]) {
	const fields: Record<string, string | null> = {
		title: ' 2026 年第一期主要负责人培训班 ',
		organizerUnitId: '3',
		regionUnitId: '',
		startDate: '2026-03-10',
		endDate: '2026-03-10',
		venue: '区应急管理局三楼会议室',
		audience: 'principal',
		instructors: '',
		capacity: '60',
		passMark: '60',
		...over
	};
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) if (v !== null) fd.append(k, v);
	for (const [date, start, end, hours] of slots) {
		fd.append('slotDate', date);
		fd.append('slotStart', start);
		fd.append('slotEnd', end);
		fd.append('slotHours', hours);
	}
	return fd;
}

describe('parseSessionForm', () => {
	it('turns a complete form into the session input, dropping blank slot rows', () => {
		expect(parseSessionForm(form({}, [['2026-03-10', '08:30', '11:30', '3'], ['', '', '', ''], ['2026-03-10', '14:00', '17:00', '2.5']]))).toEqual({
			ok: true,
			data: {
				title: '2026 年第一期主要负责人培训班',
				organizerUnitId: 3,
				regionUnitId: null,
				startDate: '2026-03-10',
				endDate: '2026-03-10',
				venue: '区应急管理局三楼会议室',
				audience: 'principal',
				instructors: '',
				capacity: 60,
				passMark: 60,
				slots: [
					{ date: '2026-03-10', startTime: '08:30', endTime: '11:30', hours: 3 },
					{ date: '2026-03-10', startTime: '14:00', endTime: '17:00', hours: 2.5 }
				]
			}
		});
	});

	it('reports every field and slot-cell problem at once, in Chinese, and echoes what was typed', () => {
		const r = parseSessionForm(form({ title: '', audience: 'nobody', capacity: '0' }, [['2026-03-10', '8点半', '11:30', '3'], ['2026-03-10', '14:00', '17:00', '9']]));
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({
			title: '请填写期次名称',
			audience: '培训对象的取值无效',
			capacity: '计划人数应在 1–10000 之间',
			'slots.0.startTime': '开始时间格式应为“时:分”，如 08:30',
			'slots.1.hours': '学时应大于 0 且不超过 8'
		});
		expect(r.values.fields).toMatchObject({ title: '', venue: '区应急管理局三楼会议室', capacity: '0' });
		expect(r.values.slots).toEqual([
			{ date: '2026-03-10', startTime: '8点半', endTime: '11:30', hours: '3' },
			{ date: '2026-03-10', startTime: '14:00', endTime: '17:00', hours: '9' }
		]);
	});

	it.each([
		['the end before the start', { endDate: '2026-03-09' }, undefined, 'endDate', '结束日期不能早于开始日期'],
		['no slot rows', {}, [], 'slots', '请至少添加一个培训时段'],
		['a slot outside the dates', {}, [['2026-03-11', '08:30', '11:30', '3']] as Slot[], 'slots.0.date', '第 1 个时段的日期（2026-03-11）不在培训起止日期之内'],
		['a slot ending before it starts', {}, [['2026-03-10', '11:30', '08:30', '3']] as Slot[], 'slots.0.endTime', '第 1 个时段的结束时间应晚于开始时间'],
		[
			'overlapping slots',
			{},
			[
				['2026-03-10', '08:30', '11:30', '3'],
				['2026-03-10', '11:00', '12:00', '1']
			] as Slot[],
			'slots.1.startTime',
			'第 2 个时段与第 1 个时段在 2026-03-10 时间重叠'
		]
	])('places %s at its field', (_, over, slots, field, message) => {
		const r = parseSessionForm(form(over, slots));
		expect(r).toMatchObject({ ok: false, errors: { [field]: message } });
	});
});
