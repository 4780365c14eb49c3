/**
 * Exam engine vocabulary shared by server and browser code (no I/O). No zod: the blueprint pages
 * import this module and zod would ship with it; the blueprint shapes are zod schemas in
 * ./blueprint-schemas.server.ts, their types are re-exported here.
 */
import type { Points, Scope, Stratum, TypeCounts } from './blueprint-schemas.server.ts'

export type { Points, QuestionFilter, Scope, Stratum, TypeCounts } from './blueprint-schemas.server.ts'

export const QUESTION_TYPES = ['SINGLE', 'MULTIPLE', 'TRUEFALSE'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

export const ATTEMPT_PURPOSES = ['COURSE', 'SPOT_CHECK', 'COMPETENCE', 'REEXAM'] as const
export type AttemptPurpose = (typeof ATTEMPT_PURPOSES)[number]

/** IN_PROGRESS → SUBMITTED (by the person) | EXPIRED (graded by the server at the deadline). */
export const ATTEMPT_STATUSES = ['IN_PROGRESS', 'SUBMITTED', 'EXPIRED'] as const
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number]

export const BLUEPRINT_AUDIENCES = ['WORKER', 'SAFETY_MANAGER', 'PRINCIPAL', 'ANY'] as const
export type BlueprintAudience = (typeof BLUEPRINT_AUDIENCES)[number]

export const OPERATIONS = ['HOT_WORK', 'CONFINED_SPACE', 'BLINDING', 'HEIGHT', 'LIFTING', 'TEMP_POWER', 'EXCAVATION', 'ROAD_CLOSURE', 'GENERAL'] as const
export type Operation = (typeof OPERATIONS)[number]

export const VIOLATION_TAGS = ['COMMAND', 'OPERATION', 'DISCIPLINE'] as const

export const ATTEMPT_FLAGS = ['TOO_FAST'] as const
export type AttemptFlag = (typeof ATTEMPT_FLAGS)[number]

/** Saves are still accepted this long after the deadline (requests in flight at the deadline). */
export const GRACE_SECONDS = 30

/** Option keys shown to the person, by position (the paper keeps the real key order). */
export const DISPLAY_KEYS = ['A', 'B', 'C', 'D', 'E', 'F'] as const
export const TRUEFALSE_KEYS = ['T', 'F'] as const

/** The grading-relevant settings, frozen into the attempt at start. */
export type AttemptConfig = {
	blueprintCode: string
	points: Points
	/** the blueprint's nominal total (planned counts × points); scores are scaled to it */
	total: number
	passMark: number
	partialCredit: boolean
	timeLimitMinutes: number
	minSecondsPerQuestion: number
	scope: Scope | null
	/** operations the FOR_POST filter resolved to (empty when no stratum uses it) */
	postOperations: Operation[]
}

/** One question on a frozen paper. */
export type PaperItem = {
	/** Question row id (one pack version) */
	q: string
	/** stable question key */
	k: string
	t: QuestionType
	/** the question's own option keys in display order (T, F for true/false) */
	o: string[]
	/** points */
	p: number
	/** stratum key */
	s: string
}

export function plannedCount(counts: TypeCounts): number {
	return counts.SINGLE + counts.MULTIPLE + counts.TRUEFALSE
}

export function blueprintTotal(strata: readonly Stratum[], points: Points): number {
	let total = 0
	for (const s of strata) for (const t of QUESTION_TYPES) total += s.counts[t] * points[t]
	return total
}
