/**
 * Every dashboard aggregation on a small hand-made world (tests/support/dashboard-world.ts),
 * with the expected numbers worked out by hand, and the SQL restatements of the drill and
 * credential rules checked against the owning features' pure functions.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { credentialStatus } from '~/domain/credentials.ts'
import { getEnterpriseDashboard, getRegionDashboard, listFigurePeople } from '~/domain/dashboard/dashboards.server.ts'
import { PeopleListSchema } from '~/domain/dashboard/lists.server.ts'
import { coverageGroups, emptyFigures, type Figures } from '~/domain/dashboard/figures.ts'
import { areaStatusSql, credentialStateSql, figuresByEnterprise } from '~/domain/dashboard/queries.server.ts'
import { areaPeriodStatus } from '~/domain/drills.ts'
import type { Actor } from '~/domain/policy.ts'
import { getActor } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import { cookieFor } from '../support/world.ts'
import { makeDashboardWorld, NOW } from '../support/dashboard-world.ts'

let w: Awaited<ReturnType<typeof makeDashboardWorld>>
let A: string
let B: string
const actors = {} as { city: Actor; inspectorA: Actor; inspectorB: Actor; managerA: Actor; principalA: Actor }

async function actorOf(userId: string): Promise<Actor> {
	const cookie = await cookieFor(userId)
	const actor = await getActor(new Request('http://localhost/', { headers: { cookie } }))
	if (!actor) throw new Error('no actor')
	return actor
}

const inputs = { now: NOW, today: '2026-11-15', year: 2026, period: { year: 2026, half: 2 as const }, previousPeriod: { year: 2026, half: 1 as const } }

beforeAll(async () => {
	w = await makeDashboardWorld()
	A = w.a.enterprise.id
	B = w.b.enterprise.id
	actors.city = await actorOf(w.cityRegulator.user.id)
	actors.inspectorA = await actorOf(w.inspectorA.user.id)
	actors.inspectorB = await actorOf(w.inspectorB.user.id)
	actors.managerA = await actorOf(w.a.manager.user.id)
	actors.principalA = await actorOf(w.a.principal.user.id)
})

function expectedA(): Figures {
	const f = emptyFigures()
	f.coverage.EMPLOYEE = { part: 3, whole: 4 }
	f.coverage.CONTRACTOR = { part: 0, whole: 1 }
	f.coverage.OUTSOURCED = { part: 1, whole: 1 }
	f.coverage.DISPATCHED = { part: 0, whole: 1 }
	f.suspended = 1
	f.overdueAssignments = 3
	f.overduePeople = 2
	f.courseExams = { graded: 3, passed: 2 }
	f.spotChecks = { graded: 3, passed: 1, failed: 2, principalFailed: 1 }
	f.openCases.OPEN.D7 = 1
	f.openCases.TRAINING.D90 = 1
	f.openCases.READY_FOR_EXAM.D90 = 1
	f.openCases.ESCALATED.OLDER = 1
	f.violations = { COMMAND: 0, OPERATION: 2, DISCIPLINE: 1 }
	f.drills.PRODUCTION = { OVERDUE: 0, DUE: 2, SCHEDULED: 0, DONE: 2, NOT_APPLICABLE: 1 }
	f.drills.OFFICE = { OVERDUE: 0, DUE: 1, SCHEDULED: 1, DONE: 0, NOT_APPLICABLE: 0 }
	f.drills.LIVING = { OVERDUE: 1, DUE: 1, SCHEDULED: 0, DONE: 0, NOT_APPLICABLE: 0 }
	f.drillsMissedLastPeriod = 6
	f.credentials = { expired: 1, reviewOverdue: 1, expiring: 2, reviewDue: 1, uncertified: 3 }
	return f
}

function expectedB(): Figures {
	const f = emptyFigures()
	f.coverage.EMPLOYEE = { part: 1, whole: 3 }
	f.violations.COMMAND = 1
	f.drills.PRODUCTION.DUE = 1
	f.drillsMissedLastPeriod = 1
	return f
}

describe('figures per enterprise', () => {
	it('counts every figure of enterprise A exactly', async () => {
		const map = await figuresByEnterprise({ kind: 'enterprise', enterpriseId: A }, [A], inputs)
		expect(map.get(A)).toEqual(expectedA())
		expect(coverageGroups(map.get(A)!)).toEqual({ staff: { part: 3, whole: 5 }, contractors: { part: 1, whole: 2 }, all: { part: 4, whole: 7 } })
	})

	it('a region scope returns each enterprise of it and nothing else', async () => {
		const map = await figuresByEnterprise({ kind: 'regions', regionIds: [w.city.id, w.countyA.id, w.parkA.id, w.countyB.id] }, [A, B], inputs)
		expect(map.get(A)).toEqual(expectedA())
		expect(map.get(B)).toEqual(expectedB())
		const onlyB = await figuresByEnterprise({ kind: 'regions', regionIds: [w.countyB.id] }, [B], inputs)
		expect([...onlyB.keys()]).toEqual([B])
		expect(onlyB.get(B)).toEqual(expectedB())
	})
})

describe('the SQL rules agree with the features’ pure functions', () => {
	it('drill status per area equals drills.ts areaPeriodStatus in both half-years', async () => {
		const areas = await db.area.findMany({ where: { enterpriseId: A } })
		const drills = await db.drill.findMany({ where: { enterpriseId: A } })
		for (const period of [inputs.period, inputs.previousPeriod]) {
			const rows = await db.$queryRaw<{ id: string; status: string }[]>`SELECT a.id AS id, ${areaStatusSql(period, NOW, inputs.today)} AS status FROM Area a WHERE a.enterpriseId = ${A}`
			expect(rows).toHaveLength(areas.length)
			for (const r of rows) {
				const area = areas.find((a) => a.id === r.id)!
				expect([area.name, r.status]).toEqual([area.name, areaPeriodStatus(area, drills, period, NOW).status])
			}
		}
	})

	it('credential state equals credentials.ts credentialStatus', async () => {
		const creds = await db.credential.findMany({ where: { enterpriseId: A } })
		const rows = await db.$queryRaw<{ id: string; state: string }[]>`SELECT c.id AS id, ${credentialStateSql(inputs.today)} AS state FROM Credential c WHERE c.enterpriseId = ${A}`
		for (const r of rows) {
			const c = creds.find((x) => x.id === r.id)!
			expect([c.type, r.state]).toEqual([c.type, credentialStatus(c, inputs.today).state])
		}
		expect(rows.map((r) => r.state).sort()).toEqual(['EXPIRED', 'EXPIRING', 'EXPIRING', 'EXPIRED', 'REVIEW_DUE', 'REVIEW_OVERDUE', 'VALID', 'VALID'].sort())
	})
})

describe('region dashboard', () => {
	it('the city sees both counties, the sum of A and B, the ranking and month trends', async () => {
		const d = await getRegionDashboard(actors.city, null, NOW)
		expect(d.region?.id).toBe(w.city.id)
		expect(d.enterpriseCount).toBe(2)
		expect(d.totals.coverage.EMPLOYEE).toEqual({ part: 4, whole: 7 })
		expect(d.totals.violations).toEqual({ COMMAND: 1, OPERATION: 2, DISCIPLINE: 1 })
		expect(d.totals.drillsMissedLastPeriod).toBe(7)
		expect(d.children.map((c) => [c.region.id, c.enterprises, c.summary.people])).toEqual([
			[w.countyA.id, 1, 7],
			[w.countyB.id, 1, 3],
		])
		expect(d.direct).toEqual([])
		expect(d.ranking.map((r) => [r.id, r.score, r.flags])).toEqual([
			[A, 52, ['PRINCIPAL_FAILED', 'UNCERTIFIED', 'OVERDUE_DRILLS', 'INVALID_CREDENTIALS', 'HIGH_SUSPENSION']],
			[B, 3, ['OVERDUE_DRILLS']],
		])
		const t = d.trends
		expect(t.months[0]).toBe('2025-12')
		expect(t.months[11]).toBe('2026-11')
		const at = (series: number[], month: string) => series[t.months.indexOf(month)]
		expect(t.courseGraded.reduce((a, b) => a + b)).toBe(3)
		expect([at(t.courseGraded, '2026-03'), at(t.courseGraded, '2026-10'), at(t.courseGraded, '2026-11')]).toEqual([1, 1, 1])
		expect(at(t.coursePassed, '2026-11')).toBe(0)
		expect([at(t.spotGraded, '2026-10'), at(t.spotFailed, '2026-10')]).toEqual([3, 2])
		expect(t.spotGraded.reduce((a, b) => a + b)).toBe(3)
		expect(t.violations).toEqual([1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1])
		expect(t.casesOpened).toEqual([0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 1])
		expect(t.drillsDone).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0])
	})

	it('drilling down to county A shows its park with enterprise A; the park shows A directly', async () => {
		const county = await getRegionDashboard(actors.city, w.countyA.id, NOW)
		expect(county.path.map((r) => r.id)).toEqual([w.city.id, w.countyA.id])
		expect(county.children.map((c) => [c.region.id, c.enterprises])).toEqual([[w.parkA.id, 1]])
		expect(county.totals).toEqual(expectedA())
		const park = await getRegionDashboard(actors.city, w.parkA.id, NOW)
		expect(park.children).toEqual([])
		expect(park.direct.map((e) => [e.id, e.summary.people, e.summary.coverage, e.summary.score])).toEqual([[A, 7, 57, 52]])
	})

	it('an inspector of county A sees A only; county B is not found for them', async () => {
		const d = await getRegionDashboard(actors.inspectorA, null, NOW)
		expect(d.region?.id).toBe(w.countyA.id)
		expect(d.path.map((r) => r.id)).toEqual([w.countyA.id])
		expect(d.totals).toEqual(expectedA())
		await expect(getRegionDashboard(actors.inspectorA, w.countyB.id, NOW)).rejects.toThrow('Not found')
		await expect(getRegionDashboard(actors.inspectorA, w.city.id, NOW)).rejects.toThrow('Not found')
		const b = await getRegionDashboard(actors.inspectorB, null, NOW)
		expect(b.totals).toEqual(expectedB())
		expect(b.ranking.map((r) => r.id)).toEqual([B])
	})
})

describe('enterprise dashboard and the people behind the figures', () => {
	it('the safety manager sees A’s figures, the compliance matrix and the risk score', async () => {
		const d = await getEnterpriseDashboard(actors.managerA, A, NOW)
		expect(d.figures).toEqual(expectedA())
		expect(d.score).toBe(52)
		expect(d.matrix.periods).toEqual(['2026-H2', '2026-H1', '2025-H2'])
		const row = d.matrix.rows.find((r) => r.area.name === '生产四')!
		expect(row.cells.map((c) => c.status)).toEqual(['DONE', 'OVERDUE', 'OVERDUE'])
		await expect(getEnterpriseDashboard(actors.managerA, B, NOW)).rejects.toThrow('Not found')
		await expect(getEnterpriseDashboard(actors.inspectorB, A, NOW)).rejects.toThrow('Not found')
		const bureau = await getEnterpriseDashboard(actors.city, A, NOW)
		expect(bureau.path.map((r) => r.id)).toEqual([w.city.id, w.countyA.id, w.parkA.id])
	})

	const list = (actor: Actor, q: Record<string, string>) => listFigurePeople(actor, A, PeopleListSchema.parse(q), NOW)

	it('lists the overdue people, most overdue first', async () => {
		const r = await list(actors.city, { figure: 'overdue' })
		expect(r.total).toBe(2)
		expect(r.people.map((p) => [p.name, p.count, p.date])).toEqual([
			[w.people.worker.name, 2, '2026-10-01'],
			['承包甲', 1, '2026-09-30'],
		])
	})

	it('lists the people below their hours rule, furthest first, and by group', async () => {
		const r = await list(actors.managerA, { figure: 'notMeeting' })
		expect(r.people.map((p) => [p.name, p.hours, p.requiredHours])).toEqual([
			['承包甲', 0, 10],
			['派遣丙', 20, 72],
			[w.people.manager.name, 10, 16],
		])
		const c = await list(actors.managerA, { figure: 'notMeeting', group: 'contractors' })
		expect(c.people.map((p) => p.name)).toEqual(['承包甲'])
		const s = await list(actors.managerA, { figure: 'notMeeting', group: 'staff' })
		expect(s.total).toBe(2)
	})

	it('lists suspended people, open cases, credential problems, uncertified and failed checks', async () => {
		expect((await list(actors.city, { figure: 'suspended' })).people.map((p) => [p.name, p.count])).toEqual([['停岗丁', 1]])
		expect((await list(actors.city, { figure: 'openCases' })).people.map((p) => [p.code, p.date])).toEqual([
			['ESCALATED', '2026-06-01'],
			['TRAINING', '2026-10-01'],
			['READY_FOR_EXAM', '2026-10-10'],
			['OPEN', '2026-11-12'],
		])
		expect((await list(actors.city, { figure: 'credentials' })).people.map((p) => [p.code, p.date])).toEqual([
			['REVIEW_OVERDUE:ST_ELEC_LOW_VOLTAGE', '2026-11-10'],
			['EXPIRED:HC_NITRATION', '2026-11-14'],
			['EXPIRING:HC_CHLORINATION', '2026-11-15'],
			['REVIEW_DUE:ST_WELD_FUSION', '2027-01-01'],
			['EXPIRING:SE_MANAGEMENT', '2027-02-13'],
		])
		expect((await list(actors.city, { figure: 'uncertified' })).total).toBe(3)
		expect((await list(actors.city, { figure: 'failedChecks' })).people.map((p) => [p.code, p.score, p.date])).toEqual([
			['PRINCIPAL', 70, '2026-10-10'],
			['WORKER', 55, '2026-10-10'],
		])
	})

	it('refuses people lists outside the actor’s scope', async () => {
		await expect(listFigurePeople(actors.inspectorB, A, PeopleListSchema.parse({}), NOW)).rejects.toThrow('Not found')
		await expect(listFigurePeople(actors.managerA, B, PeopleListSchema.parse({}), NOW)).rejects.toThrow('Not found')
	})
})
