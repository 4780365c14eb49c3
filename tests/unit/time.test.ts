import { describe, expect, test } from 'vitest'
import {
	compareHalfYears,
	daysInMonth,
	formatDate,
	formatDateTime,
	halfYearBounds,
	halfYearKey,
	halfYearOf,
	halfYearOfDateString,
	isLeapYear,
	isValidCalendarDate,
	nextHalfYear,
	parseDateString,
	parseHalfYearKey,
	previousHalfYear,
	shanghaiDate,
	shanghaiDateTimeParts,
	shanghaiYear,
	startOfShanghaiDay,
	TZ,
	type HalfYear,
} from '../../app/domain/time.ts'

const at = (iso: string) => new Date(iso)

describe('calendar helpers', () => {
	test.each([
		[2024, true],
		[2025, false],
		[2028, true],
		[1900, false],
		[2000, true],
		[2100, false],
		[2400, true],
	])('isLeapYear(%i) = %s', (year, leap) => {
		expect(isLeapYear(year)).toBe(leap)
	})

	test.each([
		[2026, 1, 31],
		[2026, 2, 28],
		[2028, 2, 29],
		[2000, 2, 29],
		[1900, 2, 28],
		[2026, 4, 30],
		[2026, 6, 30],
		[2026, 9, 30],
		[2026, 11, 30],
		[2026, 12, 31],
	])('daysInMonth(%i, %i) = %i', (year, month, days) => {
		expect(daysInMonth(year, month)).toBe(days)
	})

	test.each([
		[2028, 2, 29, true],
		[2026, 2, 29, false],
		[2026, 0, 1, false],
		[2026, 13, 1, false],
		[2026, 1, 0, false],
		[2026, 4, 31, false],
		[2026, 1.5, 1, false],
		[Number.NaN, 1, 1, false],
	])('isValidCalendarDate(%d, %d, %d) = %s', (y, m, d, ok) => {
		expect(isValidCalendarDate(y, m, d)).toBe(ok)
	})

	test.each([
		['2026-06-30', { year: 2026, month: 6, day: 30 }],
		['2000-02-29', { year: 2000, month: 2, day: 29 }],
		['1900-02-29', null],
		['2026-02-30', null],
		['2026-6-30', null],
		['2026-06-30T00:00', null],
		[' 2026-06-30', null],
		['20260630', null],
		['', null],
	])('parseDateString(%j)', (s, expected) => {
		expect(parseDateString(s)).toEqual(expected)
	})
})

describe('Shanghai wall-clock time', () => {
	test('TZ names the zone', () => {
		expect(TZ).toBe('Asia/Shanghai')
	})

	test.each([
		['2026-06-30T15:59:59.999Z', '2026-06-30'],
		['2026-06-30T16:00:00Z', '2026-07-01'],
		['2025-12-31T15:59:59Z', '2025-12-31'],
		['2025-12-31T16:00:00Z', '2026-01-01'],
		['2028-02-28T16:00:00Z', '2028-02-29'],
		['2028-02-29T16:00:00Z', '2028-03-01'],
		['2027-02-28T16:00:00Z', '2027-03-01'],
		['1970-01-01T00:00:00Z', '1970-01-01'],
	])('shanghaiDate(%s) = %s', (iso, date) => {
		expect(shanghaiDate(at(iso))).toBe(date)
	})

	test('shanghaiDateTimeParts reads the +8 wall clock', () => {
		expect(shanghaiDateTimeParts(at('2026-06-30T15:59:59.123Z'))).toEqual({
			year: 2026,
			month: 6,
			day: 30,
			hour: 23,
			minute: 59,
			second: 59,
			millisecond: 123,
		})
	})

	test.each([
		['2025-12-31T15:59:59Z', 2025],
		['2025-12-31T16:00:00Z', 2026],
	])('shanghaiYear(%s) = %i', (iso, year) => {
		expect(shanghaiYear(at(iso))).toBe(year)
	})

	test('agrees with the IANA zone data for instants across 2000–2040', () => {
		const intl = new Intl.DateTimeFormat('en-CA', {
			timeZone: TZ,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
		})
		// A stride of 97 h 13 min drifts through every hour of the day and both sides of midnight.
		const stride = 97 * 3_600_000 + 13 * 60_000
		for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2040, 0, 1); t += stride) {
			const d = new Date(t)
			const p = shanghaiDateTimeParts(d)
			const f = Object.fromEntries(intl.formatToParts(d).map((x) => [x.type, x.value]))
			expect(`${shanghaiDate(d)} ${p.hour}:${p.minute}`).toBe(
				`${f.year}-${f.month}-${f.day} ${Number(f.hour)}:${Number(f.minute)}`,
			)
		}
	})

	test.each([
		['2026-07-01', '2026-06-30T16:00:00.000Z'],
		['2026-01-01', '2025-12-31T16:00:00.000Z'],
		['2028-02-29', '2028-02-28T16:00:00.000Z'],
		['0050-01-01', '0049-12-31T16:00:00.000Z'],
	])('startOfShanghaiDay(%s) = %s', (s, iso) => {
		const start = startOfShanghaiDay(s)
		expect(start.toISOString()).toBe(iso)
		expect(shanghaiDate(start)).toBe(s)
		expect(shanghaiDate(new Date(start.getTime() - 1))).not.toBe(s)
	})

	test.each(['2026-02-29', '2026-13-01', 'yesterday', ''])(
		'startOfShanghaiDay(%j) throws',
		(s) => {
			expect(() => startOfShanghaiDay(s)).toThrow(RangeError)
		},
	)

	test.each([
		['shanghaiDate', () => shanghaiDate(new Date(Number.NaN))],
		['shanghaiDateTimeParts', () => shanghaiDateTimeParts(new Date('junk'))],
		['halfYearOf', () => halfYearOf(new Date(Number.NaN))],
		['formatDate', () => formatDate(new Date(Number.NaN), 'en')],
	])('%s rejects an Invalid Date', (_name, call) => {
		expect(call).toThrow(RangeError)
	})
})

describe('half-years', () => {
	test.each([
		['2026-06-30T15:59:59Z', 2026, 1], // 23:59:59 on 30 June in Shanghai
		['2026-06-30T16:00:00Z', 2026, 2], // 00:00 on 1 July in Shanghai
		['2025-12-31T15:59:59Z', 2025, 2],
		['2025-12-31T16:00:00Z', 2026, 1], // 00:00 on 1 January in Shanghai
		['2026-01-01T00:00:00Z', 2026, 1],
		['2028-02-29T04:00:00Z', 2028, 1],
		['2026-12-31T15:59:59.999Z', 2026, 2],
	])('halfYearOf(%s) = %i-H%i', (iso, year, half) => {
		expect(halfYearOf(at(iso))).toEqual({ year, half })
	})

	test.each([
		['2026-06-30', { year: 2026, half: 1 }],
		['2026-07-01', { year: 2026, half: 2 }],
		['2026-01-01', { year: 2026, half: 1 }],
		['2026-12-31', { year: 2026, half: 2 }],
		['2028-02-29', { year: 2028, half: 1 }],
		['2027-02-29', null],
		['2026/06/30', null],
		['', null],
	])('halfYearOfDateString(%j)', (s, expected) => {
		expect(halfYearOfDateString(s)).toEqual(expected)
	})

	test.each([
		[{ year: 2026, half: 1 }, '2025-12-31T16:00:00.000Z', '2026-06-30T16:00:00.000Z'],
		[{ year: 2026, half: 2 }, '2026-06-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
		[{ year: 2028, half: 1 }, '2027-12-31T16:00:00.000Z', '2028-06-30T16:00:00.000Z'],
	] as const)('halfYearBounds(%j)', (h, start, end) => {
		const b = halfYearBounds(h)
		expect(b.start.toISOString()).toBe(start)
		expect(b.end.toISOString()).toBe(end)
		expect(halfYearOf(b.start)).toEqual(h)
		expect(halfYearOf(new Date(b.end.getTime() - 1))).toEqual(h)
		expect(halfYearOf(b.end)).toEqual(nextHalfYear(h))
	})

	test('bounds are contiguous and keys round-trip over 2000–2100', () => {
		let h: HalfYear = { year: 2000, half: 1 }
		while (h.year < 2100) {
			const next = nextHalfYear(h)
			expect(halfYearBounds(h).end.getTime()).toBe(halfYearBounds(next).start.getTime())
			expect(parseHalfYearKey(halfYearKey(h))).toEqual(h)
			expect(previousHalfYear(next)).toEqual(h)
			expect(compareHalfYears(h, next)).toBeLessThan(0)
			h = next
		}
	})

	test.each([
		[{ year: 2026, half: 1 }, '2026-H1'],
		[{ year: 2026, half: 2 }, '2026-H2'],
		[{ year: 1999, half: 2 }, '1999-H2'],
	] as const)('halfYearKey(%j) = %s', (h, key) => {
		expect(halfYearKey(h)).toBe(key)
	})

	test.each([
		['2026-H1', { year: 2026, half: 1 }],
		['2026-H2', { year: 2026, half: 2 }],
		['9999-H2', { year: 9999, half: 2 }],
		['2026-H3', null],
		['2026-H0', null],
		['2026-h1', null],
		['2026H1', null],
		[' 2026-H1', null],
		['2026-H1 ', null],
		['0999-H1', null],
		['26-H1', null],
		['2026-H', null],
		['', null],
		['2026-H12', null],
	])('parseHalfYearKey(%j)', (s, expected) => {
		expect(parseHalfYearKey(s)).toEqual(expected)
	})

	test.each([
		[{ year: 2026, half: 1 }, { year: 2025, half: 2 }, { year: 2026, half: 2 }],
		[{ year: 2026, half: 2 }, { year: 2026, half: 1 }, { year: 2027, half: 1 }],
	] as const)('neighbours of %j', (h, prev, next) => {
		expect(previousHalfYear(h)).toEqual(prev)
		expect(nextHalfYear(h)).toEqual(next)
	})

	test.each([
		[{ year: 2026, half: 1 }, { year: 2026, half: 1 }, 0],
		[{ year: 2026, half: 1 }, { year: 2026, half: 2 }, -1],
		[{ year: 2027, half: 1 }, { year: 2026, half: 2 }, 1],
	] as const)('compareHalfYears(%j, %j) has sign %i', (a, b, sign) => {
		expect(Math.sign(compareHalfYears(a, b))).toBe(sign)
	})

	test.each([
		{ year: 2026, half: 3 },
		{ year: 2026.5, half: 1 },
		{ year: Number.NaN, half: 1 },
	])('rejects an impossible half-year %j', (h) => {
		const bad = h as unknown as HalfYear
		expect(() => halfYearBounds(bad)).toThrow(RangeError)
		expect(() => halfYearKey(bad)).toThrow(RangeError)
		expect(() => nextHalfYear(bad)).toThrow(RangeError)
		expect(() => previousHalfYear(bad)).toThrow(RangeError)
	})
})

describe('display formats', () => {
	test.each([
		['2026-06-30T15:59:00Z', '2026年6月30日', '30 Jun 2026'],
		['2026-06-30T16:00:00Z', '2026年7月1日', '1 Jul 2026'],
		['2025-12-31T16:00:00Z', '2026年1月1日', '1 Jan 2026'],
		['2028-02-29T04:00:00Z', '2028年2月29日', '29 Feb 2028'],
		['2026-11-09T02:00:00Z', '2026年11月9日', '9 Nov 2026'],
	])('formatDate(%s)', (iso, zh, en) => {
		expect(formatDate(at(iso), 'zh-CN')).toBe(zh)
		expect(formatDate(at(iso), 'en')).toBe(en)
	})

	test.each([
		['2026-06-30T15:59:59Z', '2026-06-30 23:59', '30 Jun 2026, 23:59'],
		['2026-06-30T16:00:00Z', '2026-07-01 00:00', '1 Jul 2026, 00:00'],
		['2026-03-05T01:07:00Z', '2026-03-05 09:07', '5 Mar 2026, 09:07'],
		['2026-09-15T04:30:00Z', '2026-09-15 12:30', '15 Sep 2026, 12:30'],
	])('formatDateTime(%s)', (iso, zh, en) => {
		expect(formatDateTime(at(iso), 'zh-CN')).toBe(zh)
		expect(formatDateTime(at(iso), 'en')).toBe(en)
	})

	test('every English month abbreviation', () => {
		const months = Array.from({ length: 12 }, (_, i) =>
			formatDate(new Date(Date.UTC(2026, i, 15, 4)), 'en').split(' ')[1],
		)
		expect(months).toEqual([
			'Jan',
			'Feb',
			'Mar',
			'Apr',
			'May',
			'Jun',
			'Jul',
			'Aug',
			'Sep',
			'Oct',
			'Nov',
			'Dec',
		])
	})
})
