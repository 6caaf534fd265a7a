// What the security specs know about the app: its routes and form actions read from src/routes, a parser for
// the forms and links of a server-rendered page (run in the browser's DOMParser), and log-in helpers for
// request contexts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { E2E_PASSWORD } from '../../fixtures/env.js';

const ROUTES = 'src/routes';

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((e) => {
		const p = join(dir, e);
		return statSync(p).isDirectory() ? walk(p) : [p];
	});
}

/** Route ids as SvelteKit names them, without the leading slash: '(app)/bank/[questionId=id]'. */
const routeIdOf = (file: string) => file.slice(ROUTES.length + 1).replace(/\/?\+page(\.server)?\.(svelte|ts)$/, '');

/** Every page route of the app. */
export function pageRoutes(): string[] {
	return walk(ROUTES)
		.filter((f) => f.endsWith('+page.svelte'))
		.map(routeIdOf)
		.sort();
}

/** Every form action of the app: the keys of each `export const actions = { … }` in src/routes. */
export function sourceActions(): { route: string; actions: string[] }[] {
	return walk(ROUTES)
		.filter((f) => f.endsWith('+page.server.ts'))
		.flatMap((f) => {
			const src = readFileSync(f, 'utf8');
			const start = src.indexOf('export const actions');
			if (start < 0) return [];
			const body = src.slice(start, src.indexOf('\n};', start));
			const actions = [...body.matchAll(/^\t([A-Za-z]+)\s*(?=[:(,])/gm)].map((m) => m[1]);
			return [{ route: routeIdOf(f), actions }];
		})
		.sort((a, b) => a.route.localeCompare(b.route));
}

/** A regular expression for the URLs of a route id. */
export function routePattern(route: string): RegExp {
	const path = route
		.replace(/(^|\/)\([^)]+\)/g, '')
		.replace(/\[[^\]=]+=id\]/g, '\u0001')
		.replace(/\[[^\]=]+=slug\]/g, '\u0002')
		.replace(/\[[^\]]+\]/g, '\u0003');
	const re = path
		.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
		.replace(/\u0001/g, '[1-9][0-9]*')
		.replace(/\u0002/g, '[a-z0-9-]+')
		.replace(/\u0003/g, '[^/]+');
	return new RegExp(`^/${re.replace(/^\//, '')}/?$`);
}

/** The route id a path belongs to, among `routes`. Routes without parameters win over ones with. */
export function routeOf(path: string, routes: readonly string[]): string | undefined {
	const hits = routes.filter((r) => routePattern(r).test(path));
	return hits.sort((a, b) => (a.match(/\[/g)?.length ?? 0) - (b.match(/\[/g)?.length ?? 0))[0];
}

export interface FormField {
	name: string;
	/** input type, 'textarea', 'select-one', 'select-multiple' */
	type: string;
	value: string;
	/** check boxes and radio buttons: whether checked; others: true */
	checked: boolean;
	options: string[];
	min: string | null;
	required: boolean;
	/** A submit button's name and value (sent only with that button). */
	button: boolean;
}

export interface ParsedForm {
	/** The form's action attribute resolved against the page, with the submit button's formaction if it has one. */
	action: string;
	multipart: boolean;
	fields: FormField[];
}

/** The post forms and the links of server-rendered HTML, one submission per distinct submit target. */
export async function parsePage(page: Page, html: string, url: string): Promise<{ forms: ParsedForm[]; links: string[] }> {
	return page.evaluate(
		({ html, url }) => {
			const doc = new DOMParser().parseFromString(html, 'text/html');
			const abs = (href: string) => new URL(href, url).href;
			const forms: ParsedForm[] = [];
			for (const f of doc.querySelectorAll('form')) {
				if ((f.getAttribute('method') ?? 'get').toLowerCase() !== 'post') continue;
				const base = abs(f.getAttribute('action') ?? '');
				const fields: FormField[] = [];
				for (const node of Array.from(f.elements)) {
					const el = node as HTMLInputElement;
					if (!el.name || el.tagName === 'BUTTON' || el.tagName === 'FIELDSET' || ['submit', 'button', 'reset', 'image'].includes(el.type)) continue;
					const isCheck = el.type === 'checkbox' || el.type === 'radio';
					fields.push({
						name: el.name,
						type: el.type,
						value: el.tagName === 'TEXTAREA' ? (el as unknown as HTMLTextAreaElement).value : el.value,
						checked: isCheck ? el.checked : true,
						options: el.tagName === 'SELECT' ? Array.from((node as HTMLSelectElement).options).map((o) => o.value) : [],
						min: el.getAttribute('min'),
						required: el.required,
						button: false
					});
				}
				const buttons = Array.from(f.querySelectorAll('button, input[type=submit]')).filter((b) => (b.getAttribute('type') ?? 'submit') === 'submit') as HTMLButtonElement[];
				const targets = new Map<string, HTMLButtonElement | null>();
				for (const b of buttons) {
					const target = b.getAttribute('formaction') ? abs(b.getAttribute('formaction')!) : base;
					if (!targets.has(target)) targets.set(target, b);
				}
				if (targets.size === 0) targets.set(base, null);
				for (const [action, b] of targets) {
					const extra: FormField[] = b?.name ? [{ name: b.name, type: 'button', value: b.value, checked: true, options: [], min: null, required: false, button: true }] : [];
					forms.push({ action, multipart: (f.getAttribute('enctype') ?? '').includes('multipart'), fields: [...fields, ...extra] });
				}
			}
			const links = Array.from(doc.querySelectorAll('a[href]')).map((a) => abs(a.getAttribute('href')!));
			return { forms, links };
		},
		{ html, url }
	);
}

/** An HTTP client with one user's session cookie (node's fetch: fast, and it sends bodies of any size). */
export interface Client {
	username: string | null;
	get(path: string): Promise<Response>;
	/** 'json' asks as SvelteKit's enhanced forms do; 'html' as a browser without JavaScript does. */
	post(url: string, body: FormData, mode: 'json' | 'html'): Promise<Response>;
}

/**
 * fetch, once more when the connection was dropped before the request went out: a kept-alive connection the
 * server closes for idling just as the next request is written to it (EPIPE, ECONNRESET). The server never
 * saw that request, so sending it again is safe.
 */
async function send(url: URL, init: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (e) {
		const code = (e as { cause?: { code?: string } }).cause?.code;
		if (code !== 'EPIPE' && code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw e;
		return fetch(url, init);
	}
}

export async function signedIn(baseURL: string, username: string | null): Promise<Client> {
	let cookie = '';
	const headers = () => ({ origin: baseURL, ...(cookie ? { cookie } : {}) });
	const client: Client = {
		username,
		get: (path) => send(new URL(path, baseURL), { headers: headers(), redirect: 'manual' }),
		post: (url, body, mode) =>
			send(new URL(url, baseURL), {
				method: 'POST',
				body,
				redirect: 'manual',
				headers: { ...headers(), ...(mode === 'json' ? { accept: 'application/json', 'x-sveltekit-action': 'true' } : { accept: 'text/html' }) }
			})
	};
	if (username) {
		const res = await fetch(new URL('/login', baseURL), {
			method: 'POST',
			body: new URLSearchParams({ username, password: E2E_PASSWORD }),
			headers: { ...headers(), accept: 'text/html' },
			redirect: 'manual'
		});
		expect(res.status, `log in as ${username}`).toBe(303);
		cookie = res.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
	}
	return client;
}

/** The action name of a form's target URL ('default' when it has none). */
export function actionName(action: string): string {
	const q = new URL(action).search;
	const m = /^\?\/([A-Za-z]+)/.exec(q);
	return m ? m[1] : 'default';
}

export const CJK = /[\u4e00-\u9fff]/;

/** The strings of a devalue payload (SvelteKit's action data): a flat array of values. */
export function stringsOf(json: unknown): string[] {
	const out: string[] = [];
	const visit = (v: unknown) => {
		if (typeof v === 'string') {
			if (v.startsWith('[') || v.startsWith('{')) {
				try {
					visit(JSON.parse(v));
					return;
				} catch {
					// plain text that happens to start with a bracket
				}
			}
			out.push(v);
		} else if (Array.isArray(v)) v.forEach(visit);
		else if (v && typeof v === 'object') Object.values(v).forEach(visit);
	};
	visit(json);
	return out;
}

export interface Outcome {
	http: number;
	kind: 'failure' | 'error' | 'redirect' | 'success' | 'other';
	location?: string;
	strings: string[];
}

/** Posts as SvelteKit's enhanced forms do, and reads the answer: failure, error, redirect or success. */
export async function postJson(client: Client, action: string, form: FormData): Promise<Outcome> {
	const res = await client.post(action, form, 'json');
	const text = await res.text();
	let body: { type?: string; location?: string } | null = null;
	try {
		body = JSON.parse(text);
	} catch {
		body = null;
	}
	const kind = body && ['failure', 'error', 'redirect', 'success'].includes(body.type ?? '') ? (body.type as Outcome['kind']) : 'other';
	return { http: res.status, kind, location: body?.location, strings: body ? stringsOf(body) : [text] };
}

/** Chinese text in an answer that is not an echo of what was sent. */
export function chineseMessages(out: Outcome, sent: readonly string[]): string[] {
	return out.strings.filter((s) => CJK.test(s) && !sent.some((x) => x.includes(s)));
}
