/**
 * Citation parser throughput against a bare regex scan (`npm run bench:citations`).
 *
 * Builds two deterministic (seeded) corpora of legal prose, each at least 4.5 MB in UTF-8, with
 * citations in the forms the parser reads: "document" (facts, then the legal basis, like a 处罚决定书:
 * about one citation per 100 chars) and "dense" (a stress test: one per 45 chars). On each it times,
 * in this one process, interleaved and after warm-up, a bare scan `/第.{1,12}?条/g` and
 * `parseCitations`. Goal: parser MB/s ≥ 0.5 × bare MB/s.
 *
 * The parser's extra cost is per citation (law lookup, numeral, result object) while the bare scan's
 * is per character, so the ratio falls as citations get denser.
 *
 * Set BENCH_NZH to the path of an installed `nzh` module (npm install nzh in a scratch directory,
 * then BENCH_NZH=$PWD/node_modules/nzh/nzh.js) to time it against cn-numerals.ts as well; that is
 * how the numeral converter was chosen.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LAW_CATALOG } from '../lib/domain/law/catalog';
import { parseCitations } from '../lib/domain/law/citation';
import { parseChineseNumber, toChineseNumber } from '../lib/domain/law/cn-numerals';

const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 4.5e6);
const WARMUP = 3;
const ROUNDS = 15;

/** mulberry32: small, fast and good enough to pick phrases reproducibly. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FILLER = [
	'检查组对该企业的粉尘涉爆车间进行了现场检查',
	'企业主要负责人未按规定组织制定并实施本单位安全生产教育和培训计划',
	'现场发现除尘系统未按规定设置泄爆装置，且未采取防止粉尘二次扬尘的措施',
	'该公司第一次接受执法检查时已被责令限期整改，但整改不到位',
	'有限空间作业前未进行安全风险辨识，未设置明显的安全警示标志',
	'当事人对违法事实无异议，并提出了从轻处罚的申请条件',
	'合同条款中约定的安全管理职责不清，第三方施工单位未纳入统一管理',
	'执法人员出示执法证件，告知当事人依法享有陈述、申辩的权利',
	'第二批整改清单已于当日送达，企业承诺在十五日内完成整改',
	'经集体讨论，认为当事人的行为事实清楚、证据确凿',
	'液氨车间的气体检测报警装置未与事故通风设施联锁',
	'特种作业人员未按照国家有关规定经专门的安全作业培训并取得相应资格'
];
const SHORT_LAWS = ['安全生产法', '消防法', '行政处罚法', '职业病防治法', '特种设备安全法', '行政强制法'];
const ALIASES = LAW_CATALOG.flatMap((l) => l.aliases).filter((a) => !/\d/.test(a));

function article(r: () => number): string {
	const n = 1 + Math.floor(r() * 130);
	const v = r();
	if (v < 0.7) return `第${toChineseNumber(n)}条`;
	if (v < 0.85) return `第${n}条`;
	if (v < 0.95) return `第 ${n} 条`;
	return `第${String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}条`;
}

function detail(r: () => number): string {
	const v = r();
	if (v < 0.6) return '';
	if (v < 0.8) return `第${toChineseNumber(1 + Math.floor(r() * 4))}款`;
	return `第${toChineseNumber(1 + Math.floor(r() * 3))}款第（${toChineseNumber(1 + Math.floor(r() * 6))}）项`;
}

function citation(r: () => number): string {
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
	const v = r();
	const law =
		v < 0.4 ? `《${pick(SHORT_LAWS)}》` :
		v < 0.55 ? `《中华人民共和国${pick(SHORT_LAWS)}》` :
		v < 0.65 ? `《${pick(SHORT_LAWS)}》（2021年修正）` :
		v < 0.8 ? pick(SHORT_LAWS) :
		v < 0.9 ? pick(ALIASES) :
		v < 0.95 ? '同法' : '《某省安全生产条例》';
	const w = r();
	const gap = w < 0.8 ? '' : w < 0.9 ? '的' : '规定的';
	let s = `${law}${gap}${article(r)}${detail(r)}`;
	const tail = r();
	if (tail < 0.15) s += `、${article(r)}`;
	else if (tail < 0.2) s += `至第${toChineseNumber(130 + Math.floor(r() * 5))}条`;
	else if (tail < 0.25) s += '、第（二）项';
	return s;
}

/** Stress corpus: more than half of the sentences cite, about one citation per 45 characters. */
function denseSentence(r: () => number): string {
	const v = r();
	const filler = FILLER[Math.floor(r() * FILLER.length)];
	let sentence: string;
	if (v < 0.45) sentence = `${filler}。`;
	else if (v < 0.9) sentence = `违反了${citation(r)}的规定，${filler}。`;
	else sentence = `依据${citation(r)}，第${toChineseNumber(1 + Math.floor(r() * 20))}条及${filler}；`;
	return r() < 0.1 ? `${sentence}\n` : sentence;
}

/**
 * Document corpus, shaped like a 行政处罚决定书 or a case write-up: several sentences of facts, then the
 * legal basis (违反了…的规定，依据…的规定), about one citation per 100 characters.
 */
function documentSentence(r: () => number): string {
	const facts = Array.from({ length: 6 + Math.floor(r() * 7) }, () => FILLER[Math.floor(r() * FILLER.length)]);
	const basis = `上述行为违反了${citation(r)}的规定，依据${citation(r)}的规定，决定给予警告并处罚款。`;
	return `经查，${facts.join('；')}。${basis}\n`;
}

function corpus(seed: number, next: (r: () => number) => string, bytes: number): string {
	const r = rng(seed);
	const parts: string[] = [];
	let size = 0;
	while (size < bytes) {
		const part = next(r);
		parts.push(part);
		size += Buffer.byteLength(part);
	}
	return parts.join('');
}

function bareScan(text: string): number {
	const re = /第.{1,12}?条/g;
	let n = 0;
	while (re.exec(text)) n++;
	return n;
}

function time<T>(fn: () => T): { ms: number; result: T } {
	const t0 = performance.now();
	const result = fn();
	return { ms: performance.now() - t0, result };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Times the bare scan and the parser over `text`, interleaved after warm-up. Returns medians and
 * minima in ms: on a shared machine the minimum is the steadier estimate of the CPU cost.
 */
function measure(text: string) {
	for (let i = 0; i < WARMUP; i++) {
		bareScan(text);
		parseCitations(text);
	}
	const bareMs: number[] = [];
	const parserMs: number[] = [];
	let matches = 0;
	let citations = 0;
	for (let i = 0; i < ROUNDS; i++) {
		const b = time(() => bareScan(text));
		const p = time(() => parseCitations(text));
		bareMs.push(b.ms);
		parserMs.push(p.ms);
		matches = b.result;
		citations = p.result.length;
	}
	return { bare: median(bareMs), parser: median(parserMs), bareMin: Math.min(...bareMs), parserMin: Math.min(...parserMs), matches, citations };
}

const rows: Record<string, Record<string, number | string>> = {};
for (const [name, next] of [['document', documentSentence], ['dense', denseSentence]] as const) {
	const text = corpus(20240601, next, TARGET_BYTES);
	const mb = Buffer.byteLength(text) / 1e6;
	const m = measure(text);
	rows[name] = {
		'MB (UTF-8)': +mb.toFixed(2),
		'chars/citation': Math.round(text.length / m.citations),
		'bare MB/s': Math.round(mb / (m.bare / 1000)),
		'parser MB/s': Math.round(mb / (m.parser / 1000)),
		'parser citations/s': Math.round(m.citations / (m.parser / 1000)),
		citations: m.citations,
		'bare matches': m.matches,
		'ratio (medians)': +(m.bare / m.parser).toFixed(2),
		'ratio (best runs)': +(m.bareMin / m.parserMin).toFixed(2)
	};
}
console.log(`bare scan /第.{1,12}?条/g vs parseCitations · ${ROUNDS} interleaved rounds after ${WARMUP} warm-up · MB/s from medians · goal: ratio parser/bare ≥ 0.5`);
console.table(rows);

// Numeral converter: the parser reads one numeral per 第…条/款/项.
const numerals = Array.from({ length: 1000 }, (_, i) => toChineseNumber(i + 1));
const numeralRows: Record<string, { 'ns/decode': number; 'ns/encode': number }> = {};
const perCall = (fn: () => void, calls: number) => {
	fn();
	return +(((time(fn).ms * 1e6) / calls).toFixed(0));
};
const REPS = 200;
numeralRows['cn-numerals.ts'] = {
	'ns/decode': perCall(() => { for (let k = 0; k < REPS; k++) for (const s of numerals) parseChineseNumber(s); }, REPS * 1000),
	'ns/encode': perCall(() => { for (let k = 0; k < REPS; k++) for (let i = 1; i <= 1000; i++) toChineseNumber(i); }, REPS * 1000)
};
if (process.env.BENCH_NZH) {
	const mod = await import(pathToFileURL(process.env.BENCH_NZH).href);
	const cn = (mod.default ?? mod).cn as { decodeS(s: string): number; encodeS(n: number): string };
	numeralRows.nzh = {
		'ns/decode': perCall(() => { for (let k = 0; k < REPS; k++) for (const s of numerals) cn.decodeS(s); }, REPS * 1000),
		'ns/encode': perCall(() => { for (let k = 0; k < REPS; k++) for (let i = 1; i <= 1000; i++) cn.encodeS(i); }, REPS * 1000)
	};
}
console.table(numeralRows);
