/**
 * Study time, measured by the server. Pure: no I/O, no clock — the caller passes `now`.
 *
 * A lesson page opening starts a study session. With JavaScript the page sends a heartbeat
 * every HEARTBEAT_INTERVAL_SECONDS while it is visible; each beat credits the time since the
 * previous checkpoint, but never more than MAX_BEAT_CREDIT_SECONDS (a longer gap means the
 * page was hidden, the phone asleep or the network gone). Coming back to a hidden page sends a
 * "resume" beat that credits nothing. Without JavaScript no beat ever arrives: the session is
 * settled from page-to-page timestamps (opening → next page or "complete"), at most the
 * lesson's nominal time for one page view.
 *
 * Credited time per lesson is capped (LESSON_CAP_FACTOR × nominal) for the assignment's progress
 * and, separately, for each Shanghai year of the hours ledger; a lesson cannot be completed
 * before MIN_READING_SHARE of its nominal time has been credited.
 */
import { shanghaiYear, startOfShanghaiDay } from '../time.ts'

/** Share of a lesson's nominal minutes that must be studied before it can be completed. */
export const MIN_READING_SHARE = 0.6
/** Most credit one lesson can earn, as a multiple of its nominal minutes (per assignment, per year). */
export const LESSON_CAP_FACTOR = 1.5
/** How often the reader's script reports while the page is visible. */
export const HEARTBEAT_INTERVAL_SECONDS = 20
/** Most one heartbeat can credit: the interval plus slack for slow networks and timers. */
export const MAX_BEAT_CREDIT_SECONDS = 60
/** An open session untouched this long is settled and a fresh one started on the next visit. */
export const SESSION_STALE_SECONDS = 30 * 60

export type SettleKind = 'beat' | 'resume' | 'page'

export type SessionClock = {
	/** Instant up to which time has been credited (the opening, then each beat). */
	lastAt: Date
	beats: number
	credited: number
}

export function minReadingSeconds(lessonMinutes: number): number {
	return Math.ceil(Math.max(0, lessonMinutes) * 60 * MIN_READING_SHARE)
}

export function lessonCapSeconds(lessonMinutes: number): number {
	return Math.round(Math.max(0, lessonMinutes) * 60 * LESSON_CAP_FACTOR)
}

function clamp(n: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, n))
}

/**
 * Seconds a session earns at `now`. A beat, or any settlement of a session that has had beats,
 * earns the gap since the last checkpoint up to MAX_BEAT_CREDIT_SECONDS; a resume earns nothing;
 * a session that never had a beat (no JS) earns the gap up to what is left of the nominal time.
 * A clock that went backwards earns nothing.
 */
export function measureCredit(session: SessionClock, kind: SettleKind, now: Date, nominalSeconds: number): number {
	if (kind === 'resume') return 0
	const gap = Math.floor((now.getTime() - session.lastAt.getTime()) / 1000)
	if (kind === 'beat' || session.beats > 0) return clamp(gap, 0, MAX_BEAT_CREDIT_SECONDS)
	return clamp(gap, 0, Math.max(0, nominalSeconds - session.credited))
}

/** The credited span [end − seconds, end) split by Shanghai calendar year, oldest first. */
export function splitByShanghaiYear(end: Date, seconds: number): { year: number; seconds: number }[] {
	if (seconds <= 0) return []
	const endYear = shanghaiYear(end)
	const start = new Date(end.getTime() - seconds * 1000)
	const startYear = shanghaiYear(start)
	if (startYear === endYear) return [{ year: endYear, seconds }]
	// Spans are at most a lesson's nominal time, so they cross at most one New Year.
	const newYear = startOfShanghaiDay(`${endYear}-01-01`)
	const after = Math.round((end.getTime() - newYear.getTime()) / 1000)
	return [
		{ year: startYear, seconds: seconds - after },
		{ year: endYear, seconds: after },
	].filter((p) => p.seconds > 0)
}

/** How much of a credit still fits under a cap. */
export function underCap(current: number, add: number, cap: number): number {
	return clamp(Math.min(add, cap - current), 0, add)
}

export type CreditPlan = {
	/** Added to the session's own total. */
	session: number
	/** Added to the assignment's progress on the lesson. */
	progress: number
	/** Added to the yearly ledger, per Shanghai year. */
	years: { year: number; seconds: number }[]
}

/**
 * Distribute a measured credit: the session always records what was measured; progress and each
 * year's ledger entry stop at the lesson cap.
 */
export function planCredit(
	measured: number,
	now: Date,
	lessonMinutes: number,
	progressSeconds: number,
	yearSeconds: (year: number) => number,
): CreditPlan {
	const cap = lessonCapSeconds(lessonMinutes)
	return {
		session: measured,
		progress: underCap(progressSeconds, measured, cap),
		years: splitByShanghaiYear(now, measured)
			.map((p) => ({ year: p.year, seconds: underCap(yearSeconds(p.year), p.seconds, cap) }))
			.filter((p) => p.seconds > 0),
	}
}

export function secondsLeftToComplete(progressSeconds: number, lessonMinutes: number): number {
	return Math.max(0, minReadingSeconds(lessonMinutes) - progressSeconds)
}

export function isStale(session: { lastAt: Date }, now: Date): boolean {
	return now.getTime() - session.lastAt.getTime() > SESSION_STALE_SECONDS * 1000
}

/** Split seconds into minutes and seconds for messages such as "还需学习 3 分 20 秒". */
export function minutesAndSeconds(total: number): { minutes: number; seconds: number } {
	const s = Math.max(0, Math.ceil(total))
	return { minutes: Math.floor(s / 60), seconds: s % 60 }
}
