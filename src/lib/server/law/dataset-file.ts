import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the law dataset is read from for seeding: LAWS_DATASET, else the shared copy beside the project. */
export function lawsDatasetPath(): string {
	return resolve(process.env.LAWS_DATASET || '../shared/laws/laws.json');
}

/** Reads and parses a dataset file; a JSON syntax error becomes a readable message, not an exception. */
export function readDatasetFile(path: string): { ok: true; doc: unknown } | { ok: false; message: string } {
	if (!existsSync(path)) return { ok: false, message: `找不到文件：${path}` };
	return parseDatasetText(readFileSync(path, 'utf8'));
}

export function parseDatasetText(text: string): { ok: true; doc: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, doc: JSON.parse(text.replace(/^\uFEFF/, '')) };
	} catch (e) {
		return { ok: false, message: `文件不是有效的 JSON：${e instanceof Error ? e.message : String(e)}` };
	}
}
