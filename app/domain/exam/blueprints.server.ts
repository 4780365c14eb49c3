/**
 * Exam blueprints: the shipped defaults (./defaults.ts) are created on first use and edited by
 * administrators afterwards. Rows keep their JSON as text; `toBlueprint` parses and validates it.
 */
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { ExamBlueprint } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { audit } from '../audit.server.ts'
import { hasRole, type Actor } from '../policy.ts'
import { NotFoundError } from '../roster.server.ts'
import { DEFAULT_BLUEPRINTS, type BlueprintDefinition } from './defaults.ts'
import { drawPaper, EmptyBankError, type DrawReport } from './draw.ts'
import type { Tx } from './hooks.server.ts'
import { PointsSchema, StrataSchema } from './blueprint-schemas.server.ts'
import { OPERATIONS, blueprintTotal, type BlueprintAudience, type Points, type Stratum } from './types.ts'
import { loadBank } from './bank.server.ts'

export type Client = typeof db | Tx

export type Blueprint = {
	id: string
	code: string
	nameZh: string
	nameEn: string
	audience: BlueprintAudience
	strata: Stratum[]
	points: Points
	total: number
	passMark: number
	timeLimitMinutes: number
	maxAttempts: number | null
	retakeCooldownMinutes: number
	partialCredit: boolean
	minSecondsPerQuestion: number
	active: boolean
	updatedAt: Date
}

export function toBlueprint(row: ExamBlueprint): Blueprint {
	const strata = StrataSchema.parse(JSON.parse(row.strata))
	const points = PointsSchema.parse(JSON.parse(row.points))
	return {
		id: row.id,
		code: row.code,
		nameZh: row.nameZh,
		nameEn: row.nameEn,
		audience: row.audience as BlueprintAudience,
		strata,
		points,
		total: blueprintTotal(strata, points),
		passMark: row.passMark,
		timeLimitMinutes: row.timeLimitMinutes,
		maxAttempts: row.maxAttempts,
		retakeCooldownMinutes: row.retakeCooldownMinutes,
		partialCredit: row.partialCredit,
		minSecondsPerQuestion: row.minSecondsPerQuestion,
		active: row.active,
		updatedAt: row.updatedAt,
	}
}

function definitionData(d: BlueprintDefinition) {
	return {
		code: d.code,
		nameZh: d.nameZh,
		nameEn: d.nameEn,
		audience: d.audience,
		strata: JSON.stringify(d.strata),
		points: JSON.stringify(d.points),
		passMark: d.passMark,
		timeLimitMinutes: d.timeLimitMinutes,
		maxAttempts: d.maxAttempts,
		retakeCooldownMinutes: d.retakeCooldownMinutes,
		partialCredit: d.partialCredit,
		minSecondsPerQuestion: d.minSecondsPerQuestion,
	}
}

/** Create the shipped blueprints that do not exist yet; never touches an existing one. */
export async function ensureDefaultBlueprints(client: Client = db): Promise<number> {
	const existing = new Set((await client.examBlueprint.findMany({ select: { code: true } })).map((b) => b.code))
	let created = 0
	for (const d of DEFAULT_BLUEPRINTS) {
		if (existing.has(d.code)) continue
		await client.examBlueprint.upsert({ where: { code: d.code }, create: definitionData(d), update: {} })
		created++
	}
	return created
}

/** A blueprint by id or code (shipped defaults are created on first use). */
export async function findBlueprint(client: Client, ref: { id?: string; code?: string }): Promise<Blueprint | null> {
	if (ref.id) {
		const row = await client.examBlueprint.findUnique({ where: { id: ref.id } })
		return row ? toBlueprint(row) : null
	}
	if (!ref.code) return null
	let row = await client.examBlueprint.findUnique({ where: { code: ref.code } })
	if (!row && DEFAULT_BLUEPRINTS.some((d) => d.code === ref.code)) {
		await ensureDefaultBlueprints(client)
		row = await client.examBlueprint.findUnique({ where: { code: ref.code } })
	}
	return row ? toBlueprint(row) : null
}

function requireAdmin(actor: Actor) {
	if (!hasRole(actor, 'ADMIN')) throw new Response('Forbidden', { status: 403 })
}

export async function listBlueprints(actor: Actor): Promise<Blueprint[]> {
	requireAdmin(actor)
	await ensureDefaultBlueprints()
	const rows = await db.examBlueprint.findMany({ orderBy: { createdAt: 'asc' } })
	return rows.map(toBlueprint)
}

export async function getBlueprint(actor: Actor, id: string): Promise<Blueprint> {
	requireAdmin(actor)
	const bp = await findBlueprint(db, { id })
	if (!bp) throw new NotFoundError()
	return bp
}

/** A number typed in a form field: empty → required, junk → invalid, then the range. */
const num = (min: number, max: number, int = false) => {
	let n = z.coerce.number<string>({ error: 'errors:invalid' })
	if (int) n = n.int('errors:invalid')
	return z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').pipe(n.min(min, 'errors:tooSmall').max(max, 'errors:tooBig'))
}
const optionalInt = (min: number, max: number) =>
	z
		.string()
		.trim()
		.optional()
		.transform((v) => v ?? '')
		.pipe(z.union([z.literal('').transform(() => null), num(min, max, true)]))

/** The admin form: settings as fields, strata as JSON (validated). */
export const BlueprintFormSchema = z
	.object({
		nameZh: z.string().trim().min(1).max(60),
		nameEn: z.string().trim().min(1).max(100),
		audience: z.enum(['WORKER', 'SAFETY_MANAGER', 'PRINCIPAL', 'ANY']),
		pointsSingle: num(0.5, 100),
		pointsMultiple: num(0.5, 100),
		pointsTruefalse: num(0.5, 100),
		passMark: num(0, 1000),
		timeLimitMinutes: num(1, 300, true),
		maxAttempts: optionalInt(1, 20),
		retakeCooldownMinutes: num(0, 60 * 24 * 30, true),
		minSecondsPerQuestion: num(0, 120, true),
		partialCredit: z.literal('on').optional(),
		active: z.literal('on').optional(),
		strata: z.string().min(2, 'errors:required').max(20_000),
	})
	.transform((v, ctx) => {
		let json: unknown
		try {
			json = JSON.parse(v.strata)
		} catch {
			ctx.addIssue({ code: 'custom', path: ['strata'], message: 'exam:bp.badJson' })
			return z.NEVER
		}
		const strata = StrataSchema.safeParse(json)
		if (!strata.success) {
			const issue = strata.error.issues[0]!
			const own = /^[a-zA-Z]+:[\w.]+$/.test(issue.message)
			ctx.addIssue({ code: 'custom', path: ['strata'], message: own ? issue.message : 'exam:bp.badStrata' })
			return z.NEVER
		}
		const points = { SINGLE: v.pointsSingle, MULTIPLE: v.pointsMultiple, TRUEFALSE: v.pointsTruefalse }
		const total = blueprintTotal(strata.data, points)
		if (v.passMark > total) {
			ctx.addIssue({ code: 'custom', path: ['passMark'], message: 'exam:bp.passMarkAboveTotal' })
			return z.NEVER
		}
		return {
			nameZh: v.nameZh,
			nameEn: v.nameEn,
			audience: v.audience,
			points,
			strata: strata.data,
			passMark: v.passMark,
			timeLimitMinutes: v.timeLimitMinutes,
			maxAttempts: v.maxAttempts,
			retakeCooldownMinutes: v.retakeCooldownMinutes,
			minSecondsPerQuestion: v.minSecondsPerQuestion,
			partialCredit: v.partialCredit === 'on',
			active: v.active === 'on',
		}
	})
export type BlueprintForm = z.output<typeof BlueprintFormSchema>

export async function updateBlueprint(actor: Actor, id: string, input: BlueprintForm): Promise<void> {
	requireAdmin(actor)
	await db.$transaction(async (tx) => {
		const before = await tx.examBlueprint.findUnique({ where: { id } })
		if (!before) throw new NotFoundError()
		await tx.examBlueprint.update({
			where: { id },
			data: {
				nameZh: input.nameZh,
				nameEn: input.nameEn,
				audience: input.audience,
				strata: JSON.stringify(input.strata),
				points: JSON.stringify(input.points),
				passMark: input.passMark,
				timeLimitMinutes: input.timeLimitMinutes,
				maxAttempts: input.maxAttempts,
				retakeCooldownMinutes: input.retakeCooldownMinutes,
				minSecondsPerQuestion: input.minSecondsPerQuestion,
				partialCredit: input.partialCredit,
				active: input.active,
			},
		})
		await audit(
			actor,
			{
				action: 'exam.blueprintUpdated',
				entityType: 'ExamBlueprint',
				entityId: id,
				data: {
					code: before.code,
					before: { passMark: before.passMark, timeLimitMinutes: before.timeLimitMinutes, maxAttempts: before.maxAttempts, active: before.active, strata: before.strata, points: before.points },
					after: { passMark: input.passMark, timeLimitMinutes: input.timeLimitMinutes, maxAttempts: input.maxAttempts, active: input.active },
				},
			},
			tx,
		)
	})
}

export type BlueprintPreview =
	| { ok: true; report: DrawReport; items: { key: string; type: string; stratum: string; packId: string; stem: string }[] }
	| { ok: false; reason: 'emptyBank' }

/** Draw a sample paper against the current bank (nothing is stored): shows counts and shortfall. */
export async function previewBlueprint(actor: Actor, id: string): Promise<BlueprintPreview> {
	const bp = await getBlueprint(actor, id)
	const bank = await loadBank(db, null)
	try {
		const { items, report } = drawPaper({
			bank: bank.questions,
			strata: bp.strata,
			points: bp.points,
			audience: bp.audience,
			postOperations: [...OPERATIONS],
			recentKeys: new Set(),
			seed: randomBytes(8).toString('hex'),
		})
		const stems = new Map(
			(await db.question.findMany({ where: { id: { in: items.map((i) => i.q) } }, select: { id: true, stem: true } })).map((q) => [q.id, q.stem]),
		)
		const packOf = new Map(bank.questions.map((q) => [q.id, q.packId]))
		return {
			ok: true,
			report,
			items: items.map((i) => ({ key: i.k, type: i.t, stratum: i.s, packId: packOf.get(i.q) ?? '', stem: stems.get(i.q) ?? '' })),
		}
	} catch (e) {
		if (e instanceof EmptyBankError) return { ok: false, reason: 'emptyBank' }
		throw e
	}
}
