/**
 * The app's server, build/server.js (bundled from here by scripts/build-server.js at the end of `vite
 * build`): adapter-node's handler behind the fast path for autosaves and quiz starts (fast-save.ts), as
 * SvelteKit documents for custom servers. `npm start`, the end-to-end tests and `npm run bench:drill` all run this file.
 *
 * It reads adapter-node's settings: HOST, PORT, ORIGIN, BODY_SIZE_LIMIT, SHUTDOWN_TIMEOUT,
 * KEEP_ALIVE_TIMEOUT and HEADERS_TIMEOUT (the handler itself reads ORIGIN, PROTOCOL_HEADER, HOST_HEADER,
 * ADDRESS_HEADER, …). Unix sockets and systemd socket activation are not supported here (`node build`
 * still has them, without the fast path). Without ORIGIN the fast path is off: SvelteKit would then take
 * the protocol from PROTOCOL_HEADER per request, and every save and quiz start goes to SvelteKit.
 */
import type { EventEmitter } from 'node:events';
import http from 'node:http';
import { databasePath, openDb } from '$lib/server/db';
import { DRAIN_EVENT } from '$lib/server/http/shutdown';
import { createFastSave, type Middleware } from './fast-save';

const env = (name: string, fallback: string) => process.env[name] || fallback;

if (process.env.SOCKET_PATH || process.env.LISTEN_PID || process.env.LISTEN_FDS)
	throw new Error('build/server.js listens on HOST:PORT only; for SOCKET_PATH or socket activation run `node build`');

/** adapter-node's BODY_SIZE_LIMIT syntax: bytes, or a number with K, M or G. */
function parseBytes(value: string): number {
	const multiplier = ({ K: 1024, M: 1024 ** 2, G: 1024 ** 3 } as Record<string, number>)[value.at(-1)?.toUpperCase() ?? ''] ?? 1;
	return Number(multiplier === 1 ? value : value.slice(0, -1)) * multiplier;
}

function seconds(name: string): number | undefined {
	const value = process.env[name];
	if (!value) return undefined;
	if (!/^\d+$/.test(value)) throw new Error(`Invalid value for environment variable ${name}: ${JSON.stringify(value)} (should be a non-negative integer)`);
	return Number(value);
}

// adapter-node's handler, next to this file in build/. Importing it runs SvelteKit's server init, which
// migrates the database (hooks.server.ts): the fast path opens its own connection only after that.
const { handler } = (await import(new URL('./handler.js', import.meta.url).href)) as { handler: Middleware };

const origin = process.env.ORIGIN;
const db = origin ? openDb(databasePath()) : null;
const fastSave: Middleware | null =
	origin && db ? createFastSave({ db, bodySizeLimit: parseBytes(env('BODY_SIZE_LIMIT', '512K')), secure: new URL(origin).protocol === 'https:' }) : null;

// adapter-node's handler answers everything it is given (its last step is SvelteKit's); the 404 is a net.
const toSvelteKit = (req: http.IncomingMessage, res: http.ServerResponse) => handler(req, res, () => res.writeHead(404).end('Not Found'));
const server = http.createServer(fastSave ? (req, res) => fastSave(req, res, () => toSvelteKit(req, res)) : toSvelteKit);
const keepAlive = seconds('KEEP_ALIVE_TIMEOUT');
if (keepAlive !== undefined) server.keepAliveTimeout = keepAlive * 1000;
const headersTimeout = seconds('HEADERS_TIMEOUT');
if (headersTimeout !== undefined) server.headersTimeout = headersTimeout * 1000;

const host = env('HOST', '0.0.0.0');
const port = Number(env('PORT', '3000'));
// The accept queue: a whole exam hall pressing 开始作答 at once opens thousands of connections within
// seconds. Node's default (511) overflows under such a burst, and a connection that finds the queue full
// waits for a SYN retransmission (1 s, 3 s, 7 s …) or is reset. The kernel caps it at
// net.core.somaxconn (4096 by default since Linux 5.4; raise it there on an older kernel).
const BACKLOG = 4096;
server.listen({ port, host, backlog: BACKLOG }, () => {
	console.log(`Listening on http://${host}:${port}${fastSave ? '' : '（未设置 ORIGIN：自动保存和开始测验不走快速通道）'}`);
});

// Graceful shutdown as adapter-node's: stop accepting, let requests in flight finish (closing keep-alive
// connections as they go idle), cut what is left after SHUTDOWN_TIMEOUT seconds, then close the databases:
// the fast path's here, SvelteKit's on 'sveltekit:shutdown' (hooks.server.ts). Unlike adapter-node, it
// first tells the app to end the responses that never end by themselves (DRAIN_EVENT: the scoreboard
// streams), or a 大屏 left open would hold every restart for SHUTDOWN_TIMEOUT.
let shutdownTimer: NodeJS.Timeout | undefined;
server.on('request', (req: http.IncomingMessage) => {
	req.on('close', () => {
		if (shutdownTimer) server.closeIdleConnections();
	});
});

function shutdown(reason: 'SIGINT' | 'SIGTERM'): void {
	if (shutdownTimer) return;
	shutdownTimer = setTimeout(() => server.closeAllConnections(), Number(env('SHUTDOWN_TIMEOUT', '30')) * 1000);
	(process as EventEmitter).emit(DRAIN_EVENT, reason);
	server.closeIdleConnections();
	server.close((error) => {
		if (error) return;
		clearTimeout(shutdownTimer);
		db?.$client.close();
		(process as EventEmitter).emit('sveltekit:shutdown', reason);
	});
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
