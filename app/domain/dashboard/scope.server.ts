/**
 * Who may look at which dashboard. Bureau staff (inspector, regulator) see their region and
 * everything below it and drill down region by region; an administrator sees every region.
 * Principals and safety managers see their own enterprise. A region or enterprise outside the
 * actor's scope is "not found" (404), never a different answer.
 */
import { db } from '~/utils/db.server.ts'
import { canSeeEnterprise, hasRole, regionDescendants, type Actor } from '../policy.ts'
import { NotFoundError } from '../roster.server.ts'
import { regionPath, type RegionNode } from './figures.ts'

/** What the SQL aggregations filter on. */
export type Scope = { kind: 'all' } | { kind: 'regions'; regionIds: string[] } | { kind: 'enterprise'; enterpriseId: string }

export class ForbiddenError extends Error {
	constructor() {
		super('Forbidden')
	}
}

export type RegionScope = {
	/** The region looked at; null = every region (administrator's top level). */
	region: RegionNode | null
	/** Breadcrumbs from the actor's own region (or the root) down to `region`. */
	path: RegionNode[]
	/** Every region in the tree (the tree is small; drill-down needs the parent links). */
	regions: RegionNode[]
	scope: Scope
}

export function isBureau(actor: Actor): boolean {
	return hasRole(actor, 'INSPECTOR', 'REGULATOR', 'ADMIN')
}

export function isEnterpriseManager(actor: Actor): actor is Actor & { enterpriseId: string } {
	return !!actor.enterpriseId && hasRole(actor, 'PRINCIPAL', 'SAFETY_MANAGER')
}

export async function allRegions(): Promise<RegionNode[]> {
	return db.region.findMany({ select: { id: true, parentId: true, name: true, nameEn: true, kind: true }, orderBy: { name: 'asc' } })
}

/**
 * The region scope of a bureau user, optionally narrowed to `requested` (a region id from the
 * URL). Anything the actor may not see is NotFoundError.
 */
export async function resolveRegionScope(actor: Actor, requested?: string | null): Promise<RegionScope> {
	if (!isBureau(actor)) throw new ForbiddenError()
	const regions = await allRegions()
	const admin = hasRole(actor, 'ADMIN')
	const allowed = admin ? new Set(regions.map((r) => r.id)) : new Set(actor.regionIds)
	let regionId: string | null
	if (requested) {
		if (!allowed.has(requested)) throw new NotFoundError()
		regionId = requested
	} else if (admin) {
		const roots = regions.filter((r) => !r.parentId)
		regionId = roots.length === 1 ? roots[0]!.id : null
	} else {
		regionId = actor.regionId
	}
	if (!regionId) return { region: null, path: [], regions, scope: admin ? { kind: 'all' } : { kind: 'regions', regionIds: [] } }
	const region = regions.find((r) => r.id === regionId)
	if (!region) throw new NotFoundError()
	return {
		region,
		path: regionPath(regions, region.id, admin ? null : actor.regionId),
		regions,
		scope: { kind: 'regions', regionIds: regionDescendants(regions, region.id) },
	}
}

/**
 * The enterprise whose dashboard the actor asks for: bureau staff within their region, or the
 * enterprise's own principal and safety managers. Workers are refused (403).
 */
export async function resolveEnterprise(actor: Actor, enterpriseId: string) {
	const e = await db.enterprise.findUnique({
		where: { id: enterpriseId },
		select: { id: true, name: true, regionId: true, category: true, majorHazardLevel: true, uscc: true },
	})
	if (!e || !canSeeEnterprise(actor, e)) throw new NotFoundError()
	if (!isBureau(actor) && !isEnterpriseManager(actor)) throw new ForbiddenError()
	return e
}
