/**
 * Live scoreboard pushes (server-sent events). One hub per drill recomputes each view that someone is
 * watching every `TICK_MS` and sends it only when it changed, so 200 viewers cost one computation per
 * view, and time-based changes (the freeze beginning) reach viewers without any write to trigger them.
 * A viewer who arrives (a stream opens, a scoreboard page loads) while the hub runs gets the view as the
 * hub last computed it, if that is less than `TICK_MS` old: 200 大屏 and phones reconnecting at once (a
 * server restart, the venue's Wi-Fi coming back) cost one computation, not 200 (`npm run soak`).
 */
import type { Db } from '../db';
import { standings, type BoardView, type Standings } from './results';

export const TICK_MS = 1500;
const PING_MS = 15_000;

type Listener = (standings: Standings) => void;

interface Hub {
	listeners: Map<Listener, BoardView>;
	/** per view, the fingerprint of what the listeners were last sent */
	last: Map<BoardView, string>;
	/** per view, the standings last computed and when (Date.now()) */
	latest: Map<BoardView, { standings: Standings; at: number }>;
	timer: ReturnType<typeof setInterval>;
}

const hubs = new Map<number, Hub>();

/** What decides whether a view changed: everything but the moment it was computed. */
const fingerprint = ({ asOf: _asOf, ...rest }: Standings) => JSON.stringify(rest);

function tick(db: () => Db, drillId: number, hub: Hub) {
	const now = Date.now();
	for (const view of new Set(hub.listeners.values())) {
		const s = standings(db(), drillId, view, now);
		if (!s) continue;
		hub.latest.set(view, { standings: s, at: now });
		const f = fingerprint(s);
		if (hub.last.get(view) === f) continue;
		hub.last.set(view, f);
		for (const [listener, v] of hub.listeners) if (v === view) listener(s);
	}
}

/**
 * A drill's standings for a view: the hub's, when someone watches the drill and the hub computed them less
 * than `TICK_MS` ago (no older than what its viewers see), or computed now. For the scoreboard pages and
 * the first event of a stream; the hub's own ticks always compute.
 */
export function currentStandings(db: Db, drillId: number, view: BoardView, now = Date.now()): Standings | null {
	const hub = hubs.get(drillId);
	const cached = hub?.latest.get(view);
	if (cached && now >= cached.at && now - cached.at < TICK_MS) return cached.standings;
	const s = standings(db, drillId, view, now);
	// Kept for the next arrivals; `last` is left alone, so a change since the last tick still reaches everyone.
	if (s && hub) hub.latest.set(view, { standings: s, at: now });
	return s;
}

/** Calls `listener` with the current standings now and whenever they change; returns the unsubscribe. */
export function subscribe(db: () => Db, drillId: number, view: BoardView, listener: Listener): () => void {
	let hub = hubs.get(drillId);
	if (!hub) {
		const created: Hub = { listeners: new Map(), last: new Map(), latest: new Map(), timer: setInterval(() => tick(db, drillId, created), TICK_MS) };
		created.timer.unref?.();
		hubs.set(drillId, created);
		hub = created;
	}
	hub.listeners.set(listener, view);
	const first = currentStandings(db(), drillId, view);
	if (first) listener(first);
	const own = hub;
	return () => {
		own.listeners.delete(listener);
		if (own.listeners.size === 0) {
			clearInterval(own.timer);
			if (hubs.get(drillId) === own) hubs.delete(drillId);
		}
	};
}

/** How many viewers a drill's hub has (for tests and the control room). */
export function viewerCount(drillId: number): number {
	return hubs.get(drillId)?.listeners.size ?? 0;
}

/** Ends every open stream, now and as soon as one opens (the server is shutting down). */
const enders = new Set<() => void>();
let draining = false;

/**
 * Ends the open standings streams, and any opened later, so that a shutdown does not wait for them
 * (src/lib/server/http/shutdown.ts). The browsers' EventSource reconnects, to the next server.
 */
export function endStreams(): void {
	draining = true;
	for (const end of [...enders]) end();
}

/**
 * A text/event-stream Response: an event `standings` with the JSON on every change, and a comment line
 * every 15 s so proxies keep the connection open. Closing the connection unsubscribes.
 */
export function standingsStream(db: () => Db, drillId: number, view: BoardView): Response {
	const encoder = new TextEncoder();
	let stop = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const write = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			const ping = setInterval(() => write(': ping\n\n'), PING_MS);
			const unsubscribe = subscribe(db, drillId, view, (s) => write(`event: standings\ndata: ${JSON.stringify(s)}\n\n`));
			const end = () => {
				stop();
				try {
					controller.close();
				} catch {
					// already closed or cancelled
				}
			};
			stop = () => {
				clearInterval(ping);
				unsubscribe();
				enders.delete(end);
			};
			enders.add(end);
			if (draining) end();
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' } });
}
