import { z } from 'zod';
import { SECTORS } from '../roles';
import {
	AREA_KINDS,
	DOCUMENT_TYPES,
	HAZARD_CATEGORIES,
	MEASURES,
	SCENARIO_SCHEMA_VERSION,
	type ScenarioContent
} from './types';

/**
 * The portable scenario file, format `scenario/1`: the content plus every picture it uses, embedded.
 * The JSON Schema published in static/schemas/scenario-1.schema.json is generated from this (a test keeps
 * them equal), so this file is the single definition of the format.
 */
export const PORTABLE_FORMAT = 'scenario/1';
export const IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const key = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '标识只能由 1–40 位字母、数字、横线或下划线组成');
const text = (max: number) => z.string().max(max, `不能超过 ${max} 个字符`);
const required = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);
const markdown = text(20_000);
const num = (min: number, max: number) => z.number().min(min, `不能小于 ${min}`).max(max, `不能大于 ${max}`);
const int = (min: number, max: number) => z.number().int('应为整数').min(min, `不能小于 ${min}`).max(max, `不能大于 ${max}`);
const imageRef = z.object({ id: z.string().regex(/^[a-z0-9]{16,64}$/, '图片标识格式不正确') }).strict();
const points = z.number().int('分值应为整数').min(0, '分值不能为负').max(1000, '分值不能超过 1000');

const hazardKey = z
	.object({
		kind: z.literal('hazard'),
		classification: z.enum(['general', 'major']),
		majorCriterion: text(200).nullable(),
		category: z.enum(HAZARD_CATEGORIES),
		violated: z.array(required(300)).max(20),
		penalty: z.array(required(300)).max(20),
		measures: z.array(z.enum(MEASURES)).max(MEASURES.length),
		deadlineDays: z
			.object({ min: int(0, 365), max: int(0, 365) })
			.strict()
			.refine((d) => d.min <= d.max, { message: '整改期限的最短天数不能大于最长天数' })
			.nullable(),
		points,
		explanation: markdown
	})
	.strict();

const decoyKey = z.object({ kind: z.literal('decoy'), explanation: markdown }).strict();

const item = z
	.object({
		key,
		title: required(100),
		observation: markdown,
		photo: imageRef.nullable(),
		hotspot: z
			.object({ x: num(0, 100), y: num(0, 100) })
			.strict()
			.nullable(),
		answer: z.discriminatedUnion('kind', [hazardKey, decoyKey])
	})
	.strict();

const area = z
	.object({
		key,
		name: required(60),
		kind: z.enum(AREA_KINDS),
		description: markdown,
		image: imageRef.nullable(),
		items: z.array(item).max(200)
	})
	.strict();

export const scenarioContentSchema = z
	.object({
		schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
		title: required(100),
		summary: markdown,
		enterprise: z
			.object({
				name: text(100),
				sector: z.enum(SECTORS),
				address: text(200),
				legalRepresentative: text(32),
				principal: text(32),
				staffCount: int(0, 1_000_000),
				processes: markdown,
				description: markdown
			})
			.strict(),
		areas: z.array(area).max(50),
		procedure: z
			.object({
				steps: z.array(z.object({ key, text: required(200) }).strict()).max(40),
				distractors: z.array(z.object({ key, text: required(200), explanation: markdown }).strict()).max(40),
				points
			})
			.strict(),
		questions: z
			.array(
				z
					.object({
						key,
						situation: required(5_000),
						options: z.array(z.object({ key, text: required(500) }).strict()).min(2, '至少需要两个选项').max(10),
						correct: z.array(key).min(1, '至少需要一个正确选项'),
						explanation: markdown,
						points
					})
					.strict()
			)
			.max(50),
		documents: z
			.array(z.object({ key, type: z.enum(DOCUMENT_TYPES), facts: z.array(required(300)).max(50), points }).strict())
			.max(20)
	})
	.strict()
	// Cross-references run even when other fields are wrong, so one import reports every problem;
	// the value may then be malformed, hence the defensive reading.
	.superRefine((raw, ctx) => crossCheckContent(raw, ctx, []), { when: () => true } as never);

type Ctx = { addIssue: (issue: { code: 'custom'; path: (string | number)[]; message: string }) => void };
const arr = (v: unknown): Record<string, unknown>[] =>
	Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : [];
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

function crossCheckContent(raw: unknown, ctx: Ctx, base: (string | number)[]): void {
	const c = obj(raw);
	const dup = (list: Record<string, unknown>[], path: (string | number)[], what = '标识') => {
		const seen = new Set<unknown>();
		list.forEach((x, i) => {
			if (typeof x.key !== 'string') return;
			if (seen.has(x.key)) ctx.addIssue({ code: 'custom', path: [...base, ...path, i, 'key'], message: `${what}“${x.key}”重复` });
			seen.add(x.key);
		});
	};
	const areas = arr(c.areas);
	dup(areas, ['areas']);
	const seenItems = new Set<unknown>();
	areas.forEach((a, ai) =>
		arr(a.items).forEach((it, ii) => {
			if (typeof it.key !== 'string') return;
			if (seenItems.has(it.key)) ctx.addIssue({ code: 'custom', path: [...base, 'areas', ai, 'items', ii, 'key'], message: `检查点标识“${it.key}”重复` });
			seenItems.add(it.key);
		})
	);
	const procedure = obj(c.procedure);
	dup([...arr(procedure.steps), ...arr(procedure.distractors)], ['procedure', 'steps']);
	const questions = arr(c.questions);
	dup(questions, ['questions']);
	dup(arr(c.documents), ['documents']);
	questions.forEach((q, qi) => {
		const options = arr(q.options);
		dup(options, ['questions', qi, 'options'], '选项标识');
		const keys = new Set(options.map((o) => o.key));
		(Array.isArray(q.correct) ? q.correct : []).forEach((k, ki) => {
			if (typeof k === 'string' && !keys.has(k))
				ctx.addIssue({ code: 'custom', path: [...base, 'questions', qi, 'correct', ki], message: `正确选项“${k}”不在选项中` });
		});
	});
}

export const portableScenarioSchema = z
	.object({
		format: z.literal(PORTABLE_FORMAT),
		exportedAt: z.string().max(40).optional(),
		content: scenarioContentSchema,
		images: z
			.array(
				z
					.object({
						id: z.string().regex(/^[a-z0-9]{16,64}$/, '图片标识格式不正确'),
						mime: z.enum(IMAGE_MIMES),
						/** base64 of the file's bytes */
						data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, '图片数据应为 base64 编码').max(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 4, '图片超过 5 MB')
					})
					.strict()
			)
			.max(300)
	})
	.strict()
	.superRefine(
		(raw, ctx) => {
			const f = obj(raw);
			const ids = new Set(arr(f.images).map((i) => i.id));
			const walk = (ref: unknown, path: (string | number)[]) => {
				const id = obj(ref).id;
				if (ref && typeof id === 'string' && !ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `文件中没有编号为 ${id} 的图片` });
			};
			arr(obj(f.content).areas).forEach((a, ai) => {
				walk(a.image, ['content', 'areas', ai, 'image']);
				arr(a.items).forEach((it, ii) => walk(it.photo, ['content', 'areas', ai, 'items', ii, 'photo']));
			});
		},
		{ when: () => true } as never
	);

export type PortableScenario = z.infer<typeof portableScenarioSchema>;

// Compile-time check that the schema and the hand-written types agree.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const _contentMatches: Equal<z.infer<typeof scenarioContentSchema>, ScenarioContent> = true;
void _contentMatches;

export interface SchemaProblem {
	/** JSON path such as $.content.areas[0].items[2].title */
	path: string;
	message: string;
}

const TYPE_NAMES: Record<string, string> = {
	string: '文本',
	number: '数字',
	boolean: 'true 或 false',
	object: '对象',
	array: '数组',
	null: 'null'
};

/** Every problem of a failed parse, with its JSON path and a Chinese message. */
export function describeIssues(error: z.ZodError, root = '$'): SchemaProblem[] {
	return error.issues.map((issue) => ({
		path: root + issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''),
		message: issueMessage(issue)
	}));
}

function issueMessage(issue: z.core.$ZodIssue): string {
	switch (issue.code) {
		case 'invalid_type':
			return issue.input === undefined ? '缺少此字段' : `类型不正确，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
		case 'unrecognized_keys':
			return `有不认识的字段：${issue.keys.join('、')}`;
		case 'invalid_value':
			return `取值无效，应为 ${issue.values.map((v) => JSON.stringify(v)).join(' / ')} 之一`;
		case 'invalid_union':
			return '内容不符合任何一种允许的格式（检查 kind 字段）';
		// Arrays get a generic message; every other bound in the schema carries its own Chinese message.
		case 'too_small':
			return issue.origin === 'array' && !/[\u4e00-\u9fff]/.test(issue.message) ? `至少需要 ${issue.minimum} 项` : issue.message;
		case 'too_big':
			return issue.origin === 'array' && !/[\u4e00-\u9fff]/.test(issue.message) ? `最多 ${issue.maximum} 项` : issue.message;
		default:
			return issue.message;
	}
}

/** Validates a parsed portable file; every problem is reported, nothing is partial. */
export function parsePortableScenario(doc: unknown): { ok: true; value: PortableScenario } | { ok: false; problems: SchemaProblem[] } {
	const r = portableScenarioSchema.safeParse(doc);
	return r.success ? { ok: true, value: r.data } : { ok: false, problems: describeIssues(r.error) };
}
