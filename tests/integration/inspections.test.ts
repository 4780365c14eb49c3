import { beforeAll, describe, expect, it } from 'vitest'
import { saveAnswer, submitAttempt } from '~/domain/exam/attempts.server.ts'
import { ensureDefaultBlueprints } from '~/domain/exam/blueprints.server.ts'
import { toDisplayKeys } from '~/domain/exam/paper.ts'
import type { PaperItem } from '~/domain/exam/types.ts'
import { createInspection, drawForInspection, findByShortCode, findByToken, getBoard, openByCode, reissueCode } from '~/domain/inspections.server.ts'
import type { Actor } from '~/domain/policy.ts'
import { replayDraw } from '~/domain/spot-check.ts'
import { getActor } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import * as codeRoute from '~/routes/c.$token.tsx'
import * as shortCodeRoute from '~/routes/c._index.tsx'
import * as boardRoute from '~/routes/inspections.$inspectionId.tsx'
import * as examineeRoute from '~/routes/inspections.$inspectionId.examinees.$examineeId.tsx'
import * as listRoute from '~/routes/inspections._index.tsx'
import * as newRoute from '~/routes/inspections.new.tsx'
import * as pdfRoute from '~/routes/inspections.$inspectionId.pdf.ts'
import { ensureShippedShapeBank } from '../support/exam-fixtures.ts'
import { call, cookieFor, makeWorld } from '../support/world.ts'

let w: Awaited<ReturnType<typeof makeWorld>>
const c: Record<string, string> = {}
const actors: Record<string, Actor> = {}

async function actorFor(cookie: string): Promise<Actor> {
	const a = await getActor(new Request('http://localhost/', { headers: { cookie } }))
	if (!a) throw new Error('no actor')
	return a
}

let seq = 0
async function addPeople(e: Awaited<ReturnType<typeof makeWorld>>['a'], n: number, over: { employmentType?: string; dutyStatus?: string; post?: string } = {}) {
	const ids: string[] = []
	for (let i = 0; i < n; i++) {
		const mobile = `134${String(process.pid % 1000).padStart(3, '0')}${String(++seq).padStart(5, '0')}`
		const p = await db.person.create({
			data: { enterpriseId: e.enterprise.id, name: `抽考${seq}`, mobile, employmentType: over.employmentType ?? 'EMPLOYEE', departmentId: e.dept.id, post: over.post ?? '操作工', dutyStatus: over.dutyStatus ?? 'ON_POST' },
		})
		await db.user.create({ data: { mobile, displayName: p.name, passwordHash: '', mustChangePassword: false, personId: p.id, roles: { create: [{ role: 'WORKER' }] } } })
		ids.push(p.id)
	}
	return ids
}

async function answerAndSubmit(attemptId: string, personId: string, correct: boolean) {
	const a = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })
	const paper = JSON.parse(a.paper) as PaperItem[]
	const qs = await db.question.findMany({ where: { id: { in: paper.map((p) => p.q) } } })
	const ans = new Map(qs.map((q) => [q.id, JSON.parse(q.answer) as string[]]))
	for (const [i, item] of paper.entries()) {
		const right = toDisplayKeys(item, ans.get(item.q)!)
		const choice = correct ? right : item.t === 'TRUEFALSE' ? [right[0] === 'T' ? 'F' : 'T'] : [['A', 'B', 'C', 'D'].find((k) => !right.includes(k))!]
		await saveAnswer({ attemptId, personId, position: i, choice })
	}
	return submitAttempt({ attemptId, personId, now: new Date(Date.now() + 10 * 60_000) })
}

let contractors: string[] = []
let suspended: string[] = []

beforeAll(async () => {
	await ensureShippedShapeBank(db)
	await ensureDefaultBlueprints()
	w = await makeWorld()
	await addPeople(w.a, 12)
	contractors = await addPeople(w.a, 3, { employmentType: 'CONTRACTOR' })
	suspended = await addPeople(w.a, 2, { dutyStatus: 'SUSPENDED' })
	c.inspectorA = await cookieFor(w.inspectorA.user.id)
	c.inspectorB = await cookieFor(w.inspectorB.user.id)
	c.managerA = await cookieFor(w.a.manager.user.id)
	c.regulator = await cookieFor(w.cityRegulator.user.id)
	for (const k of Object.keys(c)) actors[k] = await actorFor(c[k]!)
})

async function newInspection() {
	return createInspection(actors.inspectorA!, { enterpriseId: w.a.enterprise.id, date: '2026-11-20', method: 'FOUR_NO_TWO_STRAIGHT', team: '张三、李四', notes: '' })
}

describe('creating an inspection', () => {
	it('only at an enterprise of the inspector’s region; bad input is a 400', async () => {
		const ok = await call(newRoute.action, { url: '/inspections/new', cookie: c.inspectorA, form: { enterpriseId: w.a.enterprise.id, date: '2026-11-20', method: 'CROSS', team: '', notes: '' } })
		expect(ok.status).toBe(302)
		const before = await db.inspection.count()
		const foreign = await call(newRoute.action, { url: '/inspections/new', cookie: c.inspectorA, form: { enterpriseId: w.b.enterprise.id, date: '2026-11-20', method: 'CROSS' } })
		expect(foreign.status).toBe(400)
		const bad = await call(newRoute.action, { url: '/inspections/new', cookie: c.inspectorA, form: { enterpriseId: w.a.enterprise.id, date: '2026-02-30', method: 'SECRET' } })
		expect(bad.status).toBe(400)
		const fe = (bad.data as { fieldErrors: Record<string, { key: string }[]> }).fieldErrors
		expect(fe.date?.[0]?.key).toBe('errors:dateInvalid')
		expect(fe.method?.[0]?.key).toBe('errors:invalidChoice')
		expect(await db.inspection.count()).toBe(before)
		// a safety manager or regulator cannot create one
		expect((await call(newRoute.action, { url: '/inspections/new', cookie: c.managerA, form: {} })).status).toBe(403)
		expect((await call(newRoute.action, { url: '/inspections/new', cookie: c.regulator, form: {} })).status).toBe(403)
	})
})

describe('the draw', () => {
	it('takes principal, managers and N on-post workers (contractors eligible, suspended never), reproducibly', async () => {
		const i = await newInspection()
		await drawForInspection(actors.inspectorA!, i.id, { count: 6, departmentId: null, post: null })
		const row = await db.inspection.findUniqueOrThrow({ where: { id: i.id } })
		const pool = JSON.parse(row.drawPool) as string[]
		const examinees = await db.spotCheckExaminee.findMany({ where: { inspectionId: i.id }, orderBy: { ord: 'asc' } })
		expect(examinees.filter((e) => e.role === 'PRINCIPAL').map((e) => e.personId)).toEqual([w.a.principal.person.id])
		expect(examinees.filter((e) => e.role === 'SAFETY_MANAGER').map((e) => e.personId)).toEqual([w.a.manager.person.id])
		expect(examinees.find((e) => e.role === 'PRINCIPAL')!.purpose).toBe('COMPETENCE')
		const workers = examinees.filter((e) => e.role === 'WORKER')
		expect(workers).toHaveLength(6)
		for (const id of contractors) expect(pool).toContain(id)
		for (const id of suspended) expect(pool).not.toContain(id)
		expect(replayDraw(pool, row.drawSeed!, 6)).toEqual(workers.map((e) => e.personId))
		// codes: unique, long token, 8-char short code, a few hours of validity
		expect(new Set(examinees.map((e) => e.token)).size).toBe(examinees.length)
		for (const e of examinees) {
			expect(e.token.length).toBeGreaterThanOrEqual(32)
			expect(e.shortCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/)
			expect(e.codeExpiresAt.getTime() - Date.now()).toBeGreaterThan(3 * 3600_000)
		}
		const board = await getBoard(actors.inspectorA!, i.id)
		expect(board.draw?.reproducible).toBe(true)
		expect(board.counts.NOT_STARTED).toBe(8)
		// drawing twice is refused; audit recorded once
		await expect(drawForInspection(actors.inspectorA!, i.id, { count: 1, departmentId: null, post: null })).rejects.toMatchObject({ key: 'inspections:alreadyDrawn' })
		expect(await db.auditEvent.count({ where: { entityId: i.id, action: 'inspection.drawn' } })).toBe(1)
		const bad = await call(boardRoute.action, { url: `/inspections/${i.id}`, cookie: c.inspectorA, params: { inspectionId: i.id }, form: { intent: 'draw', count: '99' } })
		expect(bad.status).toBe(400)
	})
})

describe('opening a paper by code', () => {
	it('binds to one device, resumes there, refuses elsewhere; reissue invalidates; a fail opens retraining', async () => {
		const i = await newInspection()
		await drawForInspection(actors.inspectorA!, i.id, { count: 2, departmentId: null, post: null })
		const e = (await db.spotCheckExaminee.findFirstOrThrow({ where: { inspectionId: i.id, role: 'WORKER' } }))!
		// GET never uses the code (link previews)
		const page = await call(codeRoute.loader, { url: `/c/${e.token}`, params: { token: e.token } })
		expect(page.status).toBe(200)
		expect((page.data as { state: string }).state).toBe('VALID')
		expect((await db.spotCheckExaminee.findUniqueOrThrow({ where: { id: e.id } })).boundAt).toBeNull()
		// POST binds and redirects to the exam with two cookies
		const open = await call(codeRoute.action, { url: `/c/${e.token}`, params: { token: e.token }, form: {} })
		expect(open.status).toBe(302)
		const location = open.headers.get('location')!
		expect(location).toMatch(/^\/exam\//)
		const cookies = open.headers.get('set-cookie')!
		expect(cookies).toContain('anxun_sc_device=')
		expect(cookies).toContain('anxun_exam=')
		const device = /anxun_sc_device=([^;]+)/.exec(cookies)![1]!
		// same device resumes the same attempt
		const again = await call(codeRoute.action, { url: `/c/${e.token}`, params: { token: e.token }, form: {}, cookie: `anxun_sc_device=${device}` })
		expect(again.headers.get('location')).toBe(location)
		// another device is refused with a message
		const other = await call(codeRoute.action, { url: `/c/${e.token}`, params: { token: e.token }, form: {} })
		expect(other.status).toBe(400)
		expect((other.data as { formErrors: { key: string }[] }).formErrors[0]!.key).toBe('inspections:codeUsed')
		expect(await db.examAttempt.count({ where: { subjectType: 'SpotCheckExaminee', subjectId: e.id } })).toBe(1)

		let board = await getBoard(actors.inspectorA!, i.id)
		expect(board.examinees.find((x) => x.id === e.id)!.status).toBe('IN_PROGRESS')

		// the inspector reissues: the old link is gone, a new one works on a new device
		await reissueCode(actors.inspectorA!, i.id, e.id)
		expect(await findByToken(e.token)).toBeNull()
		const fresh = await db.spotCheckExaminee.findUniqueOrThrow({ where: { id: e.id } })
		const reopened = await openByCode((await findByToken(fresh.token))!, null)
		expect(`/exam/${reopened.attemptId}`).toBe(location) // same attempt continues

		// fail the paper: examinee FAILED, case opened, person suspended
		const attemptId = reopened.attemptId
		await answerAndSubmit(attemptId, e.personId, false)
		board = await getBoard(actors.inspectorA!, i.id)
		const row = board.examinees.find((x) => x.id === e.id)!
		expect(row.status).toBe('FAILED')
		expect(row.caseState).toBe('OPEN')
		const cs = await db.retrainingCase.findFirstOrThrow({ where: { sourceType: 'SpotCheckExaminee', sourceId: e.id } })
		expect(cs.trigger).toBe('SPOT_CHECK_FAIL')
		expect(JSON.parse(cs.requiredPacks).length).toBeGreaterThan(0)
		expect((await db.person.findUniqueOrThrow({ where: { id: e.personId } })).dutyStatus).toBe('SUSPENDED')
		expect(board.hiddenDanger).toEqual([])
		// the link on the same phone now leads to the result, never to a second paper
		const after = (await findByToken(fresh.token))!
		const { openState } = await import('~/domain/inspections.server.ts')
		expect(openState(after, reopened.deviceSecret)).toBe('DONE')
		expect((await openByCode(after, reopened.deviceSecret)).attemptId).toBe(attemptId)
		expect(await db.examAttempt.count({ where: { subjectType: 'SpotCheckExaminee', subjectId: e.id } })).toBe(1)
	})

	it('a principal who fails the competence check shows hidden-danger item 1 on the board', async () => {
		const i = await newInspection()
		await drawForInspection(actors.inspectorA!, i.id, { count: 0, departmentId: null, post: null })
		const e = await db.spotCheckExaminee.findFirstOrThrow({ where: { inspectionId: i.id, role: 'PRINCIPAL' } })
		const opened = await openByCode((await findByToken(e.token))!, null)
		const attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: opened.attemptId }, include: { blueprint: true } })
		expect(attempt.purpose).toBe('COMPETENCE')
		expect(attempt.blueprint.code).toBe('PRINCIPAL_COMPETENCE')
		await answerAndSubmit(opened.attemptId, e.personId, false)
		const board = await getBoard(actors.inspectorA!, i.id)
		expect(board.hiddenDanger).toEqual([{ role: 'PRINCIPAL', name: w.a.principal.person.name }])
		const cs = await db.retrainingCase.findFirstOrThrow({ where: { sourceId: e.id } })
		expect(cs.trigger).toBe('COMPETENCE_FAIL')
		const list = await call(listRoute.loader, { url: '/inspections', cookie: c.inspectorA })
		expect((list.data as { inspections: { id: string; hiddenDanger: boolean }[] }).inspections.find((x) => x.id === i.id)!.hiddenDanger).toBe(true)
		// put the principal back for other tests (this test only checks the board)
		await db.retrainingCase.update({ where: { id: cs.id }, data: { state: 'CLEARED' } })
		await db.person.update({ where: { id: e.personId }, data: { dutyStatus: 'ON_POST' } })
	})

	it('short codes: typed forms work, wrong guesses are throttled, expired codes refused', async () => {
		const i = await newInspection()
		await drawForInspection(actors.inspectorA!, i.id, { count: 1, departmentId: null, post: null })
		const e = await db.spotCheckExaminee.findFirstOrThrow({ where: { inspectionId: i.id, role: 'WORKER' } })
		const typed = `${e.shortCode.slice(0, 4).toLowerCase()}-${e.shortCode.slice(4)}`
		expect((await findByShortCode(typed, '10.9.9.1')).id).toBe(e.id)
		// expire it
		await db.spotCheckExaminee.update({ where: { id: e.id }, data: { codeExpiresAt: new Date(Date.now() - 1000) } })
		const expired = await call(shortCodeRoute.action, { url: '/c', form: { code: e.shortCode } })
		expect(expired.status).toBe(400)
		expect((expired.data as { formErrors: { key: string }[] }).formErrors[0]!.key).toBe('inspections:codeExpired')
		expect(await db.examAttempt.count({ where: { subjectId: e.id } })).toBe(0)
		// ten wrong guesses from one address lock it
		for (let k = 0; k < 10; k++) await expect(findByShortCode('ZZZZ-ZZZZ', '10.9.9.2')).rejects.toMatchObject({ key: 'inspections:codeUnknown' })
		await db.spotCheckExaminee.update({ where: { id: e.id }, data: { codeExpiresAt: new Date(Date.now() + 3600_000) } })
		await expect(findByShortCode(e.shortCode, '10.9.9.2')).rejects.toMatchObject({ key: 'inspections:codeLocked' })
		const empty = await call(shortCodeRoute.action, { url: '/c', form: { code: '' } })
		expect(empty.status).toBe(400)
		// unknown link: 404 page, not a 500
		expect((await call(codeRoute.loader, { url: '/c/nope', params: { token: 'nope' } })).status).toBe(404)
		expect((await call(codeRoute.action, { url: '/c/nope', params: { token: 'nope' }, form: {} })).status).toBe(404)
	})

	it('kiosk mode hands the inspector’s device over and returns to the board', async () => {
		const i = await newInspection()
		await drawForInspection(actors.inspectorA!, i.id, { count: 1, departmentId: null, post: null })
		const e = await db.spotCheckExaminee.findFirstOrThrow({ where: { inspectionId: i.id, role: 'WORKER' } })
		const r = await call(examineeRoute.action, {
			url: `/inspections/${i.id}/examinees/${e.id}`,
			cookie: c.inspectorA,
			params: { inspectionId: i.id, examineeId: e.id },
			form: { intent: 'kiosk' },
		})
		expect(r.status).toBe(302)
		const attemptId = r.headers.get('location')!.replace('/exam/', '')
		const access = await db.attemptAccess.findFirstOrThrow({ where: { attemptId } })
		expect(access.returnTo).toBe(`/inspections/${i.id}`)
		expect((await db.spotCheckExaminee.findUniqueOrThrow({ where: { id: e.id } })).boundAt).toBeTruthy()
	})
})

describe('tenant isolation', () => {
	it('an inspector of another county gets 404 on the inspection, board, examinee page and actions', async () => {
		const i = await newInspection()
		await drawForInspection(actors.inspectorA!, i.id, { count: 1, departmentId: null, post: null })
		const e = await db.spotCheckExaminee.findFirstOrThrow({ where: { inspectionId: i.id } })
		const p = { inspectionId: i.id }
		expect((await call(boardRoute.loader, { url: `/inspections/${i.id}`, cookie: c.inspectorB, params: p })).status).toBe(404)
		expect((await call(boardRoute.action, { url: `/inspections/${i.id}`, cookie: c.inspectorB, params: p, form: { intent: 'close', confirm: 'on' } })).status).toBe(404)
		const pe = { inspectionId: i.id, examineeId: e.id }
		expect((await call(examineeRoute.loader, { url: `/inspections/${i.id}/examinees/${e.id}`, cookie: c.inspectorB, params: pe })).status).toBe(404)
		expect((await call(examineeRoute.action, { url: `/inspections/${i.id}/examinees/${e.id}`, cookie: c.inspectorB, params: pe, form: { intent: 'kiosk' } })).status).toBe(404)
		expect((await call(examineeRoute.action, { url: `/inspections/${i.id}/examinees/${e.id}`, cookie: c.inspectorB, params: pe, form: { intent: 'reissue' } })).status).toBe(404)
		// an examinee id from another inspection is a 404 too
		const other = await newInspection()
		expect((await call(examineeRoute.loader, { url: '/', cookie: c.inspectorA, params: { inspectionId: other.id, examineeId: e.id } })).status).toBe(404)
		const list = await call(listRoute.loader, { url: '/inspections', cookie: c.inspectorB })
		expect((list.data as { inspections: { id: string }[] }).inspections.map((x) => x.id)).not.toContain(i.id)
		// enterprise users cannot open the board at all
		expect((await call(boardRoute.loader, { url: `/inspections/${i.id}`, cookie: c.managerA, params: p })).status).toBe(403)
		expect((await db.spotCheckExaminee.findUniqueOrThrow({ where: { id: e.id } })).boundAt).toBeNull()
		expect((await db.inspection.findUniqueOrThrow({ where: { id: i.id } })).closedAt).toBeNull()
	})

	it('closing: codes not yet used stop working', async () => {
		const i = await newInspection()
		await drawForInspection(actors.inspectorA!, i.id, { count: 1, departmentId: null, post: null })
		const e = await db.spotCheckExaminee.findFirstOrThrow({ where: { inspectionId: i.id, role: 'WORKER' } })
		const noConfirm = await call(boardRoute.action, { url: `/inspections/${i.id}`, cookie: c.inspectorA, params: { inspectionId: i.id }, form: { intent: 'close' } })
		expect(noConfirm.status).toBe(400)
		const closed = await call(boardRoute.action, { url: `/inspections/${i.id}`, cookie: c.inspectorA, params: { inspectionId: i.id }, form: { intent: 'close', confirm: 'on' } })
		expect(closed.status).toBe(302)
		const r = await call(codeRoute.action, { url: `/c/${e.token}`, params: { token: e.token }, form: {} })
		expect(r.status).toBe(400)
		expect((r.data as { formErrors: { key: string }[] }).formErrors[0]!.key).toBe('inspections:codeClosed')
	})
})

describe('regulators read the region’s inspections, never run them', () => {
	it('list, board and record for the city regulator, without any one-time code; no drawing, closing or codes; another county’s regulator gets 404', async () => {
		const i = await newInspection()
		await drawForInspection(actors.inspectorA!, i.id, { count: 2, departmentId: null, post: null })
		const examinees = await db.spotCheckExaminee.findMany({ where: { inspectionId: i.id } })
		const secrets = examinees.flatMap((e) => [e.token, e.shortCode])

		const list = await call(listRoute.loader, { url: '/inspections', cookie: c.regulator })
		expect(list.status).toBe(200)
		const listData = list.data as { canRun: boolean; inspections: { id: string }[] }
		expect(listData.canRun).toBe(false)
		expect(listData.inspections.map((x) => x.id)).toContain(i.id)

		const board = await call(boardRoute.loader, { url: `/inspections/${i.id}`, params: { inspectionId: i.id }, cookie: c.regulator })
		expect(board.status).toBe(200)
		const boardData = board.data as { canRun: boolean; options: unknown; examinees: { id: string }[] }
		expect(boardData.canRun).toBe(false)
		expect(boardData.options).toBeNull()
		expect(boardData.examinees).toHaveLength(examinees.length)
		// The codes open papers: they are in no reader's page, the inspector's board included.
		const inspectorBoard = await call(boardRoute.loader, { url: `/inspections/${i.id}`, params: { inspectionId: i.id }, cookie: c.inspectorA })
		for (const text of [JSON.stringify(board.data), JSON.stringify(inspectorBoard.data)]) for (const s of secrets) expect(text).not.toContain(s)

		const examineePage = await call(examineeRoute.loader, { url: `/inspections/${i.id}/examinees/${examinees[0]!.id}`, params: { inspectionId: i.id, examineeId: examinees[0]!.id }, cookie: c.regulator })
		expect(examineePage.status).toBe(403)
		const before = await db.spotCheckExaminee.count({ where: { inspectionId: i.id } })
		for (const form of [{ intent: 'close', confirm: 'on' }, { intent: 'draw', count: '3' }] as Record<string, string>[]) {
			const r = await call(boardRoute.action, { url: `/inspections/${i.id}`, params: { inspectionId: i.id }, cookie: c.regulator, form })
			expect(r.status).toBe(403)
		}
		expect((await db.inspection.findUniqueOrThrow({ where: { id: i.id } })).closedAt).toBeNull()
		expect(await db.spotCheckExaminee.count({ where: { inspectionId: i.id } })).toBe(before)

		const pdf = await call(pdfRoute.loader, { url: `/inspections/${i.id}/pdf`, params: { inspectionId: i.id }, cookie: c.regulator })
		expect(pdf.status).toBe(200)
		expect(pdf.headers.get('content-type')).toContain('application/pdf')

		// A regulator of county B sees nothing of county A's inspection.
		const regulatorB = await db.user.create({
			data: { mobile: `139${String(process.pid % 1000).padStart(3, '0')}77001`, displayName: '乙县监管', passwordHash: '', mustChangePassword: false, regionId: w.countyB.id, roles: { create: [{ role: 'REGULATOR' }] } },
		})
		const cookieB = await cookieFor(regulatorB.id)
		const listB = await call(listRoute.loader, { url: '/inspections', cookie: cookieB })
		expect((listB.data as { inspections: { id: string }[] }).inspections.map((x) => x.id)).not.toContain(i.id)
		expect((await call(boardRoute.loader, { url: `/inspections/${i.id}`, params: { inspectionId: i.id }, cookie: cookieB })).status).toBe(404)
		expect((await call(pdfRoute.loader, { url: `/inspections/${i.id}/pdf`, params: { inspectionId: i.id }, cookie: cookieB })).status).toBe(404)
	})
})
