/**
 * The trainer's controls beyond opening and closing stages: pause and resume the whole drill, the
 * scoreboard's freeze and reveal, award counts and the public link. Every change is audited.
 */
import { and, eq, isNotNull, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { drill, drillPause, quizAttempt } from '../db/schema';
import { recordAudit, type Tx } from '../audit';
import { err, ok, type Result } from '../../domain/result';
import type { Pause } from '../../domain/drill/clock';
import { newPublicToken } from './drills';

export type ControlError = 'drill.not_found' | 'drill.already_paused' | 'drill.not_paused' | 'drill.already_revealed';

function found(db: Tx, drillId: number) {
	return db.select().from(drill).where(eq(drill.id, drillId)).get() ?? null;
}

/** The drill's pauses, for the clock (effectiveEnd). */
export function drillPauses(db: Db, drillId: number): Pause[] {
	return db.select({ from: drillPause.from, to: drillPause.to }).from(drillPause).where(eq(drillPause.drillId, drillId)).all();
}

export const isPaused = (pauses: readonly Pause[]) => pauses.some((p) => p.to === null);

/** 暂停: every open stage's clock stands still and saves are refused until the drill resumes. */
export function pauseDrill(db: Db, actorId: number, drillId: number, reason: string, now = Date.now()): Result<null, ControlError> {
	return db.transaction((tx) => {
		if (!tx.select({ id: drill.id }).from(drill).where(eq(drill.id, drillId)).get()) return err('drill.not_found');
		if (tx.select({ id: drillPause.id }).from(drillPause).where(and(eq(drillPause.drillId, drillId), isNull(drillPause.to))).get())
			return err('drill.already_paused');
		tx.insert(drillPause).values({ drillId, from: now, reason, createdBy: actorId }).run();
		recordAudit(tx, { actorId, action: 'drill.pause', entity: 'drill', entityId: drillId, after: { from: now }, reason, at: now });
		return ok(null);
	});
}

/** 继续: the pause ends; every team's end moves by its length (see effectiveEnd). */
export function resumeDrill(db: Db, actorId: number, drillId: number, now = Date.now()): Result<{ pausedMs: number }, ControlError> {
	return db.transaction((tx) => {
		const open = tx.select().from(drillPause).where(and(eq(drillPause.drillId, drillId), isNull(drillPause.to))).get();
		if (!open) return err('drill.not_paused');
		const to = Math.max(now, open.from);
		tx.update(drillPause).set({ to }).where(eq(drillPause.id, open.id)).run();
		// The 理论考试 attempts stood still during the pause (quiz/attempts.ts isPausedAttempt): their ends move by it too.
		tx.update(quizAttempt)
			.set({ endsAt: sql`${quizAttempt.endsAt} + ${to - open.from}` })
			.where(and(eq(quizAttempt.status, 'open'), isNotNull(quizAttempt.endsAt), like(quizAttempt.context, `drill:${drillId}:%`)))
			.run();
		recordAudit(tx, { actorId, action: 'drill.resume', entity: 'drill', entityId: drillId, before: { from: open.from }, after: { from: open.from, to }, at: now });
		return ok({ pausedMs: to - open.from });
	});
}

export interface BoardSettings {
	freezeMinutes: number;
	awardFirst: number;
	awardSecond: number;
	awardThird: number;
}

export function setBoardSettings(db: Db, actorId: number, drillId: number, input: BoardSettings): Result<null, ControlError> {
	return db.transaction((tx) => {
		const d = found(tx, drillId);
		if (!d) return err('drill.not_found');
		tx.update(drill).set(input).where(eq(drill.id, drillId)).run();
		const before = { freezeMinutes: d.freezeMinutes, awardFirst: d.awardFirst, awardSecond: d.awardSecond, awardThird: d.awardThird };
		recordAudit(tx, { actorId, action: 'drill.board_settings', entity: 'drill', entityId: drillId, before, after: input });
		return ok(null);
	});
}

/** 立即封榜: officers and the public see the standings of this moment until the reveal. */
export function freezeNow(db: Db, actorId: number, drillId: number, now = Date.now()): Result<null, ControlError> {
	return db.transaction((tx) => {
		const d = found(tx, drillId);
		if (!d) return err('drill.not_found');
		if (d.revealedAt !== null) return err('drill.already_revealed');
		if (d.frozenAt !== null) return ok(null);
		tx.update(drill).set({ frozenAt: now }).where(eq(drill.id, drillId)).run();
		recordAudit(tx, { actorId, action: 'drill.freeze', entity: 'drill', entityId: drillId, after: { frozenAt: now }, at: now });
		return ok(null);
	});
}

/** 揭晓: the freeze ends for everyone and the awards show on the public board. */
export function reveal(db: Db, actorId: number, drillId: number, now = Date.now()): Result<null, ControlError> {
	return db.transaction((tx) => {
		const d = found(tx, drillId);
		if (!d) return err('drill.not_found');
		if (d.revealedAt !== null) return err('drill.already_revealed');
		tx.update(drill).set({ revealedAt: now }).where(eq(drill.id, drillId)).run();
		recordAudit(tx, { actorId, action: 'drill.reveal', entity: 'drill', entityId: drillId, after: { revealedAt: now }, at: now });
		return ok(null);
	});
}

/** A new public scoreboard link; the old one stops working at once. */
export function renewPublicToken(db: Db, actorId: number, drillId: number): Result<{ token: string }, ControlError> {
	return db.transaction((tx) => {
		if (!found(tx, drillId)) return err('drill.not_found');
		const token = newPublicToken();
		tx.update(drill).set({ publicToken: token }).where(eq(drill.id, drillId)).run();
		recordAudit(tx, { actorId, action: 'drill.public_link', entity: 'drill', entityId: drillId });
		return ok({ token });
	});
}

/** The drill a public scoreboard token opens, or null. */
export function drillByToken(db: Db, token: string) {
	if (!/^[a-z2-7]{24}$/.test(token)) return null;
	return db.select({ id: drill.id }).from(drill).where(eq(drill.publicToken, token)).get() ?? null;
}
