/**
 * Test on every inspection (逢查必考), pure: who is examined and with which paper.
 *
 * Examinees are the principal(s), the safety managers and N workers drawn at random from the
 * on-post roster. The draw is reproducible: the same seed over the same eligible pool always
 * picks the same people, so an inspection record can show how its examinees were chosen.
 */
import type { DutyStatus, EmploymentType } from './constants.ts'
import { seededRng } from './exam/rng.ts'

export const INSPECTION_METHODS = ['FOUR_NO_TWO_STRAIGHT', 'UNANNOUNCED', 'CROSS', 'JOINT', 'ROUTINE'] as const
export type InspectionMethod = (typeof INSPECTION_METHODS)[number]

export const EXAMINEE_ROLES = ['PRINCIPAL', 'SAFETY_MANAGER', 'WORKER'] as const
export type ExamineeRole = (typeof EXAMINEE_ROLES)[number]

export const EXAMINEE_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'PASSED', 'FAILED'] as const
export type ExamineeStatus = (typeof EXAMINEE_STATUSES)[number]

export const MAX_DRAW = 50
export const DEFAULT_DRAW = 5
/** How long a QR / short code stays valid after it is issued. */
export const CODE_TTL_MS = 4 * 60 * 60 * 1000

/** Paper purpose per examinee role: principals sit the competence check. */
export function purposeFor(role: ExamineeRole): 'SPOT_CHECK' | 'COMPETENCE' {
	return role === 'PRINCIPAL' ? 'COMPETENCE' : 'SPOT_CHECK'
}

export type RosterEntry = {
	id: string
	dutyStatus: DutyStatus | string
	employmentType: EmploymentType | string
	roles: readonly string[]
	departmentId: string | null
	post: string
}

export type DrawFilter = { departmentId?: string | null; post?: string | null }

export type DrawResult = {
	principals: string[]
	managers: string[]
	/** Eligible workers, sorted by id: the input of the shuffle. */
	pool: string[]
	workers: string[]
}

/** The first n of a seeded Fisher–Yates shuffle of the list (the list is not changed). */
export function seededSample<T>(list: readonly T[], n: number, seed: string): T[] {
	const rand = seededRng(`draw:${seed}`)
	const a = [...list]
	const k = Math.max(0, Math.min(n, a.length))
	for (let i = 0; i < k; i++) {
		const j = i + Math.floor(rand() * (a.length - i))
		;[a[i], a[j]] = [a[j]!, a[i]!]
	}
	return a.slice(0, k)
}

function onPost(p: RosterEntry) {
	return p.dutyStatus === 'ON_POST'
}

/**
 * Pick the examinees. Principals and safety managers on post are always in; workers (every
 * employment type, contractors included) on post and matching the filter form the pool, from
 * which `count` are drawn with the seed. Suspended and departed people are never drawn.
 */
export function drawExaminees(roster: readonly RosterEntry[], seed: string, count: number, filter: DrawFilter = {}): DrawResult {
	const principals = roster.filter((p) => onPost(p) && p.roles.includes('PRINCIPAL')).map((p) => p.id).sort()
	const managers = roster
		.filter((p) => onPost(p) && p.roles.includes('SAFETY_MANAGER') && !p.roles.includes('PRINCIPAL'))
		.map((p) => p.id)
		.sort()
	const post = filter.post?.trim()
	const pool = roster
		.filter(
			(p) =>
				onPost(p) &&
				!p.roles.includes('PRINCIPAL') &&
				!p.roles.includes('SAFETY_MANAGER') &&
				(!filter.departmentId || p.departmentId === filter.departmentId) &&
				(!post || p.post === post),
		)
		.map((p) => p.id)
		.sort()
	return { principals, managers, pool, workers: seededSample(pool, count, seed) }
}

/** Re-run a stored draw: the same pool and seed give the same workers. */
export function replayDraw(pool: readonly string[], seed: string, count: number): string[] {
	return seededSample(pool, count, seed)
}

// --- codes ------------------------------------------------------------------------------------

/** Short codes avoid look-alikes (0/O, 1/I/L) so they can be read aloud and typed on a phone. */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const SHORT_CODE_LENGTH = 8

/** Normalise a typed short code: upper case, spaces and dashes dropped; null if malformed. */
export function normaliseShortCode(input: string): string | null {
	const s = input.toUpperCase().replace(/[\s-]/g, '')
	if (s.length !== SHORT_CODE_LENGTH) return null
	for (const ch of s) if (!SHORT_CODE_ALPHABET.includes(ch)) return null
	return s
}

/**
 * Turn random bytes into a short code by rejection sampling (bytes ≥ 248 are skipped so every
 * character is equally likely); null when the bytes ran out, the caller then draws again.
 */
export function shortCodeFromBytes(bytes: Uint8Array): string | null {
	const n = SHORT_CODE_ALPHABET.length
	const limit = 256 - (256 % n)
	let s = ''
	for (const b of bytes) {
		if (b >= limit) continue
		s += SHORT_CODE_ALPHABET[b % n]
		if (s.length === SHORT_CODE_LENGTH) return s
	}
	return null
}

/** "ABCD2345" → "ABCD-2345" for display. */
export function formatShortCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`
}

export type CodeState = 'VALID' | 'EXPIRED' | 'BOUND_HERE' | 'BOUND_ELSEWHERE'

/** Whether a code may open the paper on this device. */
export function codeState(
	code: { codeExpiresAt: Date; boundAt: Date | null; deviceHash: string | null },
	deviceHash: string | null,
	now: Date,
): CodeState {
	if (code.boundAt) return code.deviceHash && deviceHash && code.deviceHash === deviceHash ? 'BOUND_HERE' : 'BOUND_ELSEWHERE'
	if (code.codeExpiresAt.getTime() <= now.getTime()) return 'EXPIRED'
	return 'VALID'
}

/** Board status from the engine's attempt: none → not started; submitted → by result. */
export function examineeStatus(attempt: { submitted: boolean; passed: boolean | null } | null): ExamineeStatus {
	if (!attempt) return 'NOT_STARTED'
	if (!attempt.submitted) return 'IN_PROGRESS'
	return attempt.passed ? 'PASSED' : 'FAILED'
}

/** 安监总管三〔2017〕121号 item 1: the principal or a safety manager not assessed as qualified. */
export function hiddenDangerItem1(examinees: readonly { role: ExamineeRole; status: ExamineeStatus }[]): boolean {
	return examinees.some((e) => (e.role === 'PRINCIPAL' || e.role === 'SAFETY_MANAGER') && e.status === 'FAILED')
}
