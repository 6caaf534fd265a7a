/**
 * Headers of the app's responses, set by hooks.server.ts and, for the autosaves it answers itself, by the
 * custom server's fast path (src/server/fast-save.ts).
 */

/** On every response. */
export const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY'
} as const;

/** Pages behind login hold personal data: never let a shared proxy or the back button cache them. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';
