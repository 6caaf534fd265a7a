import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One URL pattern of the app, as SvelteKit serves it: `(group)` folders dropped, `[param=matcher]` kept. */
export interface RouteNode {
	pattern: string;
	/** The folder under src/routes, for messages. */
	dir: string;
	/** A +page.svelte or +page.server.ts: GET renders a page. */
	isPage: boolean;
	/** The HTTP methods a +server.ts exports (GET, POST, …). */
	methods: string[];
	/** The form actions a +page.server.ts exports (`default` for an unnamed one). */
	actions: string[];
}

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback']);

/**
 * Every page, endpoint and form action under `root`, read from the source (the TypeScript parser, not a
 * regular expression), so that a route or action added anywhere shows up here.
 */
export function routeTree(root = 'src/routes'): RouteNode[] {
	const out: RouteNode[] = [];
	const walk = (dir: string) => {
		const files = readdirSync(dir);
		const isPage = files.includes('+page.svelte') || files.includes('+page.server.ts') || files.includes('+page.ts');
		const hasServer = files.includes('+server.ts') || files.includes('+server.js');
		if (isPage || hasServer) {
			const segments = relative(root, dir)
				.split(/[\\/]/)
				.filter((s) => s && !/^\(.+\)$/.test(s));
			out.push({
				pattern: '/' + segments.join('/'),
				dir: relative(root, dir),
				isPage,
				methods: hasServer ? exportedNames(join(dir, files.includes('+server.ts') ? '+server.ts' : '+server.js')).filter((n) => HTTP_METHODS.has(n)) : [],
				actions: files.includes('+page.server.ts') ? actionNames(join(dir, '+page.server.ts')) : []
			});
		}
		for (const f of files.sort()) if (statSync(join(dir, f)).isDirectory()) walk(join(dir, f));
	};
	walk(root);
	return out;
}

function parse(file: string): ts.SourceFile {
	return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Names a module exports: `export const X`, `export function X`, `export { a as X }`. */
function exportedNames(file: string): string[] {
	const names: string[] = [];
	for (const st of parse(file).statements) {
		if (ts.isVariableStatement(st) && isExported(st)) for (const d of st.declarationList.declarations) names.push(d.name.getText());
		else if (ts.isFunctionDeclaration(st) && isExported(st) && st.name) names.push(st.name.text);
		else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) for (const e of st.exportClause.elements) names.push(e.name.text);
	}
	return names;
}

/**
 * The keys of `export const actions = { … }`. Anything this cannot read for certain (a spread, a computed
 * key, actions built by a call) throws, so the matrix test fails instead of silently missing an action.
 */
function actionNames(file: string): string[] {
	for (const st of parse(file).statements) {
		if (!ts.isVariableStatement(st) || !isExported(st)) continue;
		for (const d of st.declarationList.declarations) {
			if (d.name.getText() !== 'actions') continue;
			let init = d.initializer;
			while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
			if (!init || !ts.isObjectLiteralExpression(init)) throw new Error(`${file}: cannot read the actions (not an object literal)`);
			return init.properties.map((p) => {
				if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
				throw new Error(`${file}: cannot read the action ${p.getText().slice(0, 40)}`);
			});
		}
	}
	// An actions export through `export { x as actions }` would be missed above: refuse it the same way.
	if (exportedNames(file).includes('actions')) throw new Error(`${file}: cannot read the actions (re-exported)`);
	return [];
}
