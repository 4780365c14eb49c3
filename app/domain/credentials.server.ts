import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { audit } from './audit.server.ts'
import {
	CREDENTIAL_TYPE_CODES,
	credentialStatus,
	defaultCredentialDates,
	missingRequiredTypes,
	REMIND_DAYS,
	type CredentialStatus,
} from './credentials.ts'
import { addDays } from './calendar.ts'
import { canSeeEnterprise, hasRole, type Actor } from './policy.ts'
import { NotFoundError, RuleError, type EnterpriseActor } from './roster.server.ts'
import { OptionalDateSchema } from './schemas.server.ts'
import { parseDateString } from './time.ts'

const RequiredDateSchema = z
	.string({ error: 'errors:required' })
	.trim()
	.min(1, 'errors:required')
	.refine((v) => parseDateString(v) !== null, 'errors:dateInvalid')

export const CredentialInputSchema = z.object({
	type: z.enum(CREDENTIAL_TYPE_CODES, { error: 'errors:invalidChoice' }),
	number: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(40, 'errors:tooLong'),
	issuer: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(80, 'errors:tooLong'),
	issueDate: RequiredDateSchema,
	expiryDate: OptionalDateSchema,
	nextReviewDate: OptionalDateSchema,
	note: z.string().trim().max(200, 'errors:tooLong').default(''),
})
export type CredentialInput = z.output<typeof CredentialInputSchema>

/** Fill the catalogue's defaults for dates left empty and check their order. */
export function resolveCredentialDates(input: CredentialInput, today: string) {
	if (input.issueDate > today) throw new RuleError('issueDate', 'credentials:issueInFuture')
	const defaults = defaultCredentialDates(input.type, input.issueDate)
	const expiryDate = input.expiryDate ?? defaults.expiryDate
	const nextReviewDate = input.nextReviewDate ?? defaults.nextReviewDate
	if (expiryDate <= input.issueDate) throw new RuleError('expiryDate', 'credentials:expiryBeforeIssue')
	if (nextReviewDate && (nextReviewDate <= input.issueDate || nextReviewDate > expiryDate)) throw new RuleError('nextReviewDate', 'credentials:reviewOutOfRange')
	return { expiryDate, nextReviewDate }
}

type CredentialRow = { id: string; type: string; number: string; issuer: string; issueDate: string; expiryDate: string; nextReviewDate: string | null; note: string }

function withStatus<T extends CredentialRow>(c: T, today: string): T & { status: CredentialStatus } {
	return { ...c, status: credentialStatus(c, today) }
}

async function personOf(actor: EnterpriseActor, personId: string) {
	const person = await db.person.findFirst({ where: { id: personId, enterpriseId: actor.enterpriseId }, select: { id: true, name: true, dutyStatus: true } })
	if (!person) throw new NotFoundError()
	return person
}

/** A person's credentials and requirements, for the person page (managers and principal). */
export async function getPersonCredentials(actor: EnterpriseActor, personId: string, today: string) {
	await personOf(actor, personId)
	const [credentials, requirements] = await Promise.all([
		db.credential.findMany({ where: { personId }, orderBy: [{ expiryDate: 'asc' }] }),
		db.credentialRequirement.findMany({ where: { personId }, orderBy: { createdAt: 'asc' }, select: { type: true } }),
	])
	const required = requirements.map((r) => r.type)
	return {
		credentials: credentials.map((c) => withStatus(c, today)),
		required,
		missing: missingRequiredTypes(required, credentials, today),
	}
}

/** The signed-in person's own credentials, soonest deadline first. */
export async function listMyCredentials(actor: Actor, today: string) {
	if (!actor.personId) return []
	const rows = await db.credential.findMany({ where: { personId: actor.personId }, orderBy: { expiryDate: 'asc' } })
	return rows.map((c) => withStatus(c, today))
}

export async function getCredential(actor: EnterpriseActor, credentialId: string, today: string) {
	const c = await db.credential.findFirst({ where: { id: credentialId, enterpriseId: actor.enterpriseId }, include: { person: { select: { id: true, name: true } } } })
	if (!c) throw new NotFoundError()
	return withStatus(c, today)
}

function requireManager(actor: EnterpriseActor) {
	if (!hasRole(actor, 'SAFETY_MANAGER')) throw new NotFoundError()
}

export async function createCredential(actor: EnterpriseActor, personId: string, input: CredentialInput, today: string) {
	requireManager(actor)
	const person = await personOf(actor, personId)
	if (person.dutyStatus === 'LEFT') throw new RuleError(null, 'credentials:personLeft')
	const dates = resolveCredentialDates(input, today)
	if (await db.credential.findUnique({ where: { personId_type: { personId, type: input.type } } })) throw new RuleError('type', 'credentials:duplicateType')
	return db.$transaction(async (tx) => {
		const c = await tx.credential.create({
			data: { enterpriseId: actor.enterpriseId, personId, type: input.type, number: input.number, issuer: input.issuer, issueDate: input.issueDate, note: input.note, ...dates },
		})
		await audit(actor, { action: 'credential.created', entityType: 'Credential', entityId: c.id, enterpriseId: actor.enterpriseId, data: { personId, type: c.type, number: c.number, expiryDate: c.expiryDate } }, tx)
		return c
	})
}

/** Correct or renew a credential (the type is fixed: a different type is a new credential). */
export async function updateCredential(actor: EnterpriseActor, credentialId: string, input: CredentialInput, today: string) {
	requireManager(actor)
	const current = await db.credential.findFirst({ where: { id: credentialId, enterpriseId: actor.enterpriseId } })
	if (!current) throw new NotFoundError()
	if (input.type !== current.type) throw new RuleError('type', 'credentials:typeFixed')
	const dates = resolveCredentialDates(input, today)
	return db.$transaction(async (tx) => {
		const c = await tx.credential.update({
			where: { id: credentialId },
			data: { number: input.number, issuer: input.issuer, issueDate: input.issueDate, note: input.note, ...dates },
		})
		await audit(
			actor,
			{
				action: 'credential.updated',
				entityType: 'Credential',
				entityId: c.id,
				enterpriseId: actor.enterpriseId,
				data: {
					personId: c.personId,
					before: { number: current.number, issueDate: current.issueDate, expiryDate: current.expiryDate, nextReviewDate: current.nextReviewDate },
					after: { number: c.number, issueDate: c.issueDate, expiryDate: c.expiryDate, nextReviewDate: c.nextReviewDate },
				},
			},
			tx,
		)
		return c
	})
}

export async function deleteCredential(actor: EnterpriseActor, credentialId: string) {
	requireManager(actor)
	const current = await db.credential.findFirst({ where: { id: credentialId, enterpriseId: actor.enterpriseId } })
	if (!current) throw new NotFoundError()
	await db.$transaction(async (tx) => {
		await tx.credential.delete({ where: { id: credentialId } })
		await audit(
			actor,
			{
				action: 'credential.deleted',
				entityType: 'Credential',
				entityId: credentialId,
				enterpriseId: actor.enterpriseId,
				data: { personId: current.personId, type: current.type, number: current.number, issueDate: current.issueDate, expiryDate: current.expiryDate },
			},
			tx,
		)
	})
	return current
}

export const RequirementSchema = z.object({ type: z.enum(CREDENTIAL_TYPE_CODES, { error: 'errors:invalidChoice' }) })

export async function setRequirement(actor: EnterpriseActor, personId: string, type: string, required: boolean) {
	requireManager(actor)
	await personOf(actor, personId)
	const existing = await db.credentialRequirement.findUnique({ where: { personId_type: { personId, type } } })
	if (!!existing === required) return
	await db.$transaction(async (tx) => {
		if (required) await tx.credentialRequirement.create({ data: { enterpriseId: actor.enterpriseId, personId, type } })
		else await tx.credentialRequirement.delete({ where: { personId_type: { personId, type } } })
		await audit(actor, { action: required ? 'credential.required' : 'credential.notRequired', entityType: 'Person', entityId: personId, enterpriseId: actor.enterpriseId, data: { type } }, tx)
	})
}

// ── Enterprise-wide views ──

export type CredentialFlag = 'MISSING' | 'INVALID' | 'DUE'

/** The worst credential problem per person (MISSING > INVALID > DUE); people without one are absent. */
export async function credentialFlags(enterpriseId: string, personIds: readonly string[], today: string): Promise<Record<string, CredentialFlag>> {
	if (!personIds.length) return {}
	const [credentials, requirements] = await Promise.all([
		db.credential.findMany({ where: { enterpriseId, personId: { in: [...personIds] } }, select: { personId: true, type: true, expiryDate: true, nextReviewDate: true } }),
		db.credentialRequirement.findMany({ where: { enterpriseId, personId: { in: [...personIds] } }, select: { personId: true, type: true } }),
	])
	const flags: Record<string, CredentialFlag> = {}
	const rank = { DUE: 1, INVALID: 2, MISSING: 3 } as const
	const raise = (id: string, f: CredentialFlag) => {
		if (!flags[id] || rank[f] > rank[flags[id]!]) flags[id] = f
	}
	for (const c of credentials) {
		const s = credentialStatus(c, today)
		if (!s.valid) raise(c.personId, 'INVALID')
		else if (s.state !== 'VALID') raise(c.personId, 'DUE')
	}
	const byPerson = new Map<string, string[]>()
	for (const r of requirements) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r.type])
	for (const [personId, required] of byPerson) {
		const held = credentials.filter((c) => c.personId === personId)
		if (missingRequiredTypes(required, held, today).length) raise(personId, 'MISSING')
	}
	return flags
}

export const CredentialListFilterSchema = z.object({
	show: z.enum(['ALL', 'ATTENTION', 'MISSING']).optional().catch(undefined),
	q: z.string().trim().max(50).optional().catch(undefined),
})
export type CredentialListFilter = z.infer<typeof CredentialListFilterSchema>

/**
 * The enterprise's credential register: every credential of current staff with its state, and
 * the requirement gaps (people whose work needs a type they hold no valid credential for).
 */
export async function listEnterpriseCredentials(actor: EnterpriseActor, filter: CredentialListFilter, today: string) {
	const personWhere: Prisma.PersonWhereInput = { enterpriseId: actor.enterpriseId, dutyStatus: { not: 'LEFT' } }
	if (filter.q) personWhere.OR = [{ name: { contains: filter.q } }, { post: { contains: filter.q } }]
	const [credentials, requirements] = await Promise.all([
		db.credential.findMany({
			where: { enterpriseId: actor.enterpriseId, person: personWhere },
			include: { person: { select: { id: true, name: true, post: true, dutyStatus: true } } },
			orderBy: [{ expiryDate: 'asc' }],
		}),
		db.credentialRequirement.findMany({
			where: { enterpriseId: actor.enterpriseId, person: personWhere },
			include: { person: { select: { id: true, name: true, post: true, dutyStatus: true } } },
		}),
	])
	const rows = credentials.map((c) => withStatus(c, today))
	const gaps = missingByPerson(requirements, credentials, today)
	const show = filter.show ?? 'ATTENTION'
	const listed = show === 'ALL' ? rows : show === 'ATTENTION' ? rows.filter((r) => r.status.state !== 'VALID') : []
	// Soonest deadline first; simply valid ones by expiry.
	listed.sort((a, b) => (a.status.due ?? a.expiryDate).localeCompare(b.status.due ?? b.expiryDate))
	return { credentials: listed, gaps, total: rows.length }
}

type RequirementWithPerson = { personId: string; type: string; person: { id: string; name: string; post: string; dutyStatus: string } }

function missingByPerson(requirements: readonly RequirementWithPerson[], credentials: readonly (CredentialRow & { personId: string })[], today: string) {
	const people = new Map<string, { person: RequirementWithPerson['person']; required: string[] }>()
	for (const r of requirements) {
		const entry = people.get(r.personId) ?? { person: r.person, required: [] }
		entry.required.push(r.type)
		people.set(r.personId, entry)
	}
	const gaps: { person: RequirementWithPerson['person']; missing: string[] }[] = []
	for (const [personId, { person, required }] of people) {
		const missing = missingRequiredTypes(
			required,
			credentials.filter((c) => c.personId === personId),
			today,
		)
		if (missing.length) gaps.push({ person, missing })
	}
	return gaps.sort((a, b) => a.person.name.localeCompare(b.person.name, 'zh-CN'))
}

/** Reminders for the manager's home: deadlines within 90 days (30 urgent) and invalid ones. */
export async function credentialReminders(enterpriseId: string, today: string) {
	const horizon = addDays(today, REMIND_DAYS)
	const candidates = await db.credential.findMany({
		where: {
			enterpriseId,
			person: { dutyStatus: { not: 'LEFT' } },
			OR: [{ expiryDate: { lte: horizon } }, { nextReviewDate: { lte: horizon } }],
		},
		include: { person: { select: { id: true, name: true } } },
	})
	const items = candidates
		.map((c) => withStatus(c, today))
		.filter((c) => c.status.state !== 'VALID')
		.sort((a, b) => (a.status.days ?? 0) - (b.status.days ?? 0))
	const requirements = await db.credentialRequirement.findMany({
		where: { enterpriseId, person: { dutyStatus: 'ON_POST' } },
		include: { person: { select: { id: true, name: true, post: true, dutyStatus: true } } },
	})
	const held = requirements.length
		? await db.credential.findMany({ where: { enterpriseId, personId: { in: [...new Set(requirements.map((r) => r.personId))] } } })
		: []
	const gaps = missingByPerson(requirements, held, today)
	return {
		items: items.slice(0, 8),
		counts: {
			invalid: items.filter((i) => !i.status.valid).length,
			urgent: items.filter((i) => i.status.valid && i.status.urgent).length,
			soon: items.filter((i) => i.status.valid && !i.status.urgent).length,
			missing: gaps.length,
		},
	}
}

/**
 * Hidden-danger item 2 (特种作业人员未持证上岗) for bureau staff: on-post people of the
 * enterprise whose work requires a credential type they hold no valid credential for, and
 * on-post holders of expired or review-overdue credentials.
 */
export async function credentialHiddenDanger(actor: Actor, enterpriseId: string, today: string) {
	const e = await db.enterprise.findUnique({ where: { id: enterpriseId }, select: { id: true, regionId: true } })
	if (!e || !canSeeEnterprise(actor, e)) throw new NotFoundError()
	const onPost = { enterpriseId, person: { dutyStatus: 'ON_POST' } }
	const [requirements, credentials] = await Promise.all([
		db.credentialRequirement.findMany({ where: onPost, include: { person: { select: { id: true, name: true, post: true, dutyStatus: true } } } }),
		db.credential.findMany({ where: onPost, include: { person: { select: { id: true, name: true, post: true } } } }),
	])
	const gaps = missingByPerson(requirements, credentials, today)
	const invalid = credentials
		.map((c) => withStatus(c, today))
		.filter((c) => !c.status.valid)
		.map((c) => ({ person: c.person, type: c.type, state: c.status.state, due: c.status.due }))
	return { gaps, invalid, required: new Set(requirements.map((r) => r.personId)).size }
}
