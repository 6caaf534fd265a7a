import { error, fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm, requiredText } from '$lib/server/forms';
import { CERTIFICATE_VALIDITY_YEARS, revokeCertificate, sessionCertificates } from '$lib/server/training/certificates';
import { errorText } from '$lib/i18n/zh';

const revokeSchema = z.object({ number: requiredText('证书编号', 40), reason: requiredText('撤销原因', 200) });

/** A session's certificates: the list to revoke from, and the valid ones as A4 pages with a QR code to the public check. */
export const load: PageServerLoad = async ({ params, url }) => {
	requireRole('trainer', 'admin');
	const found = sessionCertificates(getDb(), Number(params.sessionId));
	if (!found) error(404, '未找到该期培训');
	const certificates = await Promise.all(
		found.certificates.map(async (c) => {
			const verifyUrl = `${url.origin}/verify/${c.number}`;
			const qr = c.revokedAt === null ? await QRCode.toString(verifyUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 }) : null;
			return {
				number: c.number,
				name: c.name,
				idNumber: c.idNumber,
				enterpriseName: c.enterpriseName,
				hours: c.hours,
				issuedDate: c.issuedDate,
				validUntil: c.validUntil,
				revokedDate: c.revokedDate,
				revokedReason: c.revokedReason,
				verifyUrl,
				qr
			};
		})
	);
	return { session: found.session, certificates, validityYears: CERTIFICATE_VALIDITY_YEARS };
};

export const actions: Actions = {
	revoke: async ({ request, params }) => {
		const user = requireRole('trainer', 'admin');
		const input = parseForm(revokeSchema, await request.formData());
		if (!input.ok) return fail(400, { ok: null, error: input.errors.reason ?? input.errors.number ?? '请填写撤销原因' });
		const db = getDb();
		const found = sessionCertificates(db, Number(params.sessionId));
		if (!found) error(404, '未找到该期培训');
		if (!found.certificates.some((c) => c.number === input.data.number)) return fail(404, { ok: null, error: errorText({ code: 'certificate.not_found' }) });
		const r = revokeCertificate(db, user.id, input.data.number, input.data.reason);
		if (!r.ok) return fail(409, { ok: null, error: errorText(r.error) });
		return { ok: `证书 ${r.value.number} 已撤销，公开核验页面将显示“该证书已被撤销”`, error: null };
	}
};
