import { expect, test } from '@playwright/test';
import { login } from '../../fixtures/auth';
import { DEMO_SCENARIOS } from '../../../src/lib/server/seed/demo-scenarios';

// The seeded demo scenarios are scenarios 1 and 2 of the fresh e2e database, in this order.
for (const [index, demo] of DEMO_SCENARIOS.entries()) {
	const id = index + 1;
	test(`the officer preview of demo scenario ${id} reveals nothing of the key`, async ({ page }) => {
		await login(page, 'trainer');
		const res = await page.goto(`/scenarios/${id}/preview`);
		expect(res?.status()).toBe(200);
		const items = demo.content.areas.flatMap((a) => a.items);
		// The page does show what officers see: item titles.
		await expect(page.getByText(items[0].title).first()).toBeVisible();

		const html = await page.content();
		const data = await (await page.request.get(`/scenarios/${id}/preview/__data.json`)).text();
		const secrets: string[] = ['"hazard"', '"decoy"', 'majorCriterion', 'classification', '"violated"', '"penalty"', '"measures"', '"explanation"', '"correct"', '"facts"', '"salt"'];
		for (const i of items) {
			secrets.push(`"${i.key}"`);
			if (i.answer.kind === 'hazard') secrets.push(...i.answer.violated, ...i.answer.penalty, i.answer.explanation.slice(0, 30));
			else secrets.push(i.answer.explanation.slice(0, 30));
		}
		for (const d of demo.content.procedure.distractors) secrets.push(d.explanation.slice(0, 30));
		for (const q of demo.content.questions) secrets.push(q.explanation.slice(0, 30));
		for (const s of secrets.filter((x) => x.length > 3)) {
			expect(html, `HTML contains ${s}`).not.toContain(s);
			expect(data, `__data.json contains ${s}`).not.toContain(s);
		}

		// Pictures are served by random id, and only their bytes; their URLs say nothing.
		const srcs = await page.locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).getAttribute('src') ?? ''));
		for (const src of srcs.filter((s) => s.startsWith('/media/'))) expect(src).toMatch(/^\/media\/[a-z0-9]{16,64}$/);
	});
}

test('officers and learners cannot open scenarios, their previews or their pictures', async ({ page }) => {
	// officer9 takes part in no drill (the drill spec uses officers 1, 2, 4 and 5).
	await login(page, 'officer9');
	for (const path of ['/scenarios', '/scenarios/1', '/scenarios/1/preview', '/scenarios/1/export']) {
		const res = await page.goto(path);
		expect(res?.status(), path).toBe(403);
	}
	const img = await page.request.get(`/media/${DEMO_SCENARIOS[0].images[0].id}`);
	expect([403, 404]).toContain(img.status());
});
