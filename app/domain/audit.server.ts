import type { Actor } from './policy.ts'
import { db } from '~/utils/db.server.ts'

type Tx = Pick<typeof db, 'auditEvent'>

export type AuditInput = {
	action: string
	entityType: string
	entityId: string
	enterpriseId?: string | null
	regionId?: string | null
	data?: Record<string, unknown>
	/** when it happened, if the caller works with an explicit clock (default: now) */
	at?: Date
}

/** Record who did what to what. Pass the transaction client when inside one. */
export async function audit(actor: Pick<Actor, 'userId'> | null, input: AuditInput, tx: Tx = db): Promise<void> {
	await tx.auditEvent.create({
		data: {
			actorUserId: actor?.userId ?? null,
			action: input.action,
			entityType: input.entityType,
			entityId: input.entityId,
			enterpriseId: input.enterpriseId ?? null,
			regionId: input.regionId ?? null,
			data: JSON.stringify(input.data ?? {}),
			...(input.at ? { at: input.at } : {}),
		},
	})
}
