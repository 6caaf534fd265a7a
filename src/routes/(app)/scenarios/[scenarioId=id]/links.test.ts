import { describe, expect, it } from 'vitest';
import { problemHref } from './links';
import type { ScenarioProblem } from '$lib/domain/scenario/publish-check';

describe('problemHref', () => {
	it.each<[ScenarioProblem['at'], string]>([
		[{ tab: 'profile' }, '/scenarios/7'],
		[{ tab: 'areas' }, '/scenarios/7/areas'],
		[{ tab: 'areas', areaKey: 'area1' }, '/scenarios/7/areas/area1'],
		[{ tab: 'areas', areaKey: 'area1', itemKey: 'item-2' }, '/scenarios/7/areas/area1/item-2'],
		[{ tab: 'procedure' }, '/scenarios/7/procedure'],
		[{ tab: 'questions', key: 'q1' }, '/scenarios/7/questions?edit=q1'],
		[{ tab: 'documents', key: 'doc1' }, '/scenarios/7/documents?edit=doc1'],
		[{ tab: 'documents' }, '/scenarios/7/documents']
	])('%o → %s', (at, href) => {
		expect(problemHref(7, at)).toBe(href);
	});
});
