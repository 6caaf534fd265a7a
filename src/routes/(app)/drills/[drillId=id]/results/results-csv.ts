/** The 成绩 table as CSV for Excel: UTF-8 with a BOM (else Excel shows Chinese as mojibake), CRLF rows. */

export interface CsvTeam {
	rank: number;
	name: string;
	total: number;
	stages: { stageId: number; title: string; score: number }[];
}

/**
 * A cell, quoted when it holds a comma, quote or line break. Text starting with = + - @ is prefixed
 * with ' so a team named "=HYPERLINK(…)" stays text when the file is opened in a spreadsheet.
 */
export function csvCell(value: string | number): string {
	if (typeof value === 'number') return String(value);
	const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Columns 名次, 队伍, one per stage (its score), 总分; teams in the order given (by rank). */
export function resultsCsv(stages: readonly { stageId: number; title: string }[], teams: readonly CsvTeam[]): string {
	const rows: (string | number)[][] = [['名次', '队伍', ...stages.map((s) => s.title), '总分']];
	for (const t of teams) {
		const scores = stages.map((s) => t.stages.find((x) => x.stageId === s.stageId)?.score ?? 0);
		rows.push([t.rank, t.name, ...scores, t.total]);
	}
	return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
