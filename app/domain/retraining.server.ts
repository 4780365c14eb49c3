/**
 * Retraining cases: persistence around the pure state machine in ./retraining.ts.
 *
 * Every state change goes through `applyEvent`, which checks the transition table, writes the
 * case, brings the person's duty status in line with ALL their cases (the invariant: never
 * ON_POST with an open case) and records an audit event — all in the caller's transaction.
 * Training progress is read from the learning tables (issue 3) through `progressFor`.
 */
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { audit } from './audit.server.ts'
import { startAttempt } from './exam/attempts.server.ts'
import { findBlueprint } from './exam/blueprints.server.ts'
import { onAttemptGraded } from './exam/hooks.server.ts'
import { createAssignments } from './learning/assignments.server.ts'
import type { DutyStatus } from './constants.ts'
import { canSeeEnterprise, hasRole, REGION_ROLES, type Actor } from './policy.ts'
import {
	caseAgeDays,
	DEFAULT_REQUIRED_MINUTES,
	dutyStatusFor,
	eventsForProgress,
	isOpenState,
	MAX_REQUIRED_MINUTES,
	MIN_REQUIRED_MINUTES,
	OPEN_CASE_STATES,
	openCase,
	remaining,
	requirementsMet,
	RETRAINING_STATES,
	RetrainingTransitionError,
	transition,
	violatesDutyInvariant,
	type CaseProgress,
	type RetrainingEvent,
	type RetrainingState,
	type RetrainingTrigger,
} from './retraining.ts'
import { NotFoundError, RuleError } from './roster.server.ts'
import { shanghaiDate } from './time.ts'

export type Tx = Prisma.TransactionClient

/** Papers are drawn inside some of these transactions: allow for a busy machine. */
export const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 }
type Who = Pick<Actor, 'userId'> | null

/** Days the RETRAINING assignments are due after the case opens. */
export const RETRAINING_DUE_DAYS = 14

type CaseRow = {
	id: string
	enterpriseId: string
	personId: string
	state: string
	failedReexams: number
}

/** Make the person's duty status agree with their cases; returns the status written. */
export async function syncDutyStatus(tx: Tx, personId: string): Promise<DutyStatus> {
	const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { dutyStatus: true } })
	const cases = await tx.retrainingCase.findMany({ where: { personId }, select: { state: true } })
	const next = dutyStatusFor(person.dutyStatus as DutyStatus, cases.map((c) => c.state))
	if (next !== person.dutyStatus) await tx.person.update({ where: { id: personId }, data: { dutyStatus: next } })
	return next
}

/** Refuse to put a person on post while a case is open (any code path that would). */
export async function assertMayBeOnPost(tx: Tx, personId: string): Promise<void> {
	const cases = await tx.retrainingCase.findMany({ where: { personId }, select: { state: true } })
	if (violatesDutyInvariant('ON_POST', cases.map((c) => c.state))) throw new RuleError(null, 'retraining:openCaseBlocksPost')
}

/** Apply one event to a case inside the caller's transaction. */
export async function applyEvent(
	tx: Tx,
	who: Who,
	c: CaseRow,
	event: RetrainingEvent,
	now: Date,
	data: Record<string, unknown> = {},
): Promise<{ state: RetrainingState; failedReexams: number }> {
	let next
	try {
		next = transition({ state: c.state as RetrainingState, failedReexams: c.failedReexams }, event)
	} catch (e) {
		if (e instanceof RetrainingTransitionError) throw new RuleError(null, e.key)
		throw e
	}
	// Optimistic check: the row must still be in the state we read (two tabs, a hook racing a click).
	const stamp: Prisma.RetrainingCaseUpdateManyMutationInput = { state: next.state, failedReexams: next.failedReexams }
	if (event === 'START_TRAINING') stamp.startedAt = now
	if (next.state === 'READY_FOR_EXAM' && c.state !== 'READY_FOR_EXAM') stamp.readyAt = now
	if (next.state === 'CLEARED') stamp.clearedAt = now
	if (next.state === 'ESCALATED') stamp.escalatedAt = now
	if (event === 'REEXAM_PASSED' || event === 'REEXAM_FAILED') stamp.reexamAttemptId = null
	const { count } = await tx.retrainingCase.updateMany({ where: { id: c.id, state: c.state, failedReexams: c.failedReexams }, data: stamp })
	if (count !== 1) throw new RuleError(null, 'retraining:changedMeanwhile')
	const duty = await syncDutyStatus(tx, c.personId)
	await audit(
		who,
		{
			action: `retraining.${event}`,
			entityType: 'RetrainingCase',
			entityId: c.id,
			enterpriseId: c.enterpriseId,
			data: { from: c.state, to: next.state, failedReexams: next.failedReexams, dutyStatus: duty, ...data },
			at: now,
		},
		tx,
	)
	c.state = next.state
	c.failedReexams = next.failedReexams
	return next
}

/** Newest imported version of each pack (the learner studies the current edition). */
async function latestVersions(tx: Tx, packIds: readonly string[]) {
	const versions = await tx.packVersion.findMany({ where: { packId: { in: [...packIds] } }, orderBy: { number: 'desc' }, select: { id: true, packId: true } })
	const out = new Map<string, string>()
	for (const v of versions) if (!out.has(v.packId)) out.set(v.packId, v.id)
	return out
}

/** Newest pack of each series (e.g. "three-violations" → its current pack id). */
export async function packsOfSeries(tx: Tx, series: readonly string[]): Promise<string[]> {
	const packs = await tx.pack.findMany({
		where: { series: { in: [...series] } },
		select: { id: true, series: true, versions: { orderBy: { importedAt: 'desc' }, take: 1, select: { importedAt: true } } },
	})
	const out: string[] = []
	for (const s of series) {
		const best = packs
			.filter((p) => p.series === s && p.versions.length)
			.sort((a, b) => b.versions[0]!.importedAt.getTime() - a.versions[0]!.importedAt.getTime() || b.id.localeCompare(a.id))[0]
		if (best) out.push(best.id)
	}
	return out
}

/** Blueprint code of the paper a person sits, by the role they hold. */
export function blueprintCodeForRoles(roles: readonly string[]): string {
	if (roles.includes('PRINCIPAL')) return 'PRINCIPAL_COMPETENCE'
	if (roles.includes('SAFETY_MANAGER')) return 'SAFETY_MANAGER_CHECK'
	return 'WORKER_SPOT_CHECK'
}

export type OpenCaseInput = {
	enterpriseId: string
	personId: string
	trigger: RetrainingTrigger
	sourceType: 'SpotCheckExaminee' | 'Violation'
	sourceId: string
	blueprintId: string | null
	packIds: readonly string[]
	requiredMinutes?: number
}

/**
 * Open a case: OPEN, the person SUSPENDED, one RETRAINING assignment per required pack.
 * Returns null for a person who has already left (there is no post to suspend them from).
 */
export async function openRetrainingCase(tx: Tx, who: Who, input: OpenCaseInput, now: Date) {
	const person = await tx.person.findFirst({ where: { id: input.personId, enterpriseId: input.enterpriseId }, select: { id: true, dutyStatus: true } })
	if (!person) throw new NotFoundError()
	if (person.dutyStatus === 'LEFT') return null
	const versions = await latestVersions(tx, input.packIds)
	const packIds = input.packIds.filter((id) => versions.has(id))
	const start = openCase()
	const c = await tx.retrainingCase.create({
		data: {
			enterpriseId: input.enterpriseId,
			personId: input.personId,
			trigger: input.trigger,
			state: start.state,
			failedReexams: start.failedReexams,
			sourceType: input.sourceType,
			sourceId: input.sourceId,
			blueprintId: input.blueprintId,
			requiredPacks: JSON.stringify(packIds),
			requiredMinutes: input.requiredMinutes ?? DEFAULT_REQUIRED_MINUTES,
			openedByUserId: who?.userId ?? null,
			openedAt: now,
		},
	})
	// A pack the person already has open stays as it is (its completion counts for the case).
	const due = shanghaiDate(new Date(now.getTime() + RETRAINING_DUE_DAYS * 86_400_000))
	for (const packId of packIds)
		await createAssignments(tx, {
			enterpriseId: input.enterpriseId,
			personIds: [input.personId],
			packId,
			reason: 'RETRAINING',
			dueDate: due,
			assignedByUserId: who?.userId ?? null,
			retrainingCaseId: c.id,
		})
	const duty = await syncDutyStatus(tx, input.personId)
	await audit(
		who,
		{
			action: 'retraining.OPENED',
			entityType: 'RetrainingCase',
			entityId: c.id,
			enterpriseId: input.enterpriseId,
			data: { trigger: input.trigger, sourceType: input.sourceType, sourceId: input.sourceId, packs: packIds, requiredMinutes: c.requiredMinutes, dutyStatus: duty },
			at: now,
		},
		tx,
	)
	return c
}

type Reader = Pick<Tx, 'assignment' | 'studySession' | 'attendance'>

/**
 * Training progress since the case opened: each required pack is done when an assignment of
 * it was completed after the opening (the case's own RETRAINING assignment or any other);
 * off-job minutes are lesson study time credited since then (the person is suspended, so their
 * study is off the job) plus off-job (脱产) classroom sessions attended that ended after it.
 */
export async function progressFor(
	r: Reader,
	c: { id: string; personId: string; openedAt: Date; requiredPacks: string; requiredMinutes: number },
): Promise<CaseProgress> {
	const packIds = JSON.parse(c.requiredPacks) as string[]
	const [completed, study, attendance] = await Promise.all([
		r.assignment.findMany({
			where: {
				personId: c.personId,
				status: 'COMPLETED',
				OR: [{ retrainingCaseId: c.id }, { completedAt: { gte: c.openedAt } }],
				packVersion: { packId: { in: packIds } },
			},
			select: { packVersion: { select: { packId: true } } },
		}),
		r.studySession.aggregate({ where: { personId: c.personId, startedAt: { gte: c.openedAt } }, _sum: { credited: true } }),
		r.attendance.findMany({
			where: { personId: c.personId, session: { offJob: true, endsAt: { gte: c.openedAt } } },
			select: { session: { select: { minutes: true } } },
		}),
	])
	const done = new Set(completed.map((a) => a.packVersion.packId))
	const studyMinutes = Math.floor((study._sum.credited ?? 0) / 60)
	const classMinutes = attendance.reduce((n, a) => n + a.session.minutes, 0)
	return {
		packs: packIds.map((packId) => ({ packId, done: done.has(packId) })),
		minutesDone: studyMinutes + classMinutes,
		minutesRequired: c.requiredMinutes,
	}
}

async function reexamRunning(tx: Pick<Tx, 'examAttempt'>, caseId: string): Promise<boolean> {
	const n = await tx.examAttempt.count({ where: { subjectType: 'RetrainingCase', subjectId: caseId, status: 'IN_PROGRESS' } })
	return n > 0
}

/** Bring one case in line with its training progress (system events, audited). */
export async function syncCase(caseId: string, now = new Date()): Promise<void> {
	await db.$transaction(async (tx) => {
		const c = await tx.retrainingCase.findUnique({ where: { id: caseId } })
		if (!c || !['OPEN', 'TRAINING', 'READY_FOR_EXAM'].includes(c.state)) return
		const p = await progressFor(tx, c)
		const events = eventsForProgress(c.state as RetrainingState, p, await reexamRunning(tx, c.id))
		for (const e of events) await applyEvent(tx, null, c, e, now, { minutesDone: p.minutesDone, minutesRequired: p.minutesRequired, auto: true })
	}, TX_OPTIONS)
}

/** Sync every active case matching the filter (lists call this so states are current). */
export async function syncCases(where: Prisma.RetrainingCaseWhereInput, now = new Date()): Promise<void> {
	const ids = await db.retrainingCase.findMany({ where: { ...where, state: { in: ['OPEN', 'TRAINING', 'READY_FOR_EXAM'] } }, select: { id: true } })
	for (const { id } of ids) await syncCase(id, now)
}

// --- reading ----------------------------------------------------------------------------------

const caseInclude = {
	person: { select: { id: true, name: true, post: true, dutyStatus: true, employmentType: true, department: { select: { name: true } } } },
	enterprise: { select: { id: true, name: true, regionId: true } },
	violation: { select: { id: true, type: true, occurredAt: true } },
} satisfies Prisma.RetrainingCaseInclude

/** The case if the actor may see it: the person, their enterprise's managers and principal,
 *  and (read only) the inspectors and regulators of the region, who are shown escalations. */
async function findVisibleCase(actor: Actor, caseId: string) {
	const c = await db.retrainingCase.findUnique({ where: { id: caseId }, include: caseInclude })
	if (!c) throw new NotFoundError()
	if (actor.personId && actor.personId === c.personId) return { c, as: 'SELF' as const }
	if (actor.enterpriseId === c.enterpriseId && hasRole(actor, 'SAFETY_MANAGER')) return { c, as: 'MANAGER' as const }
	if (actor.enterpriseId === c.enterpriseId && hasRole(actor, 'PRINCIPAL')) return { c, as: 'PRINCIPAL' as const }
	if (hasRole(actor, ...REGION_ROLES, 'ADMIN') && canSeeEnterprise(actor, c.enterprise)) return { c, as: 'REGION' as const }
	throw new NotFoundError()
}

async function packTitles(packIds: readonly string[]) {
	const versions = await db.packVersion.findMany({
		where: { packId: { in: [...packIds] } },
		orderBy: { number: 'desc' },
		select: { packId: true, titleZh: true, titleEn: true },
	})
	const out = new Map<string, { titleZh: string; titleEn: string }>()
	for (const v of versions) if (!out.has(v.packId)) out.set(v.packId, { titleZh: v.titleZh, titleEn: v.titleEn })
	return out
}

export async function getCase(actor: Actor, caseId: string, now = new Date()) {
	await findVisibleCase(actor, caseId)
	await syncCase(caseId, now)
	const { c, as } = await findVisibleCase(actor, caseId)
	const progress = await progressFor(db, c)
	const titles = await packTitles(progress.packs.map((p) => p.packId))
	const assignments = await db.assignment.findMany({
		where: {
			personId: c.personId,
			packVersion: { packId: { in: progress.packs.map((p) => p.packId) } },
			OR: [{ retrainingCaseId: c.id }, { status: { in: ['ASSIGNED', 'IN_PROGRESS'] } }, { completedAt: { gte: c.openedAt } }],
		},
		orderBy: { createdAt: 'desc' },
		select: { id: true, status: true, packVersion: { select: { packId: true } } },
	})
	const attempts = await db.examAttempt.findMany({
		where: { subjectType: 'RetrainingCase', subjectId: c.id },
		orderBy: { startedAt: 'asc' },
		select: { id: true, status: true, score: true, maxScore: true, passed: true, startedAt: true, submittedAt: true },
	})
	const history = await db.auditEvent.findMany({
		where: { entityType: 'RetrainingCase', entityId: c.id },
		orderBy: { at: 'asc' },
		select: { id: true, at: true, action: true, data: true },
	})
	let source: { kind: 'violation'; id: string; type: string } | { kind: 'inspection'; inspectionId: string; date: string } | null = null
	if (c.sourceType === 'Violation' && c.violation) source = { kind: 'violation', id: c.violation.id, type: c.violation.type }
	if (c.sourceType === 'SpotCheckExaminee') {
		const ex = await db.spotCheckExaminee.findUnique({ where: { id: c.sourceId }, select: { inspectionId: true, inspection: { select: { date: true } } } })
		if (ex) source = { kind: 'inspection', inspectionId: ex.inspectionId, date: ex.inspection.date }
	}
	return {
		as,
		case: {
			id: c.id,
			state: c.state as RetrainingState,
			trigger: c.trigger as RetrainingTrigger,
			failedReexams: c.failedReexams,
			requiredMinutes: c.requiredMinutes,
			openedAt: c.openedAt,
			readyAt: c.readyAt,
			clearedAt: c.clearedAt,
			escalatedAt: c.escalatedAt,
			ageDays: caseAgeDays(c.openedAt, now),
			person: c.person,
			enterprise: { id: c.enterprise.id, name: c.enterprise.name },
		},
		source,
		progress: {
			...progress,
			met: requirementsMet(progress),
			remaining: remaining(progress),
			packs: progress.packs.map((p) => ({
				...p,
				title: titles.get(p.packId) ?? { titleZh: p.packId, titleEn: p.packId },
				assignmentId: assignments.find((a) => a.packVersion.packId === p.packId)?.id ?? null,
			})),
		},
		attempts,
		reexamInProgress: attempts.find((a) => a.status === 'IN_PROGRESS')?.id ?? null,
		history: history.map((h) => ({ ...h, data: JSON.parse(h.data) as Record<string, unknown> })),
	}
}

export const CaseListFilterSchema = z.object({
	state: z.enum([...RETRAINING_STATES, 'ACTIVE', 'ALL']).optional().catch(undefined),
})

/** The enterprise's cases, oldest open first (safety manager, principal). */
export async function listCases(actor: Actor & { enterpriseId: string }, filter: z.infer<typeof CaseListFilterSchema>, now = new Date()) {
	await syncCases({ enterpriseId: actor.enterpriseId }, now)
	const state = filter.state ?? 'ACTIVE'
	const where: Prisma.RetrainingCaseWhereInput = { enterpriseId: actor.enterpriseId }
	if (state === 'ACTIVE') where.state = { in: [...OPEN_CASE_STATES] }
	else if (state !== 'ALL') where.state = state
	const [cases, byState] = await Promise.all([
		db.retrainingCase.findMany({
			where,
			orderBy: [{ openedAt: 'asc' }],
			take: 200,
			include: { person: { select: { id: true, name: true, post: true, dutyStatus: true, employmentType: true } } },
		}),
		db.retrainingCase.groupBy({ by: ['state'], where: { enterpriseId: actor.enterpriseId }, _count: true }),
	])
	return {
		state,
		counts: Object.fromEntries(byState.map((b) => [b.state, b._count])) as Partial<Record<RetrainingState, number>>,
		cases: cases.map((c) => ({
			id: c.id,
			state: c.state as RetrainingState,
			trigger: c.trigger as RetrainingTrigger,
			openedAt: c.openedAt,
			ageDays: caseAgeDays(c.openedAt, now),
			failedReexams: c.failedReexams,
			person: c.person,
		})),
	}
}

/** The signed-in person's own open cases with what is left to do (worker home, my case). */
export async function myOpenCases(actor: Actor, now = new Date()) {
	if (!actor.personId) return []
	await syncCases({ personId: actor.personId }, now)
	const cases = await db.retrainingCase.findMany({
		where: { personId: actor.personId, state: { in: [...OPEN_CASE_STATES] } },
		orderBy: { openedAt: 'asc' },
	})
	const out = []
	for (const c of cases) {
		const p = await progressFor(db, c)
		out.push({ id: c.id, state: c.state as RetrainingState, trigger: c.trigger as RetrainingTrigger, openedAt: c.openedAt, remaining: remaining(p), packsTotal: p.packs.length })
	}
	return out
}

/** Escalated cases the actor may see (principal: own enterprise; inspectors: their region). */
export async function escalatedCases(actor: Actor) {
	let where: Prisma.RetrainingCaseWhereInput
	if (hasRole(actor, 'ADMIN')) where = {}
	else if (hasRole(actor, ...REGION_ROLES)) where = { enterprise: { regionId: { in: actor.regionIds } } }
	else if (actor.enterpriseId && hasRole(actor, 'PRINCIPAL', 'SAFETY_MANAGER')) where = { enterpriseId: actor.enterpriseId }
	else return []
	return db.retrainingCase.findMany({
		where: { ...where, state: 'ESCALATED' },
		orderBy: { escalatedAt: 'asc' },
		take: 100,
		select: {
			id: true,
			escalatedAt: true,
			trigger: true,
			failedReexams: true,
			person: { select: { id: true, name: true, post: true, dutyStatus: true } },
			enterprise: { select: { id: true, name: true } },
		},
	})
}

// --- commands ---------------------------------------------------------------------------------

export const RequiredHoursSchema = z.object({
	hours: z.coerce
		.number({ error: 'errors:required' })
		.min(MIN_REQUIRED_MINUTES / 60, 'retraining:hoursRange')
		.max(MAX_REQUIRED_MINUTES / 60, 'retraining:hoursRange')
		.refine((v) => Number.isInteger(v * 2), 'retraining:hoursHalf'),
})

/** The safety manager changes the off-job hours of an active case (may send it back to training). */
export async function setRequiredHours(actor: Actor & { enterpriseId: string }, caseId: string, hours: number, now = new Date()) {
	if (!hasRole(actor, 'SAFETY_MANAGER')) throw new NotFoundError()
	await db.$transaction(async (tx) => {
		const c = await tx.retrainingCase.findFirst({ where: { id: caseId, enterpriseId: actor.enterpriseId } })
		if (!c) throw new NotFoundError()
		if (!['OPEN', 'TRAINING', 'READY_FOR_EXAM'].includes(c.state)) throw new RuleError('hours', 'retraining:hoursLocked')
		const minutes = Math.round(hours * 60)
		await tx.retrainingCase.update({ where: { id: c.id }, data: { requiredMinutes: minutes } })
		await audit(actor, { action: 'retraining.HOURS_CHANGED', entityType: 'RetrainingCase', entityId: c.id, enterpriseId: c.enterpriseId, data: { from: c.requiredMinutes, to: minutes }, at: now }, tx)
	}, TX_OPTIONS)
	await syncCase(caseId, now)
}

/** The person starts their training (OPEN → TRAINING) from their phone. */
export async function startTraining(actor: Actor, caseId: string, now = new Date()) {
	await db.$transaction(async (tx) => {
		const c = await tx.retrainingCase.findUnique({ where: { id: caseId } })
		if (!c || c.personId !== actor.personId) throw new NotFoundError()
		await applyEvent(tx, actor, c, 'START_TRAINING', now)
	}, TX_OPTIONS)
	await syncCase(caseId, now)
}

/** The principal gives an escalated case another round of retraining. */
export async function reopenCase(actor: Actor & { enterpriseId: string }, caseId: string, now = new Date()) {
	if (!hasRole(actor, 'PRINCIPAL')) throw new NotFoundError()
	await db.$transaction(async (tx) => {
		const c = await tx.retrainingCase.findFirst({ where: { id: caseId, enterpriseId: actor.enterpriseId } })
		if (!c) throw new NotFoundError()
		await applyEvent(tx, actor, c, 'REOPEN', now)
	}, TX_OPTIONS)
	await syncCase(caseId, now)
}

/** Re-exam graded (exam engine hook): pass clears the case, fail keeps or escalates it. */
export async function recordReexamResult(tx: Tx, attempt: { id: string; subjectId: string | null; passed: boolean | null; score: number | null }, now: Date) {
	if (!attempt.subjectId) return
	const c = await tx.retrainingCase.findUnique({ where: { id: attempt.subjectId } })
	if (!c) return
	if (c.state !== 'READY_FOR_EXAM') {
		// Never let a stray result undo the grading: note it and leave the case alone.
		await audit(null, { action: 'retraining.REEXAM_IGNORED', entityType: 'RetrainingCase', entityId: c.id, enterpriseId: c.enterpriseId, data: { attemptId: attempt.id, state: c.state }, at: now }, tx)
		return
	}
	await applyEvent(tx, null, c, attempt.passed ? 'REEXAM_PASSED' : 'REEXAM_FAILED', now, { attemptId: attempt.id, score: attempt.score })
}

/**
 * The person starts (or resumes) the re-exam: same blueprint as the failed paper, purpose
 * REEXAM, linked to the case. The case decides how many tries there are, not the blueprint.
 */
export async function startReexam(actor: Actor, caseId: string, now = new Date()): Promise<string> {
	const found = await db.retrainingCase.findUnique({ where: { id: caseId }, select: { personId: true } })
	if (!found || !actor.personId || found.personId !== actor.personId) throw new NotFoundError()
	await syncCase(caseId, now)
	const c = await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })
	if (c.state !== 'READY_FOR_EXAM') throw new RuleError(null, 'retraining:notReady')
	let blueprintId = c.blueprintId
	if (!blueprintId) {
		const roles = await db.userRole.findMany({ where: { user: { personId: c.personId } }, select: { role: true } })
		blueprintId = (await findBlueprint(db, { code: blueprintCodeForRoles(roles.map((r) => r.role)) }))?.id ?? null
		if (!blueprintId) throw new NotFoundError()
	}
	// The engine starts or resumes the paper in its own transaction (a double click resumes).
	const started = await startAttempt(db, {
		personId: c.personId,
		enterpriseId: c.enterpriseId,
		blueprintId,
		purpose: 'REEXAM',
		subjectType: 'RetrainingCase',
		subjectId: c.id,
		actorUserId: actor.userId,
		maxAttempts: null,
		now,
	})
	if (!started.resumed)
		await db.$transaction(async (tx) => {
			await tx.retrainingCase.update({ where: { id: c.id }, data: { reexamAttemptId: started.attemptId } })
			await audit(actor, { action: 'retraining.REEXAM_STARTED', entityType: 'RetrainingCase', entityId: c.id, enterpriseId: c.enterpriseId, data: { attemptId: started.attemptId }, at: now }, tx)
		}, TX_OPTIONS)
	return started.attemptId
}

onAttemptGraded('REEXAM', 'retraining:reexam-result', (tx, attempt, ctx) => recordReexamResult(tx, attempt, ctx.now))

export { isOpenState }
