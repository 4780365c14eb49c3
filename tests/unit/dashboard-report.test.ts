import { describe, expect, test } from 'vitest'
import { addCounts, emptyCounts, hours, rate, reportColumns, reportLines, type ReportCounts } from '../../app/domain/dashboard/report.ts'

const years = [2025, 2026]

function counts(edit: (c: ReportCounts) => void): ReportCounts {
	const c = emptyCounts(years)
	edit(c)
	return c
}

const ent = (county: string, park: string, name: string, edit: (c: ReportCounts) => void) => ({ county, park, name, uscc: `U-${name}`, counts: counts(edit) })

describe('report lines', () => {
	const list = [
		ent('乙县', '', '乙一', (c) => ((c.people = 10), (c.coverage['2026'] = { meeting: 5, people: 10 }), (c.courseGraded = 4), (c.coursePassed = 1))),
		ent('甲县', '甲园区', '甲二', (c) => ((c.people = 20), (c.coverage['2026'] = { meeting: 20, people: 20 }), (c.courseGraded = 6), (c.coursePassed = 6), (c.violations.OPERATION = 2))),
		ent('甲县', '', '甲一', (c) => ((c.people = 30), (c.coverage['2026'] = { meeting: 15, people: 30 }), (c.areaPeriodsRequired = 4), (c.areaPeriodsDone = 3))),
	]

	test('county order, parks after the county itself, a subtotal after each county, the total last', () => {
		const lines = reportLines(list, years)
		expect(lines.map((l) => [l.kind, l.county, l.name, l.enterprises])).toEqual([
			['enterprise', '甲县', '甲一', 1],
			['enterprise', '甲县', '甲二', 1],
			['subtotal', '甲县', '', 2],
			['enterprise', '乙县', '乙一', 1],
			['subtotal', '乙县', '', 1],
			['total', '', '', 3],
		])
	})

	test('subtotals add counts and rates are recomputed from the sums', () => {
		const lines = reportLines(list, years)
		const cols = reportColumns(years)
		const value = (line: number, key: string) => cols.find((c) => c.key === key)!.value(lines[line]!)
		// 甲县: 35 of 50 meet the rule → 70 %, not the mean of 100 % and 50 %
		expect(value(2, 'meeting2026')).toBe(35)
		expect(value(2, 'coverage2026')).toBe(70)
		expect(value(2, 'coursePassRate')).toBe(100)
		expect(value(2, 'violationsOPERATION')).toBe(2)
		expect(value(2, 'drillCompliance')).toBe(75)
		// total: 40 of 60 → 66.7 %; course 7 of 10 → 70 %
		expect(value(5, 'coverage2026')).toBe(66.7)
		expect(value(5, 'coursePassRate')).toBe(70)
		expect(value(5, 'people')).toBe(60)
		// no denominator → no rate
		expect(value(5, 'coverage2025')).toBeNull()
		expect(value(3, 'drillCompliance')).toBeNull()
	})

	test('columns: one hit-count and one rate per year, text columns first', () => {
		const keys = reportColumns(years).map((c) => c.key)
		expect(keys.slice(0, 10)).toEqual(['county', 'park', 'enterprise', 'uscc', 'people', 'contractors', 'meeting2025', 'coverage2025', 'meeting2026', 'coverage2026'])
		expect(reportColumns(years).find((c) => c.key === 'coverage2026')!.label).toEqual({ key: 'oversight:report.col.coverage', values: { year: 2026 } })
		expect(new Set(keys).size).toBe(keys.length)
	})

	test('an empty scope still has its total line', () => {
		expect(reportLines([], years)).toEqual([{ kind: 'total', county: '', park: '', name: '', uscc: '', counts: emptyCounts(years), enterprises: 0 }])
	})
})

test('rates with one decimal, hours with one decimal', () => {
	expect(rate(2, 3)).toBe(66.7)
	expect(rate(0, 0)).toBeNull()
	expect(hours(3600 * 12 + 1800)).toBe(12.5)
	expect(hours(359)).toBe(0.1)
	expect(addCounts(emptyCounts([2026]), counts((c) => (c.coverage['2025'] = { meeting: 1, people: 2 }))).coverage).toEqual({ '2026': { meeting: 0, people: 0 }, '2025': { meeting: 1, people: 2 } })
})
