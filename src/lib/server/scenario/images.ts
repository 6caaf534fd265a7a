import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import sanitizeHtml from 'sanitize-html';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { databasePath } from '../db';
import { scenarioImage } from '../db/schema';
import type { Tx } from '../audit';
import { detectImageType, type ImageMime } from '../../domain/scenario/image-type';
import { MAX_IMAGE_BYTES } from '../../domain/scenario/portable-schema';
import { err, ok, type Result } from '../../domain/result';

/** Uploads live beside the database (data/uploads), or under UPLOAD_DIR. */
export function uploadDir(): string {
	if (process.env.UPLOAD_DIR) return resolve(process.env.UPLOAD_DIR);
	const db = databasePath();
	return db === ':memory:' ? join(tmpdir(), 'zhifa-uploads') : join(dirname(resolve(db)), 'uploads');
}

const SVG_TAGS = [
	'svg', 'g', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'defs',
	'lineargradient', 'radialgradient', 'stop', 'title', 'desc', 'marker', 'pattern', 'clippath', 'mask', 'symbol'
];
const SVG_ATTRS = [
	'xmlns', 'viewbox', 'width', 'height', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points',
	'fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'opacity', 'fill-opacity',
	'stroke-opacity', 'transform', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'id',
	'class', 'offset', 'stop-color', 'stop-opacity', 'gradientunits', 'gradienttransform', 'preserveaspectratio',
	'marker-end', 'marker-start', 'markerwidth', 'markerheight', 'refx', 'refy', 'orient', 'letter-spacing',
	'clip-path', 'mask', 'fill-rule', 'clip-rule', 'patternunits', 'dx', 'dy', 'rotate', 'xml:space', 'version'
];
// Names as SVG spells them (the HTML parser lower-cases), restored after sanitising.
const CAMEL = ['viewBox', 'linearGradient', 'radialGradient', 'clipPath', 'gradientUnits', 'gradientTransform', 'preserveAspectRatio', 'markerWidth', 'markerHeight', 'refX', 'refY', 'patternUnits'];

/**
 * Keeps only drawing elements and presentation attributes: no scripts, event handlers, links, foreign
 * objects, external references or styles. Paint references must be local (url(#id)).
 */
export function sanitizeSvg(svg: string): string | null {
	const clean = sanitizeHtml(svg, {
		allowedTags: SVG_TAGS,
		allowedAttributes: { '*': SVG_ATTRS },
		allowedSchemes: [],
		allowProtocolRelative: false,
		parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
		nonTextTags: ['script', 'style', 'foreignobject', 'iframe', 'noscript', 'textarea', 'option'],
		exclusiveFilter: () => false,
		transformTags: {
			'*': (tagName, attribs) => {
				for (const [k, v] of Object.entries(attribs)) {
					if (/url\(/i.test(v) && !/^\s*url\(\s*#[\w-]+\s*\)\s*$/i.test(v)) delete attribs[k];
				}
				return { tagName, attribs };
			}
		}
	});
	let out = clean;
	for (const name of CAMEL) out = out.replace(new RegExp(`(<|</|\\s)${name.toLowerCase()}(?=[\\s=>/])`, 'g'), `$1${name}`);
	return /^\s*<svg[\s>]/.test(out) ? out : null;
}

export type ImageError = 'image.too_large' | 'image.bad_type' | 'image.empty' | 'image.bad_svg';

/** Checks content and size, sanitises SVG; returns the bytes to store and their real type. */
export function prepareImage(input: Uint8Array): Result<{ mime: ImageMime; bytes: Uint8Array }, ImageError> {
	if (input.byteLength === 0) return err('image.empty');
	if (input.byteLength > MAX_IMAGE_BYTES) return err('image.too_large');
	const mime = detectImageType(input);
	if (!mime) return err('image.bad_type');
	if (mime !== 'image/svg+xml') return ok({ mime, bytes: input });
	const svg = sanitizeSvg(new TextDecoder().decode(input));
	if (!svg) return err('image.bad_svg');
	return ok({ mime, bytes: new TextEncoder().encode(svg) });
}

function fileFor(id: string): string {
	return join(uploadDir(), id);
}

export function newImageId(): string {
	return randomBytes(16).toString('hex');
}

/**
 * Stores prepared bytes under a random name. Call `writeImageFile` before the transaction that inserts
 * the row (file writes are not transactional; an orphan file is harmless, a row without a file is not).
 */
export function writeImageFile(id: string, bytes: Uint8Array): void {
	mkdirSync(uploadDir(), { recursive: true });
	writeFileSync(fileFor(id), bytes);
}

export function insertImageRow(tx: Tx, id: string, scenarioId: number, mime: ImageMime, bytes: Uint8Array): void {
	tx.insert(scenarioImage)
		.values({ id, scenarioId, mime, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') })
		.run();
}

/**
 * Checks a picture and writes its file under a new id; the caller inserts its row (`insertImageRow`) in the
 * transaction that makes the draft refer to it, so that a refused edit leaves no row behind.
 */
export function stageImage(input: Uint8Array): Result<{ id: string; mime: ImageMime; bytes: Uint8Array }, ImageError> {
	const prepared = prepareImage(input);
	if (!prepared.ok) return prepared;
	const id = newImageId();
	writeImageFile(id, prepared.value.bytes);
	return ok({ id, ...prepared.value });
}

export function storeImage(db: Db, scenarioId: number, input: Uint8Array): Result<{ id: string; mime: ImageMime }, ImageError> {
	const staged = stageImage(input);
	if (!staged.ok) return staged;
	insertImageRow(db, staged.value.id, scenarioId, staged.value.mime, staged.value.bytes);
	return ok({ id: staged.value.id, mime: staged.value.mime });
}

export function imageRow(db: Db, id: string) {
	return db.select().from(scenarioImage).where(eq(scenarioImage.id, id)).get() ?? null;
}

export function readImageBytes(id: string): Uint8Array | null {
	const path = fileFor(id);
	return /^[a-z0-9]{16,64}$/.test(id) && existsSync(path) ? readFileSync(path) : null;
}

export function scenarioImageIds(db: Db, scenarioId: number): Set<string> {
	return new Set(db.select({ id: scenarioImage.id }).from(scenarioImage).where(eq(scenarioImage.scenarioId, scenarioId)).all().map((r) => r.id));
}
