import { describe, expect, it } from 'vitest';
import {
	backoffMs,
	formatCountdown,
	fromHazardForm,
	fromServer,
	hazardSummary,
	hazardSummaryText,
	mergeServerEntries,
	parsePending,
	procedureSummaryText,
	shouldRestore,
	toHazardForm,
	emptyHazardAnswer
} from './sheet-logic';

const server = (ref: string, version: number, data: unknown = { v: version }) => ({ ref, data, version, updatedBy: '队友', updatedAt: 1000 * version });

describe('mergeServerEntries', () => {
	it('takes newer versions of entries not being edited, adds new ones, and leaves edits alone', () => {
		const local = {
			a: fromServer(server('a', 1)),
			b: { ...fromServer(server('b', 1)), data: { mine: true }, isDirty: true },
			c: fromServer(server('c', 2)),
			d: fromServer(server('d', 1))
		};
		const r = mergeServerEntries(local, [server('a', 2), server('b', 3), server('c', 1), server('d', 4), server('e', 1)], new Set(['d']));
		expect(r.changed).toEqual(['a', 'e']);
		expect(r.entries.a).toMatchObject({ version: 2, data: { v: 2 }, revision: 1, isDirty: false });
		expect(r.entries.b).toMatchObject({ version: 1, data: { mine: true }, isDirty: true });
		// An older read (sent before our own save landed) never takes a version back.
		expect(r.entries.c.version).toBe(2);
		expect(r.entries.d.version).toBe(1);
		expect(r.entries.e).toMatchObject({ version: 1, revision: 0 });
	});
});

describe('restoring edits kept on the device', () => {
	it.each([
		['nothing on the server', { data: 1, baseVersion: 0, editedAt: 5 }, undefined, true],
		['nobody saved since', { data: 1, baseVersion: 3, editedAt: 5 }, { version: 3, updatedAt: 9 }, true],
		['typed after a teammate’s later save', { data: 1, baseVersion: 2, editedAt: 10 }, { version: 3, updatedAt: 9 }, true],
		['a teammate saved after it was typed', { data: 1, baseVersion: 2, editedAt: 8 }, { version: 3, updatedAt: 9 }, false]
	])('%s', (_name, pending, srv, expected) => {
		expect(shouldRestore(pending, srv)).toBe(expected);
	});

	it.each([
		['', null],
		['not json', null],
		['{"data":1}', null],
		['{"data":null,"baseVersion":2,"editedAt":3}', { data: null, baseVersion: 2, editedAt: 3 }]
	])('parses %j', (raw, expected) => {
		expect(parsePending(raw)).toEqual(expected);
	});
});

describe('hazard form', () => {
	it('turns typed lines into provisions and back, dropping empty lines', () => {
		const r = fromHazardForm({ classification: 'major', violated: '《安全生产法》第三十六条\n\n  第九十九条  \n', penalty: '', measures: ['seize'], deadlineDays: ' 7 ', note: 'x' });
		expect(r).toEqual({ ok: true, data: { classification: 'major', violated: ['《安全生产法》第三十六条', '第九十九条'], penalty: [], measures: ['seize'], deadlineDays: 7, note: 'x' } });
		if (r.ok) expect(toHazardForm(r.data).violated).toBe('《安全生产法》第三十六条\n第九十九条');
	});

	it.each([
		['a half number', { deadlineDays: '3.5' }, 'deadlineDays', '整改期限应为整数天'],
		['letters', { deadlineDays: '三天' }, 'deadlineDays', '整改期限应为整数天'],
		['a negative deadline', { deadlineDays: '-1' }, 'deadlineDays', '整改期限不能为负'],
		['21 provisions', { violated: Array.from({ length: 21 }, (_, i) => `第${i + 1}条`).join('\n') }, 'violated', '最多 20 条'],
		['a long note', { note: 'x'.repeat(1001) }, 'note', '备注不能超过 1000 个字符']
	])('says what is wrong with %s', (_name, over, field, message) => {
		const r = fromHazardForm({ ...toHazardForm(emptyHazardAnswer()), ...over });
		expect(r).toEqual({ ok: false, errors: { [field]: message } });
	});
});

describe('submit summary', () => {
	it('counts the team’s own records and what they still lack, nothing about the key', () => {
		const full = { ...emptyHazardAnswer(), classification: 'general' as const, violated: ['a'], penalty: ['b'], measures: ['seize' as const] };
		expect(hazardSummaryText(hazardSummary([]))).toBe('本队还没有记录任何隐患。');
		expect(hazardSummaryText(hazardSummary([full, full]))).toBe('本队共记录隐患 2 条，各项均已填写。');
		expect(hazardSummaryText(hazardSummary([full, emptyHazardAnswer()]))).toBe(
			'本队共记录隐患 2 条，其中 1 条未选择隐患等级、1 条未填写违法依据、1 条未填写处罚依据、1 条未选择现场处理措施。'
		);
		expect(procedureSummaryText(0, 2, 1)).toBe('执法程序还没有排列任何步骤；情景题 2 道中有 1 道未作答。');
		expect(procedureSummaryText(5, 2, 2)).toBe('执法程序已排列 5 个步骤；情景题 2 道均已作答。');
	});
});

describe('clock and retries', () => {
	it.each([
		[0, '00:00'],
		[-5, '00:00'],
		[1, '00:01'],
		[59_001, '01:00'],
		[3_600_000, '1:00:00'],
		[3_725_000, '1:02:05']
	])('formats %d ms as %s', (ms, text) => {
		expect(formatCountdown(ms)).toBe(text);
	});

	it('backs off 1, 2, 4 … seconds up to 30', () => {
		expect([1, 2, 3, 4, 5, 6, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
	});
});
