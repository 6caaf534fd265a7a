import { describe, expect, it } from 'vitest';
import { datasetErrorText, errorText, fillTemplate, scenarioProblemMessage } from './zh';

describe('message templates', () => {
	it.each([
		['{a} 和 {b}', { a: 1, b: '二' }, '1 和 二'],
		['缺少 {x}', undefined, '缺少 '],
		['无占位符', { a: 1 }, '无占位符']
	])('%s', (template, params, expected) => expect(fillTemplate(template, params)).toBe(expected));

	it('renders error codes, dataset errors and scenario problems through the same filler', () => {
		expect(errorText({ code: 'auth.throttled', params: { minutes: 3 } })).toBe('登录失败次数过多，请 3 分钟后再试');
		expect(errorText({ code: 'no.such.code' })).toBe('操作失败（no.such.code）');
		expect(datasetErrorText({ record: '第 1 部法规', path: '$', code: 'dataset.duplicate_article', params: { value: 41 } })).toBe('第 1 部法规：第 41 条重复出现');
		expect(scenarioProblemMessage({ code: 'hazard.no_penalty', params: { name: '配电箱' } })).toBe('隐患“配电箱”没有填写处罚依据');
	});
});
