import { describe, expect, it } from 'vitest';
import { csvCell, resultsCsv } from './results-csv';

describe('csvCell', () => {
	it.each([
		['甲队', '甲队'],
		['甲,乙', '"甲,乙"'],
		['说"好"', '"说""好"""'],
		['两\n行', '"两\n行"'],
		['=1+1', "'=1+1"],
		['-2', "'-2"],
		[12.5, '12.5']
	])('%s → %s', (value, cell) => {
		expect(csvCell(value)).toBe(cell);
	});
});

describe('resultsCsv', () => {
	it('starts with a BOM, has one column per stage and rows in the given order', () => {
		const stages = [
			{ stageId: 1, title: '现场检查' },
			{ stageId: 2, title: '执法程序' }
		];
		const csv = resultsCsv(stages, [
			{ rank: 1, name: '甲队', total: 50, stages: [{ stageId: 1, title: '现场检查', score: 10 }, { stageId: 2, title: '执法程序', score: 0 }] },
			{ rank: 2, name: '乙,队', total: 0, stages: [{ stageId: 1, title: '现场检查', score: 0 }] }
		]);
		expect(csv).toBe('\uFEFF名次,队伍,现场检查,执法程序,总分\r\n1,甲队,10,0,50\r\n2,"乙,队",0,0,0\r\n');
	});
});
