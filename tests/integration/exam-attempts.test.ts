import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { grantAttemptAccess, resolveExamViewer, revokeAttemptAccess, EXAM_ACCESS_COOKIE } from '~/domain/exam/access.server.ts'
import {
	expireOverdueAttempts,
	getAttemptForTaker,
	getAttemptResult,
	getAttemptSummaries,
	saveAnswer,
	startAttempt,
	submitAttempt,
} from '~/domain/exam/attempts.server.ts'
import { ensureDefaultBlueprints } from '~/domain/exam/blueprints.server.ts'
import { onAttemptGraded, removeAttemptGradedHandler, type GradedAttempt } from '~/domain/exam/hooks.server.ts'
import { toDisplayKeys } from '~/domain/exam/paper.ts'
import type { PaperItem } from '~/domain/exam/types.ts'
import { NotFoundError, RuleError } from '~/domain/roster.server.ts'
import { db } from '~/utils/db.server.ts'
import { createPack, createPerson, ensureShippedShapeBank, type FixturePerson } from '../support/exam-fixtures.ts'

const T0 = new Date('2026-11-20T02:00:00Z')
const sec = (s: number, from = T0) => new Date(from.getTime() + s * 1000)

beforeAll(async () => {
	await ensureShippedShapeBank(db)
	await ensureDefaultBlueprints()
})

let subjectN = 0
function subject() {
	return { subjectType: 'Test', subjectId: `s${++subjectN}-${Date.now()}` }
}

async function start(p: FixturePerson, over: Partial<Parameters<typeof startAttempt>[1]> = {}) {
	return startAttempt(db, { personId: p.personId, enterpriseId: p.enterpriseId, blueprintCode: 'WORKER_SPOT_CHECK', purpose: 'SPOT_CHECK', now: T0, ...subject(), ...over })
}

/** Display keys of the right answer for every position. */
async function rightAnswers(attemptId: string): Promise<string[][]> {
	const a = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })
	const paper = JSON.parse(a.paper) as PaperItem[]
	const qs = await db.question.findMany({ where: { id: { in: paper.map((p) => p.q) } } })
	const byId = new Map(qs.map((q) => [q.id, JSON.parse(q.answer) as string[]]))
	return paper.map((item) => toDisplayKeys(item, byId.get(item.q)!))
}

function wrongFor(right: string[], type: string): string[] {
	if (type === 'TRUEFALSE') return [right[0] === 'T' ? 'F' : 'T']
	return [['A', 'B', 'C', 'D'].find((k) => !right.includes(k))!]
}

async function answerAll(attemptId: string, p: FixturePerson, correct: number, t0: Date, gapSeconds = 20) {
	const right = await rightAnswers(attemptId)
	const view = await getAttemptForTaker(attemptId, p.personId, t0)
	for (const [i, q] of view.questions.entries()) {
		const choice = i < correct ? right[i]! : wrongFor(right[i]!, q.type)
		const r = await saveAnswer({ attemptId, personId: p.personId, position: i, choice, now: sec(gapSeconds * (i + 1), t0) })
		expect(r.ok).toBe(true)
	}
	return sec(gapSeconds * (view.questions.length + 1), t0)
}

describe('startAttempt', () => {
	it('draws and freezes a worker spot-check paper; a second start resumes it', async () => {
		const p = await createPerson(db, { post: '电工' })
		const s = subject()
		const first = await start(p, s)
		expect(first.resumed).toBe(false)
		expect(first.report).toMatchObject({ planned: 20, drawn: 20, shortfall: 0 })
		expect(first.deadlineAt.toISOString()).toBe(sec(20 * 60).toISOString())
		const row = await db.examAttempt.findUniqueOrThrow({ where: { id: first.attemptId } })
		expect(row).toMatchObject({ status: 'IN_PROGRESS', purpose: 'SPOT_CHECK', questionCount: 20, personId: p.personId, enterpriseId: p.enterpriseId })
		const config = JSON.parse(row.config)
		expect(config).toMatchObject({ total: 100, passMark: 80, partialCredit: false, postOperations: ['HEIGHT', 'TEMP_POWER', 'GENERAL'] })
		const again = await start(p, { ...s, now: sec(60) })
		expect(again).toMatchObject({ attemptId: first.attemptId, resumed: true })
		expect(await db.examAttempt.count({ where: { personId: p.personId } })).toBe(1)
		expect(await db.auditEvent.count({ where: { entityId: first.attemptId, action: 'exam.attemptStarted' } })).toBe(1)
	})

	it('the operations third follows the post', async () => {
		const p = await createPerson(db, { post: '起重司索工' })
		const { attemptId } = await start(p)
		const paper = JSON.parse((await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).paper) as PaperItem[]
		const ops = await db.question.findMany({ where: { id: { in: paper.filter((i) => i.s === 'operations').map((i) => i.q) } }, select: { operation: true } })
		expect(ops).toHaveLength(7)
		for (const o of ops) expect(['LIFTING', 'HEIGHT', 'GENERAL']).toContain(o.operation)
	})

	it('avoids the questions of the person\'s recent attempts', async () => {
		const p = await createPerson(db)
		const a = await start(p)
		await submitAttempt({ attemptId: a.attemptId, personId: p.personId, now: sec(600) })
		const b = await start(p, { now: sec(700) })
		const keys = async (id: string) => (JSON.parse((await db.examAttempt.findUniqueOrThrow({ where: { id } })).paper) as PaperItem[]).map((i) => i.k)
		const first = new Set(await keys(a.attemptId))
		expect((await keys(b.attemptId)).filter((k) => first.has(k))).toEqual([])
	})

	it('a course exam narrowed to one pack draws only from it', async () => {
		const p = await createPerson(db)
		const { attemptId, report } = await start(p, { blueprintCode: 'COURSE_EXAM', purpose: 'COURSE', scope: { packIds: ['three-violations'] } })
		expect(report!.drawn).toBe(20)
		const paper = JSON.parse((await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).paper) as PaperItem[]
		expect(paper.every((i) => i.k.startsWith('fx-tv-'))).toBe(true)
	})

	it('refuses with typed errors: empty bank, foreign enterprise, person who left, inactive blueprint', async () => {
		const p = await createPerson(db)
		await expect(start(p, { blueprintCode: 'COURSE_EXAM', purpose: 'COURSE', scope: { packIds: ['no-such-pack'] } })).rejects.toMatchObject({
			key: 'exam:errors.emptyBank',
		})
		const other = await createPerson(db)
		await expect(start(p, { enterpriseId: other.enterpriseId })).rejects.toBeInstanceOf(NotFoundError)
		await expect(start(p, { blueprintId: 'nope', blueprintCode: undefined })).rejects.toBeInstanceOf(NotFoundError)
		const gone = await createPerson(db, { dutyStatus: 'LEFT' })
		await expect(start(gone)).rejects.toMatchObject({ key: 'exam:errors.personLeft' })
		const bp = await db.examBlueprint.create({
			data: { code: `OFF-${Date.now()}`, nameZh: '停用', nameEn: 'Off', audience: 'ANY', strata: JSON.stringify([{ key: 'a', labelZh: 'a', labelEn: 'a', filter: {}, counts: { SINGLE: 1, MULTIPLE: 0, TRUEFALSE: 0 } }]), points: JSON.stringify({ SINGLE: 1, MULTIPLE: 1, TRUEFALSE: 1 }), passMark: 1, timeLimitMinutes: 5, active: false },
		})
		await expect(start(p, { blueprintId: bp.id, blueprintCode: undefined })).rejects.toMatchObject({ key: 'exam:errors.blueprintInactive' })
	})

	it('a small bank gives a shorter paper with its shortfall recorded', async () => {
		const packId = `fx-small-${Date.now()}`
		await createPack(db, { id: packId, series: packId }, [
			{ key: `${packId}-1`, type: 'SINGLE' },
			{ key: `${packId}-2`, type: 'TRUEFALSE' },
		])
		const p = await createPerson(db)
		const { attemptId, report } = await start(p, { blueprintCode: 'COURSE_EXAM', purpose: 'COURSE', scope: { packIds: [packId] } })
		expect(report).toMatchObject({ planned: 20, drawn: 2, shortfall: 18 })
		expect((await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).questionCount).toBe(2)
	})

	it('retake rule: one spot-check attempt per subject; passing closes the subject; callers may override', async () => {
		const p = await createPerson(db)
		const s = subject()
		const a = await start(p, s)
		await submitAttempt({ attemptId: a.attemptId, personId: p.personId, now: sec(300) })
		await expect(start(p, { ...s, now: sec(400) })).rejects.toMatchObject({ key: 'exam:errors.noAttemptsLeft', values: { max: 1 } })
		const again = await start(p, { ...s, now: sec(400), maxAttempts: null })
		expect(again.resumed).toBe(false)
		const end = await answerAll(again.attemptId, p, 20, sec(400))
		expect((await submitAttempt({ attemptId: again.attemptId, personId: p.personId, now: end })).passed).toBe(true)
		await expect(start(p, { ...s, now: sec(4000), maxAttempts: null })).rejects.toMatchObject({ key: 'exam:errors.alreadyPassed' })
	})

	it('retake cooldown', async () => {
		const p = await createPerson(db)
		const bp = await db.examBlueprint.findUniqueOrThrow({ where: { code: 'COURSE_EXAM' } })
		const code = `COOL-${Date.now()}`
		const cool = await db.examBlueprint.create({ data: { ...bp, id: undefined, code, retakeCooldownMinutes: 30, createdAt: undefined, updatedAt: undefined } })
		const s = subject()
		const a = await start(p, { ...s, blueprintCode: code, purpose: 'COURSE' })
		await submitAttempt({ attemptId: a.attemptId, personId: p.personId, now: sec(60) })
		await expect(start(p, { ...s, blueprintCode: code, purpose: 'COURSE', now: sec(600) })).rejects.toMatchObject({ key: 'exam:errors.cooldown', values: { minutes: 21 } })
		expect((await start(p, { ...s, blueprintId: cool.id, blueprintCode: undefined, purpose: 'COURSE', now: sec(60 + 1800) })).resumed).toBe(false)
	})
})

describe('taking: the paper never carries the answers', () => {
	it('the taker view has stems and options but no answers or explanations', async () => {
		const p = await createPerson(db)
		const { attemptId } = await start(p)
		const view = await getAttemptForTaker(attemptId, p.personId, sec(5))
		expect(view.questions).toHaveLength(20)
		expect(view.remainingMs).toBe(20 * 60_000 - 5000)
		const json = JSON.stringify(view)
		expect(json).not.toMatch(/解析|explanation|"answer"/)
		for (const q of view.questions) {
			expect(Object.keys(q).sort()).toEqual(['chosen', 'options', 'points', 'position', 'stem', 'type'])
			expect(q.options.map((o) => o.key)).toEqual(q.type === 'TRUEFALSE' ? ['T', 'F'] : ['A', 'B', 'C', 'D'])
		}
		const other = await createPerson(db, { enterpriseId: p.enterpriseId })
		await expect(getAttemptForTaker(attemptId, other.personId, sec(5))).rejects.toBeInstanceOf(NotFoundError)
	})
})

describe('saveAnswer', () => {
	it('saves, overwrites, withdraws; validates position and keys; journals every save', async () => {
		const p = await createPerson(db)
		const { attemptId } = await start(p)
		const view = await getAttemptForTaker(attemptId, p.personId, sec(1))
		const multiPos = view.questions.findIndex((q) => q.type === 'MULTIPLE')
		expect(await saveAnswer({ attemptId, personId: p.personId, position: 0, choice: ['B'], now: sec(10) })).toMatchObject({ ok: true, answeredCount: 1 })
		await saveAnswer({ attemptId, personId: p.personId, position: 0, choice: ['C'], now: sec(20) })
		await saveAnswer({ attemptId, personId: p.personId, position: multiPos, choice: ['D', 'A'], now: sec(30) })
		let v = await getAttemptForTaker(attemptId, p.personId, sec(31))
		expect(v.questions[0]!.chosen).toEqual(['C'])
		expect(v.questions[multiPos]!.chosen).toEqual(['A', 'D'])
		expect(v.answeredCount).toBe(2)
		await saveAnswer({ attemptId, personId: p.personId, position: multiPos, choice: [], now: sec(40) })
		v = await getAttemptForTaker(attemptId, p.personId, sec(41))
		expect(v.questions[multiPos]!.chosen).toEqual([])
		expect(v.answeredCount).toBe(1)
		expect(await db.attemptEvent.count({ where: { attemptId, kind: 'ANSWER' } })).toBe(4)

		for (const bad of [
			{ position: -1, choice: ['A'] },
			{ position: 20, choice: ['A'] },
			{ position: 1.5, choice: ['A'] },
			{ position: 0, choice: ['A', 'B'] },
			{ position: 0, choice: ['Z'] },
			{ position: 0, choice: ['T'] },
		]) {
			await expect(saveAnswer({ attemptId, personId: p.personId, now: sec(50), ...bad })).rejects.toBeInstanceOf(RuleError)
		}
		const stranger = await createPerson(db)
		await expect(saveAnswer({ attemptId, personId: stranger.personId, position: 0, choice: ['A'], now: sec(50) })).rejects.toBeInstanceOf(NotFoundError)
		expect((await getAttemptForTaker(attemptId, p.personId, sec(60))).questions[0]!.chosen).toEqual(['C'])
	})

	it('accepts saves in the grace period, refuses and records later ones, then closes the attempt', async () => {
		const p = await createPerson(db)
		const { attemptId, deadlineAt } = await start(p)
		expect((await saveAnswer({ attemptId, personId: p.personId, position: 0, choice: ['A'], now: sec(-1, deadlineAt) })).ok).toBe(true)
		expect((await saveAnswer({ attemptId, personId: p.personId, position: 1, choice: ['A'], now: sec(25, deadlineAt) })).ok).toBe(true)
		expect(await saveAnswer({ attemptId, personId: p.personId, position: 2, choice: ['A'], now: sec(31, deadlineAt) })).toEqual({ ok: false, reason: 'LATE' })
		const late = await db.attemptEvent.findMany({ where: { attemptId, kind: 'LATE_ANSWER' } })
		expect(late).toHaveLength(1)
		expect(JSON.parse(late[0]!.data)).toMatchObject({ position: 2, reason: 'LATE' })
		const row = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })
		expect(row.status).toBe('EXPIRED')
		expect(row.submittedAt!.toISOString()).toBe(sec(30, deadlineAt).toISOString())
		expect(await db.attemptAnswer.count({ where: { attemptId } })).toBe(2)
		expect(await saveAnswer({ attemptId, personId: p.personId, position: 3, choice: ['A'], now: sec(40, deadlineAt) })).toEqual({ ok: false, reason: 'LATE' })
		expect(await db.attemptEvent.count({ where: { attemptId, kind: 'LATE_ANSWER' } })).toBe(2)
		expect(await db.auditEvent.count({ where: { entityId: attemptId, action: 'exam.lateAnswerRefused' } })).toBe(2)
	})
})

describe('submitAttempt and grading', () => {
	it('grades 16 of 20 as a pass at 80, is idempotent, and refuses later saves', async () => {
		const p = await createPerson(db)
		const { attemptId } = await start(p)
		const end = await answerAll(attemptId, p, 16, T0)
		const first = await submitAttempt({ attemptId, personId: p.personId, actorUserId: p.userId, now: end })
		expect(first).toEqual({ status: 'SUBMITTED', score: 80, maxScore: 100, passed: true, repeated: false })
		const second = await submitAttempt({ attemptId, personId: p.personId, actorUserId: p.userId, now: sec(5, end) })
		expect(second).toEqual({ ...first, repeated: true })
		expect(await db.attemptEvent.count({ where: { attemptId, kind: 'SUBMIT_REPEAT' } })).toBe(1)
		expect(await db.auditEvent.count({ where: { entityId: attemptId, action: 'exam.attemptSubmitted' } })).toBe(1)
		expect(await saveAnswer({ attemptId, personId: p.personId, position: 0, choice: ['A'], now: sec(6, end) })).toEqual({ ok: false, reason: 'CLOSED' })
		const answers = await db.attemptAnswer.findMany({ where: { attemptId } })
		expect(answers.filter((a) => a.correct)).toHaveLength(16)
		expect(answers.reduce((n, a) => n + (a.earned ?? 0), 0)).toBe(80)
	})

	it('15 of 20 fails; the result review shows chosen vs correct with explanations', async () => {
		const p = await createPerson(db)
		const { attemptId } = await start(p)
		await expect(getAttemptResult(attemptId, sec(1))).rejects.toMatchObject({ key: 'exam:errors.notSubmitted' })
		const end = await answerAll(attemptId, p, 15, T0)
		expect(await submitAttempt({ attemptId, personId: p.personId, now: end })).toMatchObject({ score: 75, passed: false })
		const result = await getAttemptResult(attemptId, end)
		expect(result).toMatchObject({ status: 'SUBMITTED', score: 75, passed: false, correctCount: 15, answeredCount: 20, flags: [] })
		const wrong = result.questions.filter((q) => !q.correct)
		expect(wrong).toHaveLength(5)
		for (const q of wrong) {
			expect(q.chosen).not.toEqual(q.answer)
			expect(q.explanation).toMatch(/^解析/)
		}
	})

	it('flags an implausibly fast attempt', async () => {
		const p = await createPerson(db)
		const { attemptId } = await start(p)
		const end = await answerAll(attemptId, p, 20, T0, 1)
		await submitAttempt({ attemptId, personId: p.personId, now: end })
		const [s] = await getAttemptSummaries([attemptId], end)
		expect(s).toMatchObject({ status: 'SUBMITTED', passed: true, flags: ['TOO_FAST'], answeredCount: 20 })
	})

	it('expireOverdueAttempts grades with the saved answers at the deadline', async () => {
		const p = await createPerson(db)
		const { attemptId, deadlineAt } = await start(p)
		const right = await rightAnswers(attemptId)
		for (let i = 0; i < 10; i++) await saveAnswer({ attemptId, personId: p.personId, position: i, choice: right[i]!, now: sec(30 * (i + 1)) })
		expect(await expireOverdueAttempts(sec(10, deadlineAt))).toBe(0)
		expect(await expireOverdueAttempts(sec(31, deadlineAt), { attemptIds: [attemptId] })).toBe(1)
		expect(await expireOverdueAttempts(sec(60, deadlineAt), { attemptIds: [attemptId] })).toBe(0)
		const row = await db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })
		expect(row).toMatchObject({ status: 'EXPIRED', score: 50, passed: false })
		expect(await db.auditEvent.count({ where: { entityId: attemptId, action: 'exam.attemptExpired', actorUserId: null } })).toBe(1)
		// a submit after expiry is harmless
		expect(await submitAttempt({ attemptId, personId: p.personId, now: sec(90, deadlineAt) })).toMatchObject({ status: 'EXPIRED', score: 50, repeated: true })
	})

	it('partial credit follows the blueprint frozen at start', async () => {
		const packId = `fx-multi-${Date.now()}`
		await createPack(
			db,
			{ id: packId, series: packId },
			Array.from({ length: 4 }, (_, i) => ({ key: `${packId}-${i}`, type: 'MULTIPLE' as const, answer: ['A', 'B'] })),
		)
		const code = `PARTIAL-${Date.now()}`
		await db.examBlueprint.create({
			data: {
				code,
				nameZh: '部分得分',
				nameEn: 'Partial',
				audience: 'ANY',
				strata: JSON.stringify([{ key: 'm', labelZh: 'm', labelEn: 'm', filter: { packs: [packId] }, counts: { SINGLE: 0, MULTIPLE: 4, TRUEFALSE: 0 } }]),
				points: JSON.stringify({ SINGLE: 25, MULTIPLE: 25, TRUEFALSE: 25 }),
				passMark: 60,
				timeLimitMinutes: 10,
				partialCredit: true,
			},
		})
		const p = await createPerson(db)
		const { attemptId } = await start(p, { blueprintCode: code, purpose: 'COURSE' })
		// the admin switches partial credit off after the start: the attempt keeps its rules
		await db.examBlueprint.update({ where: { code }, data: { partialCredit: false } })
		const right = await rightAnswers(attemptId)
		await saveAnswer({ attemptId, personId: p.personId, position: 0, choice: right[0]!, now: sec(30) })
		await saveAnswer({ attemptId, personId: p.personId, position: 1, choice: right[1]!, now: sec(60) })
		await saveAnswer({ attemptId, personId: p.personId, position: 2, choice: [right[2]![0]!], now: sec(90) })
		await saveAnswer({ attemptId, personId: p.personId, position: 3, choice: [right[3]![0]!], now: sec(120) })
		expect(await submitAttempt({ attemptId, personId: p.personId, now: sec(150) })).toMatchObject({ score: 75, passed: true })
	})
})

describe('graded hooks', () => {
	it('run inside the grading transaction with the result; a throwing hook rolls the grading back', async () => {
		const seen: GradedAttempt[] = []
		onAttemptGraded('SPOT_CHECK', 'test:record', async (tx, attempt) => {
			seen.push(attempt)
			await tx.auditEvent.create({ data: { action: 'test.hookRan', entityType: 'ExamAttempt', entityId: attempt.id } })
			if (attempt.subjectId === 'explode') throw new Error('hook failed')
		})
		try {
			const p = await createPerson(db)
			const a = await start(p)
			const end = await answerAll(a.attemptId, p, 10, T0)
			await submitAttempt({ attemptId: a.attemptId, personId: p.personId, now: end })
			expect(seen).toHaveLength(1)
			expect(seen[0]).toMatchObject({ id: a.attemptId, purpose: 'SPOT_CHECK', passed: false, score: 50, blueprintCode: 'WORKER_SPOT_CHECK', status: 'SUBMITTED' })
			expect(seen[0]!.weakTopics.reduce((n, w) => n + w.wrong, 0)).toBe(10)
			expect(await db.auditEvent.count({ where: { entityId: a.attemptId, action: 'test.hookRan' } })).toBe(1)

			// another purpose does not call it
			const c = await start(p, { blueprintCode: 'COURSE_EXAM', purpose: 'COURSE', scope: { packIds: ['three-violations'] } })
			await submitAttempt({ attemptId: c.attemptId, personId: p.personId, now: sec(100) })
			expect(seen).toHaveLength(1)

			const b = await start(p, { subjectType: 'Test', subjectId: 'explode' })
			await expect(submitAttempt({ attemptId: b.attemptId, personId: p.personId, now: sec(100) })).rejects.toThrow('hook failed')
			const row = await db.examAttempt.findUniqueOrThrow({ where: { id: b.attemptId } })
			expect(row).toMatchObject({ status: 'IN_PROGRESS', score: null, passed: null })
			expect(await db.auditEvent.count({ where: { entityId: b.attemptId, action: { in: ['test.hookRan', 'exam.attemptSubmitted'] } } })).toBe(0)
		} finally {
			removeAttemptGradedHandler('test:record')
		}
	})
})

describe('access', () => {
	const request = (cookie = '') => new Request('http://localhost/exam/x', { headers: { cookie } })
	async function sessionCookie(userId: string) {
		const token = `tok${Math.random().toString(36).slice(2)}${'x'.repeat(30)}`.slice(0, 40)
		await db.session.create({ data: { id: createHash('sha256').update(token).digest('hex'), userId, expiresAt: new Date(Date.now() + 86_400_000) } })
		return `anxun_session=${token}`
	}

	it('a granted token opens exactly its attempt until it expires or is revoked', async () => {
		const p = await createPerson(db)
		const now = new Date()
		const { attemptId } = await start(p, { now })
		const other = await start(await createPerson(db), { now })
		const { token, expiresAt } = await grantAttemptAccess(db, attemptId, { now, returnTo: '/inspections/abc' })
		expect(expiresAt.getTime()).toBe(now.getTime() + 20 * 60_000 + 30_000 + 2 * 3600_000)
		const cookie = `${EXAM_ACCESS_COOKIE}=${token}`
		expect(await resolveExamViewer(request(cookie), attemptId, now)).toMatchObject({ kind: 'taker', personId: p.personId, via: 'token', returnTo: '/inspections/abc' })
		expect(await resolveExamViewer(request(cookie), other.attemptId, now)).toBeNull()
		expect(await resolveExamViewer(request(cookie), attemptId, new Date(expiresAt.getTime() + 1))).toBeNull()
		expect(await resolveExamViewer(request(`${EXAM_ACCESS_COOKIE}=${token}x`), attemptId, now)).toBeNull()
		await revokeAttemptAccess(db, attemptId, now)
		expect(await resolveExamViewer(request(cookie), attemptId, now)).toBeNull()
		const bad = await grantAttemptAccess(db, attemptId, { now, returnTo: '//evil.example/' })
		expect((await db.attemptAccess.findMany({ where: { attemptId } })).map((a) => a.returnTo).sort()).toEqual(['/inspections/abc', null].sort())
		expect(bad.token).not.toBe(token)
	})

	it('the person signs in to take it; reviewers see it only after submission and only in scope', async () => {
		const now = new Date()
		const p = await createPerson(db)
		const manager = await createPerson(db, { enterpriseId: p.enterpriseId, roles: ['WORKER', 'SAFETY_MANAGER'] })
		const colleague = await createPerson(db, { enterpriseId: p.enterpriseId })
		const foreignManager = await createPerson(db, { roles: ['WORKER', 'SAFETY_MANAGER'] })
		const inspector = await db.user.create({ data: { mobile: '13500000001', passwordHash: '', displayName: 'I', mustChangePassword: false, regionId: p.regionId, roles: { create: [{ role: 'INSPECTOR' }] } } })
		const otherRegion = await createPerson(db)
		const farInspector = await db.user.create({ data: { mobile: '13500000002', passwordHash: '', displayName: 'J', mustChangePassword: false, regionId: otherRegion.regionId, roles: { create: [{ role: 'INSPECTOR' }] } } })

		const { attemptId } = await start(p, { now })
		expect(await resolveExamViewer(request(), attemptId, now)).toBeNull()
		expect(await resolveExamViewer(request(await sessionCookie(p.userId)), attemptId, now)).toMatchObject({ kind: 'taker', via: 'session' })
		for (const u of [manager.userId, colleague.userId, inspector.id]) {
			await expect(resolveExamViewer(request(await sessionCookie(u)), attemptId, now)).rejects.toBeInstanceOf(NotFoundError)
		}
		await submitAttempt({ attemptId, personId: p.personId, now })
		expect(await resolveExamViewer(request(await sessionCookie(manager.userId)), attemptId, now)).toMatchObject({ kind: 'reviewer' })
		expect(await resolveExamViewer(request(await sessionCookie(inspector.id)), attemptId, now)).toMatchObject({ kind: 'reviewer' })
		for (const u of [colleague.userId, foreignManager.userId, farInspector.id]) {
			await expect(resolveExamViewer(request(await sessionCookie(u)), attemptId, now)).rejects.toBeInstanceOf(NotFoundError)
		}
		await expect(resolveExamViewer(request(await sessionCookie(p.userId)), 'no-such-attempt', now)).rejects.toBeInstanceOf(NotFoundError)
	})
})
