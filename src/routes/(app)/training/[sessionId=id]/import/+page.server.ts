import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import {
	MAX_UPLOAD_BYTES,
	canCreateEnterprises,
	checkRoster,
	discardUpload,
	importRoster,
	readRosterFile,
	rosterPreview,
	rosterSession,
	seatsFree,
	setImportProgress,
	stashUpload,
	takeUpload
} from '$lib/server/training/roster-import';
import { rosterProblemMessage } from '$lib/i18n/zh';

const OPEN = ['planned', 'enrolling', 'running'];

function sessionOf(params: { sessionId: string }) {
	const session = rosterSession(getDb(), Number(params.sessionId));
	if (!session) error(404, '未找到该期培训');
	return session;
}

/** The form of a multipart post, or null when the body is not one (a client sending garbage gets a 400, not a 500). */
async function formOf(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

export const load: PageServerLoad = ({ params }) => {
	requireRole('trainer', 'admin');
	const session = sessionOf(params);
	return {
		session: {
			id: session.id,
			title: session.title,
			capacity: session.capacity,
			regionName: session.regionName,
			isOpen: OPEN.includes(session.status),
			canCreateEnterprises: canCreateEnterprises(session)
		},
		seatsFree: seatsFree(getDb(), session),
		maxBytes: MAX_UPLOAD_BYTES
	};
};

export const actions: Actions = {
	/** 上传并检查: read and check the file, keep it for the import step, show every problem. Writes nothing. */
	check: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const session = sessionOf(params);
		const form = await formOf(request);
		const file = form?.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { fileError: rosterProblemMessage(file instanceof File ? 'upload.empty' : 'upload.missing') });
		if (file.size > MAX_UPLOAD_BYTES) return fail(400, { fileError: rosterProblemMessage('upload.too_large', { max: MAX_UPLOAD_BYTES / 1024 / 1024 }) });
		const previous = form?.get('token');
		if (typeof previous === 'string') await discardUpload(previous);
		const bytes = new Uint8Array(await file.arrayBuffer());
		const read = await readRosterFile(bytes, file.name);
		if (!read.ok) return fail(400, { fileError: read.message, fileName: file.name });
		const db = getDb();
		const validation = checkRoster(db, session, read.rows);
		const preview = rosterPreview(validation, { admin: user.roles.includes('admin'), seatsFree: seatsFree(db, session) });
		// A file that cannot be imported whatever is skipped (no header, too many rows) is not kept.
		const token = preview.fileLevel ? null : await stashUpload(bytes, { fileName: file.name, userId: user.id, sessionId: session.id });
		return { fileName: file.name, token, preview, skipRows: [] as number[], confirmed: [] as string[] };
	},

	/** 导入: the kept file, read again and checked again with the trainer's choices, then written in one transaction. */
	import: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const session = sessionOf(params);
		const form = await formOf(request);
		const token = String(form?.get('token') ?? '');
		const skipRows = (form?.getAll('skip') ?? []).map(String).filter((s) => /^[1-9]\d{0,6}$/.test(s)).map(Number);
		const confirmed = (form?.getAll('confirm') ?? []).map(String).filter((s) => s.length > 0 && s.length <= 200);
		const upload = await takeUpload(token, user.id, session.id);
		if (!upload) return fail(410, { fileError: rosterProblemMessage('upload.expired') });
		setImportProgress(token, user.id, 'reading');
		const read = await readRosterFile(upload.bytes, upload.fileName);
		if (!read.ok) {
			setImportProgress(token, user.id, 'failed');
			await discardUpload(token);
			return fail(400, { fileError: read.message, fileName: upload.fileName });
		}
		setImportProgress(token, user.id, 'importing', read.rows.length);
		const db = getDb();
		const result = importRoster(db, user.id, session.id, read.rows, {
			createEnterprisesUnder: canCreateEnterprises(session) ? session.regionUnitId : null,
			skipRows,
			confirmedEnterprises: confirmed,
			fileName: upload.fileName
		});
		if (!result.ok) {
			setImportProgress(token, user.id, 'failed');
			if (result.code !== 'import.has_problems') return fail(409, { fileError: result.message });
			// Shown again as after 检查 (skipped rows and confirmed enterprises still listed, with the trainer's ticks kept).
			const preview = rosterPreview(checkRoster(db, session, read.rows), { admin: user.roles.includes('admin'), seatsFree: seatsFree(db, session) });
			return fail(422, { fileName: upload.fileName, token, preview, skipRows, confirmed, importError: result.message });
		}
		setImportProgress(token, user.id, 'done', result.counts.rows);
		await discardUpload(token);
		return { fileName: upload.fileName, imported: result.counts };
	}
};
