/**
 * Rotating QR check-in codes (扫码签到). The trainer's screen shows a QR code for a slot (one sitting of a
 * session) that changes every 30 s, so a photo of it forwarded to a WeChat group stops working within a
 * minute and people have to be in the room. Codes are a TOTP-style HMAC of the slot and the time window:
 * the server needs no table of issued codes, only the session's secret.
 *
 * Pure TS (HMAC-SHA-256 from @oslojs/crypto, no node:crypto), so the same code can run in the browser.
 */
import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

export const CHECKIN_PERIOD_MS = 30_000;
/** 8 base32 characters = 40 bits of the MAC: unguessable within a window once attempts are rate-limited. */
export const CHECKIN_CODE_LENGTH = 8;

export type CheckinVerdict = 'ok' | 'expired' | 'invalid';

export interface VerifyOptions {
	periodMs?: number;
	/** How many windows before the current one still count: 1 lets a code scanned at second 29 through. */
	acceptPrevious?: number;
	/**
	 * How many windows further back a code is recognised as 'expired' rather than 'invalid', so a latecomer
	 * with an old photo is told to rescan. Default 10 (5 minutes at 30 s).
	 */
	expiredWindows?: number;
}

const encoder = new TextEncoder();

function windowOf(nowMs: number, periodMs: number): number {
	if (!Number.isFinite(nowMs) || nowMs < 0) throw new Error(`checkin: bad time ${nowMs}`);
	if (!Number.isSafeInteger(periodMs) || periodMs <= 0) throw new Error(`checkin: bad period ${periodMs}`);
	return Math.floor(nowMs / periodMs);
}

function codeForWindow(secret: string, slotId: number, window: number): string {
	if (secret === '') throw new Error('checkin: empty secret');
	if (!Number.isSafeInteger(slotId) || slotId < 1) throw new Error(`checkin: bad slot ${slotId}`);
	const mac = hmac(SHA256, encoder.encode(secret), encoder.encode(`${slotId}:${window}`));
	return encodeBase32UpperCaseNoPadding(mac.subarray(0, 5));
}

/** The code shown for `slotId` at `nowMs` (ms since the epoch). Same window, same code. */
export function checkinCode(secret: string, slotId: number, nowMs: number, periodMs = CHECKIN_PERIOD_MS): string {
	return codeForWindow(secret, slotId, windowOf(nowMs, periodMs));
}

/**
 * Reads a typed or scanned code: case-insensitive, spaces and dashes ignored, and the digits people type
 * for look-alike letters (0 → O, 1 → I, 8 → B) mapped back, since base32 (RFC 4648) has no 0, 1 or 8.
 */
function normaliseCode(code: string): string {
	return code
		.replace(/[\s-]/g, '')
		.toUpperCase()
		.replace(/[018]/g, (c) => ({ '0': 'O', '1': 'I', '8': 'B' })[c as '0' | '1' | '8']);
}

/**
 * Compares two strings in time that depends only on their lengths, not on where they differ, so the
 * response time does not reveal how many leading characters of a guess were right.
 */
export function constantTimeEqualText(a: string, b: string): boolean {
	const n = Math.max(a.length, b.length);
	let diff = a.length ^ b.length;
	for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
	return diff === 0;
}

/**
 * 'ok' for the current window and the `acceptPrevious` windows before it; 'expired' for a genuine code of
 * an older window (up to `expiredWindows` further back); 'invalid' for anything else, including a code of
 * another slot or a future window (the server both shows and checks codes, so there is no clock skew).
 */
export function verifyCheckinCode(secret: string, slotId: number, code: string, nowMs: number, options: VerifyOptions = {}): CheckinVerdict {
	const { periodMs = CHECKIN_PERIOD_MS, acceptPrevious = 1, expiredWindows = 10 } = options;
	const current = windowOf(nowMs, periodMs);
	const given = normaliseCode(code);
	if (!/^[A-Z2-7]+$/.test(given) || given.length !== CHECKIN_CODE_LENGTH) return 'invalid';
	for (let back = 0; back <= acceptPrevious + expiredWindows && back <= current; back++) {
		if (constantTimeEqualText(given, codeForWindow(secret, slotId, current - back))) return back <= acceptPrevious ? 'ok' : 'expired';
	}
	return 'invalid';
}

/** The path the QR code points to; the route looks up the slot and calls verifyCheckinCode. */
export function checkinUrlPath(slotId: number, code: string): string {
	return `/checkin/${slotId}/${encodeURIComponent(code)}`;
}
