/**
 * Course assignments: who must study which pack version, why, and by when.
 *
 * API for other features:
 * - `createAssignments(tx, {...})` — assign one pack (its latest version) to people inside the
 *   caller's transaction; the retraining workflow passes reason RETRAINING and its case id.
 * - `assignOnboarding(tx, {...})` — called by the roster when a person is created (form or
 *   import): the enterprise's onboarding packs (三级安全教育), due in ONBOARDING_DUE_DAYS.
 * - `completeAssignmentByExam(...)` — the course-exam hook (course-exam.server.ts) marks an
 *   assignment COMPLETED when its course exam is passed.
 */
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { audit } from '../audit.server.ts'
import { ASSIGNMENT_REASONS, EMPLOYMENT_TYPES, type AssignmentReason } from '../constants.ts'
import { NotFoundError, RuleError, type EnterpriseActor } from '../roster.server.ts'
import { OptionalDateSchema } from '../schemas.server.ts'
import { shanghaiDate } from '../time.ts'
import { addDays } from '../calendar.ts'
import { assertTransition, isOpen, ONBOARDING_DUE_DAYS } from './rules.ts'

type Tx = Prisma.TransactionClient

/** Latest version of every pack, for pickers. */
export async function listAssignablePacks() {
	const versions = await db.packVersion.findMany({
		orderBy: [{ packId: 'asc' }, { number: 'desc' }],
		select: {
			id: true,
			packId: true,
			number: true,
			titleZh: true,
			titleEn: true,
			edition: true,
			minutes: true,
			audiences: true,
			_count: { select: { lessons: true, questions: true } },
		},
	})
	const seen = new Set<string>()
	return versions.filter((v) => (seen.has(v.packId) ? false : (seen.add(v.packId), true)))
}

export async function latestVersionOf(tx: Tx | typeof db, packId: string) {
	return tx.packVersion.findFirst({ where: { packId }, orderBy: { number: 'desc' }, select: { id: true, packId: true, titleZh: true, titleEn: true } })
}

export type AssignmentSpec = {
	enterpriseId: string
	personIds: readonly string[]
	packId: string
	reason: AssignmentReason
	dueDate: string
	assignedByUserId: string | null
	retrainingCaseId?: string | null
}

/**
 * Assign a pack's latest version to people of one enterprise. Someone who already has an open
 * assignment of the same pack is skipped (their open assignment stands). Returns what happened.
 */
export async function createAssignments(tx: Tx, spec: AssignmentSpec): Promise<{ created: string[]; skipped: string[]; packVersionId: string }> {
	const version = await latestVersionOf(tx, spec.packId)
	if (!version) throw new RuleError('packId', 'errors:invalidChoice')
	const people = await tx.person.findMany({
		where: { id: { in: [...spec.personIds] }, enterpriseId: spec.enterpriseId, dutyStatus: { not: 'LEFT' } },
		select: { id: true },
	})
	const busy = await tx.assignment.findMany({
		where: { personId: { in: people.map((p) => p.id) }, status: { in: ['ASSIGNED', 'IN_PROGRESS'] }, packVersion: { packId: spec.packId } },
		select: { personId: true },
	})
	const busyIds = new Set(busy.map((b) => b.personId))
	const created: string[] = []
	const skipped: string[] = []
	for (const p of people) {
		if (busyIds.has(p.id)) {
			skipped.push(p.id)
			continue
		}
		const a = await tx.assignment.create({
			data: {
				enterpriseId: spec.enterpriseId,
				personId: p.id,
				packVersionId: version.id,
				reason: spec.reason,
				dueDate: spec.dueDate,
				assignedByUserId: spec.assignedByUserId,
				retrainingCaseId: spec.retrainingCaseId ?? null,
			},
		})
		created.push(a.id)
	}
	if (created.length)
		await audit(
			spec.assignedByUserId ? { userId: spec.assignedByUserId } : null,
			{
				action: 'training.assigned',
				entityType: 'Pack',
				entityId: spec.packId,
				enterpriseId: spec.enterpriseId,
				data: {
					packVersionId: version.id,
					reason: spec.reason,
					dueDate: spec.dueDate,
					count: created.length,
					assignmentIds: created,
					retrainingCaseId: spec.retrainingCaseId ?? undefined,
				},
			},
			tx,
		)
	return { created, skipped, packVersionId: version.id }
}

// ── Assigning from the safety manager's form ──

const DateSchema = OptionalDateSchema.refine((v) => v !== null, 'errors:required')

export const AssignInputSchema = z
	.object({
		packId: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(80),
		reason: z.enum(ASSIGNMENT_REASONS, { error: 'errors:invalidChoice' }),
		dueDate: DateSchema.transform((v) => v!),
		target: z.enum(['filter', 'list'], { error: 'errors:invalidChoice' }),
		department: z.string().trim().max(40).optional().transform((v) => v || null),
		post: z.string().trim().max(50, 'errors:tooLong').optional().transform((v) => v || null),
		type: z
			.union([z.enum(EMPLOYMENT_TYPES), z.literal('')], { error: 'errors:invalidChoice' })
			.optional()
			.transform((v) => v || null),
		personId: z.array(z.string().trim().min(1).max(40)).max(5000).default([]),
		everyone: z.literal('on').optional(),
	})
	.refine((v) => v.target !== 'list' || v.personId.length > 0, { path: ['personId'], message: 'learning:pickPeople' })
	.refine((v) => v.target !== 'filter' || v.department || v.post || v.type || v.everyone === 'on', {
		path: ['everyone'],
		message: 'learning:filterOrEveryone',
	})
export type AssignInput = z.output<typeof AssignInputSchema>

export type PeopleFilter = { department?: string | null; post?: string | null; type?: string | null }

export function peopleWhere(enterpriseId: string, f: PeopleFilter): Prisma.PersonWhereInput {
	const where: Prisma.PersonWhereInput = { enterpriseId, dutyStatus: { not: 'LEFT' } }
	if (f.department) where.departmentId = f.department
	if (f.post) where.post = f.post
	if (f.type) where.employmentType = f.type
	return where
}

/** People a filter matches (current staff only), for the preview on the assign form. */
export async function matchPeople(actor: EnterpriseActor, f: PeopleFilter) {
	if (f.department) {
		const d = await db.department.findFirst({ where: { id: f.department, enterpriseId: actor.enterpriseId } })
		if (!d) throw new RuleError('department', 'errors:invalidChoice')
	}
	return db.person.findMany({
		where: peopleWhere(actor.enterpriseId, f),
		orderBy: [{ name: 'asc' }],
		select: { id: true, name: true, post: true, employmentType: true, department: { select: { name: true } }, contractor: { select: { name: true } } },
	})
}

/** The safety manager assigns a pack to everyone a filter matches, or to a picked list. */
export async function assignPacks(actor: EnterpriseActor, input: AssignInput, now = new Date()) {
	const today = shanghaiDate(now)
	if (input.dueDate < today) throw new RuleError('dueDate', 'learning:dueInPast')
	if (input.dueDate > addDays(today, 730)) throw new RuleError('dueDate', 'learning:dueTooFar')
	let personIds: string[]
	if (input.target === 'list') {
		const ids = [...new Set(input.personId)]
		const found = await db.person.findMany({ where: { id: { in: ids }, enterpriseId: actor.enterpriseId }, select: { id: true, dutyStatus: true } })
		// Someone else's people: as if they did not exist.
		if (found.length !== ids.length) throw new NotFoundError()
		personIds = found.filter((p) => p.dutyStatus !== 'LEFT').map((p) => p.id)
	} else {
		personIds = (await matchPeople(actor, input)).map((p) => p.id)
	}
	if (!personIds.length) throw new RuleError(null, 'learning:nobodyMatches')
	const result = await db.$transaction(
		(tx) =>
			createAssignments(tx, {
				enterpriseId: actor.enterpriseId,
				personIds,
				packId: input.packId,
				reason: input.reason,
				dueDate: input.dueDate,
				assignedByUserId: actor.userId,
			}),
		{ timeout: 60_000 },
	)
	return { matched: personIds.length, created: result.created.length, skipped: result.skipped.length }
}

/** A safety manager withdraws an open assignment (not one that belongs to a retraining case). */
export async function cancelAssignment(actor: EnterpriseActor, assignmentId: string, now = new Date()) {
	const a = await db.assignment.findFirst({ where: { id: assignmentId, enterpriseId: actor.enterpriseId } })
	if (!a) throw new NotFoundError()
	if (a.retrainingCaseId) throw new RuleError(null, 'learning:cancelRetraining')
	if (!isOpen(a.status)) throw new RuleError(null, 'learning:cancelClosed')
	assertTransition(a.status, 'CANCELLED')
	return db.$transaction(async (tx) => {
		const updated = await tx.assignment.update({ where: { id: a.id }, data: { status: 'CANCELLED', cancelledAt: now } })
		await tx.studySession.updateMany({ where: { assignmentId: a.id, closedAt: null }, data: { closedAt: now } })
		await audit(actor, { action: 'training.cancelled', entityType: 'Assignment', entityId: a.id, enterpriseId: actor.enterpriseId }, tx)
		return updated
	})
}

// ── New hires ──

export async function getOnboardingPackIds(tx: Tx | typeof db, enterpriseId: string, audience: 'WORKER' | 'SAFETY_MANAGER'): Promise<string[]> {
	const rule = await tx.hourRule.findUnique({ where: { enterpriseId }, select: { onboardingPacks: true } })
	const chosen = parseIdList(rule?.onboardingPacks)
	if (chosen.length) return chosen
	const versions = await tx.packVersion.findMany({ orderBy: [{ packId: 'asc' }, { number: 'desc' }], select: { packId: true, audiences: true } })
	const seen = new Set<string>()
	const out: string[] = []
	for (const v of versions) {
		if (seen.has(v.packId)) continue
		seen.add(v.packId)
		if (parseIdList(v.audiences).includes(audience)) out.push(v.packId)
	}
	return out
}

export function parseIdList(json: string | null | undefined): string[] {
	if (!json) return []
	try {
		const v: unknown = JSON.parse(json)
		return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
	} catch {
		return []
	}
}

/**
 * A person joined the enterprise: assign the onboarding packs (三级安全教育) inside the roster's
 * transaction. Without imported packs there is nothing to assign.
 */
export async function assignOnboarding(
	tx: Tx,
	p: { enterpriseId: string; personId: string; managerial: boolean; actorUserId: string | null },
	now = new Date(),
): Promise<number> {
	const packIds = await getOnboardingPackIds(tx, p.enterpriseId, p.managerial ? 'SAFETY_MANAGER' : 'WORKER')
	const dueDate = addDays(shanghaiDate(now), ONBOARDING_DUE_DAYS)
	let n = 0
	for (const packId of packIds) {
		const r = await createAssignments(tx, {
			enterpriseId: p.enterpriseId,
			personIds: [p.personId],
			packId,
			reason: 'ONBOARDING',
			dueDate,
			assignedByUserId: p.actorUserId,
		}).catch((e) => {
			// A pack id in the rule that no longer exists is skipped, not fatal to hiring someone.
			if (e instanceof RuleError) return { created: [] }
			throw e
		})
		n += r.created.length
	}
	return n
}

// ── Course exam ──

/**
 * The course exam of an assignment was passed: mark it complete. Idempotent; called from the
 * exam engine's grading hook (inside or outside its transaction).
 */
export async function completeAssignmentByExam(tx: Tx, ref: { assignmentId: string; personId: string; attemptId: string }, now: Date): Promise<boolean> {
	const { attemptId } = ref
	const a = await tx.assignment.findUnique({ where: { id: ref.assignmentId } })
	if (!a || a.personId !== ref.personId || a.status === 'COMPLETED' || a.status === 'CANCELLED') return false
	if (a.status === 'ASSIGNED') assertTransition('ASSIGNED', 'IN_PROGRESS')
	assertTransition('IN_PROGRESS', 'COMPLETED')
	await tx.assignment.update({
		where: { id: a.id },
		data: { status: 'COMPLETED', completedAt: now, examAttemptId: attemptId, startedAt: a.startedAt ?? now },
	})
	await audit(null, { action: 'training.completed', entityType: 'Assignment', entityId: a.id, enterpriseId: a.enterpriseId, data: { attemptId } }, tx)
	return true
}

/** One assignment as the safety manager sees it: person, pack, lesson progress, exam attempts. */
export async function getAssignmentForManager(actor: EnterpriseActor, assignmentId: string) {
	const a = await db.assignment.findFirst({
		where: { id: assignmentId, enterpriseId: actor.enterpriseId },
		include: {
			person: { select: { id: true, name: true, post: true } },
			packVersion: {
				select: {
					packId: true,
					titleZh: true,
					titleEn: true,
					edition: true,
					lessons: { orderBy: { ord: 'asc' }, select: { id: true, titleZh: true, titleEn: true, minutes: true } },
				},
			},
			lessons: true,
		},
	})
	if (!a) throw new NotFoundError()
	const attempts = await db.examAttempt.findMany({
		where: { personId: a.personId, subjectType: 'Assignment', subjectId: a.id },
		orderBy: { startedAt: 'desc' },
		select: { id: true, status: true, startedAt: true, score: true, maxScore: true, passed: true },
	})
	const progress = new Map(a.lessons.map((l) => [l.lessonId, l]))
	return {
		id: a.id,
		reason: a.reason,
		status: a.status,
		dueDate: a.dueDate,
		createdAt: a.createdAt,
		completedAt: a.completedAt,
		retraining: !!a.retrainingCaseId,
		person: a.person,
		pack: { id: a.packVersion.packId, titleZh: a.packVersion.titleZh, titleEn: a.packVersion.titleEn, edition: a.packVersion.edition },
		lessons: a.packVersion.lessons.map((l) => ({
			titleZh: l.titleZh,
			titleEn: l.titleEn,
			minutes: l.minutes,
			seconds: progress.get(l.id)?.seconds ?? 0,
			completedAt: progress.get(l.id)?.completedAt ?? null,
		})),
		attempts,
	}
}
