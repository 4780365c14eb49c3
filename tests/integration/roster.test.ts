import { beforeAll, describe, expect, it } from 'vitest'
import * as importRoute from '~/routes/roster.import.tsx'
import * as newRoute from '~/routes/roster.new.tsx'
import * as personRoute from '~/routes/roster.$personId.tsx'
import * as editRoute from '~/routes/roster.$personId.edit.tsx'
import * as exportRoute from '~/routes/roster.export.ts'
import { db } from '~/utils/db.server.ts'
import { call, cookieFor, makeWorld, validIdCard } from '../support/world.ts'

let w: Awaited<ReturnType<typeof makeWorld>>
let managerA: string
let managerB: string
beforeAll(async () => {
	w = await makeWorld()
	managerA = await cookieFor(w.a.manager.user.id)
	managerB = await cookieFor(w.b.manager.user.id)
})

function csvFile(text: string, name = 'roster.csv'): FormData {
	const fd = new FormData()
	fd.append('intent', 'check')
	fd.append('file', new File([`\uFEFF${text}`], name, { type: 'text/csv' }))
	return fd
}

describe('adding and editing people', () => {
	it('creates a person with a sign-in account but no password yet', async () => {
		const res = await call(newRoute.action, {
			url: '/roster/new',
			cookie: managerA,
			form: { name: '周新', mobile: '138 0013 8000', idCard: validIdCard('14112219920202001').toLowerCase(), employmentType: 'EMPLOYEE', departmentId: w.a.dept.id, post: '操作工', hireDate: '2026-11-01' },
		})
		expect(res.status).toBe(302)
		const p = await db.person.findFirstOrThrow({ where: { mobile: '13800138000' }, include: { user: { include: { roles: true } } } })
		expect(p.enterpriseId).toBe(w.a.enterprise.id)
		expect(p.idCard).toMatch(/^\d{17}[\dX]$/)
		expect(p.user?.passwordHash).toBe('')
		expect(p.user?.roles.map((r) => r.role)).toEqual(['WORKER'])
		expect(await db.auditEvent.count({ where: { entityId: p.id, action: 'person.created' } })).toBe(1)
	})

	it('refuses bad identifiers with translated field errors', async () => {
		const res = await call(newRoute.action, {
			url: '/roster/new',
			cookie: managerA,
			form: { name: '', mobile: '2380013800', idCard: '141122199202020010', employmentType: 'CONTRACTOR' },
		})
		expect(res.status).toBe(400)
		expect(res.data).toMatchObject({
			fieldErrors: {
				name: [{ key: 'errors:required' }],
				mobile: [{ key: 'errors:mobileInvalid' }],
				idCard: [{ key: expect.stringMatching(/^errors:idCard\./) }],
			},
		})
	})

	it('requires a contractor company for contractor workers', async () => {
		const res = await call(newRoute.action, { url: '/roster/new', cookie: managerA, form: { name: '吴工', mobile: '13800138001', employmentType: 'CONTRACTOR' } })
		expect(res.data).toMatchObject({ fieldErrors: { contractorId: [{ key: 'errors:contractorRequired' }] } })
	})

	it('refuses a mobile number that signs in elsewhere, but takes over the account of someone who left', async () => {
		const taken = await call(newRoute.action, { url: '/roster/new', cookie: managerB, form: { name: '重复', mobile: w.a.worker.mobile, employmentType: 'EMPLOYEE' } })
		expect(taken.status).toBe(400)
		expect(taken.data).toMatchObject({ fieldErrors: { mobile: [{ key: 'errors:mobileTaken' }] } })

		// The worker leaves enterprise A and joins B: the same sign-in follows the person.
		const leave = await call(personRoute.action, { url: '/', cookie: managerA, params: { personId: w.a.worker.person.id }, form: { intent: 'leave', confirm: 'on' } })
		expect(leave.status).toBe(302)
		const joined = await call(newRoute.action, { url: '/roster/new', cookie: managerB, form: { name: '操作工1', mobile: w.a.worker.mobile, employmentType: 'EMPLOYEE' } })
		expect(joined.status).toBe(302)
		const user = await db.user.findUniqueOrThrow({ where: { mobile: w.a.worker.mobile }, include: { person: true } })
		expect(user.person?.enterpriseId).toBe(w.b.enterprise.id)
	})

	it('leaving needs an explicit confirmation', async () => {
		const res = await call(personRoute.action, { url: '/', cookie: managerA, params: { personId: w.a.principal.person.id }, form: { intent: 'leave' } })
		expect(res.status).toBe(400)
		expect((await db.person.findUniqueOrThrow({ where: { id: w.a.principal.person.id } })).dutyStatus).toBe('ON_POST')
	})

	it('keeps the stored ID number when the edit form leaves it blank, and never sends it to the browser', async () => {
		const id = validIdCard('14112219800505001')
		await db.person.update({ where: { id: w.a.manager.person.id }, data: { idCard: id } })
		const page = await call(editRoute.loader, { url: '/', cookie: managerA, params: { personId: w.a.manager.person.id } })
		expect(JSON.stringify(page.data)).not.toContain(id)
		const res = await call(editRoute.action, {
			url: '/',
			cookie: managerA,
			params: { personId: w.a.manager.person.id },
			form: { name: '安全员1', mobile: w.a.manager.mobile, employmentType: 'EMPLOYEE', post: '安全员', manager: 'on' },
		})
		expect(res.status).toBe(302)
		expect((await db.person.findUniqueOrThrow({ where: { id: w.a.manager.person.id } })).idCard).toBe(id)
	})

	it('a manager cannot remove their own manager role', async () => {
		const res = await call(editRoute.action, {
			url: '/',
			cookie: managerA,
			params: { personId: w.a.manager.person.id },
			form: { name: '安全员1', mobile: w.a.manager.mobile, employmentType: 'EMPLOYEE' },
		})
		expect(res.status).toBe(400)
		expect(res.data).toMatchObject({ fieldErrors: { manager: [{ key: 'roster:cannotDemoteSelf' }] } })
	})
})

describe('bulk import', () => {
	const header = '姓名,手机号,身份证号,用工类型,承包商单位,部门,岗位,入职日期'
	const good = (n: number) => `导入${n},1390200${String(n).padStart(4, '0')},,正式员工,,生产部,操作工,2025/3/${n}`

	it('rejects a file with one bad row, lists it with its line, and imports nothing', async () => {
		const before = await db.person.count()
		const text = [header, good(1), '导入2,12345,,正式员工,,生产部,操作工,', good(3)].join('\r\n')
		const res = await call(importRoute.action, { url: '/roster/import', cookie: managerA, form: csvFile(text) })
		expect(res.status).toBe(400)
		expect(res.data).toMatchObject({ stage: 'errors', rowErrors: [{ line: 3, column: 'mobile' }] })
		expect(await db.person.count()).toBe(before)
	})

	it('previews a clean file, then imports every row on confirmation', async () => {
		const before = await db.person.count({ where: { enterpriseId: w.a.enterprise.id } })
		const text = [header, good(1), good(2), good(3)].join('\r\n')
		const preview = await call(importRoute.action, { url: '/roster/import', cookie: managerA, form: csvFile(text) })
		expect(preview.status).toBe(200)
		const payload = (preview.data as { payload: string; count: number }).payload
		expect((preview.data as { count: number }).count).toBe(3)
		expect(await db.person.count({ where: { enterpriseId: w.a.enterprise.id } })).toBe(before)
		const commit = await call(importRoute.action, { url: '/roster/import', cookie: managerA, form: { intent: 'commit', payload } })
		expect(commit.status).toBe(302)
		expect(await db.person.count({ where: { enterpriseId: w.a.enterprise.id } })).toBe(before + 3)
		// Confirming the same payload twice imports nothing more: every row is now a duplicate.
		const again = await call(importRoute.action, { url: '/roster/import', cookie: managerA, form: { intent: 'commit', payload } })
		expect(again.status).toBe(400)
		expect(await db.person.count({ where: { enterpriseId: w.a.enterprise.id } })).toBe(before + 3)
	})

	it('refuses a tampered payload', async () => {
		const res = await call(importRoute.action, { url: '/roster/import', cookie: managerA, form: { intent: 'commit', payload: '{"header":5}' } })
		expect(res.status).toBe(400)
	})

	it('refuses numbers that sign in at another enterprise', async () => {
		const text = [header, `外来,${w.b.principal.mobile},,正式员工,,生产部,操作工,`].join('\n')
		const res = await call(importRoute.action, { url: '/roster/import', cookie: managerA, form: csvFile(text) })
		expect(res.data).toMatchObject({ stage: 'errors', rowErrors: [{ line: 2, msg: { key: 'errors:mobileTaken' } }] })
	})

	it('exports the roster as CSV with a BOM, masking ID numbers, in the user’s language', async () => {
		const id = validIdCard('14112219750707001')
		await db.person.update({ where: { id: w.a.principal.person.id }, data: { idCard: id } })
		const res = (await exportRoute.loader({
			request: new Request('http://localhost/roster/export?format=csv&status=ALL', { headers: { cookie: managerA } }),
			params: {},
			context: {},
		})) as Response
		expect(res.headers.get('content-type')).toMatch(/text\/csv/)
		const bytes = new Uint8Array(await res.arrayBuffer())
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const text = new TextDecoder().decode(bytes)
		expect(text).toContain('姓名')
		expect(text).toContain('负责人1')
		expect(text).not.toContain(id)
		expect(text).toContain(`${id.slice(0, 3)}***********${id.slice(-4)}`)
		expect(text).not.toContain('操作工2') // enterprise B's people never appear
	})
})
