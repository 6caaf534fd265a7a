import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { unit } from './unit';
import { scenarioVersion } from './scenario';
import type { RubricItem, ScoringSettings, StageKind } from '../../../domain/drill/types';

/** A 比武活动 running on one frozen scenario version. */
export const drill = sqliteTable('drill', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	organizer: text('organizer').notNull(),
	venue: text('venue').notNull(),
	/** yyyy-mm-dd */
	startDate: text('start_date').notNull(),
	endDate: text('end_date').notNull(),
	scenarioVersionId: integer('scenario_version_id')
		.notNull()
		.references(() => scenarioVersion.id, { onDelete: 'restrict' }),
	status: text('status').$type<'setup' | 'running' | 'ended'>().notNull().default('setup'),
	debriefOpen: integer('debrief_open', { mode: 'boolean' }).notNull().default(false),
	/** Seconds after a stage's end during which saves still land (network latency). */
	graceSeconds: integer('grace_seconds').notNull().default(10),
	/** The scoring settings this drill is scored with (JSON); null = the defaults of the build that created it. */
	settings: text('settings', { mode: 'json' }).$type<ScoringSettings>(),
	/** 封榜: officers and the public see standings as of this many minutes before the last stage ends; 0 = no automatic freeze. */
	freezeMinutes: integer('freeze_minutes').notNull().default(0),
	/** When the trainer froze the standings by hand (ms), if earlier than the automatic freeze. */
	frozenAt: integer('frozen_at'),
	/** 揭晓: from this moment (ms) everyone sees the final standings and awards. */
	revealedAt: integer('revealed_at'),
	awardFirst: integer('award_first').notNull().default(1),
	awardSecond: integer('award_second').notNull().default(2),
	awardThird: integer('award_third').notNull().default(3),
	/** Secret part of the public scoreboard link (大屏); null = no public link. */
	publicToken: text('public_token').unique(),
	createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: integer('created_at', { mode: 'timestamp' })
		.notNull()
		.default(sql`(unixepoch())`)
});

/** A stage of a drill; the server owns its clock (`endsAt`, in ms). */
export const drillStage = sqliteTable(
	'drill_stage',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		drillId: integer('drill_id')
			.notNull()
			.references(() => drill.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<StageKind>().notNull(),
		title: text('title').notNull(),
		/** Share of the total (weights of a drill sum to 100). */
		weight: integer('weight').notNull(),
		durationMinutes: integer('duration_minutes').notNull(),
		position: integer('position').notNull(),
		status: text('status').$type<'pending' | 'open' | 'closed'>().notNull().default('pending'),
		opensAt: integer('opens_at'),
		endsAt: integer('ends_at'),
		closedAt: integer('closed_at'),
		/** A judged stage's rubric (文明执法: 着装规范 …), JSON; null for stages scored from sheets. */
		rubric: text('rubric', { mode: 'json' }).$type<RubricItem[]>(),
		/** When the chief judge locked a judged stage's scores (ms); no judge can change them after. */
		lockedAt: integer('locked_at'),
		lockedBy: integer('locked_by').references(() => user.id, { onDelete: 'set null' }),
		/** 理论考试: the quiz every officer takes (no FK: quiz.ts imports nothing from here). */
		quizId: integer('quiz_id'),
		/**
		 * 理论考试: 'team' = the team's score is the mean of its members' scores (a member who did not
		 * submit counts 0); 'officer' = the same team score, and results also rank officers one by one.
		 */
		theoryMode: text('theory_mode').$type<'team' | 'officer'>().notNull().default('team')
	},
	(t) => [index('drill_stage_drill_idx').on(t.drillId)]
);

export const team = sqliteTable(
	'team',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		drillId: integer('drill_id')
			.notNull()
			.references(() => drill.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		unitId: integer('unit_id').references(() => unit.id, { onDelete: 'set null' })
	},
	(t) => [uniqueIndex('team_drill_name_idx').on(t.drillId, t.name)]
);

/** An officer belongs to at most one team per drill. */
export const teamMember = sqliteTable(
	'team_member',
	{
		drillId: integer('drill_id')
			.notNull()
			.references(() => drill.id, { onDelete: 'cascade' }),
		teamId: integer('team_id')
			.notNull()
			.references(() => team.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'restrict' })
	},
	(t) => [primaryKey({ columns: [t.drillId, t.userId] }), index('team_member_team_idx').on(t.teamId)]
);

export const drillJudge = sqliteTable(
	'drill_judge',
	{
		drillId: integer('drill_id')
			.notNull()
			.references(() => drill.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'restrict' }),
		isChief: integer('is_chief', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [primaryKey({ columns: [t.drillId, t.userId] })]
);

/**
 * One entry of a team's answer sheet, saved item by item. `ref` is the scenario's author key of the item
 * (never sent to officers), `data` the answer as JSON (null = withdrawn), `version` increments on every
 * save so a stale save from a teammate's device is refused instead of overwriting.
 */
export const sheetEntry = sqliteTable(
	'sheet_entry',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		teamId: integer('team_id')
			.notNull()
			.references(() => team.id, { onDelete: 'cascade' }),
		stageId: integer('stage_id')
			.notNull()
			.references(() => drillStage.id, { onDelete: 'cascade' }),
		ref: text('ref').notNull(),
		data: text('data'),
		version: integer('version').notNull(),
		updatedBy: integer('updated_by').references(() => user.id, { onDelete: 'set null' }),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [uniqueIndex('sheet_entry_ref_idx').on(t.teamId, t.stageId, t.ref)]
);

/** One judge's points for one rubric item of one team in a judged stage; each judge sees only their own. */
export const judgeScore = sqliteTable(
	'judge_score',
	{
		stageId: integer('stage_id')
			.notNull()
			.references(() => drillStage.id, { onDelete: 'cascade' }),
		teamId: integer('team_id')
			.notNull()
			.references(() => team.id, { onDelete: 'cascade' }),
		judgeId: integer('judge_id')
			.notNull()
			.references(() => user.id, { onDelete: 'restrict' }),
		rubricKey: text('rubric_key').notNull(),
		points: real('points').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.stageId, t.teamId, t.judgeId, t.rubricKey] })]
);

/** A pause of the whole drill (暂停): open stages' clocks stand still while it lasts; `to` is null until it ends. */
export const drillPause = sqliteTable(
	'drill_pause',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		drillId: integer('drill_id')
			.notNull()
			.references(() => drill.id, { onDelete: 'cascade' }),
		from: integer('from_ms').notNull(),
		to: integer('to_ms'),
		reason: text('reason').notNull(),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' })
	},
	(t) => [index('drill_pause_drill_idx').on(t.drillId)]
);

/** Extra time for one team in one stage (audited). */
export const teamExtension = sqliteTable('team_extension', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	teamId: integer('team_id')
		.notNull()
		.references(() => team.id, { onDelete: 'cascade' }),
	stageId: integer('stage_id')
		.notNull()
		.references(() => drillStage.id, { onDelete: 'cascade' }),
	ms: integer('ms').notNull(),
	reason: text('reason').notNull(),
	createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: integer('created_at').notNull()
});

/** A team's final submission of a stage: no more saves after it. */
export const stageSubmission = sqliteTable(
	'stage_submission',
	{
		teamId: integer('team_id')
			.notNull()
			.references(() => team.id, { onDelete: 'cascade' }),
		stageId: integer('stage_id')
			.notNull()
			.references(() => drillStage.id, { onDelete: 'cascade' }),
		submittedAt: integer('submitted_at').notNull(),
		submittedBy: integer('submitted_by').references(() => user.id, { onDelete: 'set null' })
	},
	(t) => [primaryKey({ columns: [t.teamId, t.stageId] })]
);

export type Drill = typeof drill.$inferSelect;
export type DrillStage = typeof drillStage.$inferSelect;
export type Team = typeof team.$inferSelect;
