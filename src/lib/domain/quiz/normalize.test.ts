import { describe, expect, it } from 'vitest';
import { normalizeAnswerText } from './normalize';

describe('normalizeAnswerText', () => {
	// [typed, normalised]
	const cases: [string, string][] = [
		['三十日', '三十日'],
		['３０日', '30日'], // full-width digits
		['ＡＢＣ', 'abc'], // full-width Latin, lowercased
		['Safety Officer', 'safetyofficer'],
		['  三十 日  ', '三十日'],
		['\u3000三十日\u3000', '三十日'], // ideographic space
		['三\t十\n日', '三十日'],
		['三十\u200b日', '三十日'], // zero-width space from copy-paste
		['三十日。', '三十日'],
		['三十日．', '三十日'], // full-width full stop
		['三十日.', '三十日'],
		['三十日，', '三十日'],
		['三十日；', '三十日'],
		['三十日！', '三十日'],
		['三十日？', '三十日'],
		['三十日?!。', '三十日'], // several
		['三十日 。 ', '三十日'], // space before the stop
		['三十日，四十日', '三十日,四十日'], // inner punctuation stays (full-width comma → half-width)
		['3.5', '3.5'], // a decimal point is not trailing
		['。', ''],
		['', ''],
		['（二）', '(二)'] // full-width brackets → half-width
	];
	for (const [typed, normalised] of cases) {
		it(`${JSON.stringify(typed)} → ${JSON.stringify(normalised)}`, () => expect(normalizeAnswerText(typed)).toBe(normalised));
	}

	it('full-width and half-width spellings compare equal', () => {
		expect(normalizeAnswerText('ＬＥＣ　法')).toBe(normalizeAnswerText('lec法'));
	});
});
