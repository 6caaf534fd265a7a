/** Paths anyone may open without a session. */
/** /board/<token>: the public scoreboard behind a secret link (the token is checked by the route). */
const PUBLIC_PREFIXES = ['/login', '/register', '/logout', '/verify', '/_app/', '/board'];
const PUBLIC_FILES = new Set(['/favicon.svg', '/robots.txt']);

export function isPublicPath(path: string): boolean {
	if (PUBLIC_FILES.has(path)) return true;
	return PUBLIC_PREFIXES.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : p + '/'));
}

