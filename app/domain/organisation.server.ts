import { z } from 'zod'
import { db } from '~/utils/db.server.ts'
import { audit } from './audit.server.ts'
import { AREA_KINDS } from './constants.ts'
import { NotFoundError, RuleError, type EnterpriseActor } from './roster.server.ts'
import { normalizeIdentifierInput, validateUscc } from './identifiers.ts'


export async function getOrganisation(actor: EnterpriseActor) {
	const [departments, contractors] = await Promise.all([
		db.department.findMany({
			where: { enterpriseId: actor.enterpriseId },
			orderBy: { name: 'asc' },
			include: { _count: { select: { people: { where: { dutyStatus: { not: 'LEFT' } } } } } },
		}),
		db.contractorCompany.findMany({
			where: { enterpriseId: actor.enterpriseId },
			orderBy: { name: 'asc' },
			include: { _count: { select: { people: { where: { dutyStatus: { not: 'LEFT' } } } } } },
		}),
	])
	return {
		departments: departments.map((d) => ({ id: d.id, name: d.name, people: d._count.people })),
		contractors: contractors.map((c) => ({ id: c.id, name: c.name, uscc: c.uscc, contactName: c.contactName, contactPhone: c.contactPhone, people: c._count.people })),
	}
}

const ShortName = z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(60, 'errors:tooLong')

export const DepartmentSchema = z.object({ name: ShortName })
export const ContractorSchema = z.object({
	name: ShortName,
	uscc: z
		.string()
		.trim()
		.optional()
		.transform((v, ctx) => {
			if (!v) return null
			const r = validateUscc(normalizeIdentifierInput(v))
			if (!r.ok) {
				ctx.addIssue({ code: 'custom', message: `errors:uscc.${r.reason}` })
				return z.NEVER
			}
			return r.value
		}),
	contactName: z.string().trim().max(30, 'errors:tooLong').default(''),
	contactPhone: z.string().trim().max(20, 'errors:tooLong').default(''),
})

export async function addDepartment(actor: EnterpriseActor, input: z.output<typeof DepartmentSchema>) {
	const exists = await db.department.findFirst({ where: { enterpriseId: actor.enterpriseId, name: input.name } })
	if (exists) throw new RuleError('name', 'errors:nameTaken')
	const d = await db.department.create({ data: { enterpriseId: actor.enterpriseId, name: input.name } })
	await audit(actor, { action: 'department.created', entityType: 'Department', entityId: d.id, enterpriseId: actor.enterpriseId })
	return d
}

export async function removeDepartment(actor: EnterpriseActor, id: string) {
	const d = await db.department.findFirst({ where: { id, enterpriseId: actor.enterpriseId }, include: { _count: { select: { people: true } } } })
	if (!d) throw new NotFoundError()
	if (d._count.people > 0) throw new RuleError(null, 'org:departmentInUse', { name: d.name, count: d._count.people })
	await db.department.delete({ where: { id } })
	await audit(actor, { action: 'department.deleted', entityType: 'Department', entityId: id, enterpriseId: actor.enterpriseId, data: { name: d.name } })
}

export async function addContractor(actor: EnterpriseActor, input: z.output<typeof ContractorSchema>) {
	const exists = await db.contractorCompany.findFirst({ where: { enterpriseId: actor.enterpriseId, name: input.name } })
	if (exists) throw new RuleError('name', 'errors:nameTaken')
	const c = await db.contractorCompany.create({ data: { enterpriseId: actor.enterpriseId, ...input } })
	await audit(actor, { action: 'contractor.created', entityType: 'ContractorCompany', entityId: c.id, enterpriseId: actor.enterpriseId })
	return c
}

export async function removeContractor(actor: EnterpriseActor, id: string) {
	const c = await db.contractorCompany.findFirst({ where: { id, enterpriseId: actor.enterpriseId }, include: { _count: { select: { people: true } } } })
	if (!c) throw new NotFoundError()
	if (c._count.people > 0) throw new RuleError(null, 'org:contractorInUse', { name: c.name, count: c._count.people })
	await db.contractorCompany.delete({ where: { id } })
	await audit(actor, { action: 'contractor.deleted', entityType: 'ContractorCompany', entityId: id, enterpriseId: actor.enterpriseId, data: { name: c.name } })
}

// Areas ----------------------------------------------------------------------------------

export const AreaSchema = z.object({
	name: ShortName,
	kind: z.enum(AREA_KINDS, { error: 'errors:invalidChoice' }),
	description: z.string().trim().max(500, 'errors:tooLong').default(''),
})

export async function listAreas(enterpriseId: string) {
	return db.area.findMany({
		where: { enterpriseId },
		orderBy: [{ archivedAt: 'asc' }, { kind: 'asc' }, { name: 'asc' }],
		select: { id: true, name: true, kind: true, description: true, archivedAt: true },
	})
}

export async function getArea(actor: EnterpriseActor, id: string) {
	const area = await db.area.findFirst({ where: { id, enterpriseId: actor.enterpriseId } })
	if (!area) throw new NotFoundError()
	return area
}

export async function addArea(actor: EnterpriseActor, input: z.output<typeof AreaSchema>) {
	const exists = await db.area.findFirst({ where: { enterpriseId: actor.enterpriseId, name: input.name } })
	if (exists) throw new RuleError('name', 'errors:nameTaken')
	const a = await db.area.create({ data: { enterpriseId: actor.enterpriseId, ...input } })
	await audit(actor, { action: 'area.created', entityType: 'Area', entityId: a.id, enterpriseId: actor.enterpriseId })
	return a
}

export async function updateArea(actor: EnterpriseActor, id: string, input: z.output<typeof AreaSchema>) {
	const area = await getArea(actor, id)
	const clash = await db.area.findFirst({ where: { enterpriseId: actor.enterpriseId, name: input.name, NOT: { id } } })
	if (clash) throw new RuleError('name', 'errors:nameTaken')
	const a = await db.area.update({ where: { id: area.id }, data: input })
	await audit(actor, { action: 'area.updated', entityType: 'Area', entityId: id, enterpriseId: actor.enterpriseId })
	return a
}

/** Areas are archived, never deleted: drill records keep pointing at them. */
export async function setAreaArchived(actor: EnterpriseActor, id: string, archived: boolean, now = new Date()) {
	await getArea(actor, id)
	const a = await db.area.update({ where: { id }, data: { archivedAt: archived ? now : null } })
	await audit(actor, { action: archived ? 'area.archived' : 'area.restored', entityType: 'Area', entityId: id, enterpriseId: actor.enterpriseId })
	return a
}
