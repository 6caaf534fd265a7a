import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { renderMarkdown } from '$lib/server/markdown';
import { createCitationLinker } from '$lib/server/law/citation-linker';
import { articleIndex, importedLaws } from '$lib/server/law/library';
import { formatCitation, parseCitations } from '$lib/domain/law/citation';
import { validateCitation } from '$lib/domain/law/validate';

const schema = z.object({
	text: z.string({ error: '请输入要检查的文字' }).trim().min(1, '请输入要检查的文字').max(20_000, '文字不能超过 20000 个字符')
});

export const load: PageServerLoad = () => {
	requireUser();
	return {};
};

export const actions: Actions = {
	default: async ({ request }) => {
		requireUser();
		const input = parseForm(schema, await request.formData());
		if (!input.ok) return fail(400, { text: input.values.text ?? '', errors: input.errors });
		const db = getDb();
		const library = {
			articles: articleIndex(db),
			complete: new Map(importedLaws(db).map((r) => [r.lawId, r.complete]))
		};
		const citations = parseCitations(input.data.text).map((c) => ({
			source: input.data.text.slice(c.start, c.end),
			canonical: formatCitation(c),
			lawId: c.lawId,
			lawName: c.lawName,
			article: c.article,
			check: validateCitation(c, library)
		}));
		return {
			text: input.data.text,
			errors: {} as Record<string, string>,
			html: renderMarkdown(input.data.text, { linkCitations: createCitationLinker(db) }),
			citations
		};
	}
};
