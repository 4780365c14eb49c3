import { describe, expect, test } from 'vitest'
import {
	addFigures,
	ageBucket,
	breakdown,
	childOf,
	coverageGroups,
	drillTotals,
	emptyFigures,
	fillMonths,
	lastMonths,
	monthKey,
	monthStart,
	pct,
	periodBounds,
	periodHalfYears,
	periodYears,
	rankByRisk,
	regionPath,
	riskFlags,
	riskScore,
	riskSignals,
	sortEnterprises,
	summarize,
	sumFigures,
	type Figures,
	type RegionNode,
} from '../../app/domain/dashboard/figures.ts'

const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`)

function fig(edit: (f: Figures) => void): Figures {
	const f = emptyFigures()
	edit(f)
	return f
}

describe('adding figures up', () => {
	test('every count adds, coverage per type and drills per kind and status', () => {
		const a = fig((f) => {
			f.coverage.EMPLOYEE = { part: 3, whole: 4 }
			f.coverage.CONTRACTOR = { part: 1, whole: 3 }
			f.overduePeople = 2
			f.openCases.TRAINING.D30 = 1
			f.drills.OFFICE.DONE = 2
			f.credentials.expired = 1
		})
		const b = fig((f) => {
			f.coverage.EMPLOYEE = { part: 5, whole: 6 }
			f.coverage.OUTSOURCED = { part: 0, whole: 2 }
			f.overduePeople = 1
			f.openCases.TRAINING.D30 = 2
			f.drills.OFFICE.OVERDUE = 1
			f.credentials.expired = 2
		})
		const s = sumFigures([a, b])
		expect(s.coverage.EMPLOYEE).toEqual({ part: 8, whole: 10 })
		expect(coverageGroups(s)).toEqual({ staff: { part: 8, whole: 10 }, contractors: { part: 1, whole: 5 }, all: { part: 9, whole: 15 } })
		expect(s.overduePeople).toBe(3)
		expect(s.openCases.TRAINING.D30).toBe(3)
		expect(drillTotals(s)).toMatchObject({ DONE: 2, OVERDUE: 1, required: 3 })
		expect(s.credentials.expired).toBe(3)
		// the inputs are untouched
		expect(a.coverage.EMPLOYEE).toEqual({ part: 3, whole: 4 })
	})

	test('addFigures adds into its first argument', () => {
		const into = emptyFigures()
		addFigures(into, fig((f) => (f.suspended = 4)))
		expect(into.suspended).toBe(4)
	})

	test('percentages round to whole numbers and have no value without a denominator', () => {
		expect(pct(2, 3)).toBe(67)
		expect(pct(1, 3)).toBe(33)
		expect(pct(0, 5)).toBe(0)
		expect(pct(0, 0)).toBeNull()
	})
})

describe('risk ranking', () => {
	const risky = fig((f) => {
		f.coverage.EMPLOYEE = { part: 5, whole: 10 }
		f.suspended = 2 // 20 %: 4 points, high
		f.spotChecks.principalFailed = 1 // 10
		f.drills.PRODUCTION.OVERDUE = 1
		f.drillsMissedLastPeriod = 2 // 3 × 3 = 9
		f.credentials.expired = 1
		f.credentials.reviewOverdue = 1 // 2 × 2 = 4
		f.credentials.uncertified = 1 // 5
	})

	test('the score adds each signal’s points', () => {
		const s = riskSignals(risky)
		expect(s).toEqual({ principalFailed: 1, overdueDrills: 3, invalidCredentials: 2, uncertified: 1, suspended: 2, people: 10 })
		expect(riskScore(s)).toBe(10 + 9 + 4 + 5 + 4)
		expect(riskFlags(s)).toEqual(['PRINCIPAL_FAILED', 'UNCERTIFIED', 'OVERDUE_DRILLS', 'INVALID_CREDENTIALS', 'HIGH_SUSPENSION'])
	})

	test('suspension: one point per full 5 %, flagged from 10 %', () => {
		const at = (suspended: number, people: number) => {
			const s = riskSignals(fig((f) => ((f.coverage.EMPLOYEE = { part: 0, whole: people }), (f.suspended = suspended))))
			return [riskScore(s), riskFlags(s)]
		}
		expect(at(0, 100)).toEqual([0, []])
		expect(at(4, 100)).toEqual([0, []])
		expect(at(5, 100)).toEqual([1, []])
		expect(at(9, 100)).toEqual([1, []])
		expect(at(10, 100)).toEqual([2, ['HIGH_SUSPENSION']])
		expect(at(3, 0)).toEqual([0, []])
	})

	test('only enterprises with a flag are ranked, highest score first, then more flags, then name', () => {
		const list = [
			{ name: '乙', figures: fig((f) => (f.drillsMissedLastPeriod = 2)) }, // 6, 1 flag
			{ name: '甲', figures: fig((f) => (f.credentials.expired = 3)) }, // 6, 1 flag
			{ name: '丙', figures: fig((f) => ((f.credentials.expired = 1), (f.drills.LIVING.OVERDUE = 1), (f.credentials.reviewOverdue = 0))) }, // 5, 2 flags
			{ name: '丁', figures: emptyFigures() },
			{ name: '戊', figures: fig((f) => ((f.drillsMissedLastPeriod = 1), (f.credentials.expired = 1), (f.coverage.EMPLOYEE = { part: 0, whole: 1 }))) }, // 5, 2 flags
		]
		expect(rankByRisk(list).map((e) => [e.name, e.score])).toEqual([
			['甲', 6],
			['乙', 6],
			['丙', 5],
			['戊', 5],
		])
	})
})

describe('regions', () => {
	const regions: RegionNode[] = [
		{ id: 'city', parentId: null, name: '市', nameEn: 'City', kind: 'CITY' },
		{ id: 'a', parentId: 'city', name: '甲县', nameEn: 'A', kind: 'COUNTY' },
		{ id: 'pa', parentId: 'a', name: '甲园区', nameEn: 'PA', kind: 'PARK' },
		{ id: 'b', parentId: 'city', name: '乙县', nameEn: 'B', kind: 'COUNTY' },
		{ id: 'other', parentId: null, name: '他市', nameEn: 'Other', kind: 'CITY' },
	]

	test('path from the root, or from the actor’s own region', () => {
		expect(regionPath(regions, 'pa').map((r) => r.id)).toEqual(['city', 'a', 'pa'])
		expect(regionPath(regions, 'pa', 'a').map((r) => r.id)).toEqual(['a', 'pa'])
		expect(regionPath(regions, 'nope')).toEqual([])
	})

	test('each region belongs to one child of the parent (or directly to it)', () => {
		const owner = childOf(regions, 'city')
		expect(owner.get('pa')).toBe('a')
		expect(owner.get('a')).toBe('a')
		expect(owner.get('b')).toBe('b')
		expect(owner.get('city')).toBeNull()
		expect(owner.has('other')).toBe(false)
		expect(childOf(regions, null).get('pa')).toBe('city')
	})

	test('breakdown sums enterprises into children and keeps direct ones apart', () => {
		const e = (id: string, regionId: string, people: number) => ({ id, regionId, figures: fig((f) => (f.coverage.EMPLOYEE = { part: 1, whole: people })) })
		const out = breakdown(regions, 'a', [e('x', 'pa', 5), e('y', 'pa', 7), e('z', 'a', 3), e('q', 'b', 100)])
		expect(out.children.map((c) => [c.region.id, c.enterprises, c.figures.coverage.EMPLOYEE])).toEqual([['pa', 2, { part: 2, whole: 12 }]])
		expect(out.direct.map((d) => d.id)).toEqual(['z'])
		const city = breakdown(regions, 'city', [e('x', 'pa', 5), e('q', 'b', 100)])
		expect(city.children.map((c) => [c.region.id, c.enterprises])).toEqual([
			['a', 1],
			['b', 1],
		])
	})
})

describe('months and periods in Shanghai time', () => {
	test('month keys follow Shanghai, not UTC', () => {
		expect(monthKey(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11')
		expect(monthKey(new Date('2026-10-31T15:59:59Z'))).toBe('2026-10')
	})

	test('the last 12 months end with the current one and cross the year', () => {
		expect(lastMonths(sh('2026-01-15 10:00'), 3)).toEqual(['2025-11', '2025-12', '2026-01'])
		const twelve = lastMonths(sh('2026-11-30 23:59'))
		expect(twelve).toHaveLength(12)
		expect([twelve[0], twelve[11]]).toEqual(['2025-12', '2026-11'])
		expect(monthStart('2025-12').toISOString()).toBe('2025-11-30T16:00:00.000Z')
	})

	test('filling months puts zeros where nothing happened', () => {
		expect(fillMonths(['2026-01', '2026-02', '2026-03'], [{ month: '2026-03', value: 4 }, { month: '2026-01', value: 1 }, { month: '2025-12', value: 9 }])).toEqual([1, 0, 4])
	})

	test('a period is inclusive of both dates, in Shanghai time', () => {
		const b = periodBounds({ from: '2026-01-01', to: '2026-12-31' })
		expect(b.start.toISOString()).toBe('2025-12-31T16:00:00.000Z')
		expect(b.end.toISOString()).toBe('2026-12-31T16:00:00.000Z')
		expect(periodBounds({ from: '2024-02-28', to: '2024-02-29' }).end.toISOString()).toBe('2024-02-29T16:00:00.000Z')
	})

	test('years and half-years a period touches', () => {
		expect(periodYears({ from: '2024-01-01', to: '2026-12-31' })).toEqual([2024, 2025, 2026])
		expect(periodHalfYears({ from: '2025-06-30', to: '2025-07-01' })).toEqual([
			{ year: 2025, half: 1 },
			{ year: 2025, half: 2 },
		])
		expect(periodHalfYears({ from: '2025-07-01', to: '2025-12-31' })).toEqual([{ year: 2025, half: 2 }])
	})

	test('open cases age: ≤ 7 days, 8–30, 31–90, older', () => {
		const now = sh('2026-11-15 12:00')
		expect(ageBucket(sh('2026-11-08 12:00'), now)).toBe('D7')
		expect(ageBucket(sh('2026-11-08 11:59'), now)).toBe('D30')
		expect(ageBucket(sh('2026-10-16 12:00'), now)).toBe('D30')
		expect(ageBucket(sh('2026-10-16 11:59'), now)).toBe('D90')
		expect(ageBucket(sh('2026-08-17 12:00'), now)).toBe('D90')
		expect(ageBucket(sh('2026-08-17 11:59'), now)).toBe('OLDER')
	})
})

describe('enterprise lists behind region figures', () => {
	const e = (name: string, edit: (f: Figures) => void) => ({ name, summary: summarize(fig(edit)) })
	const list = [
		e('甲', (f) => ((f.coverage.EMPLOYEE = { part: 9, whole: 10 }), (f.overduePeople = 1))),
		e('乙', (f) => ((f.coverage.EMPLOYEE = { part: 2, whole: 10 }), (f.overduePeople = 5))),
		e('丙', () => {}), // no people: no coverage value
		e('丁', (f) => ((f.coverage.EMPLOYEE = { part: 5, whole: 10 }), (f.overduePeople = 5))),
	]

	test('rates: lowest first, no value last', () => {
		expect(sortEnterprises(list, 'coverage').map((x) => x.name)).toEqual(['乙', '丁', '甲', '丙'])
	})

	test('counts: highest first, ties by name', () => {
		expect(sortEnterprises(list, 'overdue').map((x) => x.name)).toEqual(['丁', '乙', '甲', '丙'])
	})

	test('summary numbers', () => {
		const s = summarize(
			fig((f) => {
				f.coverage.EMPLOYEE = { part: 3, whole: 4 }
				f.coverage.CONTRACTOR = { part: 0, whole: 1 }
				f.courseExams = { graded: 3, passed: 2 }
				f.drills.OFFICE = { OVERDUE: 1, DUE: 1, SCHEDULED: 0, DONE: 2, NOT_APPLICABLE: 3 }
				f.suspended = 1
			}),
		)
		expect(s).toMatchObject({ people: 5, coverage: 60, staffCoverage: 75, contractorCoverage: 0, coursePassRate: 67, drillsRequired: 4, drillsDone: 2, drillsOverdue: 1, suspensionRate: 20 })
		expect(s.drillsByKind.OFFICE).toEqual({ required: 4, done: 2 })
	})
})
