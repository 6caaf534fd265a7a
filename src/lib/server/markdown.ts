/**
 * Server-side Markdown → safe HTML for `{@html}`.
 *
 * Pipeline: marked (GFM) → sanitize-html with an allow-list → optional citation linking.
 *
 * - Raw HTML in the Markdown is handed to the sanitizer rather than escaped, so authors can use the
 *   few harmless inline tags that Markdown lacks (`m<sup>3</sup>`, `<abbr title>`, `<br>` in a table
 *   cell). Everything else is dropped: disallowed tags lose the tag but keep their text, and the
 *   contents of script/style-like elements are dropped entirely.
 * - Headings are demoted by two levels (h1→h3, h2→h4, h3→h5, h4–h6→h6) because every page already
 *   owns its h1/h2. The shift happens in the sanitizer, so raw `<h1>` is demoted too.
 * - URLs are checked by our own policy (`checkUrl`) on top of sanitize-html's scheme check: links may
 *   be http(s), mailto, `/path` or `#frag`; images only `https:` or `/path`. A link whose URL fails
 *   becomes a bare `<span>`; an image whose URL fails becomes a `<span>` holding its alt text.
 * - Citation linking runs *after* sanitising, over the text nodes of the sanitised HTML, and emits
 *   the only markup the sanitizer never sees. That is safe because sanitize-html's output is
 *   well-formed: `<` and `>` occur only as tag delimiters (text and attribute values are escaped), so
 *   splitting on `<…>` finds every tag exactly; and each anchor we add is built from a validated
 *   lawId, an integer article and escaped text.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { getDb } from './db';
import { createCitationLinker } from './law/citation-linker';

/** A citation found in a run of plain text; offsets are UTF-16 indices into that text. */
export interface CitationSpan {
	start: number;
	end: number;
	/** null when the law could not be resolved; such spans stay plain text. */
	lawId: string | null;
	article: number;
	paragraph?: number;
	item?: number;
	label?: string;
	/** Tooltip, e.g. the article's heading; rendered as the anchor's `title`. */
	title?: string;
}

/** Finds citations in one text node. Must be pure; it is called once per text node. */
export type CitationLinker = (text: string) => CitationSpan[];

export interface RenderMarkdownOptions {
	/** Omitted: link citations against the app's law library; null: no citation links. */
	linkCitations?: CitationLinker | null;
}

/** Classes a `<span>` may carry; any other class is removed. */
export const SPAN_CLASSES = ['citation', 'highlight'] as const;

const LAW_ID = /^[a-z0-9-]+$/;

/** Tags whose text must never receive citation anchors (no nested links, no rewriting code). */
const NO_LINK_TAGS = new Set(['a', 'code', 'pre']);

const HEADING_SHIFT = 2;

const markdown = new Marked({
	gfm: true,
	// Content is written by non-technical staff, often pasted from Word: a newline means a new line.
	breaks: true,
	async: false,
	renderer: {
		// GFM task lists would emit <input>, which the sanitizer forbids; render the state as text.
		checkbox({ checked }) {
			return checked ? '☑ ' : '☐ ';
		}
	}
});

type UrlKind = 'link' | 'image';

/**
 * Returns the URL to emit, or null when it is not allowed. Browsers drop tab/CR/LF anywhere in a URL
 * and C0 controls/space at its ends, so we do the same before looking at the scheme; any control
 * character left after that is refused outright. Entities are already decoded by the HTML parser.
 */
export function checkUrl(raw: string, kind: UrlKind): string | null {
	const url = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
	if (url === '' || /[\u0000-\u001f\u007f-\u009f\\]/.test(url)) return null;
	if (url.startsWith('/')) return url.startsWith('//') ? null : url;
	if (url.startsWith('#')) return kind === 'link' ? url : null;
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase();
	const allowed = kind === 'link' ? ['http', 'https', 'mailto'] : ['https'];
	return scheme !== undefined && allowed.includes(scheme) ? url : null;
}

function transformLink(_tag: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
	const href = attribs.href === undefined ? null : checkUrl(attribs.href, 'link');
	// Renaming to an allowed tag, not to a disallowed one: sanitize-html 2.17 forgets to clear its
	// rename bookkeeping for discarded tags, which then renames an unrelated closing tag.
	if (href === null) return { tagName: 'span', attribs: {} };
	// Rebuild the attributes so author-supplied rel/target can never survive.
	const out: sanitizeHtml.Attributes = { href };
	if (attribs.title) out.title = attribs.title;
	if (/^https?:/i.test(href)) {
		out.rel = 'noopener noreferrer';
		out.target = '_blank';
	}
	return { tagName: 'a', attribs: out };
}

function transformImage(_tag: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
	const src = attribs.src === undefined ? null : checkUrl(attribs.src, 'image');
	if (src === null) return { tagName: 'span', attribs: {}, text: attribs.alt ?? '' };
	const out: sanitizeHtml.Attributes = { src, alt: attribs.alt ?? '' };
	if (attribs.title) out.title = attribs.title;
	return { tagName: 'img', attribs: out };
}

function transformOrderedList(_tag: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
	const start = attribs.start;
	return { tagName: 'ol', attribs: start !== undefined && /^\d{1,9}$/.test(start) ? { start } : {} };
}

function demoteHeading(tag: string): sanitizeHtml.Transformer {
	const level = Math.min(Number(tag.slice(1)) + HEADING_SHIFT, 6);
	return () => ({ tagName: `h${level}`, attribs: {} });
}

/** Table cells keep `align` (what marked emits for GFM column alignment) only with a known value. */
function transformCell(tag: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
	const align = attribs.align?.toLowerCase();
	return { tagName: tag, attribs: align === 'left' || align === 'center' || align === 'right' ? { align } : {} };
}

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: [
		'p', 'br', 'hr', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 'code', 'pre', 'blockquote',
		'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img', 'abbr', 'sup', 'sub',
		'span'
	],
	allowedAttributes: {
		a: ['href', 'title', 'rel', 'target'],
		img: ['src', 'alt', 'title'],
		abbr: ['title'],
		span: ['class'],
		code: ['class'],
		ol: ['start'],
		th: ['align'],
		td: ['align']
	},
	allowedClasses: {
		span: [...SPAN_CLASSES],
		code: ['language-*']
	},
	// Belt and braces: checkUrl has already vetted these; sanitize-html re-checks the scheme.
	allowedSchemes: ['http', 'https', 'mailto'],
	allowedSchemesByTag: { img: ['https'] },
	allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
	allowProtocolRelative: false,
	allowVulnerableTags: false,
	disallowedTagsMode: 'discard',
	// Elements whose content is code, markup or UI chrome rather than prose: drop it with the tag.
	nonTextTags: [
		'script', 'style', 'textarea', 'option', 'select', 'noscript', 'noembed', 'noframes', 'xmp',
		'iframe', 'object', 'template', 'title', 'svg', 'math', 'head'
	],
	transformTags: {
		a: transformLink,
		img: transformImage,
		h1: demoteHeading('h1'),
		h2: demoteHeading('h2'),
		h3: demoteHeading('h3'),
		h4: demoteHeading('h4'),
		h5: demoteHeading('h5'),
		h6: demoteHeading('h6'),
		th: transformCell,
		td: transformCell,
		ol: transformOrderedList
	},
	// linkCitations relies on the parser decoding entities so that the output is uniformly re-escaped.
	parser: { decodeEntities: true }
};

/** Escapes text for use in element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the entities sanitize-html emits in text (it decodes its input and re-escapes only
 * & < > "), plus numeric ones for robustness. Unknown named entities are left as written.
 */
function decodeText(html: string): string {
	return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
		if (ref[0] !== '#') return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
		const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
	});
}

function isLinkable(span: CitationSpan, length: number): span is CitationSpan & { lawId: string } {
	return (
		typeof span.lawId === 'string' &&
		LAW_ID.test(span.lawId) &&
		Number.isSafeInteger(span.article) &&
		span.article > 0 &&
		Number.isInteger(span.start) &&
		Number.isInteger(span.end) &&
		span.start >= 0 &&
		span.start < span.end &&
		span.end <= length
	);
}

function citationAnchor(span: CitationSpan & { lawId: string }, text: string): string {
	const law = escapeHtml(span.lawId);
	const title = typeof span.title === 'string' && span.title !== '' ? ` title="${escapeHtml(span.title)}"` : '';
	return (
		`<a class="citation" href="/laws/${law}#a${span.article}" data-law="${law}" ` +
		`data-article="${span.article}"${title}>${escapeHtml(text)}</a>`
	);
}

/** Links the citations in one escaped text node; returns it unchanged when there are none. */
function linkTextNode(escaped: string, linker: CitationLinker): string {
	const text = decodeText(escaped);
	if (text.trim() === '') return escaped;
	const spans = linker(text)
		.filter((s) => isLinkable(s, text.length))
		.sort((a, b) => a.start - b.start);
	if (spans.length === 0) return escaped;
	let out = '';
	let pos = 0;
	for (const span of spans) {
		if (span.start < pos) continue; // overlaps the previous citation: keep the first
		out += escapeHtml(text.slice(pos, span.start)) + citationAnchor(span, text.slice(span.start, span.end));
		pos = span.end;
	}
	return out + escapeHtml(text.slice(pos));
}

/** Wraps citations found in text nodes of sanitised HTML, skipping text inside a, code and pre. */
function linkCitations(html: string, linker: CitationLinker): string {
	// Odd indices are tags: sanitised output has no `<` or `>` outside tags.
	const parts = html.split(/(<[^>]*>)/);
	let skipDepth = 0;
	let out = '';
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i];
		if (i % 2 === 1) {
			const tag = /^<(\/?)([a-z][a-z0-9-]*)/i.exec(part);
			if (tag && NO_LINK_TAGS.has(tag[2].toLowerCase())) {
				skipDepth = Math.max(0, skipDepth + (tag[1] ? -1 : 1));
			}
			out += part;
		} else {
			out += skipDepth > 0 || part === '' ? part : linkTextNode(part, linker);
		}
	}
	return out;
}

/**
 * Renders author-supplied Markdown to HTML that is safe for `{@html}`.
 * With `linkCitations`, law citations in ordinary text become `<a class="citation">` links.
 */
export function renderMarkdown(md: string, opts: RenderMarkdownOptions = {}): string {
	const raw = markdown.parse(md, { async: false });
	const safe = sanitizeHtml(raw, SANITIZE_OPTIONS);
	const linker = opts.linkCitations === undefined ? defaultLinker() : opts.linkCitations;
	return linker ? linkCitations(safe, linker) : safe;
}

/**
 * By default citations link to the law library of the application's database, with the article text
 * (or our summary) as the preview. Pass `linkCitations: null` to render without links.
 */
function defaultLinker(): CitationLinker {
	return createCitationLinker(getDb);
}
