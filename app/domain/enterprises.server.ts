import { z } from 'zod'
import { db } from '~/utils/db.server.ts'
import { audit } from './audit.server.ts'
import { ENTERPRISE_CATEGORIES } from './constants.ts'
import { canSeeEnterprise, enterpriseScopeWhere, hasRole, type Actor } from './policy.ts'
import { NotFoundError, RuleError } from './roster.server.ts'
import { UsccSchema } from './schemas.server.ts'


export async function listEnterprises(actor: Actor, regionId?: string) {
	const scope = enterpriseScopeWhere(actor)
	// A region filter narrows the actor's scope, never widens it.
	const where = regionId && (hasRole(actor, 'ADMIN') || actor.regionIds.includes(regionId)) ? { AND: [scope, { regionId }] } : scope
	const [enterprises, regions] = await Promise.all([
		db.enterprise.findMany({
			where,
			orderBy: { name: 'asc' },
			select: {
				id: true,
				name: true,
				category: true,
				majorHazardLevel: true,
				region: { select: { id: true, name: true, nameEn: true } },
				_count: { select: { people: { where: { dutyStatus: { not: 'LEFT' } } } } },
			},
		}),
		db.region.findMany({
			where: hasRole(actor, 'ADMIN') ? {} : { id: { in: actor.regionIds } },
			orderBy: [{ kind: 'asc' }, { name: 'asc' }],
			select: { id: true, name: true, nameEn: true, kind: true, parentId: true },
		}),
	])
	return { enterprises, regions }
}

export async function getEnterprise(actor: Actor, id: string) {
	const e = await db.enterprise.findUnique({
		where: { id },
		include: {
			region: { select: { name: true, nameEn: true } },
			areas: { where: { archivedAt: null }, orderBy: [{ kind: 'asc' }, { name: 'asc' }], select: { id: true, name: true, kind: true } },
		},
	})
	if (!e || !canSeeEnterprise(actor, e)) throw new NotFoundError()
	const people = await db.person.groupBy({ by: ['employmentType', 'dutyStatus'], where: { enterpriseId: id, dutyStatus: { not: 'LEFT' } }, _count: true })
	return { ...e, keyProcesses: JSON.parse(e.keyProcesses) as string[], people: people.map((p) => ({ type: p.employmentType, status: p.dutyStatus, count: p._count })) }
}

export const EnterpriseSchema = z.object({
	name: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(100, 'errors:tooLong'),
	uscc: UsccSchema,
	regionId: z.string({ error: 'errors:required' }).min(1, 'errors:required').max(40),
	category: z.enum(ENTERPRISE_CATEGORIES, { error: 'errors:invalidChoice' }),
	majorHazardLevel: z
		.string()
		.optional()
		.transform((v) => (v ? Number(v) : null))
		.refine((v) => v === null || [1, 2, 3, 4].includes(v), 'errors:invalidChoice'),
	address: z.string().trim().max(200, 'errors:tooLong').default(''),
})

export async function createEnterprise(actor: Actor, input: z.output<typeof EnterpriseSchema>) {
	if (!hasRole(actor, 'ADMIN')) throw new NotFoundError()
	const region = await db.region.findUnique({ where: { id: input.regionId } })
	if (!region) throw new RuleError('regionId', 'errors:invalidChoice')
	if (await db.enterprise.findUnique({ where: { uscc: input.uscc } })) throw new RuleError('uscc', 'enterprises:usccTaken')
	const e = await db.enterprise.create({ data: input })
	await audit(actor, { action: 'enterprise.created', entityType: 'Enterprise', entityId: e.id, enterpriseId: e.id, regionId: e.regionId })
	return e
}
