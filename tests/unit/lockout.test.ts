import { describe, expect, it } from 'vitest'
import { BASE_LOCK_MS, isLocked, MAX_LOCK_MS, recordFailure, retryAfterSeconds, type ThrottleState } from '~/domain/lockout.ts'

const t0 = new Date('2026-01-01T00:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

function fail(times: number, threshold = 5, start: ThrottleState | null = null, now = t0) {
	let s = start
	for (let i = 0; i < times; i++) s = recordFailure(s, threshold, now)
	return s!
}

describe('sign-in back-off', () => {
	it('does not lock below the threshold', () => {
		expect(isLocked(fail(4), t0)).toBe(false)
	})
	it('locks for 15 minutes at the threshold', () => {
		const s = fail(5)
		expect(isLocked(s, at(BASE_LOCK_MS - 1))).toBe(true)
		expect(isLocked(s, at(BASE_LOCK_MS))).toBe(false)
		expect(retryAfterSeconds(s, t0)).toBe(BASE_LOCK_MS / 1000)
	})
	it('doubles each further lock, capped at a day', () => {
		expect(fail(10).lockedUntil!.getTime() - t0.getTime()).toBe(2 * BASE_LOCK_MS)
		expect(fail(15).lockedUntil!.getTime() - t0.getTime()).toBe(4 * BASE_LOCK_MS)
		expect(fail(5 * 20).lockedUntil!.getTime() - t0.getTime()).toBe(MAX_LOCK_MS)
	})
	it('forgets after a quiet day', () => {
		const s = fail(4)
		const next = recordFailure(s, 5, at(24 * 3_600_000 + 1))
		expect(next.failures).toBe(1)
		expect(next.lockedUntil).toBeNull()
	})
	it('is unlocked with no state', () => {
		expect(isLocked(null, t0)).toBe(false)
		expect(retryAfterSeconds(null, t0)).toBe(0)
	})
})
