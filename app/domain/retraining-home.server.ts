/**
 * Home-page cards for issue 4: the person's own retraining case and three-violations records
 * awaiting acknowledgement; the enterprise's active cases; the region's escalations and open
 * inspections for inspectors.
 */
import { db } from '~/utils/db.server.ts'
import { hasRole, type Actor } from './policy.ts'
import { OPEN_CASE_STATES } from './retraining.ts'
import { escalatedCases, myOpenCases, syncCases } from './retraining.server.ts'
import { myPendingViolations } from './violations.server.ts'

export async function getRetrainingHome(actor: Actor, now = new Date()) {
	const [mine, pendingViolations] = actor.personId ? await Promise.all([myOpenCases(actor, now), myPendingViolations(actor)]) : [[], []]
	let enterprise: { byState: Record<string, number>; pendingAcks: number; escalated: number } | null = null
	if (actor.enterpriseId && hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) {
		await syncCases({ enterpriseId: actor.enterpriseId }, now)
		const [byState, pendingAcks] = await Promise.all([
			db.retrainingCase.groupBy({ by: ['state'], where: { enterpriseId: actor.enterpriseId, state: { in: [...OPEN_CASE_STATES] } }, _count: true }),
			db.violation.count({ where: { enterpriseId: actor.enterpriseId, acknowledgedAt: null } }),
		])
		const counts = Object.fromEntries(byState.map((b) => [b.state, b._count])) as Record<string, number>
		enterprise = { byState: counts, pendingAcks, escalated: counts.ESCALATED ?? 0 }
	}
	let region: { escalated: number; openInspections: number } | null = null
	if (hasRole(actor, 'INSPECTOR')) {
		const [escalated, openInspections] = await Promise.all([
			escalatedCases(actor),
			db.inspection.count({ where: { closedAt: null, enterprise: { regionId: { in: actor.regionIds } } } }),
		])
		region = { escalated: escalated.length, openInspections }
	}
	return {
		mine: mine.map((c) => ({ id: c.id, state: c.state, trigger: c.trigger, packsLeft: c.remaining.packs.length, minutesLeft: c.remaining.minutes })),
		pendingViolations: pendingViolations.map((v) => ({ id: v.id, type: v.type })),
		enterprise,
		region,
	}
}
