import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { importedLaws, lawArticles } from '$lib/server/law/library';
import { getLaw } from '$lib/domain/law/catalog';
import { ARTICLE_SUMMARIES } from '$lib/domain/law/summaries';
import { toChineseNumber } from '$lib/domain/law/cn-numerals';

export const load: PageServerLoad = ({ params }) => {
	requireUser();
	const law = getLaw(params.lawId);
	if (!law) error(404, '法规库中没有这部法规');
	const db = getDb();
	const imported = importedLaws(db).find((r) => r.lawId === law.id) ?? null;
	const summaries = ARTICLE_SUMMARIES[law.id] ?? {};
	const texts = lawArticles(db, law.id);
	const numbers = new Set([...texts.map((a) => a.number), ...Object.keys(summaries).map(Number)]);
	const byNumber = new Map(texts.map((a) => [a.number, a]));
	const articles = [...numbers]
		.sort((a, b) => a - b)
		.map((n) => {
			const a = byNumber.get(n);
			return {
				number: n,
				label: `第${toChineseNumber(n)}条`,
				chapter: a?.chapter ?? null,
				paragraphs: a ? a.text.split('\n').filter((p) => p.trim()) : [],
				summary: summaries[n] ?? null,
				verification: a?.verification ?? null,
				note: a?.note ?? null
			};
		});
	const successor = law.supersededBy ? getLaw(law.supersededBy) : undefined;
	return {
		law: {
			id: law.id,
			title: law.title,
			edition: law.edition ?? null,
			kind: law.kind,
			issuer: law.issuer,
			docNumber: law.docNumber ?? null,
			effective: law.effective,
			status: law.status,
			verified: law.verified,
			note: law.note ?? null
		},
		successor: successor ? { id: successor.id, title: successor.title, edition: successor.edition ?? null } : null,
		imported: imported && { complete: imported.complete, articleCount: imported.articleCount, edition: imported.edition, importedAt: imported.importedAt },
		articles
	};
};
