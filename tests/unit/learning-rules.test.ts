import { describe, expect, test } from 'vitest'
import {
	assertTransition,
	canTransition,
	IllegalTransitionError,
	isCorrectChoice,
	isOverdue,
	nextPracticeQuestion,
	progressPercent,
	wrongBook,
} from '../../app/domain/learning/rules.ts'

describe('assignment lifecycle', () => {
	test.each([
		['ASSIGNED', 'IN_PROGRESS', true],
		['ASSIGNED', 'CANCELLED', true],
		['ASSIGNED', 'COMPLETED', false],
		['IN_PROGRESS', 'COMPLETED', true],
		['IN_PROGRESS', 'ASSIGNED', false],
		['COMPLETED', 'CANCELLED', false],
		['CANCELLED', 'IN_PROGRESS', false],
		['BOGUS', 'IN_PROGRESS', false],
	] as const)('%s → %s: %s', (from, to, ok) => {
		expect(canTransition(from, to)).toBe(ok)
		if (ok) expect(() => assertTransition(from, to)).not.toThrow()
		else expect(() => assertTransition(from, to)).toThrow(IllegalTransitionError)
	})
	test('overdue: open and past the due date; the due date itself is in time', () => {
		expect(isOverdue({ status: 'ASSIGNED', dueDate: '2026-11-27' }, '2026-11-28')).toBe(true)
		expect(isOverdue({ status: 'IN_PROGRESS', dueDate: '2026-11-28' }, '2026-11-28')).toBe(false)
		expect(isOverdue({ status: 'COMPLETED', dueDate: '2026-01-01' }, '2026-11-28')).toBe(false)
		expect(isOverdue({ status: 'CANCELLED', dueDate: '2026-01-01' }, '2026-11-28')).toBe(false)
	})
})

describe('progress', () => {
	test('progress percent', () => {
		expect(progressPercent(0, 0)).toBe(0)
		expect(progressPercent(2, 3)).toBe(66)
		expect(progressPercent(3, 3)).toBe(100)
	})
})

describe('practice', () => {
	test('exactly the right options', () => {
		expect(isCorrectChoice(['B'], ['B'])).toBe(true)
		expect(isCorrectChoice(['A', 'C'], ['C', 'A'])).toBe(true)
		expect(isCorrectChoice(['A', 'C'], ['A'])).toBe(false)
		expect(isCorrectChoice(['A', 'C'], ['A', 'B', 'C'])).toBe(false)
		expect(isCorrectChoice(['T'], ['F'])).toBe(false)
	})
	test('next question: in order, skipping the ones already right, wrapping around', () => {
		const ids = ['q1', 'q2', 'q3', 'q4']
		expect(nextPracticeQuestion(ids, new Set(), null)).toBe('q1')
		expect(nextPracticeQuestion(ids, new Set(['q1']), 'q1')).toBe('q2')
		expect(nextPracticeQuestion(ids, new Set(['q2']), 'q1')).toBe('q3')
		expect(nextPracticeQuestion(ids, new Set(['q1']), 'q4')).toBe('q2')
	})
	test('the question just answered wrongly comes back when it is the only one left', () => {
		expect(nextPracticeQuestion(['q1', 'q2'], new Set(['q1']), 'q2')).toBe('q2')
	})
	test('everything right: nothing left', () => {
		expect(nextPracticeQuestion(['q1', 'q2'], new Set(['q1', 'q2']), 'q2')).toBeNull()
		expect(nextPracticeQuestion([], new Set(), null)).toBeNull()
	})
	test('wrong-answer book: latest answer decides, newest mistakes first', () => {
		const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m))
		const book = wrongBook([
			{ questionId: 'a', correct: false, at: t(1) },
			{ questionId: 'b', correct: false, at: t(2) },
			{ questionId: 'a', correct: true, at: t(3) },
			{ questionId: 'c', correct: true, at: t(4) },
			{ questionId: 'c', correct: false, at: t(5) },
			{ questionId: 'd', correct: false, at: t(6) },
		])
		expect(book).toEqual(['d', 'c', 'b'])
	})
})
