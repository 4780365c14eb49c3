/**
 * Exam engine vocabulary shared by server and browser code (no I/O). The blueprint shapes are
 * validated with zod here because blueprints are stored as JSON and edited by administrators.
 */
import { z } from 'zod'

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

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'exam:bp.badId').max(80)

/**
 * Which questions a stratum may use. All given conditions must hold (AND); a list matches any
 * of its values (OR). `operations: 'FOR_POST'` is resolved from the examinee's post at start
 * (app/domain/exam/post-operations.ts).
 */
export const QuestionFilterSchema = z
	.object({
		packs: z.array(kebab).max(20).optional(),
		series: z.array(kebab).max(20).optional(),
		topics: z.array(kebab).max(50).optional(),
		operations: z.union([z.literal('FOR_POST'), z.array(z.enum(OPERATIONS)).max(9)]).optional(),
		hazardItems: z.array(z.number().int().min(1).max(99)).max(99).optional(),
		violations: z.array(z.enum(VIOLATION_TAGS)).max(3).optional(),
		/** only questions tagged with a hazard-criterion item (any item) */
		anyHazardItem: z.boolean().optional(),
	})
	.strict()
export type QuestionFilter = z.infer<typeof QuestionFilterSchema>

const count = z.number().int().min(0).max(200)
export const TypeCountsSchema = z.object({ SINGLE: count, MULTIPLE: count, TRUEFALSE: count }).strict()
export type TypeCounts = z.infer<typeof TypeCountsSchema>

export const StratumSchema = z
	.object({
		key: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'exam:bp.badStratumKey'),
		labelZh: z.string().min(1).max(40),
		labelEn: z.string().min(1).max(60),
		filter: QuestionFilterSchema,
		/** tried before borrowing from other strata when this one is short */
		widen: QuestionFilterSchema.optional(),
		counts: TypeCountsSchema,
	})
	.strict()
export type Stratum = z.infer<typeof StratumSchema>

export const StrataSchema = z
	.array(StratumSchema)
	.min(1, 'exam:bp.noStrata')
	.max(10)
	.refine((s) => new Set(s.map((x) => x.key)).size === s.length, 'exam:bp.duplicateStratum')
	.refine((s) => s.reduce((n, x) => n + x.counts.SINGLE + x.counts.MULTIPLE + x.counts.TRUEFALSE, 0) >= 1, 'exam:bp.noQuestions')
	.refine((s) => s.reduce((n, x) => n + x.counts.SINGLE + x.counts.MULTIPLE + x.counts.TRUEFALSE, 0) <= 200, 'exam:bp.tooManyQuestions')

const pts = z.number().min(0.5).max(100)
export const PointsSchema = z.object({ SINGLE: pts, MULTIPLE: pts, TRUEFALSE: pts }).strict()
export type Points = z.infer<typeof PointsSchema>

/** Narrows every stratum to some packs (a course exam restricts a blueprint to its pack). */
export const ScopeSchema = z
	.object({
		packIds: z.array(kebab).max(20).optional(),
		packVersionIds: z.array(z.string().min(1).max(40)).max(20).optional(),
	})
	.strict()
export type Scope = z.infer<typeof ScopeSchema>

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
