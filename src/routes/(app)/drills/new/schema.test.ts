import { describe, expect, it } from 'vitest';
import { parseDrillForm } from './schema';

function form(over: Record<string, string | string[] | null> = {}) {
	const fields: Record<string, string | string[] | null> = {
		title: ' 2026 年执法比武 ',
		organizer: '上饶市应急管理局',
		venue: '会议中心',
		startDate: '2026-11-29',
		endDate: '2026-11-30',
		scenarioVersionId: '3',
		hazardInclude: 'on',
		hazardTitle: '现场检查',
		hazardWeight: '70',
		hazardMinutes: '60',
		procedureInclude: 'on',
		procedureTitle: '执法程序',
		procedureWeight: '30',
		procedureMinutes: '30',
		team0Name: '甲队',
		team0Members: ['11', '12'],
		team1Name: '',
		team2Name: '乙队',
		team2Members: ['13'],
		judgeIds: ['21', '22'],
		chiefJudgeId: '',
		...over
	};
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields)) {
		if (v === null) continue;
		for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x);
	}
	return fd;
}

describe('parseDrillForm', () => {
	it('turns a complete form into the drill input, skipping empty team rows', () => {
		expect(parseDrillForm(form())).toEqual({
			ok: true,
			data: {
				title: '2026 年执法比武',
				organizer: '上饶市应急管理局',
				venue: '会议中心',
				startDate: '2026-11-29',
				endDate: '2026-11-30',
				scenarioVersionId: 3,
				stages: [
					{ kind: 'hazard', title: '现场检查', weight: 70, durationMinutes: 60 },
					{ kind: 'procedure', title: '执法程序', weight: 30, durationMinutes: 30 }
				],
				teams: [
					{ name: '甲队', unitId: null, memberIds: [11, 12] },
					{ name: '乙队', unitId: null, memberIds: [13] }
				],
				judgeIds: [21, 22]
			}
		});
	});

	it('puts the chosen chief judge first', () => {
		const r = parseDrillForm(form({ chiefJudgeId: '22' }));
		expect(r.ok && r.data.judgeIds).toEqual([22, 21]);
	});

	it('ignores the fields of a stage that is not included', () => {
		const r = parseDrillForm(form({ procedureInclude: null, procedureWeight: 'x', hazardWeight: '100' }));
		expect(r.ok && r.data.stages.map((s) => s.kind)).toEqual(['hazard']);
	});

	it.each([
		['title', { title: '  ' }, '请填写活动名称'],
		['startDate', { startDate: '2026-02-30' }, '开始日期不是有效的日期'],
		['endDate', { endDate: '2026-11-28' }, '结束日期不能早于开始日期'],
		['scenarioVersionId', { scenarioVersionId: '' }, '请选择场景版本'],
		['weights', { hazardWeight: '60' }, '各阶段权重之和必须等于 100（当前为 90）'],
		['hazardWeight', { hazardWeight: '0' }, '权重应在 1–100 之间'],
		['procedureMinutes', { procedureMinutes: '' }, '请填写时长'],
		['stages', { hazardInclude: null, procedureInclude: null }, '请至少选择一个比赛阶段'],
		['team1Name', { team1Members: ['14'] }, '请填写第 2 队的队伍名称'],
		['team0Members', { team0Members: [] }, '请为该队选择至少一名队员'],
		['team2Name', { team2Name: '甲队' }, '队伍名称“甲队”与前面的队伍重复'],
		['team2Members', { team2Members: ['12'] }, '有队员已在第 1 队，同一名执法队员不能同时在两支队伍中'],
		['teams', { team0Name: '', team0Members: [], team2Name: '', team2Members: [] }, '请至少添加一支参赛队伍（填写队伍名称并选择队员）'],
		['chiefJudgeId', { chiefJudgeId: '23' }, '主评委必须是勾选的评委之一']
	])('reports %s', (field, over, message) => {
		const r = parseDrillForm(form(over));
		expect(r.ok ? null : r.errors[field]).toBe(message);
	});

	it('reports every problem at once and echoes what was posted', () => {
		const r = parseDrillForm(form({ title: '', hazardWeight: '60', team0Members: ['11', '99'], team2Members: ['99'] }));
		if (r.ok) throw new Error('expected errors');
		expect(Object.keys(r.errors).sort()).toEqual(['team2Members', 'title', 'weights']);
		expect(r.values).toMatchObject({ venue: '会议中心', hazardWeight: '60', team0Members: ['11', '99'], judgeIds: ['21', '22'], hazardInclude: 'on' });
	});
});
