/**
 * Assignment lifecycle, due dates and practice grading. Pure.
 *
 *   ASSIGNED ──first lesson opened──▶ IN_PROGRESS ──course exam passed──▶ COMPLETED
 *       └──────────────── cancelled by a safety manager ─────────────▶ CANCELLED
 */
import type { AssignmentStatus } from '../constants.ts'

const TRANSITIONS: Record<AssignmentStatus, readonly AssignmentStatus[]> = {
	ASSIGNED: ['IN_PROGRESS', 'CANCELLED'],
	IN_PROGRESS: ['COMPLETED', 'CANCELLED'],
	COMPLETED: [],
	CANCELLED: [],
}

export class IllegalTransitionError extends Error {
	constructor(
		readonly from: string,
		readonly to: string,
	) {
		super(`Assignment cannot go from ${from} to ${to}`)
	}
}

export function canTransition(from: string, to: AssignmentStatus): boolean {
	return (TRANSITIONS[from as AssignmentStatus] ?? []).includes(to)
}

export function assertTransition(from: string, to: AssignmentStatus): void {
	if (!canTransition(from, to)) throw new IllegalTransitionError(from, to)
}

export function isOpen(status: string): boolean {
	return status === 'ASSIGNED' || status === 'IN_PROGRESS'
}

/** Open and past its due date (the due date itself still counts as in time). */
export function isOverdue(a: { status: string; dueDate: string }, today: string): boolean {
	return isOpen(a.status) && a.dueDate < today
}

/** Days a new hire has to complete onboarding (三级安全教育) packs assigned automatically. */
export const ONBOARDING_DUE_DAYS = 30

export function progressPercent(done: number, total: number): number {
	return total > 0 ? Math.floor((done / total) * 100) : 0
}

/** A practice answer is right when exactly the correct options were chosen. */
export function isCorrectChoice(answer: readonly string[], chosen: readonly string[]): boolean {
	const a = new Set(answer)
	const c = new Set(chosen)
	return a.size === c.size && [...a].every((k) => c.has(k))
}

/**
 * The next practice question: in pack order, the first one after `afterId` that has not yet
 * been answered correctly; wraps around (the question just answered comes last); null when every
 * question has been answered correctly.
 */
export function nextPracticeQuestion(orderedIds: readonly string[], correct: ReadonlySet<string>, afterId: string | null): string | null {
	if (!orderedIds.length) return null
	const start = afterId ? orderedIds.indexOf(afterId) + 1 : 0
	for (let i = 0; i < orderedIds.length; i++) {
		const id = orderedIds[(start + i) % orderedIds.length]!
		if (!correct.has(id)) return id
	}
	return null
}

/**
 * The wrong-answer book (错题本): questions whose latest practice answer was wrong, newest first.
 * Answering one correctly later takes it out.
 */
export function wrongBook(answers: readonly { questionId: string; correct: boolean; at: Date }[]): string[] {
	const latest = new Map<string, { correct: boolean; at: number }>()
	for (const a of answers) {
		const prev = latest.get(a.questionId)
		if (!prev || a.at.getTime() >= prev.at) latest.set(a.questionId, { correct: a.correct, at: a.at.getTime() })
	}
	return [...latest.entries()]
		.filter(([, v]) => !v.correct)
		.sort((x, y) => y[1].at - x[1].at)
		.map(([id]) => id)
}
