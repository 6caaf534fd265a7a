import type { Page } from '@playwright/test';

/**
 * Everything an officer's browser can fetch about a drill, starting from their home page: every
 * same-origin page reachable by links under the drill paths, each page's `__data.json`, the team's
 * sheet API, images, and the first event of every server-sent stream the pages open. Returns each
 * URL with the text it returned, for a secrecy check.
 */
const IN_SCOPE = [/^\/my-drills/, /^\/drills\//, /^\/api\/drills\//, /^\/board\//, /^\/media\//];

export async function crawlOfficerUrls(page: Page, start: string[], extra: string[] = []): Promise<{ url: string; status: number; body: string }[]> {
	const seen = new Set<string>();
	const queue = [...start, ...extra];
	const out: { url: string; status: number; body: string }[] = [];
	const origin = new URL(page.url()).origin;
	while (queue.length > 0 && out.length < 200) {
		const path = queue.shift()!;
		if (seen.has(path)) continue;
		seen.add(path);
		if (path.endsWith('/events')) {
			out.push({ url: path, status: 200, body: await firstEvent(page, path) });
			continue;
		}
		const res = await page.request.get(path, { maxRedirects: 0 });
		const body = res.headers()['content-type']?.startsWith('image/') ? '' : await res.text();
		out.push({ url: path, status: res.status(), body });
		const isPage = res.headers()['content-type']?.includes('text/html');
		if (!isPage || res.status() !== 200) continue;
		// What SvelteKit's client would fetch for the same page.
		queue.push(`${path.replace(/\/$/, '')}/__data.json`);
		await page.goto(path);
		const found = await page.evaluate(() => [
			...[...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
			...[...document.querySelectorAll('img[src]')].map((i) => (i as HTMLImageElement).src),
			...[...document.querySelectorAll('form[action]')].map((f) => (f as HTMLFormElement).action)
		]);
		for (const href of found) {
			const u = new URL(href, origin);
			if (u.origin !== origin) continue;
			if (IN_SCOPE.some((r) => r.test(u.pathname)) && !u.search) queue.push(u.pathname);
		}
	}
	return out;
}

/** The first `standings` event of a server-sent stream (read in the page, which holds the session cookie). */
async function firstEvent(page: Page, path: string): Promise<string> {
	return page.evaluate(async (p) => {
		const ctrl = new AbortController();
		const timer = setTimeout(() => ctrl.abort(), 10_000);
		try {
			const res = await fetch(p, { signal: ctrl.signal });
			const reader = res.body!.getReader();
			const decoder = new TextDecoder();
			let text = '';
			while (!text.includes('\n\n')) {
				const { value, done } = await reader.read();
				if (done) break;
				text += decoder.decode(value);
			}
			ctrl.abort();
			return `${res.status} ${text}`;
		} catch (e) {
			return `error ${String(e)}`;
		} finally {
			clearTimeout(timer);
		}
	}, path);
}
