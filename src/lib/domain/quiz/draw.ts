/**
 * Drawing the questions of one attempt from the bank by the quiz's draw rules.
 *
 * Rules are filled in order and a question is never drawn twice. Rules may overlap (「安全生产法 5 题」
 * and 「法律法规（含安全生产法）10 题」); a plain greedy draw would then fail at random: if rule 1
 * happens to take the questions that only rule 2 can use, rule 2 runs short although a valid draw
 * exists, so some learners could start the quiz and others not. Instead the rules are matched to
 * questions like a bipartite matching (Kuhn's augmenting paths, rule slots on one side): a later rule
 * may swap an earlier rule's pick for another question that the earlier rule also accepts. The draw
 * therefore succeeds exactly when some valid draw exists, whatever the random numbers, and a rule's
 * shortage (`available`) is a fact of the bank, not of luck.
 */
import type { AttemptSlot, BankQuestion, DrawRule } from './types';

/** Deterministic PRNG (mulberry32) returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Fisher–Yates on a copy. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

type Category = { id: number; parentId: number | null };

/** The category and all its descendants (cycles in bad data are tolerated). */
export function categorySubtree(categoryId: number, categories: readonly Category[]): Set<number> {
	const children = new Map<number, number[]>();
	for (const c of categories) {
		if (c.parentId === null) continue;
		const list = children.get(c.parentId) ?? children.set(c.parentId, []).get(c.parentId)!;
		list.push(c.id);
	}
	const out = new Set([categoryId]);
	const queue = [categoryId];
	for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
		for (const child of children.get(id) ?? []) {
			if (out.has(child)) continue;
			out.add(child);
			queue.push(child);
		}
	}
	return out;
}

function eligible<Q extends BankQuestion>(rule: DrawRule, questions: readonly Q[], categories: readonly Category[]): Q[] {
	const subtree = categorySubtree(rule.categoryId, categories);
	return questions.filter(
		(q) => q.status === 'active' && subtree.has(q.categoryId) && (rule.difficulty === null || q.difficulty === rule.difficulty)
	);
}

/**
 * How many questions the rule can draw from on its own: active, in the rule's category or below, of
 * its difficulty (null = any). For the quiz builder; overlaps with other rules are not considered.
 */
export function availableFor(rule: DrawRule, questions: readonly BankQuestion[], categories: readonly Category[]): number {
	return eligible(rule, questions, categories).length;
}

/**
 * The questions that at least one of the rules could draw, in the bank's order: drawAttempt gives the
 * same result (the same slots for the same random numbers, the same shortages) on them as on the whole
 * bank, so a server can keep them per quiz and draw from far fewer questions.
 */
export function drawableQuestions<Q extends BankQuestion>(rules: readonly DrawRule[], questions: readonly Q[], categories: readonly Category[]): Q[] {
	const ids = new Set(rules.flatMap((r) => eligible(r, questions, categories).map((q) => q.id)));
	return questions.filter((q) => ids.has(q.id));
}

export interface DrawShortage {
	/** index of the rule in `rules` (0-based) */
	rule: number;
	/** how many questions the rule can get once the earlier rules have theirs */
	available: number;
	needed: number;
}

/**
 * Draws one attempt: for each rule in order, `count` distinct questions, shuffled within the rule (rule
 * 1's questions come first). `optionOrder` is the question's option keys, shuffled when
 * `shuffleOptions`; [] for non-choice questions. If any rule cannot be filled, nothing is drawn and
 * every short rule is reported. Deterministic for a given `random`.
 */
export function drawAttempt(input: {
	questions: (BankQuestion & { optionKeys: string[] })[];
	categories: { id: number; parentId: number | null }[];
	rules: DrawRule[];
	shuffleOptions: boolean;
	random: () => number;
}): { ok: true; slots: AttemptSlot[] } | { ok: false; problems: DrawShortage[] } {
	const { questions, categories, rules, random } = input;
	const byId = new Map(questions.map((q) => [q.id, q]));
	const candidates = rules.map((r) => shuffled(eligible(r, questions, categories).map((q) => q.id), random));
	const owner = new Map<number, number>(); // question id → rule index
	const picked: Set<number>[] = rules.map(() => new Set());

	const take = (qid: number, r: number) => {
		const prev = owner.get(qid);
		if (prev !== undefined) picked[prev].delete(qid);
		owner.set(qid, r);
		picked[r].add(qid);
	};
	// One more question for rule r: a free one if any (keeps the draw uniformly random when rules do not
	// compete), else one held by another rule that can move to a different question.
	const augment = (r: number, visited: Set<number>): boolean => {
		const free = candidates[r].find((q) => !owner.has(q));
		if (free !== undefined) {
			take(free, r);
			return true;
		}
		for (const q of candidates[r]) {
			const holder = owner.get(q)!;
			if (holder === r || visited.has(q)) continue;
			visited.add(q);
			if (augment(holder, visited)) {
				take(q, r);
				return true;
			}
		}
		return false;
	};

	const problems: DrawShortage[] = [];
	rules.forEach((rule, r) => {
		while (picked[r].size < rule.count && augment(r, new Set())) {
			/* one more picked */
		}
		if (picked[r].size < rule.count) problems.push({ rule: r, available: picked[r].size, needed: rule.count });
	});
	if (problems.length > 0) return { ok: false, problems };

	const slots: AttemptSlot[] = [];
	rules.forEach((rule, r) => {
		// Order of `picked` reflects the candidate order and any swaps: shuffle again for a clean order.
		for (const qid of shuffled([...picked[r]].sort((a, b) => a - b), random)) {
			const keys = byId.get(qid)!.optionKeys;
			slots.push({ questionId: qid, points: rule.points, optionOrder: input.shuffleOptions ? shuffled(keys, random) : [...keys] });
		}
	});
	return { ok: true, slots };
}
