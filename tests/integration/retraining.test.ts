import { beforeAll, describe, expect, it } from 'vitest'
import { saveAnswer, submitAttempt } from '~/domain/exam/attempts.server.ts'
import { ensureDefaultBlueprints } from '~/domain/exam/blueprints.server.ts'
import { toDisplayKeys } from '~/domain/exam/paper.ts'
import type { PaperItem } from '~/domain/exam/types.ts'
import type { Actor } from '~/domain/policy.ts'
import {
	applyEvent,
	assertMayBeOnPost,
	getCase,
	listCases,
	openRetrainingCase,
	reopenCase,
	setRequiredHours,
	startReexam,
	startTraining,
	syncCase,
} from '~/domain/retraining.server.ts'
import { RuleError } from '~/domain/roster.server.ts'
import { acknowledgeViolation, recordViolation, violationInputSchema } from '~/domain/violations.server.ts'
import { getActor } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import * as caseRoute from '~/routes/retraining.$caseId.tsx'
import * as casesRoute from '~/routes/retraining._index.tsx'
import * as violationRoute from '~/routes/violations.$violationId.tsx'
import * as newViolationRoute from '~/routes/violations.new.tsx'
import * as violationsRoute from '~/routes/violations._index.tsx'
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

type Ent = Awaited<ReturnType<typeof makeWorld>>['a']

/** A fresh worker in enterprise e (tests never share a person). */
let seq = 0
async function newWorker(e: Ent, name = `工人${++seq}`) {
	const mobile = `135${String(process.pid % 1000).padStart(3, '0')}${String(++seq).padStart(5, '0')}`
	const person = await db.person.create({ data: { enterpriseId: e.enterprise.id, name, mobile, employmentType: 'EMPLOYEE', departmentId: e.dept.id, post: '硝化工艺操作工' } })
	const user = await db.user.create({ data: { mobile, displayName: name, passwordHash: '', mustChangePassword: false, personId: person.id, roles: { create: [{ role: 'WORKER' }] } } })
	const cookie = await cookieFor(user.id)
	return { person, user, cookie, actor: await actorFor(cookie) }
}

const T0 = new Date()

function violationInput(personId: string, type = 'OPERATION') {
	const parsed = violationInputSchema(T0).safeParse({
		personId,
		type,
		occurredAt: '2026-11-01T09:30',
		place: '硝化车间二楼',
		description: '未办理动火作业票即开始焊接。',
		foundBy: '安全员巡检',
	})
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues))
	return parsed.data
}

/** Complete a case's training: every required assignment completed, hours credited. */
async function completeTraining(caseId: string, personId: string, minutes = 480) {
	const cs = await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })
	await db.assignment.updateMany({ where: { retrainingCaseId: caseId }, data: { status: 'COMPLETED', completedAt: new Date(), startedAt: new Date() } })
	const a = await db.assignment.findFirstOrThrow({ where: { retrainingCaseId: caseId }, include: { packVersion: { include: { lessons: true } } } })
	let lesson = a.packVersion.lessons[0]
	if (!lesson) lesson = await db.lesson.create({ data: { packVersionId: a.packVersionId, key: `l-${caseId}`, ord: 1, titleZh: '课', titleEn: 'L', minutes: 30, body: 'x' } })
	await db.studySession.create({
		data: { personId, assignmentId: a.id, lessonId: lesson.id, startedAt: new Date(cs.openedAt.getTime() + 1000), lastAt: new Date(), credited: (minutes - 120) * 60, beats: 10, closedAt: new Date() },
	})
	const session = await db.classroomSession.create({
		data: { enterpriseId: cs.enterpriseId, topic: '脱产复训', trainer: '韩老师', place: '会议室', startsAt: new Date(cs.openedAt.getTime() + 60_000), endsAt: new Date(cs.openedAt.getTime() + 3 * 3600_000), minutes: 120, offJob: true, createdByUserId: 'test' },
	})
	await db.attendance.create({ data: { sessionId: session.id, personId, method: 'MANUAL' } })
}

async function answerAndSubmit(attemptId: string, personId: string, correct: boolean) {
	const a = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })
	const paper = JSON.parse(a.paper) as PaperItem[]
	const qs = await db.question.findMany({ where: { id: { in: paper.map((p) => p.q) } } })
	const ans = new Map(qs.map((q) => [q.id, JSON.parse(q.answer) as string[]]))
	for (const [i, item] of paper.entries()) {
		const right = toDisplayKeys(item, ans.get(item.q)!)
		const choice = correct ? right : item.t === 'TRUEFALSE' ? [right[0] === 'T' ? 'F' : 'T'] : [['A', 'B', 'C', 'D'].find((k) => !right.includes(k))!]
		const r = await saveAnswer({ attemptId, personId, position: i, choice })
		expect(r.ok).toBe(true)
	}
	return submitAttempt({ attemptId, personId })
}

beforeAll(async () => {
	await ensureShippedShapeBank(db)
	await ensureDefaultBlueprints()
	w = await makeWorld()
	c.managerA = await cookieFor(w.a.manager.user.id)
	c.principalA = await cookieFor(w.a.principal.user.id)
	c.managerB = await cookieFor(w.b.manager.user.id)
	c.inspectorA = await cookieFor(w.inspectorA.user.id)
	c.inspectorB = await cookieFor(w.inspectorB.user.id)
	for (const k of Object.keys(c)) actors[k] = await actorFor(c[k]!)
})

const managerA = () => actors.managerA as Actor & { enterpriseId: string }

describe('three violations open a retraining case', () => {
	it('records, suspends, assigns the packs, audits; the person acknowledges on their phone', async () => {
		const x = await newWorker(w.a)
		const v = await recordViolation(managerA(), violationInput(x.person.id, 'OPERATION'), T0)
		expect(v.caseId).toBeTruthy()
		const person = await db.person.findUniqueOrThrow({ where: { id: x.person.id } })
		expect(person.dutyStatus).toBe('SUSPENDED')
		const cs = await db.retrainingCase.findUniqueOrThrow({ where: { id: v.caseId! } })
		expect(cs).toMatchObject({ state: 'OPEN', trigger: 'VIOLATION', sourceType: 'Violation', sourceId: v.id, requiredMinutes: 480 })
		expect(JSON.parse(cs.requiredPacks).sort()).toEqual(['special-operations-2022', 'three-violations'])
		const assignments = await db.assignment.findMany({ where: { retrainingCaseId: cs.id } })
		expect(assignments.map((a) => a.reason)).toEqual(['RETRAINING', 'RETRAINING'])
		const audits = await db.auditEvent.findMany({ where: { OR: [{ entityId: v.id }, { entityId: cs.id }] } })
		expect(audits.map((a) => a.action).sort()).toEqual(['retraining.OPENED', 'violation.recorded'])

		// a discipline record needs only the three-violations pack
		const y = await newWorker(w.a)
		const v2 = await recordViolation(managerA(), violationInput(y.person.id, 'DISCIPLINE'), T0)
		const cs2 = await db.retrainingCase.findUniqueOrThrow({ where: { id: v2.caseId! } })
		expect(JSON.parse(cs2.requiredPacks)).toEqual(['three-violations'])

		// the person sees it and acknowledges it; a repeat is harmless, others get 404
		const page = await call(violationRoute.loader, { url: `/violations/${v.id}`, cookie: x.cookie, params: { violationId: v.id } })
		expect(page.status).toBe(200)
		expect((page.data as { self: boolean }).self).toBe(true)
		expect((await call(violationRoute.action, { url: `/violations/${v.id}`, cookie: y.cookie, params: { violationId: v.id }, form: {} })).status).toBe(404)
		expect((await call(violationRoute.action, { url: `/violations/${v.id}`, cookie: x.cookie, params: { violationId: v.id }, form: {} })).status).toBe(302)
		await acknowledgeViolation(x.actor, v.id)
		const after = await db.violation.findUniqueOrThrow({ where: { id: v.id } })
		expect(after.acknowledgedAt).toBeTruthy()
		expect(await db.auditEvent.count({ where: { entityId: v.id, action: 'violation.acknowledged' } })).toBe(1)
	})

	it('bad input answers 400 with messages per field and changes nothing', async () => {
		const before = await db.violation.count()
		const bad = await call(newViolationRoute.action, {
			url: '/violations/new',
			cookie: c.managerA,
			form: { personId: w.a.worker.person.id, type: 'SLEEPING', occurredAt: '2099-01-01T10:00', description: '', foundBy: '' },
		})
		expect(bad.status).toBe(400)
		const fe = (bad.data as { fieldErrors: Record<string, { key: string }[]> }).fieldErrors
		expect(fe.type?.[0]?.key).toBe('errors:invalidChoice')
		expect(fe.occurredAt?.[0]?.key).toBe('violations:inFuture')
		expect(fe.description?.[0]?.key).toBe('errors:required')
		const noWhere = await call(newViolationRoute.action, {
			url: '/violations/new',
			cookie: c.managerA,
			form: { personId: w.a.worker.person.id, type: 'COMMAND', occurredAt: '2026-11-01T09:00', description: 'x', foundBy: 'y' },
		})
		expect(noWhere.status).toBe(400)
		expect((noWhere.data as { fieldErrors: Record<string, { key: string }[]> }).fieldErrors.place?.[0]?.key).toBe('violations:whereRequired')
		// a person or area of another enterprise is refused as an invalid choice
		const foreign = await call(newViolationRoute.action, {
			url: '/violations/new',
			cookie: c.managerA,
			form: { personId: w.b.worker.person.id, type: 'COMMAND', occurredAt: '2026-11-01T09:00', place: 'x', description: 'x', foundBy: 'y' },
		})
		expect(foreign.status).toBe(400)
		const foreignArea = await call(newViolationRoute.action, {
			url: '/violations/new',
			cookie: c.managerA,
			form: { personId: w.a.worker.person.id, type: 'COMMAND', occurredAt: '2026-11-01T09:00', areaId: w.b.area.id, description: 'x', foundBy: 'y' },
		})
		expect(foreignArea.status).toBe(400)
		expect(await db.violation.count()).toBe(before)
		expect((await db.person.findUniqueOrThrow({ where: { id: w.a.worker.person.id } })).dutyStatus).toBe('ON_POST')
	})
})

describe('the retraining state machine, persisted', () => {
	it('OPEN → TRAINING → READY → fail → fail → ESCALATED → reopen → READY → pass → CLEARED, every step audited', async () => {
		const x = await newWorker(w.a)
		const v = await recordViolation(managerA(), violationInput(x.person.id, 'DISCIPLINE'), T0)
		const caseId = v.caseId!

		// nothing done yet: stays OPEN; the re-exam cannot start
		await syncCase(caseId)
		expect((await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })).state).toBe('OPEN')
		await expect(startReexam(x.actor, caseId)).rejects.toMatchObject({ key: 'retraining:notReady' })

		await startTraining(x.actor, caseId)
		expect((await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })).state).toBe('TRAINING')
		// starting twice is an illegal transition with a translated message
		await expect(startTraining(x.actor, caseId)).rejects.toMatchObject({ key: 'retraining:illegal.START_TRAINING' })

		await completeTraining(caseId, x.person.id)
		const page = await getCase(x.actor, caseId)
		expect(page.case.state).toBe('READY_FOR_EXAM')
		expect(page.progress.met).toBe(true)
		expect(page.progress.minutesDone).toBe(480)

		// first re-exam failed: still suspended, still ready (one retake)
		let attemptId = await startReexam(x.actor, caseId)
		let attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })
		expect(attempt).toMatchObject({ purpose: 'REEXAM', subjectType: 'RetrainingCase', subjectId: caseId, blueprintId: (await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })).blueprintId })
		expect(await startReexam(x.actor, caseId)).toBe(attemptId) // resumes
		await answerAndSubmit(attemptId, x.person.id, false)
		let cs = await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })
		expect(cs).toMatchObject({ state: 'READY_FOR_EXAM', failedReexams: 1 })
		expect((await db.person.findUniqueOrThrow({ where: { id: x.person.id } })).dutyStatus).toBe('SUSPENDED')

		// second failed: escalated, visible to the principal and the region's inspectors
		attemptId = await startReexam(x.actor, caseId)
		await answerAndSubmit(attemptId, x.person.id, false)
		cs = await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })
		expect(cs).toMatchObject({ state: 'ESCALATED', failedReexams: 2 })
		expect(cs.escalatedAt).toBeTruthy()
		expect((await db.person.findUniqueOrThrow({ where: { id: x.person.id } })).dutyStatus).toBe('SUSPENDED')
		const insp = await call(casesRoute.loader, { url: '/retraining?state=ESCALATED', cookie: c.principalA })
		expect((insp.data as { cases: { id: string }[] }).cases.map((k) => k.id)).toContain(caseId)
		const { escalatedCases } = await import('~/domain/retraining.server.ts')
		expect((await escalatedCases(actors.inspectorA!)).map((k) => k.id)).toContain(caseId)
		expect((await escalatedCases(actors.inspectorB!)).map((k) => k.id)).not.toContain(caseId)
		expect((await call(caseRoute.loader, { url: `/retraining/${caseId}`, cookie: c.inspectorA, params: { caseId } })).status).toBe(200)
		expect((await call(caseRoute.loader, { url: `/retraining/${caseId}`, cookie: c.inspectorB, params: { caseId } })).status).toBe(404)

		// the manager cannot reopen (principal's decision); the principal can
		await expect(reopenCase(managerA(), caseId)).rejects.toBeTruthy()
		await reopenCase(actors.principalA as Actor & { enterpriseId: string }, caseId)
		cs = await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })
		expect(cs.state).toBe('READY_FOR_EXAM') // training already complete → straight to ready on sync

		attemptId = await startReexam(x.actor, caseId)
		const result = await answerAndSubmit(attemptId, x.person.id, true)
		expect(result.passed).toBe(true)
		cs = await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })
		expect(cs.state).toBe('CLEARED')
		expect(cs.clearedAt).toBeTruthy()
		expect((await db.person.findUniqueOrThrow({ where: { id: x.person.id } })).dutyStatus).toBe('ON_POST')

		const actions = (await db.auditEvent.findMany({ where: { entityType: 'RetrainingCase', entityId: caseId }, orderBy: { at: 'asc' } })).map((a) => a.action)
		expect(actions).toEqual([
			'retraining.OPENED',
			'retraining.START_TRAINING',
			'retraining.REQUIREMENTS_MET',
			'retraining.REEXAM_STARTED',
			'retraining.REEXAM_FAILED',
			'retraining.REEXAM_STARTED',
			'retraining.REEXAM_FAILED',
			'retraining.REOPEN',
			'retraining.REQUIREMENTS_MET',
			'retraining.REEXAM_STARTED',
			'retraining.REEXAM_PASSED',
		])
		// a cleared case refuses everything
		await expect(startTraining(x.actor, caseId)).rejects.toBeInstanceOf(RuleError)
	})

	it('raising the hours while ready sends the case back to training; bad hours answer 400', async () => {
		const x = await newWorker(w.a)
		const v = await recordViolation(managerA(), violationInput(x.person.id, 'DISCIPLINE'), T0)
		const caseId = v.caseId!
		await completeTraining(caseId, x.person.id)
		await syncCase(caseId)
		expect((await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })).state).toBe('READY_FOR_EXAM')
		await setRequiredHours(managerA(), caseId, 12)
		expect((await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })).state).toBe('TRAINING')
		for (const hours of ['0.5', '0.7', '500', 'abc', '']) {
			const r = await call(caseRoute.action, { url: `/retraining/${caseId}`, cookie: c.managerA, params: { caseId }, form: { intent: 'hours', hours } })
			expect(r.status, hours).toBe(400)
		}
		expect((await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })).requiredMinutes).toBe(720)
		// the worker may not change hours; another enterprise's manager gets 404
		expect((await call(caseRoute.action, { url: `/retraining/${caseId}`, cookie: x.cookie, params: { caseId }, form: { intent: 'hours', hours: '1' } })).status).toBe(403)
		expect((await call(caseRoute.action, { url: `/retraining/${caseId}`, cookie: c.managerB, params: { caseId }, form: { intent: 'hours', hours: '1' } })).status).toBe(404)
		expect((await db.retrainingCase.findUniqueOrThrow({ where: { id: caseId } })).requiredMinutes).toBe(720)
		expect(await db.auditEvent.count({ where: { entityId: caseId, action: 'retraining.HOURS_CHANGED' } })).toBe(1)
	})

	it('a person is never on post with an open case (two cases: clearing one keeps them suspended)', async () => {
		const x = await newWorker(w.a)
		const v1 = await recordViolation(managerA(), violationInput(x.person.id, 'DISCIPLINE'), T0)
		const v2 = await recordViolation(managerA(), violationInput(x.person.id, 'COMMAND'), T0)
		// force the first case through to the re-exam and pass it
		await completeTraining(v1.caseId!, x.person.id)
		await syncCase(v1.caseId!)
		await syncCase(v2.caseId!)
		const first = await db.retrainingCase.findUniqueOrThrow({ where: { id: v1.caseId! } })
		await db.$transaction((tx) => applyEvent(tx, null, first, 'REEXAM_PASSED', new Date()))
		expect((await db.retrainingCase.findUniqueOrThrow({ where: { id: v1.caseId! } })).state).toBe('CLEARED')
		expect((await db.person.findUniqueOrThrow({ where: { id: x.person.id } })).dutyStatus).toBe('SUSPENDED')
		await expect(db.$transaction((tx) => assertMayBeOnPost(tx, x.person.id))).rejects.toMatchObject({ key: 'retraining:openCaseBlocksPost' })
		// illegal at the persistence layer too: no duty change, no audit
		const second = await db.retrainingCase.findUniqueOrThrow({ where: { id: v2.caseId! } })
		const audits = await db.auditEvent.count({ where: { entityId: second.id } })
		await expect(db.$transaction((tx) => applyEvent(tx, null, { ...second, state: 'OPEN' }, 'REEXAM_PASSED', new Date()))).rejects.toMatchObject({
			key: 'retraining:illegal.REEXAM_PASSED',
		})
		expect(await db.auditEvent.count({ where: { entityId: second.id } })).toBe(audits)
		expect((await db.person.findUniqueOrThrow({ where: { id: x.person.id } })).dutyStatus).toBe('SUSPENDED')
		// a stale snapshot loses the race instead of overwriting
		await expect(db.$transaction((tx) => applyEvent(tx, null, { ...first, state: 'READY_FOR_EXAM' }, 'REEXAM_FAILED', new Date()))).rejects.toMatchObject({
			key: 'retraining:changedMeanwhile',
		})
	})

	it('progress counts off-job classroom sessions and study after the opening only', async () => {
		const x = await newWorker(w.a)
		const v = await recordViolation(managerA(), violationInput(x.person.id, 'DISCIPLINE'), T0)
		const cs = await db.retrainingCase.findUniqueOrThrow({ where: { id: v.caseId! } })
		const a = await db.assignment.findFirstOrThrow({ where: { retrainingCaseId: cs.id } })
		const lesson = await db.lesson.create({ data: { packVersionId: a.packVersionId, key: `p-${cs.id}`, ord: 99, titleZh: '课', titleEn: 'L', minutes: 30, body: 'x' } })
		const before = new Date(cs.openedAt.getTime() - 3600_000)
		// study before the opening and an on-the-job session do not count
		await db.studySession.create({ data: { personId: x.person.id, assignmentId: a.id, lessonId: lesson.id, startedAt: before, lastAt: before, credited: 3600 } })
		const onJob = await db.classroomSession.create({
			data: { enterpriseId: cs.enterpriseId, topic: '班前会', trainer: 't', place: 'p', startsAt: cs.openedAt, endsAt: new Date(cs.openedAt.getTime() + 3600_000), minutes: 60, offJob: false, createdByUserId: 'test' },
		})
		await db.attendance.create({ data: { sessionId: onJob.id, personId: x.person.id, method: 'MANUAL' } })
		let page = await getCase(x.actor, cs.id)
		expect(page.progress.minutesDone).toBe(0)
		expect(page.case.state).toBe('OPEN')
		// 25 minutes of study after the opening count, and start the training
		await db.studySession.create({ data: { personId: x.person.id, assignmentId: a.id, lessonId: lesson.id, startedAt: new Date(cs.openedAt.getTime() + 1000), lastAt: new Date(), credited: 1500 } })
		page = await getCase(x.actor, cs.id)
		expect(page.progress.minutesDone).toBe(25)
		expect(page.case.state).toBe('TRAINING')
		expect(page.progress.remaining).toEqual({ packs: ['three-violations'], minutes: 455 })
	})

	it('a case for someone who has left is not opened', async () => {
		const x = await newWorker(w.a)
		await db.person.update({ where: { id: x.person.id }, data: { dutyStatus: 'LEFT' } })
		const c2 = await db.$transaction((tx) =>
			openRetrainingCase(tx, null, { enterpriseId: w.a.enterprise.id, personId: x.person.id, trigger: 'VIOLATION', sourceType: 'Violation', sourceId: 'x', blueprintId: null, packIds: ['three-violations'] }, new Date()),
		)
		expect(c2).toBeNull()
		expect((await db.person.findUniqueOrThrow({ where: { id: x.person.id } })).dutyStatus).toBe('LEFT')
	})
})

describe('tenant isolation', () => {
	it('a manager of another enterprise gets 404 on cases and violations, and sees none in lists', async () => {
		const x = await newWorker(w.a)
		const v = await recordViolation(managerA(), violationInput(x.person.id, 'DISCIPLINE'), T0)
		const caseId = v.caseId!
		expect((await call(caseRoute.loader, { url: `/retraining/${caseId}`, cookie: c.managerB, params: { caseId } })).status).toBe(404)
		expect((await call(caseRoute.action, { url: `/retraining/${caseId}`, cookie: c.managerB, params: { caseId }, form: { intent: 'start' } })).status).toBe(404)
		expect((await call(violationRoute.loader, { url: `/violations/${v.id}`, cookie: c.managerB, params: { violationId: v.id } })).status).toBe(404)
		expect((await call(violationRoute.action, { url: `/violations/${v.id}`, cookie: c.managerB, params: { violationId: v.id }, form: {} })).status).toBe(404)
		const list = await call(violationsRoute.loader, { url: '/violations', cookie: c.managerB })
		expect((list.data as { violations: { id: string }[] }).violations.map((x) => x.id)).not.toContain(v.id)
		const cases = await listCases(actors.managerB as Actor & { enterpriseId: string }, { state: 'ALL' })
		expect(cases.cases.map((k) => k.id)).not.toContain(caseId)
		// another worker of the same enterprise cannot read it either
		const y = await newWorker(w.a)
		expect((await call(caseRoute.loader, { url: `/retraining/${caseId}`, cookie: y.cookie, params: { caseId } })).status).toBe(404)
		expect((await call(caseRoute.action, { url: `/retraining/${caseId}`, cookie: y.cookie, params: { caseId }, form: { intent: 'reexam' } })).status).toBe(404)
		// the inspector of another county cannot read it
		expect((await call(caseRoute.loader, { url: `/retraining/${caseId}`, cookie: c.inspectorB, params: { caseId } })).status).toBe(404)
		// workers cannot record
		expect((await call(newViolationRoute.action, { url: '/violations/new', cookie: x.cookie, form: {} })).status).toBe(403)
	})

	it('the manager list shows cases by state, oldest first', async () => {
		const list = await call(casesRoute.loader, { url: '/retraining', cookie: c.managerA })
		const d = list.data as { kind: string; cases: { state: string; ageDays: number }[]; counts: Record<string, number> }
		expect(d.kind).toBe('enterprise')
		expect(d.cases.length).toBeGreaterThan(0)
		expect(d.cases.every((k) => k.state !== 'CLEARED')).toBe(true)
		const bad = await call(casesRoute.loader, { url: '/retraining?state=NONSENSE', cookie: c.managerA })
		expect(bad.status).toBe(200)
	})
})
