import { describe, expect, test } from 'vitest'
import {
	HEARTBEAT_INTERVAL_SECONDS,
	isStale,
	LESSON_CAP_FACTOR,
	lessonCapSeconds,
	MAX_BEAT_CREDIT_SECONDS,
	measureCredit,
	MIN_READING_SHARE,
	minReadingSeconds,
	minutesAndSeconds,
	planCredit,
	secondsLeftToComplete,
	SESSION_STALE_SECONDS,
	splitByShanghaiYear,
	underCap,
} from '../../app/domain/learning/study-time.ts'

const T0 = new Date('2026-05-10T02:00:00Z')
const after = (s: number) => new Date(T0.getTime() + s * 1000)
const session = (o: Partial<{ lastAt: Date; beats: number; credited: number }> = {}) => ({ lastAt: T0, beats: 0, credited: 0, ...o })

describe('minimum reading time and cap', () => {
	test('the constants are what the product promises', () => {
		expect(MIN_READING_SHARE).toBe(0.6)
		expect(LESSON_CAP_FACTOR).toBeGreaterThan(1)
		expect(MAX_BEAT_CREDIT_SECONDS).toBeGreaterThan(HEARTBEAT_INTERVAL_SECONDS)
	})
	test.each([
		[30, 1080],
		[1, 36],
		[25, 900],
		[7, 252],
		[0, 0],
	])('%i nominal minutes need %i s', (minutes, seconds) => {
		expect(minReadingSeconds(minutes)).toBe(seconds)
	})
	test('fractional results round up, never down', () => {
		// 60 % of 1 min 1 s would be 36.6 s: the learner needs 37.
		expect(minReadingSeconds(61 / 60)).toBe(37)
	})
	test('cap is 1.5 × nominal', () => {
		expect(lessonCapSeconds(20)).toBe(1800)
	})
	test('time left counts down to zero and stays there', () => {
		expect(secondsLeftToComplete(0, 10)).toBe(360)
		expect(secondsLeftToComplete(359, 10)).toBe(1)
		expect(secondsLeftToComplete(360, 10)).toBe(0)
		expect(secondsLeftToComplete(5000, 10)).toBe(0)
	})
	test('minutes and seconds for the message', () => {
		expect(minutesAndSeconds(200)).toEqual({ minutes: 3, seconds: 20 })
		expect(minutesAndSeconds(59.2)).toEqual({ minutes: 1, seconds: 0 })
		expect(minutesAndSeconds(-4)).toEqual({ minutes: 0, seconds: 0 })
	})
})

describe('heartbeats', () => {
	test('a beat credits the gap since the last checkpoint', () => {
		expect(measureCredit(session(), 'beat', after(20), 1800)).toBe(20)
	})
	test('a long gap (page hidden, phone asleep) credits at most MAX_BEAT_CREDIT_SECONDS', () => {
		expect(measureCredit(session(), 'beat', after(MAX_BEAT_CREDIT_SECONDS), 1800)).toBe(MAX_BEAT_CREDIT_SECONDS)
		expect(measureCredit(session(), 'beat', after(3600), 1800)).toBe(MAX_BEAT_CREDIT_SECONDS)
	})
	test('a resume after the page was hidden credits nothing', () => {
		expect(measureCredit(session({ beats: 4 }), 'resume', after(900), 1800)).toBe(0)
	})
	test('a clock that went backwards credits nothing', () => {
		expect(measureCredit(session({ lastAt: after(100) }), 'beat', after(50), 1800)).toBe(0)
		expect(measureCredit(session({ lastAt: after(100) }), 'page', after(50), 1800)).toBe(0)
	})
	test('settling a session that had beats follows the beat rule', () => {
		expect(measureCredit(session({ beats: 3 }), 'page', after(15), 1800)).toBe(15)
		expect(measureCredit(session({ beats: 3 }), 'page', after(600), 1800)).toBe(MAX_BEAT_CREDIT_SECONDS)
	})
	test('rapid beats credit only real elapsed time', () => {
		// A client hammering the endpoint: ten beats one second apart earn ten seconds.
		let s = session()
		let total = 0
		for (let i = 1; i <= 10; i++) {
			const c = measureCredit(s, 'beat', after(i), 1800)
			total += c
			s = { ...s, lastAt: after(i), beats: s.beats + 1 }
		}
		expect(total).toBe(10)
	})
})

describe('no-JS page-to-page timing', () => {
	test('a session without beats earns the time between pages', () => {
		expect(measureCredit(session(), 'page', after(420), 1800)).toBe(420)
	})
	test('but never more than the lesson nominal time for one page view', () => {
		expect(measureCredit(session(), 'page', after(2 * 86400), 1800)).toBe(1800)
	})
	test('what was already credited in the session counts against it', () => {
		expect(measureCredit(session({ credited: 1500 }), 'page', after(900), 1800)).toBe(300)
		expect(measureCredit(session({ credited: 1800 }), 'page', after(900), 1800)).toBe(0)
	})
})

describe('caps', () => {
	test('underCap', () => {
		expect(underCap(0, 30, 100)).toBe(30)
		expect(underCap(90, 30, 100)).toBe(10)
		expect(underCap(100, 30, 100)).toBe(0)
		expect(underCap(150, 30, 100)).toBe(0)
	})
	test('progress and the yearly ledger each stop at the lesson cap', () => {
		// 10-minute lesson: cap 900 s.
		const plan = planCredit(60, after(0), 10, 880, () => 870)
		expect(plan.session).toBe(60)
		expect(plan.progress).toBe(20)
		expect(plan.years).toEqual([{ year: 2026, seconds: 30 }])
	})
	test('nothing goes to a year that is full', () => {
		const plan = planCredit(60, after(0), 10, 0, () => 900)
		expect(plan.progress).toBe(60)
		expect(plan.years).toEqual([])
	})
})

describe('Shanghai years (Dec 31 23:59 edge)', () => {
	// 2026-12-31 23:59:50 Shanghai = 2026-12-31T15:59:50Z; New Year = 2026-12-31T16:00:00Z.
	test('a span ending just after midnight is split between the two years', () => {
		expect(splitByShanghaiYear(new Date('2026-12-31T16:00:20Z'), 30)).toEqual([
			{ year: 2026, seconds: 10 },
			{ year: 2027, seconds: 20 },
		])
	})
	test('a span ending at 23:59:59 stays in the old year', () => {
		expect(splitByShanghaiYear(new Date('2026-12-31T15:59:59Z'), 60)).toEqual([{ year: 2026, seconds: 60 }])
	})
	test('a span starting exactly at midnight is all in the new year', () => {
		expect(splitByShanghaiYear(new Date('2026-12-31T16:01:00Z'), 60)).toEqual([{ year: 2027, seconds: 60 }])
	})
	test('UTC New Year is not Shanghai New Year', () => {
		// 2027-01-01 00:00:30 UTC is 08:00:30 in Shanghai, long after its midnight.
		expect(splitByShanghaiYear(new Date('2027-01-01T00:00:30Z'), 60)).toEqual([{ year: 2027, seconds: 60 }])
	})
	test('nothing to split', () => {
		expect(splitByShanghaiYear(T0, 0)).toEqual([])
	})
	test('planCredit caps each year on its own', () => {
		const plan = planCredit(30, new Date('2026-12-31T16:00:20Z'), 10, 0, (y) => (y === 2026 ? 895 : 0))
		expect(plan.years).toEqual([
			{ year: 2026, seconds: 5 },
			{ year: 2027, seconds: 20 },
		])
	})
})

describe('stale sessions', () => {
	test('untouched longer than SESSION_STALE_SECONDS', () => {
		expect(isStale(session(), after(SESSION_STALE_SECONDS))).toBe(false)
		expect(isStale(session(), after(SESSION_STALE_SECONDS + 1))).toBe(true)
	})
})
