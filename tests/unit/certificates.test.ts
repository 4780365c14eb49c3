import { describe, expect, it } from 'vitest'
import {
	base32,
	certificateState,
	certificateValidUntil,
	formatSerial,
	normalizeVerifyCode,
	parseSerialSeq,
	recordVerify,
	VERIFY_MISS_LIMIT,
	VERIFY_REQUEST_LIMIT,
	VERIFY_WINDOW_MS,
	verifyAllowed,
	verifyUrl,
	type VerifyThrottleState,
} from '~/domain/certificates.ts'
import { addDays, addMonths, daysBetween, lastDayOfValidity } from '~/domain/calendar.ts'

describe('calendar', () => {
	it.each([
		['2026-01-31', 1, '2026-02-28'],
		['2024-01-31', 1, '2024-02-29'],
		['2024-02-29', 12, '2025-02-28'],
		['2026-11-28', -12, '2025-11-28'],
		['2026-12-15', 1, '2027-01-15'],
	])('addMonths(%s, %i) = %s', (d, m, out) => expect(addMonths(d, m)).toBe(out))
	it('addDays crosses months and leap days', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
		expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
		expect(daysBetween('2026-11-28', '2027-02-26')).toBe(90)
	})
	it('throws on a malformed date', () => expect(() => addDays('2026-02-30', 1)).toThrow(RangeError))
	it('validity ends the day before the anniversary', () => expect(lastDayOfValidity('2026-11-28', 36)).toBe('2029-11-27'))
})

describe('certificate validity and state', () => {
	it('defaults to 36 months', () => {
		expect(certificateValidUntil('2026-11-28')).toBe('2029-11-27')
		expect(certificateValidUntil('2024-02-29', 12)).toBe('2025-02-27')
		expect(() => certificateValidUntil('2026-01-01', 0)).toThrow(RangeError)
	})
	it('valid through its last day, expired the day after, revoked whatever the date', () => {
		const c = { status: 'VALID', validUntil: '2029-11-27' }
		expect(certificateState(c, '2029-11-27')).toBe('VALID')
		expect(certificateState(c, '2029-11-28')).toBe('EXPIRED')
		expect(certificateState({ ...c, status: 'REVOKED' }, '2026-01-01')).toBe('REVOKED')
	})
	it('serials', () => {
		expect(formatSerial(2026, 7)).toBe('AX-2026-000007')
		expect(parseSerialSeq('AX-2026-000123')).toBe(123)
		expect(parseSerialSeq('AX-2026-1234567')).toBe(1234567)
		expect(parseSerialSeq('junk')).toBeNull()
	})
})

describe('verify codes', () => {
	it('base32 matches RFC 4648 test vectors (lower case, no padding)', () => {
		const enc = (s: string) => base32(new TextEncoder().encode(s))
		expect(enc('')).toBe('')
		expect(enc('f')).toBe('my')
		expect(enc('fo')).toBe('mzxq')
		expect(enc('foobar')).toBe('mzxw6ytboi')
	})
	it('20 random bytes give 32 characters, accepted case-insensitively; anything else is not a code', () => {
		const code = base32(new Uint8Array(20).fill(255))
		expect(code).toHaveLength(32)
		expect(normalizeVerifyCode(` ${code.toUpperCase()} `)).toBe(code)
		for (const bad of ['', 'a'.repeat(31), 'a'.repeat(33), '0'.repeat(32), `${'a'.repeat(31)}-`, '../../etc/passwd']) expect(normalizeVerifyCode(bad)).toBeNull()
	})
	it('verify URL joins the origin without double slashes', () => expect(verifyUrl('https://x.cn/', 'abc')).toBe('https://x.cn/verify/abc'))
})

describe('verify throttle', () => {
	const t0 = new Date('2026-11-28T00:00:00Z')
	const at = (ms: number) => new Date(t0.getTime() + ms)
	function run(events: { ms: number; miss: boolean }[]) {
		let s: VerifyThrottleState | null = null
		for (const e of events) s = recordVerify(s, at(e.ms), e.miss)
		return s
	}
	it('allows the first MISS_LIMIT misses, then refuses until the window ends', () => {
		const s = run(Array.from({ length: VERIFY_MISS_LIMIT - 1 }, (_, i) => ({ ms: i * 1000, miss: true })))
		expect(verifyAllowed(s, at(20_000)).ok).toBe(true)
		const s2 = recordVerify(s, at(20_000), true)
		const refused = verifyAllowed(s2, at(30_000))
		expect(refused).toEqual({ ok: false, retryAfterSec: (VERIFY_WINDOW_MS - 30_000) / 1000 })
		expect(verifyAllowed(s2, at(VERIFY_WINDOW_MS)).ok).toBe(true)
	})
	it('hits count towards the request limit only', () => {
		const s = run(Array.from({ length: VERIFY_REQUEST_LIMIT - 1 }, (_, i) => ({ ms: i, miss: false })))
		expect(s!.misses).toBe(0)
		expect(verifyAllowed(s, at(1000)).ok).toBe(true)
		expect(verifyAllowed(recordVerify(s, at(1000), false), at(1001)).ok).toBe(false)
	})
	it('a new window starts from zero; a clock going backwards starts afresh too', () => {
		const s = run([{ ms: 0, miss: true }])
		expect(recordVerify(s, at(VERIFY_WINDOW_MS + 1), true)).toEqual({ windowStart: at(VERIFY_WINDOW_MS + 1), requests: 1, misses: 1 })
		expect(recordVerify(s, at(-5000), false).requests).toBe(1)
	})
})
