/**
 * Three-violations (三违) records. A safety manager records one; it opens a retraining case at
 * once (the person is suspended) and the person acknowledges the record on their phone.
 */
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { audit } from './audit.server.ts'
import { findBlueprint } from './exam/blueprints.server.ts'
import { hasRole, type Actor } from './policy.ts'
import { seriesForViolation, VIOLATION_TYPES, type ViolationType } from './retraining.ts'
import { blueprintCodeForRoles, openRetrainingCase, packsOfSeries, TX_OPTIONS } from './retraining.server.ts'
import { NotFoundError, RuleError, type EnterpriseActor } from './roster.server.ts'
import { parseDateString, startOfShanghaiDay } from './time.ts'

/** 'YYYY-MM-DDTHH:mm' read as Shanghai wall-clock time (what <input type="datetime-local"> sends). */
export function parseShanghaiDateTime(s: string): Date | null {
	const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(s.trim())
	if (!m || !parseDateString(m[1]!)) return null
	const h = Number(m[2])
	const min = Number(m[3])
	if (h > 23 || min > 59) return null
	return new Date(startOfShanghaiDay(m[1]!).getTime() + (h * 60 + min) * 60_000)
}

/** Records may be entered a little ahead of the server clock (phones drift), never days ahead. */
const FUTURE_SLACK_MS = 10 * 60_000
/** How far back a record may be dated. */
const MAX_AGE_MS = 366 * 86_400_000

export function violationInputSchema(now: Date) {
	return z
		.object({
			personId: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(40, 'errors:invalidChoice'),
			type: z.enum(VIOLATION_TYPES, { error: 'errors:invalidChoice' }),
			occurredAt: z
				.string({ error: 'errors:required' })
				.trim()
				.min(1, 'errors:required')
				.transform((v, ctx) => {
					const d = parseShanghaiDateTime(v)
					if (!d) {
						ctx.addIssue({ code: 'custom', message: 'violations:badDateTime' })
						return z.NEVER
					}
					if (d.getTime() > now.getTime() + FUTURE_SLACK_MS) {
						ctx.addIssue({ code: 'custom', message: 'violations:inFuture' })
						return z.NEVER
					}
					if (d.getTime() < now.getTime() - MAX_AGE_MS) {
						ctx.addIssue({ code: 'custom', message: 'violations:tooOld' })
						return z.NEVER
					}
					return d
				}),
			areaId: z.string().trim().max(40, 'errors:invalidChoice').optional().transform((v) => v || null),
			place: z.string().trim().max(100, 'errors:tooLong').optional().transform((v) => v ?? ''),
			description: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(1000, 'errors:tooLong'),
			foundBy: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(50, 'errors:tooLong'),
		})
		.refine((v) => v.areaId || v.place, { path: ['place'], message: 'violations:whereRequired' })
}
export type ViolationInput = z.output<ReturnType<typeof violationInputSchema>>

/** Record a 三违 and open its retraining case, in one transaction. */
export async function recordViolation(actor: EnterpriseActor, input: ViolationInput, now = new Date()) {
	if (!hasRole(actor, 'SAFETY_MANAGER')) throw new NotFoundError()
	const person = await db.person.findFirst({
		where: { id: input.personId, enterpriseId: actor.enterpriseId },
		select: { id: true, name: true, dutyStatus: true, user: { select: { roles: { select: { role: true } } } } },
	})
	if (!person) throw new RuleError('personId', 'errors:invalidChoice')
	if (person.dutyStatus === 'LEFT') throw new RuleError('personId', 'violations:personLeft')
	if (input.areaId) {
		const area = await db.area.findFirst({ where: { id: input.areaId, enterpriseId: actor.enterpriseId, archivedAt: null } })
		if (!area) throw new RuleError('areaId', 'errors:invalidChoice')
	}
	const roles = person.user?.roles.map((r) => r.role) ?? ['WORKER']
	return db.$transaction(async (tx) => {
		const blueprint = await findBlueprint(tx, { code: blueprintCodeForRoles(roles) })
		const packIds = await packsOfSeries(tx, seriesForViolation(input.type))
		const v = await tx.violation.create({
			data: {
				enterpriseId: actor.enterpriseId,
				personId: person.id,
				type: input.type,
				occurredAt: input.occurredAt,
				areaId: input.areaId,
				place: input.place,
				description: input.description,
				foundBy: input.foundBy,
				recordedByUserId: actor.userId,
				createdAt: now,
			},
		})
		await audit(actor, { action: 'violation.recorded', entityType: 'Violation', entityId: v.id, enterpriseId: actor.enterpriseId, data: { personId: person.id, type: input.type }, at: now }, tx)
		const c = await openRetrainingCase(
			tx,
			actor,
			{
				enterpriseId: actor.enterpriseId,
				personId: person.id,
				trigger: 'VIOLATION',
				sourceType: 'Violation',
				sourceId: v.id,
				blueprintId: blueprint?.id ?? null,
				packIds,
			},
			now,
		)
		if (c) await tx.violation.update({ where: { id: v.id }, data: { caseId: c.id } })
		return { ...v, caseId: c?.id ?? null, personName: person.name }
	}, TX_OPTIONS)
}

export const ViolationFilterSchema = z.object({
	type: z.enum(VIOLATION_TYPES).optional().catch(undefined),
	ack: z.enum(['PENDING', 'DONE']).optional().catch(undefined),
})

export async function listViolations(actor: EnterpriseActor, f: z.infer<typeof ViolationFilterSchema>) {
	const where: Prisma.ViolationWhereInput = { enterpriseId: actor.enterpriseId }
	if (f.type) where.type = f.type
	if (f.ack === 'PENDING') where.acknowledgedAt = null
	if (f.ack === 'DONE') where.acknowledgedAt = { not: null }
	return db.violation.findMany({
		where,
		orderBy: { occurredAt: 'desc' },
		take: 200,
		select: {
			id: true,
			type: true,
			occurredAt: true,
			acknowledgedAt: true,
			place: true,
			area: { select: { name: true } },
			person: { select: { id: true, name: true, post: true, dutyStatus: true } },
			case: { select: { id: true, state: true } },
		},
	})
}

/** A record visible to its enterprise's managers and principal, and to the person it is about. */
export async function getViolation(actor: Actor, id: string) {
	const v = await db.violation.findUnique({
		where: { id },
		include: {
			person: { select: { id: true, name: true, post: true, dutyStatus: true, department: { select: { name: true } } } },
			area: { select: { name: true, kind: true } },
			case: { select: { id: true, state: true } },
		},
	})
	if (!v) throw new NotFoundError()
	const self = !!actor.personId && actor.personId === v.personId
	const staff = actor.enterpriseId === v.enterpriseId && hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')
	if (!self && !staff) throw new NotFoundError()
	const recorder = await db.user.findUnique({ where: { id: v.recordedByUserId }, select: { displayName: true } })
	return { violation: { ...v, type: v.type as ViolationType }, self, recorderName: recorder?.displayName ?? null }
}

/** The person confirms they have read the record (once; a repeat is harmless). */
export async function acknowledgeViolation(actor: Actor, id: string, now = new Date()) {
	const v = await db.violation.findUnique({ where: { id }, select: { id: true, personId: true, enterpriseId: true, acknowledgedAt: true } })
	if (!v || !actor.personId || v.personId !== actor.personId) throw new NotFoundError()
	if (v.acknowledgedAt) return v
	return db.$transaction(async (tx) => {
		const { count } = await tx.violation.updateMany({ where: { id, acknowledgedAt: null }, data: { acknowledgedAt: now } })
		if (count) await audit(actor, { action: 'violation.acknowledged', entityType: 'Violation', entityId: id, enterpriseId: v.enterpriseId, at: now }, tx)
		return { ...v, acknowledgedAt: now }
	}, TX_OPTIONS)
}

/** The person's own records still waiting for acknowledgement (worker home). */
export async function myPendingViolations(actor: Actor) {
	if (!actor.personId) return []
	return db.violation.findMany({
		where: { personId: actor.personId, acknowledgedAt: null },
		orderBy: { occurredAt: 'desc' },
		select: { id: true, type: true, occurredAt: true },
	})
}

/** Choices for the record form: current people and active areas of the enterprise. */
export async function violationFormOptions(enterpriseId: string) {
	const [people, areas] = await Promise.all([
		db.person.findMany({
			where: { enterpriseId, dutyStatus: { not: 'LEFT' } },
			orderBy: [{ name: 'asc' }],
			select: { id: true, name: true, post: true, dutyStatus: true },
		}),
		db.area.findMany({ where: { enterpriseId, archivedAt: null }, orderBy: [{ kind: 'asc' }, { name: 'asc' }], select: { id: true, name: true, kind: true } }),
	])
	return { people, areas }
}
