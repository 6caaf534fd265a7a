/**
 * Headers of the app's responses, set by hooks.server.ts and, for the autosaves it answers itself, by the
 * custom server's fast path (src/server/fast-save.ts).
 */

/** On every response. */
export const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
	// Powerful features the app never asks for, so that injected content cannot either. Fullscreen (the
	// check-in projector) and clipboard (copying the scoreboard link) keep their default, this origin only.
	// Only features Chromium knows: an unknown one is logged as a console error.
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'
} as const;

/**
 * Only on responses that came over HTTPS (behind a TLS proxy with ORIGIN=https://…): over plain HTTP the
 * browser ignores it, and a venue LAN usually has no certificate to keep it to.
 */
export const HSTS = 'max-age=31536000';

/** Pages behind login hold personal data: never let a shared proxy or the back button cache them. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';
