/**
 * Sign-in back-off, pure. Failures are counted per key ("acct:<mobile>" and "ip:<address>");
 * every THRESHOLD consecutive failures lock the key, each lock twice as long as the last,
 * capped at a day. A key quiet for a day starts again from zero.
 */
export const ACCOUNT_THRESHOLD = 5
export const IP_THRESHOLD = 30
export const BASE_LOCK_MS = 15 * 60 * 1000
export const MAX_LOCK_MS = 24 * 60 * 60 * 1000
export const FORGET_AFTER_MS = 24 * 60 * 60 * 1000

export type ThrottleState = { failures: number; lockedUntil: Date | null; lastFailureAt: Date }

export function isLocked(state: ThrottleState | null, now: Date): boolean {
	return !!state?.lockedUntil && state.lockedUntil.getTime() > now.getTime()
}

export function retryAfterSeconds(state: ThrottleState | null, now: Date): number {
	if (!isLocked(state, now)) return 0
	return Math.ceil((state!.lockedUntil!.getTime() - now.getTime()) / 1000)
}

export function recordFailure(state: ThrottleState | null, threshold: number, now: Date): ThrottleState {
	const stale = !state || now.getTime() - state.lastFailureAt.getTime() > FORGET_AFTER_MS
	const failures = (stale ? 0 : state.failures) + 1
	let lockedUntil = stale ? null : state.lockedUntil
	if (failures % threshold === 0) {
		const lockNo = failures / threshold
		const ms = Math.min(BASE_LOCK_MS * 2 ** (lockNo - 1), MAX_LOCK_MS)
		lockedUntil = new Date(now.getTime() + ms)
	}
	return { failures, lockedUntil, lastFailureAt: now }
}
