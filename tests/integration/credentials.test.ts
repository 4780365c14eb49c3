import { beforeAll, describe, expect, it } from 'vitest'
import { addDays, addYears } from '~/domain/calendar.ts'
import { createCredential, credentialFlags, credentialHiddenDanger, credentialReminders, deleteCredential, getPersonCredentials, listMyCredentials, setRequirement, updateCredential } from '~/domain/credentials.server.ts'
import type { Actor } from '~/domain/policy.ts'
import { NotFoundError, type EnterpriseActor } from '~/domain/roster.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import * as addRoute from '~/routes/roster.$personId.credentials.tsx'
import * as editRoute from '~/routes/roster.$personId.credentials.$credentialId.tsx'
import * as enterpriseRoute from '~/routes/enterprises.$enterpriseId.tsx'
import * as personRoute from '~/routes/roster.$personId.tsx'
import * as rosterRoute from '~/routes/roster._index.tsx'
import * as homeRoute from '~/routes/home.tsx'
import { getActor } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import { call, cookieFor, makeWorld } from '../support/world.ts'

let w: Awaited<ReturnType<typeof makeWorld>>
const c: Record<string, string> = {}
const a: Record<string, Actor> = {}
const today = shanghaiDate(new Date())

const base = { number: '141122199001010011', issuer: '吕梁市应急管理局', note: '' }

beforeAll(async () => {
	w = await makeWorld()
	for (const [k, id] of Object.entries({
		managerA: w.a.manager.user.id,
		principalA: w.a.principal.user.id,
		workerA: w.a.worker.user.id,
		managerB: w.b.manager.user.id,
		inspectorA: w.inspectorA.user.id,
		inspectorB: w.inspectorB.user.id,
	})) {
		c[k] = await cookieFor(id)
		a[k] = (await getActor(new Request('http://localhost/', { headers: { cookie: c[k]! } })))!
	}
})

const mgr = () => a.managerA as EnterpriseActor

describe('recording credentials', () => {
	it('fills default validity (6 years) and review (3 years), audit-logs, and refuses a second of the same type', async () => {
		const issue = addDays(today, -100)
		const cred = await createCredential(mgr(), w.a.worker.person.id, { ...base, type: 'HC_NITRATION', issueDate: issue, expiryDate: null, nextReviewDate: null }, today)
		expect(cred.expiryDate).toBe(addDays(addYears(issue, 6), -1))
		expect(cred.nextReviewDate).toBe(addYears(issue, 3))
		expect(await db.auditEvent.count({ where: { entityId: cred.id, action: 'credential.created' } })).toBe(1)
		await expect(createCredential(mgr(), w.a.worker.person.id, { ...base, type: 'HC_NITRATION', issueDate: issue, expiryDate: null, nextReviewDate: null }, today)).rejects.toMatchObject({
			key: 'credentials:duplicateType',
		})
	})

	it('refuses impossible dates with a field and a key', async () => {
		const p = w.a.principal.person.id
		await expect(createCredential(mgr(), p, { ...base, type: 'ST_WELD_FUSION', issueDate: addDays(today, 1), expiryDate: null, nextReviewDate: null }, today)).rejects.toMatchObject({ field: 'issueDate' })
		await expect(createCredential(mgr(), p, { ...base, type: 'ST_WELD_FUSION', issueDate: '2020-01-01', expiryDate: '2019-12-31', nextReviewDate: null }, today)).rejects.toMatchObject({ field: 'expiryDate' })
		await expect(createCredential(mgr(), p, { ...base, type: 'ST_WELD_FUSION', issueDate: '2020-01-01', expiryDate: '2026-01-01', nextReviewDate: '2027-01-01' }, today)).rejects.toMatchObject({ field: 'nextReviewDate' })
		expect(await db.credential.count({ where: { personId: p } })).toBe(0)
	})

	it('the form answers bad input with a translated 400 and writes nothing', async () => {
		const r = await call(addRoute.action, {
			url: `/roster/${w.a.principal.person.id}/credentials`,
			cookie: c.managerA,
			params: { personId: w.a.principal.person.id },
			form: { intent: 'create', type: 'NOT_A_TYPE', number: '', issuer: 'x', issueDate: '2026-02-30' },
		})
		expect(r.status).toBe(400)
		const errs = (r.data as { fieldErrors: Record<string, { key: string }[]> }).fieldErrors
		expect(errs.type?.[0]?.key).toBe('errors:invalidChoice')
		expect(errs.number?.[0]?.key).toBe('errors:required')
		expect(errs.issueDate?.[0]?.key).toBe('errors:dateInvalid')
		const intent = await call(addRoute.action, { url: '/x', cookie: c.managerA, params: { personId: w.a.principal.person.id }, form: { intent: 'drop-table' } })
		expect(intent.status).toBe(400)
		expect(await db.credential.count({ where: { personId: w.a.principal.person.id } })).toBe(0)
	})

	it('the form creates, edits and deletes (with confirmation) for the manager', async () => {
		const p = w.a.principal.person.id
		const created = await call(addRoute.action, {
			url: `/roster/${p}/credentials`,
			cookie: c.managerA,
			params: { personId: p },
			form: { intent: 'create', type: 'SE_FORKLIFT', number: 'N1-001', issuer: '市场监管局', issueDate: addDays(today, -10), expiryDate: '', nextReviewDate: '' },
		})
		expect(created.status).toBe(302)
		const cred = await db.credential.findFirstOrThrow({ where: { personId: p, type: 'SE_FORKLIFT' } })
		expect(cred.nextReviewDate).toBeNull()
		const edited = await call(editRoute.action, {
			url: `/roster/${p}/credentials/${cred.id}`,
			cookie: c.managerA,
			params: { personId: p, credentialId: cred.id },
			form: { intent: 'update', type: 'SE_FORKLIFT', number: 'N1-002', issuer: '市场监管局', issueDate: cred.issueDate, expiryDate: cred.expiryDate, nextReviewDate: '' },
		})
		expect(edited.status).toBe(302)
		expect((await db.credential.findUniqueOrThrow({ where: { id: cred.id } })).number).toBe('N1-002')
		const noConfirm = await call(editRoute.action, { url: '/x', cookie: c.managerA, params: { personId: p, credentialId: cred.id }, form: { intent: 'delete' } })
		expect(noConfirm.status).toBe(400)
		const deleted = await call(editRoute.action, { url: '/x', cookie: c.managerA, params: { personId: p, credentialId: cred.id }, form: { intent: 'delete', confirm: 'on' } })
		expect(deleted.status).toBe(302)
		expect(await db.credential.findUnique({ where: { id: cred.id } })).toBeNull()
		const audit = await db.auditEvent.findMany({ where: { entityId: cred.id }, orderBy: { at: 'asc' } })
		expect(audit.map((e) => e.action)).toEqual(['credential.created', 'credential.updated', 'credential.deleted'])
	})

	it('the type of a credential cannot be changed', async () => {
		const cred = await db.credential.findFirstOrThrow({ where: { personId: w.a.worker.person.id } })
		await expect(updateCredential(mgr(), cred.id, { ...base, type: 'HC_OXIDATION', issueDate: cred.issueDate, expiryDate: null, nextReviewDate: null }, today)).rejects.toMatchObject({ key: 'credentials:typeFixed' })
	})
})

describe('tenancy and roles', () => {
	it('another enterprise’s manager, the principal and workers cannot write; foreign ids are 404', async () => {
		const cred = await db.credential.findFirstOrThrow({ where: { personId: w.a.worker.person.id } })
		const mB = a.managerB as EnterpriseActor
		await expect(createCredential(mB, w.a.worker.person.id, { ...base, type: 'HC_OXIDATION', issueDate: today, expiryDate: null, nextReviewDate: null }, today)).rejects.toBeInstanceOf(NotFoundError)
		await expect(updateCredential(mB, cred.id, { ...base, type: cred.type, issueDate: cred.issueDate, expiryDate: null, nextReviewDate: null }, today)).rejects.toBeInstanceOf(NotFoundError)
		await expect(deleteCredential(mB, cred.id)).rejects.toBeInstanceOf(NotFoundError)
		await expect(deleteCredential(a.principalA as EnterpriseActor, cred.id)).rejects.toBeInstanceOf(NotFoundError)
		await expect(setRequirement(mB, w.a.worker.person.id, 'HC_NITRATION', true)).rejects.toBeInstanceOf(NotFoundError)
		await expect(getPersonCredentials(mB, w.a.worker.person.id, today)).rejects.toBeInstanceOf(NotFoundError)
		// Through the routes: 404 for the foreign manager, 403 for a worker.
		const foreign = await call(editRoute.loader, { url: '/x', cookie: c.managerB, params: { personId: w.a.worker.person.id, credentialId: cred.id } })
		expect(foreign.status).toBe(404)
		const mismatched = await call(editRoute.loader, { url: '/x', cookie: c.managerA, params: { personId: w.a.principal.person.id, credentialId: cred.id } })
		expect(mismatched.status).toBe(404)
		const worker = await call(addRoute.action, { url: '/x', cookie: c.workerA, params: { personId: w.a.worker.person.id }, form: { intent: 'addRequirement', type: 'HC_NITRATION' } })
		expect(worker.status).toBe(403)
		expect(await db.credential.findUnique({ where: { id: cred.id } })).not.toBeNull()
	})
})

describe('requirements, flags, reminders and hidden danger 2', () => {
	it('a required type without a valid credential is flagged everywhere it should be', async () => {
		const wk = w.a.worker.person.id
		const mg = w.a.manager.person.id
		// The worker holds a valid nitration credential; the manager is required to hold an electrician's and holds an expired one.
		await setRequirement(mgr(), wk, 'HC_NITRATION', true)
		await setRequirement(mgr(), mg, 'ST_ELEC_LOW_VOLTAGE', true)
		await db.credential.create({
			data: { enterpriseId: w.a.enterprise.id, personId: mg, type: 'ST_ELEC_LOW_VOLTAGE', number: 'E-1', issuer: 'x', issueDate: addDays(today, -2200), expiryDate: addDays(today, -5) },
		})
		expect(await db.auditEvent.count({ where: { entityId: wk, action: 'credential.required' } })).toBe(1)

		const person = await getPersonCredentials(mgr(), mg, today)
		expect(person.missing).toEqual(['ST_ELEC_LOW_VOLTAGE'])
		expect(person.credentials[0]?.status.state).toBe('EXPIRED')

		const flags = await credentialFlags(w.a.enterprise.id, [wk, mg, w.a.principal.person.id], today)
		expect(flags).toEqual({ [mg]: 'MISSING' })

		const roster = await call(rosterRoute.loader, { url: '/roster', cookie: c.managerA })
		expect((roster.data as { flags: Record<string, string> }).flags[mg]).toBe('MISSING')

		const page = await call(personRoute.loader, { url: `/roster/${mg}`, cookie: c.managerA, params: { personId: mg } })
		expect((page.data as { credentials: { missing: string[] } }).credentials.missing).toEqual(['ST_ELEC_LOW_VOLTAGE'])

		const danger = await credentialHiddenDanger(a.inspectorA!, w.a.enterprise.id, today)
		expect(danger.gaps.map((g) => g.person.id)).toEqual([mg])
		expect(danger.invalid.map((i) => i.type)).toEqual(['ST_ELEC_LOW_VOLTAGE'])
		expect(danger.required).toBe(2)
		const view = await call(enterpriseRoute.loader, { url: '/x', cookie: c.inspectorA, params: { enterpriseId: w.a.enterprise.id } })
		expect((view.data as { credentials: { gaps: unknown[] } }).credentials.gaps).toHaveLength(1)
		await expect(credentialHiddenDanger(a.inspectorB!, w.a.enterprise.id, today)).rejects.toBeInstanceOf(NotFoundError)
		expect((await call(enterpriseRoute.loader, { url: '/x', cookie: c.inspectorB, params: { enterpriseId: w.a.enterprise.id } })).status).toBe(404)
	})

	it('a person who is suspended or has left is not an on-post operator for item 2', async () => {
		const mg = w.a.manager.person.id
		await db.person.update({ where: { id: mg }, data: { dutyStatus: 'SUSPENDED' } })
		expect((await credentialHiddenDanger(a.inspectorA!, w.a.enterprise.id, today)).gaps).toEqual([])
		await db.person.update({ where: { id: mg }, data: { dutyStatus: 'ON_POST' } })
	})

	it('the manager’s home lists deadlines within 90 days, urgent within 30, invalid ones and gaps', async () => {
		const p = w.a.principal.person.id
		// Review in 20 days (urgent) and expiry in 70 days (soon).
		await db.credential.create({ data: { enterpriseId: w.a.enterprise.id, personId: p, type: 'HC_OXIDATION', number: 'O-1', issuer: 'x', issueDate: addYears(addDays(today, 20), -3), expiryDate: addDays(today, 2000), nextReviewDate: addDays(today, 20) } })
		await db.credential.create({ data: { enterpriseId: w.a.enterprise.id, personId: p, type: 'SE_BOILER', number: 'G-1', issuer: 'x', issueDate: addDays(today, -1300), expiryDate: addDays(today, 70) } })
		const r = await credentialReminders(w.a.enterprise.id, today)
		expect(r.counts).toEqual({ invalid: 1, urgent: 1, soon: 1, missing: 1 })
		expect(r.items.map((i) => i.status.state)).toEqual(['EXPIRED', 'REVIEW_DUE', 'EXPIRING'])
		const home = await call(homeRoute.loader, { url: '/home', cookie: c.managerA })
		expect((home.data as { home: { credentials: { counts: unknown } } }).home.credentials.counts).toEqual(r.counts)
		// Another enterprise sees none of it.
		expect((await credentialReminders(w.b.enterprise.id, today)).counts).toEqual({ invalid: 0, urgent: 0, soon: 0, missing: 0 })
	})

	it('a worker sees their own credentials only', async () => {
		const mine = await listMyCredentials(a.workerA!, today)
		expect(mine.map((m) => [m.personId, m.type])).toEqual([[w.a.worker.person.id, 'HC_NITRATION']])
		expect(await listMyCredentials(a.inspectorA!, today)).toEqual([])
	})

	it('removing a requirement clears the gap (and is audited)', async () => {
		const mg = w.a.manager.person.id
		await setRequirement(mgr(), mg, 'ST_ELEC_LOW_VOLTAGE', false)
		expect((await getPersonCredentials(mgr(), mg, today)).missing).toEqual([])
		expect(await db.auditEvent.count({ where: { entityId: mg, action: 'credential.notRequired' } })).toBe(1)
		await expect(setRequirement(mgr(), mg, 'ST_ELEC_LOW_VOLTAGE', false)).resolves.toBeUndefined()
	})
})
