import { db } from '~/utils/db.server.ts'
import { credentialReminders } from './credentials.server.ts'
import { getLearningReminder, getTrainingReminder } from './learning/training.server.ts'
import { enterpriseScopeWhere, hasRole, primaryRole, type Actor } from './policy.ts'
import { shanghaiDate } from './time.ts'

/** What each role sees first on its home page. */
export async function getHome(actor: Actor) {
	const role = primaryRole(actor.roles)
	if (role === 'WORKER') {
		const person = await db.person.findUniqueOrThrow({
			where: { id: actor.personId! },
			select: { name: true, post: true, dutyStatus: true, employmentType: true, department: { select: { name: true } }, enterprise: { select: { name: true } } },
		})
		const certificates = await db.certificate.count({ where: { personId: actor.personId! } }) // issue 6
		const learning = await getLearningReminder(actor) // issue 3
		return { kind: 'worker', role, person, certificates, learning } as const
	}
	if (role === 'SAFETY_MANAGER' || role === 'PRINCIPAL') {
		const enterpriseId = actor.enterpriseId!
		const [byStatus, contractors, areas, departments] = await Promise.all([
			db.person.groupBy({ by: ['dutyStatus'], where: { enterpriseId }, _count: true }),
			db.person.count({ where: { enterpriseId, dutyStatus: { not: 'LEFT' }, employmentType: { not: 'EMPLOYEE' } } }),
			db.area.groupBy({ by: ['kind'], where: { enterpriseId, archivedAt: null }, _count: true }),
			db.department.count({ where: { enterpriseId } }),
		])
		const count = (s: string) => byStatus.find((b) => b.dutyStatus === s)?._count ?? 0
		return {
			kind: 'enterprise',
			role,
			manager: hasRole(actor, 'SAFETY_MANAGER'),
			stats: { onPost: count('ON_POST'), suspended: count('SUSPENDED'), nonEmployees: contractors, departments },
			areas: Object.fromEntries(areas.map((a) => [a.kind, a._count])) as Record<string, number>,
			credentials: await credentialReminders(enterpriseId, shanghaiDate(new Date())), // issue 6
			training: await getTrainingReminder({ ...actor, enterpriseId }), // issue 3
			learning: await getLearningReminder(actor), // issue 3: managers study too
		} as const
	}
	const where = enterpriseScopeWhere(actor)
	const [enterprises, people, byCategory] = await Promise.all([
		db.enterprise.count({ where }),
		db.person.count({ where: { enterprise: where, dutyStatus: { not: 'LEFT' } } }),
		db.enterprise.groupBy({ by: ['category'], where, _count: true }),
	])
	return {
		kind: 'region',
		role,
		region: { enterprises, people, byCategory: byCategory.map((c) => ({ category: c.category, count: c._count })) },
	} as const
}
