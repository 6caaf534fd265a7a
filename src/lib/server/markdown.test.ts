import { describe, expect, it } from 'vitest';
import { checkUrl, renderMarkdown, type CitationLinker, type CitationSpan } from './markdown';
import { xssCorpus } from './xss-corpus';
import { findUnsafe } from './xss-oracle';

/** Stand-in for domain/law/citation.ts: every "第N条" (Arabic digits) cites the work-safety law. */
const fakeLinker: CitationLinker = (text) =>
	[...text.matchAll(/第(\d+)条/g)].map((m) => ({
		start: m.index,
		end: m.index + m[0].length,
		lawId: 'work-safety-law',
		article: Number(m[1])
	}));

/** A linker that returns the given spans for any text containing `marker`. */
function fixedLinker(marker: string, spans: (text: string) => CitationSpan[]): CitationLinker {
	return (text) => (text.includes(marker) ? spans(text) : []);
}

function citation(article: number, text: string, title?: string): string {
	const t = title === undefined ? '' : ` title="${title}"`;
	return `<a class="citation" href="/laws/work-safety-law#a${article}" data-law="work-safety-law" data-article="${article}"${t}>${text}</a>`;
}

// ---------------------------------------------------------------------------------------------

describe('renderMarkdown: XSS corpus', () => {
	it('has at least 40 payloads', () => {
		expect(xssCorpus.length).toBeGreaterThanOrEqual(40);
	});

	describe.each(xssCorpus)('$name', ({ markdown }) => {
		it('renders without executable markup', () => {
			expect(findUnsafe(renderMarkdown(markdown))).toEqual([]);
		});
		it('stays safe when citation linking runs', () => {
			expect(findUnsafe(renderMarkdown(`${markdown} 第41条`, { linkCitations: fakeLinker }))).toEqual([]);
		});
	});

	it('the oracle itself flags unsafe HTML', () => {
		expect(findUnsafe('<a href="&#106;avascript:alert(1)">x</a>')).not.toEqual([]);
		expect(findUnsafe('<img src="/a.png" onerror="alert(1)" />')).not.toEqual([]);
		expect(findUnsafe('<p>x</p><iframe></iframe>')).not.toEqual([]);
		expect(findUnsafe('<a href="//evil.example">x</a>')).not.toEqual([]);
		expect(findUnsafe('<p style="color:red">x</p>')).not.toEqual([]);
	});
});

describe('renderMarkdown: URL policy', () => {
	it.each([
		['[a](https://example.com/x?q=1)', '<p><a href="https://example.com/x?q=1" rel="noopener noreferrer" target="_blank">a</a></p>'],
		['[a](http://example.com)', '<p><a href="http://example.com" rel="noopener noreferrer" target="_blank">a</a></p>'],
		['[a](/laws/work-safety-law#a41)', '<p><a href="/laws/work-safety-law#a41">a</a></p>'],
		['[a](#top)', '<p><a href="#top">a</a></p>'],
		['[a](mailto:ajj@example.cn)', '<p><a href="mailto:ajj@example.cn">a</a></p>'],
		['[a](https://example.com "说明")', '<p><a href="https://example.com" title="说明" rel="noopener noreferrer" target="_blank">a</a></p>'],
		// refused: not the allowed forms of relative URL, protocol-relative, backslash tricks
		['[a](page.html)', '<p><span>a</span></p>'],
		['[a](../x)', '<p><span>a</span></p>'],
		['[a](//evil.example)', '<p><span>a</span></p>'],
		['<a href="/\\evil.example">a</a>', '<p><span>a</span></p>'],
		['[a](ftp://example.com)', '<p><span>a</span></p>'],
		['[a](tel:110)', '<p><span>a</span></p>'],
		// author-supplied rel/target are replaced
		['<a href="https://e.cn" target="_self" rel="opener">a</a>', '<p><a href="https://e.cn" rel="noopener noreferrer" target="_blank">a</a></p>'],
		['<a href="/x" target="_blank">a</a>', '<p><a href="/x">a</a></p>'],
		['![图](/uploads/a.png "题注")', '<p><img src="/uploads/a.png" alt="图" title="题注" /></p>'],
		['![图](https://cdn.example.cn/a.png)', '<p><img src="https://cdn.example.cn/a.png" alt="图" /></p>'],
		['![图](http://cdn.example.cn/a.png)', '<p><span>图</span></p>'],
		['![图](//cdn.example.cn/a.png)', '<p><span>图</span></p>'],
		['![图](data:image/png;base64,iVBORw0KGgo=)', '<p><span>图</span></p>'],
		['![a<b](javascript:alert(1))', '<p><span>a&lt;b</span></p>']
	])('%s', (md, html) => {
		expect(renderMarkdown(md).trimEnd()).toBe(html);
	});

	it.each([
		['javascript:alert(1)', null],
		[' \u0001JaVaScRiPt:alert(1)', null],
		['java\tscript:alert(1)', null],
		['/\t/evil.example', null],
		['https://example.com', 'https://example.com'],
		[' /a b ', '/a b']
	])('checkUrl(%j, link) → %j', (raw, expected) => {
		expect(checkUrl(raw, 'link')).toBe(expected);
	});
});

describe('renderMarkdown: formatting is kept', () => {
	it.each([
		['bold, italics, strikethrough, code', '**粗** *斜* ~~删~~ `code`', '<p><strong>粗</strong> <em>斜</em> <del>删</del> <code>code</code></p>\n'],
		['headings are demoted by two levels', '# 一\n## 二\n### 三\n#### 四\n###### 六', '<h3>一</h3>\n<h4>二</h4>\n<h5>三</h5>\n<h6>四</h6>\n<h6>六</h6>\n'],
		['raw heading is demoted too', '<h1>标题</h1>', '<h3>标题</h3>'],
		['unordered list', '- 甲\n- 乙', '<ul>\n<li>甲</li>\n<li>乙</li>\n</ul>\n'],
		['ordered list keeps its start', '3. 丙\n4. 丁', '<ol start="3">\n<li>丙</li>\n<li>丁</li>\n</ol>\n'],
		['task list renders as text', '- [x] 已查\n- [ ] 未查', '<ul>\n<li>☑ 已查</li>\n<li>☐ 未查</li>\n</ul>\n'],
		['blockquote', '> 引用\n> 第二行', '<blockquote>\n<p>引用<br />第二行</p>\n</blockquote>\n'],
		['single newline is a line break', '第一行\n第二行', '<p>第一行<br />第二行</p>\n'],
		['hard break and rule', '甲  \n乙\n\n---', '<p>甲<br />乙</p>\n<hr />\n'],
		['fenced code keeps its language and escapes', '```js\nconst a = "<b>";\n```', '<pre><code class="language-js">const a = "&lt;b&gt;";\n</code></pre>\n'],
		['inline sup/sub/abbr', 'm<sup>3</sup> H<sub>2</sub>O <abbr title="安全生产法">安法</abbr>', '<p>m<sup>3</sup> H<sub>2</sub>O <abbr title="安全生产法">安法</abbr></p>\n'],
		['span keeps only allowed classes', '<span class="citation evil" style="color:red">引</span><span class="x">y</span>', '<p><span class="citation">引</span><span>y</span></p>\n'],
		['ol start must be digits', '<ol start="1;x"><li>a</li></ol>', '<ol><li>a</li></ol>'],
		['entities are preserved as text', 'A &amp; B &lt;C&gt; &copy;', '<p>A &amp; B &lt;C&gt; ©</p>\n'],
		['disallowed wrapper keeps its text', '<div class="x">正文</div>', '正文']
	])('%s', (_name, md, html) => {
		expect(renderMarkdown(md)).toBe(html);
	});

	it('renders a table with header and alignment', () => {
		const md = '| 项目 | 分值 | 备注 |\n|:--|:-:|--:|\n| 检查 | 10 | 无 |';
		expect(renderMarkdown(md)).toBe(
			'<table>\n<thead>\n<tr>\n<th align="left">项目</th>\n<th align="center">分值</th>\n<th align="right">备注</th>\n</tr>\n</thead>\n' +
				'<tbody><tr>\n<td align="left">检查</td>\n<td align="center">10</td>\n<td align="right">无</td>\n</tr>\n</tbody></table>\n'
		);
	});

	it('drops style and unknown align values on cells', () => {
		expect(renderMarkdown('<table><tr><td align="CENTER" style="color:red">a</td><td align="justify">b</td></tr></table>')).toBe(
			'<table><tr><td align="center">a</td><td>b</td></tr></table>'
		);
	});

	it('a refused link does not disturb the closing tags after it', () => {
		expect(renderMarkdown('[坏](javascript:x) **粗** ![坏](javascript:x) *斜*')).toBe(
			'<p><span>坏</span> <strong>粗</strong> <span>坏</span> <em>斜</em></p>\n'
		);
	});

	it('everything it keeps passes the safety oracle', () => {
		const md = '# 标题\n\n**a** [x](https://e.cn) ![i](/a.png)\n\n| a |\n|:-:|\n| b |\n\n```ts\nx\n```\n\n3. a';
		expect(findUnsafe(renderMarkdown(md))).toEqual([]);
	});
});

describe('renderMarkdown: citation linking', () => {
	it.each([
		['links a citation in a paragraph', '依据第41条规定', `<p>依据${citation(41, '第41条')}规定</p>\n`],
		['links several in one text node', '第3条和第4条', `<p>${citation(3, '第3条')}和${citation(4, '第4条')}</p>\n`],
		['links inside emphasis and headings', '# 第1条\n\n**第2条**', `<h3>${citation(1, '第1条')}</h3>\n<p><strong>${citation(2, '第2条')}</strong></p>\n`],
		['links inside table cells and list items', '| 依据 |\n|---|\n| 第5条 |\n\n- 第6条', `<table>\n<thead>\n<tr>\n<th>依据</th>\n</tr>\n</thead>\n<tbody><tr>\n<td>${citation(5, '第5条')}</td>\n</tr>\n</tbody></table>\n<ul>\n<li>${citation(6, '第6条')}</li>\n</ul>\n`],
		['not inside inline code', '`第41条`', '<p><code>第41条</code></p>\n'],
		['not inside a code block', '```\n第41条\n```', '<pre><code>第41条\n</code></pre>\n'],
		['not inside an existing link', '[见第41条](/laws/x)', '<p><a href="/laws/x">见第41条</a></p>\n'],
		['not inside a link but after it', '[第1条](/x)与第2条', `<p><a href="/x">第1条</a>与${citation(2, '第2条')}</p>\n`],
		['not in attribute values', '![第41条](/a.png "第42条")', '<p><img src="/a.png" alt="第41条" title="第42条" /></p>\n']
	])('%s', (_name, md, html) => {
		expect(renderMarkdown(md, { linkCitations: fakeLinker })).toBe(html);
	});

	it('passes decoded text to the linker and re-escapes around the anchor', () => {
		const seen: string[] = [];
		const spy: CitationLinker = (text) => (seen.push(text), fakeLinker(text));
		expect(renderMarkdown('A &amp; &lt;B&gt; 第41条 "引"', { linkCitations: spy })).toBe(
			`<p>A &amp; &lt;B&gt; ${citation(41, '第41条')} &quot;引&quot;</p>\n`
		);
		expect(seen).toEqual(['A & <B> 第41条 "引"']); // whitespace-only nodes are skipped
	});

	it('never hands attribute values or code to the linker', () => {
		const seen: string[] = [];
		renderMarkdown('[链接](/x "标题T") ![替代A](/a.png) `代码C`\n\n```\n块B\n```', {
			linkCitations: (text) => (seen.push(text), [])
		});
		expect(seen.join('|')).not.toMatch(/标题T|替代A|代码C|块B|链接/);
	});

	it('escapes the title', () => {
		const linker = fixedLinker('第9条', (t) => [{ start: t.indexOf('第9条'), end: t.indexOf('第9条') + 3, lawId: 'work-safety-law', article: 9, title: '"><script>alert(1)</script>&\'' }]);
		const html = renderMarkdown('见第9条', { linkCitations: linker });
		expect(html).toBe(`<p>见${citation(9, '第9条', '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;')}</p>\n`);
		expect(findUnsafe(html)).toEqual([]);
	});

	it.each([
		['upper case', 'Work-Safety'],
		['space', 'work safety'],
		['quote breakout', 'x" onclick="alert(1)'],
		['path traversal', '../admin'],
		['slash', 'a/b'],
		['empty', ''],
		['unresolved (null)', null]
	])('does not link a bad lawId: %s', (_name, lawId) => {
		const linker: CitationLinker = (t) => [{ start: 0, end: t.length, lawId, article: 1 }];
		expect(renderMarkdown('第1条', { linkCitations: linker })).toBe('<p>第1条</p>\n');
	});

	it.each<[string, Partial<CitationSpan>]>([
		['end past the text', { start: 0, end: 99 }],
		['negative start', { start: -1, end: 2 }],
		['empty span', { start: 1, end: 1 }],
		['reversed span', { start: 3, end: 1 }],
		['fractional offset', { start: 0.5, end: 2 }],
		['article zero', { article: 0 }],
		['fractional article', { article: 1.5 }],
		['NaN article', { article: Number.NaN }]
	])('ignores a malformed span: %s', (_name, patch) => {
		const linker: CitationLinker = () => [{ start: 0, end: 4, lawId: 'work-safety-law', article: 1, ...patch }];
		expect(renderMarkdown('第1条。', { linkCitations: linker })).toBe('<p>第1条。</p>\n');
	});

	it('keeps the first of overlapping spans, whatever order they come in', () => {
		const linker: CitationLinker = () => [
			{ start: 2, end: 5, lawId: 'b', article: 2 },
			{ start: 0, end: 3, lawId: 'a', article: 1 }
		];
		expect(renderMarkdown('甲乙丙丁戊', { linkCitations: linker })).toBe(
			'<p><a class="citation" href="/laws/a#a1" data-law="a" data-article="1">甲乙丙</a>丁戊</p>\n'
		);
	});

	it('markdown text that tries to break out of the anchor stays text', () => {
		const html = renderMarkdown('《安全生产法》第41条"><script>alert(1)</script>', { linkCitations: fakeLinker });
		expect(html).toBe(`<p>《安全生产法》${citation(41, '第41条')}&quot;&gt;</p>\n`);
		expect(findUnsafe(html)).toEqual([]);
	});

	it('a span covering markup-like text escapes it inside the anchor', () => {
		const linker: CitationLinker = (t) => [{ start: 0, end: t.length, lawId: 'work-safety-law', article: 41 }];
		const html = renderMarkdown('第41条"><script>alert(1)</script>&lt;b&gt;', { linkCitations: linker });
		expect(html).toBe(`<p>${citation(41, '第41条&quot;&gt;&lt;b&gt;')}</p>\n`);
		expect(findUnsafe(html)).toEqual([]);
	});

	it('offsets are UTF-16 indices (surrogate pairs before the citation)', () => {
		expect(renderMarkdown('𠀀🚒第7条', { linkCitations: fakeLinker })).toBe(`<p>𠀀🚒${citation(7, '第7条')}</p>\n`);
	});

	it('a linker that finds nothing leaves the HTML unchanged', () => {
		const md = '# 标题\n\nA &amp; B [x](/y) 第一条';
		expect(renderMarkdown(md, { linkCitations: () => [] })).toBe(renderMarkdown(md));
	});
});

describe('renderMarkdown: Chinese text', () => {
	it.each([
		['full-width punctuation', '第一条　为了加强安全生产工作，防止和减少生产安全事故，保障人民群众生命和财产安全；制定本法。', '<p>第一条　为了加强安全生产工作，防止和减少生产安全事故，保障人民群众生命和财产安全；制定本法。</p>\n'],
		['book-title marks and quotes', '依据《中华人民共和国安全生产法》“三同时”、‘管’：（一）……！？', '<p>依据《中华人民共和国安全生产法》“三同时”、‘管’：（一）……！？</p>\n'],
		['corner brackets and middle dot', '「重大事故隐患」·【判定标准】〔2023〕', '<p>「重大事故隐患」·【判定标准】〔2023〕</p>\n'],
		['Chinese in headings, lists, links', '## 检查要点\n\n1. 《消防法》\n\n[应急管理部](https://www.mem.gov.cn)', '<h4>检查要点</h4>\n<ol>\n<li>《消防法》</li>\n</ol>\n<p><a href="https://www.mem.gov.cn" rel="noopener noreferrer" target="_blank">应急管理部</a></p>\n'],
		['full-width asterisks are not emphasis', '＊注意＊', '<p>＊注意＊</p>\n']
	])('%s', (_name, md, html) => {
		expect(renderMarkdown(md)).toBe(html);
	});

	it('Chinese survives citation linking', () => {
		expect(renderMarkdown('《安全生产法》第41条：生产经营单位应当……', { linkCitations: fakeLinker })).toBe(
			`<p>《安全生产法》${citation(41, '第41条')}：生产经营单位应当……</p>\n`
		);
	});
});
