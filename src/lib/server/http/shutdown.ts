/**
 * Emitted on `process` by build/server.js (src/server/index.ts) as soon as a shutdown begins (SIGTERM,
 * SIGINT), before it waits for the requests in flight. Responses that never end by themselves, the
 * scoreboard's server-sent events, end on it (hooks.server.ts), so that they do not hold the shutdown
 * until SHUTDOWN_TIMEOUT cuts them; the browsers' EventSource reconnects by itself. SvelteKit's own
 * 'sveltekit:shutdown' comes later, once every connection has closed.
 */
export const DRAIN_EVENT = 'app:drain';
