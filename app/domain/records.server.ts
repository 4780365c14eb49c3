/**
 * Inputs of the record PDFs that belong to other features: the inspection record takes the
 * inspection board (issue 4, which checks access) and adds who ran it and the enterprise's
 * identifiers; the drill record is getDrillRecord (issue 5) as it is.
 */
import { db } from '~/utils/db.server.ts'
import { readBoard } from './inspections.server.ts'
import type { Actor } from './policy.ts'

export type InspectionRecord = Awaited<ReturnType<typeof getInspectionRecord>>

export async function getInspectionRecord(actor: Actor, inspectionId: string, now = new Date()) {
	const board = await readBoard(actor, inspectionId, now)
	const row = await db.inspection.findUniqueOrThrow({
		where: { id: inspectionId },
		select: { createdByUserId: true, createdAt: true, enterprise: { select: { uscc: true, address: true, region: { select: { name: true, nameEn: true } } } } },
	})
	const inspector = await db.user.findUnique({ where: { id: row.createdByUserId }, select: { displayName: true } })
	return { ...board, inspector: inspector?.displayName ?? '', createdAt: row.createdAt, enterpriseDetails: row.enterprise, generatedAt: now }
}
