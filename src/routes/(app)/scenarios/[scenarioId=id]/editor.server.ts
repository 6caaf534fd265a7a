import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getScenario, updateDraft } from '$lib/server/scenario/scenarios';
import { errorText } from '$lib/i18n/zh';
import { ok, type Result } from '$lib/domain/result';
import type { ScenarioContent } from '$lib/domain/scenario/types';
import type { SessionUser } from '$lib/server/auth/session';
import type { Tx } from '$lib/server/audit';

/** Shared by every page of the scenario editor: guard, load, save. */

export type Edit = (c: ScenarioContent) => Result<ScenarioContent, string>;

/** Codes raised by this editor's own edits (the domain's are in i18n/zh `errors`). */
const LOCAL_ERRORS: Record<string, string> = {
	'scenario.step_not_found': '未找到该步骤（可能已被删除），请刷新页面后重试'
};

/** The scenario with its draft, or the 404 page. */
export function loadScenario(params: { scenarioId: string }) {
	const s = getScenario(getDb(), Number(params.scenarioId));
	if (!s) error(404, '未找到该场景');
	return s;
}

/** Applies edits in order, stopping at the first refusal, so a form's changes are saved together or not at all. */
export function chain(...edits: Edit[]): Edit {
	return (c) => {
		let cur: Result<ScenarioContent, string> = ok(c);
		for (const edit of edits) {
			if (!cur.ok) return cur;
			cur = edit(cur.value);
		}
		return cur;
	};
}

/**
 * Saves an edit of the draft through the use-case (schema-checked, audited). A refusal comes back as a
 * Chinese message for `fail(422, …)`; a scenario that has gone away is the 404 page.
 */
export function saveDraft(
	user: SessionUser,
	params: { scenarioId: string },
	action: string,
	edit: Edit,
	alsoWrite?: (tx: Tx) => void
): { ok: true; content: ScenarioContent } | { ok: false; message: string } {
	const r = updateDraft(getDb(), user.id, Number(params.scenarioId), action, edit, alsoWrite);
	if (r.ok) return { ok: true, content: r.value };
	if (r.error.code === 'scenario.not_found') error(404, '未找到该场景');
	const base = LOCAL_ERRORS[r.error.code] ?? errorText(r.error);
	const details = (r.problems ?? []).slice(0, 5).map((p) => `${p.path}：${p.message}`);
	return { ok: false, message: details.length ? `${base}（${details.join('；')}）` : base };
}

/**
 * The submitted text values, to put back into the form after a refusal. Unlike forms.ts `echoValues`
 * nothing is cut short: these forms hold long markdown, and a truncated echo would replace what was typed.
 */
export function echoForm(formData: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of formData) if (typeof value === 'string') values[key] = value.slice(0, 20_000);
	return values;
}
