/**
 * Chinese identifiers: unified social credit code, resident ID card number, mobile number,
 * and the masks used wherever personal data is displayed.
 *
 * Every validator normalizes its input first (see `normalizeIdentifierInput`), so the
 * `value` it returns is the canonical form to store and compare.
 */
import { formatDateParts, parseDateString } from './time.ts'

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g
const FULL_WIDTH_OFFSET = 0xfee0
// ASCII hyphen plus the dashes Chinese IMEs and word processors substitute for it.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212\u30FC]/g

/**
 * Trims, folds full-width ASCII (U+FF01–FF5E: digits, letters, '＋', '－', …) and the
 * ideographic space to ASCII, removes all whitespace and hyphens/dashes, and uppercases.
 * Look-alikes (O for 0, I for 1) are deliberately not corrected: that would hide typos.
 */
export function normalizeIdentifierInput(s: string): string {
	return s
		.replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
		.replace(SEPARATORS, '')
		.toUpperCase()
}

function weightedSum(chars: string, value: (c: string) => number, weights: readonly number[]) {
	let sum = 0
	for (let i = 0; i < weights.length; i++) sum += value(chars.charAt(i)) * (weights[i] ?? 0)
	return sum
}

// ── Unified social credit code, GB 32100-2015 ──

/** GB 32100 alphabet: digits and capitals without I, O, S, V, Z. Index = numeric value. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
// Positions 1–2 (authority, category) and 9–18 use the alphabet; 3–8 are a GB/T 2260 region.
const USCC_SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/

/** The 18th character for a 17-character body. Throws on a body outside the alphabet. */
export function usccCheckChar(first17: string): string {
	if (first17.length !== 17 || !/^[0-9A-HJ-NP-RTUW-Y]+$/.test(first17)) {
		throw new RangeError(`Not a 17-character USCC body: ${JSON.stringify(first17)}`)
	}
	const sum = weightedSum(first17, (c) => USCC_CHARSET.indexOf(c), USCC_WEIGHTS)
	return USCC_CHARSET.charAt((31 - (sum % 31)) % 31)
}

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const

/**
 * GB 11714-1997 check character for the 8-character organization-code body
 * (USCC positions 9–16). Letters count A=10 … Z=35; 10 → 'X', 11 → '0'.
 */
export function orgCodeCheckChar(first8: string): string {
	if (!/^[0-9A-Z]{8}$/.test(first8)) {
		throw new RangeError(`Not an 8-character organization-code body: ${JSON.stringify(first8)}`)
	}
	const sum = weightedSum(first8, (c) => parseInt(c, 36), ORG_CODE_WEIGHTS)
	const check = 11 - (sum % 11)
	return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

export type UsccResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'length' | 'charset' | 'checksum' }

/**
 * Checks length, alphabet (digits at the region positions 3–8), the GB 32100 check
 * character and the embedded GB 11714 organization-code check character.
 * The registration-authority character is not restricted to 1/5/9/Y: later allocations
 * (e.g. 3 for justice-administration registrations, N for agriculture) are real codes.
 * A syntactically valid code may still not exist; only the registry can say that.
 */
export function validateUscc(raw: string): UsccResult {
	const value = normalizeIdentifierInput(raw)
	if (value.length !== 18) return { ok: false, reason: 'length' }
	if (!USCC_SHAPE.test(value)) return { ok: false, reason: 'charset' }
	if (usccCheckChar(value.slice(0, 17)) !== value.charAt(17)) {
		return { ok: false, reason: 'checksum' }
	}
	if (orgCodeCheckChar(value.slice(8, 16)) !== value.charAt(16)) {
		return { ok: false, reason: 'checksum' }
	}
	return { ok: true, value }
}

// ── Resident identity card number, GB 11643-1999 ──

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const ID_CHECK_CHARS = '10X98765432'
const MIN_BIRTH_YEAR = 1900

export function idCardCheckChar(first17: string): string {
	if (!/^\d{17}$/.test(first17)) {
		throw new RangeError(`Not a 17-digit ID body: ${JSON.stringify(first17)}`)
	}
	return ID_CHECK_CHARS.charAt(weightedSum(first17, Number, ID_WEIGHTS) % 11)
}

export type IdCardResult =
	| { ok: true; value: string; birthDate: string; sex: 'M' | 'F' }
	| { ok: false; reason: 'length' | 'format' | 'birthdate' | 'checksum' }

/**
 * 18-character numbers only; the 15-digit pre-1999 form is rejected as 'length'.
 * `today` is the caller's current Shanghai date ('YYYY-MM-DD'); a birth date after it, or
 * before 1900, is rejected. Reasons are checked in order: length, format, birthdate, checksum.
 */
export function validateIdCard(raw: string, today: string): IdCardResult {
	if (!parseDateString(today)) {
		throw new RangeError(`today must be YYYY-MM-DD: ${JSON.stringify(today)}`)
	}
	const value = normalizeIdentifierInput(raw)
	if (value.length !== 18) return { ok: false, reason: 'length' }
	if (!/^[1-9]\d{16}[\dX]$/.test(value)) return { ok: false, reason: 'format' }

	const digits = value.slice(6, 14)
	const birth = parseDateString(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6)}`)
	if (!birth || birth.year < MIN_BIRTH_YEAR) return { ok: false, reason: 'birthdate' }
	const birthDate = formatDateParts(birth)
	// Both strings are zero-padded YYYY-MM-DD, so lexical order is calendar order.
	if (birthDate > today) return { ok: false, reason: 'birthdate' }

	if (idCardCheckChar(value.slice(0, 17)) !== value.charAt(17)) {
		return { ok: false, reason: 'checksum' }
	}
	const sex = Number(value.charAt(16)) % 2 === 1 ? 'M' : 'F'
	return { ok: true, value, birthDate, sex }
}

// ── Mainland mobile numbers ──

export type MobileResult = { ok: true; value: string } | { ok: false; reason: 'format' }

/** Accepts +86 / 0086 / 86 country prefixes; `value` is the bare 11-digit number. */
export function validateMobile(raw: string): MobileResult {
	const normalized = normalizeIdentifierInput(raw)
	const value = normalized.replace(/^(?:\+86|0086|86(?=\d{11}$))/, '')
	return /^1[3-9]\d{9}$/.test(value) ? { ok: true, value } : { ok: false, reason: 'format' }
}

// ── Masks for display ──

/**
 * Keeps `head` leading and `tail` trailing characters and stars the rest, preserving
 * length. A string too short to leave anything hidden is starred entirely.
 */
function maskMiddle(v: string, head: number, tail: number): string {
	const chars = Array.from(v)
	if (chars.length <= head + tail) return '*'.repeat(chars.length)
	return (
		chars.slice(0, head).join('') +
		'*'.repeat(chars.length - head - tail) +
		chars.slice(chars.length - tail).join('')
	)
}

/** '110105194912310021' → '110***********0021' */
export function maskIdCard(v: string): string {
	return maskMiddle(v, 3, 4)
}

/** '13812345678' → '138****5678' */
export function maskMobile(v: string): string {
	return maskMiddle(v, 3, 4)
}

const NAME_SEPARATOR = /(\s+|[·•・.])/

/**
 * One '*' per hidden character, so the masked name keeps its length.
 * - Single-part names (the usual Chinese name): 1 char unchanged; 2 chars keep the first
 *   (张三 → 张*); 3 or more keep the first and last (张小明 → 张*明, 欧阳小明 → 欧**明).
 * - Multi-part names, split on whitespace or a middle dot (Latin names, transliterated
 *   minority names): each part keeps only its first character and separators are kept
 *   (Li Wei → L* W**, 买买提·艾力 → 买**·艾*).
 */
export function maskName(name: string): string {
	const trimmed = name.trim()
	const parts = trimmed.split(NAME_SEPARATOR)
	if (parts.length === 1) {
		return Array.from(trimmed).length <= 2 ? keepFirstChar(trimmed) : maskMiddle(trimmed, 1, 1)
	}
	// split() with a capturing group puts the separators at the odd indices.
	return parts.map((part, i) => (i % 2 === 1 ? part : keepFirstChar(part))).join('')
}

function keepFirstChar(part: string): string {
	const [first = '', ...rest] = Array.from(part)
	return first + '*'.repeat(rest.length)
}
