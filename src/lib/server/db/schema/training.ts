import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { user } from './auth';
import { unit } from './unit';
import type { StaffCategory } from '../../../domain/roles';

/** Who a session is for: the staff categories, 执法人员, or a mix. */
export type TrainingAudience = StaffCategory | 'officer' | 'mixed';
export type TrainingStatus = 'planned' | 'enrolling' | 'running' | 'ended' | 'cancelled';

/** A training session (期次) of a bureau. */
export const trainingSession = sqliteTable(
	'training_session',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		title: text('title').notNull(),
		organizerUnitId: integer('organizer_unit_id').references(() => unit.id, { onDelete: 'set null' }),
		/** The 市/县 the session counts for in the bureau's numbers. */
		regionUnitId: integer('region_unit_id').references(() => unit.id, { onDelete: 'set null' }),
		/** yyyy-mm-dd */
		startDate: text('start_date').notNull(),
		endDate: text('end_date').notNull(),
		venue: text('venue').notNull(),
		audience: text('audience').$type<TrainingAudience>().notNull(),
		instructors: text('instructors').notNull().default(''),
		capacity: integer('capacity').notNull(),
		status: text('status').$type<TrainingStatus>().notNull().default('planned'),
		/** The year the session counts for and its number within that year, for certificate numbers (PX2026-012-…). */
		year: integer('year').notNull(),
		yearSeq: integer('year_seq').notNull(),
		/** Secret of the rotating check-in codes; never sent to a browser. */
		checkinSecret: text('checkin_secret').notNull(),
		/** Minimum exam score to pass (0–100). */
		passMark: integer('pass_mark').notNull().default(60),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp' })
			.notNull()
			.default(sql`(unixepoch())`)
	},
	(t) => [index('training_session_start_idx').on(t.startDate), uniqueIndex('training_session_year_seq_idx').on(t.year, t.yearSeq)]
);

/** A time slot of a session (one half-day, say) with the hours it is worth; check-in is per slot. */
export const sessionSlot = sqliteTable(
	'session_slot',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		sessionId: integer('session_id')
			.notNull()
			.references(() => trainingSession.id, { onDelete: 'cascade' }),
		date: text('date').notNull(),
		/** hh:mm */
		startTime: text('start_time').notNull(),
		endTime: text('end_time').notNull(),
		hours: real('hours').notNull()
	},
	(t) => [index('session_slot_session_idx').on(t.sessionId)]
);

/**
 * A person trained, with or without an account: most come from imported rosters. The ID number is kept
 * whole so records can be matched, and shown masked everywhere but to admins.
 */
export const trainee = sqliteTable(
	'trainee',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		/** Lower-case pinyin initials of the name, for search (张伟 → zw). */
		nameInitials: text('name_initials').notNull(),
		phone: text('phone'),
		idNumber: text('id_number').unique(),
		enterpriseUnitId: integer('enterprise_unit_id').references(() => unit.id, { onDelete: 'set null' }),
		category: text('category').$type<StaffCategory>().notNull(),
		position: text('position').notNull().default(''),
		userId: integer('user_id')
			.unique()
			.references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('trainee_enterprise_idx').on(t.enterpriseUnitId), index('trainee_initials_idx').on(t.nameInitials)]
);

export const enrollment = sqliteTable(
	'enrollment',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		sessionId: integer('session_id')
			.notNull()
			.references(() => trainingSession.id, { onDelete: 'cascade' }),
		traineeId: integer('trainee_id')
			.notNull()
			.references(() => trainee.id, { onDelete: 'cascade' }),
		status: text('status').$type<'enrolled' | 'waiting' | 'cancelled'>().notNull(),
		/** Order on the waiting list (and of enrolment). */
		position: integer('position').notNull(),
		source: text('source').$type<'self' | 'trainer' | 'import'>().notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('enrollment_session_trainee_idx').on(t.sessionId, t.traineeId), index('enrollment_trainee_idx').on(t.traineeId)]
);

/** Presence in one slot; corrections by hand carry a reason in the audit log. */
export const attendance = sqliteTable(
	'attendance',
	{
		slotId: integer('slot_id')
			.notNull()
			.references(() => sessionSlot.id, { onDelete: 'cascade' }),
		traineeId: integer('trainee_id')
			.notNull()
			.references(() => trainee.id, { onDelete: 'cascade' }),
		method: text('method').$type<'qr' | 'manual'>().notNull(),
		checkedInAt: integer('checked_in_at').notNull(),
		recordedBy: integer('recorded_by').references(() => user.id, { onDelete: 'set null' })
	},
	(t) => [primaryKey({ columns: [t.slotId, t.traineeId] }), index('attendance_trainee_idx').on(t.traineeId)]
);

/** A session's exam result for one trainee (entered by hand until quizzes land). */
export const examResult = sqliteTable(
	'exam_result',
	{
		sessionId: integer('session_id')
			.notNull()
			.references(() => trainingSession.id, { onDelete: 'cascade' }),
		traineeId: integer('trainee_id')
			.notNull()
			.references(() => trainee.id, { onDelete: 'cascade' }),
		score: real('score').notNull(),
		passed: integer('passed', { mode: 'boolean' }).notNull(),
		source: text('source').$type<'manual' | 'quiz'>().notNull(),
		enteredBy: integer('entered_by').references(() => user.id, { onDelete: 'set null' }),
		enteredAt: integer('entered_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.traineeId] })]
);

/** 培训合格证明: unique number, verifiable publicly; revocable with a reason. */
export const trainingCertificate = sqliteTable(
	'training_certificate',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		number: text('number').notNull().unique(),
		sessionId: integer('session_id')
			.notNull()
			.references(() => trainingSession.id, { onDelete: 'restrict' }),
		traineeId: integer('trainee_id')
			.notNull()
			.references(() => trainee.id, { onDelete: 'restrict' }),
		hours: real('hours').notNull(),
		issuedAt: integer('issued_at').notNull(),
		/** yyyy-mm-dd */
		validUntil: text('valid_until').notNull(),
		revokedAt: integer('revoked_at'),
		revokedReason: text('revoked_reason')
	},
	(t) => [uniqueIndex('training_certificate_session_trainee_idx').on(t.sessionId, t.traineeId)]
);
