import { describe, expect, it } from 'vitest'
import { deadlineFor, isTooFast, phaseAt, remainingMs, transition } from '~/domain/exam/deadline.ts'
import { gradeItem, gradePaper, type GradeInput } from '~/domain/exam/grading.ts'
import { displayKeys, fromDisplayKeys, toDisplayKeys } from '~/domain/exam/paper.ts'
import { StrataSchema } from '~/domain/exam/blueprint-schemas.server.ts'
import { blueprintTotal } from '~/domain/exam/types.ts'
import { DEFAULT_BLUEPRINTS } from '~/domain/exam/defaults.ts'

const single = (answer: string[], chosen: string[] | null): GradeInput => ({ type: 'SINGLE', points: 5, answer, chosen })
const multi = (answer: string[], chosen: string[] | null, points = 4): GradeInput => ({ type: 'MULTIPLE', points, answer, chosen })
const tf = (answer: string[], chosen: string[] | null): GradeInput => ({ type: 'TRUEFALSE', points: 5, answer, chosen })

describe('gradeItem', () => {
	it.each([
		['single right', single(['B'], ['B']), false, { correct: true, earned: 5, answered: true }],
		['single wrong', single(['B'], ['C']), false, { correct: false, earned: 0, answered: true }],
		['single unanswered', single(['B'], null), false, { correct: false, earned: 0, answered: false }],
		['single empty', single(['B'], []), false, { correct: false, earned: 0, answered: false }],
		['single two keys', single(['B'], ['B', 'C']), true, { correct: false, earned: 0, answered: true }],
		['true/false right', tf(['F'], ['F']), false, { correct: true, earned: 5, answered: true }],
		['true/false wrong', tf(['F'], ['T']), false, { correct: false, earned: 0, answered: true }],
		['multiple exact, any order', multi(['A', 'C', 'D'], ['D', 'A', 'C']), false, { correct: true, earned: 4, answered: true }],
		['multiple subset, all-or-nothing', multi(['A', 'C', 'D'], ['A', 'C']), false, { correct: false, earned: 0, answered: true }],
		['multiple subset, partial credit', multi(['A', 'C', 'D'], ['A', 'C'], 3), true, { correct: false, earned: 2, answered: true }],
		['multiple one of two, partial credit', multi(['A', 'B'], ['B'], 5), true, { correct: false, earned: 2.5, answered: true }],
		['multiple with a wrong key, partial credit', multi(['A', 'C', 'D'], ['A', 'B']), true, { correct: false, earned: 0, answered: true }],
		['multiple superset, partial credit', multi(['A', 'C'], ['A', 'B', 'C']), true, { correct: false, earned: 0, answered: true }],
		['multiple exact, partial credit', multi(['A', 'C'], ['C', 'A']), true, { correct: true, earned: 4, answered: true }],
		['multiple duplicate keys', multi(['A', 'C'], ['A', 'A', 'C']), false, { correct: true, earned: 4, answered: true }],
		['partial credit never applies to single choice', single(['B'], ['C']), true, { correct: false, earned: 0, answered: true }],
	])('%s', (_, input, partial, expected) => {
		expect(gradeItem(input, partial)).toEqual(expected)
	})
})

describe('gradePaper', () => {
	const paper = (right: number, wrong: number): GradeInput[] => [
		...Array.from({ length: right }, () => single(['A'], ['A'])),
		...Array.from({ length: wrong }, () => single(['A'], ['B'])),
	]
	it.each([
		[16, 4, 80, true],
		[15, 5, 75, false],
		[20, 0, 100, true],
		[0, 20, 0, false],
	])('%i right of 20 × 5 → %i, passed %s', (r, w, score, passed) => {
		const g = gradePaper(paper(r, w), { partialCredit: false, total: 100, passMark: 80 })
		expect(g).toMatchObject({ score, maxScore: 100, passed, correctCount: r, answeredCount: 20, earned: r * 5, available: 100 })
	})

	it('scales a shorter paper (shortfall) to the blueprint total', () => {
		// 19 questions drawn instead of 20: 16 right = 80 of 95 raw → 84.2 of 100
		const g = gradePaper(paper(16, 3), { partialCredit: false, total: 100, passMark: 80 })
		expect(g.score).toBe(84.2)
		expect(g.passed).toBe(true)
		const h = gradePaper(paper(15, 4), { partialCredit: false, total: 100, passMark: 80 })
		expect(h.score).toBe(78.9)
		expect(h.passed).toBe(false)
	})

	it('partial answers of multiple choice count as wrong unless the blueprint says otherwise', () => {
		const items = [...paper(15, 0), multi(['A', 'B'], ['A'], 5), ...paper(0, 4)]
		expect(gradePaper(items, { partialCredit: false, total: 100, passMark: 80 })).toMatchObject({ score: 75, passed: false })
		expect(gradePaper(items, { partialCredit: true, total: 100, passMark: 80 })).toMatchObject({ score: 77.5, passed: false })
		const items2 = [...paper(15, 0), multi(['A', 'B'], ['A'], 5), multi(['A', 'B'], ['B'], 5), ...paper(0, 3)]
		expect(gradePaper(items2, { partialCredit: true, total: 100, passMark: 80 })).toMatchObject({ score: 80, passed: true })
	})

	it('an empty paper never passes', () => {
		expect(gradePaper([], { partialCredit: false, total: 100, passMark: 0 })).toMatchObject({ score: 0, passed: false })
	})
})

describe('deadline and state machine', () => {
	const start = new Date('2026-12-31T15:50:00Z') // 23:50 Shanghai, the deadline crosses midnight and the year
	const deadline = deadlineFor(start, 20)
	const at = (s: number) => new Date(deadline.getTime() + s * 1000)

	it('deadline = start + time limit', () => {
		expect(deadline.toISOString()).toBe('2026-12-31T16:10:00.000Z')
		expect(remainingMs(deadline, start)).toBe(20 * 60_000)
		expect(remainingMs(deadline, at(5))).toBe(0)
	})

	it.each([
		[-1, 'OPEN'],
		[0, 'GRACE'],
		[30, 'GRACE'],
		[31, 'CLOSED'],
	])('%i s after the deadline → %s', (s, phase) => {
		expect(phaseAt(deadline, at(s))).toBe(phase)
	})

	it.each([
		['IN_PROGRESS', 'SAVE', -60, { ok: true, to: 'IN_PROGRESS', changed: false }],
		['IN_PROGRESS', 'SAVE', 29, { ok: true, to: 'IN_PROGRESS', changed: false }],
		['IN_PROGRESS', 'SAVE', 31, { ok: false, reason: 'LATE' }],
		['SUBMITTED', 'SAVE', -60, { ok: false, reason: 'CLOSED' }],
		['EXPIRED', 'SAVE', 60, { ok: false, reason: 'LATE' }],
		['SUBMITTED', 'SAVE', 60, { ok: false, reason: 'CLOSED' }],
		['IN_PROGRESS', 'SUBMIT', -60, { ok: true, to: 'SUBMITTED', changed: true }],
		['IN_PROGRESS', 'SUBMIT', 10, { ok: true, to: 'SUBMITTED', changed: true }],
		['IN_PROGRESS', 'SUBMIT', 120, { ok: true, to: 'EXPIRED', changed: true }],
		['SUBMITTED', 'SUBMIT', -60, { ok: true, to: 'SUBMITTED', changed: false }],
		['EXPIRED', 'SUBMIT', 60, { ok: true, to: 'EXPIRED', changed: false }],
		['IN_PROGRESS', 'EXPIRE', 10, { ok: false, reason: 'NOT_DUE' }],
		['IN_PROGRESS', 'EXPIRE', 31, { ok: true, to: 'EXPIRED', changed: true }],
		['SUBMITTED', 'EXPIRE', 31, { ok: true, to: 'SUBMITTED', changed: false }],
	] as const)('%s + %s at %i s → %j', (status, event, s, expected) => {
		expect(transition(status, event, deadline, at(s))).toEqual(expected)
	})

	it.each([
		[20, 60, 5, true],
		[20, 100, 5, false],
		[20, 99, 5, true],
		[2, 1, 5, false],
		[10, 10, 0, false],
	])('%i answers in %i s with %i s minimum → too fast %s', (answered, seconds, min, flagged) => {
		expect(isTooFast({ startedAt: start, finishedAt: new Date(start.getTime() + seconds * 1000), answered, minSecondsPerQuestion: min })).toBe(flagged)
	})
})

describe('display keys', () => {
	const item = { t: 'MULTIPLE' as const, o: ['C', 'A', 'D', 'B'] }
	it('maps shuffled options to A, B, C… and back', () => {
		expect(displayKeys(item)).toEqual(['A', 'B', 'C', 'D'])
		expect(fromDisplayKeys(item, ['A', 'D'])).toEqual(['B', 'C'])
		expect(toDisplayKeys(item, ['B', 'C'])).toEqual(['A', 'D'])
		expect(fromDisplayKeys(item, [])).toEqual([])
	})
	it.each([
		[['E']],
		[['A', 'A']],
		[['a']],
		[['T']],
	])('refuses %j', (keys) => {
		expect(fromDisplayKeys(item, keys)).toBeNull()
	})
	it('single choice and true/false take one key', () => {
		expect(fromDisplayKeys({ t: 'SINGLE', o: ['B', 'A'] }, ['A', 'B'])).toBeNull()
		expect(fromDisplayKeys({ t: 'SINGLE', o: ['B', 'A'] }, ['A'])).toEqual(['B'])
		expect(fromDisplayKeys({ t: 'TRUEFALSE', o: ['T', 'F'] }, ['F'])).toEqual(['F'])
		expect(fromDisplayKeys({ t: 'TRUEFALSE', o: ['T', 'F'] }, ['A'])).toBeNull()
	})
})

describe('shipped blueprints', () => {
	it.each(DEFAULT_BLUEPRINTS.map((b) => [b.code, b] as const))('%s is valid, totals 100 and passes at 80', (_, b) => {
		expect(StrataSchema.safeParse(b.strata).success).toBe(true)
		expect(blueprintTotal(b.strata, b.points)).toBe(100)
		expect(b.passMark).toBe(80)
	})
	it('worker spot check: 20 questions in 20 minutes, ≥ 1/3 criteria and ≥ 1/3 post operations', () => {
		const b = DEFAULT_BLUEPRINTS.find((x) => x.code === 'WORKER_SPOT_CHECK')!
		const n = (k: string) => Object.values(b.strata.find((s) => s.key === k)!.counts).reduce((a, c) => a + c, 0)
		expect(n('hazard') + n('operations') + n('general')).toBe(20)
		expect(n('hazard') * 3).toBeGreaterThanOrEqual(20)
		expect(n('operations') * 3).toBeGreaterThanOrEqual(20)
		expect(b.timeLimitMinutes).toBe(20)
	})
})
