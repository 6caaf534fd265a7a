// Every page of the app in Chromium, as every kind of user: the crawl starts at each user's home page and
// follows the links it finds. Each route is loaded in the browser once (by the first user to reach it, and
// again by the users named in MUST_SEE) and after that only fetched for its links. Each page must answer 200
// with the security headers and the Content-Security-Policy, and run without a CSP violation, a console
// error or an uncaught exception — including the quiz, course and bank pages, a running quiz attempt and the
// charts of /training/dashboard. Every page route of src/routes must be reached by someone.
// Runs on a private server (tests/fixtures/private-server.ts), whose demo data includes a running drill.
import { expect, test, type Browser } from '@playwright/test';
import { usePrivateServer } from '../../fixtures/private-server';
import { E2E_PASSWORD } from '../../fixtures/env.js';
import { pageRoutes, routeOf } from './app-map';

test.describe.configure({ mode: 'default' });

const server = usePrivateServer('pages');

/** Pages no link leads to: a QR code, a link that is copied rather than shown, a page opened by its address. */
function extraStarts(): Record<string, string[]> {
	const watch = server.watch;
	const token = watch.all<{ t: string }>('select public_token as t from drill where id = ?', server.app.ids.drill)[0].t;
	const slot = watch.all<{ id: number }>("select s.id from session_slot s join training_session t on t.id = s.session_id where t.status = 'enrolling' order by s.id")[0].id;
	const cert = watch.all<{ n: string }>('select number as n from training_certificate where revoked_at is null order by id')[0].n;
	const team = watch.all<{ id: number }>('select id from team where drill_id = ? order by id', server.app.ids.drill)[0].id;
	const version = watch.all<{ content: string }>('select v.content from scenario_version v join drill d on d.scenario_version_id = v.id where d.id = ?', server.app.ids.drill)[0];
	const documentKey = (JSON.parse(version.content) as { documents: { key: string }[] }).documents[0].key;
	const d = server.app.ids.drill;
	return {
		'': ['/login', '/register', `/verify/${cert}`, `/board/${token}`],
		trainer: ['/laws/search', `/bank/${server.app.ids.question}/versions/1`],
		learner1: [`/checkin/${slot}/WRONGCODE`, `/quiz/attempt/${server.app.ids.running}`, `/quiz/attempt/${server.app.ids.submitted}/review`],
		learner4: [`/courses/${server.app.ids.course4}/certificate`],
		// Each officer sees one kind of sheet page (a route is crawled once per user): officer1 the
		// documents, with their print links; officer2 the inspection and the running 理论考试.
		officer1: [`/drills/${d}/sheet/${server.app.ids.stages.document}`, `/drills/${server.app.ids.endedDrill}/debrief`],
		officer2: [`/drills/${d}/sheet/${server.app.ids.stages.hazard}`, `/quiz/attempt/${server.app.ids.theoryAttempt}`],
		judge1: [`/judging/${d}/documents/${team}/${documentKey}`]
	};
}

const USERS = ['trainer', 'admin', 'learner1', 'learner4', 'officer1', 'officer2', 'judge1', ''];

/** Links that would change something or leave the pages (downloads are +server.ts routes, not pages). */
const SKIP = /^\/logout/;

interface Visit {
	user: string;
	route: string;
	url: string;
}

/** Pages that must be seen in the browser by these users even when someone else has loaded them. */
const MUST_SEE: [string, string][] = [
	['trainer', '(app)/bank'],
	['trainer', '(app)/quizzes'],
	['trainer', '(app)/courses'],
	['learner4', '(app)/courses'],
	['learner4', '(app)/quiz/[quizId=id]'],
	['learner1', '(app)/quiz/attempt/[attemptId=id]'],
	['trainer', '(app)/training/dashboard']
];

/**
 * One user's crawl. A route already loaded in the browser (by anyone) is only fetched for its links; a new
 * one is loaded in Chromium and watched for console errors, uncaught exceptions and CSP violations.
 */
async function crawl(browser: Browser, user: string, starts: string[], routes: string[], loaded: Set<string>, problems: string[], visits: Visit[]): Promise<void> {
	const context = await browser.newContext({ baseURL: server.app.baseURL });
	const page = await context.newPage();
	if (process.env.NOFONT) await page.route(/\.woff2?$/, (r) => r.fulfill({ status: 200, contentType: 'font/woff2', body: '' }));
	const who = user || 'anonymous';
	let current = '';
	page.on('console', (m) => {
		if (m.type() === 'error') problems.push(`${who} ${current}: console: ${m.text()}`);
	});
	page.on('pageerror', (e) => problems.push(`${who} ${current}: uncaught: ${e.message}`));
	// Reported also when Chromium does not log the violation itself.
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
	});
	if (user) {
		await page.goto('/login');
		await page.getByLabel('用户名').fill(user);
		await page.getByLabel('密码').fill(E2E_PASSWORD);
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	}
	const origin = new URL(server.app.baseURL).origin;
	const queue = [user ? '/' : '/login', ...starts];
	const done = new Set<string>();
	const mine = new Set<string>();
	while (queue.length) {
		const path = queue.shift()!;
		if (done.has(path)) continue;
		done.add(path);
		const route = routeOf(path, routes);
		if (path !== '/' && (!route || mine.has(route))) continue;
		if (route) mine.add(route);
		let links: string[];
		if (route && loaded.has(route) && !MUST_SEE.some(([u, r]) => u === user && r === route)) {
			const res = await page.request.get(path);
			if (res.status() !== 200) problems.push(`${who} ${path}: HTTP ${res.status()}`);
			if (!(res.headers()['content-type'] ?? '').includes('text/html')) continue;
			links = [...(await res.text()).matchAll(/<a\b[^>]*\shref="([^"]+)"/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&'), server.app.baseURL + path).href);
		} else {
			current = path;
			const res = await page.goto(path, { waitUntil: 'load' });
			const landed = new URL(page.url()).pathname;
			const landedRoute = routeOf(landed, routes);
			if (!res || res.status() !== 200) {
				problems.push(`${who} ${path}: HTTP ${res?.status()}`);
				continue;
			}
			checkHeaders(res.headers(), `${who} ${path}`, problems);
			if (landedRoute) {
				loaded.add(landedRoute);
				mine.add(landedRoute);
				visits.push({ user, route: landedRoute, url: landed });
			}
			// Hydration (where a CSP refusal or a client error would show) and the charts' first frame come
			// right after load: two frames and a moment more. (Not networkidle: a scoreboard's stream never idles.)
			await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 150)))));
			links = await page.evaluate(() => Array.from(document.querySelectorAll('a[href]'), (a) => (a as HTMLAnchorElement).href));
		}
		for (const href of links) {
			const u = new URL(href);
			if (u.origin === origin && !SKIP.test(u.pathname)) queue.push(u.pathname);
		}
	}
	await context.close();
}

function checkHeaders(h: Record<string, string>, where: string, problems: string[]): void {
	const csp = h['content-security-policy'] ?? '';
	for (const [name, ok] of [
		['content-security-policy', /default-src 'self'/.test(csp) && /script-src 'self' 'nonce-/.test(csp) && /frame-ancestors 'none'/.test(csp) && /object-src 'none'/.test(csp)],
		['x-content-type-options', h['x-content-type-options'] === 'nosniff'],
		['x-frame-options', h['x-frame-options'] === 'DENY'],
		['referrer-policy', h['referrer-policy'] === 'same-origin'],
		['permissions-policy', /camera=\(\)/.test(h['permissions-policy'] ?? '')],
		['strict-transport-security (only over HTTPS)', h['strict-transport-security'] === undefined]
	] as const) {
		if (!ok) problems.push(`${where}: header ${name}: ${h[name] ?? '(none)'}`);
	}
}

test('every page loads under the CSP with the security headers and no console error, for every kind of user', async ({ browser }) => {
	test.setTimeout(300_000);
	const routes = pageRoutes();
	const starts = extraStarts();
	const problems: string[] = [];
	const visits: Visit[] = [];
	const loaded = new Set<string>();
	// Two users at a time: the crawl is mostly waiting for pages.
	const users = [...USERS];
	await Promise.all(
		[0, 1].map(async () => {
			for (let u = users.shift(); u !== undefined; u = users.shift()) await crawl(browser, u, starts[u] ?? [], routes, loaded, problems, visits);
		})
	);
	expect(problems).toEqual([]);
	const reached = new Set(visits.map((v) => v.route));
	expect(routes.filter((r) => !reached.has(r))).toEqual([]);
	// The pages the issue names, seen by the users they are for.
	for (const [user, route] of MUST_SEE) expect(visits.some((v) => v.user === user && v.route === route), `${user} ${route}`).toBe(true);
	console.log(`pages: ${visits.length} page views over ${reached.size} routes`);
});
