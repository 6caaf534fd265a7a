import { LAW_CATALOG, LAW_KINDS, type LawEntry } from './catalog';

/** A law of a `law-dataset/1` file after validation, mapped to its catalog entry. */
export interface DatasetLaw {
	lawId: string;
	datasetId: string;
	title: string;
	edition: string | null;
	complete: boolean;
	articles: DatasetArticle[];
}

export interface DatasetArticle {
	number: number;
	chapter: string | null;
	text: string;
	source: string | null;
	verification: string | null;
	note: string | null;
}

/** One problem in a dataset: where (a JSON path and a human-readable record name) and what. */
export interface DatasetError {
	path: string;
	record: string;
	code: DatasetErrorCode;
	params?: Record<string, string | number>;
}

export type DatasetErrorCode =
	| 'dataset.not_object'
	| 'dataset.bad_format'
	| 'dataset.no_laws'
	| 'dataset.required'
	| 'dataset.wrong_type'
	| 'dataset.unknown_law'
	| 'dataset.unknown_edition'
	| 'dataset.title_mismatch'
	| 'dataset.bad_kind'
	| 'dataset.bad_date'
	| 'dataset.duplicate_law'
	| 'dataset.bad_article_number'
	| 'dataset.duplicate_article'
	| 'dataset.empty_text'
	| 'dataset.too_long';

const MAX_TEXT = 20_000;
const MAX_META = 2_000;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The catalog edition a dataset law belongs to: same id and effective date, or an entry that imports it. */
export function catalogEntryFor(datasetId: string, effective: string): LawEntry | undefined {
	return (
		LAW_CATALOG.find((l) => l.id === datasetId && l.effective === effective && !l.importFrom) ??
		LAW_CATALOG.find((l) => l.importFrom?.datasetId === datasetId && l.importFrom.effective === effective)
	);
}

/**
 * Validates a parsed `law-dataset/1` document completely and returns every problem, or the laws
 * mapped to catalog ids. Nothing is partial: a caller writes only when `errors` is empty.
 */
export function validateDataset(doc: unknown): { laws: DatasetLaw[]; errors: DatasetError[] } {
	const errors: DatasetError[] = [];
	const laws: DatasetLaw[] = [];
	if (!isObject(doc)) return { laws, errors: [{ path: '$', record: '文件', code: 'dataset.not_object' }] };
	if (doc.format !== 'law-dataset/1')
		errors.push({ path: '$.format', record: '文件', code: 'dataset.bad_format', params: { value: String(doc.format ?? '') } });
	if (!Array.isArray(doc.laws) || doc.laws.length === 0) {
		errors.push({ path: '$.laws', record: '文件', code: 'dataset.no_laws' });
		return { laws, errors };
	}
	const seen = new Set<string>();
	doc.laws.forEach((raw, i) => {
		const path = `$.laws[${i}]`;
		const lawErrors: DatasetError[] = [];
		const record = `第 ${i + 1} 部法规${isObject(raw) && typeof raw.id === 'string' ? `（${raw.id}）` : ''}`;
		const add = (field: string, code: DatasetErrorCode, params?: Record<string, string | number>) =>
			lawErrors.push({ path: `${path}.${field}`, record, code, params: { field, ...params } });
		if (!isObject(raw)) {
			errors.push({ path, record, code: 'dataset.wrong_type', params: { field: '法规', expected: '对象' } });
			return;
		}
		for (const field of ['id', 'title', 'kind', 'effective'] as const) {
			if (raw[field] === undefined || raw[field] === null || raw[field] === '') add(field, 'dataset.required');
			else if (typeof raw[field] !== 'string') add(field, 'dataset.wrong_type', { expected: '文本' });
		}
		if (typeof raw.complete !== 'boolean') add('complete', 'dataset.wrong_type', { expected: 'true 或 false' });
		if (raw.edition !== undefined && typeof raw.edition !== 'string') add('edition', 'dataset.wrong_type', { expected: '文本' });
		if (typeof raw.kind === 'string' && !(LAW_KINDS as readonly string[]).includes(raw.kind)) add('kind', 'dataset.bad_kind', { value: raw.kind });
		if (typeof raw.effective === 'string' && !DATE.test(raw.effective)) add('effective', 'dataset.bad_date', { value: raw.effective });

		let entry: LawEntry | undefined;
		if (typeof raw.id === 'string' && typeof raw.effective === 'string' && DATE.test(raw.effective)) {
			entry = catalogEntryFor(raw.id, raw.effective);
			if (!entry) {
				const known = LAW_CATALOG.some((l) => l.id === raw.id || l.importFrom?.datasetId === raw.id);
				add(known ? 'effective' : 'id', known ? 'dataset.unknown_edition' : 'dataset.unknown_law', {
					value: known ? raw.effective : raw.id
				});
			} else {
				if (typeof raw.title === 'string' && raw.title !== entry.title) add('title', 'dataset.title_mismatch', { value: raw.title, expected: entry.title });
				if (seen.has(entry.id)) add('id', 'dataset.duplicate_law', { value: entry.id });
				seen.add(entry.id);
			}
		}

		const articles: DatasetArticle[] = [];
		if (!Array.isArray(raw.articles)) add('articles', 'dataset.wrong_type', { expected: '数组' });
		else {
			const numbers = new Set<number>();
			raw.articles.forEach((a, j) => {
				const apath = `${path}.articles[${j}]`;
				const arecord = `${record}的第 ${j + 1} 条记录${isObject(a) && typeof a.number === 'number' ? `（第${a.number}条）` : ''}`;
				const addA = (field: string, code: DatasetErrorCode, params?: Record<string, string | number>) =>
					lawErrors.push({ path: `${apath}.${field}`, record: arecord, code, params: { field, ...params } });
				if (!isObject(a)) {
					lawErrors.push({ path: apath, record: arecord, code: 'dataset.wrong_type', params: { field: '条文', expected: '对象' } });
					return;
				}
				if (typeof a.number !== 'number' || !Number.isInteger(a.number) || a.number < 1 || a.number > 9999)
					addA('number', 'dataset.bad_article_number', { value: String(a.number) });
				else if (numbers.has(a.number)) addA('number', 'dataset.duplicate_article', { value: a.number });
				else numbers.add(a.number);
				if (typeof a.text !== 'string') addA('text', a.text === undefined ? 'dataset.required' : 'dataset.wrong_type', { expected: '文本' });
				else if (!a.text.trim()) addA('text', 'dataset.empty_text');
				else if (a.text.length > MAX_TEXT) addA('text', 'dataset.too_long', { max: MAX_TEXT });
				const meta: Record<string, string | null> = {};
				for (const f of ['chapter', 'source', 'verification', 'note'] as const) {
					const v = a[f];
					if (v === undefined || v === null) meta[f] = null;
					else if (typeof v !== 'string') addA(f, 'dataset.wrong_type', { expected: '文本' });
					else if (v.length > MAX_META) addA(f, 'dataset.too_long', { max: MAX_META });
					else meta[f] = v.trim() || null;
				}
				if (typeof a.number === 'number' && typeof a.text === 'string')
					articles.push({
						number: a.number,
						text: a.text.trim(),
						chapter: meta.chapter ?? null,
						source: meta.source ?? null,
						verification: meta.verification ?? null,
						note: meta.note ?? null
					});
			});
		}
		errors.push(...lawErrors);
		if (lawErrors.length === 0 && entry)
			laws.push({
				lawId: entry.id,
				datasetId: raw.id as string,
				title: raw.title as string,
				edition: typeof raw.edition === 'string' && raw.edition.trim() ? raw.edition.trim() : null,
				complete: raw.complete as boolean,
				articles: articles.sort((x, y) => x.number - y.number)
			});
	});
	return { laws: errors.length ? [] : laws, errors };
}
