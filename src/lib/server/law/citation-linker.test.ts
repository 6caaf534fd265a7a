import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { renderMarkdown } from '../markdown';
import { importLawDataset } from './library';
import { createCitationLinker } from './citation-linker';

function dbWithFixture() {
	const db = createTestDb();
	const r = importLawDataset(db, null, JSON.parse(readFileSync('tests/fixtures/laws-fixture.json', 'utf8')));
	if (!r.ok) throw new Error('fixture did not import');
	return db;
}

describe('citation links in rendered markdown', () => {
	it('links 《安全生产法》第四十一条 to the article, with its text as the preview', () => {
		const db = dbWithFixture();
		const html = renderMarkdown('依据**要求**，见《安全生产法》第四十一条。', { linkCitations: createCitationLinker(db) });
		expect(html).toContain('<a class="citation" href="/laws/work-safety-law#a41" data-law="work-safety-law" data-article="41"');
		expect(html).toMatch(/title="《安全生产法》第四十一条：【测试摘编】单位要建立风险分级管控制度。 单位要建立并落实隐患排查治理制度/);
		expect(html).toContain('>《安全生产法》第四十一条</a>');
	});

	it('falls back to our summary when the text is not loaded, and to no preview at all', () => {
		const db = createTestDb();
		const html = renderMarkdown('《安全生产法》第四十五条和《消防法》第十六条', { linkCitations: createCitationLinker(db) });
		expect(html).toMatch(/href="\/laws\/work-safety-law#a45"[^>]*title="《安全生产法》第四十五条（要点）：单位须为从业人员提供/);
		expect(html).toMatch(/<a class="citation" href="\/laws\/fire-law#a16" data-law="fire-law" data-article="16">/);
	});

	it('leaves citations of unknown laws and bare articles as plain text', () => {
		const db = createTestDb();
		const html = renderMarkdown('《某某条例》第三条；第五条', { linkCitations: createCitationLinker(db) });
		expect(html).not.toContain('<a');
		expect(html).toContain('《某某条例》第三条；第五条');
	});
});
