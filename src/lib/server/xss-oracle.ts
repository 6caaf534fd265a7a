/**
 * The safety oracle of the XSS tests (test helper): is this HTML, produced by renderMarkdown, safe for
 * `{@html}`? Sanitised output has `<`/`>` only as tag delimiters, so a regex over tags is exact.
 */

const TAG_ATTRIBUTES: Record<string, readonly string[]> = {
	p: [], br: [], hr: [], h3: [], h4: [], h5: [], h6: [], strong: [], em: [], del: [], pre: [],
	blockquote: [], ul: [], li: [], table: [], thead: [], tbody: [], tr: [], sup: [], sub: [],
	code: ['class'], ol: ['start'], th: ['align'], td: ['align'], abbr: ['title'], span: ['class'],
	img: ['src', 'alt', 'title'],
	a: ['href', 'title', 'rel', 'target', 'class', 'data-law', 'data-article']
};

function decodeEntities(s: string): string {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', tab: '\t', newline: '\n' };
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
		if (ref[0] !== '#') return named[ref.toLowerCase()] ?? whole;
		const code = /^#x/i.test(ref) ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
		return String.fromCodePoint(code > 0 && code <= 0x10ffff ? code : 0xfffd);
	});
}

/** Returns a list of problems; empty means the HTML is safe for {@html}. */
export function findUnsafe(html: string): string[] {
	const problems: string[] = [];
	if (/<script/i.test(html)) problems.push('contains <script');
	if (/<\/?(iframe|object|embed|svg|math|style|form|input|button|meta|base|link|textarea)\b/i.test(html)) {
		problems.push('contains a forbidden element');
	}
	const text = html.split(/<[^>]*>/).join('');
	if (/[<>]/.test(text)) problems.push('unescaped < or > outside a tag');
	for (const [tag, close, name, rest] of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g)) {
		const allowed = TAG_ATTRIBUTES[name.toLowerCase()];
		if (!allowed) {
			problems.push(`tag not in allow-list: ${tag}`);
			continue;
		}
		if (close) continue;
		if (/\son\w+\s*=/i.test(tag.replace(/="[^"]*"/g, '=""'))) problems.push(`event handler: ${tag}`);
		const attrs = rest.replace(/\s*\/$/, '');
		const leftover = attrs.replace(/\s([a-z-]+)="[^"]*"/g, '');
		if (leftover.trim() !== '') problems.push(`unparsed attribute text: ${tag}`);
		for (const [, attr, value] of attrs.matchAll(/\s([a-z-]+)="([^"]*)"/g)) {
			if (!allowed.includes(attr)) problems.push(`attribute not allowed: ${attr} in ${tag}`);
			if (attr !== 'href' && attr !== 'src') continue;
			const url = decodeEntities(value).replace(/[\u0000-\u0020]/g, '').toLowerCase();
			if (/^(javascript|vbscript|data):/.test(url)) problems.push(`dangerous URL: ${tag}`);
			const policy = attr === 'href' ? /^(https?:|mailto:|\/(?![/\\])|#)/ : /^(https:|\/(?![/\\]))/;
			if (!policy.test(url)) problems.push(`URL outside policy: ${tag}`);
		}
	}
	return problems;
}
