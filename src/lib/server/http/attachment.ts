/**
 * Content-Disposition for a download: an ASCII `filename` for old clients and the real (Chinese) name
 * as an RFC 5987 `filename*` for the rest. The ASCII name is ours (e.g. drill-3-results.csv); anything
 * that could end the quoted string is replaced all the same.
 */
export function attachmentDisposition(asciiName: string, name: string): string {
	const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
	// encodeURIComponent leaves ' ( ) * as they are, but RFC 5987 attr-chars do not include them.
	const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
