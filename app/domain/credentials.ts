/**
 * Special-trade (特种作业操作证) and special-equipment (特种设备作业人员证) credentials, pure:
 * the catalogue, default validity and review dates, and the state a credential is in on a day.
 * Shared with the browser (type lists for forms): no server imports here.
 */
import { addYears, daysBetween, lastDayOfValidity } from './calendar.ts'
import { maskIdCard } from './identifiers.ts'

export const CREDENTIAL_GROUPS = ['HAZCHEM', 'SPECIAL_TRADE', 'SPECIAL_EQUIPMENT'] as const
export type CredentialGroup = (typeof CREDENTIAL_GROUPS)[number]

export type CredentialType = {
	code: string
	group: CredentialGroup
	/** Default validity in years from the issue date. */
	validYears: number
	/** Default 复审 interval in years, or null when there is no review between renewals. */
	reviewYears: number | null
}

/**
 * 特种作业目录 (安全生产培训规定 / 特种作业人员安全技术培训考核管理规定, 总局令第30号 as amended):
 * the 15 hazardous-chemical process operations plus 化工自动化控制仪表作业, and the electrical,
 * welding, height and refrigeration operations common in chemical plants — 6 years' validity,
 * reviewed every 3 years. 特种设备作业人员 (TSG Z6001-2019, check): 4 years, renewed at expiry.
 * The defaults only pre-fill the form; the manager types what the certificate says.
 */
const HAZCHEM = [
	'HC_PHOSGENE',
	'HC_CHLOR_ALKALI',
	'HC_CHLORINATION',
	'HC_NITRATION',
	'HC_AMMONIA',
	'HC_CRACKING',
	'HC_FLUORINATION',
	'HC_HYDROGENATION',
	'HC_DIAZOTIZATION',
	'HC_OXIDATION',
	'HC_PEROXIDATION',
	'HC_AMINATION',
	'HC_SULFONATION',
	'HC_POLYMERIZATION',
	'HC_ALKYLATION',
	'HC_INSTRUMENTATION',
] as const
const SPECIAL_TRADE = [
	'ST_ELEC_HIGH_VOLTAGE',
	'ST_ELEC_LOW_VOLTAGE',
	'ST_ELEC_EXPLOSION_PROOF',
	'ST_WELD_FUSION',
	'ST_WELD_PRESSURE',
	'ST_WELD_BRAZING',
	'ST_HEIGHT_SCAFFOLD',
	'ST_HEIGHT_MAINTENANCE',
	'ST_REFRIG_OPERATION',
	'ST_REFRIG_INSTALLATION',
] as const
const SPECIAL_EQUIPMENT = ['SE_MANAGEMENT', 'SE_BOILER', 'SE_PRESSURE_VESSEL', 'SE_MOBILE_VESSEL_FILLING', 'SE_CYLINDER_FILLING', 'SE_CRANE_COMMAND', 'SE_CRANE_OPERATOR', 'SE_FORKLIFT'] as const

export const CREDENTIAL_TYPES: readonly CredentialType[] = [
	...HAZCHEM.map((code) => ({ code, group: 'HAZCHEM' as const, validYears: 6, reviewYears: 3 })),
	...SPECIAL_TRADE.map((code) => ({ code, group: 'SPECIAL_TRADE' as const, validYears: 6, reviewYears: 3 })),
	...SPECIAL_EQUIPMENT.map((code) => ({ code, group: 'SPECIAL_EQUIPMENT' as const, validYears: 4, reviewYears: null })),
]
export const CREDENTIAL_TYPE_CODES = CREDENTIAL_TYPES.map((t) => t.code) as [string, ...string[]]

export function credentialType(code: string): CredentialType | undefined {
	return CREDENTIAL_TYPES.find((t) => t.code === code)
}

/** Reminders fire this many days ahead; the nearer one is urgent. */
export const REMIND_DAYS = 90
export const URGENT_DAYS = 30

/** Expiry (last valid day) and first review date that the catalogue implies for an issue date. */
export function defaultCredentialDates(code: string, issueDate: string): { expiryDate: string; nextReviewDate: string | null } {
	const type = credentialType(code)
	if (!type) throw new RangeError(`Unknown credential type ${code}`)
	return {
		expiryDate: lastDayOfValidity(issueDate, type.validYears * 12),
		nextReviewDate: type.reviewYears ? addYears(issueDate, type.reviewYears) : null,
	}
}

export const CREDENTIAL_STATES = ['VALID', 'REVIEW_DUE', 'EXPIRING', 'REVIEW_OVERDUE', 'EXPIRED'] as const
export type CredentialState = (typeof CREDENTIAL_STATES)[number]

export type CredentialDates = { expiryDate: string; nextReviewDate: string | null }

export type CredentialStatus = {
	state: CredentialState
	/** The date that decides the state (expiry or review), null when simply valid. */
	due: string | null
	/** Days from today to `due` (negative when past). */
	days: number | null
	/** Valid for work today: not expired and review not overdue (逾期未复审的，操作证失效). */
	valid: boolean
	urgent: boolean
}

/**
 * The state on `today` (Shanghai date). Expiry outranks review: an expired credential is
 * EXPIRED even if its review is overdue too. A review date on or after the expiry is ignored.
 */
export function credentialStatus(c: CredentialDates, today: string): CredentialStatus {
	const toExpiry = daysBetween(today, c.expiryDate)
	if (toExpiry < 0) return { state: 'EXPIRED', due: c.expiryDate, days: toExpiry, valid: false, urgent: true }
	const review = c.nextReviewDate && c.nextReviewDate < c.expiryDate ? c.nextReviewDate : null
	const toReview = review ? daysBetween(today, review) : null
	if (review && toReview! < 0) return { state: 'REVIEW_OVERDUE', due: review, days: toReview, valid: false, urgent: true }
	// The nearer of the two deadlines decides which reminder is shown.
	if (review && toReview! <= REMIND_DAYS && toReview! <= toExpiry)
		return { state: 'REVIEW_DUE', due: review, days: toReview, valid: true, urgent: toReview! <= URGENT_DAYS }
	if (toExpiry <= REMIND_DAYS) return { state: 'EXPIRING', due: c.expiryDate, days: toExpiry, valid: true, urgent: toExpiry <= URGENT_DAYS }
	return { state: 'VALID', due: null, days: null, valid: true, urgent: false }
}

/** Required types the person holds no valid credential for, in catalogue order. */
export function missingRequiredTypes(required: readonly string[], held: readonly (CredentialDates & { type: string })[], today: string): string[] {
	const validTypes = new Set(held.filter((c) => credentialStatus(c, today).valid).map((c) => c.type))
	return CREDENTIAL_TYPE_CODES.filter((code) => required.includes(code) && !validTypes.has(code))
}

/**
 * 特种作业操作证 numbers are usually the holder's ID number, which is only ever shown masked;
 * other numbers are shown as they are.
 */
export function displayCredentialNumber(number: string): string {
	return /^\d{17}[\dX]$/i.test(number) ? maskIdCard(number) : number
}
