import { z } from 'zod';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { importedLaws } from '$lib/server/law/library';
import { LAW_CATALOG, LAW_KINDS, LAW_STATUSES } from '$lib/domain/law/catalog';

const filterSchema = z.object({
	kind: z.enum(LAW_KINDS).nullable().catch(null),
	status: z.enum(LAW_STATUSES).nullable().catch(null)
});

export const load: PageServerLoad = ({ url }) => {
	requireUser();
	const filter = filterSchema.parse({ kind: url.searchParams.get('kind') || null, status: url.searchParams.get('status') || null });
	const imported = new Map(importedLaws(getDb()).map((r) => [r.lawId, r]));
	const laws = LAW_CATALOG.filter((l) => (!filter.kind || l.kind === filter.kind) && (!filter.status || l.status === filter.status)).map(
		(l) => {
			const imp = imported.get(l.id);
			return {
				id: l.id,
				title: l.title,
				edition: l.edition ?? null,
				kind: l.kind,
				issuer: l.issuer,
				docNumber: l.docNumber ?? null,
				effective: l.effective,
				status: l.status,
				verified: l.verified,
				articleCount: imp?.articleCount ?? 0,
				complete: imp?.complete ?? false
			};
		}
	);
	return { filter, laws, total: LAW_CATALOG.length };
};
