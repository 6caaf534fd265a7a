/** Status words of the trainer's drill pages (the schema's status codes are English). */
export const drillStatusLabels = { setup: '准备中', running: '进行中', ended: '已结束' } as const;
export const stageStatusLabels = { pending: '未开始', open: '进行中', closed: '已结束' } as const;

export type DrillStatus = keyof typeof drillStatusLabels;
export type StageStatus = keyof typeof stageStatusLabels;

/** 1:05:09 or 05:09: what is left on a clock, never negative. */
export function formatRemaining(ms: number): string {
	const total = Math.max(0, Math.ceil(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const mm = String(m).padStart(2, '0');
	const ss = String(s).padStart(2, '0');
	return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Points as shown: at most 2 decimals, no trailing zeros (12.5, 40, 3.33). */
export const formatPoints = (n: number) => String(Math.round(n * 100) / 100);
