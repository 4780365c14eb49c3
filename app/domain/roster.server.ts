import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { hashPassword, generateTemporaryPassword } from '~/utils/password.server.ts'
import { audit } from './audit.server.ts'
import { assignOnboarding } from './learning/assignments.server.ts'
import { CONTRACTOR_TYPES, DUTY_STATUSES, EMPLOYMENT_TYPES } from './constants.ts'
import { maskIdCard } from './identifiers.ts'
import { hasRole, type Actor } from './policy.ts'
import { MobileSchema, NameSchema, OptionalDateSchema, OptionalIdCardSchema } from './schemas.server.ts'


export type EnterpriseActor = Actor & { enterpriseId: string }

export class NotFoundError extends Error {
	constructor() {
		super('Not found')
	}
}

/** A domain rule refused the input: field (or null for the form) and an i18n key. */
export class RuleError extends Error {
	constructor(
		readonly field: string | null,
		readonly key: string,
		readonly values?: Record<string, string | number>,
	) {
		super(key)
	}
}

export const PersonFilterSchema = z.object({
	q: z.string().trim().max(50).optional().catch(undefined),
	department: z.string().max(40).optional().catch(undefined),
	contractor: z.string().max(40).optional().catch(undefined),
	post: z.string().trim().max(50).optional().catch(undefined),
	type: z.enum(EMPLOYMENT_TYPES).optional().catch(undefined),
	status: z.enum([...DUTY_STATUSES, 'ALL']).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
})
export type PersonFilter = z.infer<typeof PersonFilterSchema>

export const PAGE_SIZE = 50

function personWhere(enterpriseId: string, f: PersonFilter): Prisma.PersonWhereInput {
	const where: Prisma.PersonWhereInput = { enterpriseId }
	const status = f.status ?? 'CURRENT'
	if (status === 'CURRENT') where.dutyStatus = { not: 'LEFT' }
	else if (status !== 'ALL') where.dutyStatus = status
	if (f.department) where.departmentId = f.department
	if (f.contractor) where.contractorId = f.contractor
	if (f.type) where.employmentType = f.type
	if (f.post) where.post = { contains: f.post }
	if (f.q) where.OR = [{ name: { contains: f.q } }, { mobile: { contains: f.q } }, { post: { contains: f.q } }]
	return where
}

export async function listPeople(actor: EnterpriseActor, f: PersonFilter) {
	const where = personWhere(actor.enterpriseId, f)
	const page = f.page ?? 1
	const [total, people] = await Promise.all([
		db.person.count({ where }),
		db.person.findMany({
			where,
			orderBy: [{ dutyStatus: 'desc' }, { name: 'asc' }],
			skip: (page - 1) * PAGE_SIZE,
			take: PAGE_SIZE,
			select: {
				id: true,
				name: true,
				mobile: true,
				post: true,
				employmentType: true,
				dutyStatus: true,
				department: { select: { name: true } },
				contractor: { select: { name: true } },
			},
		}),
	])
	return { total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), people }
}

/** Everything matching the filter (no paging), for CSV/XLSX export. */
export async function listPeopleForExport(actor: EnterpriseActor, f: PersonFilter) {
	return db.person.findMany({
		where: personWhere(actor.enterpriseId, f),
		orderBy: [{ name: 'asc' }],
		select: {
			name: true,
			mobile: true,
			idCard: true,
			post: true,
			hireDate: true,
			employmentType: true,
			dutyStatus: true,
			department: { select: { name: true } },
			contractor: { select: { name: true } },
		},
	})
}

export async function getOrgLists(enterpriseId: string) {
	const [departments, contractors, posts] = await Promise.all([
		db.department.findMany({ where: { enterpriseId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
		db.contractorCompany.findMany({ where: { enterpriseId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
		db.person.findMany({ where: { enterpriseId, post: { not: '' } }, distinct: ['post'], select: { post: true }, orderBy: { post: 'asc' } }),
	])
	return { departments, contractors, posts: posts.map((p) => p.post) }
}

/** One person of the actor's enterprise, or NotFoundError (also for other tenants' ids). */
export async function getPerson(actor: EnterpriseActor, personId: string) {
	const person = await db.person.findFirst({
		where: { id: personId, enterpriseId: actor.enterpriseId },
		include: {
			department: { select: { id: true, name: true } },
			contractor: { select: { id: true, name: true } },
			user: { select: { id: true, roles: true, mustChangePassword: true, passwordHash: true } },
		},
	})
	if (!person) throw new NotFoundError()
	const { user, idCard, ...rest } = person
	return {
		...rest,
		idCardMasked: idCard ? maskIdCard(idCard) : null,
		account: user
			? {
					roles: user.roles.map((r) => r.role),
					hasPassword: user.passwordHash.startsWith('scrypt$'),
					mustChangePassword: user.mustChangePassword,
				}
			: null,
	}
}

export const PersonInputSchema = z
	.object({
		name: NameSchema,
		mobile: MobileSchema,
		idCard: OptionalIdCardSchema,
		employmentType: z.enum(EMPLOYMENT_TYPES, { error: 'errors:invalidChoice' }),
		contractorId: z.string().trim().max(40).optional().transform((v) => v || null),
		departmentId: z.string().trim().max(40).optional().transform((v) => v || null),
		post: z.string().trim().max(50, 'errors:tooLong').default(''),
		hireDate: OptionalDateSchema,
		manager: z.enum(['on']).optional(),
	})
	.refine((v) => !CONTRACTOR_TYPES.includes(v.employmentType) || v.contractorId, {
		path: ['contractorId'],
		message: 'errors:contractorRequired',
	})
export type PersonInput = z.output<typeof PersonInputSchema>

async function checkRefs(enterpriseId: string, input: PersonInput) {
	if (input.departmentId) {
		const d = await db.department.findFirst({ where: { id: input.departmentId, enterpriseId } })
		if (!d) throw new RuleError('departmentId', 'errors:invalidChoice')
	}
	if (input.contractorId) {
		if (!CONTRACTOR_TYPES.includes(input.employmentType)) input.contractorId = null
		else {
			const c = await db.contractorCompany.findFirst({ where: { id: input.contractorId, enterpriseId } })
			if (!c) throw new RuleError('contractorId', 'errors:invalidChoice')
		}
	}
}

async function checkUnique(enterpriseId: string, input: PersonInput, exceptId?: string) {
	const dupMobile = await db.person.findFirst({ where: { enterpriseId, mobile: input.mobile, NOT: exceptId ? { id: exceptId } : undefined } })
	if (dupMobile) throw new RuleError('mobile', 'errors:mobileDuplicate', { name: dupMobile.name })
	if (input.idCard) {
		const dupId = await db.person.findFirst({ where: { enterpriseId, idCard: input.idCard, NOT: exceptId ? { id: exceptId } : undefined } })
		if (dupId) throw new RuleError('idCard', 'errors:idCardDuplicate', { name: dupId.name })
	}
	// Sign-in is by mobile number across the whole system.
	const user = await db.user.findUnique({ where: { mobile: input.mobile }, include: { person: true } })
	if (user && user.personId !== (exceptId ?? null) && !(user.person && user.person.dutyStatus === 'LEFT'))
		throw new RuleError('mobile', 'errors:mobileTaken')
	return user
}

function roleRows(manager: boolean) {
	return manager ? [{ role: 'WORKER' }, { role: 'SAFETY_MANAGER' }] : [{ role: 'WORKER' }]
}

type Tx = Prisma.TransactionClient

/** Create the person's sign-in (no password until a manager issues one), or take over the
 *  account of a person who has left another enterprise. */
async function linkAccount(tx: Tx, personId: string, name: string, mobile: string, manager: boolean) {
	const existing = await tx.user.findUnique({ where: { mobile } })
	if (existing) {
		await tx.userRole.deleteMany({ where: { userId: existing.id, role: { in: ['WORKER', 'SAFETY_MANAGER', 'PRINCIPAL'] } } })
		await tx.session.deleteMany({ where: { userId: existing.id } })
		await tx.user.update({
			where: { id: existing.id },
			data: { personId, displayName: name, roles: { create: roleRows(manager) } },
		})
		return
	}
	await tx.user.create({
		data: { mobile, displayName: name, passwordHash: '', personId, mustChangePassword: true, roles: { create: roleRows(manager) } },
	})
}

export type NewPerson = {
	name: string
	mobile: string
	idCard: string | null
	employmentType: string
	contractorId: string | null
	departmentId: string | null
	post: string
	hireDate: string | null
}

/**
 * The one way a person joins an enterprise (form and bulk import): the roster row, the
 * sign-in account and the audit event, inside the caller's transaction.
 */
export async function insertPerson(tx: Tx, actor: EnterpriseActor, input: NewPerson, opts: { manager?: boolean; via?: string } = {}) {
	const person = await tx.person.create({
		data: {
			enterpriseId: actor.enterpriseId,
			name: input.name,
			mobile: input.mobile,
			idCard: input.idCard,
			employmentType: input.employmentType,
			contractorId: input.contractorId,
			departmentId: input.departmentId,
			post: input.post,
			hireDate: input.hireDate,
		},
	})
	await linkAccount(tx, person.id, person.name, person.mobile, !!opts.manager)
	await audit(
		actor,
		{ action: 'person.created', entityType: 'Person', entityId: person.id, enterpriseId: actor.enterpriseId, data: opts.via ? { via: opts.via } : undefined },
		tx,
	)
	// issue 3: a new hire gets the onboarding packs (三级安全教育) assigned at once.
	await assignOnboarding(tx, { enterpriseId: actor.enterpriseId, personId: person.id, managerial: !!opts.manager, actorUserId: actor.userId })
	return person
}

export async function createPerson(actor: EnterpriseActor, input: PersonInput) {
	await checkRefs(actor.enterpriseId, input)
	await checkUnique(actor.enterpriseId, input)
	return db.$transaction((tx) => insertPerson(tx, actor, input, { manager: input.manager === 'on' }))
}

export async function updatePerson(actor: EnterpriseActor, personId: string, input: PersonInput) {
	const current = await db.person.findFirst({ where: { id: personId, enterpriseId: actor.enterpriseId }, include: { user: true } })
	if (!current) throw new NotFoundError()
	await checkRefs(actor.enterpriseId, input)
	await checkUnique(actor.enterpriseId, input, personId)
	if (personId === actor.personId && input.manager !== 'on' && hasRole(actor, 'SAFETY_MANAGER'))
		throw new RuleError('manager', 'roster:cannotDemoteSelf')
	return db.$transaction(async (tx) => {
		const person = await tx.person.update({
			where: { id: personId },
			data: {
				name: input.name,
				mobile: input.mobile,
				idCard: input.idCard,
				employmentType: input.employmentType,
				contractorId: input.contractorId,
				departmentId: input.departmentId,
				post: input.post,
				hireDate: input.hireDate,
			},
		})
		if (current.user) {
			const mobileChanged = current.user.mobile !== input.mobile
			await tx.user.update({ where: { id: current.user.id }, data: { mobile: input.mobile, displayName: input.name } })
			await tx.userRole.deleteMany({ where: { userId: current.user.id, role: 'SAFETY_MANAGER' } })
			if (input.manager === 'on') await tx.userRole.create({ data: { userId: current.user.id, role: 'SAFETY_MANAGER' } })
			if (mobileChanged) await tx.session.deleteMany({ where: { userId: current.user.id } })
		} else {
			await linkAccount(tx, person.id, person.name, person.mobile, input.manager === 'on')
		}
		await audit(actor, { action: 'person.updated', entityType: 'Person', entityId: personId, enterpriseId: actor.enterpriseId }, tx)
		return person
	})
}

/** The person leaves the enterprise: off the roster, sign-in ended. */
export async function markLeft(actor: EnterpriseActor, personId: string, now = new Date()) {
	const person = await db.person.findFirst({ where: { id: personId, enterpriseId: actor.enterpriseId }, include: { user: true } })
	if (!person) throw new NotFoundError()
	if (person.id === actor.personId) throw new RuleError(null, 'roster:cannotLeaveSelf')
	if (person.dutyStatus === 'LEFT') return person
	return db.$transaction(async (tx) => {
		const updated = await tx.person.update({ where: { id: personId }, data: { dutyStatus: 'LEFT', leftAt: now } })
		if (person.user) await tx.session.deleteMany({ where: { userId: person.user.id } })
		await audit(actor, { action: 'person.left', entityType: 'Person', entityId: personId, enterpriseId: actor.enterpriseId }, tx)
		return updated
	})
}

/** Issue a temporary password (shown once to the manager); the person must change it. */
export async function resetPassword(actor: EnterpriseActor, personId: string): Promise<{ password: string; name: string; mobile: string }> {
	const person = await db.person.findFirst({
		where: { id: personId, enterpriseId: actor.enterpriseId },
		include: { user: { include: { roles: true } } },
	})
	if (!person) throw new NotFoundError()
	if (person.dutyStatus === 'LEFT' || !person.user) throw new RuleError(null, 'roster:noAccount')
	// A safety manager cannot take over the principal's account.
	if (person.user.roles.some((r) => r.role === 'PRINCIPAL') && !hasRole(actor, 'PRINCIPAL'))
		throw new RuleError(null, 'roster:resetPrincipal')
	if (person.id === actor.personId) throw new RuleError(null, 'roster:resetOwnPassword')
	const password = generateTemporaryPassword()
	const passwordHash = await hashPassword(password)
	await db.$transaction(async (tx) => {
		await tx.user.update({ where: { id: person.user!.id }, data: { passwordHash, mustChangePassword: true } })
		await tx.session.deleteMany({ where: { userId: person.user!.id } })
		await tx.loginThrottle.deleteMany({ where: { key: `acct:${person.user!.mobile}` } })
		await audit(actor, { action: 'person.passwordReset', entityType: 'Person', entityId: personId, enterpriseId: actor.enterpriseId }, tx)
	})
	return { password, name: person.name, mobile: person.mobile }
}
export type { EmploymentType } from './constants.ts'
