/**
 * Arithmetic on calendar dates written 'YYYY-MM-DD' (Asia/Shanghai days, see time.ts). Pure;
 * a malformed date is a programming error and throws RangeError.
 */
import { formatDateParts, isLeapYear, parseDateString, type DateParts } from './time.ts'

function parts(date: string): DateParts {
	const p = parseDateString(date)
	if (!p) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`)
	return p
}

function toDayNumber({ year, month, day }: DateParts): number {
	const d = new Date(0)
	d.setUTCFullYear(year, month - 1, day)
	return Math.round(d.getTime() / 86_400_000)
}

function fromDayNumber(n: number): string {
	const d = new Date(n * 86_400_000)
	return formatDateParts({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })
}

export function addDays(date: string, days: number): string {
	return fromDayNumber(toDayNumber(parts(date)) + days)
}

/** Same day `months` later; the 29th–31st clamp to the end of a shorter month (Feb 29 → Feb 28). */
export function addMonths(date: string, months: number): string {
	const p = parts(date)
	const index = p.year * 12 + (p.month - 1) + months
	const year = Math.floor(index / 12)
	const month = (index % 12) + 1
	const dim = month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
	return formatDateParts({ year, month, day: Math.min(p.day, dim) })
}

export function addYears(date: string, years: number): string {
	return addMonths(date, years * 12)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return toDayNumber(parts(to)) - toDayNumber(parts(from))
}

/** The last valid day of something valid for `months` from `start` (start + months − 1 day). */
export function lastDayOfValidity(start: string, months: number): string {
	return addDays(addMonths(start, months), -1)
}
