import { describe, expect, it } from 'vitest';
import { parseForm } from '$lib/server/forms';
import { optionErrors, questionSchema, toQuestion } from './schema';

function form(fields: Record<string, string | string[]>): FormData {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) fd.append(k, x);
	return fd;
}

describe('situational question form', () => {
	it.each([
		[{ option0: '甲' }, ['0'], { options: '至少需要填写两个选项' }],
		[{ option0: '甲', option1: '乙' }, [], { correct: '请至少勾选一个正确选项' }],
		[{ option0: '甲', option2: '丙' }, ['1'], { correct: '勾选为正确的选项不能是空白的' }],
		[{ option0: '甲', option3: '丁' }, ['3'], {}]
	])('options %o ticked %o → %o', (options, correct, errors) => {
		expect(optionErrors(form({ ...options, correct }))).toEqual(errors);
	});

	it('drops blank slots and letters the rest in order, keeping which are right', () => {
		const fd = form({ key: 'q1', situation: '拒绝签字', option0: '注明拒签', option1: ' ', option2: '强制签字', option4: '报告', correct: ['0', '4'], explanation: '', points: '5' });
		const parsed = parseForm(questionSchema, fd);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(toQuestion(parsed.data, fd)).toEqual({
			key: 'q1',
			situation: '拒绝签字',
			options: [
				{ key: 'A', text: '注明拒签' },
				{ key: 'B', text: '强制签字' },
				{ key: 'C', text: '报告' }
			],
			correct: ['A', 'C'],
			explanation: '',
			points: 5
		});
	});

	it('reports a missing situation and bad points in Chinese', () => {
		const parsed = parseForm(questionSchema, form({ situation: '', points: '1.5' }));
		expect(parsed.ok ? {} : parsed.errors).toMatchObject({ situation: '请填写情景描述', points: '分值应为整数' });
	});
});
