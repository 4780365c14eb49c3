/**
 * Features that react to a graded attempt (course completion and certificates, retraining cases
 * on a failed spot check…) register a handler here; the exam engine calls every handler for the
 * attempt's purpose INSIDE the grading transaction, after the score is written. A handler that
 * throws rolls the grading back (the attempt stays IN_PROGRESS and is graded again on the next
 * submit or expiry sweep), so throw only for real faults, never for "nothing to do".
 *
 * Register at module level in your feature's *.server.ts and add one side-effect import of that
 * module to ./hook-registrations.server.ts, so the handler is present in every process that
 * grades (the exam routes do not import your feature otherwise):
 *
 *   onAttemptGraded('COURSE', 'courses:complete-assignment', async (tx, attempt, ctx) => { … })
 *
 * Names make registration idempotent (a re-import replaces, never duplicates).
 */
import type { Prisma } from '~/generated/prisma/client.ts'
import type { AttemptFlag, AttemptPurpose, AttemptStatus } from './types.ts'

export type Tx = Prisma.TransactionClient

/** What a handler learns about the graded attempt. */
export type GradedAttempt = {
	id: string
	personId: string
	enterpriseId: string
	blueprintId: string
	blueprintCode: string
	purpose: AttemptPurpose
	subjectType: string | null
	subjectId: string | null
	status: Exclude<AttemptStatus, 'IN_PROGRESS'>
	startedAt: Date
	submittedAt: Date
	score: number
	maxScore: number
	passMark: number
	passed: boolean
	flags: AttemptFlag[]
	questionCount: number
	correctCount: number
	/** wrong or unanswered questions per pack and topic: retraining picks packs from these */
	weakTopics: { packId: string; topic: string; wrong: number; total: number }[]
}

export type GradeContext = {
	/** the user who submitted, or null when the server closed the attempt at its deadline */
	actorUserId: string | null
	now: Date
}

export type GradedHandler = (tx: Tx, attempt: GradedAttempt, ctx: GradeContext) => Promise<void>

const registry = new Map<string, { purposes: ReadonlySet<AttemptPurpose> | 'ALL'; handler: GradedHandler }>()

/** Call `handler` for every graded attempt of the purpose(s) ('*' for all). */
export function onAttemptGraded(purpose: AttemptPurpose | readonly AttemptPurpose[] | '*', name: string, handler: GradedHandler): void {
	const purposes = purpose === '*' ? 'ALL' : new Set(typeof purpose === 'string' ? [purpose] : purpose)
	registry.set(name, { purposes, handler })
}

/** For tests: remove a handler by name. */
export function removeAttemptGradedHandler(name: string): void {
	registry.delete(name)
}

/** Run the matching handlers in registration order (called by the engine only). */
export async function runGradedHandlers(tx: Tx, attempt: GradedAttempt, ctx: GradeContext): Promise<void> {
	for (const { purposes, handler } of registry.values()) {
		if (purposes === 'ALL' || purposes.has(attempt.purpose)) await handler(tx, attempt, ctx)
	}
}
