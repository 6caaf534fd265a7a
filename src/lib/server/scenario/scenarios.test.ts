import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { auditLog, scenario, scenarioImage, scenarioVersion, user } from '../db/schema';
import { fixtureScenario } from '../../domain/scenario/test-fixture';
import { addArea, setAreaImage, updateItem } from '../../domain/scenario/edit';
import { ok } from '../../domain/result';
import { createScenario, exportScenario, getScenario, getVersion, importScenario, publishScenario, updateDraft } from './scenarios';
import { insertImageRow, prepareImage, stageImage, storeImage } from './images';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" onload="alert(1)"><script>alert(1)</script><rect x="1" y="1" width="10" height="10" fill="#ccc"/><text x="5" y="30">配电室</text></svg>');

function setup() {
	const db = createTestDb();
	const u = db.insert(user).values({ username: 'trainer', displayName: '教师', passwordHash: 'x' }).returning().get();
	return { db, trainerId: u.id };
}

function withFixture(db: ReturnType<typeof createTestDb>, trainerId: number) {
	const id = createScenario(db, trainerId, '测试场景');
	const r = updateDraft(db, trainerId, id, 'load-fixture', () => ok(fixtureScenario()));
	expect(r.ok).toBe(true);
	return id;
}

describe('drafts and versions', () => {
	it('an empty scenario cannot be published; a complete one becomes v1 with a secret salt', () => {
		const { db, trainerId } = setup();
		const empty = createScenario(db, trainerId, '空场景');
		const refused = publishScenario(db, trainerId, empty);
		expect(refused.ok).toBe(false);
		expect(refused.problems?.map((p) => p.code)).toContain('scenario.no_areas');

		const id = withFixture(db, trainerId);
		const v1 = publishScenario(db, trainerId, id);
		expect(v1).toMatchObject({ ok: true, value: { number: 1 } });
		if (!v1.ok) return;
		expect(getVersion(db, v1.value.versionId)?.salt).toMatch(/^[0-9a-f]{32}$/);
	});

	it('editing the draft never changes a published version', () => {
		const { db, trainerId } = setup();
		const id = withFixture(db, trainerId);
		const v1 = publishScenario(db, trainerId, id);
		if (!v1.ok) throw new Error('publish failed');
		const frozen = getVersion(db, v1.value.versionId)!.content;
		updateDraft(db, trainerId, id, 'rename', (c) => updateItem(c, 'duct', { title: '改过的标题', observation: '新的观察', hotspot: null }));
		expect(getVersion(db, v1.value.versionId)!.content).toEqual(frozen);
		expect(getScenario(db, id)!.draft.areas[0].items[0].title).toBe('改过的标题');
		const v2 = publishScenario(db, trainerId, id);
		expect(v2).toMatchObject({ ok: true, value: { number: 2 } });
		expect(db.select({ n: count() }).from(auditLog).all()[0].n).toBeGreaterThanOrEqual(5);
	});

	it('an edit that breaks the schema is refused and saves nothing', () => {
		const { db, trainerId } = setup();
		const id = withFixture(db, trainerId);
		const before = getScenario(db, id)!.draft;
		const r = updateDraft(db, trainerId, id, 'bad', (c) => updateItem(c, 'duct', { title: '', observation: 'x', hotspot: { x: 300, y: 1 } }));
		expect(r.ok).toBe(false);
		expect(r.problems?.map((p) => p.path)).toEqual(['$.areas[0].items[0].title', '$.areas[0].items[0].hotspot.x']);
		expect(getScenario(db, id)!.draft).toEqual(before);
	});
});

describe('pictures', () => {
	it('accepts real images by content, sanitises SVG, refuses the rest', () => {
		expect(prepareImage(PNG)).toMatchObject({ ok: true, value: { mime: 'image/png' } });
		const svg = prepareImage(SVG);
		expect(svg.ok).toBe(true);
		if (svg.ok) {
			const text = new TextDecoder().decode(svg.value.bytes);
			expect(text).toContain('viewBox="0 0 100 50"');
			expect(text).toContain('配电室');
			expect(text).not.toMatch(/script|onload|alert/);
		}
		expect(prepareImage(new TextEncoder().encode('<html><body>hi</body></html>'))).toEqual({ ok: false, error: { code: 'image.bad_type' } });
		expect(prepareImage(new Uint8Array(0))).toEqual({ ok: false, error: { code: 'image.empty' } });
		const big = new Uint8Array(5 * 1024 * 1024 + 1);
		big.set(PNG);
		expect(prepareImage(big)).toEqual({ ok: false, error: { code: 'image.too_large' } });
	});
});

describe('portable file', () => {
	it('export then import elsewhere gives an identical scenario, pictures included', () => {
		const { db, trainerId } = setup();
		const id = withFixture(db, trainerId);
		const img = storeImage(db, id, SVG);
		if (!img.ok) throw new Error('image');
		updateDraft(db, trainerId, id, 'picture', (c) => setAreaImage(c, 'polish', { id: img.value.id }));
		const file = exportScenario(db, id)!;
		expect(file.images).toHaveLength(1);

		const other = setup();
		const r = importScenario(other.db, other.trainerId, JSON.parse(JSON.stringify(file)));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(getScenario(other.db, r.value.id)!.draft).toEqual(getScenario(db, id)!.draft);
		const again = exportScenario(other.db, r.value.id)!;
		expect(again.images).toEqual(file.images);
		expect(again.content).toEqual(file.content);
	});

	it('importing into the same database gives pictures new ids', () => {
		const { db, trainerId } = setup();
		const id = withFixture(db, trainerId);
		const img = storeImage(db, id, PNG);
		if (!img.ok) throw new Error('image');
		updateDraft(db, trainerId, id, 'picture', (c) => setAreaImage(c, 'polish', { id: img.value.id }));
		const r = importScenario(db, trainerId, exportScenario(db, id));
		if (!r.ok) throw new Error('import');
		expect(getScenario(db, r.value.id)!.draft.areas[0].image?.id).not.toBe(img.value.id);
		expect(db.select({ n: count() }).from(scenarioImage).get()!.n).toBe(2);
	});

	it('a broken file names every problem and writes nothing', () => {
		const { db, trainerId } = setup();
		const id = withFixture(db, trainerId);
		const file = exportScenario(db, id)! as unknown as Record<string, any>;
		file.content.areas[0].items[0].answer.points = 'ten';
		file.content.questions[0].correct = ['nope'];
		file.images = [{ id: 'fakeimage00000001', mime: 'image/png', data: Buffer.from('<html></html>').toString('base64') }];
		const before = db.select({ n: count() }).from(scenario).get()!.n;
		const r = importScenario(db, trainerId, file);
		expect(r.ok).toBe(false);
		expect(r.problems?.map((p) => p.path)).toEqual(['$.content.areas[0].items[0].answer.points', '$.content.questions[0].correct[0]']);
		// Content problems first; a file whose content is fine but whose picture is fake is refused too.
		file.content = exportScenario(db, id)!.content;
		const r2 = importScenario(db, trainerId, file);
		expect(r2.problems).toEqual([{ path: '$.images[0].data', message: '只接受 PNG、JPEG、WebP 或 SVG 图片（按文件内容识别）' }]);
		expect(db.select({ n: count() }).from(scenario).get()!.n).toBe(before);
		expect(db.select({ n: count() }).from(scenarioVersion).get()!.n).toBe(0);
	});

	it('rejects a scenario whose areas reference nothing valid', () => {
		const { db, trainerId } = setup();
		const id = createScenario(db, trainerId, '新场景');
		const r = updateDraft(db, trainerId, id, 'add', (c) => addArea(c, { name: '配电室', kind: 'site', description: '' }));
		expect(r.ok && r.value.areas.map((a) => a.key)).toEqual(['area1']);
	});
});

describe('a picture and the edit that refers to it', () => {
	it('are written together: a refused edit leaves no picture row, an accepted one leaves one', () => {
		const { db, trainerId } = setup();
		const id = withFixture(db, trainerId);
		const staged = stageImage(PNG);
		if (!staged.ok) throw new Error('image');
		const { id: image, mime, bytes } = staged.value;
		const row = (tx: Parameters<typeof insertImageRow>[0]) => insertImageRow(tx, image, id, mime, bytes);
		const images = () => db.select({ n: count() }).from(scenarioImage).get()!.n;

		const refused = updateDraft(db, trainerId, id, 'picture', (c) => setAreaImage(c, 'no-such-area', { id: image }), row);
		expect(refused.ok).toBe(false);
		expect(images()).toBe(0);
		expect(updateDraft(db, trainerId, 999, 'picture', (c) => ok(c), row)).toMatchObject({ ok: false, error: { code: 'scenario.not_found' } });
		expect(images()).toBe(0);

		expect(updateDraft(db, trainerId, id, 'picture', (c) => setAreaImage(c, 'polish', { id: image }), row).ok).toBe(true);
		expect(images()).toBe(1);
	});
});
