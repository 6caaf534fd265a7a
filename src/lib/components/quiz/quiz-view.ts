/** Small display helpers of the quiz pages (no state). */
import type { Response } from '$lib/domain/quiz/types';

/** Options are labelled by their position on screen (A, B, C …), whatever their key in the bank. */
export const displayLetter = (index: number) => String.fromCharCode(65 + index);

/** hh:mm:ss or mm:ss for a remaining time in ms, rounded up to the second. */
export function formatClock(ms: number): string {
	const total = Math.max(0, Math.ceil(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
	return h > 0 ? `${h}:${mmss}` : mmss;
}

export function isAnswered(r: Response | null): boolean {
	if (r === null) return false;
	if (r.kind === 'multiple') return r.keys.length > 0;
	if (r.kind === 'fill' || r.kind === 'citation') return r.text.trim() !== '';
	return true;
}

/** A response in the letters the learner saw (keys mapped through the shown order). */
export function responseInLetters(r: Response | null, shownKeys: readonly string[]): string {
	if (r === null) return '（未作答）';
	const letter = (k: string) => {
		const i = shownKeys.indexOf(k);
		return i >= 0 ? displayLetter(i) : k;
	};
	switch (r.kind) {
		case 'single':
			return letter(r.key);
		case 'multiple':
			return r.keys.length ? r.keys.map(letter).sort().join('') : '（未作答）';
		case 'truefalse':
			return r.value ? '正确' : '错误';
		default:
			return r.text.trim() || '（未作答）';
	}
}
