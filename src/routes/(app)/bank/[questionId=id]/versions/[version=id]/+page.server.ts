import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { renderMarkdown } from '$lib/server/markdown';
import { getQuestion, getRevision } from '$lib/server/quiz/bank';
import { answerToText } from '$lib/domain/quiz/validate';

/** An earlier version of a question, read-only, as it was saved. */
export const load: PageServerLoad = ({ params }) => {
	requireRole('trainer', 'admin');
	const db = getDb();
	const id = Number(params.questionId);
	const current = getQuestion(db, id);
	if (!current) error(404, '未找到该试题，可能已被删除');
	const version = Number(params.version);
	if (version === current.version) redirect(303, `/bank/${id}`);
	const old = getRevision(db, id, version);
	if (!old) error(404, `试题 ${id} 没有第 ${version} 版`);
	const info = current.versions.find((v) => v.version === version);
	return {
		questionId: id,
		currentVersion: current.version,
		version,
		author: info?.author ?? null,
		at: info?.at ?? null,
		categoryPath: old.categoryPath.join(' / '),
		status: old.status,
		tags: old.tags,
		preview: {
			type: old.type,
			difficulty: old.difficulty,
			options: old.options,
			answerText: answerToText(old.answer),
			stemHtml: renderMarkdown(old.stem),
			explanationHtml: renderMarkdown(old.explanation),
			provisionsHtml: renderMarkdown(old.provisions)
		},
		multipleScoring: old.type === 'multiple' ? old.multipleScoring : null
	};
};
