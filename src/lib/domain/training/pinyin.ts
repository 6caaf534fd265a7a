/**
 * Finding a learner by name the way staff type on a phone: 张伟 by 张伟, zw, zhangw or zhangwei.
 * Readings come from pinyin-pro (pure JS, MIT) in surname mode for the first characters, so surnames
 * with a special reading come out right: 单 shan, 曾 zeng, 解 xie, 仇 qiu, 区 ou, 朴 piao, 查 zha.
 */
import { pinyin } from 'pinyin-pro';

/** One unit of a name: a Chinese character (its readings, preferred first) or a run of Latin letters/digits. */
interface Token {
	readings: string[];
	isZh: boolean;
}

const LATIN = /^[a-z0-9]$/;

/** Full-width letters to half-width, lower case, ü written v (as on a keyboard), whitespace removed. */
function fold(s: string): string {
	return s.normalize('NFKC').toLowerCase().replace(/ü/g, 'v').replace(/\s+/g, '');
}

function tokenize(name: string): Token[] {
	const text = fold(name);
	if (text === '') return [];
	const options = { type: 'all', toneType: 'none', v: true } as const;
	// surname: 'head' applies surname readings only at the start: 单单 is shan dan, not shan shan.
	const asName = pinyin(text, { ...options, mode: 'surname', surname: 'head' });
	const plain = pinyin(text, options);
	const tokens: Token[] = [];
	asName.forEach((c, i) => {
		if (c.isZh) {
			// A character pinyin-pro has no reading for stays itself, so it can still be typed.
			const readings = [c.pinyin || c.origin, plain[i]?.pinyin].filter((r, j, all): r is string => !!r && all.indexOf(r) === j);
			tokens.push({ readings, isZh: true });
		} else if (LATIN.test(c.origin)) {
			const last = tokens.at(-1);
			if (last && !last.isZh) last.readings[0] += c.origin;
			else tokens.push({ readings: [c.origin], isZh: false });
		}
		// Other characters (·, -, punctuation) separate tokens and are not typed in a search.
		else tokens.push({ readings: [''], isZh: false });
	});
	return tokens.filter((t) => t.readings[0] !== '');
}

/**
 * Initials of each Chinese character plus Latin letters and digits as they are, lower case:
 * 张伟 → zw, 单雄信 → sxx, 欧阳修 → oyx, 阿依古丽·买买提 → ayglmmt, Anna张 → annaz.
 */
export function pinyinInitials(name: string): string {
	return tokenize(name)
		.map((t) => (t.isZh ? t.readings[0][0] : t.readings[0]))
		.join('');
}

/** Matching treats u and v alike, so 吕 is found by lv (keyboard) and lu (how many people spell it). */
const uv = (s: string) => s.replace(/v/g, 'u');

/**
 * Whether `query` finds `name`: as a substring of the name itself (张伟 ⊂ 李张伟), or as pinyin typed over
 * consecutive characters where each character contributes a non-empty prefix of one of its readings:
 * initials (zw), full pinyin (zhangwei), or a mix (zhangw, zhw); also from the given name on (wei).
 * Both the surname reading and the ordinary one are accepted (曾 zeng or ceng), since not everyone knows
 * the surname reading. A match inside a syllable (angwei) is not a match. An empty query matches everything.
 */
export function matchesName(name: string, query: string): boolean {
	const q = fold(query);
	if (q === '') return true;
	if (fold(name).includes(q)) return true;
	if (!/^[a-z0-9]+$/.test(q)) return false;
	const tokens = tokenize(name).map((t) => t.readings.map(uv));
	const target = uv(q);
	const from = (qi: number, ti: number): boolean => {
		if (qi === target.length) return true;
		if (ti === tokens.length) return false;
		for (const reading of tokens[ti]) {
			for (let k = Math.min(reading.length, target.length - qi); k >= 1; k--) {
				if (target.startsWith(reading.slice(0, k), qi) && from(qi + k, ti + 1)) return true;
			}
		}
		return false;
	};
	return tokens.some((_, ti) => from(0, ti));
}
