/**
 * Roles and scope, pure. Enterprise roles see one enterprise; bureau roles see a region and
 * everything below it; ADMIN sees everything. Route guards in app/utils/auth.server.ts and
 * every tenant query build on these functions.
 */
export const ROLES = ['WORKER', 'PRINCIPAL', 'SAFETY_MANAGER', 'INSPECTOR', 'REGULATOR', 'ADMIN'] as const
export type Role = (typeof ROLES)[number]
export const ENTERPRISE_ROLES: readonly Role[] = ['WORKER', 'PRINCIPAL', 'SAFETY_MANAGER']
export const REGION_ROLES: readonly Role[] = ['INSPECTOR', 'REGULATOR']

export function isRole(v: unknown): v is Role {
	return typeof v === 'string' && (ROLES as readonly string[]).includes(v)
}

export type Actor = {
	userId: string
	displayName: string
	roles: Role[]
	personId: string | null
	enterpriseId: string | null
	regionId: string | null
	/** The actor's region and all its descendants (empty for enterprise users). */
	regionIds: string[]
	mustChangePassword: boolean
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
	return actor.roles.some((r) => roles.includes(r))
}

const PRIMARY_ORDER: Role[] = ['ADMIN', 'REGULATOR', 'INSPECTOR', 'SAFETY_MANAGER', 'PRINCIPAL', 'WORKER']

/** The role whose home the actor lands on. */
export function primaryRole(roles: readonly Role[]): Role {
	return PRIMARY_ORDER.find((r) => roles.includes(r)) ?? 'WORKER'
}

/** Whether the actor may see data of an enterprise in the given region. */
export function canSeeEnterprise(actor: Actor, enterprise: { id: string; regionId: string }): boolean {
	if (hasRole(actor, 'ADMIN')) return true
	if (actor.enterpriseId && actor.enterpriseId === enterprise.id && hasRole(actor, ...ENTERPRISE_ROLES)) return true
	if (hasRole(actor, ...REGION_ROLES)) return actor.regionIds.includes(enterprise.regionId)
	return false
}

/** A Prisma-compatible filter on Enterprise for everything the actor may see. */
export function enterpriseScopeWhere(actor: Actor): { id?: string; regionId?: { in: string[] } } {
	if (hasRole(actor, 'ADMIN')) return {}
	if (hasRole(actor, ...REGION_ROLES)) return { regionId: { in: actor.regionIds } }
	return { id: actor.enterpriseId ?? '__none__' }
}

/** All descendants of a region (inclusive), from the flat list of regions. */
export function regionDescendants(regions: readonly { id: string; parentId: string | null }[], rootId: string): string[] {
	const children = new Map<string, string[]>()
	for (const r of regions) {
		if (!r.parentId) continue
		const list = children.get(r.parentId) ?? []
		list.push(r.id)
		children.set(r.parentId, list)
	}
	const out: string[] = []
	const seen = new Set<string>()
	const stack = [rootId]
	while (stack.length) {
		const id = stack.pop()!
		if (seen.has(id)) continue
		seen.add(id)
		out.push(id)
		stack.push(...(children.get(id) ?? []))
	}
	return out
}
