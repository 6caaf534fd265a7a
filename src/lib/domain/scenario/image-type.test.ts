import { describe, expect, it } from 'vitest';
import { detectImageType } from './image-type';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('detectImageType', () => {
	const cases: [string, Uint8Array, string | null][] = [
		['PNG signature', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0), 'image/png'],
		['JPEG signature', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
		['WebP RIFF', new Uint8Array([...text('RIFF'), 1, 2, 3, 4, ...text('WEBPVP8 ')]), 'image/webp'],
		['RIFF that is not WebP (WAV)', new Uint8Array([...text('RIFF'), 1, 2, 3, 4, ...text('WAVEfmt ')]), null],
		['plain SVG', text('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'image/svg+xml'],
		['SVG with XML declaration, comment and BOM', text('\uFEFF<?xml version="1.0"?>\n<!-- plan -->\n<svg viewBox="0 0 1 1"/>'), 'image/svg+xml'],
		['HTML renamed to .svg', text('<html><script>alert(1)</script></html>'), null],
		['GIF', text('GIF89a....'), null],
		['PDF', text('%PDF-1.7'), null],
		['empty', bytes(), null],
		['text mentioning svg later', text('hello <svg></svg>'), null]
	];
	for (const [name, input, expected] of cases) it(name, () => expect(detectImageType(input)).toBe(expected));
});
