/**
 * An unexpected error while answering a request (hooks.server.ts's handleError, and the custom server's
 * fast path): logged with a short id that the user is shown, so that a report can be found in the log.
 */
export function reportServerError(method: string, path: string, e: unknown): { message: string; id: string } {
	const id = crypto.randomUUID().slice(0, 8);
	console.error(`[${id}] ${method} ${path}`, e);
	return { message: `系统错误（编号 ${id}），请稍后再试或联系系统管理员`, id };
}
