import type { Db } from '../db';
import { PORTABLE_FORMAT, type PortableScenario } from '../../domain/scenario/portable-schema';
import type { ScenarioContent } from '../../domain/scenario/types';
import { importScenario, publishScenario } from '../scenario/scenarios';
import { machineryPlant } from './scenarios/machinery-plant';
import { coldChainPlant } from './scenarios/cold-chain-plant';

interface DemoScenario {
	content: ScenarioContent;
	images: { id: string; mime: 'image/svg+xml'; svg: string }[];
}

export const DEMO_SCENARIOS: readonly DemoScenario[] = [machineryPlant, coldChainPlant];

/** A demo scenario as the portable file a trainer would import. */
export function demoPortable(d: DemoScenario): PortableScenario {
	return {
		format: PORTABLE_FORMAT,
		content: d.content,
		images: d.images.map((i) => ({ id: i.id, mime: i.mime, data: Buffer.from(i.svg, 'utf8').toString('base64') }))
	};
}

/** Imports and publishes (v1) both demo scenarios through the same path a trainer's import takes. */
export function seedDemoScenarios(db: Db, trainerId: number): { id: number; title: string; version: number }[] {
	return DEMO_SCENARIOS.map((d) => {
		const imported = importScenario(db, trainerId, demoPortable(d));
		if (!imported.ok) throw new Error(`demo scenario ${d.content.title} does not import: ${JSON.stringify(imported.problems ?? imported.error)}`);
		const published = publishScenario(db, trainerId, imported.value.id);
		if (!published.ok) throw new Error(`demo scenario ${d.content.title} does not publish: ${JSON.stringify(published.problems ?? published.error)}`);
		return { id: imported.value.id, title: d.content.title, version: published.value.number };
	});
}
