import { describe, expect, it } from 'vitest';
import { matchesName, pinyinInitials } from './pinyin';

describe('pinyinInitials', () => {
	it.each([
		['张伟', 'zw'],
		['单雄信', 'sxx'], // 单 as a surname is shan, not dan
		['曾国藩', 'zgf'], // 曾 as a surname is zeng, not ceng
		['解晓东', 'xxd'], // 解 xie
		['仇英', 'qy'], // 仇 qiu
		['朴树', 'ps'], // 朴 piao
		['区志', 'oz'], // 区 ou
		['单单', 'sd'], // only the leading surname takes the surname reading
		['欧阳修', 'oyx'],
		['吕布', 'lb'],
		['阿依古丽·买买提', 'ayglmmt'],
		['王 小明', 'wxm'],
		['Anna张', 'annaz'],
		['ＡＢＣ李', 'abcl'],
		['张3丰', 'z3f'],
		['', '']
	])('%s → %s', (name, initials) => {
		expect(pinyinInitials(name)).toBe(initials);
	});
});

describe('matchesName', () => {
	it.each([
		['张伟', '张伟'],
		['张伟', '伟'],
		['张伟', 'zw'],
		['张伟', 'ZW'],
		['张伟', 'z'],
		['张伟', 'w'],
		['张伟', 'zhangwei'],
		['张伟', 'zhang wei'],
		['张伟', 'zhangw'],
		['张伟', 'zhw'],
		['张伟', 'wei'],
		['张伟', 'ｚｗ'],
		['李张伟', 'zw'],
		['单雄信', 'shanxiongxin'],
		['单雄信', 'sxx'],
		['单雄信', 'danxiongxin'], // the ordinary reading is accepted too
		['曾国藩', 'zeng'],
		['曾国藩', 'ceng'],
		['吕布', 'lvbu'],
		['吕布', 'lubu'],
		['吕布', 'lü'],
		['阿依古丽·买买提', 'maimaiti'],
		['Anna张', 'anna'],
		['Anna张', 'annazhang'],
		['张伟', ''],
		['张伟', '  ']
	])('%s is found by %j', (name, query) => {
		expect(matchesName(name, query)).toBe(true);
	});

	it.each([
		['张伟', '李'],
		['张伟', 'wz'], // initials in the wrong order
		['张伟', 'zwx'],
		['张伟', 'angwei'], // inside a syllable
		['张伟', 'zhangweii'],
		['张伟', 'zhangwie'],
		['单雄信', 'sxy'],
		['欧阳修', 'x y'],
		['张伟', '张三']
	])('%s is not found by %j', (name, query) => {
		expect(matchesName(name, query)).toBe(false);
	});
});
