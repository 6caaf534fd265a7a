import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { verifyCertificate } from '$lib/server/training/certificates';
import { parseCertificateNumber } from '$lib/domain/training/certificate-number';

const MAX_INPUT = 64;

/**
 * Public check of a 培训合格证明 (no login: /verify is a public path). The number is read as typed and the
 * page moves to its canonical form; a malformed or mistyped number gets its own message, never a 500.
 * Only what verifyCertificate gives out is shown: a masked name, the session, hours and dates.
 */
export const load: PageServerLoad = ({ params }) => {
	const input = params.number.slice(0, MAX_INPUT);
	const parsed = params.number.length > MAX_INPUT ? null : parseCertificateNumber(input);
	if (!parsed || !parsed.ok) return { input, problem: parsed ? parsed.error.code : ('cert.format' as const), result: null };
	if (parsed.value.number !== params.number) redirect(303, `/verify/${parsed.value.number}`);
	return { input, problem: null, result: verifyCertificate(getDb(), parsed.value.number) };
};

export const actions: Actions = {
	/** The box for checking another number. */
	default: async ({ request }) => {
		const number = String((await request.formData()).get('number') ?? '').trim();
		if (!number) return fail(400, { error: '请输入证书编号' });
		redirect(303, `/verify/${encodeURIComponent(number.slice(0, MAX_INPUT))}`);
	}
};
