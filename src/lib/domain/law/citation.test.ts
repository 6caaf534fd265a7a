import { describe, expect, it } from 'vitest';
import { formatCitation, parseCitations, type Citation } from './citation';

/**
 * A citation in short: `lawId:article`, then `.paragraph`, then `.(item)`; ∅ for lawId null.
 * 'work-safety-law:102.1.(3)' is 《安全生产法》第一百零二条第一款第（三）项; 'work-safety-law:28.(1)' has an
 * item but no paragraph.
 */
function brief(c: Citation): string {
	let s = `${c.lawId ?? '∅'}:${c.article}`;
	if (c.paragraph !== undefined) s += `.${c.paragraph}`;
	if (c.item !== undefined) s += `.(${c.item})`;
	return s;
}

const W = 'work-safety-law';

// [text, expected citations in order]. Every expectation is written by hand.
const cases: [string, string[]][] = [
	// Law names: full titles, short titles, aliases, with and without 《》
	['《中华人民共和国安全生产法》第一百零二条', [`${W}:102`]],
	['《安全生产法》第一百零二条', [`${W}:102`]],
	['安全生产法第102条', [`${W}:102`]],
	['中华人民共和国安全生产法第一百零二条', [`${W}:102`]],
	['新安法第四十一条', [`${W}:41`]],
	['《新安全生产法》第四十一条', [`${W}:41`]],
	['《行政处罚法》第三十二条', ['admin-penalty-law:32']],
	['《中华人民共和国行政处罚法》第三十二条', ['admin-penalty-law:32']],
	['行政强制法第十八条', ['admin-coercion-law:18']],
	['《行政复议法》第二十条', ['admin-reconsideration-law:20']],
	['《中华人民共和国行政诉讼法》第四十六条', ['admin-litigation-law:46']],
	['消防法第十六条', ['fire-law:16']],
	['《特种设备安全法》第十三条', ['special-equipment-law:13']],
	['《职业病防治法》第三十五条', ['occupational-disease-law:35']],
	['《工贸企业重大事故隐患判定标准》第四条', ['major-hazard-criteria:4']],
	['重大事故隐患判定标准第十三条', ['major-hazard-criteria:13']],
	['判定标准第十三条', ['major-hazard-criteria:13']],
	['应急管理部令第10号第四条', ['major-hazard-criteria:4']],
	['10号令第五条', ['major-hazard-criteria:5']],
	['《工贸企业粉尘防爆安全规定》第十条', ['dust-explosion-rules:10']],
	['粉尘防爆规定第十条', ['dust-explosion-rules:10']],
	['6号令第十一条', ['dust-explosion-rules:11']],
	['《工贸企业有限空间作业安全规定》第七条', ['confined-space-rules:7']],
	['有限空间规定第七条', ['confined-space-rules:7']],
	['13号令第九条', ['confined-space-rules:9']],
	['《生产经营单位安全培训规定》第九条', ['training-rules:9']],
	['安全培训规定第十条', ['training-rules:10']],
	['总局令第3号第十一条', ['training-rules:11']],
	['《安全生产违法行为行政处罚办法》第四十五条', ['penalty-measures:45']],
	['行政处罚办法第四十五条', ['penalty-measures:45']],
	['《安全生产事故隐患排查治理暂行规定》第十条', ['hazard-rules:10']],
	['隐患排查治理暂行规定第十条', ['hazard-rules:10']],
	// Edition notes
	['《安全生产法》（2021年修正）第四十一条', [`${W}:41`]],
	['《安全生产法》(2021年修订)第四十一条', [`${W}:41`]],
	['《安全生产法》（2021）第四十一条', [`${W}:41`]],
	['《中华人民共和国安全生产法》（2014年修正）第三十八条', ['work-safety-law-2014:38']],
	['《安全生产法（2014年修正）》第三十八条', ['work-safety-law-2014:38']],
	['《安全生产法(2014年修正)》第三十八条', ['work-safety-law-2014:38']],
	['安全生产法（2014年修正）第三十八条', ['work-safety-law-2014:38']],
	['安全生产法 （ ２０１４年修正本）第三十八条', ['work-safety-law-2014:38']],
	['《安全生产违法行为行政处罚办法》（2015年修正）第四十五条', ['penalty-measures-2015:45']],
	['《消防法》（2021年修正）第十六条', ['fire-law:16']],
	['《安全生产法》（2002年）第十七条', [`${W}:17`]], // an edition the catalog lacks: the current one
	// Numbers
	['《消防法》第十条', ['fire-law:10']],
	['《安全生产法》第十一条', [`${W}:11`]],
	['《安全生产法》第二十条', [`${W}:20`]],
	['《安全生产法》第二十一条', [`${W}:21`]],
	['《安全生产法》第一百条', [`${W}:100`]],
	['《安全生产法》第一百一十条', [`${W}:110`]],
	['《安全生产法》第一百一十四条', [`${W}:114`]],
	['《安全生产法》第两百条', [`${W}:200`]],
	['安全生产法第１０２条', [`${W}:102`]],
	['安全生产法第 102 条', [`${W}:102`]],
	['《 安全生产法 》第 一百零二 条', [`${W}:102`]],
	['第一千零一十条', ['∅:1010']],
	// Paragraphs (款) and items (项)
	['《安全生产法》第一百零二条第一款第（三）项', [`${W}:102.1.(3)`]],
	['《安全生产法》第一百零二条第一款第(3)项', [`${W}:102.1.(3)`]],
	['《安全生产法》第一百零二条第一款第三项', [`${W}:102.1.(3)`]],
	['安全生产法第102条第1款第3项', [`${W}:102.1.(3)`]],
	['安全生产法第 102 条 第 1 款 第 （ 3 ） 项', [`${W}:102.1.(3)`]],
	['《安全生产法》第四十一条第二款', [`${W}:41.2`]],
	['《安全生产法》第二十八条第（一）项', [`${W}:28.(1)`]],
	// Lists
	['《安全生产法》第二十八条、第四十一条', [`${W}:28`, `${W}:41`]],
	['《安全生产法》第二十八条和第四十一条', [`${W}:28`, `${W}:41`]],
	['《安全生产法》第二十八条及第四十一条', [`${W}:28`, `${W}:41`]],
	['《安全生产法》第二十八条以及第四十一条', [`${W}:28`, `${W}:41`]],
	['《安全生产法》第二十八条或者第四十一条', [`${W}:28`, `${W}:41`]],
	['《安全生产法》第二十一条、第二十二条和第二十五条', [`${W}:21`, `${W}:22`, `${W}:25`]],
	['《安全生产法》第四十一条第一款、第二款', [`${W}:41.1`, `${W}:41.2`]],
	['《安全生产法》第一百零二条第一款第（一）项、第（二）项', [`${W}:102.1.(1)`, `${W}:102.1.(2)`]],
	['《安全生产法》第二十八条第一款、第四十一条第二款', [`${W}:28.1`, `${W}:41.2`]],
	['《安全生产法》第四十一条第二款第（一）项、第三款', [`${W}:41.2.(1)`, `${W}:41.3`]],
	['违反《安全生产法》第二十八条，第四十一条', [`${W}:28`, `${W}:41`]],
	// Ranges
	['《安全生产法》第四十一条至第四十三条', [`${W}:41`, `${W}:42`, `${W}:43`]],
	['《安全生产法》第四十一条到第四十四条', [`${W}:41`, `${W}:42`, `${W}:43`, `${W}:44`]],
	['《安全生产法》第一百零二条第一款第（一）项至第（三）项', [`${W}:102.1.(1)`, `${W}:102.1.(2)`, `${W}:102.1.(3)`]],
	['第一条至第九十九条', ['∅:1', '∅:99']], // longer than 50: only the ends
	['第四十三条至第四十一条', ['∅:43', '∅:41']],
	// Back references
	['《安全生产法》第二十八条规定了培训义务。同法第九十七条规定了罚则。', [`${W}:28`, `${W}:97`]],
	['这是《消防法》的要求。该法第十六条规定', ['fire-law:16']],
	['《行政处罚法》第三十二条；前述法第三十三条', ['admin-penalty-law:32', 'admin-penalty-law:33']],
	['《安全生产法》第三条。《消防法》是另一部法律。同法第十条', [`${W}:3`, 'fire-law:10']],
	['依照本法第三条', ['∅:3']],
	// Sentence ends and gaps
	['《安全生产法》第二十八条。第四十一条', [`${W}:28`, '∅:41']],
	['《安全生产法》第二十八条；第四十一条', [`${W}:28`, '∅:41']],
	['《安全生产法》第二十八条\n第四十一条', [`${W}:28`, '∅:41']],
	['《安全生产法》规定了义务。第三条', ['∅:3']],
	['违反《安全生产法》第二十八条，依据《行政处罚法》第三十二条', [`${W}:28`, 'admin-penalty-law:32']],
	['违反《安全生产法》第二十八条，《消防法》也有规定，第十条', [`${W}:28`, '∅:10']],
	['违反《安全生产法》第二十八条，根据某省安全生产条例第五条', [`${W}:28`, '∅:5']],
	['《安全生产法》的第二十八条', [`${W}:28`]],
	['《安全生产法》规定的第二十八条', [`${W}:28`]],
	['《安全生产法》中第二十八条', [`${W}:28`]],
	['《安全生产法》中的第二十八条', [`${W}:28`]],
	['安全生产法 第二十八条', [`${W}:28`]],
	['《安全生产法》要求企业履行第二十八条', ['∅:28']],
	// Several laws in one text
	[
		'违反了《安全生产法》第四十一条第二款的规定，依据《安全生产法》第一百零二条第一款第（三）项的规定，并依照《行政处罚法》第二十八条',
		[`${W}:41.2`, `${W}:102.1.(3)`, 'admin-penalty-law:28']
	],
	['《消防法》第十六条和《特种设备安全法》第十三条', ['fire-law:16', 'special-equipment-law:13']],
	// Unknown titles in 《》
	['《某省安全生产条例》第十条', ['∅:10']],
	['《中华人民共和国安全生产法实施条例》第五条', ['∅:5']],
	// Not citations
	['《安全生产法》', []],
	['安全生产法是安全生产领域的基本法律', []],
	['满足安全生产条件', []],
	['第一次检查', []],
	['第三方机构', []],
	['合同条款不清', []],
	['这是第三条件', []],
	['第三条款约定', []],
	['第二批第一次', []],
	['第一款', []],
	['第（三）项', []],
	['第〇条', []],
	['第一百二条', []],
	['', []],
	// An article with no law
	['第三条', ['∅:3']],
	['依照第三条规定', ['∅:3']],
	['113号令第三条', ['∅:3']]
];

describe('parseCitations', () => {
	for (const [text, expected] of cases) {
		it(`${JSON.stringify(text)} → ${expected.join(', ') || 'nothing'}`, () => {
			expect(parseCitations(text).map(brief)).toEqual(expected);
		});
	}
});

describe('parseCitations lawName', () => {
	const names: [string, string[]][] = [
		['《中华人民共和国安全生产法》第一百零二条', ['中华人民共和国安全生产法']],
		['新安法第四十一条', ['新安法']],
		['《 安全生产法 》（2021年修正）第四十一条', ['安全生产法']],
		['《安全生产法（2014年修正）》第三十八条', ['安全生产法']],
		['《某省安全生产条例》（2020年修订）第十条', ['某省安全生产条例']],
		['《某省安全生产条例(2020年修订)》第十条', ['某省安全生产条例']],
		['《消防法》第十条。同法第十一条', ['消防法', '消防法']],
		['第三条', ['']],
		['本法第三条', ['']]
	];
	for (const [text, expected] of names) {
		it(`${text} → ${expected.join(', ')}`, () => {
			expect(parseCitations(text).map((c) => c.lawName)).toEqual(expected);
		});
	}
});

describe('parseCitations spans', () => {
	// [text, [start, end] per citation]
	const spans: [string, [number, number][]][] = [
		['依据《安全生产法》第一百零二条第一款第（三）项的规定', [[2, 23]]],
		['安全生产法第102条', [[0, 10]]],
		['《安全生产法》（2021年修正）第四十一条', [[0, 21]]],
		['《安全生产法》第二十八条、第四十一条', [[0, 12], [13, 18]]],
		['《安全生产法》第四十一条第一款、第二款', [[0, 15], [16, 19]]],
		['《安全生产法》第四十一条至第四十三条', [[0, 12], [12, 13], [13, 18]]],
		['第三条和第五条', [[0, 3], [4, 7]]],
		['《消防法》第十条。同法第十一条', [[0, 8], [9, 15]]],
		['前文。第 3 条', [[3, 8]]]
	];
	for (const [text, expected] of spans) {
		it(`${text}`, () => {
			expect(parseCitations(text).map((c) => [c.start, c.end])).toEqual(expected);
		});
	}
});

describe('formatCitation', () => {
	const cases: [Parameters<typeof formatCitation>[0], string][] = [
		[{ lawId: W, article: 102, paragraph: 1, item: 3 }, '《安全生产法》第一百零二条第一款第（三）项'],
		[{ lawId: W, article: 41, paragraph: 2 }, '《安全生产法》第四十一条第二款'],
		[{ lawId: W, article: 28, item: 1 }, '《安全生产法》第二十八条第（一）项'],
		[{ lawId: W, article: 110 }, '《安全生产法》第一百一十条'],
		[{ lawId: 'fire-law', article: 10 }, '《消防法》第十条'],
		[{ lawId: 'work-safety-law-2014', article: 38 }, '《安全生产法（2014年修正）》第三十八条'],
		[{ lawId: 'major-hazard-criteria', article: 4 }, '《工贸企业重大事故隐患判定标准》第四条'],
		[{ lawId: null, article: 3 }, '第三条'],
		[{ lawId: 'no-such-law', article: 5 }, '第五条']
	];
	for (const [c, expected] of cases) {
		it(`${JSON.stringify(c)} → ${expected}`, () => {
			expect(formatCitation(c)).toBe(expected);
		});
	}
});

describe('parseCitations(formatCitation(c)) round trip', () => {
	const lawIds = [
		W,
		'work-safety-law-2014',
		'admin-penalty-law',
		'admin-coercion-law',
		'admin-reconsideration-law',
		'admin-litigation-law',
		'fire-law',
		'special-equipment-law',
		'occupational-disease-law',
		'major-hazard-criteria',
		'dust-explosion-rules',
		'confined-space-rules',
		'training-rules',
		'penalty-measures',
		'penalty-measures-2015',
		'hazard-rules',
		null
	];
	const parts: Pick<Citation, 'article' | 'paragraph' | 'item'>[] = [
		{ article: 1 },
		{ article: 10 },
		{ article: 20 },
		{ article: 21 },
		{ article: 102, paragraph: 1, item: 3 },
		{ article: 110, paragraph: 2 },
		{ article: 119, item: 10 },
		{ article: 1010, paragraph: 11, item: 20 }
	];
	for (const lawId of lawIds) {
		for (const p of parts) {
			const c = { lawId, ...p };
			it(`${JSON.stringify(c)}`, () => {
				const text = formatCitation(c);
				const [parsed, ...rest] = parseCitations(text);
				expect(rest).toEqual([]);
				expect({ lawId: parsed.lawId, article: parsed.article, paragraph: parsed.paragraph, item: parsed.item }).toEqual(c);
				expect([parsed.start, parsed.end]).toEqual([0, text.length]);
			});
		}
	}
});
