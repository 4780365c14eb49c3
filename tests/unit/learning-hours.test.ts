import { describe, expect, test } from 'vitest'
import {
	buildLedger,
	coverage,
	DEFAULT_HOUR_RULE,
	hoursFromSeconds,
	meetsRule,
	percent,
	requirementFor,
	sortForTrainingView,
	type CoveragePerson,
} from '../../app/domain/learning/hours.ts'

describe('hour rules', () => {
	test('defaults follow 生产经营单位安全培训规定 for hazardous chemicals', () => {
		expect(DEFAULT_HOUR_RULE).toEqual({ workerOnboardingHours: 72, workerAnnualHours: 20, managerInitialHours: 48, managerAnnualHours: 16 })
	})
	test.each([
		[false, '2026-03-01', 2026, 'ONBOARDING', 72],
		[false, '2019-03-01', 2026, 'ANNUAL', 20],
		[false, null, 2026, 'ANNUAL', 20],
		[true, '2026-11-30', 2026, 'INITIAL', 48],
		[true, '2015-01-01', 2026, 'ANNUAL', 16],
		// hired on the last day of last year: this year is the first refresher year
		[false, '2025-12-31', 2026, 'ANNUAL', 20],
		[false, '2026-01-01', 2026, 'ONBOARDING', 72],
	] as const)('managerial=%s hired %s, in %i: %s %i h', (managerial, hireDate, year, kind, hours) => {
		const r = requirementFor(DEFAULT_HOUR_RULE, { managerial, hireDate }, year)
		expect(r).toEqual({ kind, hours, seconds: hours * 3600 })
	})
	test('an enterprise rule overrides the defaults', () => {
		const rule = { ...DEFAULT_HOUR_RULE, workerAnnualHours: 24 }
		expect(requirementFor(rule, { managerial: false, hireDate: '2010-01-01' }, 2026).hours).toBe(24)
	})
})

describe('yearly ledger', () => {
	test('online and classroom time add up per year; off-job is a part of classroom', () => {
		const ledger = buildLedger(
			[
				{ year: 2026, seconds: 3600 },
				{ year: 2026, seconds: 1800 },
				{ year: 2025, seconds: 600 },
			],
			[
				{ startsAt: new Date('2026-03-01T01:00:00Z'), minutes: 120, offJob: false },
				{ startsAt: new Date('2026-04-01T01:00:00Z'), minutes: 480, offJob: true },
			],
		)
		expect(ledger.get(2026)).toEqual({ year: 2026, onlineSeconds: 5400, classroomSeconds: 36000, offJobSeconds: 28800, totalSeconds: 41400 })
		expect(ledger.get(2025)?.totalSeconds).toBe(600)
	})
	test('a classroom session starting at 23:59 on Dec 31 (Shanghai) counts in that year', () => {
		// 2026-12-31 23:59 Shanghai = 15:59 UTC; 2027-01-01 00:00 Shanghai = 2026-12-31 16:00 UTC.
		const ledger = buildLedger(
			[],
			[
				{ startsAt: new Date('2026-12-31T15:59:00Z'), minutes: 60, offJob: false },
				{ startsAt: new Date('2026-12-31T16:00:00Z'), minutes: 30, offJob: false },
			],
		)
		expect(ledger.get(2026)?.classroomSeconds).toBe(3600)
		expect(ledger.get(2027)?.classroomSeconds).toBe(1800)
	})
	test('hours shown with one decimal, rounded down', () => {
		expect(hoursFromSeconds(72000)).toBe(20)
		expect(hoursFromSeconds(71999)).toBe(19.9)
		expect(hoursFromSeconds(0)).toBe(0)
		expect(hoursFromSeconds(5400)).toBe(1.5)
	})
})

function person(o: Partial<CoveragePerson> & { name: string }): CoveragePerson {
	return { id: o.name, contractor: false, requiredSeconds: 20 * 3600, seconds: 0, overdue: 0, open: 0, assignedThisYear: false, ...o }
}

describe('coverage', () => {
	const people = [
		person({ name: '甲', seconds: 20 * 3600, assignedThisYear: true }),
		person({ name: '乙', seconds: 10 * 3600, overdue: 1, open: 1, assignedThisYear: true }),
		person({ name: '丙', contractor: true, seconds: 25 * 3600 }),
		person({ name: '丁', contractor: true, overdue: 2, open: 2, assignedThisYear: true }),
		person({ name: '戊', contractor: true }),
	]
	test('meeting means reaching the required seconds exactly or more', () => {
		expect(meetsRule({ seconds: 72000, requiredSeconds: 72000 })).toBe(true)
		expect(meetsRule({ seconds: 71999, requiredSeconds: 72000 })).toBe(false)
	})
	test('own staff and contractors are counted apart', () => {
		expect(coverage(people)).toEqual({
			staff: { people: 2, meeting: 1, assigned: 2, overdue: 1 },
			contractors: { people: 3, meeting: 1, assigned: 1, overdue: 1 },
		})
	})
	test('empty enterprise', () => {
		expect(coverage([])).toEqual({ staff: { people: 0, meeting: 0, assigned: 0, overdue: 0 }, contractors: { people: 0, meeting: 0, assigned: 0, overdue: 0 } })
		expect(percent(0, 0)).toBe(0)
	})
	test('overdue people first, then furthest from the rule, then met', () => {
		const order = sortForTrainingView([
			person({ name: 'met', seconds: 30 * 3600 }),
			person({ name: 'half', seconds: 10 * 3600 }),
			person({ name: 'none', seconds: 0 }),
			person({ name: 'late1', overdue: 1, seconds: 19 * 3600 }),
			person({ name: 'late3', overdue: 3, seconds: 30 * 3600 }),
		]).map((p) => p.name)
		expect(order).toEqual(['late3', 'late1', 'none', 'half', 'met'])
	})
	test('percent rounds', () => {
		expect(percent(1, 3)).toBe(33)
		expect(percent(2, 3)).toBe(67)
	})
})
