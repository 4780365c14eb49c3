/**
 * Drills, with I/O: planning, the phone run (stopwatch marks, headcount, missing people, notes),
 * evaluation, corrective actions, photos on disk, records and compliance views. Every change
 * runs in a transaction and leaves an audit event; every read is scoped to what the actor may
 * see (a foreign id is NotFoundError → 404; a visible drill the actor may not change is
 * ForbiddenError → 403). The rules themselves are pure functions in ./drills.ts.
 */
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { audit } from './audit.server.ts'
import {
	ACTION_STATUSES,
	areaPeriodStatus,
	assertTransition,
	checkMark,
	complianceMatrix,
	countStatuses,
	countsTowardCompliance,
	DRILL_FORMS,
	DRILL_KINDS,
	DRILL_SCOPES,
	DRILL_STATUSES,
	drillPeriod,
	drillReminders,
	DrillTransitionError,
	elapsedBetween,
	finishProblems,
	firstDayOfHalfYear,
	lastDayOfHalfYear,
	markInstant,
	matrixPeriods,
	MARKS,
	signOffProblems,
	stepAllowed,
	type DrillStatus,
	type DrillStep,
	type Mark,
} from './drills.ts'
import { IMAGE_TYPES, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_DRILL, sniffImageType } from './images.ts'
import { canSeeEnterprise, enterpriseScopeWhere, hasRole, type Actor } from './policy.ts'
import { NotFoundError, RuleError } from './roster.server.ts'
import { halfYearBounds, halfYearKey, halfYearOf, parseDateString, parseHalfYearKey, shanghaiDate } from './time.ts'

/** The actor may see the drill but not do this to it. */
export class ForbiddenError extends Error {
	constructor() {
		super('Forbidden')
	}
}

type Tx = Prisma.TransactionClient

// ── Schemas (messages are i18n keys) ──────────────────────────────────────────────────────

const text = (max: number) => z.string().trim().max(max, 'errors:tooLong').default('')
const requiredText = (max: number) => z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(max, 'errors:tooLong')
const optionalId = z
	.string()
	.trim()
	.max(40)
	.optional()
	.transform((v) => v || null)
const DateSchema = z
	.string({ error: 'errors:required' })
	.trim()
	.min(1, 'errors:required')
	.refine((v) => parseDateString(v) !== null, 'errors:dateInvalid')
const optionalCount = z
	.string()
	.trim()
	.optional()
	.transform((v, ctx) => {
		if (!v) return null
		const n = Number(v)
		if (!Number.isInteger(n) || n < 0 || n > 100_000) {
			ctx.addIssue({ code: 'custom', message: 'drills:errors.count' })
			return z.NEVER
		}
		return n
	})

export const PlanSchema = z.object({
	areaId: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(40),
	kind: z.enum(DRILL_KINDS, { error: 'errors:invalidChoice' }),
	form: z.enum(DRILL_FORMS, { error: 'errors:invalidChoice' }),
	scope: z.enum(DRILL_SCOPES, { error: 'errors:invalidChoice' }),
	plannedDate: DateSchema,
	purpose: text(500),
	scenarioEvent: text(500),
	scenarioPlace: text(200),
	scenarioTime: text(200),
	scenarioScale: text(200),
	expectedParticipants: optionalCount,
	organiserId: optionalId,
	evaluatorId: optionalId,
})
export type PlanInput = z.output<typeof PlanSchema>

export const PlanAllSchema = z.object({
	plannedDate: DateSchema,
	organiserId: optionalId,
	evaluatorId: optionalId,
})

export const CancelSchema = z.object({ reason: requiredText(200) })

export const HeadcountSchema = z.object({
	expected: optionalCount,
	accounted: optionalCount.refine((v) => v !== null, 'errors:required'),
})

export const NoteSchema = z.object({
	text: requiredText(500),
	clientId: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9_-]{8,64}$/, 'errors:invalid')
		.optional()
		.transform((v) => v ?? null),
	ageMs: z.coerce.number().optional(),
})

export const MarkSchema = z.object({
	mark: z.enum(MARKS, { error: 'errors:invalidChoice' }),
	ageMs: z.coerce.number().optional(),
})

export const MissingSchema = z.object({
	personId: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(40),
	note: text(200),
})

export const EvaluationSchema = z.object({
	problems: text(4000),
	causes: text(4000),
	lessons: text(4000),
	improvements: text(4000),
})

export const EvaluatorSchema = z.object({ evaluatorId: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(40) })

export const ActionSchema = z.object({
	description: requiredText(500),
	ownerId: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(40),
	dueDate: DateSchema,
})

export const ActionStatusSchema = z.object({
	status: z.enum(ACTION_STATUSES, { error: 'errors:invalidChoice' }),
	note: text(500),
})

export const DrillFilterSchema = z.object({
	area: z.string().max(40).optional().catch(undefined),
	period: z
		.string()
		.max(10)
		.optional()
		.transform((v) => (v && parseHalfYearKey(v) ? v : undefined))
		.catch(undefined),
	kind: z.enum(DRILL_KINDS).optional().catch(undefined),
	status: z.enum(DRILL_STATUSES).optional().catch(undefined),
	enterprise: z.string().max(40).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})
export type DrillFilter = z.infer<typeof DrillFilterSchema>

// ── Access ────────────────────────────────────────────────────────────────────────────────

type DrillAccessRow = {
	id: string
	enterpriseId: string
	status: string
	organiserId: string | null
	evaluatorId: string | null
	enterprise: { id: string; regionId: string }
}

function isManagerOf(actor: Actor, enterpriseId: string): boolean {
	return actor.enterpriseId === enterpriseId && hasRole(actor, 'SAFETY_MANAGER')
}

function sameEnterprise(actor: Actor, enterpriseId: string): boolean {
	return actor.enterpriseId === enterpriseId
}

async function ownsActionIn(actor: Actor, drillId: string): Promise<boolean> {
	if (!actor.personId) return false
	return (await db.correctiveAction.count({ where: { drillId, ownerId: actor.personId } })) > 0
}

export type DrillAbilities = {
	plan: boolean
	run: boolean
	evaluate: boolean
	signOff: boolean
	photos: boolean
}

function abilities(actor: Actor, d: DrillAccessRow): DrillAbilities {
	const manager = isManagerOf(actor, d.enterpriseId)
	const mine = sameEnterprise(actor, d.enterpriseId) && !!actor.personId
	const organiser = mine && d.organiserId === actor.personId
	const evaluator = mine && d.evaluatorId === actor.personId
	return {
		plan: manager,
		run: manager || organiser,
		evaluate: manager || evaluator,
		signOff: evaluator,
		photos: manager || organiser || evaluator,
	}
}

async function canView(actor: Actor, d: DrillAccessRow): Promise<boolean> {
	if (canSeeEnterprise(actor, d.enterprise) && !sameEnterprise(actor, d.enterpriseId)) return true // bureau and admin
	if (!sameEnterprise(actor, d.enterpriseId)) return false
	if (hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) return true
	const a = abilities(actor, d)
	return a.run || a.evaluate || (await ownsActionIn(actor, d.id))
}

const ACCESS_SELECT = {
	id: true,
	enterpriseId: true,
	status: true,
	organiserId: true,
	evaluatorId: true,
	enterprise: { select: { id: true, regionId: true } },
} as const

/** A drill the actor may see, or NotFoundError. */
async function findVisible(actor: Actor, drillId: string): Promise<DrillAccessRow> {
	const d = await db.drill.findUnique({ where: { id: drillId }, select: ACCESS_SELECT })
	if (!d || !(await canView(actor, d))) throw new NotFoundError()
	return d
}

async function requireAbility(actor: Actor, drillId: string, ability: keyof DrillAbilities): Promise<DrillAccessRow> {
	const d = await findVisible(actor, drillId)
	if (!abilities(actor, d)[ability]) throw new ForbiddenError()
	return d
}

function requireStep(status: string, step: DrillStep): void {
	if (!stepAllowed(status, step)) throw new RuleError(null, 'drills:errors.notInStatus', { status })
}

function transitionOrRefuse(from: string, to: DrillStatus): void {
	try {
		assertTransition(from, to)
	} catch (e) {
		if (e instanceof DrillTransitionError) throw new RuleError(null, 'drills:errors.illegalTransition', { from: e.from, to: e.to })
		throw e
	}
}

/**
 * Update a drill only if it is still in `status` (another phone may have moved it on): the
 * re-check inside the write keeps two concurrent requests from both passing the same check.
 */
async function updateInStatus(tx: Tx, id: string, status: string, data: Prisma.DrillUncheckedUpdateManyInput): Promise<void> {
	const { count } = await tx.drill.updateMany({ where: { id, status }, data })
	if (count !== 1) throw new RuleError(null, 'drills:errors.changedMeanwhile')
}

async function checkPerson(tx: Tx | typeof db, enterpriseId: string, personId: string | null, field: string): Promise<void> {
	if (!personId) return
	const p = await tx.person.findFirst({ where: { id: personId, enterpriseId, dutyStatus: { not: 'LEFT' } }, select: { id: true } })
	if (!p) throw new RuleError(field, 'errors:invalidChoice')
}

function auditDrill(actor: Actor, enterpriseId: string, drillId: string, action: string, tx: Tx, data?: Record<string, unknown>) {
	return audit(actor, { action, entityType: 'Drill', entityId: drillId, enterpriseId, data }, tx)
}

// ── Planning ──────────────────────────────────────────────────────────────────────────────

function requireManager(actor: Actor): asserts actor is Actor & { enterpriseId: string } {
	if (!actor.enterpriseId || !hasRole(actor, 'SAFETY_MANAGER')) throw new ForbiddenError()
}

function checkPlanDate(date: string, now: Date, previous?: string): void {
	if (date === previous) return
	const today = shanghaiDate(now)
	if (date < today) throw new RuleError('plannedDate', 'drills:errors.dateInPast')
	const limit = `${Number(today.slice(0, 4)) + 2}${today.slice(4)}`
	if (date > limit) throw new RuleError('plannedDate', 'drills:errors.dateTooFar')
}

async function activeArea(enterpriseId: string, areaId: string) {
	const area = await db.area.findFirst({ where: { id: areaId, enterpriseId }, select: { id: true, name: true, archivedAt: true } })
	if (!area) throw new RuleError('areaId', 'errors:invalidChoice')
	if (area.archivedAt) throw new RuleError('areaId', 'drills:errors.areaArchived')
	return area
}

export async function planDrill(actor: Actor, input: PlanInput, now = new Date()) {
	requireManager(actor)
	const enterpriseId = actor.enterpriseId
	await activeArea(enterpriseId, input.areaId)
	checkPlanDate(input.plannedDate, now)
	await checkPerson(db, enterpriseId, input.organiserId, 'organiserId')
	await checkPerson(db, enterpriseId, input.evaluatorId, 'evaluatorId')
	return db.$transaction(async (tx) => {
		const d = await tx.drill.create({
			data: { ...input, enterpriseId, status: 'PLANNED', headcountExpected: input.expectedParticipants, createdByUserId: actor.userId },
		})
		await auditDrill(actor, enterpriseId, d.id, 'drill.planned', tx, { areaId: d.areaId, plannedDate: d.plannedDate, kind: d.kind, form: d.form })
		return d
	})
}

export async function updatePlan(actor: Actor, drillId: string, input: PlanInput, now = new Date()) {
	const access = await requireAbility(actor, drillId, 'plan')
	const d = await db.drill.findUniqueOrThrow({ where: { id: drillId } })
	requireStep(d.status, 'editPlan')
	if (input.areaId !== d.areaId) await activeArea(access.enterpriseId, input.areaId)
	checkPlanDate(input.plannedDate, now, d.plannedDate)
	await checkPerson(db, access.enterpriseId, input.organiserId, 'organiserId')
	await checkPerson(db, access.enterpriseId, input.evaluatorId, 'evaluatorId')
	return db.$transaction(async (tx) => {
		await updateInStatus(tx, drillId, 'PLANNED', { ...input, headcountExpected: input.expectedParticipants })
		const changed = Object.fromEntries(
			Object.entries(input).filter(([k, v]) => (d as Record<string, unknown>)[k] !== v),
		)
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.updated', tx, { changed: Object.keys(changed), from: { plannedDate: d.plannedDate, areaId: d.areaId }, to: { plannedDate: input.plannedDate, areaId: input.areaId } })
	})
}

/**
 * "Plan this half-year for every area that has none": one live evacuation drill on `date` for
 * each active area whose current half-year is DUE. Areas with any plan (even a missed one) or a
 * completed drill are left alone.
 */
export async function planAllUnplanned(actor: Actor, input: z.output<typeof PlanAllSchema>, now = new Date()) {
	requireManager(actor)
	const enterpriseId = actor.enterpriseId
	const current = halfYearOf(now)
	checkPlanDate(input.plannedDate, now)
	if (input.plannedDate > lastDayOfHalfYear(current)) throw new RuleError('plannedDate', 'drills:errors.notThisHalfYear')
	await checkPerson(db, enterpriseId, input.organiserId, 'organiserId')
	await checkPerson(db, enterpriseId, input.evaluatorId, 'evaluatorId')
	return db.$transaction(async (tx) => {
		const { areas, drills } = await complianceInputs(tx, [enterpriseId], [current])
		const due = areas.filter((a) => !a.archivedAt && areaPeriodStatus(a, drills, current, now).status === 'DUE')
		const created: string[] = []
		for (const a of due) {
			const d = await tx.drill.create({
				data: {
					enterpriseId,
					areaId: a.id,
					kind: 'EVACUATION',
					form: 'LIVE',
					scope: 'SINGLE',
					plannedDate: input.plannedDate,
					organiserId: input.organiserId,
					evaluatorId: input.evaluatorId,
					createdByUserId: actor.userId,
				},
			})
			await auditDrill(actor, enterpriseId, d.id, 'drill.planned', tx, { areaId: a.id, plannedDate: d.plannedDate, bulk: true })
			created.push(d.id)
		}
		return { created: created.length }
	})
}

export async function cancelDrill(actor: Actor, drillId: string, reason: string, now = new Date()) {
	const access = await requireAbility(actor, drillId, 'plan')
	transitionOrRefuse(access.status, 'CANCELLED')
	await db.$transaction(async (tx) => {
		await updateInStatus(tx, drillId, access.status, { status: 'CANCELLED', cancelledAt: now, cancelReason: reason })
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.cancelled', tx, { from: access.status, reason })
	})
}

// ── Run ───────────────────────────────────────────────────────────────────────────────────

export type MarkResult = { mark: Mark; at: Date; already: boolean }

/** Record a stopwatch mark. `ageMs`: how long ago the phone saw the tap (null: now). */
export async function recordMark(actor: Actor, drillId: string, mark: Mark, ageMs: number | null, now = new Date()): Promise<MarkResult> {
	const access = await requireAbility(actor, drillId, 'run')
	const at = markInstant(now, ageMs)
	if (!at) throw new RuleError(null, 'drills:errors.markTooOld')
	return db.$transaction(async (tx) => {
		const d = await tx.drill.findUniqueOrThrow({ where: { id: drillId }, select: { status: true, alarmAt: true, clearedAt: true, assembledAt: true } })
		const check = checkMark(d, mark, at)
		if (!check.ok) {
			if (mark === 'alarm') transitionOrRefuse(d.status, 'RUNNING')
			throw new RuleError(null, check.key, { status: d.status })
		}
		if ('already' in check) return { mark, at: check.already, already: true }
		const data: Prisma.DrillUncheckedUpdateManyInput = { [check.field]: at }
		if (check.transition) data.status = 'RUNNING'
		await updateInStatus(tx, drillId, d.status, data)
		await auditDrill(actor, access.enterpriseId, drillId, check.transition ? 'drill.started' : 'drill.marked', tx, { mark, at: at.toISOString(), ageMs })
		return { mark, at, already: false }
	})
}

/** Undo a mis-tapped "area clear" or "assembled" mark while the drill runs. */
export async function undoMark(actor: Actor, drillId: string, mark: Mark) {
	const access = await requireAbility(actor, drillId, 'run')
	if (mark === 'alarm') throw new RuleError(null, 'drills:errors.alarmFixed')
	requireStep(access.status, 'mark')
	await db.$transaction(async (tx) => {
		await updateInStatus(tx, drillId, 'RUNNING', { [mark === 'clear' ? 'clearedAt' : 'assembledAt']: null })
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.unmarked', tx, { mark })
	})
}

export async function setHeadcount(actor: Actor, drillId: string, input: z.output<typeof HeadcountSchema>) {
	const access = await requireAbility(actor, drillId, 'run')
	requireStep(access.status, 'headcount')
	if (input.expected !== null && input.accounted !== null && input.accounted > input.expected)
		throw new RuleError('accounted', 'drills:errors.accountedOverExpected')
	await db.$transaction(async (tx) => {
		await updateInStatus(tx, drillId, access.status, { headcountExpected: input.expected, headcountAccounted: input.accounted })
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.headcount', tx, { ...input })
	})
}

export async function addNote(actor: Actor, drillId: string, input: z.output<typeof NoteSchema>, now = new Date()) {
	const access = await requireAbility(actor, drillId, 'run')
	requireStep(access.status, 'notes')
	const at = markInstant(now, input.ageMs ?? null)
	if (!at) throw new RuleError(null, 'drills:errors.markTooOld')
	return db.$transaction(async (tx) => {
		if (input.clientId) {
			const dup = await tx.drillNote.findUnique({ where: { drillId_clientId: { drillId, clientId: input.clientId } } })
			if (dup) return { note: dup, already: true }
		}
		const note = await tx.drillNote.create({ data: { drillId, at, text: input.text, clientId: input.clientId, authorUserId: actor.userId } })
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.note', tx, { noteId: note.id })
		return { note, already: false }
	})
}

export async function addMissing(actor: Actor, drillId: string, input: z.output<typeof MissingSchema>) {
	const access = await requireAbility(actor, drillId, 'run')
	requireStep(access.status, 'missing')
	const person = await db.person.findFirst({ where: { id: input.personId, enterpriseId: access.enterpriseId }, select: { id: true, name: true } })
	if (!person) throw new RuleError('personId', 'errors:invalidChoice')
	await db.$transaction(async (tx) => {
		const exists = await tx.drillMissingPerson.findUnique({ where: { drillId_personId: { drillId, personId: person.id } } })
		if (exists) throw new RuleError('personId', 'drills:errors.alreadyMissing', { name: person.name })
		await tx.drillMissingPerson.create({ data: { drillId, personId: person.id, note: input.note } })
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.missing.added', tx, { personId: person.id })
	})
	return person
}

export async function removeMissing(actor: Actor, drillId: string, personId: string) {
	const access = await requireAbility(actor, drillId, 'run')
	requireStep(access.status, 'missing')
	await db.$transaction(async (tx) => {
		const { count } = await tx.drillMissingPerson.deleteMany({ where: { drillId, personId } })
		if (!count) throw new NotFoundError()
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.missing.removed', tx, { personId })
	})
}

/** RUNNING → EVALUATING: the run is over. */
export async function finishRun(actor: Actor, drillId: string, now = new Date()) {
	const access = await requireAbility(actor, drillId, 'run')
	transitionOrRefuse(access.status, 'EVALUATING')
	const d = await db.drill.findUniqueOrThrow({ where: { id: drillId } })
	const problems = finishProblems(d)
	if (problems.length) throw new RuleError(null, problems[0]!)
	await db.$transaction(async (tx) => {
		await updateInStatus(tx, drillId, 'RUNNING', { status: 'EVALUATING', endedAt: now })
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.finished', tx)
	})
}

// ── Evaluation ────────────────────────────────────────────────────────────────────────────

export async function saveEvaluation(actor: Actor, drillId: string, input: z.output<typeof EvaluationSchema>) {
	const access = await requireAbility(actor, drillId, 'evaluate')
	requireStep(access.status, 'evaluate')
	await db.$transaction(async (tx) => {
		await updateInStatus(tx, drillId, 'EVALUATING', input)
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.evaluated', tx, { fields: Object.keys(input).filter((k) => input[k as keyof typeof input]) })
	})
}

export async function setEvaluator(actor: Actor, drillId: string, evaluatorId: string) {
	const access = await requireAbility(actor, drillId, 'plan')
	requireStep(access.status, 'changeEvaluator')
	await checkPerson(db, access.enterpriseId, evaluatorId, 'evaluatorId')
	await db.$transaction(async (tx) => {
		await updateInStatus(tx, drillId, access.status, { evaluatorId })
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.evaluator', tx, { from: access.evaluatorId, to: evaluatorId })
	})
}

/** EVALUATING → CLOSED, by the drill's evaluator only; the record is final from here on. */
export async function signOff(actor: Actor, drillId: string, now = new Date()) {
	const access = await requireAbility(actor, drillId, 'signOff')
	transitionOrRefuse(access.status, 'CLOSED')
	const d = await db.drill.findUniqueOrThrow({ where: { id: drillId } })
	const problems = signOffProblems(d)
	if (problems.length) throw new RuleError(problems[0]!.field, problems[0]!.key)
	await db.$transaction(async (tx) => {
		await updateInStatus(tx, drillId, 'EVALUATING', { status: 'CLOSED', signedOffAt: now, signedOffByUserId: actor.userId, signedOffByName: actor.displayName })
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.signedOff', tx)
	})
}

// ── Corrective actions ────────────────────────────────────────────────────────────────────

export async function addCorrectiveAction(actor: Actor, drillId: string, input: z.output<typeof ActionSchema>, now = new Date()) {
	const access = await requireAbility(actor, drillId, 'evaluate')
	requireStep(access.status, 'addAction')
	if (input.dueDate < shanghaiDate(now)) throw new RuleError('dueDate', 'drills:errors.dateInPast')
	await checkPerson(db, access.enterpriseId, input.ownerId, 'ownerId')
	return db.$transaction(async (tx) => {
		const a = await tx.correctiveAction.create({
			data: { drillId, enterpriseId: access.enterpriseId, description: input.description, ownerId: input.ownerId, dueDate: input.dueDate, createdByUserId: actor.userId },
		})
		await audit(actor, { action: 'correctiveAction.created', entityType: 'CorrectiveAction', entityId: a.id, enterpriseId: access.enterpriseId, data: { drillId, ownerId: a.ownerId, dueDate: a.dueDate } }, tx)
		return a
	})
}

/** The owner or a safety manager moves an action along; DONE is final. */
export async function updateActionStatus(actor: Actor, actionId: string, input: z.output<typeof ActionStatusSchema>, now = new Date()) {
	const a = await db.correctiveAction.findUnique({ where: { id: actionId }, include: { drill: { select: ACCESS_SELECT } } })
	if (!a) throw new NotFoundError()
	const owner = !!actor.personId && a.ownerId === actor.personId
	if (!owner && !(await canView(actor, a.drill))) throw new NotFoundError()
	if (!owner && !isManagerOf(actor, a.enterpriseId)) throw new ForbiddenError()
	if (a.status === 'DONE') throw new RuleError('status', 'drills:errors.actionDone')
	if (input.status === a.status) return a
	return db.$transaction(async (tx) => {
		const { count } = await tx.correctiveAction.updateMany({
			where: { id: actionId, status: a.status },
			data: { status: input.status, doneAt: input.status === 'DONE' ? now : null, doneNote: input.status === 'DONE' ? input.note : a.doneNote },
		})
		if (count !== 1) throw new RuleError(null, 'drills:errors.changedMeanwhile')
		await audit(actor, { action: 'correctiveAction.status', entityType: 'CorrectiveAction', entityId: actionId, enterpriseId: a.enterpriseId, data: { from: a.status, to: input.status, drillId: a.drillId } }, tx)
		return { ...a, status: input.status }
	})
}

// ── Photos ────────────────────────────────────────────────────────────────────────────────

/** Uploads live beside the database by default (data/uploads), never under public/. */
export function uploadRoot(): string {
	return path.resolve(getEnv().UPLOAD_DIR ?? process.env.UPLOAD_DIR ?? 'data/uploads')
}

function photoPath(storageKey: string): string {
	const root = uploadRoot()
	const full = path.resolve(root, storageKey)
	if (!full.startsWith(root + path.sep)) throw new Error('Photo path escapes the upload directory')
	return full
}

export async function addPhoto(actor: Actor, drillId: string, bytes: Uint8Array, caption: string) {
	const access = await requireAbility(actor, drillId, 'photos')
	requireStep(access.status, 'photos')
	if (!bytes.length) throw new RuleError('photo', 'errors:required')
	if (bytes.length > MAX_PHOTO_BYTES) throw new RuleError('photo', 'drills:errors.photoTooBig', { mb: MAX_PHOTO_BYTES / 1024 / 1024 })
	const mime = sniffImageType(bytes)
	if (!mime) throw new RuleError('photo', 'drills:errors.photoType')
	if ((await db.drillPhoto.count({ where: { drillId } })) >= MAX_PHOTOS_PER_DRILL)
		throw new RuleError('photo', 'drills:errors.tooManyPhotos', { max: MAX_PHOTOS_PER_DRILL })
	const storageKey = `drills/${access.enterpriseId}/${randomUUID()}.${IMAGE_TYPES[mime]}`
	const file = photoPath(storageKey)
	await fs.mkdir(path.dirname(file), { recursive: true })
	const tmp = `${file}.part`
	await fs.writeFile(tmp, bytes, { mode: 0o640 })
	await fs.rename(tmp, file)
	try {
		return await db.$transaction(async (tx) => {
			const p = await tx.drillPhoto.create({
				data: {
					drillId,
					enterpriseId: access.enterpriseId,
					storageKey,
					mime,
					bytes: bytes.length,
					sha256: createHash('sha256').update(bytes).digest('hex'),
					caption: caption.trim().slice(0, 200),
					uploadedByUserId: actor.userId,
				},
			})
			await auditDrill(actor, access.enterpriseId, drillId, 'drill.photo.added', tx, { photoId: p.id, mime, bytes: bytes.length })
			return p
		})
	} catch (e) {
		await fs.rm(file, { force: true })
		throw e
	}
}

export async function deletePhoto(actor: Actor, drillId: string, photoId: string) {
	const access = await requireAbility(actor, drillId, 'photos')
	requireStep(access.status, 'photos')
	const p = await db.drillPhoto.findFirst({ where: { id: photoId, drillId } })
	if (!p) throw new NotFoundError()
	await db.$transaction(async (tx) => {
		await tx.drillPhoto.delete({ where: { id: p.id } })
		await auditDrill(actor, access.enterpriseId, drillId, 'drill.photo.deleted', tx, { photoId, sha256: p.sha256 })
	})
	await fs.rm(photoPath(p.storageKey), { force: true })
}

/** The bytes of a photo for someone who may see the drill; NotFoundError otherwise. */
export async function readDrillPhoto(actor: Actor, drillId: string, photoId: string) {
	await findVisible(actor, drillId)
	const p = await db.drillPhoto.findFirst({ where: { id: photoId, drillId } })
	if (!p) throw new NotFoundError()
	try {
		return { mime: p.mime, bytes: await fs.readFile(photoPath(p.storageKey)), sha256: p.sha256 }
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError()
		throw e
	}
}

// ── Reads ─────────────────────────────────────────────────────────────────────────────────

const PERSON_BRIEF = { select: { id: true, name: true, post: true, department: { select: { name: true } } } } as const

export async function getDrill(actor: Actor, drillId: string) {
	const access = await findVisible(actor, drillId)
	const d = await db.drill.findUniqueOrThrow({
		where: { id: drillId },
		include: {
			area: { select: { id: true, name: true, kind: true, archivedAt: true } },
			enterprise: { select: { id: true, name: true } },
			organiser: PERSON_BRIEF,
			evaluator: PERSON_BRIEF,
			missing: { include: { person: PERSON_BRIEF }, orderBy: { createdAt: 'asc' } },
			notes: { orderBy: { at: 'asc' }, select: { id: true, at: true, text: true } },
			actions: { include: { owner: PERSON_BRIEF }, orderBy: [{ createdAt: 'asc' }] },
			photos: { orderBy: { createdAt: 'asc' }, select: { id: true, caption: true, mime: true, bytes: true, createdAt: true } },
		},
	})
	const period = drillPeriod(d)
	const can = abilities(actor, access)
	return {
		drill: d,
		period: period ? halfYearKey(period) : null,
		counts: countsTowardCompliance(d),
		can,
		isManager: isManagerOf(actor, d.enterpriseId),
		ownActionIds: d.actions.filter((a) => a.ownerId === actor.personId).map((a) => a.id),
	}
}

/** Current people of the actor's enterprise for pickers (organiser, evaluator, owner, missing). */
export async function getPickablePeople(enterpriseId: string, f: { q?: string; department?: string } = {}, take = 500) {
	const where: Prisma.PersonWhereInput = { enterpriseId, dutyStatus: { not: 'LEFT' } }
	if (f.department) where.departmentId = f.department
	if (f.q) where.OR = [{ name: { contains: f.q } }, { post: { contains: f.q } }]
	const [people, departments] = await Promise.all([
		db.person.findMany({ where, orderBy: [{ department: { name: 'asc' } }, { name: 'asc' }], take, select: { id: true, name: true, post: true, department: { select: { id: true, name: true } } } }),
		db.department.findMany({ where: { enterpriseId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
	])
	return { people, departments }
}

export async function listPlanningChoices(actor: Actor) {
	requireManager(actor)
	const [areas, picks] = await Promise.all([
		db.area.findMany({ where: { enterpriseId: actor.enterpriseId, archivedAt: null }, orderBy: [{ kind: 'asc' }, { name: 'asc' }], select: { id: true, name: true, kind: true } }),
		getPickablePeople(actor.enterpriseId),
	])
	return { areas, people: picks.people }
}

// ── Compliance ────────────────────────────────────────────────────────────────────────────

async function complianceInputs(client: Tx | typeof db, enterpriseIds: string[], periods: { year: number; half: 1 | 2 }[]) {
	const first = periods.reduce((a, b) => (halfYearBounds(a).start < halfYearBounds(b).start ? a : b))
	const from = halfYearBounds(first).start
	const [areas, drills] = await Promise.all([
		client.area.findMany({
			where: { enterpriseId: { in: enterpriseIds }, OR: [{ archivedAt: null }, { archivedAt: { gte: from } }] },
			orderBy: [{ kind: 'asc' }, { name: 'asc' }],
			select: { id: true, enterpriseId: true, name: true, kind: true, createdAt: true, archivedAt: true },
		}),
		client.drill.findMany({
			where: {
				enterpriseId: { in: enterpriseIds },
				status: { not: 'CANCELLED' },
				OR: [{ alarmAt: { gte: from } }, { alarmAt: null, plannedDate: { gte: firstDayOfHalfYear(first) } }],
			},
			select: { id: true, enterpriseId: true, areaId: true, kind: true, form: true, status: true, plannedDate: true, alarmAt: true, endedAt: true },
		}),
	])
	return { areas, drills }
}

async function visibleEnterprise(actor: Actor, enterpriseId: string) {
	const e = await db.enterprise.findUnique({ where: { id: enterpriseId }, select: { id: true, name: true, regionId: true, region: { select: { name: true, nameEn: true } } } })
	if (!e || !canSeeEnterprise(actor, e)) throw new NotFoundError()
	if (sameEnterprise(actor, e.id) && !hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) throw new ForbiddenError()
	return e
}

/** The area × half-year matrix of one enterprise, current half-year first. */
export async function getEnterpriseCompliance(actor: Actor, enterpriseId: string, now = new Date()) {
	const enterprise = await visibleEnterprise(actor, enterpriseId)
	const periods = matrixPeriods(now, 3)
	const { areas, drills } = await complianceInputs(db, [enterpriseId], periods)
	const rows = complianceMatrix(areas, drills, periods, now)
	return {
		enterprise,
		periods: periods.map((p) => halfYearKey(p)),
		rows: rows.map((r) => ({ area: { id: r.area.id, name: r.area.name, kind: r.area.kind, archived: !!r.area.archivedAt }, cells: r.cells })),
		current: countStatuses(rows.map((r) => r.cells[0]!).filter((c) => c.status !== 'NOT_APPLICABLE')),
		reminders: isManagerOf(actor, enterpriseId) || sameEnterprise(actor, enterpriseId) ? drillReminders(areas, drills, now) : [],
		periodEnd: lastDayOfHalfYear(periods[0]!),
	}
}

/** Bureau view: per enterprise in the actor's region, this half-year's areas by status. */
export async function getRegionOversight(actor: Actor, now = new Date()) {
	if (!hasRole(actor, 'INSPECTOR', 'REGULATOR', 'ADMIN')) throw new ForbiddenError()
	const enterprises = await db.enterprise.findMany({
		where: enterpriseScopeWhere(actor),
		orderBy: { name: 'asc' },
		select: { id: true, name: true, region: { select: { name: true, nameEn: true } } },
	})
	const current = halfYearOf(now)
	const { areas, drills } = await complianceInputs(db, enterprises.map((e) => e.id), [current])
	const out = enterprises.map((e) => {
		const mine = areas.filter((a) => a.enterpriseId === e.id)
		const cells = mine.map((a) => ({ area: a, cell: areaPeriodStatus(a, drills, current, now) }))
		return {
			...e,
			counts: countStatuses(cells.map((c) => c.cell).filter((c) => c.status !== 'NOT_APPLICABLE')),
			overdueAreas: cells.filter((c) => c.cell.status === 'OVERDUE').map((c) => c.area.name),
		}
	})
	out.sort((a, b) => b.counts.OVERDUE - a.counts.OVERDUE || b.counts.DUE - a.counts.DUE || a.name.localeCompare(b.name, 'zh-CN'))
	return { period: halfYearKey(current), enterprises: out }
}

// ── List and export ───────────────────────────────────────────────────────────────────────

export const DRILL_PAGE_SIZE = 50

/** The enterprise whose drills a list shows: one's own, or (bureau) one in scope. */
async function listEnterpriseId(actor: Actor, requested: string | undefined): Promise<string> {
	if (actor.enterpriseId && hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) return actor.enterpriseId
	if (!requested) throw new NotFoundError()
	return (await visibleEnterprise(actor, requested)).id
}

function drillWhere(enterpriseId: string, f: Partial<DrillFilter>): Prisma.DrillWhereInput {
	const where: Prisma.DrillWhereInput = { enterpriseId }
	if (f.area) where.areaId = f.area
	if (f.kind) where.kind = f.kind
	if (f.status) where.status = f.status
	const p = f.period ? parseHalfYearKey(f.period) : null
	if (p) {
		const { start, end } = halfYearBounds(p)
		where.OR = [{ alarmAt: { gte: start, lt: end } }, { alarmAt: null, plannedDate: { gte: firstDayOfHalfYear(p), lte: lastDayOfHalfYear(p) } }]
	}
	return where
}

const LIST_INCLUDE = {
	area: { select: { id: true, name: true, kind: true } },
	organiser: { select: { name: true } },
	evaluator: { select: { name: true } },
	_count: { select: { missing: true, actions: true } },
	actions: { where: { status: { not: 'DONE' } }, select: { id: true } },
} as const

export async function listDrills(actor: Actor, f: Partial<DrillFilter>) {
	const enterpriseId = await listEnterpriseId(actor, f.enterprise)
	const where = drillWhere(enterpriseId, f)
	const page = f.page ?? 1
	const [total, drills, areas, enterprise] = await Promise.all([
		db.drill.count({ where }),
		db.drill.findMany({ where, include: LIST_INCLUDE, orderBy: [{ plannedDate: 'desc' }, { createdAt: 'desc' }], skip: (page - 1) * DRILL_PAGE_SIZE, take: DRILL_PAGE_SIZE }),
		db.area.findMany({ where: { enterpriseId }, orderBy: [{ kind: 'asc' }, { name: 'asc' }], select: { id: true, name: true } }),
		db.enterprise.findUniqueOrThrow({ where: { id: enterpriseId }, select: { id: true, name: true } }),
	])
	return {
		enterprise,
		total,
		page,
		pages: Math.max(1, Math.ceil(total / DRILL_PAGE_SIZE)),
		areas,
		drills: drills.map((d) => ({ ...d, period: halfYearKeyOf(d), openActions: d.actions.length })),
	}
}

function halfYearKeyOf(d: { status: string; plannedDate: string; alarmAt: Date | null }): string {
	const p = drillPeriod(d)
	return p ? halfYearKey(p) : ''
}

export async function listDrillsForExport(actor: Actor, f: Partial<DrillFilter>) {
	const enterpriseId = await listEnterpriseId(actor, f.enterprise)
	const drills = await db.drill.findMany({
		where: drillWhere(enterpriseId, f),
		include: { ...LIST_INCLUDE, missing: { include: { person: { select: { name: true } } } } },
		orderBy: [{ plannedDate: 'asc' }, { createdAt: 'asc' }],
		take: 10_000,
	})
	return drills.map((d) => ({
		...d,
		period: halfYearKeyOf(d),
		clearMs: elapsedBetween(d.alarmAt, d.clearedAt),
		assembleMs: elapsedBetween(d.alarmAt, d.assembledAt),
		missingNames: d.missing.map((m) => m.person.name),
		openActions: d.actions.length,
	}))
}

// ── The record (print page today, PDF with the Certificates issue) ────────────────────────

export type DrillRecord = Awaited<ReturnType<typeof getDrillRecord>>

/**
 * Everything a drill record shows, for anyone who may see the drill (NotFoundError otherwise).
 * The printable page renders this; a PDF renderer should take the same object (photo bytes:
 * `photos[].filePath`, or readDrillPhoto). Enumerations are codes: translate when rendering.
 */
export async function getDrillRecord(actor: Actor, drillId: string, now = new Date()) {
	await findVisible(actor, drillId)
	const d = await db.drill.findUniqueOrThrow({
		where: { id: drillId },
		include: {
			enterprise: { select: { id: true, name: true, uscc: true, address: true, region: { select: { name: true, nameEn: true } } } },
			area: { select: { id: true, name: true, kind: true } },
			organiser: PERSON_BRIEF,
			evaluator: PERSON_BRIEF,
			missing: { include: { person: PERSON_BRIEF }, orderBy: { createdAt: 'asc' } },
			notes: { orderBy: { at: 'asc' }, select: { at: true, text: true } },
			actions: { include: { owner: PERSON_BRIEF }, orderBy: { createdAt: 'asc' } },
			photos: { orderBy: { createdAt: 'asc' } },
		},
	})
	const period = drillPeriod(d)
	const brief = (p: { name: string; post: string; department: { name: string } | null } | null) =>
		p ? { name: p.name, post: p.post, department: p.department?.name ?? '' } : null
	return {
		generatedAt: now,
		enterprise: { id: d.enterprise.id, name: d.enterprise.name, uscc: d.enterprise.uscc, address: d.enterprise.address, region: d.enterprise.region },
		area: d.area,
		drill: {
			id: d.id,
			kind: d.kind,
			form: d.form,
			scope: d.scope,
			status: d.status,
			period: period ? halfYearKey(period) : '',
			countsTowardCompliance: countsTowardCompliance(d),
			plannedDate: d.plannedDate,
			purpose: d.purpose,
			scenario: { event: d.scenarioEvent, place: d.scenarioPlace, time: d.scenarioTime, scale: d.scenarioScale },
			expectedParticipants: d.expectedParticipants,
			organiser: brief(d.organiser),
			evaluator: brief(d.evaluator),
			alarmAt: d.alarmAt,
			clearedAt: d.clearedAt,
			assembledAt: d.assembledAt,
			endedAt: d.endedAt,
			clearMs: elapsedBetween(d.alarmAt, d.clearedAt),
			assembleMs: elapsedBetween(d.alarmAt, d.assembledAt),
			headcountExpected: d.headcountExpected,
			headcountAccounted: d.headcountAccounted,
			evaluation: { problems: d.problems, causes: d.causes, lessons: d.lessons, improvements: d.improvements },
			signedOffAt: d.signedOffAt,
			signedOffByName: d.signedOffByName,
			cancelledAt: d.cancelledAt,
			cancelReason: d.cancelReason,
		},
		missing: d.missing.map((m) => ({ ...brief(m.person)!, note: m.note })),
		notes: d.notes,
		actions: d.actions.map((a) => ({ id: a.id, description: a.description, owner: brief(a.owner)!, dueDate: a.dueDate, status: a.status, doneAt: a.doneAt, doneNote: a.doneNote })),
		photos: d.photos.map((p) => ({
			id: p.id,
			caption: p.caption,
			mime: p.mime,
			bytes: p.bytes,
			createdAt: p.createdAt,
			url: `/drills/${d.id}/photos/${p.id}`,
			/** Server-only: strip before sending to a browser. */
			filePath: photoPath(p.storageKey),
		})),
	}
}

// ── Home cards ────────────────────────────────────────────────────────────────────────────

/** What a person's home shows about drills: their open actions, sign-offs, and (managers) reminders. */
export async function getDrillHome(actor: Actor, now = new Date()) {
	const today = shanghaiDate(now)
	const [myActions, toSignOff] = actor.personId
		? await Promise.all([
				db.correctiveAction.findMany({
					where: { ownerId: actor.personId, status: { not: 'DONE' } },
					orderBy: { dueDate: 'asc' },
					take: 20,
					select: { id: true, description: true, dueDate: true, status: true, drill: { select: { id: true, area: { select: { name: true } } } } },
				}),
				db.drill.findMany({
					where: { evaluatorId: actor.personId, status: 'EVALUATING' },
					orderBy: { alarmAt: 'asc' },
					select: { id: true, alarmAt: true, area: { select: { name: true } } },
				}),
			])
		: [[], []]
	let manager: null | {
		reminders: ReturnType<typeof drillReminders>
		areaNames: Record<string, string>
		current: Record<string, number>
		overdueActions: number
	} = null
	if (actor.enterpriseId && hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) {
		const current = halfYearOf(now)
		const { areas, drills } = await complianceInputs(db, [actor.enterpriseId], [current])
		// Missed plans from earlier half-years are still reminders.
		const stale = await db.drill.findMany({
			where: { enterpriseId: actor.enterpriseId, status: { in: ['PLANNED', 'RUNNING', 'EVALUATING'] }, NOT: { id: { in: drills.map((d) => d.id) } } },
			select: { id: true, enterpriseId: true, areaId: true, kind: true, form: true, status: true, plannedDate: true, alarmAt: true, endedAt: true },
		})
		const all = [...drills, ...stale]
		const cells = areas.filter((a) => !a.archivedAt).map((a) => areaPeriodStatus(a, all, current, now))
		manager = {
			reminders: drillReminders(areas, all, now),
			areaNames: Object.fromEntries(areas.map((a) => [a.id, a.name])),
			current: countStatuses(cells),
			overdueActions: await db.correctiveAction.count({ where: { enterpriseId: actor.enterpriseId, status: { not: 'DONE' }, dueDate: { lt: today } } }),
		}
	}
	let region: null | { period: string; enterprisesWithOverdue: number; overdueAreas: number } = null
	if (hasRole(actor, 'INSPECTOR', 'REGULATOR') && !actor.enterpriseId) {
		const o = await getRegionOversight(actor, now)
		region = {
			period: o.period,
			enterprisesWithOverdue: o.enterprises.filter((e) => e.counts.OVERDUE > 0).length,
			overdueAreas: o.enterprises.reduce((n, e) => n + e.counts.OVERDUE, 0),
		}
	}
	return {
		today,
		period: halfYearKey(halfYearOf(now)),
		myActions,
		toSignOff,
		manager,
		region,
	}
}


