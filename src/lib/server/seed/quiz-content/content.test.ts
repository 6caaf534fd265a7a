import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getLaw } from '../../../domain/law/catalog';
import { formatCitation, parseCitations, type Citation } from '../../../domain/law/citation';
import { parseChineseNumber } from '../../../domain/law/cn-numerals';
import { validateDataset } from '../../../domain/law/dataset';
import { drawAttempt, seededRandom } from '../../../domain/quiz/draw';
import { gradeResponse } from '../../../domain/quiz/grade';
import { normalizeAnswerText } from '../../../domain/quiz/normalize';
import type { QuestionType, Response } from '../../../domain/quiz/types';
import { answerToText, validateQuestion } from '../../../domain/quiz/validate';
import { STAFF_CATEGORIES } from '../../../domain/roles';
import { CATEGORIES, COURSES, QUESTIONS, STANDALONE_QUIZZES, THEORY_QUIZ, type SeedQuestion, type SeedQuiz } from './index';

const DATASET = process.env.LAWS_DATASET || '../shared/laws/laws.json';
const BLANK = '＿＿＿＿';
const CATEGORY_KEYS = new Set(CATEGORIES.map((c) => c.key));
const label = (q: SeedQuestion) => `[${q.category}] ${q.stem.slice(0, 30)}`;

/** The category and all its descendants, by key. */
function subtree(key: string): Set<string> {
	const out = new Set([key]);
	for (let grew = true; grew; ) {
		grew = false;
		for (const c of CATEGORIES)
			if (c.parent !== null && out.has(c.parent) && !out.has(c.key)) {
				out.add(c.key);
				grew = true;
			}
	}
	return out;
}

const ALL_QUIZZES: SeedQuiz[] = [...COURSES.flatMap((c) => c.quizzes), THEORY_QUIZ, ...STANDALONE_QUIZZES];

describe('category tree', () => {
	it('has unique keys, names every parent before its children, and has no empty names', () => {
		expect(CATEGORY_KEYS.size).toBe(CATEGORIES.length);
		CATEGORIES.forEach((c, i) => {
			expect(c.name.trim(), c.key).not.toBe('');
			if (c.parent !== null) expect(CATEGORIES.slice(0, i).map((p) => p.key), c.key).toContain(c.parent);
		});
	});

	it('has the subtrees the quizzes rely on', () => {
		expect([...subtree('wsl')].sort()).toEqual(
			['wsl', 'wsl-liability', 'wsl-responsibility', 'wsl-safeguards', 'wsl-supervision', 'wsl-workers'].sort()
		);
		expect([...subtree('special')].sort()).toEqual(['confined', 'dust', 'special']);
		expect(subtree('law').has('procedure')).toBe(true);
	});
});

describe('questions: structure', () => {
	it('has at least 160 active questions, each in a known category', () => {
		expect(QUESTIONS.length).toBeGreaterThanOrEqual(160);
		for (const q of QUESTIONS) {
			expect(CATEGORY_KEYS.has(q.category), label(q)).toBe(true);
			expect(q.status).toBe('active');
		}
	});

	it('mixes the five types in roughly the planned shares, and all three difficulties', () => {
		const share = (t: QuestionType) => QUESTIONS.filter((q) => q.type === t).length / QUESTIONS.length;
		const planned: [QuestionType, number, number][] = [
			['single', 0.4, 0.5],
			['multiple', 0.15, 0.25],
			['truefalse', 0.1, 0.2],
			['fill', 0.07, 0.13],
			['citation', 0.07, 0.13]
		];
		for (const [t, min, max] of planned) {
			expect(share(t), t).toBeGreaterThanOrEqual(min);
			expect(share(t), t).toBeLessThanOrEqual(max);
		}
		for (const d of [1, 2, 3]) expect(QUESTIONS.filter((q) => q.difficulty === d).length, `difficulty ${d}`).toBeGreaterThanOrEqual(20);
		const multiples = QUESTIONS.filter((q) => q.type === 'multiple');
		expect(multiples.filter((q) => q.multipleScoring === 'partial').length).toBeGreaterThanOrEqual(5);
		expect(multiples.filter((q) => q.multipleScoring === 'all').length).toBeGreaterThanOrEqual(3);
		expect(QUESTIONS.filter((q) => q.answer.kind === 'fill' && q.answer.accepted.length >= 3).length).toBeGreaterThanOrEqual(5);
	});

	it('every category with questions has at least ten, including single, multiple, true/false and citation ones', () => {
		for (const c of CATEGORIES) {
			const own = QUESTIONS.filter((q) => q.category === c.key);
			if (own.length === 0) continue;
			expect(own.length, c.key).toBeGreaterThanOrEqual(10);
			for (const t of ['single', 'multiple', 'truefalse', 'citation'] as const)
				expect(own.some((q) => q.type === t), `${c.key} ${t}`).toBe(true);
		}
	});

	it('has no duplicate stems and fills every text field', () => {
		expect(new Set(QUESTIONS.map((q) => q.stem)).size).toBe(QUESTIONS.length);
		for (const q of QUESTIONS) {
			expect(q.stem.trim(), 'stem').not.toBe('');
			expect(q.explanation.trim(), label(q)).not.toBe('');
			expect(q.provisions.trim(), label(q)).not.toBe('');
			expect(q.tags.length, label(q)).toBeGreaterThan(0);
			expect(q.tags.length, label(q)).toBeLessThanOrEqual(4);
			for (const t of q.tags) expect(t, label(q)).toMatch(/^[^,，、;；|]{1,12}$/);
		}
	});

	it('keys the answer by the question type, with options A–D in order for choice questions only', () => {
		for (const q of QUESTIONS) {
			expect(q.answer.kind, label(q)).toBe(q.type);
			if (q.type !== 'multiple') expect(q.multipleScoring, label(q)).toBe('all');
			if (q.type !== 'single' && q.type !== 'multiple') {
				expect(q.options, label(q)).toEqual([]);
				continue;
			}
			expect(q.options.map((o) => o.key), label(q)).toEqual(['A', 'B', 'C', 'D']);
			expect(new Set(q.options.map((o) => o.text.trim())).size, label(q)).toBe(4);
			const keys = q.options.map((o) => o.key);
			if (q.answer.kind === 'single') expect(keys, label(q)).toContain(q.answer.key);
			if (q.answer.kind === 'multiple') {
				expect(q.answer.keys.length, label(q)).toBeGreaterThanOrEqual(2);
				expect(q.answer.keys, label(q)).toEqual([...new Set(q.answer.keys)].sort());
				for (const k of q.answer.keys) expect(keys, label(q)).toContain(k);
			}
		}
	});

	it('spreads the right answers over the options, so that guessing a letter or a pattern does not pay', () => {
		const keys = QUESTIONS.flatMap((q) => (q.answer.kind === 'single' ? [q.answer.key] : []));
		for (const k of ['A', 'B', 'C', 'D']) expect(keys.filter((x) => x === k).length / keys.length, k).toBeGreaterThanOrEqual(0.15);
		const sets = QUESTIONS.flatMap((q) => (q.answer.kind === 'multiple' ? [q.answer.keys.join('')] : []));
		for (const set of new Set(sets)) expect(sets.filter((s) => s === set).length / sets.length, set).toBeLessThanOrEqual(0.4);
		expect(new Set(sets).size).toBeGreaterThanOrEqual(4);
		const truths = QUESTIONS.flatMap((q) => (q.answer.kind === 'truefalse' ? [q.answer.value] : []));
		expect(truths.filter((v) => v).length / truths.length).toBeGreaterThanOrEqual(0.35);
		expect(truths.filter((v) => v).length / truths.length).toBeLessThanOrEqual(0.65);
	});

	it('writes one blank in every fill question, with accepted answers distinct after normalisation', () => {
		for (const q of QUESTIONS) {
			if (q.answer.kind !== 'fill') continue;
			expect(q.stem.split(BLANK).length - 1, label(q)).toBe(1);
			const normalised = q.answer.accepted.map(normalizeAnswerText);
			expect(normalised.every((a) => a !== ''), label(q)).toBe(true);
			expect(new Set(normalised).size, label(q)).toBe(normalised.length);
		}
	});

	it('round-trips through the editor validation unchanged', () => {
		for (const q of QUESTIONS) {
			const r = validateQuestion({
				type: q.type,
				stem: q.stem,
				options: q.options,
				answer: answerToText(q.answer),
				explanation: q.explanation,
				difficulty: q.difficulty,
				multipleScoring: q.multipleScoring,
				provisions: q.provisions,
				tags: q.tags.join(',')
			});
			expect(r.ok ? [] : r.problems, label(q)).toEqual([]);
			if (!r.ok) continue;
			const { type, stem, options, answer, explanation, difficulty, multipleScoring, provisions, tags } = q;
			expect(r.value, label(q)).toEqual({ type, stem, options, answer, explanation, difficulty, multipleScoring, provisions, tags });
		}
	});

	it('gives full points for its own key, and for a citation answer written in the short canonical form', () => {
		for (const q of QUESTIONS) {
			const a = q.answer;
			const responses: Response[] =
				a.kind === 'single' ? [{ kind: 'single', key: a.key }]
				: a.kind === 'multiple' ? [{ kind: 'multiple', keys: a.keys }]
				: a.kind === 'truefalse' ? [{ kind: 'truefalse', value: a.value }]
				: a.kind === 'fill' ? a.accepted.map((text) => ({ kind: 'fill' as const, text }))
				: [
						{ kind: 'citation', text: a.citations },
						{ kind: 'citation', text: parseCitations(a.citations).map(formatCitation).join('、') }
					];
			for (const r of responses) expect(gradeResponse(q, r, 2).points, `${label(q)} ${JSON.stringify(r)}`).toBe(2);
		}
	});
});

/** Every piece of content text that may cite provisions, with a label for failure messages. */
function citingTexts(): { where: string; text: string }[] {
	const out: { where: string; text: string }[] = [];
	for (const q of QUESTIONS) {
		out.push({ where: `${label(q)} 题干`, text: q.stem }, { where: `${label(q)} 解析`, text: q.explanation });
		out.push({ where: `${label(q)} 考查法条`, text: q.provisions });
		if (q.answer.kind === 'citation') out.push({ where: `${label(q)} 答案`, text: q.answer.citations });
		for (const o of q.options) out.push({ where: `${label(q)} 选项${o.key}`, text: o.text });
	}
	for (const c of COURSES) {
		out.push({ where: `${c.title} 简介`, text: c.summary });
		for (const l of c.lessons) out.push({ where: `${c.title} ${l.title}`, text: l.body });
	}
	return out;
}

describe('questions: legal references', () => {
	it('every provisions field and citation answer names at least one provision of a known law in force', () => {
		for (const q of QUESTIONS) {
			const texts = [q.provisions, ...(q.answer.kind === 'citation' ? [q.answer.citations] : [])];
			for (const text of texts) {
				const found = parseCitations(text);
				expect(found.length, `${label(q)}: ${text}`).toBeGreaterThan(0);
				for (const c of found) {
					expect(c.lawId, `${label(q)}: ${text}`).not.toBeNull();
					expect(getLaw(c.lawId!)?.status, `${label(q)}: ${text}`).toBe('in_force');
				}
			}
		}
	});

	it('every citation anywhere in the content resolves to a law (no 第…条 without a law)', () => {
		const unresolved = citingTexts().flatMap(({ where, text }) =>
			parseCitations(text)
				.filter((c) => c.lawId === null)
				.map((c) => `${where}: ${text.slice(c.start, c.end)}`)
		);
		expect(unresolved).toEqual([]);
	});

	it('a citation question is about what its provisions field says, and its stem does not give the answer away', () => {
		const same = (a: Citation, b: Citation) => a.lawId === b.lawId && a.article === b.article;
		for (const q of QUESTIONS) {
			if (q.answer.kind !== 'citation') continue;
			const expected = parseCitations(q.answer.citations);
			const provisions = parseCitations(q.provisions);
			for (const e of expected) expect(provisions.some((p) => same(p, e)), label(q)).toBe(true);
			const inStem = parseCitations(q.stem);
			for (const e of expected) expect(inStem.some((s) => same(s, e)), label(q)).toBe(false);
		}
	});
});

describe('quizzes and courses', () => {
	it.each(ALL_QUIZZES.map((q) => [q.title, q] as const))('%s: every rule can be filled, rules never compete, 100 points', (_t, quiz) => {
		expect(quiz.rules.length).toBeGreaterThan(0);
		for (const r of quiz.rules) {
			expect(CATEGORY_KEYS.has(r.category), r.category).toBe(true);
			expect(r.count).toBeGreaterThan(0);
			const available = QUESTIONS.filter(
				(q) => q.status === 'active' && subtree(r.category).has(q.category) && (r.difficulty === null || q.difficulty === r.difficulty)
			).length;
			expect(r.count, `${r.category} d${r.difficulty}`).toBeLessThanOrEqual(available);
		}
		quiz.rules.forEach((a, i) =>
			quiz.rules.slice(i + 1).forEach((b) => {
				const overlap = [...subtree(a.category)].some((k) => subtree(b.category).has(k));
				const differentDifficulty = a.difficulty !== null && b.difficulty !== null && a.difficulty !== b.difficulty;
				expect(!overlap || differentDifficulty, `${a.category} / ${b.category}`).toBe(true);
			})
		);
		expect(quiz.rules.reduce((s, r) => s + r.count * r.points, 0)).toBe(100);
		expect(quiz.passMark).toBeGreaterThan(0);
		expect(quiz.passMark).toBeLessThanOrEqual(100);
	});

	it('draws every quiz with the product draw logic, under many seeds', () => {
		const ids = new Map(CATEGORIES.map((c, i) => [c.key, i + 1]));
		const categories = CATEGORIES.map((c) => ({ id: ids.get(c.key)!, parentId: c.parent === null ? null : ids.get(c.parent)! }));
		const questions = QUESTIONS.map((q, i) => ({
			id: i + 1,
			categoryId: ids.get(q.category)!,
			difficulty: q.difficulty,
			status: q.status,
			optionKeys: q.options.map((o) => o.key)
		}));
		for (const quiz of ALL_QUIZZES) {
			const rules = quiz.rules.map((r) => ({ ...r, categoryId: ids.get(r.category)! }));
			for (let seed = 1; seed <= 20; seed++) {
				const r = drawAttempt({ questions, categories, rules, shuffleOptions: true, random: seededRandom(seed) });
				expect(r.ok, quiz.title).toBe(true);
				if (r.ok) expect(new Set(r.slots.map((s) => s.questionId)).size).toBe(quiz.rules.reduce((s, x) => s + x.count, 0));
			}
		}
	});

	it('the 理论考试 is about law and procedure: about 20 questions, 20 minutes, one attempt', () => {
		expect(THEORY_QUIZ.attemptsAllowed).toBe(1);
		expect(THEORY_QUIZ.timeLimitMinutes).toBe(20);
		expect(THEORY_QUIZ.rules.reduce((s, r) => s + r.count, 0)).toBe(20);
		expect(THEORY_QUIZ.rules.some((r) => r.category === 'procedure')).toBe(true);
		expect(STANDALONE_QUIZZES.map((q) => q.title)).toEqual(['安全生产法（2021）知识测验']);
		for (const r of STANDALONE_QUIZZES[0].rules) expect(subtree('wsl').has(r.category), r.category).toBe(true);
	});

	it('the two courses have keys, an audience, 3–5 lessons of 300–800 Chinese characters and one ~10-question quiz', () => {
		expect(COURSES.map((c) => c.title)).toEqual(['新员工三级安全教育', '粉尘防爆与有限空间作业']);
		expect(new Set(COURSES.map((c) => c.key)).size).toBe(COURSES.length);
		for (const c of COURSES) {
			expect(c.audience === null || (STAFF_CATEGORIES as readonly string[]).includes(c.audience), c.title).toBe(true);
			expect(c.hours).toBeGreaterThan(0);
			expect(c.summary.trim()).not.toBe('');
			expect(c.lessons.length).toBeGreaterThanOrEqual(3);
			expect(c.lessons.length).toBeLessThanOrEqual(5);
			for (const l of c.lessons) {
				const chinese = (l.body.match(/\p{Script=Han}/gu) ?? []).length;
				expect(chinese, l.title).toBeGreaterThanOrEqual(300);
				expect(chinese, l.title).toBeLessThanOrEqual(800);
				expect(l.body, l.title).toMatch(/^## /m);
				expect(parseCitations(l.body).length, l.title).toBeGreaterThan(0);
			}
			expect(c.quizzes).toHaveLength(1);
			const quiz = c.quizzes[0];
			expect(quiz.rules.reduce((s, r) => s + r.count, 0)).toBe(10);
			expect(quiz.timeLimitMinutes).toBeGreaterThanOrEqual(10);
			expect(quiz.timeLimitMinutes).toBeLessThanOrEqual(15);
		}
	});
});

/** Paragraphs (款) of an article text and the items (项) present in each; items whose text is cut off (……) are left out. */
function structure(text: string): Set<number>[] {
	const paragraphs: Set<number>[] = [];
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		const item = /^（([一二三四五六七八九十]+)）/.exec(line);
		if (item) {
			if (paragraphs.length === 0) paragraphs.push(new Set());
			if (!line.includes('……')) paragraphs[paragraphs.length - 1].add(parseChineseNumber(item[1])!);
		} else if (!line.startsWith('……')) paragraphs.push(new Set());
	}
	return paragraphs;
}

describe('structure (dataset helper)', () => {
	it('reads paragraphs and items the way the dataset writes them, leaving out cut-off items', () => {
		expect(structure('甲：\n（一）乙；\n（二）丙……\n（三）丁。\n第二款。')).toEqual([new Set([1, 3]), new Set()]);
		expect(structure('只有一款。')).toEqual([new Set()]);
		expect(structure('甲：\n……（第一项至第七项略）\n（八）乙。')).toEqual([new Set([8])]);
	});
});

describe.skipIf(!existsSync(DATASET))('against the shared law dataset', () => {
	it('every cited article, paragraph and item exists in the dataset (items with cut-off text do not count)', () => {
		const { laws, errors } = validateDataset(JSON.parse(readFileSync(DATASET, 'utf8')));
		expect(errors).toEqual([]);
		const articles = new Map(laws.map((l) => [l.lawId, new Map(l.articles.map((a) => [a.number, structure(a.text)]))]));
		const problems: string[] = [];
		for (const { where, text } of citingTexts()) {
			for (const c of parseCitations(text)) {
				if (c.lawId === null) continue; // reported by the test above
				const written = `${where}: ${text.slice(c.start, c.end)}`;
				const paragraphs = articles.get(c.lawId)?.get(c.article);
				if (!paragraphs) {
					problems.push(`${written} — 数据集中没有${c.lawId}第${c.article}条`);
					continue;
				}
				if (getLaw(c.lawId)?.status !== 'in_force') problems.push(`${written} — 不是现行有效的法规`);
				const p = c.paragraph ?? 1;
				if (p > paragraphs.length) problems.push(`${written} — 该条只有 ${paragraphs.length} 款`);
				else if (c.item !== undefined && !paragraphs[p - 1].has(c.item)) problems.push(`${written} — 第${p}款没有（或未取得）第${c.item}项`);
			}
		}
		expect(problems).toEqual([]);
	});

});
