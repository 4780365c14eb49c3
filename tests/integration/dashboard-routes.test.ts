/**
 * The dashboard and report routes: who may see what (a foreign region or enterprise is 404, a
 * worker 403), bad report input is a translated 400, and the report files carry the numbers.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildReport, ReportQuerySchema } from '~/domain/dashboard/report.server.ts'
import { reportColumns } from '~/domain/dashboard/report.ts'
import type { Actor } from '~/domain/policy.ts'
import * as dashboardRoute from '~/routes/dashboard.tsx'
import * as enterpriseRoute from '~/routes/oversight.enterprises.$enterpriseId.tsx'
import * as peopleRoute from '~/routes/oversight.enterprises.$enterpriseId.people.tsx'
import * as enterprisesRoute from '~/routes/oversight.enterprises._index.tsx'
import * as regionRoute from '~/routes/oversight._index.tsx'
import * as fileRoute from '~/routes/oversight.reports.file.ts'
import * as reportsRoute from '~/routes/oversight.reports.tsx'
import { getActor } from '~/utils/auth.server.ts'
import { makeDashboardWorld, NOW } from '../support/dashboard-world.ts'
import { call, cookieFor } from '../support/world.ts'

let w: Awaited<ReturnType<typeof makeDashboardWorld>>
const c = {} as Record<'city' | 'inspectorA' | 'inspectorB' | 'managerA' | 'principalA' | 'workerA' | 'managerB' | 'admin', string>

beforeAll(async () => {
	w = await makeDashboardWorld()
	c.city = await cookieFor(w.cityRegulator.user.id)
	c.inspectorA = await cookieFor(w.inspectorA.user.id)
	c.inspectorB = await cookieFor(w.inspectorB.user.id)
	c.managerA = await cookieFor(w.a.manager.user.id)
	c.principalA = await cookieFor(w.a.principal.user.id)
	c.workerA = await cookieFor(w.a.worker.user.id)
	c.managerB = await cookieFor(w.b.manager.user.id)
	c.admin = await cookieFor(w.admin.user.id)
})

async function actor(cookie: string): Promise<Actor> {
	return (await getActor(new Request('http://localhost/', { headers: { cookie } })))!
}

describe('region dashboard route', () => {
	it('a regulator of another county gets 404 for county A, its park and the enterprise lists there', async () => {
		for (const region of [w.countyA.id, w.parkA.id, w.city.id]) {
			expect((await call(regionRoute.loader, { url: `/oversight?region=${region}`, cookie: c.inspectorB })).status).toBe(404)
			expect((await call(enterprisesRoute.loader, { url: `/oversight/enterprises?region=${region}`, cookie: c.inspectorB })).status).toBe(404)
		}
		expect((await call(regionRoute.loader, { url: '/oversight?region=no-such-region', cookie: c.city })).status).toBe(404)
	})

	it('each bureau user sees exactly their own region', async () => {
		const b = await call(regionRoute.loader, { url: '/oversight', cookie: c.inspectorB })
		expect(b.status).toBe(200)
		const data = b.data as { enterpriseCount: number; ranking: { id: string }[]; direct: { id: string }[] }
		expect(data.enterpriseCount).toBe(1)
		expect(data.direct.map((e) => e.id)).toEqual([w.b.enterprise.id])
		expect(data.ranking.map((e) => e.id)).toEqual([w.b.enterprise.id])
		const list = await call(enterprisesRoute.loader, { url: '/oversight/enterprises?sort=coverage', cookie: c.inspectorB })
		expect((list.data as { enterprises: { id: string }[] }).enterprises.map((e) => e.id)).toEqual([w.b.enterprise.id])
		const city = await call(regionRoute.loader, { url: `/oversight?region=${w.countyA.id}`, cookie: c.city })
		expect((city.data as { enterpriseCount: number }).enterpriseCount).toBe(1)
		const admin = await call(regionRoute.loader, { url: '/oversight', cookie: c.admin })
		expect(admin.status).toBe(200)
	})

	it('enterprise people are refused the region dashboard (403), anonymous users are sent to sign in', async () => {
		expect((await call(regionRoute.loader, { url: '/oversight', cookie: c.managerA })).status).toBe(403)
		expect((await call(regionRoute.loader, { url: '/oversight', cookie: c.workerA })).status).toBe(403)
		const anon = await call(regionRoute.loader, { url: '/oversight' })
		expect(anon.status).toBe(302)
		expect(anon.headers.get('location')).toContain('/login')
	})

	it('/dashboard sends each role to its own dashboard', async () => {
		expect((await call(dashboardRoute.loader, { url: '/dashboard', cookie: c.city })).headers.get('location')).toBe('/oversight')
		expect((await call(dashboardRoute.loader, { url: '/dashboard', cookie: c.managerA })).headers.get('location')).toBe(`/oversight/enterprises/${w.a.enterprise.id}`)
		expect((await call(dashboardRoute.loader, { url: '/dashboard', cookie: c.workerA })).status).toBe(403)
	})
})

describe('enterprise dashboard and people routes', () => {
	const A = () => ({ enterpriseId: w.a.enterprise.id })

	it('the other county’s regulator and the other enterprise’s manager get 404; a worker 403', async () => {
		for (const cookie of [c.inspectorB, c.managerB]) {
			expect((await call(enterpriseRoute.loader, { url: `/oversight/enterprises/${w.a.enterprise.id}`, cookie, params: A() })).status).toBe(404)
			expect((await call(peopleRoute.loader, { url: `/oversight/enterprises/${w.a.enterprise.id}/people?figure=overdue`, cookie, params: A() })).status).toBe(404)
		}
		expect((await call(enterpriseRoute.loader, { url: '/x', cookie: c.workerA, params: A() })).status).toBe(403)
		expect((await call(peopleRoute.loader, { url: '/x', cookie: c.workerA, params: A() })).status).toBe(403)
	})

	it('principal, manager and regulators in scope see it; people link to the roster only for the enterprise’s own staff', async () => {
		for (const cookie of [c.principalA, c.managerA, c.inspectorA, c.city]) {
			expect((await call(enterpriseRoute.loader, { url: '/x', cookie, params: A() })).status).toBe(200)
		}
		const own = await call(peopleRoute.loader, { url: '/x?figure=overdue', cookie: c.managerA, params: A() })
		expect((own.data as { personLinks: boolean; total: number }).personLinks).toBe(true)
		const bureau = await call(peopleRoute.loader, { url: '/x?figure=overdue', cookie: c.inspectorA, params: A() })
		expect(bureau.data).toMatchObject({ personLinks: false, total: 2 })
	})

	it('junk in a list query falls back to the default list instead of failing', async () => {
		const r = await call(peopleRoute.loader, { url: '/x?figure=%3Cscript%3E&group=nobody&page=-3', cookie: c.city, params: A() })
		expect(r.status).toBe(200)
		expect(r.data).toMatchObject({ figure: 'overdue', group: null, page: 1 })
		const e = await call(enterprisesRoute.loader, { url: '/oversight/enterprises?sort=drop+table&page=abc', cookie: c.city })
		expect(e.data).toMatchObject({ sort: 'risk', page: 1 })
	})
})

describe('reports', () => {
	type Failure = { errors: { fieldErrors: Record<string, { key: string }[]> } }
	const errorsOf = async (qs: string, cookie = c.city) => {
		const r = await call(reportsRoute.loader, { url: `/oversight/reports?${qs}`, cookie })
		return { status: r.status, fields: Object.fromEntries(Object.entries((r.data as Failure).errors?.fieldErrors ?? {}).map(([k, v]) => [k, v.map((m) => m.key)])) }
	}

	it('bad input answers 400 with a translated message per field', async () => {
		expect(await errorsOf('kind=custom&from=2026-13-01&to=')).toEqual({ status: 400, fields: { from: ['oversight:report.errors.badDate'], to: ['errors:required'] } })
		expect(await errorsOf('kind=custom&from=2026-05-01&to=2026-04-30')).toEqual({ status: 400, fields: { to: ['oversight:report.errors.toBeforeFrom'] } })
		expect(await errorsOf('kind=custom&from=2016-01-01&to=2026-04-30')).toEqual({ status: 400, fields: { to: ['oversight:report.errors.tooLong'] } })
		expect(await errorsOf('kind=annual&year=abc')).toEqual({ status: 400, fields: { year: ['errors:invalid'] } })
		expect(await errorsOf('kind=weekly')).toEqual({ status: 400, fields: { kind: ['errors:invalidChoice'] } })
		expect((await errorsOf('')).status).toBe(200)
	})

	it('scope: a foreign region or enterprise is 404; workers 403; managers get their own enterprise', async () => {
		expect((await call(reportsRoute.loader, { url: `/oversight/reports?region=${w.countyA.id}`, cookie: c.inspectorB })).status).toBe(404)
		expect((await call(fileRoute.loader, { url: `/oversight/reports/file?region=${w.countyA.id}&format=csv`, cookie: c.inspectorB })).status).toBe(404)
		expect((await call(reportsRoute.loader, { url: `/oversight/reports?enterprise=${w.b.enterprise.id}`, cookie: c.managerA })).status).toBe(404)
		expect((await call(reportsRoute.loader, { url: '/oversight/reports', cookie: c.workerA })).status).toBe(403)
		expect((await call(fileRoute.loader, { url: '/oversight/reports/file?format=csv', cookie: c.workerA })).status).toBe(403)
		const own = await call(reportsRoute.loader, { url: '/oversight/reports?kind=annual&year=2026', cookie: c.managerA })
		const report = (own.data as { report: { subtotals: { kind: string; enterprises: number; counts: { people: number } }[] } }).report
		expect(report.subtotals.at(-1)).toMatchObject({ kind: 'total', enterprises: 1, counts: { people: 7 } })
	})

	it('the report counts the period exactly (annual 2026 at the fixture’s date)', async () => {
		const r = await buildReport(await actor(c.city), ReportQuerySchema.parse({ kind: 'annual', year: '2026' }), NOW)
		const cols = reportColumns(r.years)
		const row = (name: string) => {
			const line = r.lines.find((l) => l.name === name)!
			return Object.fromEntries(cols.map((col) => [col.key, col.value(line)]))
		}
		expect(r.lines.map((l) => [l.kind, l.county, l.name])).toEqual([
			['enterprise', '甲县', '甲化工'],
			['subtotal', '甲县', ''],
			['enterprise', '乙县', '乙化工'],
			['subtotal', '乙县', ''],
			['total', '', ''],
		])
		expect(row('甲化工')).toMatchObject({
			county: '甲县',
			park: '甲园区',
			people: 7,
			contractors: 2,
			meeting2026: 4,
			coverage2026: 57.1,
			studyHours: 106, // 16 + 10 + 8 + 12 + 20 + 10 + 30: all online hours booked to 2026, including those of the person who left since
			classroomHours: 2,
			offJobHours: 0,
			courseGraded: 3,
			coursePassRate: 66.7,
			spotGraded: 3,
			spotFailed: 2,
			spotPassRate: 33.3,
			principalFailed: 1,
			violationsCOMMAND: 0,
			violationsOPERATION: 2,
			violationsDISCIPLINE: 1,
			casesOpened: 5,
			casesCleared: 1,
			casesOpenNow: 4,
			drillsDone: 4,
			drillCompliance: 25, // 2026-H1: 2 of 8 areas; 2026-H2: 2 of 8
			credentialsInvalid: 2,
			uncertified: 3,
		})
		const total = Object.fromEntries(cols.map((col) => [col.key, col.value(r.lines.at(-1)!)]))
		expect(total).toMatchObject({ people: 10, meeting2026: 5, coverage2026: 50, violationsCOMMAND: 1, drillCompliance: 22.2, casesOpened: 5 })
	})

	it('the three-year evaluation covers 2024–2026 with a coverage pair per year', async () => {
		const r = await buildReport(await actor(c.city), ReportQuerySchema.parse({ kind: 'evaluation' }), NOW)
		expect(r.period).toEqual({ from: '2024-01-01', to: '2026-12-31' })
		expect(r.years).toEqual([2024, 2025, 2026])
		expect(r.halfYears).toEqual(['2024-H1', '2024-H2', '2025-H1', '2025-H2', '2026-H1', '2026-H2'])
		const a = r.lines[0]!
		expect(a.counts.violations).toEqual({ COMMAND: 1, OPERATION: 2, DISCIPLINE: 1 })
		expect(a.counts.spotGraded).toBe(4)
		expect(a.counts.courseGraded).toBe(4)
	})

	it('CSV, XLSX and PDF downloads', async () => {
		const csv = await call(fileRoute.loader, { url: '/oversight/reports/file?kind=annual&year=2026&format=csv', cookie: c.city })
		expect(csv.status).toBe(200)
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
		expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="report-2026-01-01-2026-12-31\.csv"; filename\*=UTF-8''/)
		const res = await fileRoute.loader({ request: new Request('http://localhost/oversight/reports/file?kind=annual&year=2026&format=csv', { headers: { cookie: c.city } }), params: {}, context: {} })
		const text = await (res as Response).text()
		const lines = text.replace(/^\ufeff/, '').trim().split('\r\n')
		expect(lines[0]!.split(',').slice(0, 6)).toEqual(['县（市、区）', '化工园区', '企业', '统一社会信用代码', '在册人数', '其中承包商及外包'])
		expect(lines[1]!.split(',').slice(0, 3)).toEqual(['甲县', '甲园区', '甲化工'])
		expect(lines[2]!).toMatch(/^甲县,,甲县 小计（1 家）,,7,2,/)
		expect(lines.at(-1)!).toMatch(/^,,合计（2 家）,,10,2,/)

		const xlsx = await fileRoute.loader({ request: new Request('http://localhost/oversight/reports/file?kind=annual&year=2026&format=xlsx', { headers: { cookie: c.city } }), params: {}, context: {} })
		const wb = new ExcelJS.Workbook()
		await wb.xlsx.load(await (xlsx as Response).arrayBuffer())
		const sheet = wb.worksheets[0]!
		expect(sheet.getRow(3).getCell(3).value).toBe('甲化工')
		expect(sheet.getRow(3).getCell(5).value).toBe(7)

		const pdf = await fileRoute.loader({ request: new Request('http://localhost/oversight/reports/file?kind=evaluation&format=pdf', { headers: { cookie: c.city, 'accept-language': 'en' } }), params: {}, context: {} })
		const bytes = new Uint8Array(await (pdf as Response).arrayBuffer())
		expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
		const file = path.join(os.tmpdir(), `report-${process.pid}.pdf`)
		fs.writeFileSync(file, bytes)
		try {
			const txt = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
			expect(txt).toContain('Test City: workforce competence figures for the three-year campaign (2024–2026)')
			expect(txt).toContain('甲化工')
			expect(txt).toContain('Total (2)')
		} finally {
			fs.rmSync(file, { force: true })
		}
	})

	it('a file with bad input or format is a translated 400, not a file', async () => {
		const res = await fileRoute.loader({ request: new Request('http://localhost/oversight/reports/file?kind=custom&from=2026-05-01&to=2026-04-01&format=csv', { headers: { cookie: c.city } }), params: {}, context: {} })
		expect((res as Response).status).toBe(400)
		expect(await (res as Response).text()).toContain('结束日期不能早于开始日期')
		const bad = await call(fileRoute.loader, { url: '/oversight/reports/file?format=doc', cookie: c.city })
		expect(bad.status).toBe(400)
	})
})
