/** The outcome of a use-case or domain rule: a value, or a namespaced error code with optional params. */
export type Result<T, Code extends string = string> =
	| { ok: true; value: T }
	| { ok: false; error: { code: Code; params?: Record<string, string | number> } };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const err = <Code extends string>(
	code: Code,
	params?: Record<string, string | number>
): { ok: false; error: { code: Code; params?: Record<string, string | number> } } => ({
	ok: false,
	error: params ? { code, params } : { code }
});
