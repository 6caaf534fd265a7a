import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './attachment';

describe('attachmentDisposition', () => {
	it.each([
		[
			'drill-3-results.csv',
			'测试比武-成绩.csv',
			`attachment; filename="drill-3-results.csv"; filename*=UTF-8''%E6%B5%8B%E8%AF%95%E6%AF%94%E6%AD%A6-%E6%88%90%E7%BB%A9.csv`
		],
		['a.xlsx', "Bob's (draft)*.xlsx", `attachment; filename="a.xlsx"; filename*=UTF-8''Bob%27s%20%28draft%29%2A.xlsx`],
		['a"b\\c成.csv', 'x', `attachment; filename="a_b_c_.csv"; filename*=UTF-8''x`]
	])('%s / %s', (ascii, name, header) => {
		expect(attachmentDisposition(ascii, name)).toBe(header);
	});
});
