import type { ScenarioContent } from './types';

/** A small but complete scenario for tests: one hazard of each class and a decoy. */
export function fixtureScenario(): ScenarioContent {
	return {
		schemaVersion: 1,
		title: '测试场景',
		summary: '用于测试',
		enterprise: {
			name: '测试机械有限公司',
			sector: 'machinery',
			address: '测试路 1 号',
			legalRepresentative: '张三',
			principal: '李四',
			staffCount: 80,
			processes: '抛光',
			description: '一家测试企业'
		},
		areas: [
			{
				key: 'polish',
				name: '抛光车间',
				kind: 'site',
				description: '铝合金抛光',
				image: null,
				items: [
					{
						key: 'duct',
						title: '除尘器',
						observation: '干式除尘器，未见泄爆口',
						photo: null,
						hotspot: { x: 20, y: 30 },
						answer: {
							kind: 'hazard',
							classification: 'major',
							majorCriterion: '《工贸企业重大事故隐患判定标准》第十一条第（三）项',
							category: 'dust',
							violated: ['《安全生产法》第三十六条第一款'],
							penalty: ['《安全生产法》第九十九条第（二）项'],
							measures: ['stop_using_equipment'],
							deadlineDays: null,
							points: 10,
							explanation: 'SECRET-EXPLANATION-MAJOR'
						}
					},
					{
						key: 'sign',
						title: '警示标志',
						observation: '车间入口',
						photo: null,
						hotspot: { x: 60, y: 40 },
						answer: {
							kind: 'hazard',
							classification: 'general',
							majorCriterion: null,
							category: 'management',
							violated: ['《安全生产法》第三十五条'],
							penalty: ['《安全生产法》第九十九条第（一）项'],
							measures: ['rectify_within_deadline'],
							deadlineDays: { min: 3, max: 7 },
							points: 4,
							explanation: 'SECRET-EXPLANATION-GENERAL'
						}
					},
					{
						key: 'extinguisher',
						title: '灭火器',
						observation: '压力正常',
						photo: null,
						hotspot: { x: 80, y: 70 },
						answer: { kind: 'decoy', explanation: 'SECRET-DECOY-WHY' }
					}
				]
			}
		],
		procedure: {
			steps: [
				{ key: 's1', text: '两名执法人员出示证件' },
				{ key: 's2', text: '现场检查' }
			],
			distractors: [{ key: 'x1', text: '一名执法人员单独检查', explanation: 'SECRET-DISTRACTOR-WHY' }],
			points: 10
		},
		questions: [
			{
				key: 'q1',
				situation: '负责人拒绝签字',
				options: [
					{ key: 'a', text: '记录在案并报告' },
					{ key: 'b', text: '放弃检查' }
				],
				correct: ['a'],
				explanation: 'SECRET-QUESTION-WHY',
				points: 5
			}
		],
		documents: [{ key: 'd1', type: 'inspection_record', facts: ['SECRET-FACT'], points: 10 }]
	};
}
