import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const uploadDir = vi.hoisted(() => {
	const dir = `${process.env.TMPDIR ?? '/tmp'}/anxun-drill-uploads-${process.pid}-${Date.now()}`
	process.env.UPLOAD_DIR = dir
	return dir
})

import { addDays } from '~/domain/drills.ts'
import {
	addCorrectiveAction,
	addMissing,
	addNote,
	addPhoto,
	cancelDrill,
	deletePhoto,
	finishRun,
	ForbiddenError,
	getDrill,
	getDrillHome,
	getDrillRecord,
	getEnterpriseCompliance,
	getRegionOversight,
	listDrills,
	listDrillsForExport,
	planAllUnplanned,
	planDrill,
	readDrillPhoto,
	recordMark,
	saveEvaluation,
	setEvaluator,
	setHeadcount,
	signOff,
	undoMark,
	updateActionStatus,
	updatePlan,
	type PlanInput,
} from '~/domain/drills.server.ts'
import { NotFoundError, RuleError } from '~/domain/roster.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import * as drillRoute from '~/routes/drills.$drillId.tsx'
import * as exportRoute from '~/routes/drills.export.ts'
import * as photoRoute from '~/routes/drills.$drillId.photos.$photoId.ts'
import * as runRoute from '~/routes/drills.$drillId.run.tsx'
import * as syncRoute from '~/routes/drills.$drillId.run.sync.ts'
import * as complianceRoute from '~/routes/drills.compliance.$enterpriseId.tsx'
import { getActor } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import { call, cookieFor, makeWorld } from '../support/world.ts'

let w: Awaited<ReturnType<typeof makeWorld>>
const actors: Record<string, NonNullable<Awaited<ReturnType<typeof getActor>>>> = {}
const cookies: Record<string, string> = {}
const today = shanghaiDate(new Date())

async function actor(name: string, userId: string) {
	cookies[name] = await cookieFor(userId)
	actors[name] = (await getActor(new Request('http://localhost/', { headers: { cookie: cookies[name] } })))!
}

beforeAll(async () => {
	w = await makeWorld()
	await actor('managerA', w.a.manager.user.id)
	await actor('principalA', w.a.principal.user.id)
	await actor('workerA', w.a.worker.user.id)
	await actor('managerB', w.b.manager.user.id)
	await actor('inspectorA', w.inspectorA.user.id)
	await actor('inspectorB', w.inspectorB.user.id)
	await actor('city', w.cityRegulator.user.id)
})

function plan(p: Partial<PlanInput> = {}): PlanInput {
	return {
		areaId: w.a.area.id,
		kind: 'EVACUATION',
		form: 'LIVE',
		scope: 'SINGLE',
		plannedDate: addDays(today, 3),
		purpose: '',
		scenarioEvent: '泄漏',
		scenarioPlace: '',
		scenarioTime: '',
		scenarioScale: '',
		expectedParticipants: 10,
		organiserId: w.a.manager.person.id,
		evaluatorId: w.a.principal.person.id,
		...p,
	}
}

async function refusal(p: Promise<unknown>): Promise<RuleError> {
	const e = await p.then(
		() => null,
		(x: unknown) => x,
	)
	expect(e).toBeInstanceOf(RuleError)
	return e as RuleError
}

async function auditCount(entityId: string, action?: string) {
	return db.auditEvent.count({ where: { entityId, ...(action ? { action } : {}) } })
}

// PNG signature + IHDR chunk header: enough for the sniffer.
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])

describe('planning', () => {
	it('a safety manager plans a drill in an own area, audited', async () => {
		const d = await planDrill(actors.managerA!, plan())
		expect(d.status).toBe('PLANNED')
		expect(await auditCount(d.id, 'drill.planned')).toBe(1)
	})

	it('refuses another enterprise area, a past date, people of another enterprise, and non-managers', async () => {
		expect((await refusal(planDrill(actors.managerA!, plan({ areaId: w.b.area.id })))).field).toBe('areaId')
		expect((await refusal(planDrill(actors.managerA!, plan({ plannedDate: addDays(today, -1) })))).key).toBe('drills:errors.dateInPast')
		expect((await refusal(planDrill(actors.managerA!, plan({ evaluatorId: w.b.principal.person.id })))).field).toBe('evaluatorId')
		await expect(planDrill(actors.workerA!, plan())).rejects.toBeInstanceOf(ForbiddenError)
		await expect(planDrill(actors.principalA!, plan())).rejects.toBeInstanceOf(ForbiddenError)
		await expect(planDrill(actors.inspectorA!, plan())).rejects.toBeInstanceOf(ForbiddenError)
	})

	it('plans the half-year for every area without a plan, once', async () => {
		const extra = await db.area.create({ data: { enterpriseId: w.b.enterprise.id, name: `新区-${Date.now()}`, kind: 'LIVING' } })
		const before = await db.drill.count({ where: { enterpriseId: w.b.enterprise.id } })
		const date = addDays(today, 1) <= `${today.slice(0, 4)}-${Number(today.slice(5, 7)) <= 6 ? '06-30' : '12-31'}` ? addDays(today, 1) : today
		const first = await planAllUnplanned(actors.managerB!, { plannedDate: date, organiserId: null, evaluatorId: w.b.manager.person.id })
		expect(first.created).toBe(2)
		expect(await db.drill.count({ where: { enterpriseId: w.b.enterprise.id } })).toBe(before + 2)
		expect(await db.drill.count({ where: { areaId: extra.id } })).toBe(1)
		expect((await planAllUnplanned(actors.managerB!, { plannedDate: date, organiserId: null, evaluatorId: null })).created).toBe(0)
		const nextYear = `${Number(today.slice(0, 4)) + 1}-03-01`
		expect((await refusal(planAllUnplanned(actors.managerB!, { plannedDate: nextYear, organiserId: null, evaluatorId: null }))).key).toBe('drills:errors.notThisHalfYear')
	})

	it('moves a plan and refuses edits once it runs', async () => {
		const d = await planDrill(actors.managerA!, plan())
		await updatePlan(actors.managerA!, d.id, plan({ plannedDate: addDays(today, 5) }))
		expect((await db.drill.findUniqueOrThrow({ where: { id: d.id } })).plannedDate).toBe(addDays(today, 5))
		await recordMark(actors.managerA!, d.id, 'alarm', null)
		const e = await refusal(updatePlan(actors.managerA!, d.id, plan()))
		expect(e.key).toBe('drills:errors.notInStatus')
		expect(e.values).toEqual({ status: 'RUNNING' })
	})
})

describe('a drill from alarm to sign-off', () => {
	let drillId = ''
	it('runs, evaluates, closes; every step audited; illegal steps refused', async () => {
		const m = actors.managerA!
		drillId = (await planDrill(m, plan())).id
		// Finishing a plan that never ran is an illegal transition.
		const illegal = await refusal(finishRun(m, drillId))
		expect(illegal.key).toBe('drills:errors.illegalTransition')
		expect(illegal.values).toEqual({ from: 'PLANNED', to: 'EVALUATING' })

		const alarm = await recordMark(m, drillId, 'alarm', 1500)
		expect(alarm.already).toBe(false)
		expect(Date.now() - alarm.at.getTime()).toBeGreaterThanOrEqual(1500)
		// A retried queued alarm answers with the stored time and changes nothing.
		const again = await recordMark(m, drillId, 'alarm', 200)
		expect(again).toEqual({ mark: 'alarm', at: alarm.at, already: true })
		expect(await auditCount(drillId, 'drill.started')).toBe(1)

		expect((await refusal(recordMark(m, drillId, 'clear', 13 * 3600_000))).key).toBe('drills:errors.markTooOld')
		expect((await refusal(recordMark(m, drillId, 'clear', 60_000))).key).toBe('drills:errors.beforeAlarm')
		await recordMark(m, drillId, 'clear', 0)
		await undoMark(m, drillId, 'clear')
		expect((await db.drill.findUniqueOrThrow({ where: { id: drillId } })).clearedAt).toBeNull()
		await recordMark(m, drillId, 'clear', 0)
		expect((await refusal(undoMark(m, drillId, 'alarm'))).key).toBe('drills:errors.alarmFixed')

		expect((await refusal(finishRun(m, drillId))).key).toBe('drills:errors.noAssembled')
		await recordMark(m, drillId, 'assembled', 0)
		expect((await refusal(finishRun(m, drillId))).key).toBe('drills:errors.noHeadcount')
		expect((await refusal(setHeadcount(m, drillId, { expected: 10, accounted: 11 }))).key).toBe('drills:errors.accountedOverExpected')
		await setHeadcount(m, drillId, { expected: 10, accounted: 9 })

		expect((await refusal(addMissing(m, drillId, { personId: w.b.worker.person.id, note: '' }))).field).toBe('personId')
		await addMissing(m, drillId, { personId: w.a.worker.person.id, note: '在泵房' })
		expect((await refusal(addMissing(m, drillId, { personId: w.a.worker.person.id, note: '' }))).key).toBe('drills:errors.alreadyMissing')

		const n1 = await addNote(m, drillId, { text: '东侧门堵塞', clientId: 'abcdefgh123', ageMs: 1000 })
		const n2 = await addNote(m, drillId, { text: '东侧门堵塞', clientId: 'abcdefgh123', ageMs: 3000 })
		expect(n2.already).toBe(true)
		expect(n2.note.id).toBe(n1.note.id)
		expect(await db.drillNote.count({ where: { drillId } })).toBe(1)

		await finishRun(m, drillId)
		expect((await db.drill.findUniqueOrThrow({ where: { id: drillId } })).status).toBe('EVALUATING')
		expect((await refusal(undoMark(m, drillId, 'assembled'))).values).toEqual({ status: 'EVALUATING' })
		// A late retry of a stored mark is answered with the stored time, not an error.
		expect((await recordMark(m, drillId, 'assembled', 0)).already).toBe(true)

		// Only the designated evaluator signs off, and only a complete evaluation.
		await expect(signOff(m, drillId)).rejects.toBeInstanceOf(ForbiddenError)
		const incomplete = await refusal(signOff(actors.principalA!, drillId))
		expect(incomplete.field).toBe('problems')
		await saveEvaluation(m, drillId, { problems: '东侧门堵塞', causes: '检修材料', lessons: '通道畅通', improvements: '清理通道' })
		const action = await addCorrectiveAction(m, drillId, { description: '清理东侧通道', ownerId: w.a.worker.person.id, dueDate: addDays(today, 7) })
		expect((await refusal(addCorrectiveAction(m, drillId, { description: 'x', ownerId: w.b.worker.person.id, dueDate: addDays(today, 7) }))).field).toBe('ownerId')
		expect((await refusal(addCorrectiveAction(m, drillId, { description: 'x', ownerId: w.a.worker.person.id, dueDate: addDays(today, -1) }))).field).toBe('dueDate')
		await signOff(actors.principalA!, drillId)
		const closed = await db.drill.findUniqueOrThrow({ where: { id: drillId } })
		expect(closed.status).toBe('CLOSED')
		expect(closed.signedOffByName).toBe(actors.principalA!.displayName)

		// Closed is final.
		expect((await refusal(cancelDrill(m, drillId, 'x'))).values).toEqual({ from: 'CLOSED', to: 'CANCELLED' })
		expect((await recordMark(m, drillId, 'alarm', null)).already).toBe(true)
		expect((await refusal(finishRun(m, drillId))).values).toEqual({ from: 'CLOSED', to: 'EVALUATING' })
		expect((await refusal(saveEvaluation(m, drillId, { problems: 'x', causes: '', lessons: '', improvements: '' }))).key).toBe('drills:errors.notInStatus')
		expect((await refusal(signOff(actors.principalA!, drillId))).key).toBe('drills:errors.illegalTransition')

		const actions = (await db.auditEvent.findMany({ where: { entityId: drillId }, select: { action: true } })).map((a) => a.action)
		for (const a of ['drill.planned', 'drill.started', 'drill.marked', 'drill.unmarked', 'drill.headcount', 'drill.missing.added', 'drill.note', 'drill.finished', 'drill.evaluated', 'drill.signedOff'])
			expect(actions).toContain(a)
		expect(await auditCount(action.id, 'correctiveAction.created')).toBe(1)
	})

	it('makes the area DONE for the half-year, for the enterprise and the region inspector', async () => {
		const own = await getEnterpriseCompliance(actors.managerA!, w.a.enterprise.id)
		const row = own.rows.find((r) => r.area.id === w.a.area.id)!
		expect(row.cells[0]).toMatchObject({ status: 'DONE', drillId })
		const insp = await getEnterpriseCompliance(actors.inspectorA!, w.a.enterprise.id)
		expect(insp.rows.find((r) => r.area.id === w.a.area.id)!.cells[0]!.status).toBe('DONE')
		const city = await getRegionOversight(actors.city!)
		expect(city.enterprises.map((e) => e.id)).toEqual(expect.arrayContaining([w.a.enterprise.id, w.b.enterprise.id]))
	})

	it('gives the record to those who may see the drill and nobody else', async () => {
		const r = await getDrillRecord(actors.inspectorA!, drillId)
		expect(r.drill.status).toBe('CLOSED')
		expect(r.missing.map((m) => m.name)).toEqual([w.a.worker.person.name])
		expect(r.actions).toHaveLength(1)
		expect(r.drill.assembleMs).toBeGreaterThanOrEqual(0)
		await expect(getDrillRecord(actors.inspectorB!, drillId)).rejects.toBeInstanceOf(NotFoundError)
		await expect(getDrillRecord(actors.managerB!, drillId)).rejects.toBeInstanceOf(NotFoundError)
		// The action's owner may see the drill; the principal of the enterprise too.
		expect((await getDrill(actors.workerA!, drillId)).drill.id).toBe(drillId)
		expect((await getDrill(actors.principalA!, drillId)).can.plan).toBe(false)
	})

	it('lets the owner close a corrective action, shown on their home until then', async () => {
		const a = await db.correctiveAction.findFirstOrThrow({ where: { drillId } })
		expect((await getDrillHome(actors.workerA!)).myActions.map((x) => x.id)).toContain(a.id)
		await expect(updateActionStatus(actors.managerB!, a.id, { status: 'DONE', note: '' })).rejects.toBeInstanceOf(NotFoundError)
		await expect(updateActionStatus(actors.inspectorA!, a.id, { status: 'DONE', note: '' })).rejects.toBeInstanceOf(ForbiddenError)
		await updateActionStatus(actors.workerA!, a.id, { status: 'DONE', note: '已清理' })
		expect((await getDrillHome(actors.workerA!)).myActions.map((x) => x.id)).not.toContain(a.id)
		expect((await refusal(updateActionStatus(actors.managerA!, a.id, { status: 'OPEN', note: '' }))).key).toBe('drills:errors.actionDone')
		expect(await auditCount(a.id, 'correctiveAction.status')).toBe(1)
	})
})

describe('tenant isolation', () => {
	it('hides a drill of another enterprise or region behind 404', async () => {
		const d = await planDrill(actors.managerA!, plan())
		for (const who of ['managerB', 'inspectorB'] as const) {
			await expect(getDrill(actors[who]!, d.id)).rejects.toBeInstanceOf(NotFoundError)
			await expect(recordMark(actors[who]!, d.id, 'alarm', null)).rejects.toBeInstanceOf(NotFoundError)
			await expect(cancelDrill(actors[who]!, d.id, 'x')).rejects.toBeInstanceOf(NotFoundError)
		}
		// A worker of the same enterprise who has nothing to do with it sees nothing either.
		await expect(getDrill(actors.workerA!, d.id)).rejects.toBeInstanceOf(NotFoundError)
		// The inspector of the region may look but not touch.
		expect((await getDrill(actors.inspectorA!, d.id)).can).toEqual({ plan: false, run: false, evaluate: false, signOff: false, photos: false })
		await expect(recordMark(actors.inspectorA!, d.id, 'alarm', null)).rejects.toBeInstanceOf(ForbiddenError)
		expect((await db.drill.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('PLANNED')
	})

	it('answers compliance and lists only inside the scope', async () => {
		await expect(getEnterpriseCompliance(actors.inspectorB!, w.a.enterprise.id)).rejects.toBeInstanceOf(NotFoundError)
		await expect(getEnterpriseCompliance(actors.managerB!, w.a.enterprise.id)).rejects.toBeInstanceOf(NotFoundError)
		await expect(getEnterpriseCompliance(actors.workerA!, w.a.enterprise.id)).rejects.toBeInstanceOf(ForbiddenError)
		const ov = await getRegionOversight(actors.inspectorB!)
		expect(ov.enterprises.map((e) => e.id)).toEqual([w.b.enterprise.id])
		await expect(listDrills(actors.inspectorB!, { enterprise: w.a.enterprise.id })).rejects.toBeInstanceOf(NotFoundError)
		const own = await listDrills(actors.managerB!, { enterprise: w.a.enterprise.id })
		expect(own.enterprise.id).toBe(w.b.enterprise.id)
		expect(own.drills.every((d) => d.enterpriseId === w.b.enterprise.id)).toBe(true)
	})

	it('routes: 404 for a foreign enterprise or drill, 403 for a worker, never a 500', async () => {
		const d = await planDrill(actors.managerA!, plan())
		expect((await call(complianceRoute.loader, { url: '/', params: { enterpriseId: w.a.enterprise.id }, cookie: cookies.inspectorB })).status).toBe(404)
		expect((await call(complianceRoute.loader, { url: '/', params: { enterpriseId: w.a.enterprise.id }, cookie: cookies.inspectorA })).status).toBe(200)
		expect((await call(drillRoute.loader, { url: '/', params: { drillId: d.id }, cookie: cookies.managerB })).status).toBe(404)
		expect((await call(drillRoute.loader, { url: '/', params: { drillId: 'nope' }, cookie: cookies.managerA })).status).toBe(404)
		expect((await call(runRoute.loader, { url: '/', params: { drillId: d.id }, cookie: cookies.inspectorA })).status).toBe(403)
		expect((await call(exportRoute.loader, { url: `/drills/export?enterprise=${w.a.enterprise.id}`, cookie: cookies.inspectorB })).status).toBe(404)
	})
})

describe('bad input through the routes', () => {
	it('answers 400 with translated messages and changes nothing', async () => {
		const d = await planDrill(actors.managerA!, plan())
		const before = await db.drill.findUniqueOrThrow({ where: { id: d.id } })
		const bad = await call(runRoute.action, { url: `/drills/${d.id}/run`, params: { drillId: d.id }, cookie: cookies.managerA, form: { intent: 'mark', mark: 'explode' } })
		expect(bad.status).toBe(400)
		const bogus = await call(runRoute.action, { url: `/drills/${d.id}/run`, params: { drillId: d.id }, cookie: cookies.managerA, form: { intent: 'nope' } })
		expect(bogus.status).toBe(400)
		const early = await call(runRoute.action, { url: `/drills/${d.id}/run`, params: { drillId: d.id }, cookie: cookies.managerA, form: { intent: 'finish' } })
		expect(early.status).toBe(400)
		expect(early.data).toMatchObject({ formErrors: [{ key: 'drills:errors.illegalTransition' }] })
		const hc = await call(runRoute.action, { url: `/drills/${d.id}/run`, params: { drillId: d.id }, cookie: cookies.managerA, form: { intent: 'headcount', accounted: '-3' } })
		expect(hc.status).toBe(400)
		expect(await db.drill.findUniqueOrThrow({ where: { id: d.id } })).toEqual(before)
	})

	it('the phone queue endpoint: JSON answers, translated, idempotent', async () => {
		const d = await planDrill(actors.managerA!, plan())
		const sync = (form: Record<string, string>, cookie = cookies.managerA) =>
			syncRoute.action({ request: new Request(`http://localhost/drills/${d.id}/run/sync`, { method: 'POST', headers: { cookie: cookie ?? '', 'accept-language': 'en' }, body: new URLSearchParams(form) }), params: { drillId: d.id }, context: {} })
		const early = await sync({ type: 'mark', mark: 'clear', ageMs: '10' })
		expect(early.status).toBe(400)
		expect(((await early.json()) as { message: string }).message).toBe('Not possible while the drill is “Planned”.')
		const start = await sync({ type: 'mark', mark: 'alarm', ageMs: '4000' })
		expect(start.status).toBe(200)
		const body = (await start.json()) as { ok: boolean; at: string }
		expect(body.ok).toBe(true)
		const retry = await sync({ type: 'mark', mark: 'alarm', ageMs: '9000' })
		expect(await retry.json()).toMatchObject({ ok: true, already: true, at: body.at })
		expect((await sync({ type: 'note', text: '', clientId: 'abcdefgh1' })).status).toBe(400)
		expect((await sync({ type: 'teleport' })).status).toBe(400)
		expect((await sync({ type: 'mark', mark: 'alarm' }, cookies.managerB)).status).toBe(404)
		expect((await sync({ type: 'mark', mark: 'alarm' }, '')).status).toBe(401)
		const ok = await sync({ type: 'headcount', expected: '8', accounted: '7' })
		expect(ok.status).toBe(200)
		expect((await db.drill.findUniqueOrThrow({ where: { id: d.id } })).headcountAccounted).toBe(7)
	})
})

describe('photos', () => {
	let drillId = ''
	beforeAll(async () => {
		drillId = (await planDrill(actors.managerA!, plan())).id
		await recordMark(actors.managerA!, drillId, 'alarm', null)
	})

	it('stores a sniffed image on disk under UPLOAD_DIR, not in the database', async () => {
		const p = await addPhoto(actors.managerA!, drillId, PNG_BYTES, '集合点')
		expect(p.mime).toBe('image/png')
		const file = path.join(uploadDir, p.storageKey)
		expect(fs.readFileSync(file)).toEqual(Buffer.from(PNG_BYTES))
		expect(p.storageKey).toMatch(new RegExp(`^drills/${w.a.enterprise.id}/[0-9a-f-]+\\.png$`))
		const read = await readDrillPhoto(actors.inspectorA!, drillId, p.id)
		expect(read.mime).toBe('image/png')
		await expect(readDrillPhoto(actors.managerB!, drillId, p.id)).rejects.toBeInstanceOf(NotFoundError)
		await expect(readDrillPhoto(actors.inspectorB!, drillId, p.id)).rejects.toBeInstanceOf(NotFoundError)
		// The route serves it with its sniffed type to those allowed, 404 to others.
		const ok = await photoRoute.loader({ request: new Request('http://localhost/', { headers: { cookie: cookies.managerA! } }), params: { drillId, photoId: p.id }, context: {} })
		expect(ok.status).toBe(200)
		expect(ok.headers.get('content-type')).toBe('image/png')
		expect((await call(photoRoute.loader, { url: '/', params: { drillId, photoId: p.id }, cookie: cookies.managerB })).status).toBe(404)
		await deletePhoto(actors.managerA!, drillId, p.id)
		expect(fs.existsSync(file)).toBe(false)
		expect(await auditCount(drillId, 'drill.photo.deleted')).toBe(1)
	})

	it('refuses other types and oversize files, writing nothing', async () => {
		const files = () => (fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir, { recursive: true }).filter((f) => String(f).includes('.')) : [])
		const before = files().length
		const gif = new TextEncoder().encode('GIF89a............')
		expect((await refusal(addPhoto(actors.managerA!, drillId, gif, ''))).key).toBe('drills:errors.photoType')
		const html = new TextEncoder().encode('<html><script>alert(1)</script></html>')
		expect((await refusal(addPhoto(actors.managerA!, drillId, html, ''))).key).toBe('drills:errors.photoType')
		const big = new Uint8Array(5 * 1024 * 1024 + 1)
		big.set([0xff, 0xd8, 0xff, 0xe0])
		expect((await refusal(addPhoto(actors.managerA!, drillId, big, ''))).key).toBe('drills:errors.photoTooBig')
		await expect(addPhoto(actors.workerA!, drillId, PNG_BYTES, '')).rejects.toBeInstanceOf(NotFoundError)
		expect(files().length).toBe(before)
		expect(await db.drillPhoto.count({ where: { drillId } })).toBe(0)
	})

	it('the upload route answers 400 for an oversize multipart part', async () => {
		const form = new FormData()
		form.append('photo', new Blob([new Uint8Array(5 * 1024 * 1024 + 10)], { type: 'image/jpeg' }), 'big.jpg')
		const res = await call(drillRoute.action, { url: `/drills/${drillId}`, params: { drillId }, cookie: cookies.managerA, form })
		expect(res.status).toBe(400)
		expect(res.data).toMatchObject({ fieldErrors: { photo: [{ key: 'drills:errors.photoTooBig' }] } })
	})
})

describe('other transitions', () => {
	it('cancels a planned drill with a reason; evaluator can be changed while evaluating', async () => {
		const d = await planDrill(actors.managerA!, plan())
		await cancelDrill(actors.managerA!, d.id, '停车检修')
		expect((await db.drill.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('CANCELLED')
		expect((await refusal(recordMark(actors.managerA!, d.id, 'alarm', null))).values).toEqual({ from: 'CANCELLED', to: 'RUNNING' })
		expect((await refusal(setEvaluator(actors.managerA!, d.id, w.a.manager.person.id))).key).toBe('drills:errors.notInStatus')
	})

	it('concurrent alarms from two phones start the drill once', async () => {
		const d = await planDrill(actors.managerA!, plan())
		const [a, b] = await Promise.all([recordMark(actors.managerA!, d.id, 'alarm', 100), recordMark(actors.managerA!, d.id, 'alarm', 300)])
		expect([a.already, b.already].sort()).toEqual([false, true])
		expect(a.at).toEqual(b.at)
		expect(await auditCount(d.id, 'drill.started')).toBe(1)
	})

	it('exports CSV with the drills of the enterprise only', async () => {
		const rows = await listDrillsForExport(actors.managerA!, {})
		expect(rows.length).toBeGreaterThan(0)
		expect(rows.every((r) => r.enterpriseId === w.a.enterprise.id)).toBe(true)
		const res = (await exportRoute.loader({ request: new Request('http://localhost/drills/export', { headers: { cookie: cookies.managerA!, 'accept-language': 'en' } }), params: {}, context: {} })) as Response
		const bytes = new Uint8Array(await res.arrayBuffer())
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const text = new TextDecoder().decode(bytes)
		expect(res.headers.get('content-type')).toContain('text/csv')
		expect(text.startsWith('Area,Area kind,Half-year')).toBe(true)
		expect(text).toContain(w.a.manager.person.name)
		expect(text).not.toContain(w.b.manager.person.name)
	})
})

afterAll(() => {
	fs.rmSync(uploadDir, { recursive: true, force: true })
})
