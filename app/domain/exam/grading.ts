/**
 * Grading, pure. Single choice and true/false: exactly the right key. Multiple choice: all or
 * nothing, unless the blueprint allows partial credit — then a correct subset (no wrong key)
 * earns its share of the points (少选得部分分, 错选不得分). Scores are scaled to the blueprint's
 * nominal total, so a paper that came out shorter than planned keeps the same pass line.
 */
import type { QuestionType } from './types.ts'

export type GradeInput = {
	type: QuestionType
	points: number
	/** the question's correct option keys */
	answer: readonly string[]
	/** the option keys the person chose; null or empty when unanswered */
	chosen: readonly string[] | null
}

export type ItemGrade = { correct: boolean; earned: number; answered: boolean }

export function normaliseKeys(keys: readonly string[] | null): string[] {
	return keys ? [...new Set(keys)].sort() : []
}

export function gradeItem(item: GradeInput, partialCredit: boolean): ItemGrade {
	const chosen = normaliseKeys(item.chosen)
	const answer = normaliseKeys(item.answer)
	if (chosen.length === 0) return { correct: false, earned: 0, answered: false }
	const exact = chosen.length === answer.length && chosen.every((k, i) => k === answer[i])
	if (exact) return { correct: true, earned: item.points, answered: true }
	if (item.type === 'MULTIPLE' && partialCredit && chosen.every((k) => answer.includes(k))) {
		return { correct: false, earned: round2((item.points * chosen.length) / answer.length), answered: true }
	}
	return { correct: false, earned: 0, answered: true }
}

export type PaperGrade = {
	items: ItemGrade[]
	/** raw points earned and available on this paper */
	earned: number
	available: number
	/** scaled to the blueprint's total, one decimal */
	score: number
	maxScore: number
	passed: boolean
	correctCount: number
	answeredCount: number
}

export function gradePaper(
	items: readonly GradeInput[],
	settings: { partialCredit: boolean; total: number; passMark: number },
): PaperGrade {
	const grades = items.map((it) => gradeItem(it, settings.partialCredit))
	const earned = round2(grades.reduce((n, g) => n + g.earned, 0))
	const available = round2(items.reduce((n, it) => n + it.points, 0))
	const score = available > 0 ? Math.round((earned / available) * settings.total * 10) / 10 : 0
	return {
		items: grades,
		earned,
		available,
		score,
		maxScore: settings.total,
		passed: available > 0 && score >= settings.passMark,
		correctCount: grades.filter((g) => g.correct).length,
		answeredCount: grades.filter((g) => g.answered).length,
	}
}

function round2(n: number): number {
	return Math.round(n * 100) / 100
}
