import { describe, expect, it } from 'vitest'
import {
	caseAgeDays,
	canTransition,
	dutyStatusFor,
	eventsForProgress,
	openCase,
	packsForFailedPaper,
	remaining,
	requirementsMet,
	RETRAINING_EVENTS,
	RETRAINING_STATES,
	RetrainingTransitionError,
	seriesForViolation,
	transition,
	violatesDutyInvariant,
	type RetrainingEvent,
	type RetrainingState,
} from '~/domain/retraining.ts'
import zh from '~/locales/zh-CN/retraining.json'
import en from '~/locales/en/retraining.json'

const LEGAL: [RetrainingState, RetrainingEvent, number, RetrainingState, number, string | null][] = [
	// from, event, failedReexams before, to, failedReexams after, duty status
	['OPEN', 'START_TRAINING', 0, 'TRAINING', 0, null],
	['TRAINING', 'REQUIREMENTS_MET', 0, 'READY_FOR_EXAM', 0, null],
	['READY_FOR_EXAM', 'REQUIREMENTS_RAISED', 0, 'TRAINING', 0, null],
	['READY_FOR_EXAM', 'REEXAM_PASSED', 0, 'CLEARED', 0, 'ON_POST'],
	['READY_FOR_EXAM', 'REEXAM_PASSED', 1, 'CLEARED', 1, 'ON_POST'],
	['READY_FOR_EXAM', 'REEXAM_FAILED', 0, 'READY_FOR_EXAM', 1, 'SUSPENDED'],
	['READY_FOR_EXAM', 'REEXAM_FAILED', 1, 'ESCALATED', 2, 'SUSPENDED'],
	['ESCALATED', 'REOPEN', 2, 'TRAINING', 2, null],
]

describe('retraining transitions', () => {
	it.each(LEGAL)('%s --%s (fails %i)--> %s', (from, event, fails, to, failsAfter, duty) => {
		const r = transition({ state: from, failedReexams: fails }, event)
		expect(r.state).toBe(to)
		expect(r.failedReexams).toBe(failsAfter)
		expect(r.dutyStatus).toBe(duty)
	})

	const legal = new Set(LEGAL.map(([f, e]) => `${f}:${e}`))
	const illegal = RETRAINING_STATES.flatMap((s) => RETRAINING_EVENTS.map((e) => [s, e] as const)).filter(([s, e]) => !legal.has(`${s}:${e}`))

	it('the table has exactly the legal transitions listed here', () => {
		for (const s of RETRAINING_STATES)
			for (const e of RETRAINING_EVENTS) expect(canTransition(s, e), `${s}:${e}`).toBe(legal.has(`${s}:${e}`))
		expect(illegal.length).toBe(RETRAINING_STATES.length * RETRAINING_EVENTS.length - 6)
	})

	it.each(illegal)('%s refuses %s with a typed, translated error', (from, event) => {
		let err: unknown
		try {
			transition({ state: from, failedReexams: 0 }, event)
		} catch (e) {
			err = e
		}
		expect(err).toBeInstanceOf(RetrainingTransitionError)
		const e = err as RetrainingTransitionError
		expect(e.from).toBe(from)
		expect(e.event).toBe(event)
		expect(e.key).toBe(`retraining:illegal.${event}`)
		const k = e.key.split(':')[1]!.split('.')
		expect((zh as any)[k[0]!][k[1]!]).toBeTruthy()
		expect((en as any)[k[0]!][k[1]!]).toBeTruthy()
	})

	it('a cleared case accepts nothing', () => {
		for (const e of RETRAINING_EVENTS) expect(() => transition({ state: 'CLEARED', failedReexams: 0 }, e)).toThrow(RetrainingTransitionError)
	})

	it('opening suspends the person', () => {
		expect(openCase()).toEqual({ state: 'OPEN', failedReexams: 0, dutyStatus: 'SUSPENDED' })
	})

	it('full path: open → training → ready → fail → fail → escalated → reopen → ready → pass', () => {
		let c = openCase()
		for (const e of ['START_TRAINING', 'REQUIREMENTS_MET', 'REEXAM_FAILED', 'REEXAM_FAILED', 'REOPEN', 'REQUIREMENTS_MET', 'REEXAM_PASSED'] as const)
			c = transition(c, e)
		expect(c.state).toBe('CLEARED')
		expect(c.dutyStatus).toBe('ON_POST')
	})
})

describe('duty status invariant', () => {
	it('any open case means SUSPENDED, none means ON_POST, LEFT stays LEFT', () => {
		expect(dutyStatusFor('ON_POST', ['OPEN'])).toBe('SUSPENDED')
		expect(dutyStatusFor('SUSPENDED', ['CLEARED', 'TRAINING'])).toBe('SUSPENDED')
		expect(dutyStatusFor('SUSPENDED', ['ESCALATED'])).toBe('SUSPENDED')
		expect(dutyStatusFor('SUSPENDED', ['CLEARED', 'CLEARED'])).toBe('ON_POST')
		expect(dutyStatusFor('SUSPENDED', [])).toBe('ON_POST')
		expect(dutyStatusFor('LEFT', ['OPEN'])).toBe('LEFT')
	})
	it('flags ON_POST with an open case', () => {
		for (const s of ['OPEN', 'TRAINING', 'READY_FOR_EXAM', 'ESCALATED']) expect(violatesDutyInvariant('ON_POST', [s])).toBe(true)
		expect(violatesDutyInvariant('ON_POST', ['CLEARED'])).toBe(false)
		expect(violatesDutyInvariant('SUSPENDED', ['OPEN'])).toBe(false)
	})
})

describe('requirements', () => {
	it('violations always require the three-violations series', () => {
		expect(seriesForViolation('DISCIPLINE')).toEqual(['three-violations'])
		expect(seriesForViolation('OPERATION')).toEqual(['three-violations', 'special-operations'])
		expect(seriesForViolation('COMMAND')).toContain('three-violations')
	})

	it('failed paper → packs below the pass ratio', () => {
		const items = [
			...Array.from({ length: 7 }, (_, i) => ({ packId: 'special-operations-2022', correct: i < 3 })),
			...Array.from({ length: 7 }, (_, i) => ({ packId: 'hidden-danger-2017', correct: i < 7 })),
			...Array.from({ length: 6 }, (_, i) => ({ packId: 'three-violations', correct: i < 4 })),
		]
		expect(packsForFailedPaper(items, 0.8)).toEqual(['special-operations-2022', 'three-violations'])
	})

	it('failed only on the total → every pack with a wrong answer; no wrong answer → all packs', () => {
		const items = [
			...Array.from({ length: 10 }, (_, i) => ({ packId: 'a', correct: i < 9 })),
			...Array.from({ length: 10 }, () => ({ packId: 'b', correct: true })),
		]
		expect(packsForFailedPaper(items, 0.8)).toEqual(['a'])
		expect(packsForFailedPaper([{ packId: 'b', correct: true }, { packId: 'a', correct: true }], 0.8)).toEqual(['a', 'b'])
		expect(packsForFailedPaper([], 0.8)).toEqual([])
	})

	it('progress: packs and minutes must both be done', () => {
		const p = { packs: [{ packId: 'x', done: true }, { packId: 'y', done: false }], minutesDone: 500, minutesRequired: 480 }
		expect(requirementsMet(p)).toBe(false)
		expect(remaining(p)).toEqual({ packs: ['y'], minutes: 0 })
		expect(requirementsMet({ ...p, packs: [{ packId: 'x', done: true }] })).toBe(true)
		expect(requirementsMet({ ...p, packs: [], minutesDone: 479 })).toBe(false)
		expect(remaining({ ...p, minutesDone: 100 }).minutes).toBe(380)
	})
})

describe('events for progress', () => {
	const none = { packs: [{ packId: 'x', done: false }], minutesDone: 0, minutesRequired: 480 }
	const some = { ...none, minutesDone: 30 }
	const done = { packs: [{ packId: 'x', done: true }], minutesDone: 480, minutesRequired: 480 }
	it.each([
		['OPEN', none, false, []],
		['OPEN', some, false, ['START_TRAINING']],
		['OPEN', done, false, ['START_TRAINING', 'REQUIREMENTS_MET']],
		['TRAINING', some, false, []],
		['TRAINING', done, false, ['REQUIREMENTS_MET']],
		['READY_FOR_EXAM', done, false, []],
		['READY_FOR_EXAM', some, false, ['REQUIREMENTS_RAISED']],
		['READY_FOR_EXAM', some, true, []],
		['ESCALATED', done, false, []],
		['CLEARED', none, false, []],
	] as const)('%s with %j (re-exam running %s) → %j', (state, p, running, expected) => {
		const events = eventsForProgress(state, p, running)
		expect(events).toEqual(expected)
		// and each event is legal in sequence
		let c = { state: state as RetrainingState, failedReexams: 0 }
		for (const e of events) c = transition(c, e)
	})
})

it('case age in whole days', () => {
	expect(caseAgeDays(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-03T23:00:00Z'))).toBe(2)
	expect(caseAgeDays(new Date('2026-11-03T00:00:00Z'), new Date('2026-11-01T00:00:00Z'))).toBe(0)
})
