import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/guard';
import { maskIdNumber } from '$lib/domain/training/id-number';
import {
	pageOf,
	parseDashboardQuery,
	regionOptions,
	searchEnterprises,
	searchShort,
	statsYears,
	trainingStats,
	yearlyRequirementsText
} from '$lib/server/training/stats';

const PAGE_SIZE = 20;

/** 培训统计: the year's figures for trainers and admins. Only the rows of the current pages leave the server. */
export const load: PageServerLoad = ({ url }) => {
	const user = requireRole('trainer', 'admin');
	const db = getDb();
	const now = Date.now();
	const query = parseDashboardQuery(url.searchParams, now);
	const regions = regionOptions(db);
	// An unknown region is no filter rather than an empty page.
	const region = regions.find((r) => r.id === query.regionUnitId) ?? null;
	const filter = { ...query, regionUnitId: region?.id ?? null };
	const stats = trainingStats(db, filter, now);
	const enterprises = pageOf(searchEnterprises(stats.enterprises, filter.eq), filter.epage, PAGE_SIZE);
	const short = pageOf(searchShort(stats.shortLearners, filter.q), filter.spage, PAGE_SIZE);
	return {
		filter,
		regionName: region?.name ?? null,
		years: statsYears(db, now),
		regions,
		isAdmin: user.roles.includes('admin'),
		requirements: yearlyRequirementsText(),
		totals: stats.totals,
		byMonth: stats.byMonth,
		byRegion: stats.byRegion,
		byCategory: stats.byCategory,
		enterprises,
		// On the page the ID number is masked for everyone, admins included; the full number only goes out in an audited export.
		short: {
			...short,
			rows: short.rows.map((r) => ({
				traineeId: r.traineeId,
				name: r.name,
				idNumber: r.idNumber === null ? null : maskIdNumber(r.idNumber),
				enterpriseName: r.enterpriseName,
				category: r.category,
				highRisk: r.highRisk,
				required: r.required,
				done: r.done,
				short: r.short
			}))
		}
	};
};
