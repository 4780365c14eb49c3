import { describe, expect, it } from 'vitest'
import { canSeeEnterprise, enterpriseScopeWhere, primaryRole, regionDescendants, type Actor, type Role } from '~/domain/policy.ts'

const regions = [
	{ id: 'city', parentId: null },
	{ id: 'countyA', parentId: 'city' },
	{ id: 'parkA', parentId: 'countyA' },
	{ id: 'countyB', parentId: 'city' },
]

function actor(roles: Role[], over: Partial<Actor> = {}): Actor {
	return { userId: 'u', displayName: 'x', roles, personId: null, enterpriseId: null, regionId: null, regionIds: [], mustChangePassword: false, ...over }
}

describe('regionDescendants', () => {
	it.each([
		['city', ['city', 'countyA', 'parkA', 'countyB']],
		['countyA', ['countyA', 'parkA']],
		['parkA', ['parkA']],
		['countyB', ['countyB']],
		['unknown', ['unknown']],
	])('%s → %j', (root, expected) => {
		expect(regionDescendants(regions, root).sort()).toEqual([...expected].sort())
	})

	it('survives a cycle in bad data', () => {
		expect(regionDescendants([{ id: 'a', parentId: 'b' }, { id: 'b', parentId: 'a' }], 'a').sort()).toEqual(['a', 'b'])
	})
})

describe('canSeeEnterprise', () => {
	const eA = { id: 'eA', regionId: 'parkA' }
	const eB = { id: 'eB', regionId: 'countyB' }
	const inspectorA = actor(['INSPECTOR'], { regionId: 'countyA', regionIds: regionDescendants(regions, 'countyA') })
	const cityRegulator = actor(['REGULATOR'], { regionId: 'city', regionIds: regionDescendants(regions, 'city') })
	const managerA = actor(['WORKER', 'SAFETY_MANAGER'], { enterpriseId: 'eA', personId: 'p' })
	const admin = actor(['ADMIN'])
	it.each<[string, Actor, { id: string; regionId: string }, boolean]>([
		['county inspector, own park enterprise', inspectorA, eA, true],
		['county inspector, other county', inspectorA, eB, false],
		['city regulator, any county', cityRegulator, eB, true],
		['manager, own enterprise', managerA, eA, true],
		['manager, other enterprise', managerA, eB, false],
		['admin, anything', admin, eB, true],
		['no roles', actor([]), eA, false],
		['worker without enterprise', actor(['WORKER']), eA, false],
	])('%s', (_n, a, e, expected) => {
		expect(canSeeEnterprise(a, e)).toBe(expected)
	})
})

describe('enterpriseScopeWhere', () => {
	it('filters by enterprise, region list or nothing', () => {
		expect(enterpriseScopeWhere(actor(['SAFETY_MANAGER'], { enterpriseId: 'e1' }))).toEqual({ id: 'e1' })
		expect(enterpriseScopeWhere(actor(['INSPECTOR'], { regionIds: ['a', 'b'] }))).toEqual({ regionId: { in: ['a', 'b'] } })
		expect(enterpriseScopeWhere(actor(['ADMIN']))).toEqual({})
		expect(enterpriseScopeWhere(actor(['WORKER']))).toEqual({ id: '__none__' })
	})
})

describe('primaryRole', () => {
	it.each<[Role[], Role]>([
		[['WORKER'], 'WORKER'],
		[['WORKER', 'SAFETY_MANAGER'], 'SAFETY_MANAGER'],
		[['WORKER', 'PRINCIPAL'], 'PRINCIPAL'],
		[['WORKER', 'PRINCIPAL', 'SAFETY_MANAGER'], 'SAFETY_MANAGER'],
		[['INSPECTOR'], 'INSPECTOR'],
		[['ADMIN', 'REGULATOR'], 'ADMIN'],
	])('%j → %s', (roles, expected) => expect(primaryRole(roles)).toBe(expected))
})
