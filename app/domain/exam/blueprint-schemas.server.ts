/**
 * The blueprint shapes as zod schemas: blueprints are stored as JSON and edited by
 * administrators, so they are validated when read and when saved. Server-only so that zod stays
 * out of the browser bundle; the types are re-exported by ./types.ts.
 */
import { z } from 'zod'
import { OPERATIONS, VIOLATION_TAGS } from './types.ts'

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
