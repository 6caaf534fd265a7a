/**
 * XSS payloads for the Markdown renderer (test data only). Sources: the OWASP XSS Filter Evasion
 * Cheat Sheet, known sanitizer/mXSS bypasses, and Markdown-specific vectors (inline, reference,
 * autolink and image URLs). Every entry must render without any executable markup.
 */
export interface XssCase {
	name: string;
	markdown: string;
}

export const xssCorpus: readonly XssCase[] = [
	// --- raw script ---
	{ name: 'script tag', markdown: '<script>alert(1)</script>' },
	{ name: 'script with src, upper case', markdown: '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>' },
	{ name: 'split script tag', markdown: '<scr<script>ipt>alert(1)</scr</script>ipt>' },
	{ name: 'double open bracket', markdown: '<<script>alert(1);//<</script>' },
	{ name: 'malformed quotes then script', markdown: '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">' },
	{ name: 'script inside markdown paragraph', markdown: '正文 <script>alert(1)</script> 正文' },
	{ name: 'script in table cell', markdown: '| a |\n|---|\n| <script>alert(1)</script> |' },

	// --- event handlers ---
	{ name: 'img onerror', markdown: '<img src=x onerror=alert(1)>' },
	{ name: 'valid img with onerror', markdown: '<img src="/a.png" onerror="alert(1)">' },
	{ name: 'anchor onclick', markdown: '<a href="https://ok.example" onclick="alert(1)">x</a>' },
	{ name: 'p onmouseover', markdown: '<p onmouseover="alert(1)">x</p>' },
	{ name: 'body onload', markdown: '<body onload=alert(1)>' },
	{ name: 'details ontoggle', markdown: '<details open ontoggle=alert(1)>x</details>' },
	{ name: 'video source onerror', markdown: '<video><source onerror="alert(1)"></video>' },
	{ name: 'marquee onstart', markdown: '<marquee onstart=alert(1)>x</marquee>' },
	{ name: 'slash-separated handler', markdown: '<img/src="/a.png"/onerror=alert(1)>' },
	{ name: 'handler in table cell', markdown: '| a |\n|---|\n| <img src=x onerror=alert(1)> |' },

	// --- obfuscated URL schemes in raw HTML ---
	{ name: 'img src javascript', markdown: `<IMG SRC="javascript:alert('XSS');">` },
	{ name: 'mixed case scheme', markdown: `<IMG SRC=JaVaScRiPt:alert('XSS')>` },
	{
		name: 'decimal entities',
		markdown:
			'<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>'
	},
	{
		name: 'hex entities without semicolons',
		markdown:
			'<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>'
	},
	{ name: 'embedded tab entity', markdown: `<IMG SRC="jav&#x09;ascript:alert('XSS');">` },
	{ name: 'embedded newline entity', markdown: `<IMG SRC="jav&#x0A;ascript:alert('XSS');">` },
	{ name: 'leading spaces and control entity', markdown: `<IMG SRC=" &#14;  javascript:alert('XSS');">` },
	{ name: 'href entity j', markdown: '<a href="&#106;avascript:alert(1)">x</a>' },
	{ name: 'href decimal entity without semicolon', markdown: '<a href="&#106avascript:alert(1)">x</a>' },
	{ name: 'href named colon entity', markdown: '<a href="javascript&colon;alert(1)">x</a>' },
	{ name: 'href NUL inside scheme', markdown: '<a href="java\u0000script:alert(1)">x</a>' },
	{ name: 'href literal tab inside scheme', markdown: '<a href="java\tscript:alert(1)">x</a>' },
	{ name: 'href upper case with leading space', markdown: '<a href="  JAVASCRIPT:alert(1)">x</a>' },
	{ name: 'href vbscript', markdown: '<a href="vbscript:msgbox(1)">x</a>' },
	{ name: 'href data text/html', markdown: '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>' },
	{ name: 'img data svg', markdown: '<img src="data:image/svg+xml,<svg onload=alert(1)>">' },
	{ name: 'srcset javascript', markdown: '<img src="/ok.png" srcset="javascript:alert(1) 1x">' },

	// --- Markdown links and images ---
	{ name: 'md link javascript', markdown: '[x](javascript:alert(1))' },
	{ name: 'md link mixed case', markdown: '[x](JaVaScRiPt:alert(1))' },
	{ name: 'md link entity scheme', markdown: '[x](&#106;avascript:alert(1))' },
	{ name: 'md link entity colon', markdown: '[x](javascript&#58;alert(1))' },
	{ name: 'md link angle destination', markdown: '[x](<javascript:alert(1)>)' },
	{ name: 'md link with title', markdown: '[x](javascript:alert(1) "标题")' },
	{ name: 'md link vbscript', markdown: '[x](vbscript:msgbox(1))' },
	{ name: 'md link data', markdown: '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)' },
	{ name: 'md link title breakout', markdown: '[x](https://ok.example "\\"onmouseover=alert(1) x=\\"")' },
	{ name: 'md image javascript', markdown: '![x](javascript:alert(1))' },
	{ name: 'md image data svg', markdown: '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)' },
	{ name: 'md image alt breakout', markdown: '![x" onerror="alert(1)](/a.png)' },
	{ name: 'reference link', markdown: '[x][1]\n\n[1]: javascript:alert(1)' },
	{ name: 'reference image', markdown: '![x][1]\n\n[1]: javascript:alert(1)' },
	{ name: 'reference link entity scheme', markdown: '[x][r]\n\n[r]: &#x6A;avascript:alert(1)' },
	{ name: 'autolink javascript', markdown: '<javascript:alert(1)>' },
	{ name: 'autolink vbscript', markdown: '<vbscript:msgbox(1)>' },
	{ name: 'autolink data', markdown: '<data:text/html,<script>alert(1)</script>>' },

	// --- dangerous elements ---
	{ name: 'svg onload', markdown: '<svg onload=alert(1)>' },
	{ name: 'svg with script', markdown: '<svg><script>alert(1)</script></svg>' },
	{ name: 'svg animate href', markdown: '<svg><a><animate attributeName=href values=javascript:alert(1) /><text>x</text></a></svg>' },
	{ name: 'math mXSS', markdown: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>' },
	{ name: 'noscript mXSS', markdown: '<noscript><p title="</noscript><img src=x onerror=alert(1)>">' },
	{ name: 'iframe javascript', markdown: '<iframe src="javascript:alert(1)"></iframe>' },
	{ name: 'iframe srcdoc', markdown: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
	{ name: 'object data', markdown: '<object data="javascript:alert(1)"></object>' },
	{ name: 'embed data url', markdown: '<embed src="data:text/html,<script>alert(1)</script>">' },
	{ name: 'style attribute url', markdown: '<div style="background:url(javascript:alert(1))">x</div>' },
	{ name: 'style expression', markdown: '<p style="width: expression(alert(1))">x</p>' },
	{ name: 'style tag import', markdown: "<style>@import 'https://evil.example/x.css';</style>" },
	{ name: 'base href', markdown: '<base href="javascript:alert(1)//">' },
	{ name: 'meta refresh', markdown: '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">' },
	{ name: 'link stylesheet', markdown: '<link rel="stylesheet" href="javascript:alert(1)">' },
	{ name: 'form action', markdown: '<form action="javascript:alert(1)"><input type="submit" value="提交"></form>' },
	{ name: 'button formaction', markdown: '<button formaction="javascript:alert(1)">x</button>' },
	{ name: 'isindex', markdown: '<isindex type=image src=1 onerror=alert(1)>' },
	{ name: 'template script', markdown: '<template><script>alert(1)</script></template>' },
	{ name: 'textarea script', markdown: '<textarea><script>alert(1)</script></textarea>' },
	{ name: 'xmp script', markdown: '<xmp><script>alert(1)</script></xmp>' },

	// --- structure tricks ---
	{ name: 'comment confusion', markdown: '<!--<img src="--><img src=x onerror=alert(1)//">' },
	{ name: 'raw block wrapping markdown link', markdown: '<div>\n\n[x](javascript:alert(1))\n\n</div>' },
	{ name: 'unclosed attribute', markdown: '<a href="https://ok.example/ title=x onmouseover=alert(1)>x' },
	{ name: 'mismatched nesting', markdown: '<b><i><a href="javascript:alert(1)"><b>x</i></a>' },
	{ name: 'cdata', markdown: '<![CDATA[<script>alert(1)</script>]]>' },
	{ name: 'fenced html block with script', markdown: '```html\n<script>alert(1)</script>\n```' }
];
