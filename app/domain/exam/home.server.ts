/** Home-page card data: the signed-in person's papers still in progress. */
import { db } from '~/utils/db.server.ts'
import type { Actor } from '../policy.ts'
import { expireOverdueAttempts } from './attempts.server.ts'

export async function getExamHome(actor: Actor, now = new Date()) {
	if (!actor.personId) return { open: [] }
	await expireOverdueAttempts(now, { personId: actor.personId })
	const open = await db.examAttempt.findMany({
		where: { personId: actor.personId, status: 'IN_PROGRESS' },
		orderBy: { deadlineAt: 'asc' },
		select: { id: true, purpose: true, deadlineAt: true, blueprint: { select: { nameZh: true, nameEn: true } } },
	})
	return { open: open.map((a) => ({ id: a.id, purpose: a.purpose, deadlineAt: a.deadlineAt.toISOString(), nameZh: a.blueprint.nameZh, nameEn: a.blueprint.nameEn })) }
}
