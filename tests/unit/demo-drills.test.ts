import { describe, expect, test } from 'vitest'
import { daysBetween } from '../../app/domain/calendar.ts'
import {
	areaPeriodStatus,
	drillReminders,
	firstDayOfHalfYear,
	lastDayOfHalfYear,
	matrixPeriods,
	type ComplianceArea,
	type ComplianceDrill,
} from '../../app/domain/drills.ts'
import { halfYearKey, halfYearOf, halfYearOfDateString, shanghaiDate, startOfShanghaiDay } from '../../app/domain/time.ts'
import { buildDemo, type DemoArea } from '../../scripts/lib/demo-data.ts'
import {
	DEMO_ANCHOR,
	demoDate,
	demoDrills,
	demoDrillSpecs,
	ENTERPRISES,
	type DemoEnterpriseKey,
	type PlacedDrill,
} from '../../scripts/lib/demo-drills.ts'

/** A Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`)

const KEYS = Object.keys(ENTERPRISES) as DemoEnterpriseKey[]
const DEMO = buildDemo()
const AREAS = Object.fromEntries(KEYS.map((k) => [k, DEMO.enterprises.find((e) => e.uscc.startsWith(ENTERPRISES[k]))!.areas])) as Record<DemoEnterpriseKey, DemoArea[]>

const ANCHOR_NOW = sh(`${DEMO_ANCHOR} 12:00`)
const TODAYS = ['2026-11-28', '2026-12-31', '2027-01-01', '2027-01-02', '2027-03-15', '2027-06-30', '2027-07-01', '2028-02-29']
const CLOCKS = ['00:00', '00:10', '12:00', '23:59']
const NOWS = TODAYS.flatMap((d) => CLOCKS.map((c) => `${d} ${c}`))

const halfIndex = (date: string) => {
	const h = halfYearOfDateString(date)!
	return h.year * 2 + h.half - 1
}

describe('demoDate', () => {
	test.each([
		// today, authored → placed
		['2026-11-28', '2025-08-27', '2025-08-27'],
		['2026-11-28', '2026-11-20', '2026-11-20'],
		['2027-03-15', '2025-08-27', '2026-02-27'],
		['2027-03-15', '2026-05-20', '2026-11-20'],
		['2027-03-15', '2026-05-31', '2026-11-30'],
		['2027-03-15', '2026-11-20', '2027-03-07'],
		['2027-03-15', '2026-12-10', '2027-03-27'],
		['2027-03-15', '2026-07-22', '2027-01-01'],
		['2027-01-02', '2026-11-20', '2027-01-01'],
		['2027-01-01', '2026-11-20', '2027-01-01'],
		['2027-01-01', '2026-12-10', '2027-01-13'],
		['2027-07-01', '2026-11-20', '2027-07-01'],
		['2027-06-30', '2026-11-20', '2027-06-22'],
		['2027-06-30', '2026-12-10', '2027-06-30'],
		['2026-12-31', '2026-12-20', '2026-12-31'],
		['2026-12-31', '2026-11-25', '2026-12-28'],
		['2028-02-29', '2025-08-31', '2027-02-28'],
		['2028-02-29', '2026-06-30', '2027-12-30'],
		['2028-02-29', '2026-11-28', '2028-02-29'],
	])('seeded on %s, %s falls on %s', (today, date, placed) => {
		expect(demoDate(date, today)).toBe(placed)
	})

	test('a date after the anchor’s half-year is refused', () => {
		expect(() => demoDate('2027-01-05', '2027-03-15')).toThrow(RangeError)
	})

	test('on the anchor day the story is exactly as written', () => {
		for (const key of KEYS) {
			const placed = demoDrills(key, AREAS[key], ANCHOR_NOW)
			demoDrillSpecs(key, AREAS[key]).forEach((s, i) => {
				const d = placed[i]!
				expect(d.plannedDate).toBe(s.plannedDate)
				if (s.time) expect(d.alarmAt).toEqual(sh(`${s.plannedDate} ${s.time}`))
				expect(d.actions.map((a) => a.dueDate)).toEqual((s.actions ?? []).map((a) => a.due))
			})
		}
	})
})

type Story = { cells: Record<string, string[]>; reminders: string[]; actions: string[] }

function story(key: DemoEnterpriseKey, placed: PlacedDrill[], now: Date): Story {
	const today = shanghaiDate(now)
	const areas: ComplianceArea[] = AREAS[key].map((a) => ({ id: a.name, createdAt: new Date('2024-03-01T00:00:00Z'), archivedAt: null }))
	const drills: ComplianceDrill[] = placed.map((d, i) => ({ id: `${d.area}#${i}`, areaId: d.area, kind: d.kind ?? 'EVACUATION', form: d.form ?? 'LIVE', status: d.status, plannedDate: d.plannedDate, alarmAt: d.alarmAt }))
	const periods = matrixPeriods(now, 3)
	const cells = Object.fromEntries(
		areas.map((a) => [
			a.id,
			periods.map((p) => {
				const c = areaPeriodStatus(a, drills, p, now)
				return c.status + (c.awaitingSignOff ? '(awaiting sign-off)' : '')
			}),
		]),
	)
	const reminders = drillReminders(areas, drills, now)
		.map((r) => `${r.kind} ${r.areaId}`)
		.sort()
	const actions = placed.flatMap((d) => d.actions.map((a) => `${d.area}: ${a.status === 'DONE' ? 'DONE' : a.dueDate < today ? 'OVERDUE' : 'PENDING'}`)).sort()
	return { cells, reminders, actions }
}

/**
 * The anchor's story as it must read at `now`: the same, except on a half-year's first day,
 * when nothing can be late yet: a missed plan is planned for today, an overdue action due today.
 */
function expected(key: DemoEnterpriseKey, now: Date): Story {
	const s = story(key, demoDrills(key, AREAS[key], ANCHOR_NOW), ANCHOR_NOW)
	const today = shanghaiDate(now)
	if (today !== firstDayOfHalfYear(halfYearOf(now))) return s
	return {
		cells: Object.fromEntries(Object.entries(s.cells).map(([a, [current, ...past]]) => [a, [current === 'OVERDUE' ? 'SCHEDULED' : current!, ...past]])),
		// A plan missed in the half-year before stays missed.
		reminders: s.reminders.map((r) => (s.cells[r.split(' ')[1]!]![0] === 'OVERDUE' ? r.replace('PLAN_OVERDUE', 'PLAN_SOON') : r)).sort(),
		actions: s.actions.map((a) => a.replace('OVERDUE', 'PENDING')).sort(),
	}
}

describe.each(NOWS)('seeded at %s', (local) => {
	const now = sh(local)
	const today = shanghaiDate(now)
	const half = halfYearOf(now)
	const first = firstDayOfHalfYear(half)
	const last = lastDayOfHalfYear(half)

	test.each(KEYS)('%s: the compliance matrix, reminders and corrective actions tell the anchor’s story', (key) => {
		const got = story(key, demoDrills(key, AREAS[key], now), now)
		expect(got).toEqual(expected(key, now))
	})

	test('the anchor’s story does not change with the day: a missed plan, a drill awaiting sign-off, an unplanned area', () => {
		const jinan = story('jinan', demoDrills('jinan', AREAS.jinan, now), now)
		expect(jinan.cells['罐区及装卸站']![0]).toBe(today === first ? 'SCHEDULED' : 'OVERDUE')
		expect(jinan.cells['硝化车间']![0]).toBe('DONE(awaiting sign-off)')
		expect(jinan.cells['职工宿舍楼']).toEqual(['DUE', 'OVERDUE', 'DONE'])
		expect(jinan.cells['加氢车间']).toEqual(['SCHEDULED', 'DONE', 'DONE'])
	})

	test.each(KEYS)('%s: every date keeps its half-year and its side of today', (key) => {
		const specs = demoDrillSpecs(key, AREAS[key])
		const placed = demoDrills(key, AREAS[key], now)
		const pairs = specs.flatMap((s, i) => [
			[s.plannedDate, placed[i]!.plannedDate],
			...(s.actions ?? []).map((a, j) => [a.due, placed[i]!.actions[j]!.dueDate]),
		])
		for (const [authored, date] of pairs as [string, string][]) {
			const back = halfIndex(DEMO_ANCHOR) - halfIndex(authored)
			expect(halfIndex(today) - halfIndex(date), `${authored} → ${date}`).toBe(back)
			if (back) continue
			expect(date >= first && date <= last, `${authored} → ${date}`).toBe(true)
			const offset = daysBetween(DEMO_ANCHOR, authored)
			if (offset < 0) expect(date < today || (date === today && today === first), `${authored} → ${date}`).toBe(true)
			if (offset > 0) expect(date > today || (date === today && today === last), `${authored} → ${date}`).toBe(true)
		}
	})

	test.each(KEYS)('%s: nothing that happened lies in the future, and things happen in order', (key) => {
		for (const d of demoDrills(key, AREAS[key], now)) {
			const instants = [d.createdAt, d.alarmAt, d.clearedAt, d.assembledAt, d.endedAt, d.signedOffAt, d.cancelledAt, ...d.notes.map((n) => n.at), ...d.actions.flatMap((a) => [a.createdAt, a.doneAt])]
			for (const t of instants) if (t) expect(t.getTime(), `${d.area} ${d.plannedDate}`).toBeLessThanOrEqual(now.getTime())
			if (d.status === 'CLOSED' || d.status === 'EVALUATING') {
				expect(d.alarmAt).not.toBeNull()
				expect(shanghaiDate(d.alarmAt!)).toBe(d.plannedDate)
				expect(d.createdAt.getTime()).toBeLessThan(d.alarmAt!.getTime())
				// A run on today (a half-year's first day) has ended by now, unless the day is younger than a run.
				if (now.getTime() - startOfShanghaiDay(d.plannedDate).getTime() >= 25 * 60_000) expect(d.endedAt!.getTime() - d.alarmAt!.getTime()).toBe(25 * 60_000)
				const run = [d.alarmAt, d.clearedAt, d.assembledAt, d.endedAt, d.signedOffAt].filter((t): t is Date => t !== null).map((t) => t.getTime())
				expect(run).toEqual([...run].sort((a, b) => a - b))
				for (const a of d.actions) {
					expect(a.createdAt.getTime()).toBeGreaterThanOrEqual(d.alarmAt!.getTime())
					if (a.doneAt) expect(a.createdAt.getTime()).toBeLessThanOrEqual(a.doneAt.getTime())
				}
			}
			if (d.cancelledAt) {
				expect(d.createdAt.getTime()).toBeLessThan(d.cancelledAt.getTime())
				expect(d.cancelledAt.getTime()).toBeLessThan(startOfShanghaiDay(d.plannedDate).getTime())
			}
		}
	})

	test('history covers the two half-years before the current one', () => {
		const periods = new Set(KEYS.flatMap((k) => demoDrills(k, AREAS[k], now)).filter((d) => d.alarmAt).map((d) => halfYearKey(halfYearOf(d.alarmAt!))))
		expect([...periods].sort()).toEqual(matrixPeriods(now, 3).map(halfYearKey).sort())
	})
})
