/**
 * Calendar arithmetic in China Standard Time.
 *
 * Instants are stored in UTC; every date, period and displayed time is Asia/Shanghai.
 * We use a fixed UTC+8 offset rather than Intl time-zone data: Shanghai has observed UTC+8
 * without DST since 1991, the fixed offset is exact for every instant this product handles,
 * and it keeps these functions deterministic regardless of the runtime's ICU build.
 * (It is wrong before 1992 — DST 1986–1991, local mean time before 1901 — which no training
 * record reaches; birth dates are handled as plain date strings, never as instants.)
 *
 * Convention: functions that parse user- or URL-supplied strings return `null` on junk;
 * functions that compute from values the caller already holds throw `RangeError` on
 * impossible input (an Invalid Date, a malformed date string), which is a programming error.
 */

export const TZ = 'Asia/Shanghai'

const OFFSET_MS = 8 * 60 * 60 * 1000

export type DateParts = { year: number; month: number; day: number }

export type DateTimeParts = DateParts & {
	hour: number
	minute: number
	second: number
	millisecond: number
}

export type HalfYear = { year: number; half: 1 | 2 }

export type DisplayLocale = 'zh-CN' | 'en'

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
	return (
		Number.isInteger(year) &&
		Number.isInteger(month) &&
		Number.isInteger(day) &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month)
	)
}

/** Strict 'YYYY-MM-DD' (zero-padded, real calendar date); `null` otherwise. */
export function parseDateString(s: string): DateParts | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
	if (!m) return null
	const year = Number(m[1])
	const month = Number(m[2])
	const day = Number(m[3])
	return isValidCalendarDate(year, month, day) ? { year, month, day } : null
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0')
}

export function formatDateParts({ year, month, day }: DateParts): string {
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}`
}

function assertValidDate(d: Date): void {
	if (!(d instanceof Date) || Number.isNaN(d.getTime())) {
		throw new RangeError('Invalid Date')
	}
}

export function shanghaiDateTimeParts(d: Date): DateTimeParts {
	assertValidDate(d)
	// Shifting the instant by +8 h makes the UTC getters read Shanghai wall-clock time.
	const shifted = new Date(d.getTime() + OFFSET_MS)
	return {
		year: shifted.getUTCFullYear(),
		month: shifted.getUTCMonth() + 1,
		day: shifted.getUTCDate(),
		hour: shifted.getUTCHours(),
		minute: shifted.getUTCMinutes(),
		second: shifted.getUTCSeconds(),
		millisecond: shifted.getUTCMilliseconds(),
	}
}

export function shanghaiDate(d: Date): string {
	return formatDateParts(shanghaiDateTimeParts(d))
}

export function shanghaiYear(d: Date): number {
	return shanghaiDateTimeParts(d).year
}

/** The UTC instant of 00:00 Shanghai on the given calendar day (month/day may overflow). */
function shanghaiMidnight(year: number, month: number, day: number): Date {
	const utc = new Date(0)
	// setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
	utc.setUTCFullYear(year, month - 1, day)
	return new Date(utc.getTime() - OFFSET_MS)
}

export function startOfShanghaiDay(dateStr: string): Date {
	const parts = parseDateString(dateStr)
	if (!parts) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(dateStr)}`)
	return shanghaiMidnight(parts.year, parts.month, parts.day)
}

// ── Half-years: H1 = January–June, H2 = July–December, Shanghai time ──

function halfOfMonth(month: number): 1 | 2 {
	return month <= 6 ? 1 : 2
}

export function halfYearOf(d: Date): HalfYear {
	const { year, month } = shanghaiDateTimeParts(d)
	return { year, half: halfOfMonth(month) }
}

export function halfYearOfDateString(dateStr: string): HalfYear | null {
	const parts = parseDateString(dateStr)
	return parts ? { year: parts.year, half: halfOfMonth(parts.month) } : null
}

function assertHalfYear(h: HalfYear): void {
	if (!Number.isInteger(h.year) || (h.half !== 1 && h.half !== 2)) {
		throw new RangeError(`Invalid half-year: ${JSON.stringify(h)}`)
	}
}

/** `start` inclusive, `end` exclusive: the start of the next half-year. */
export function halfYearBounds(h: HalfYear): { start: Date; end: Date } {
	assertHalfYear(h)
	const firstMonth = h.half === 1 ? 1 : 7
	return {
		start: shanghaiMidnight(h.year, firstMonth, 1),
		end: shanghaiMidnight(h.year, firstMonth + 6, 1),
	}
}

export function halfYearKey(h: HalfYear): string {
	assertHalfYear(h)
	return `${pad(h.year, 4)}-H${h.half}`
}

/** Accepts exactly what `halfYearKey` produces for years 1000–9999, e.g. '2026-H1'. */
export function parseHalfYearKey(s: string): HalfYear | null {
	const m = /^([1-9]\d{3})-H([12])$/.exec(s)
	if (!m) return null
	return { year: Number(m[1]), half: m[2] === '1' ? 1 : 2 }
}

export function previousHalfYear(h: HalfYear): HalfYear {
	assertHalfYear(h)
	return h.half === 2 ? { year: h.year, half: 1 } : { year: h.year - 1, half: 2 }
}

export function nextHalfYear(h: HalfYear): HalfYear {
	assertHalfYear(h)
	return h.half === 1 ? { year: h.year, half: 2 } : { year: h.year + 1, half: 1 }
}

export function compareHalfYears(a: HalfYear, b: HalfYear): number {
	return a.year !== b.year ? a.year - b.year : a.half - b.half
}

// ── Display ──
// Hand-rolled rather than Intl so output is identical on every runtime (ICU updates have
// changed Intl whitespace and punctuation before). 24-hour clock, no seconds:
//   formatDate      zh-CN '2026年6月30日'        en '30 Jun 2026'
//   formatDateTime  zh-CN '2026-06-30 23:59'     en '30 Jun 2026, 23:59'

const EN_MONTHS = [
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
] as const

function enDate({ year, month, day }: DateParts): string {
	return `${day} ${EN_MONTHS[month - 1]} ${year}`
}

export function formatDate(d: Date, locale: DisplayLocale): string {
	const p = shanghaiDateTimeParts(d)
	return locale === 'zh-CN' ? `${p.year}年${p.month}月${p.day}日` : enDate(p)
}

export function formatDateTime(d: Date, locale: DisplayLocale): string {
	const p = shanghaiDateTimeParts(d)
	const time = `${pad(p.hour)}:${pad(p.minute)}`
	return locale === 'zh-CN' ? `${formatDateParts(p)} ${time}` : `${enDate(p)}, ${time}`
}
