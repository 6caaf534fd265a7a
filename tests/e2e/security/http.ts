import { dirname, resolve } from 'node:path';
import { test } from '@playwright/test';
import Database from 'better-sqlite3';
import { E2E_DATABASE, E2E_PASSWORD, E2E_PORT } from '../../fixtures/env.js';
import type { Outcome } from './matrix';

/**
 * A signed-in (or anonymous) HTTP client for the security specs: plain fetch with the session cookie,
 * no browser, redirects not followed. The server listens on 127.0.0.1; forms carry the app's origin
 * (SvelteKit refuses cross-site form posts).
 */
export const ORIGIN = `http://localhost:${E2E_PORT}`;
const BASE = `http://127.0.0.1:${E2E_PORT}`;

export interface Answer {
	status: number;
	location: string | null;
	type: string;
	text: string;
}

export class Client {
	constructor(
		readonly name: string,
		private cookie = ''
	) {}

	get signedIn(): boolean {
		return this.cookie !== '';
	}

	/** A page or endpoint. `stream`: only the status and headers (server-sent events never end). */
	async get(path: string, opts: { stream?: boolean } = {}): Promise<Answer> {
		return this.send('GET', path, undefined, {}, opts.stream);
	}

	/** A form action: `?/name` or the default one, as a browser without JavaScript posts it. */
	async postForm(path: string, form: Record<string, string | string[]> = {}): Promise<Answer> {
		const body = new URLSearchParams();
		for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
		return this.send('POST', path, body.toString(), { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN });
	}

	/**
	 * A form action as the app's pages post it (`use:enhance`): the answer is the action's own, since the
	 * page is not rendered again. SvelteKit wraps it in JSON (failure and redirect with HTTP 200); it is
	 * unwrapped here into a status and location.
	 */
	async action(path: string, form: Record<string, string | string[]> = {}): Promise<Answer> {
		const body = new URLSearchParams();
		for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
		const a = await this.send('POST', path, body.toString(), {
			'content-type': 'application/x-www-form-urlencoded',
			origin: ORIGIN,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		});
		if (!a.type.startsWith('application/json')) return a;
		const r = JSON.parse(a.text) as { type: string; status?: number; location?: string };
		if (r.type === 'failure') return { ...a, status: r.status! };
		if (r.type === 'redirect') return { ...a, status: r.status!, location: r.location! };
		return a;
	}

	async postJson(path: string, body: unknown): Promise<Answer> {
		return this.send('POST', path, JSON.stringify(body), { 'content-type': 'application/json', origin: ORIGIN });
	}

	private async send(method: string, path: string, body: string | undefined, headers: Record<string, string>, stream = false): Promise<Answer> {
		const ctrl = new AbortController();
		const request = () =>
			fetch(BASE + path, {
				method,
				body,
				redirect: 'manual',
				signal: ctrl.signal,
				// text/html: SvelteKit answers an action posted with `accept: */*` as JSON, with status 200.
				headers: { accept: 'text/html,application/json;q=0.9,*/*;q=0.8', ...(this.cookie ? { cookie: this.cookie } : {}), ...headers }
			});
		// A kept-alive connection the server closed just as it was reused: the request never reached the app.
		const res = await request().catch((e: unknown) => {
			if ((e as { cause?: { code?: string } }).cause?.code === 'UND_ERR_SOCKET') return request();
			throw e;
		});
		const type = res.headers.get('content-type') ?? '';
		let text = '';
		if (stream && type.startsWith('text/event-stream')) ctrl.abort();
		else text = await res.text();
		return { status: res.status, location: res.headers.get('location'), type, text };
	}

	/** Logs in through the login form (POST /login), as tests/fixtures/auth.ts does in a browser. */
	static async login(username: string, password = E2E_PASSWORD): Promise<Client> {
		const res = await fetch(`${BASE}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { accept: 'text/html', origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ username, password }).toString()
		});
		const session = res.headers.getSetCookie().find((c) => c.startsWith('session='));
		if (res.status !== 303 || !session) throw new Error(`login of ${username} failed: ${res.status}`);
		return new Client(username, session.split(';')[0]);
	}
}

/** What an answer means in the matrix's terms: a redirect to the login page, any other redirect, or the status. */
export function outcomeOf(a: Answer): Outcome | number {
	if (a.status >= 300 && a.status < 400) return a.location?.startsWith('/login') ? 'login' : 303;
	return a.status;
}

/** Reads the e2e server's database, read-only (as training.spec.ts does): ids, and proof that nothing changed. */
export function readDb<T>(read: (db: Database.Database) => T): T {
	const db = new Database(resolve(dirname(test.info().config.configFile!), E2E_DATABASE), { readonly: true, fileMustExist: true });
	try {
		return read(db);
	} finally {
		db.close();
	}
}

/** Runs `jobs` with at most `limit` at a time. */
export async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
	const out: T[] = new Array(jobs.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, jobs.length) }, async () => {
			while (next < jobs.length) {
				const i = next++;
				out[i] = await jobs[i]();
			}
		})
	);
	return out;
}
