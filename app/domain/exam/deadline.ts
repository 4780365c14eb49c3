/**
 * The attempt state machine and the server clock, pure (pass `now`).
 *
 *   IN_PROGRESS ──submit (before deadline + grace)──▶ SUBMITTED
 *   IN_PROGRESS ──expire (after deadline + grace)───▶ EXPIRED   (graded with what was saved)
 *   SUBMITTED | EXPIRED ──submit──▶ unchanged (a repeated submit is harmless)
 *   answers are accepted only IN_PROGRESS and before deadline + grace; later ones are refused.
 */
import { GRACE_SECONDS, type AttemptStatus } from './types.ts'

export type Phase = 'OPEN' | 'GRACE' | 'CLOSED'

export function deadlineFor(startedAt: Date, timeLimitMinutes: number): Date {
	return new Date(startedAt.getTime() + timeLimitMinutes * 60_000)
}

/** OPEN before the deadline, GRACE for a short while after it, then CLOSED. */
export function phaseAt(deadlineAt: Date, now: Date, graceSeconds = GRACE_SECONDS): Phase {
	const t = now.getTime()
	if (t < deadlineAt.getTime()) return 'OPEN'
	if (t <= deadlineAt.getTime() + graceSeconds * 1000) return 'GRACE'
	return 'CLOSED'
}

export function closesAt(deadlineAt: Date, graceSeconds = GRACE_SECONDS): Date {
	return new Date(deadlineAt.getTime() + graceSeconds * 1000)
}

export function remainingMs(deadlineAt: Date, now: Date): number {
	return Math.max(0, deadlineAt.getTime() - now.getTime())
}

export type AttemptEventKind = 'SAVE' | 'SUBMIT' | 'EXPIRE'
export type Transition =
	| { ok: true; to: AttemptStatus; changed: boolean }
	| { ok: false; reason: 'LATE' | 'CLOSED' | 'NOT_DUE' }

/**
 * What an event does to an attempt at `now`. LATE: the deadline (plus grace) has passed;
 * CLOSED: the attempt was already handed in (or expired, before the grace ended); NOT_DUE: expiring before the deadline.
 */
export function transition(status: AttemptStatus, event: AttemptEventKind, deadlineAt: Date, now: Date): Transition {
	const phase = phaseAt(deadlineAt, now)
	if (status !== 'IN_PROGRESS') {
		if (event === 'SUBMIT' || event === 'EXPIRE') return { ok: true, to: status, changed: false }
		// A paper the server closed at its deadline: an answer arriving now is late, whether or
		// not the minute sweep has already run.
		return { ok: false, reason: status === 'EXPIRED' && phase === 'CLOSED' ? 'LATE' : 'CLOSED' }
	}
	switch (event) {
		case 'SAVE':
			return phase === 'CLOSED' ? { ok: false, reason: 'LATE' } : { ok: true, to: 'IN_PROGRESS', changed: false }
		case 'SUBMIT':
			// After the grace period the server has (or will have) closed the paper at the deadline.
			return { ok: true, to: phase === 'CLOSED' ? 'EXPIRED' : 'SUBMITTED', changed: true }
		case 'EXPIRE':
			return phase === 'CLOSED' ? { ok: true, to: 'EXPIRED', changed: true } : { ok: false, reason: 'NOT_DUE' }
	}
}

/**
 * Implausibly fast: on average less than `minSecondsPerQuestion` per answered question.
 * A handful of answers is not enough evidence, so fewer than 3 never flags.
 */
export function isTooFast(input: { startedAt: Date; finishedAt: Date; answered: number; minSecondsPerQuestion: number }): boolean {
	if (input.answered < 3 || input.minSecondsPerQuestion <= 0) return false
	const seconds = (input.finishedAt.getTime() - input.startedAt.getTime()) / 1000
	return seconds < input.answered * input.minSecondsPerQuestion
}
