/**
 * Grading quiz responses: one question (gradeResponse) and a whole attempt (gradeAttempt). Pure and
 * deterministic, so that a regrade after an answer-key fix gives the same result for unchanged questions.
 *
 * Reasons are Chinese sentences shown beside the points. The citation reasons name the expected
 * provision, so show them only when the quiz's review options reveal answers.
 */
import { formatCitation, parseCitations } from '../law/citation';
import { compareCitation, type CitationGrade, type CitationRef } from '../law/compare';
import { normalizeAnswerText } from './normalize';
import type { AttemptSlot, QuestionData, Response } from './types';

export type Correctness = 'right' | 'partial' | 'wrong' | 'blank';

export interface GradeLine {
	points: number;
	maxPoints: number;
	correctness: Correctness;
	/** Chinese, e.g. 「少选：选对 2 项，共 3 项」, 「引用第二十八条，应为第二十八条第一款：得一半」 */
	reason: string;
}

export type GradedQuestion = Pick<QuestionData, 'type' | 'answer' | 'multipleScoring'>;

/** Half a provision's credit when the article is right but the paragraph or item is not. */
const CITATION_CREDIT: Record<CitationGrade, number> = { exact: 1, article: 0.5, law: 0, wrong: 0 };

const round = (x: number, digits: number) => {
	const f = 10 ** digits;
	return Math.round((x + Number.EPSILON) * f) / f;
};

function line(maxPoints: number, fraction: number, reason: string): GradeLine {
	const correctness: Correctness = fraction >= 1 ? 'right' : fraction > 0 ? 'partial' : 'wrong';
	return { points: round(maxPoints * fraction, 2), maxPoints, correctness, reason };
}

function isBlank(r: Response): boolean {
	switch (r.kind) {
		case 'single':
			return r.key.trim() === '';
		case 'multiple':
			return r.keys.every((k) => k.trim() === '');
		case 'truefalse':
			return false;
		case 'fill':
		case 'citation':
			return r.text.trim() === '';
	}
}

const keyOf = (k: string) => k.normalize('NFKC').trim().toUpperCase();

function gradeMultiple(expected: string[], chosenRaw: string[], scoring: QuestionData['multipleScoring'], max: number): GradeLine {
	const right = new Set(expected.map(keyOf));
	const chosen = [...new Set(chosenRaw.map(keyOf).filter((k) => k !== ''))];
	const wrongChosen = chosen.filter((k) => !right.has(k)).length;
	const rightChosen = chosen.length - wrongChosen;
	if (wrongChosen === 0 && rightChosen === right.size) return line(max, 1, '正确');
	if (wrongChosen > 0) return line(max, 0, `错选：含 ${wrongChosen} 个错误选项，不得分`);
	const missed = `少选：选对 ${rightChosen} 项，共 ${right.size} 项`;
	if (scoring === 'all') return line(max, 0, `${missed}（本题全部选对才得分）`);
	return line(max, rightChosen / right.size, missed);
}

/** Same provision written twice counts once, in the answer key and in the response. */
function distinctRefs(text: string): CitationRef[] {
	const seen = new Map<string, CitationRef>();
	for (const c of parseCitations(text)) {
		const ref: CitationRef = { lawId: c.lawId, article: c.article, paragraph: c.paragraph, item: c.item };
		seen.set(`${c.lawId}|${c.article}|${c.paragraph ?? ''}|${c.item ?? ''}`, ref);
	}
	return [...seen.values()];
}

const withoutLaw = (c: CitationRef) => formatCitation({ ...c, lawId: null });

function gradeCitation(expectedText: string, givenText: string, max: number): GradeLine {
	const expected = distinctRefs(expectedText);
	const given = distinctRefs(givenText);
	if (expected.length === 0) return line(max, 0, '标准答案中没有可识别的法条，请联系出题人');
	if (given.length === 0) return line(max, 0, '答案中没有识别出法条（应写作《法律名称》第…条）');
	let credit = 0;
	const reasons = expected.map((e) => {
		let best: { grade: CitationGrade; given?: CitationRef } = { grade: 'wrong' };
		for (const g of given) {
			const grade = compareCitation(g, e);
			if (CITATION_CREDIT[grade] > CITATION_CREDIT[best.grade]) best = { grade, given: g };
		}
		credit += CITATION_CREDIT[best.grade];
		if (best.grade === 'exact') return `${formatCitation(e)}：正确`;
		if (best.grade === 'article') return `引用${withoutLaw(best.given!)}，应为${withoutLaw(e)}：得一半`;
		return `未答出${formatCitation(e)}`;
	});
	// Citing extra provisions dilutes the credit, as on the drill answer sheet: listing half the law
	// must not be a safe way to hit the right article.
	if (given.length > expected.length) reasons.push(`多引用 ${given.length - expected.length} 条，按 ${given.length} 条计分`);
	return line(max, credit / Math.max(expected.length, given.length), reasons.join('；'));
}

/**
 * Grades one response. Single and true/false are all-or-nothing; multiple by `multipleScoring`; fill
 * against every accepted answer after normalizeAnswerText; citation per expected provision (exact 1,
 * right article 0.5) divided by max(expected, given) provisions. null or empty → 'blank'; a response of
 * the wrong kind → 'wrong'. Points are rounded to 2 decimals.
 */
export function gradeResponse(q: GradedQuestion, response: Response | null, maxPoints: number): GradeLine {
	if (response === null || isBlank(response)) return { points: 0, maxPoints, correctness: 'blank', reason: '未作答' };
	const a = q.answer;
	if (response.kind !== a.kind || a.kind !== q.type) return line(maxPoints, 0, '作答形式与题型不符');
	switch (a.kind) {
		case 'single': {
			const r = response as Extract<Response, { kind: 'single' }>;
			return keyOf(r.key) === keyOf(a.key) ? line(maxPoints, 1, '正确') : line(maxPoints, 0, '错误');
		}
		case 'truefalse': {
			const r = response as Extract<Response, { kind: 'truefalse' }>;
			return r.value === a.value ? line(maxPoints, 1, '正确') : line(maxPoints, 0, '错误');
		}
		case 'multiple':
			return gradeMultiple(a.keys, (response as Extract<Response, { kind: 'multiple' }>).keys, q.multipleScoring, maxPoints);
		case 'fill': {
			const given = normalizeAnswerText((response as Extract<Response, { kind: 'fill' }>).text);
			return a.accepted.some((x) => normalizeAnswerText(x) === given) ? line(maxPoints, 1, '正确') : line(maxPoints, 0, '错误');
		}
		case 'citation':
			return gradeCitation(a.citations, (response as Extract<Response, { kind: 'citation' }>).text, maxPoints);
	}
}

/**
 * Grades an attempt: one line per slot (responses[i] answers slots[i]). A question no longer in
 * `questions` (deleted) earns 0 but keeps its max points. percent has 1 decimal; passed when
 * percent ≥ passMark.
 */
export function gradeAttempt(
	slots: AttemptSlot[],
	questions: Map<number, GradedQuestion>,
	responses: (Response | null)[],
	passMark: number
): { lines: GradeLine[]; score: number; maxScore: number; percent: number; passed: boolean } {
	const lines = slots.map((slot, i): GradeLine => {
		const q = questions.get(slot.questionId);
		if (!q) return { points: 0, maxPoints: slot.points, correctness: 'wrong', reason: '试题已删除' };
		return gradeResponse(q, responses[i] ?? null, slot.points);
	});
	const score = round(lines.reduce((s, l) => s + l.points, 0), 2);
	const maxScore = round(lines.reduce((s, l) => s + l.maxPoints, 0), 2);
	const percent = maxScore > 0 ? round((score / maxScore) * 100, 1) : 0;
	return { lines, score, maxScore, percent, passed: percent >= passMark };
}
