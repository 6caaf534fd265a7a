/**
 * The app's busiest requests, answered before SvelteKit (build/server.js, src/server/index.ts), because
 * SvelteKit's per-request pipeline costs more than the work itself (`npm run bench:drill`, `npm run
 * bench:quiz`):
 *  - POST /api/drills/:drillId/stages/:stageId/entries, the officers' autosave (officers only);
 *  - POST /api/attempts/:attemptId/answers, a quiz answer's autosave (anyone signed in);
 *  - POST /api/quizzes/:quizId/attempts, the start of a quiz attempt with its taking view (anyone signed
 *    in): a whole exam hall presses 开始作答 within seconds.
 *
 * The rules are the endpoints' own (save-endpoint.ts, quiz/endpoints.ts: body limit, schema, statuses,
 * JSON), the session handling is hooks.server.ts's (authenticateRequest: validation, renewal cookie) and
 * so are the headers (http/headers.ts). Only the usual request of a signed-in user with the route's role
 * is answered here; anything else goes on to SvelteKit untouched (`next`), decided before the body is
 * read:
 *  - another method or path, a query string, a content type other than application/json (SvelteKit's
 *    CSRF check is about form content types), no content-length or one over BODY_SIZE_LIMIT;
 *  - no session cookie, a dead session (hooks redirect to the login page and delete the cookie) or a user
 *    without the role (requireRole's 403, an HTML or JSON page depending on Accept). The cookie that
 *    authenticateRequest set is put on the response first: SvelteKit validates the session again, and
 *    would not send a renewal that happened here.
 * Routing is SvelteKit's as long as no `reroute` hook (src/hooks.ts) exists: one would have to apply here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Db } from '$lib/server/db';
import { authenticateRequest, SESSION_COOKIE, type CookieJar } from '$lib/server/auth/session';
import { answerSave, SAVE_ROLE, type JsonAnswer } from '$lib/server/drill/save-endpoint';
import { answerQuizSave, answerStart } from '$lib/server/quiz/endpoints';
import { renderMarkdown } from '$lib/server/markdown';
import { createCitationLinker } from '$lib/server/law/citation-linker';
import type { Role } from '$lib/domain/roles';
import { HSTS, PRIVATE_CACHE_CONTROL, SECURITY_HEADERS } from '$lib/server/http/headers';
import { reportServerError } from '$lib/server/http/server-error';

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface FastSaveOptions {
	db: Db;
	/** adapter-node's BODY_SIZE_LIMIT in bytes: a longer body is left to SvelteKit's refusal. */
	bodySizeLimit: number;
	/** Whether the app's URL is https (SvelteKit's `event.url.protocol`): session cookies are Secure then. */
	secure: boolean;
}

/** A route answered here: its path with the `id` params (src/params/id.ts) and nothing after it. */
interface FastRoute {
	path: RegExp;
	/** Who may use it: users with this role, or (null) anyone signed in, as the endpoint's requireRole/requireUser. */
	role: Role | null;
	answer: (db: Db, userId: number, ids: number[], body: string) => JsonAnswer;
}

const ID = '([1-9]\\d{0,8})';

function routes(db: Db): FastRoute[] {
	// The attempt page's rendering: renderMarkdown's default citation links, on this connection.
	const render = (md: string) => renderMarkdown(md, { linkCitations: createCitationLinker(db) });
	return [
		{ path: new RegExp(`^/api/drills/${ID}/stages/${ID}/entries$`), role: SAVE_ROLE, answer: (d, userId, [drillId, stageId], body) => answerSave(d, userId, drillId, stageId, body) },
		{ path: new RegExp(`^/api/attempts/${ID}/answers$`), role: null, answer: (d, userId, [attemptId], body) => answerQuizSave(d, userId, attemptId, body) },
		// The body is not read: the start needs none (the client sends `{}`).
		{ path: new RegExp(`^/api/quizzes/${ID}/attempts$`), role: null, answer: (d, userId, [quizId]) => answerStart(d, userId, quizId, render) }
	];
}

function findRoute(table: FastRoute[], url: string): { route: FastRoute; ids: number[] } | null {
	for (const route of table) {
		const m = route.path.exec(url);
		if (m) return { route, ids: m.slice(1).map(Number) };
	}
	return null;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;
/** Session tokens are lowercase base32 (generateSessionToken); anything else is SvelteKit's to parse. */
const TOKEN = /^[a-z0-9]{1,100}$/;

const utf8 = new TextDecoder(); // like Request.text(): a BOM is dropped, bad bytes become U+FFFD

export function createFastSave({ db, bodySizeLimit, secure }: FastSaveOptions): Middleware {
	const table = routes(db);
	return (req, res, next) => {
		const found = req.method === 'POST' ? findRoute(table, req.url ?? '') : null;
		if (!found || !JSON_TYPE.test(req.headers['content-type'] ?? '')) return next();
		const { route, ids } = found;
		const length = req.headers['content-length'];
		if (length === undefined || !/^\d+$/.test(length) || Number(length) > bodySizeLimit || req.headers['transfer-encoding'] !== undefined) return next();
		const token = sessionToken(req.headers.cookie);
		if (!token) return next();

		const cookies = new SetCookies();
		let userId: number;
		try {
			const { user } = authenticateRequest(db, token, cookies, secure);
			if (!user || (route.role !== null && !user.roles.includes(route.role))) {
				cookies.putOn(res);
				return next();
			}
			userId = user.id;
		} catch (e) {
			return send(res, serverError(req, e), cookies, secure);
		}

		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('error', () => res.destroy());
		req.on('end', () => {
			let result: JsonAnswer;
			try {
				result = route.answer(db, userId, ids, utf8.decode(Buffer.concat(chunks)));
			} catch (e) {
				result = serverError(req, e);
			}
			send(res, result, cookies, secure);
		});
	};
}

/** The session cookie's value when the Cookie header has exactly one, in the form tokens have. */
function sessionToken(header: string | undefined): string | null {
	if (!header) return null;
	let token: string | null = null;
	for (const pair of header.split(';')) {
		const eq = pair.indexOf('=');
		if (eq < 0 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
		if (token !== null) return null;
		token = pair.slice(eq + 1).trim();
	}
	return token !== null && TOKEN.test(token) ? token : null;
}

/**
 * The Set-Cookie lines of one response, written as SvelteKit's `cookies.set`/`delete` write them (the
 * `cookie` package's serialize, attribute order included), for the options session.ts uses.
 */
const SAME_SITE: Record<string, string> = { lax: 'Lax', strict: 'Strict', none: 'None' };

export class SetCookies implements CookieJar {
	readonly lines: string[] = [];

	set(name: string, value: string, opts: { path: string } & Record<string, unknown>): void {
		const { path, expires, maxAge, httpOnly, secure, sameSite, ...other } = opts;
		if (Object.keys(other).length || (sameSite !== undefined && !Object.hasOwn(SAME_SITE, String(sameSite))))
			throw new Error(`SetCookies: unsupported cookie options ${JSON.stringify(opts)}`);
		let line = `${name}=${encodeURIComponent(value)}`;
		if (typeof maxAge === 'number') line += `; Max-Age=${Math.floor(maxAge)}`;
		line += `; Path=${path}`;
		if (expires instanceof Date) line += `; Expires=${expires.toUTCString()}`;
		if (httpOnly) line += '; HttpOnly';
		if (secure) line += '; Secure';
		if (sameSite !== undefined) line += `; SameSite=${SAME_SITE[String(sameSite)]}`;
		this.lines.push(line);
	}

	delete(name: string, opts: { path: string } & Record<string, unknown>): void {
		this.set(name, '', { ...opts, maxAge: 0 });
	}

	putOn(res: ServerResponse): void {
		if (this.lines.length) res.setHeader('set-cookie', this.lines);
	}
}

function serverError(req: IncomingMessage, e: unknown): JsonAnswer {
	return { status: 500, body: reportServerError(req.method ?? 'POST', (req.url ?? '').split('?')[0], e) };
}

/** The answer with the headers SvelteKit's `json()` and hooks.server.ts give it (HSTS over https). */
function send(res: ServerResponse, { status, body }: JsonAnswer, cookies: SetCookies, secure: boolean): void {
	const text = JSON.stringify(body);
	cookies.putOn(res);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		'cache-control': PRIVATE_CACHE_CONTROL,
		...SECURITY_HEADERS,
		...(secure ? { 'strict-transport-security': HSTS } : {})
	});
	res.end(text);
}
