import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { scenarioVersion } from './scenario';
import { drillStage, team } from './drill';
import type { DocumentType } from '../../../domain/scenario/types';
import type { DocumentValues } from '../../../domain/document/types';

/**
 * A document an officer drafts for practice outside a drill (文书练习), optionally against a published
 * scenario so the automatic checks have facts to compare with. Drill documents live in the team's
 * answer sheet (sheet_entry, one entry per field) so they share its autosave, clock and conflicts.
 */
export const practiceDocument = sqliteTable(
	'practice_document',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		type: text('type').$type<DocumentType>().notNull(),
		scenarioVersionId: integer('scenario_version_id').references(() => scenarioVersion.id, { onDelete: 'set null' }),
		values: text('values', { mode: 'json' }).$type<DocumentValues>().notNull(),
		version: integer('version').notNull().default(1),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('practice_document_user_idx').on(t.userId)]
);

/** A judge's adjustment of a team's document score in a drill, with the reason (audited). */
export const documentAdjustment = sqliteTable(
	'document_adjustment',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		stageId: integer('stage_id')
			.notNull()
			.references(() => drillStage.id, { onDelete: 'cascade' }),
		teamId: integer('team_id')
			.notNull()
			.references(() => team.id, { onDelete: 'cascade' }),
		/** The scenario's key of the required document. */
		documentKey: text('document_key').notNull(),
		judgeId: integer('judge_id')
			.notNull()
			.references(() => user.id, { onDelete: 'restrict' }),
		points: real('points').notNull(),
		reason: text('reason').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('document_adjustment_stage_team_idx').on(t.stageId, t.teamId)]
);
