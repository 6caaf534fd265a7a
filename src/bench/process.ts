/**
 * Process and port helpers shared by the benchmarks (drill.bench.ts, quiz.bench.ts, soak.ts): free ports,
 * waiting for a server to answer, and a process's CPU time from /proc.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

function isFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.once('error', () => resolve(false));
		s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
	});
}

export async function freePort(from: number): Promise<number> {
	for (let p = from; p < from + 200; p++) if (p !== 4173 && (await isFree(p))) return p;
	throw new Error(`no free port from ${from}`);
}

export async function waitReady(port: number, path: string, child: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited before it answered:\n${log()}`);
		const status = await new Promise<number>((resolve) => {
			const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			});
			req.on('error', () => resolve(0));
		});
		if (status > 0 && status < 500) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`server on port ${port} did not answer GET ${path} within 30 s:\n${log()}`);
}

/** CPU seconds (user + system) of a process so far, from /proc (Linux); null elsewhere. */
export function cpuSeconds(pid: number | undefined): number | null {
	if (!pid) return null;
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
	} catch {
		return null;
	}
}
