import { beforeAll, describe, expect, it } from 'vitest'
import * as areaRoute from '~/routes/areas.$areaId.tsx'
import * as areasRoute from '~/routes/areas.tsx'
import * as enterpriseRoute from '~/routes/enterprises.$enterpriseId.tsx'
import * as enterprisesRoute from '~/routes/enterprises._index.tsx'
import * as organisationRoute from '~/routes/organisation.tsx'
import * as personRoute from '~/routes/roster.$personId.tsx'
import * as editRoute from '~/routes/roster.$personId.edit.tsx'
import * as rosterRoute from '~/routes/roster._index.tsx'
import * as exportRoute from '~/routes/roster.export.ts'
import * as newRoute from '~/routes/roster.new.tsx'
import { db } from '~/utils/db.server.ts'
import { call, cookieFor, makeWorld } from '../support/world.ts'

let w: Awaited<ReturnType<typeof makeWorld>>
const c: Record<string, string> = {}

beforeAll(async () => {
	w = await makeWorld()
	c.managerA = await cookieFor(w.a.manager.user.id)
	c.principalA = await cookieFor(w.a.principal.user.id)
	c.workerA = await cookieFor(w.a.worker.user.id)
	c.managerB = await cookieFor(w.b.manager.user.id)
	c.inspectorA = await cookieFor(w.inspectorA.user.id)
	c.inspectorB = await cookieFor(w.inspectorB.user.id)
	c.regulator = await cookieFor(w.cityRegulator.user.id)
})

async function snapshot() {
	const [people, areas, users, departments] = await Promise.all([
		db.person.findMany({ orderBy: { id: 'asc' } }),
		db.area.findMany({ orderBy: { id: 'asc' } }),
		db.user.findMany({ orderBy: { id: 'asc' }, select: { id: true, mobile: true, passwordHash: true, personId: true } }),
		db.department.findMany({ orderBy: { id: 'asc' } }),
	])
	return JSON.stringify({ people, areas, users, departments })
}

describe('a user of enterprise B cannot read or change anything of enterprise A', () => {
	it('reads of A’s person, area and edit form answer 404', async () => {
		const pid = { personId: w.a.worker.person.id }
		expect((await call(personRoute.loader, { url: `/roster/${pid.personId}`, cookie: c.managerB, params: pid })).status).toBe(404)
		expect((await call(editRoute.loader, { url: `/roster/${pid.personId}/edit`, cookie: c.managerB, params: pid })).status).toBe(404)
		expect((await call(areaRoute.loader, { url: `/areas/${w.a.area.id}`, cookie: c.managerB, params: { areaId: w.a.area.id } })).status).toBe(404)
	})

	it('lists show only the own enterprise', async () => {
		const roster = await call(rosterRoute.loader, { url: '/roster?status=ALL', cookie: c.managerB })
		const names = (roster.data as { people: { name: string }[] }).people.map((p) => p.name)
		expect(names).toContain('操作工2')
		expect(names).not.toContain('操作工1')
		const areas = await call(areasRoute.loader, { url: '/areas', cookie: c.managerB })
		expect((areas.data as { areas: { id: string }[] }).areas.map((a) => a.id)).not.toContain(w.a.area.id)
		const csv = await call(exportRoute.loader, { url: '/roster/export?format=csv', cookie: c.managerB })
		expect(csv.status).toBe(200)
	})

	it('writes against A’s ids answer 404 and change nothing', async () => {
		const before = await snapshot()
		const pid = { personId: w.a.worker.person.id }
		const edit = await call(editRoute.action, {
			url: `/roster/${pid.personId}/edit`,
			cookie: c.managerB,
			params: pid,
			form: { name: '改名', mobile: '13800000000', employmentType: 'EMPLOYEE' },
		})
		expect(edit.status).toBe(404)
		expect((await call(personRoute.action, { url: `/roster/${pid.personId}`, cookie: c.managerB, params: pid, form: { intent: 'resetPassword' } })).status).toBe(404)
		expect((await call(personRoute.action, { url: `/roster/${pid.personId}`, cookie: c.managerB, params: pid, form: { intent: 'leave', confirm: 'on' } })).status).toBe(404)
		expect((await call(areaRoute.action, { url: `/areas/${w.a.area.id}`, cookie: c.managerB, params: { areaId: w.a.area.id }, form: { intent: 'archive' } })).status).toBe(404)
		expect((await call(organisationRoute.action, { url: '/organisation', cookie: c.managerB, form: { intent: 'removeDepartment', id: w.a.dept.id } })).status).toBe(404)
		// Assigning A's department to a new person of B is refused as an invalid choice.
		const create = await call(newRoute.action, {
			url: '/roster/new',
			cookie: c.managerB,
			form: { name: '新人', mobile: '13711112222', employmentType: 'EMPLOYEE', departmentId: w.a.dept.id },
		})
		expect(create.status).toBe(400)
		expect(await snapshot()).toBe(before)
	})
})

describe('roles inside one enterprise', () => {
	it('a worker cannot open manager pages (403)', async () => {
		expect((await call(rosterRoute.loader, { url: '/roster', cookie: c.workerA })).status).toBe(403)
		expect((await call(areasRoute.loader, { url: '/areas', cookie: c.workerA })).status).toBe(403)
		expect((await call(newRoute.action, { url: '/roster/new', cookie: c.workerA, form: { name: 'x' } })).status).toBe(403)
		expect((await call(exportRoute.loader, { url: '/roster/export', cookie: c.workerA })).status).toBe(403)
	})

	it('a principal reads the roster but cannot change it', async () => {
		expect((await call(rosterRoute.loader, { url: '/roster', cookie: c.principalA })).status).toBe(200)
		const before = await snapshot()
		expect((await call(newRoute.action, { url: '/roster/new', cookie: c.principalA, form: { name: '新人', mobile: '13711113333', employmentType: 'EMPLOYEE' } })).status).toBe(403)
		expect(await snapshot()).toBe(before)
	})

	it('a principal sees masked mobile numbers', async () => {
		const res = await call(personRoute.loader, { url: '/', cookie: c.principalA, params: { personId: w.a.worker.person.id } })
		expect((res.data as { person: { mobile: string } }).person.mobile).toMatch(/^\d{3}\*{4}\d{4}$/)
	})

	it('nobody signed in is sent to sign-in', async () => {
		const res = await call(rosterRoute.loader, { url: '/roster' })
		expect(res.status).toBe(302)
		expect(res.headers.get('location')).toBe('/login?redirectTo=%2Froster')
	})
})

describe('region scope for inspectors and regulators', () => {
	it('a county inspector sees enterprises in the county and its park, not another county', async () => {
		const listA = await call(enterprisesRoute.loader, { url: '/enterprises', cookie: c.inspectorA })
		const idsA = (listA.data as { enterprises: { id: string }[] }).enterprises.map((e) => e.id)
		expect(idsA).toContain(w.a.enterprise.id) // in the park below county A
		expect(idsA).not.toContain(w.b.enterprise.id)
		expect((await call(enterpriseRoute.loader, { url: '/', cookie: c.inspectorA, params: { enterpriseId: w.b.enterprise.id } })).status).toBe(404)
		expect((await call(enterpriseRoute.loader, { url: '/', cookie: c.inspectorB, params: { enterpriseId: w.a.enterprise.id } })).status).toBe(404)
		expect((await call(enterpriseRoute.loader, { url: '/', cookie: c.inspectorA, params: { enterpriseId: w.a.enterprise.id } })).status).toBe(200)
	})

	it('a region filter outside the scope does not widen it', async () => {
		const res = await call(enterprisesRoute.loader, { url: `/enterprises?region=${w.countyB.id}`, cookie: c.inspectorA })
		const ids = (res.data as { enterprises: { id: string }[] }).enterprises.map((e) => e.id)
		expect(ids).not.toContain(w.b.enterprise.id)
	})

	it('a city regulator sees both counties', async () => {
		const res = await call(enterprisesRoute.loader, { url: '/enterprises', cookie: c.regulator })
		const ids = (res.data as { enterprises: { id: string }[] }).enterprises.map((e) => e.id)
		expect(ids).toEqual(expect.arrayContaining([w.a.enterprise.id, w.b.enterprise.id]))
	})

	it('inspectors cannot use enterprise pages', async () => {
		expect((await call(rosterRoute.loader, { url: '/roster', cookie: c.inspectorA })).status).toBe(403)
		expect((await call(enterprisesRoute.action, { url: '/enterprises', cookie: c.inspectorA, form: { name: 'x' } })).status).toBe(403)
	})

	it('enterprise users cannot open bureau pages', async () => {
		expect((await call(enterprisesRoute.loader, { url: '/enterprises', cookie: c.managerA })).status).toBe(403)
		expect((await call(enterpriseRoute.loader, { url: '/', cookie: c.managerA, params: { enterpriseId: w.a.enterprise.id } })).status).toBe(403)
	})
})
