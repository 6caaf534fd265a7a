import type { ScenarioProblem } from '$lib/domain/scenario/publish-check';

/** The editor page where a publish-check problem can be fixed. */
export function problemHref(scenarioId: number, at: ScenarioProblem['at']): string {
	const base = `/scenarios/${scenarioId}`;
	const key = (k: string) => encodeURIComponent(k);
	switch (at.tab) {
		case 'profile':
			return base;
		case 'areas':
			if (at.areaKey && at.itemKey) return `${base}/areas/${key(at.areaKey)}/${key(at.itemKey)}`;
			return at.areaKey ? `${base}/areas/${key(at.areaKey)}` : `${base}/areas`;
		case 'procedure':
			return `${base}/procedure`;
		case 'questions':
			return at.key ? `${base}/questions?edit=${key(at.key)}` : `${base}/questions`;
		case 'documents':
			return at.key ? `${base}/documents?edit=${key(at.key)}` : `${base}/documents`;
	}
}
