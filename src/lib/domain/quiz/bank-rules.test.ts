import { describe, expect, it } from 'vitest';
import { checkCategoryName, duplicateKey, normaliseName, stemExcerpt } from './bank-rules';

describe('normaliseName', () => {
	it.each([
		['  安全生产法律法规 ', '安全生产法律法规'],
		['粉尘  防爆', '粉尘 防爆'],
		['安全生产法（２０２１）', '安全生产法(2021)'],
		['ＡＢＣ', 'ABC'],
		['', '']
	])('%j → %j', (input, expected) => expect(normaliseName(input)).toBe(expected));
});

describe('checkCategoryName', () => {
	it.each([
		['有限空间', null],
		['  ', 'bank.category_name_required'],
		['字'.repeat(50), null],
		['字'.repeat(51), 'bank.category_name_too_long'],
		// characters, not UTF-16 units: 50 characters outside the BMP are still 50
		['𠀀'.repeat(50), null],
		['法律/法规', 'bank.category_name_slash'],
		['法律／法规', 'bank.category_name_slash'],
		['法律\\法规', 'bank.category_name_slash']
	])('%j → %j', (input, expected) => expect(checkCategoryName(input)).toBe(expected));
});

describe('duplicateKey', () => {
	const q = (stem: string, ...options: string[]) => ({ stem, options: options.map((text) => ({ text })) });
	it.each([
		['spaces and full-width forms do not matter', q('ＡＢ c', '甲'), q('abc', '甲'), true],
		['letter case does not matter', q('Abc'), q('aBC'), true],
		['the same stem with other options is another question', q('下列说法正确的是（　）', '甲', '乙'), q('下列说法正确的是（　）', '丙', '丁'), false],
		['option order matters', q('题', '甲', '乙'), q('题', '乙', '甲'), false],
		['a stem that ends where an option begins is not the same', q('题甲', '乙'), q('题', '甲乙'), false]
	])('%s', (_, a, b, same) => expect(duplicateKey(a) === duplicateKey(b)).toBe(same));
});

describe('stemExcerpt', () => {
	it.each([
		['**重大**事故隐患\n\n- 一\n- 二', 80, '重大事故隐患 - 一 - 二'],
		['见[第四十一条](/laws/a#41)的规定', 80, '见第四十一条的规定'],
		['![配电室](/img/1.png)照片', 80, '配电室照片'],
		['<b>粗</b>体', 80, '粗体'],
		['字'.repeat(100), 10, '字'.repeat(10) + '…'],
		['字'.repeat(10), 10, '字'.repeat(10)]
	])('%j (max %i) → %j', (input, max, expected) => expect(stemExcerpt(input, max)).toBe(expected));
});
