/**
 * Mandatory off-job retraining (脱产培训), pure. A failed spot check, a failed competence check
 * or a three-violations record opens a case; the person is suspended until the case is cleared.
 *
 *   OPEN ──START_TRAINING──▶ TRAINING ──REQUIREMENTS_MET──▶ READY_FOR_EXAM ──REEXAM_PASSED──▶ CLEARED
 *                                 ▲                              │  │
 *                                 └──────REQUIREMENTS_RAISED─────┘  └─REEXAM_FAILED─▶ READY_FOR_EXAM (1st fail)
 *                                 ▲                                                 ▶ ESCALATED      (2nd fail)
 *   ESCALATED ──REOPEN (principal)─┘
 *
 * Every state except CLEARED is "open": the person's duty status is SUSPENDED while any open
 * case exists and returns to ON_POST only when the last one is cleared.
 */
import type { DutyStatus } from './constants.ts'

export const RETRAINING_STATES = ['OPEN', 'TRAINING', 'READY_FOR_EXAM', 'CLEARED', 'ESCALATED'] as const
export type RetrainingState = (typeof RETRAINING_STATES)[number]

export const RETRAINING_TRIGGERS = ['SPOT_CHECK_FAIL', 'COMPETENCE_FAIL', 'VIOLATION'] as const
export type RetrainingTrigger = (typeof RETRAINING_TRIGGERS)[number]

export const RETRAINING_EVENTS = ['START_TRAINING', 'REQUIREMENTS_MET', 'REQUIREMENTS_RAISED', 'REEXAM_PASSED', 'REEXAM_FAILED', 'REOPEN'] as const
export type RetrainingEvent = (typeof RETRAINING_EVENTS)[number]

/** States in which the case still holds the person off post. */
export const OPEN_CASE_STATES: readonly RetrainingState[] = ['OPEN', 'TRAINING', 'READY_FOR_EXAM', 'ESCALATED']

/** Off-job hours required by default (editable by the safety manager per case). */
export const DEFAULT_REQUIRED_MINUTES = 8 * 60
export const MIN_REQUIRED_MINUTES = 60
export const MAX_REQUIRED_MINUTES = 200 * 60
/** Failed re-exams after which the case escalates (one retake, as in the competence exam). */
export const REEXAM_FAILS_TO_ESCALATE = 2

export function isOpenState(state: string): boolean {
	return (OPEN_CASE_STATES as readonly string[]).includes(state)
}

export type CaseSnapshot = { state: RetrainingState; failedReexams: number }

export type TransitionResult = CaseSnapshot & {
	/** Duty status the person must get from this case's point of view (null: unchanged). */
	dutyStatus: DutyStatus | null
}

/** An event the case's state does not allow; carries an i18n key for a clear message. */
export class RetrainingTransitionError extends Error {
	readonly key: string
	constructor(
		readonly from: RetrainingState,
		readonly event: RetrainingEvent,
	) {
		super(`Illegal retraining transition ${event} from ${from}`)
		this.key = `retraining:illegal.${event}`
	}
}

type Rule = (c: CaseSnapshot) => TransitionResult

/** The transition table: for each state, the events it accepts and what they lead to. */
export const TRANSITIONS: Readonly<Record<RetrainingState, Partial<Record<RetrainingEvent, Rule>>>> = {
	OPEN: {
		START_TRAINING: (c) => ({ ...c, state: 'TRAINING', dutyStatus: null }),
	},
	TRAINING: {
		REQUIREMENTS_MET: (c) => ({ ...c, state: 'READY_FOR_EXAM', dutyStatus: null }),
	},
	READY_FOR_EXAM: {
		REQUIREMENTS_RAISED: (c) => ({ ...c, state: 'TRAINING', dutyStatus: null }),
		REEXAM_PASSED: (c) => ({ ...c, state: 'CLEARED', dutyStatus: 'ON_POST' }),
		REEXAM_FAILED: (c) => {
			const failedReexams = c.failedReexams + 1
			return failedReexams >= REEXAM_FAILS_TO_ESCALATE
				? { state: 'ESCALATED', failedReexams, dutyStatus: 'SUSPENDED' }
				: { state: 'READY_FOR_EXAM', failedReexams, dutyStatus: 'SUSPENDED' }
		},
	},
	ESCALATED: {
		REOPEN: (c) => ({ ...c, state: 'TRAINING', dutyStatus: null }),
	},
	CLEARED: {},
}

/** Apply an event; throws RetrainingTransitionError when the state does not accept it. */
export function transition(c: CaseSnapshot, event: RetrainingEvent): TransitionResult {
	const rule = TRANSITIONS[c.state]?.[event]
	if (!rule) throw new RetrainingTransitionError(c.state, event)
	return rule(c)
}

export function canTransition(state: RetrainingState, event: RetrainingEvent): boolean {
	return !!TRANSITIONS[state]?.[event]
}

/** A new case: OPEN, and the person is suspended at once. */
export function openCase(): TransitionResult {
	return { state: 'OPEN', failedReexams: 0, dutyStatus: 'SUSPENDED' }
}

/**
 * The duty status a person may have given the states of all their cases. LEFT stays LEFT;
 * otherwise any open case means SUSPENDED and none means ON_POST.
 */
export function dutyStatusFor(current: DutyStatus, caseStates: readonly string[]): DutyStatus {
	if (current === 'LEFT') return 'LEFT'
	return caseStates.some(isOpenState) ? 'SUSPENDED' : 'ON_POST'
}

/** The invariant: nobody is on post with an open case. */
export function violatesDutyInvariant(status: DutyStatus, caseStates: readonly string[]): boolean {
	return status === 'ON_POST' && caseStates.some(isOpenState)
}

// --- requirements -----------------------------------------------------------------------------

export const VIOLATION_TYPES = ['COMMAND', 'OPERATION', 'DISCIPLINE'] as const
export type ViolationType = (typeof VIOLATION_TYPES)[number]

/** Pack series every case of a violation type must study (resolved to the newest pack). */
export function seriesForViolation(type: ViolationType): string[] {
	// The three-violations pack always; unsafe work and unsafe orders are mostly about permits
	// and special operations, so those come too.
	if (type === 'DISCIPLINE') return ['three-violations']
	return ['three-violations', 'special-operations']
}

export type PaperItem = { packId: string; correct: boolean }

/**
 * Packs to retrain after a failed paper: every pack whose share of correct answers on the
 * paper is below the pass ratio. A paper failed only on the total (each pack just above the
 * ratio) still requires every pack that had a wrong answer; an empty result is impossible
 * for a failed paper with at least one question.
 */
export function packsForFailedPaper(items: readonly PaperItem[], passRatio: number): string[] {
	const byPack = new Map<string, { total: number; correct: number }>()
	for (const it of items) {
		const s = byPack.get(it.packId) ?? { total: 0, correct: 0 }
		s.total++
		if (it.correct) s.correct++
		byPack.set(it.packId, s)
	}
	const weak = [...byPack].filter(([, s]) => s.correct / s.total < passRatio).map(([id]) => id)
	if (weak.length) return weak.sort()
	const wrong = [...byPack].filter(([, s]) => s.correct < s.total).map(([id]) => id)
	if (wrong.length) return wrong.sort()
	return [...byPack.keys()].sort()
}

// --- progress ---------------------------------------------------------------------------------

export type CaseProgress = {
	packs: { packId: string; done: boolean }[]
	minutesDone: number
	minutesRequired: number
}

export function requirementsMet(p: CaseProgress): boolean {
	return p.packs.every((x) => x.done) && p.minutesDone >= p.minutesRequired
}

export function remaining(p: CaseProgress): { packs: string[]; minutes: number } {
	return {
		packs: p.packs.filter((x) => !x.done).map((x) => x.packId),
		minutes: Math.max(0, p.minutesRequired - p.minutesDone),
	}
}

/**
 * The events that bring a case in line with its training progress (applied in order):
 * any progress starts the training, met requirements make it ready, requirements raised
 * while ready (the manager added hours) send it back — unless a re-exam is under way.
 */
export function eventsForProgress(state: RetrainingState, p: CaseProgress, reexamInProgress: boolean): RetrainingEvent[] {
	const met = requirementsMet(p)
	const started = p.minutesDone > 0 || p.packs.some((x) => x.done)
	if (state === 'OPEN') {
		if (met) return ['START_TRAINING', 'REQUIREMENTS_MET']
		return started ? ['START_TRAINING'] : []
	}
	if (state === 'TRAINING') return met ? ['REQUIREMENTS_MET'] : []
	if (state === 'READY_FOR_EXAM') return !met && !reexamInProgress ? ['REQUIREMENTS_RAISED'] : []
	return []
}

/** Whole days a case has been open, for "by age" lists. */
export function caseAgeDays(openedAt: Date, now: Date): number {
	return Math.max(0, Math.floor((now.getTime() - openedAt.getTime()) / 86_400_000))
}
