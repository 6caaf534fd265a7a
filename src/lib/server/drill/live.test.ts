import { describe, expect, it } from 'vitest';
import { endStreams, standingsStream, viewerCount } from './live';
import { setupDrill } from './test-drill';

// endStreams() is for the server's shutdown and leaves the module draining: this file checks it alone.
describe('endStreams (shutdown)', () => {
	it('ends the open standings streams, unsubscribes them, and ends a stream opened afterwards at once', async () => {
		const s = setupDrill();
		const decoder = new TextDecoder();
		const readers = [standingsStream(() => s.db, s.drillId, 'public'), standingsStream(() => s.db, s.drillId, 'live')].map((r) => r.body!.getReader());
		for (const reader of readers) {
			const first = await reader.read();
			expect(decoder.decode(first.value)).toMatch(/^event: standings\ndata: \{/);
		}
		expect(viewerCount(s.drillId)).toBe(2);

		endStreams();
		for (const reader of readers) expect(await reader.read()).toEqual({ done: true, value: undefined });
		expect(viewerCount(s.drillId)).toBe(0);

		const late = standingsStream(() => s.db, s.drillId, 'public').body!.getReader();
		const chunks: string[] = [];
		for (let r = await late.read(); !r.done; r = await late.read()) chunks.push(decoder.decode(r.value));
		expect(chunks).toHaveLength(1); // the current standings, then the end
		expect(viewerCount(s.drillId)).toBe(0);
	});
});
