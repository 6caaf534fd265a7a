import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePortableScenario, portableScenarioSchema } from './portable-schema';
import { fixtureScenario } from './test-fixture';

const file = (mutate: (f: Record<string, any>) => void = () => {}) => {
	const f: Record<string, any> = { format: 'scenario/1', content: fixtureScenario(), images: [] };
	mutate(f);
	return f;
};

describe('parsePortableScenario', () => {
	it('accepts a good file', () => expect(parsePortableScenario(file()).ok).toBe(true));

	const cases: { name: string; mutate: (f: Record<string, any>) => void; problems: [string, string][] }[] = [
		{ name: 'wrong format', mutate: (f) => (f.format = 'scenario/9'), problems: [['$.format', '取值无效，应为 "scenario/1" 之一']] },
		{ name: 'missing title', mutate: (f) => delete f.content.title, problems: [['$.content.title', '缺少此字段']] },
		{
			name: 'several problems at once, each with its path',
			mutate: (f) => {
				f.content.areas[0].items[1].title = '';
				f.content.areas[0].items[0].answer.points = -1;
				f.content.areas[0].items[2].answer.kind = 'maybe';
				f.content.enterprise.sector = 'mining';
			},
			problems: [
				['$.content.enterprise.sector', '取值无效，应为 "metallurgy" / "nonferrous" / "building_materials" / "machinery" / "light_industry" / "textile" / "tobacco" / "commerce" 之一'],
				['$.content.areas[0].items[0].answer.points', '分值不能为负'],
				['$.content.areas[0].items[1].title', '不能为空'],
				['$.content.areas[0].items[2].answer.kind', '内容不符合任何一种允许的格式（检查 kind 字段）']
			]
		},
		{ name: 'unknown field', mutate: (f) => (f.content.areas[0].secret = 1), problems: [['$.content.areas[0]', '有不认识的字段：secret']] },
		{
			name: 'duplicate item keys',
			mutate: (f) => (f.content.areas[0].items[1].key = 'duct'),
			problems: [['$.content.areas[0].items[1].key', '检查点标识“duct”重复']]
		},
		{
			name: 'correct option that does not exist',
			mutate: (f) => (f.content.questions[0].correct = ['z']),
			problems: [['$.content.questions[0].correct[0]', '正确选项“z”不在选项中']]
		},
		{
			name: 'picture referenced but not embedded',
			mutate: (f) => (f.content.areas[0].image = { id: 'abcdefabcdef0001' }),
			problems: [['$.content.areas[0].image', '文件中没有编号为 abcdefabcdef0001 的图片']]
		},
		{
			name: 'hotspot outside the picture, bad deadline range',
			mutate: (f) => {
				f.content.areas[0].items[0].hotspot = { x: 120, y: 5 };
				f.content.areas[0].items[1].answer.deadlineDays = { min: 9, max: 3 };
			},
			problems: [
				['$.content.areas[0].items[0].hotspot.x', '不能大于 100'],
				['$.content.areas[0].items[1].answer.deadlineDays', '整改期限的最短天数不能大于最长天数']
			]
		}
	];
	for (const c of cases) {
		it(c.name, () => {
			const r = parsePortableScenario(file(c.mutate));
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.problems.map((p) => [p.path, p.message])).toEqual(c.problems);
		});
	}
});

describe('the published JSON Schema', () => {
	it('is the one generated from the zod schema (run `npm run scenario -- schema` after changing it)', () => {
		const committed = JSON.parse(readFileSync('static/schemas/scenario-1.schema.json', 'utf8'));
		expect(committed).toEqual(JSON.parse(JSON.stringify(z.toJSONSchema(portableScenarioSchema, { io: 'input' }))));
	});
});
