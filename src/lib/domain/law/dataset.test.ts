import { describe, expect, it } from 'vitest';
import { validateDataset } from './dataset';

const law = (over: Record<string, unknown> = {}) => ({
	id: 'admin-penalty-law',
	title: '中华人民共和国行政处罚法',
	kind: '法律',
	effective: '2021-07-15',
	complete: false,
	articles: [{ number: 44, text: '告知当事人拟作出的处罚内容及依据。' }],
	...over
});

describe('validateDataset', () => {
	const cases: { name: string; doc: unknown; errors: [string, string][] }[] = [
		{ name: 'not an object', doc: [], errors: [['$', 'dataset.not_object']] },
		{ name: 'wrong format, no laws', doc: { format: 'x', laws: [] }, errors: [['$.format', 'dataset.bad_format'], ['$.laws', 'dataset.no_laws']] },
		{ name: 'a good file', doc: { format: 'law-dataset/1', laws: [law()] }, errors: [] },
		{ name: 'missing id and bad date', doc: { format: 'law-dataset/1', laws: [law({ id: undefined, effective: '2021/07/15' })] }, errors: [['$.laws[0].id', 'dataset.required'], ['$.laws[0].effective', 'dataset.bad_date']] },
		{ name: 'known law, unknown edition', doc: { format: 'law-dataset/1', laws: [law({ effective: '1996-10-01' })] }, errors: [['$.laws[0].effective', 'dataset.unknown_edition']] },
		{ name: 'title differs from the catalog', doc: { format: 'law-dataset/1', laws: [law({ title: '行政处罚法' })] }, errors: [['$.laws[0].title', 'dataset.title_mismatch']] },
		{ name: 'complete is not boolean', doc: { format: 'law-dataset/1', laws: [law({ complete: 'yes' })] }, errors: [['$.laws[0].complete', 'dataset.wrong_type']] },
		{ name: 'same law twice', doc: { format: 'law-dataset/1', laws: [law(), law()] }, errors: [['$.laws[1].id', 'dataset.duplicate_law']] },
		{
			name: 'bad articles',
			doc: { format: 'law-dataset/1', laws: [law({ articles: [{ number: 0, text: 'x' }, { number: 2.5, text: 'x' }, { number: 3 }, { number: 4, text: 5 }, 'x', { number: 6, text: 'x'.repeat(20_001) }, { number: 7, text: 'x', chapter: 9 }] })] },
			errors: [
				['$.laws[0].articles[0].number', 'dataset.bad_article_number'],
				['$.laws[0].articles[1].number', 'dataset.bad_article_number'],
				['$.laws[0].articles[2].text', 'dataset.required'],
				['$.laws[0].articles[3].text', 'dataset.wrong_type'],
				['$.laws[0].articles[4]', 'dataset.wrong_type'],
				['$.laws[0].articles[5].text', 'dataset.too_long'],
				['$.laws[0].articles[6].chapter', 'dataset.wrong_type']
			]
		}
	];
	for (const c of cases) {
		it(c.name, () => {
			const r = validateDataset(c.doc);
			expect(r.errors.map((e) => [e.path, e.code])).toEqual(c.errors);
			expect(r.laws.length > 0).toBe(c.errors.length === 0);
		});
	}
});
