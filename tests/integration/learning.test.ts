import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { getAttemptForTaker, saveAnswer, submitAttempt } from '~/domain/exam/attempts.server.ts'
import { toDisplayKeys } from '~/domain/exam/paper.ts'
import type { PaperItem } from '~/domain/exam/types.ts'
import { AssignInputSchema, assignPacks, cancelAssignment, getAssignmentForManager, matchPeople } from '~/domain/learning/assignments.server.ts'
import { createClassroomSession, getClassroomSession, openSignIn, setAttendance, signInWithCode } from '~/domain/learning/classroom.server.ts'
import { startCourseExam } from '~/domain/learning/course-exam.server.ts'
import { answerPractice, getPractice } from '~/domain/learning/practice.server.ts'
import { completeLesson, getMyAssignment, heartbeat, listMyAssignments, openLesson } from '~/domain/learning/study.server.ts'
import { MAX_BEAT_CREDIT_SECONDS } from '~/domain/learning/study-time.ts'
import { getMyHours, getPersonTraining, getTrainingOverview, updateHourRule } from '~/domain/learning/training.server.ts'
import type { Actor } from '~/domain/policy.ts'
import { createPerson, NotFoundError, RuleError, type EnterpriseActor } from '~/domain/roster.server.ts'
import * as assignRoute from '~/routes/training.assign.tsx'
import * as lessonRoute from '~/routes/learn.$assignmentId.lesson.$lessonKey.tsx'
import * as packRoute from '~/routes/learn.$assignmentId.tsx'
import * as personRoute from '~/routes/roster.$personId.tsx'
import * as trainingRoute from '~/routes/training._index.tsx'
import { parseForm } from '~/utils/forms.ts'
import { db } from '~/utils/db.server.ts'
import { call, cookieFor, makeWorld } from '../support/world.ts'

type World = Awaited<ReturnType<typeof makeWorld>>
let w: World
let packId: string
let versionId: string
let lessonIds: string[]
let questionIds: string[]
const T0 = new Date('2026-06-10T02:00:00Z')
const at = (s: number, from = T0) => new Date(from.getTime() + s * 1000)
const tag = () => randomBytes(3).toString('hex')

function actorOf(p: { user: { id: string; displayName: string }; person: { id: string; enterpriseId: string } }, roles: Actor['roles']): EnterpriseActor {
	return { userId: p.user.id, displayName: p.user.displayName, roles, personId: p.person.id, enterpriseId: p.person.enterpriseId, regionId: null, regionIds: [], mustChangePassword: false }
}
let managerA: EnterpriseActor
let managerB: EnterpriseActor

/** A pack with three lessons (10, 5 and 1 nominal minutes) and eight questions. */
async function makePack(audiences = ['WORKER', 'SAFETY_MANAGER', 'PRINCIPAL']) {
	const id = `fx-learning-${tag()}`
	await db.pack.create({ data: { id, series: id, category: 'TEST' } })
	const v = await db.packVersion.create({
		data: {
			packId: id,
			number: 1,
			contentHash: tag(),
			declaredVersion: 1,
			edition: 'GB 30871-2022',
			titleZh: '测试课程',
			titleEn: 'Test course',
			noticeZh: '提示：本课程仅供测试。',
			noticeEn: 'Notice: test only.',
			audiences: JSON.stringify(audiences),
			minutes: 16,
		},
	})
	const lessons = []
	for (const [i, minutes] of [10, 5, 1].entries()) {
		lessons.push(
			await db.lesson.create({
				data: { packVersionId: v.id, key: `l${i + 1}`, ord: i + 1, titleZh: `第${i + 1}课`, titleEn: `Lesson ${i + 1}`, minutes, sources: '["GB 30871-2022 第5章"]', body: `## 第${i + 1}课\n\n正文。\n\n| 项目 | 要求 |\n|---|---|\n| 动火 | 8 h |` },
			}),
		)
	}
	const qs = []
	for (let i = 0; i < 8; i++) {
		const type = i % 4 === 3 ? 'TRUEFALSE' : i % 4 === 2 ? 'MULTIPLE' : 'SINGLE'
		qs.push(
			await db.question.create({
				data: {
					key: `${id}-q${i}`,
					packVersionId: v.id,
					type,
					stem: `题干 ${i}`,
					options: type === 'TRUEFALSE' ? '[]' : JSON.stringify(['A', 'B', 'C', 'D'].map((k) => ({ key: k, text: `选项${k}` }))),
					answer: JSON.stringify(type === 'TRUEFALSE' ? ['T'] : type === 'MULTIPLE' ? ['A', 'C'] : ['B']),
					explanation: `解析 ${i}`,
					source: 'GB 30871-2022 第5.3条',
					topic: 'test',
					audiences: JSON.stringify(audiences),
					contentHash: tag(),
				},
			}),
		)
	}
	return { packId: id, versionId: v.id, lessonIds: lessons.map((l) => l.id), questionIds: qs.map((q) => q.id) }
}

let seq = 0
async function addPerson(enterpriseId: string, o: { type?: string; departmentId?: string | null; post?: string; dutyStatus?: string; roles?: string[]; hireDate?: string | null; contractorId?: string | null } = {}) {
	const mobile = `135${String(process.pid % 1000).padStart(3, '0')}${String(++seq).padStart(5, '0')}`
	const person = await db.person.create({
		data: {
			enterpriseId,
			name: `人员${seq}`,
			mobile,
			employmentType: o.type ?? 'EMPLOYEE',
			departmentId: o.departmentId ?? null,
			contractorId: o.contractorId ?? null,
			post: o.post ?? '操作工',
			dutyStatus: o.dutyStatus ?? 'ON_POST',
			hireDate: o.hireDate ?? '2015-01-01',
		},
	})
	const user = await db.user.create({
		data: { mobile, displayName: person.name, passwordHash: '', mustChangePassword: false, personId: person.id, roles: { create: (o.roles ?? ['WORKER']).map((role) => ({ role })) } },
	})
	return { person, user }
}

async function assignInput(form: Record<string, string | string[]>) {
	const fd = new FormData()
	for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x)
	const parsed = parseForm(AssignInputSchema, fd, ['personId'])
	if (!parsed.ok) throw new Error(JSON.stringify(parsed))
	return parsed.data
}

beforeAll(async () => {
	w = await makeWorld()
	managerA = actorOf(w.a.manager, ['WORKER', 'SAFETY_MANAGER'])
	managerB = actorOf(w.b.manager, ['WORKER', 'SAFETY_MANAGER'])
	;({ packId, versionId, lessonIds, questionIds } = await makePack())
})

describe('assigning packs', () => {
	it('assigns to every current contractor at once, skipping people who left, and only once', async () => {
		const e = w.a.enterprise.id
		const company = await db.contractorCompany.create({ data: { enterpriseId: e, name: `承包商${tag()}` } })
		const c1 = await addPerson(e, { type: 'CONTRACTOR', contractorId: company.id })
		const c2 = await addPerson(e, { type: 'CONTRACTOR', contractorId: company.id })
		const gone = await addPerson(e, { type: 'CONTRACTOR', contractorId: company.id, dutyStatus: 'LEFT' })
		const otherB = await addPerson(w.b.enterprise.id, { type: 'CONTRACTOR' })
		const input = await assignInput({ packId, reason: 'SPECIAL', dueDate: '2026-07-10', target: 'filter', type: 'CONTRACTOR' })
		const r = await assignPacks(managerA, input, T0)
		expect(r).toEqual({ matched: 2, created: 2, skipped: 0 })
		const rows = await db.assignment.findMany({ where: { packVersionId: versionId, reason: 'SPECIAL' } })
		expect(rows.map((a) => a.personId).sort()).toEqual([c1.person.id, c2.person.id].sort())
		expect(rows.every((a) => a.status === 'ASSIGNED' && a.dueDate === '2026-07-10' && a.assignedByUserId === managerA.userId && a.enterpriseId === e)).toBe(true)
		expect(await db.assignment.count({ where: { personId: { in: [gone.person.id, otherB.person.id] } } })).toBe(0)
		const again = await assignPacks(managerA, input, T0)
		expect(again).toEqual({ matched: 2, created: 0, skipped: 2 })
		expect(await db.auditEvent.count({ where: { action: 'training.assigned', entityId: packId, enterpriseId: e } })).toBe(1)
	})

	it('filters by department and by post; a picked list assigns exactly those', async () => {
		const e = w.a.enterprise.id
		const dept = await db.department.create({ data: { enterpriseId: e, name: `罐区${tag()}` } })
		const inDept = await addPerson(e, { departmentId: dept.id, post: '罐区操作工' })
		const samePost = await addPerson(e, { post: '罐区操作工' })
		expect((await matchPeople(managerA, { department: dept.id })).map((p) => p.id)).toEqual([inDept.person.id])
		expect((await matchPeople(managerA, { post: '罐区操作工' })).map((p) => p.id).sort()).toEqual([inDept.person.id, samePost.person.id].sort())
		const listed = await addPerson(e)
		const r = await assignPacks(managerA, await assignInput({ packId, reason: 'ANNUAL', dueDate: '2026-12-31', target: 'list', personId: [listed.person.id] }), T0)
		expect(r.created).toBe(1)
		expect(await db.assignment.count({ where: { personId: listed.person.id } })).toBe(1)
	})

	it('refuses a due date in the past, an empty selection and an unfiltered "everyone" without confirmation', async () => {
		await expect(assignPacks(managerA, await assignInput({ packId, reason: 'ANNUAL', dueDate: '2026-06-09', target: 'filter', type: 'EMPLOYEE' }), T0)).rejects.toMatchObject({
			key: 'learning:dueInPast',
		})
		await expect(assignPacks(managerA, await assignInput({ packId, reason: 'ANNUAL', dueDate: '2026-07-01', target: 'filter', post: '没有这个岗位' }), T0)).rejects.toMatchObject({
			key: 'learning:nobodyMatches',
		})
		const fd = new FormData()
		for (const [k, v] of Object.entries({ packId, reason: 'ANNUAL', dueDate: '2026-07-01', target: 'filter' })) fd.append(k, v)
		const parsed = parseForm(AssignInputSchema, fd, ['personId'])
		expect(parsed).toMatchObject({ ok: false, fieldErrors: { everyone: [{ key: 'learning:filterOrEveryone' }] } })
		await expect(assignPacks(managerA, await assignInput({ packId: 'no-such-pack', reason: 'ANNUAL', dueDate: '2026-07-01', target: 'filter', type: 'EMPLOYEE' }), T0)).rejects.toMatchObject({
			key: 'errors:invalidChoice',
		})
	})

	it('the assign route answers 400 with field errors and changes nothing', async () => {
		const cookie = await cookieFor(w.a.manager.user.id)
		const before = await db.assignment.count()
		const res = await call(assignRoute.action, { url: '/training/assign', cookie, form: { packId: '', reason: 'BOGUS', dueDate: 'tomorrow', target: 'list' } })
		expect(res.status).toBe(400)
		expect(res.data).toMatchObject({ fieldErrors: { packId: [{ key: 'errors:required' }], reason: [{ key: 'errors:invalidChoice' }], dueDate: [{ key: 'errors:dateInvalid' }] } })
		const empty = await call(assignRoute.action, { url: '/training/assign', cookie, form: { packId, reason: 'ANNUAL', dueDate: '2026-12-01', target: 'list' } })
		expect(empty).toMatchObject({ status: 400, data: { fieldErrors: { personId: [{ key: 'learning:pickPeople' }] } } })
		expect(await db.assignment.count()).toBe(before)
	})
})

describe('tenant isolation', () => {
	it('a manager of another enterprise can neither assign to nor read this enterprise\'s people', async () => {
		const victim = await addPerson(w.a.enterprise.id)
		const before = await db.assignment.count()
		await expect(assignPacks(managerB, await assignInput({ packId, reason: 'ANNUAL', dueDate: '2026-07-01', target: 'list', personId: [victim.person.id] }), T0)).rejects.toBeInstanceOf(NotFoundError)
		// Mixed with one of their own: still nothing happens.
		const own = await addPerson(w.b.enterprise.id)
		await expect(
			assignPacks(managerB, await assignInput({ packId, reason: 'ANNUAL', dueDate: '2026-07-01', target: 'list', personId: [own.person.id, victim.person.id] }), T0),
		).rejects.toBeInstanceOf(NotFoundError)
		expect(await db.assignment.count()).toBe(before)
		await expect(matchPeople(managerB, { department: w.a.dept.id })).rejects.toBeInstanceOf(RuleError)
		await expect(getPersonTraining(managerB, victim.person.id)).rejects.toBeInstanceOf(NotFoundError)

		const mine = await assignPacks(managerA, await assignInput({ packId, reason: 'ANNUAL', dueDate: '2026-07-01', target: 'list', personId: [victim.person.id] }), T0)
		expect(mine.created).toBe(1)
		const a = await db.assignment.findFirstOrThrow({ where: { personId: victim.person.id } })
		await expect(getAssignmentForManager(managerB, a.id)).rejects.toBeInstanceOf(NotFoundError)
		await expect(cancelAssignment(managerB, a.id)).rejects.toBeInstanceOf(NotFoundError)
		// Another enterprise's learner cannot open, practise or sit the exam of this assignment.
		const learnerB = actorOf(own, ['WORKER'])
		await expect(openLesson(learnerB, a.id, 'l1', T0)).rejects.toBeInstanceOf(NotFoundError)
		await expect(getPractice(learnerB, a.id, 'all', null)).rejects.toBeInstanceOf(NotFoundError)
		await expect(startCourseExam(learnerB, a.id, T0)).rejects.toBeInstanceOf(NotFoundError)
		const opened = await openLesson(actorOf(victim, ['WORKER']), a.id, 'l1', T0)
		await expect(heartbeat(learnerB, opened.sessionId!, 'beat', null, at(20))).rejects.toBeInstanceOf(NotFoundError)
	})

	it('routes answer 404 for another tenant\'s ids', async () => {
		const victim = await addPerson(w.a.enterprise.id)
		await assignPacks(managerA, await assignInput({ packId, reason: 'ANNUAL', dueDate: '2026-07-01', target: 'list', personId: [victim.person.id] }), T0)
		const a = await db.assignment.findFirstOrThrow({ where: { personId: victim.person.id } })
		const cookieB = await cookieFor(w.b.manager.user.id)
		expect((await call(personRoute.loader, { url: `/roster/${victim.person.id}`, cookie: cookieB, params: { personId: victim.person.id } })).status).toBe(404)
		const workerB = await cookieFor(w.b.worker.user.id)
		expect((await call(packRoute.loader, { url: `/learn/${a.id}`, cookie: workerB, params: { assignmentId: a.id } })).status).toBe(404)
		expect((await call(lessonRoute.loader, { url: `/learn/${a.id}/lesson/l1`, cookie: workerB, params: { assignmentId: a.id, lessonKey: 'l1' } })).status).toBe(404)
		// A worker is not a manager: the training view is forbidden.
		expect((await call(trainingRoute.loader, { url: '/training', cookie: workerB })).status).toBe(403)
		const res = await call(assignRoute.action, {
			url: '/training/assign',
			cookie: cookieB,
			form: { packId, reason: 'ANNUAL', dueDate: '2026-12-01', target: 'list', personId: [victim.person.id] },
		})
		expect(res.status).toBe(404)
	})
})

describe('study time', () => {
	async function freshAssignment() {
		const learner = await addPerson(w.a.enterprise.id)
		await assignPacks(managerA, await assignInput({ packId, reason: 'ANNUAL', dueDate: '2026-12-31', target: 'list', personId: [learner.person.id] }), T0)
		const a = await db.assignment.findFirstOrThrow({ where: { personId: learner.person.id } })
		return { learner, actor: actorOf(learner, ['WORKER']), a }
	}

	it('heartbeats count visible time, long gaps are capped, a resume counts nothing, finishing early is refused', async () => {
		const { actor, a } = await freshAssignment()
		const opened = await openLesson(actor, a.id, 'l1', T0)
		expect(opened).toMatchObject({ seconds: 0, minSeconds: 360, secondsLeft: 360, prevKey: null, nextKey: 'l2', completed: false })
		expect(opened.pack.noticeZh).toBe('提示：本课程仅供测试。')
		expect((await db.assignment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('IN_PROGRESS')
		expect(await heartbeat(actor, opened.sessionId!, 'beat', 0.2, at(20))).toEqual({ ok: true, seconds: 20, secondsLeft: 340 })
		// The phone slept for 15 minutes: at most one beat's worth.
		expect(await heartbeat(actor, opened.sessionId!, 'beat', null, at(20 + 900))).toMatchObject({ seconds: 20 + MAX_BEAT_CREDIT_SECONDS })
		// Back from a hidden tab: nothing.
		expect(await heartbeat(actor, opened.sessionId!, 'resume', null, at(2000))).toMatchObject({ seconds: 80 })
		expect(await heartbeat(actor, opened.sessionId!, 'beat', null, at(2020))).toMatchObject({ seconds: 100 })
		const early = completeLesson(actor, a.id, 'l1', at(2030))
		await expect(early).rejects.toBeInstanceOf(RuleError)
		await expect(early).rejects.toMatchObject({ key: 'learning:tooEarly', values: { minutes: 4, seconds: 10 } })
		// Reloading the page does not start a second session.
		const again = await openLesson(actor, a.id, 'l1', at(2040))
		expect(again.sessionId).toBe(opened.sessionId)
		expect(again.scroll).toBeCloseTo(0.2)
		let t = 2040
		for (let i = 0; i < 14; i++) await heartbeat(actor, opened.sessionId!, 'beat', null, at((t += 20)))
		await expect(completeLesson(actor, a.id, 'l1', at(t + 5))).resolves.toMatchObject({ nextKey: 'l2' })
		const p = await db.lessonProgress.findUniqueOrThrow({ where: { assignmentId_lessonId: { assignmentId: a.id, lessonId: lessonIds[0]! } } })
		// 2020 → 2320 in beats (the first after the reload covers 40 s), then 5 s up to the click.
		expect(p.seconds).toBe(100 + 300 + 5)
		expect(p.completedAt).not.toBeNull()
		const records = await db.studyRecord.findMany({ where: { personId: actor.personId!, lessonId: lessonIds[0]! } })
		expect(records).toEqual([expect.objectContaining({ year: 2026, seconds: 405, enterpriseId: w.a.enterprise.id })])
	})

	it('without JavaScript the time between pages counts, up to the lesson\'s nominal time', async () => {
		const { actor, a } = await freshAssignment()
		const first = await openLesson(actor, a.id, 'l2', T0)
		// Opening the next lesson 200 s later settles the first page view (5-minute lesson: min 180 s).
		await openLesson(actor, a.id, 'l3', at(200))
		const s1 = await db.studySession.findUniqueOrThrow({ where: { id: first.sessionId! } })
		expect(s1).toMatchObject({ beats: 0, credited: 200 })
		expect(s1.closedAt).not.toBeNull()
		// Back on lesson 2, the learner presses "finished" after another 10 s.
		await openLesson(actor, a.id, 'l2', at(300))
		await expect(completeLesson(actor, a.id, 'l2', at(310))).resolves.toMatchObject({ nextKey: 'l3' })
		// A page left open overnight earns the nominal time only (1-minute lesson: 60 s, cap 90 s).
		await openLesson(actor, a.id, 'l3', at(400))
		await openLesson(actor, a.id, 'l1', at(400 + 86400))
		const p3 = await db.lessonProgress.findUniqueOrThrow({ where: { assignmentId_lessonId: { assignmentId: a.id, lessonId: lessonIds[2]! } } })
		// l3 was opened twice: 100 s (from 200 to 300, settled when l2 reopened) capped at 60, then 60 again; the lesson cap is 90.
		expect(p3.seconds).toBe(90)
		const rec = await db.studyRecord.findUniqueOrThrow({ where: { personId_lessonId_year: { personId: actor.personId!, lessonId: lessonIds[2]!, year: 2026 } } })
		expect(rec.seconds).toBe(90)
	})

	it('two beats arriving together credit the gap once', async () => {
		const { actor, a } = await freshAssignment()
		const opened = await openLesson(actor, a.id, 'l1', T0)
		await Promise.all([heartbeat(actor, opened.sessionId!, 'beat', null, at(30)), heartbeat(actor, opened.sessionId!, 'beat', null, at(30))])
		const p = await db.lessonProgress.findUniqueOrThrow({ where: { assignmentId_lessonId: { assignmentId: a.id, lessonId: lessonIds[0]! } } })
		expect(p.seconds).toBe(30)
	})

	it('study around New Year (Shanghai) goes into both years of the ledger', async () => {
		const { actor, a } = await freshAssignment()
		const eve = new Date('2026-12-31T15:59:30Z') // 23:59:30 on Dec 31 in Shanghai
		const opened = await openLesson(actor, a.id, 'l1', eve)
		await heartbeat(actor, opened.sessionId!, 'beat', null, at(20, eve))
		await heartbeat(actor, opened.sessionId!, 'beat', null, at(40, eve)) // 00:00:10 on Jan 1
		const records = await db.studyRecord.findMany({ where: { personId: actor.personId!, lessonId: lessonIds[0]! }, orderBy: { year: 'asc' } })
		expect(records.map((r) => [r.year, r.seconds])).toEqual([
			[2026, 30],
			[2027, 10],
		])
		expect((await getMyHours(actor, new Date('2026-12-31T15:59:59Z'))).ledger.onlineSeconds).toBe(30)
		expect((await getMyHours(actor, new Date('2027-01-01T01:00:00Z'))).ledger.onlineSeconds).toBe(10)
	})

	it('My learning lists assignments with progress; a cancelled one disappears and stops the clock', async () => {
		const { actor, a } = await freshAssignment()
		const opened = await openLesson(actor, a.id, 'l1', T0)
		let mine = await listMyAssignments(actor, T0)
		expect(mine.open).toEqual([expect.objectContaining({ id: a.id, reason: 'ANNUAL', lessonsDone: 0, lessonsTotal: 3, overdue: false })])
		expect((await listMyAssignments(actor, new Date('2027-01-02T02:00:00Z'))).open[0]!.overdue).toBe(true)
		await cancelAssignment(managerA, a.id, at(30))
		mine = await listMyAssignments(actor, T0)
		expect(mine.open).toEqual([])
		expect(await heartbeat(actor, opened.sessionId!, 'beat', null, at(40))).toEqual({ ok: false, closed: true })
		await expect(cancelAssignment(managerA, a.id, at(50))).rejects.toMatchObject({ key: 'learning:cancelClosed' })
		expect(await db.auditEvent.count({ where: { action: 'training.cancelled', entityId: a.id } })).toBe(1)
	})
})

describe('practice', () => {
	it('checks answers on the server, reveals the answer only afterwards, and keeps a wrong-answer book', async () => {
		const learner = await addPerson(w.a.enterprise.id)
		await assignPacks(managerA, await assignInput({ packId, reason: 'ANNUAL', dueDate: '2026-12-31', target: 'list', personId: [learner.person.id] }), T0)
		const a = await db.assignment.findFirstOrThrow({ where: { personId: learner.person.id } })
		const actor = actorOf(learner, ['WORKER'])
		const p = await getPractice(actor, a.id, 'all', null)
		expect(p).toMatchObject({ total: 8, answered: 0, correct: 0, wrongCount: 0 })
		expect(Object.keys(p.question!)).toEqual(['id', 'key', 'type', 'stem', 'options'])
		expect(JSON.stringify(p)).not.toContain('解析')
		const q0 = questionIds[0]!
		const wrong = await answerPractice(actor, a.id, q0, ['A'], T0)
		expect(wrong).toMatchObject({ correct: false, answer: ['B'], explanation: '解析 0', source: 'GB 30871-2022 第5.3条' })
		const wb = await getPractice(actor, a.id, 'wrong', null)
		expect(wb).toMatchObject({ wrongCount: 1, question: { id: q0 } })
		expect(await answerPractice(actor, a.id, q0, ['B'], at(10))).toMatchObject({ correct: true })
		expect(await getPractice(actor, a.id, 'wrong', null)).toMatchObject({ wrongCount: 0, question: null })
		// The multiple-choice question needs exactly A and C; true/false uses T/F.
		expect(await answerPractice(actor, a.id, questionIds[2]!, ['C', 'A'], at(20))).toMatchObject({ correct: true })
		expect(await answerPractice(actor, a.id, questionIds[3]!, ['F'], at(30))).toMatchObject({ correct: false, answer: ['T'] })
		await expect(answerPractice(actor, a.id, questionIds[0]!, ['Z'], at(40))).rejects.toMatchObject({ key: 'errors:invalidChoice' })
		await expect(answerPractice(actor, a.id, questionIds[0]!, ['A', 'B'], at(40))).rejects.toMatchObject({ key: 'learning:chooseOne' })
		const foreign = await makePack()
		await expect(answerPractice(actor, a.id, foreign.questionIds[0]!, ['A'], at(40))).rejects.toBeInstanceOf(NotFoundError)
		const next = await getPractice(actor, a.id, 'all', q0)
		expect(next.question!.id).toBe(questionIds[1])
		expect(next).toMatchObject({ answered: 3, correct: 2 })
	})
})

async function rightAnswers(attemptId: string): Promise<string[][]> {
	const a = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })
	const paper = JSON.parse(a.paper) as PaperItem[]
	const qs = await db.question.findMany({ where: { id: { in: paper.map((p) => p.q) } } })
	const byId = new Map(qs.map((q) => [q.id, JSON.parse(q.answer) as string[]]))
	return paper.map((item) => toDisplayKeys(item, byId.get(item.q)!))
}

describe('course exam', () => {
	it('opens after every lesson; a failed exam leaves the course open, a passed one completes it', async () => {
		const learner = await addPerson(w.a.enterprise.id)
		await assignPacks(managerA, await assignInput({ packId, reason: 'ANNUAL', dueDate: '2026-12-31', target: 'list', personId: [learner.person.id] }), T0)
		const a = await db.assignment.findFirstOrThrow({ where: { personId: learner.person.id } })
		const actor = actorOf(learner, ['WORKER'])
		await expect(startCourseExam(actor, a.id, T0)).rejects.toMatchObject({ key: 'learning:lessonsFirst' })
		let t = 0
		for (const key of ['l1', 'l2', 'l3']) {
			await openLesson(actor, a.id, key, at(t))
			t += 700
			await completeLesson(actor, a.id, key, at(t))
		}
		expect((await getMyAssignment(actor, a.id, at(t))).allLessonsDone).toBe(true)

		const first = await startCourseExam(actor, a.id, at(t))
		const row = await db.examAttempt.findUniqueOrThrow({ where: { id: first } })
		expect(row).toMatchObject({ purpose: 'COURSE', subjectType: 'Assignment', subjectId: a.id, questionCount: 8 })
		expect(JSON.parse(row.config).scope).toEqual({ packVersionIds: [versionId] })
		const view = await getAttemptForTaker(first, learner.person.id, at(t + 1))
		for (const q of view.questions) await saveAnswer({ attemptId: first, personId: learner.person.id, position: q.position, choice: q.type === 'TRUEFALSE' ? ['F'] : ['D'], now: at(t + 30 + q.position * 20) })
		const failed = await submitAttempt({ attemptId: first, personId: learner.person.id, now: at(t + 400) })
		expect(failed.passed).toBe(false)
		expect((await db.assignment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('IN_PROGRESS')

		t += 500
		const second = await startCourseExam(actor, a.id, at(t))
		expect(second).not.toBe(first)
		const right = await rightAnswers(second)
		for (const [i, choice] of right.entries()) await saveAnswer({ attemptId: second, personId: learner.person.id, position: i, choice, now: at(t + 30 + i * 20) })
		const passed = await submitAttempt({ attemptId: second, personId: learner.person.id, actorUserId: learner.user.id, now: at(t + 400) })
		expect(passed.passed).toBe(true)
		const done = await db.assignment.findUniqueOrThrow({ where: { id: a.id } })
		expect(done).toMatchObject({ status: 'COMPLETED', examAttemptId: second })
		expect(await db.auditEvent.count({ where: { action: 'training.completed', entityId: a.id } })).toBe(1)
		await expect(startCourseExam(actor, a.id, at(t + 500))).rejects.toMatchObject({ key: 'learning:examAlreadyPassed' })
		// The completed course is read-only: opening a lesson starts no session.
		expect((await openLesson(actor, a.id, 'l1', at(t + 600))).sessionId).toBeNull()
	})
})

describe('new hires, hour rules and coverage', () => {
	it('a person added to the roster gets the onboarding packs at once', async () => {
		const onboarding = await makePack(['WORKER'])
		const managersOnly = await makePack(['SAFETY_MANAGER', 'PRINCIPAL'])
		const mobile = `137${String(Date.now() % 1e8).padStart(8, '0')}`
		const p = await createPerson(managerA, { name: '新员工', mobile, idCard: null, employmentType: 'EMPLOYEE', contractorId: null, departmentId: null, post: '操作工', hireDate: '2026-06-01', manager: undefined })
		const rows = await db.assignment.findMany({ where: { personId: p.id }, include: { packVersion: true } })
		const packs = rows.map((r) => r.packVersion.packId)
		expect(packs).toContain(onboarding.packId)
		expect(packs).not.toContain(managersOnly.packId)
		expect(rows.every((r) => r.reason === 'ONBOARDING' && r.assignedByUserId === managerA.userId)).toBe(true)
		// With onboarding packs chosen by the enterprise, only those.
		await updateHourRule(managerA, { workerOnboardingHours: 72, workerAnnualHours: 24, managerInitialHours: 48, managerAnnualHours: 16, onboardingPack: [onboarding.packId] })
		const p2 = await createPerson(managerA, { name: '新员工二', mobile: `137${String((Date.now() + 7) % 1e8).padStart(8, '0')}`, idCard: null, employmentType: 'EMPLOYEE', contractorId: null, departmentId: null, post: '操作工', hireDate: null, manager: undefined })
		const rows2 = await db.assignment.findMany({ where: { personId: p2.id }, include: { packVersion: true } })
		expect(rows2.map((r) => r.packVersion.packId)).toEqual([onboarding.packId])
		expect(await db.auditEvent.count({ where: { action: 'training.hourRuleUpdated', enterpriseId: w.a.enterprise.id } })).toBe(1)
		await expect(updateHourRule(managerA, { workerOnboardingHours: 72, workerAnnualHours: 20, managerInitialHours: 48, managerAnnualHours: 16, onboardingPack: ['nope'] })).rejects.toMatchObject({
			key: 'errors:invalidChoice',
		})
	})

	it('classroom hours credit attendees; the QR code only works for the enterprise and while valid', async () => {
		const e = w.b.enterprise.id
		const worker = await addPerson(e, { hireDate: '2010-03-01' })
		const now = new Date('2026-06-10T01:30:00Z') // 09:30 Shanghai
		const s = await createClassroomSession(managerB, { topic: '受限空间作业', trainer: '王工', place: '培训室', date: '2026-06-10', start: '09:00', end: '12:00', hours: 2.5, offJob: 'on' })
		expect(s).toMatchObject({ minutes: 150, offJob: true })
		await expect(createClassroomSession(managerB, { topic: 'x', trainer: 'y', place: 'z', date: '2026-06-10', start: '09:00', end: '10:00', hours: 2, offJob: undefined })).rejects.toMatchObject({
			key: 'learning:hoursLongerThanSession',
		})
		const code = await openSignIn(managerB, s.id, now)
		expect(code).toMatch(/^[A-Z2-9]{8}$/)
		const signed = await signInWithCode(actorOf(worker, ['WORKER']), code, at(60, now))
		expect(signed.already).toBe(false)
		expect((await signInWithCode(actorOf(worker, ['WORKER']), code, at(90, now))).already).toBe(true)
		// A worker of another enterprise: as if the code did not exist.
		await expect(signInWithCode(actorOf(w.a.worker, ['WORKER']), code, at(60, now))).rejects.toBeInstanceOf(NotFoundError)
		const late = await addPerson(e)
		await expect(signInWithCode(actorOf(late, ['WORKER']), code, at(16 * 60, now))).rejects.toMatchObject({ key: 'learning:codeExpired' })
		const hours = await getMyHours(actorOf(worker, ['WORKER']), now)
		expect(hours.ledger).toMatchObject({ classroomSeconds: 9000, offJobSeconds: 9000, totalSeconds: 9000 })
		expect(hours.requirement).toMatchObject({ kind: 'ANNUAL', hours: 20 })
		// Ticking: the late person is added; the QR attendee stays although not ticked (not shown when the page was drawn).
		expect(await setAttendance(managerB, s.id, [late.person.id], [], now)).toEqual({ added: 1, removed: 0 })
		expect(await setAttendance(managerB, s.id, [late.person.id], [worker.person.id, late.person.id], now)).toEqual({ added: 0, removed: 1 })
		await expect(setAttendance(managerA, s.id, [], [], now)).rejects.toBeInstanceOf(NotFoundError)
		await expect(getClassroomSession(managerA, s.id, 'http://x', now)).rejects.toBeInstanceOf(NotFoundError)
		await expect(setAttendance(managerB, s.id, [w.a.worker.person.id], [], now)).rejects.toBeInstanceOf(NotFoundError)
		await expect(openSignIn(managerB, s.id, new Date('2026-06-11T02:00:00Z'))).rejects.toMatchObject({ key: 'learning:signInWindow' })
	})

	it('coverage: people meeting their rule, contractors apart, overdue first', async () => {
		const tagged = await db.enterprise.create({ data: { name: `覆盖率${tag()}`, uscc: `C${tag()}${tag()}`.slice(0, 18), regionId: w.countyB.id, category: 'CHEMICAL' } })
		const mgr = await addPerson(tagged.id, { roles: ['WORKER', 'SAFETY_MANAGER'], hireDate: '2012-01-01' })
		const actor = actorOf(mgr, ['WORKER', 'SAFETY_MANAGER'])
		const staff = await addPerson(tagged.id, { hireDate: '2012-01-01' })
		const company = await db.contractorCompany.create({ data: { enterpriseId: tagged.id, name: '承包商' } })
		const contractor = await addPerson(tagged.id, { type: 'CONTRACTOR', contractorId: company.id })
		await addPerson(tagged.id, { type: 'OUTSOURCED', contractorId: company.id })
		// staff: 20 h of classroom training this year → meets the annual rule
		const s = await createClassroomSession(actor, { topic: '年度培训', trainer: '李', place: '会议室', date: '2026-03-02', start: '00:00', end: '23:30', hours: 20, offJob: undefined })
		await setAttendance(actor, s.id, [staff.person.id], [], T0)
		await assignPacks(actor, await assignInput({ packId, reason: 'SPECIAL', dueDate: '2026-06-10', target: 'filter', type: 'CONTRACTOR' }), T0)
		const o = await getTrainingOverview(actor, new Date('2026-06-12T02:00:00Z'))
		expect(o.coverage).toEqual({
			staff: { people: 2, meeting: 1, assigned: 0, overdue: 0 },
			contractors: { people: 2, meeting: 0, assigned: 1, overdue: 1 },
		})
		expect(o.contractors[0]).toMatchObject({ id: contractor.person.id, overdue: 1 })
		expect(o.staff.map((p) => p.id)).toEqual([mgr.person.id, staff.person.id])
		expect(o.staff[0]).toMatchObject({ requirementKind: 'ANNUAL', requiredHours: 16 })
		expect(o.packs).toEqual([expect.objectContaining({ packId, assigned: 1, completed: 0 })])
	})
})
