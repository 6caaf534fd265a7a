/** Dates as written on certificates and official documents: 2026年11月29日, no leading zeros. */

/**
 * `2026-11-29` → `2026年11月29日`. Anything that is not a real calendar date in that form (2026-02-30,
 * 2026/11/29, empty) comes back unchanged, so a bad stored value shows as it is rather than as nonsense.
 */
export function chineseDate(isoDate: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	if (!m) return isoDate;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const d = new Date(Date.UTC(year, month - 1, day));
	// Date rolls 2026-02-30 over to March; a real date survives the round trip unchanged.
	if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return isoDate;
	return `${year}年${month}月${day}日`;
}
