// Every upload of the app over HTTP, with files that lie about their type, oversize files, SVG with scripts,
// zip bombs in .xlsx and hostile JSON (tests/fixtures/hostile-files.ts): each is refused with a Chinese
// message, never a 500, quickly, and the database is exactly as before. An SVG picture with scripts is kept
// only cleaned, and pictures are served so that a browser cannot run them. The file readers' rules are
// unit-tested (roster-import.test.ts, bank-import.test.ts, scenarios.test.ts); this is the same at the door.
import { expect, test } from '@playwright/test';
import { changedTables, usePrivateServer } from '../../fixtures/private-server';
import { hostileImages, hostileJsonFiles, hostileSpreadsheets, PNG, SVG_WITH_SCRIPT, type HostileFile } from '../../fixtures/hostile-files';
import { chineseMessages, postJson, signedIn, type Client } from './app-map';

test.describe.configure({ mode: 'default' });

const server = usePrivateServer('uploads');

const MB5 = 5 * 1024 * 1024;

function form(fields: Record<string, string | HostileFile>): FormData {
	const fd = new FormData();
	for (const [name, v] of Object.entries(fields)) {
		if (typeof v === 'string') fd.append(name, v);
		else fd.append(name, new Blob([v.bytes as Uint8Array<ArrayBuffer>], { type: v.type }), v.name);
	}
	return fd;
}

/**
 * Posts `fields` and expects a refusal with a Chinese message (one matching `about`, when given), within a
 * few seconds, that changed nothing.
 */
async function expectRefused(c: Client, action: string, fields: Record<string, string | HostileFile>, label: string, about?: RegExp): Promise<string[]> {
	const problems: string[] = [];
	const before = server.watch.snapshot();
	const started = Date.now();
	let out;
	try {
		out = await postJson(c, action, form(fields));
	} catch (e) {
		throw new Error(`${action} ← ${label}: ${String(e)} ${String((e as { cause?: unknown }).cause)}`);
	}
	const took = Date.now() - started;
	const changed = changedTables(before.hashes, server.watch.snapshot().hashes);
	const where = `${action} ← ${label}`;
	if (out.http >= 500) problems.push(`${where}: HTTP ${out.http} ${out.strings.join(' ').slice(0, 200)}`);
	else if (out.kind === 'success' || out.kind === 'redirect') problems.push(`${where}: accepted (${out.kind})`);
	// A body over the server's limit is refused by adapter-node before the app sees it (HTTP 413).
	else if (out.http !== 413) {
		const messages = chineseMessages(out, Object.values(fields).map((v) => (typeof v === 'string' ? v : v.name)));
		if (messages.length === 0 || (about && !messages.some((m) => about.test(m)))) problems.push(`${where}: refused without a Chinese message${about ? ` about ${about}` : ''}: ${out.strings.join(' ').slice(0, 200)}`);
	}
	if (changed.length) problems.push(`${where}: changed ${changed.join(', ')}`);
	if (took > 15_000) problems.push(`${where}: took ${took} ms`);
	return problems;
}

test('roster import: lying types, oversize files, SVG and zip bombs are refused', async () => {
	test.setTimeout(90_000);
	const trainer = await signedIn(server.app.baseURL, 'trainer');
	const session = server.watch.all<{ id: number }>("select id from training_session where status = 'enrolling'")[0].id;
	const problems: string[] = [];
	for (const file of hostileSpreadsheets(MB5)) problems.push(...(await expectRefused(trainer, `/training/${session}/import?/check`, { file }, file.label)));
	expect(problems).toEqual([]);
});

test('question bank import: lying types, oversize files, SVG and zip bombs are refused at the check and at the import', async () => {
	test.setTimeout(90_000);
	const trainer = await signedIn(server.app.baseURL, 'trainer');
	const problems: string[] = [];
	for (const file of hostileSpreadsheets(MB5)) {
		for (const action of ['check', 'import']) problems.push(...(await expectRefused(trainer, `/bank/import?/${action}`, { file, status: 'active', createCategories: 'on' }, file.label)));
	}
	expect(problems).toEqual([]);
});

test('law dataset and scenario imports: hostile JSON and files over 20 MB are refused', async () => {
	test.setTimeout(90_000);
	const admin = await signedIn(server.app.baseURL, 'admin');
	const huge: HostileFile = { label: 'a file over 20 MB', name: 'data.json', type: 'application/json', bytes: new Uint8Array(20 * 1024 * 1024 + 1024).fill(0x20) };
	const problems: string[] = [];
	for (const file of [...hostileJsonFiles(), huge]) {
		problems.push(...(await expectRefused(admin, '/admin/laws?/import', { file }, file.label)));
		problems.push(...(await expectRefused(admin, '/scenarios?/import', { file }, file.label)));
	}
	expect(problems).toEqual([]);
});

/** A portable scenario file of demo scenario 1 with its first picture replaced. */
async function scenarioWithPicture(c: Client, mime: string, bytes: Uint8Array): Promise<HostileFile> {
	const res = await c.get('/scenarios/1/export');
	expect(res.status).toBe(200);
	const doc = (await res.json()) as { images: { id: string; mime: string; data: string }[] };
	expect(doc.images.length).toBeGreaterThan(0);
	doc.images[0] = { ...doc.images[0], mime, data: Buffer.from(bytes).toString('base64') };
	return { label: `a scenario file with a ${mime} picture`, name: 'scenario.json', type: 'application/json', bytes: new TextEncoder().encode(JSON.stringify(doc)) };
}

test('scenario import: pictures that are not what they claim are refused; an SVG with scripts comes in cleaned', async () => {
	const trainer = await signedIn(server.app.baseURL, 'trainer');
	const problems: string[] = [];
	for (const [mime, bytes, label] of [
		['image/png', new TextEncoder().encode('<!doctype html><script>alert(1)</script>'), 'a web page declared PNG'],
		['image/png', new TextEncoder().encode(SVG_WITH_SCRIPT), 'an SVG declared PNG'],
		['image/jpeg', PNG, 'a PNG declared JPEG']
	] as const) {
		problems.push(...(await expectRefused(trainer, '/scenarios?/import', { file: await scenarioWithPicture(trainer, mime, bytes) }, label)));
	}
	expect(problems).toEqual([]);

	const out = await postJson(trainer, '/scenarios?/import', form({ file: await scenarioWithPicture(trainer, 'image/svg+xml', new TextEncoder().encode(SVG_WITH_SCRIPT)) }));
	expect(out.kind, out.strings.join(' ')).toBe('redirect');
	const id = Number(/\/scenarios\/(\d+)/.exec(out.location!)![1]);
	const svg = server.watch.all<{ id: string }>("select id from scenario_image where scenario_id = ? and mime = 'image/svg+xml'", id);
	expect(svg.length).toBeGreaterThan(0);
	for (const { id: image } of svg) await expectHarmlessPicture(trainer, image);
});

/** A stored picture carries no script, and is served so that it could not run one anyway. */
async function expectHarmlessPicture(c: Client, image: string): Promise<void> {
	const res = await c.get(`/media/${image}`);
	expect(res.status).toBe(200);
	expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	expect(res.headers.get('content-security-policy')).toContain('sandbox');
	expect(res.headers.get('content-type')).toMatch(/^image\//);
	const body = await res.text();
	expect(body).not.toMatch(/<script|onload|onclick|javascript:|foreignObject|evil\.example|<style/i);
}

test('scenario pictures: lying types and oversize files are refused, also on an area or item that does not exist; an SVG with scripts is kept cleaned', async () => {
	const trainer = await signedIn(server.app.baseURL, 'trainer');
	const draft = JSON.parse(server.watch.all<{ draft: string }>('select draft from scenario where id = 1')[0].draft) as { areas: { key: string; items: { key: string; title: string; observation: string }[] }[] };
	const area = draft.areas.find((a) => a.items.length > 0)!;
	const item = area.items[0];
	const areaUrl = `/scenarios/1/areas/${area.key}`;
	const itemUrl = `${areaUrl}/${item.key}`;
	const itemFields = (photo: HostileFile) => ({ title: item.title, observation: item.observation, kind: 'decoy', photo });
	const problems: string[] = [];
	for (const file of hostileImages(MB5)) {
		problems.push(...(await expectRefused(trainer, `${areaUrl}?/upload`, { image: file }, file.label, /图片|SVG/)));
		// An empty file part is what a browser sends when no photo is chosen: the item is saved without one.
		if (file.bytes.length > 0) problems.push(...(await expectRefused(trainer, `${itemUrl}?/save`, itemFields(file), file.label, /图片|SVG/)));
	}
	// A good picture for a place that is not there: refused, and nothing left behind.
	const png: HostileFile = { label: 'a PNG', name: 'photo.png', type: 'image/png', bytes: PNG };
	problems.push(...(await expectRefused(trainer, '/scenarios/1/areas/no-such-area?/upload', { image: png }, 'a PNG for an area that does not exist')));
	problems.push(...(await expectRefused(trainer, `${areaUrl}/no-such-item?/save`, itemFields(png), 'a PNG for an item that does not exist')));
	problems.push(...(await expectRefused(trainer, '/scenarios/999999/areas/a?/upload', { image: png }, 'a PNG for a scenario that does not exist')));
	expect(problems).toEqual([]);

	const svg: HostileFile = { label: 'SVG with scripts', name: 'plan.svg', type: 'image/svg+xml', bytes: new TextEncoder().encode(SVG_WITH_SCRIPT) };
	const out = await postJson(trainer, `${areaUrl}?/upload`, form({ image: svg }));
	expect(out.kind, out.strings.join(' ')).toBe('success');
	const after = JSON.parse(server.watch.all<{ draft: string }>('select draft from scenario where id = 1')[0].draft) as { areas: { key: string; image: { id: string } | null }[] };
	const image = after.areas.find((a) => a.key === area.key)!.image!.id;
	await expectHarmlessPicture(trainer, image);
});
