import { describe, expect, it } from 'vitest'
import { CREDENTIAL_TYPES, credentialStatus, defaultCredentialDates, displayCredentialNumber, missingRequiredTypes } from '~/domain/credentials.ts'
import en from '~/locales/en/credentials.json'
import zh from '~/locales/zh-CN/credentials.json'

describe('the catalogue', () => {
	it('has the 15 hazardous-chemical process operations plus instrumentation, and names in both languages', () => {
		expect(CREDENTIAL_TYPES.filter((t) => t.group === 'HAZCHEM')).toHaveLength(16)
		expect(new Set(CREDENTIAL_TYPES.map((t) => t.code)).size).toBe(CREDENTIAL_TYPES.length)
		for (const t of CREDENTIAL_TYPES) {
			expect((zh.type as Record<string, string>)[t.code], t.code).toBeTruthy()
			expect((en.type as Record<string, string>)[t.code], t.code).toBeTruthy()
		}
		expect(zh.type.HC_NITRATION).toBe('硝化工艺作业')
		expect(zh.type.HC_INSTRUMENTATION).toBe('化工自动化控制仪表作业')
	})
	it('special-trade: 6 years, review after 3; special equipment: 4 years, no interim review', () => {
		expect(defaultCredentialDates('HC_NITRATION', '2024-02-29')).toEqual({ expiryDate: '2030-02-27', nextReviewDate: '2027-02-28' })
		expect(defaultCredentialDates('SE_FORKLIFT', '2026-01-10')).toEqual({ expiryDate: '2030-01-09', nextReviewDate: null })
		expect(() => defaultCredentialDates('NOPE', '2026-01-10')).toThrow(RangeError)
	})
})

describe('credentialStatus', () => {
	const c = { expiryDate: '2030-06-30', nextReviewDate: '2027-06-30' }
	it.each([
		['far from both dates', '2026-01-01', 'VALID', true, false],
		['review in 91 days', '2027-03-31', 'VALID', true, false],
		['review in 90 days', '2027-04-01', 'REVIEW_DUE', true, false],
		['review in 30 days', '2027-05-31', 'REVIEW_DUE', true, true],
		['review day itself', '2027-06-30', 'REVIEW_DUE', true, true],
		['review one day late', '2027-07-01', 'REVIEW_OVERDUE', false, true],
		['expiry day itself', '2030-06-30', 'REVIEW_OVERDUE', false, true],
		['one day after expiry', '2030-07-01', 'EXPIRED', false, true],
	] as const)('%s', (_n, today, state, valid, urgent) => {
		const s = credentialStatus(c, today)
		expect(s.state).toBe(state)
		expect(s.valid).toBe(valid)
		expect(s.urgent).toBe(urgent)
	})
	it('after a review is recorded the expiry drives the reminders', () => {
		const reviewed = { expiryDate: '2030-06-30', nextReviewDate: null }
		expect(credentialStatus(reviewed, '2030-04-01')).toMatchObject({ state: 'EXPIRING', due: '2030-06-30', days: 90, urgent: false })
		expect(credentialStatus(reviewed, '2030-06-01')).toMatchObject({ state: 'EXPIRING', urgent: true })
	})
	it('a review date on or after the expiry is ignored', () => {
		expect(credentialStatus({ expiryDate: '2027-01-01', nextReviewDate: '2027-01-01' }, '2026-12-01').state).toBe('EXPIRING')
	})
})

describe('missingRequiredTypes', () => {
	it('needs a valid credential of each required type', () => {
		const held = [
			{ type: 'HC_NITRATION', expiryDate: '2030-01-01', nextReviewDate: '2027-01-01' },
			{ type: 'ST_ELEC_LOW_VOLTAGE', expiryDate: '2025-01-01', nextReviewDate: null },
		]
		expect(missingRequiredTypes(['HC_NITRATION'], held, '2026-06-01')).toEqual([])
		expect(missingRequiredTypes(['HC_NITRATION'], held, '2027-01-02')).toEqual(['HC_NITRATION'])
		expect(missingRequiredTypes(['ST_ELEC_LOW_VOLTAGE', 'HC_NITRATION', 'SE_FORKLIFT'], held, '2026-06-01')).toEqual(['ST_ELEC_LOW_VOLTAGE', 'SE_FORKLIFT'])
	})
})

describe('displayCredentialNumber', () => {
	it('masks numbers that are ID numbers, leaves others', () => {
		expect(displayCredentialNumber('14112219850301001X')).toBe('141***********001X')
		expect(displayCredentialNumber('T13900000013')).toBe('T13900000013')
		expect(displayCredentialNumber('N1-2024-0099')).toBe('N1-2024-0099')
	})
})
