/**
 * Training certificates, pure: validity, display state, serial numbers, verify codes and the
 * public verify page's per-client throttle. I/O lives in certificates.server.ts.
 */
import { lastDayOfValidity } from './calendar.ts'

export const CERTIFICATE_STATUSES = ['VALID', 'REVOKED'] as const
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number]
/** What a reader of the certificate is told: stored status plus the date. */
export type CertificateState = 'VALID' | 'EXPIRED' | 'REVOKED'

/** Default validity of a training certificate: 3 years (CERTIFICATE_VALIDITY_MONTHS overrides). */
export const DEFAULT_VALIDITY_MONTHS = 36

export function certificateValidUntil(issueDate: string, months = DEFAULT_VALIDITY_MONTHS): string {
	if (!Number.isInteger(months) || months < 1 || months > 240) throw new RangeError(`Validity must be 1–240 months, got ${months}`)
	return lastDayOfValidity(issueDate, months)
}

/** `today` is the Shanghai date; a certificate is valid through its last day. */
export function certificateState(cert: { status: string; validUntil: string }, today: string): CertificateState {
	if (cert.status === 'REVOKED') return 'REVOKED'
	return today > cert.validUntil ? 'EXPIRED' : 'VALID'
}

/** AX-2026-000123: prefix, issue year (Shanghai), sequence within the year. */
export function formatSerial(year: number, seq: number): string {
	return `AX-${year}-${String(seq).padStart(6, '0')}`
}

export function parseSerialSeq(serial: string): number | null {
	const m = /^AX-\d{4}-(\d{6,})$/.exec(serial)
	return m ? Number(m[1]) : null
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'

/** RFC 4648 base32, lower case, no padding. */
export function base32(bytes: Uint8Array): string {
	let out = ''
	let buffer = 0
	let bits = 0
	for (const b of bytes) {
		buffer = (buffer << 8) | b
		bits += 8
		while (bits >= 5) {
			out += BASE32[(buffer >>> (bits - 5)) & 31]
			bits -= 5
		}
		buffer &= (1 << bits) - 1
	}
	if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31]
	return out
}

/** Verify codes are 20 random bytes (160 bits) → exactly 32 base32 characters. */
export const VERIFY_CODE_BYTES = 20
const VERIFY_CODE_RE = /^[a-z2-7]{32}$/

/** The canonical code, or null when the input cannot be a code (case-insensitive, trimmed). */
export function normalizeVerifyCode(raw: string): string | null {
	const code = raw.trim().toLowerCase()
	return VERIFY_CODE_RE.test(code) ? code : null
}

export function verifyUrl(origin: string, code: string): string {
	return `${origin.replace(/\/+$/, '')}/verify/${code}`
}

// ── Verify page throttle ──
// Fixed windows per client. Every request counts; a miss (unknown or malformed code) counts
// twice over: after MISS_LIMIT misses in a window the client gets 429 until the window ends,
// so guessing codes costs 10-minute pauses. Honest use (scanning a few QR codes) never gets near.

export const VERIFY_WINDOW_MS = 10 * 60 * 1000
export const VERIFY_MISS_LIMIT = 10
export const VERIFY_REQUEST_LIMIT = 120

export type VerifyThrottleState = { windowStart: Date; requests: number; misses: number }

function current(state: VerifyThrottleState | null, now: Date): VerifyThrottleState {
	if (!state || now.getTime() - state.windowStart.getTime() >= VERIFY_WINDOW_MS || now < state.windowStart)
		return { windowStart: now, requests: 0, misses: 0 }
	return state
}

/** Whether the client may look up a code now; when not, how many seconds to wait. */
export function verifyAllowed(state: VerifyThrottleState | null, now: Date): { ok: true } | { ok: false; retryAfterSec: number } {
	const s = current(state, now)
	if (s.misses < VERIFY_MISS_LIMIT && s.requests < VERIFY_REQUEST_LIMIT) return { ok: true }
	return { ok: false, retryAfterSec: Math.max(1, Math.ceil((s.windowStart.getTime() + VERIFY_WINDOW_MS - now.getTime()) / 1000)) }
}

export function recordVerify(state: VerifyThrottleState | null, now: Date, miss: boolean): VerifyThrottleState {
	const s = current(state, now)
	return { windowStart: s.windowStart, requests: s.requests + 1, misses: s.misses + (miss ? 1 : 0) }
}
