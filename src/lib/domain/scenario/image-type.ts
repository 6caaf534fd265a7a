/** Image types accepted for scenario pictures, recognised by their content, never by name or declared type. */
export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/svg+xml';

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

/** The type of an image from its first bytes, or null when it is none of PNG, JPEG, WebP or SVG. */
export function detectImageType(bytes: Uint8Array): ImageMime | null {
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
	// SVG is text: after an optional BOM, XML declaration, comments and doctype, the root must be <svg.
	const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
	const rest = head.replace(/^\s*(<\?xml[^>]*\?>\s*)?((<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*/i, '');
	if (/^<svg[\s>]/i.test(rest)) return 'image/svg+xml';
	return null;
}
