import { describe, expect, test } from 'vitest'
import {
	addDays,
	areaPeriodStatus,
	canTransition,
	assertTransition,
	checkMark,
	complianceMatrix,
	countsTowardCompliance,
	daysBetween,
	defaultPlanDate,
	DRILL_STATUSES,
	drillPeriod,
	drillReminders,
	DrillTransitionError,
	finishProblems,
	formatElapsed,
	lastDayOfHalfYear,
	markInstant,
	matrixPeriods,
	MAX_MARK_AGE_MS,
	signOffProblems,
	stepAllowed,
	toCsv,
	type ComplianceArea,
	type ComplianceDrill,
	type DrillStatus,
} from '../../app/domain/drills.ts'
import { sniffImageType } from '../../app/domain/images.ts'
import { halfYearKey, type HalfYear } from '../../app/domain/time.ts'

/** A Shanghai wall-clock time as an instant ('2026-06-30 23:59' → 15:59 UTC). */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`)
const H = (year: number, half: 1 | 2): HalfYear => ({ year, half })

const area: ComplianceArea = { id: 'a1', createdAt: sh('2020-01-01 08:00'), archivedAt: null }

let n = 0
function drill(p: Partial<ComplianceDrill>): ComplianceDrill {
	return { id: `d${++n}`, areaId: 'a1', kind: 'EVACUATION', form: 'LIVE', status: 'PLANNED', plannedDate: '2026-10-10', alarmAt: null, ...p }
}
const done = (alarm: string, p: Partial<ComplianceDrill> = {}) =>
	drill({ status: 'CLOSED', plannedDate: alarm.slice(0, 10), alarmAt: sh(alarm), ...p })

describe('drill state machine', () => {
	const allowed: [DrillStatus, DrillStatus][] = [
		['PLANNED', 'RUNNING'],
		['PLANNED', 'CANCELLED'],
		['RUNNING', 'EVALUATING'],
		['RUNNING', 'CANCELLED'],
		['EVALUATING', 'CLOSED'],
	]
	const pairs = DRILL_STATUSES.flatMap((from) => DRILL_STATUSES.map((to) => [from, to] as const))
	test.each(pairs)('%s → %s', (from, to) => {
		const ok = allowed.some(([f, t]) => f === from && t === to)
		expect(canTransition(from, to)).toBe(ok)
		if (ok) expect(() => assertTransition(from, to)).not.toThrow()
		else expect(() => assertTransition(from, to)).toThrow(DrillTransitionError)
	})

	test('unknown states never transition', () => {
		expect(canTransition('DELETED', 'RUNNING')).toBe(false)
		expect(() => assertTransition('', 'CLOSED')).toThrow(DrillTransitionError)
	})

	test.each([
		['PLANNED', 'editPlan', true],
		['RUNNING', 'editPlan', false],
		['RUNNING', 'mark', true],
		['EVALUATING', 'mark', false],
		['EVALUATING', 'headcount', true],
		['CLOSED', 'headcount', false],
		['EVALUATING', 'evaluate', true],
		['CLOSED', 'evaluate', false],
		['CLOSED', 'addAction', false],
		['CANCELLED', 'photos', false],
	] as const)('in %s, %s allowed: %s', (status, step, ok) => {
		expect(stepAllowed(status, step)).toBe(ok)
	})
})

describe('which drills count', () => {
	test.each([
		['EVACUATION', 'LIVE', true],
		['EVACUATION', 'TABLETOP', false],
		['ONSITE_RESPONSE', 'LIVE', false],
		['COMPREHENSIVE_PLAN', 'LIVE', false],
	])('%s %s → %s', (kind, form, ok) => {
		expect(countsTowardCompliance({ kind, form })).toBe(ok)
	})

	test('a run belongs to the half-year of its alarm, a plan to its planned date', () => {
		expect(drillPeriod({ status: 'PLANNED', plannedDate: '2026-06-28', alarmAt: null })).toEqual(H(2026, 1))
		expect(drillPeriod({ status: 'CLOSED', plannedDate: '2026-06-28', alarmAt: sh('2026-07-01 00:00') })).toEqual(H(2026, 2))
		expect(drillPeriod({ status: 'CLOSED', plannedDate: '2026-07-02', alarmAt: sh('2026-06-30 23:59') })).toEqual(H(2026, 1))
	})
})

describe('compliance per area and half-year', () => {
	const nowH2 = sh('2026-11-28 10:00')

	test.each([
		// [case, drills, period, now, expected status, expected date]
		['completed at 2026-06-30 23:59 Shanghai counts for H1', [done('2026-06-30 23:59')], H(2026, 1), nowH2, 'DONE', '2026-06-30'],
		['… and not for H2', [done('2026-06-30 23:59')], H(2026, 2), nowH2, 'DUE', null],
		['completed at 2026-07-01 00:00 Shanghai counts for H2', [done('2026-07-01 00:00')], H(2026, 2), nowH2, 'DONE', '2026-07-01'],
		['… and H1 ended without one', [done('2026-07-01 00:00')], H(2026, 1), nowH2, 'OVERDUE', null],
		['a run on leap day counts for H1 2028', [done('2028-02-29 09:30')], H(2028, 1), sh('2028-03-01 08:00'), 'DONE', '2028-02-29'],
		['a plan on leap day is scheduled', [drill({ plannedDate: '2028-02-29' })], H(2028, 1), sh('2028-02-28 23:59'), 'SCHEDULED', '2028-02-29'],
		['… and overdue the next day', [drill({ plannedDate: '2028-02-29' })], H(2028, 1), sh('2028-03-01 00:00'), 'OVERDUE', '2028-02-29'],
		['a plan due today is still scheduled', [drill({ plannedDate: '2026-11-28' })], H(2026, 2), nowH2, 'SCHEDULED', '2026-11-28'],
		['a plan whose date passed is overdue', [drill({ plannedDate: '2026-11-27' })], H(2026, 2), nowH2, 'OVERDUE', '2026-11-27'],
		['nothing planned in a running period is due', [], H(2026, 2), nowH2, 'DUE', null],
		['nothing in an ended period is overdue', [], H(2025, 2), nowH2, 'OVERDUE', null],
		['a cancelled plan does not count', [drill({ plannedDate: '2026-12-10', status: 'CANCELLED' })], H(2026, 2), nowH2, 'DUE', null],
		['a cancelled run does not count', [done('2026-10-01 09:00', { status: 'CANCELLED' })], H(2026, 2), nowH2, 'DUE', null],
		['a drill running now is scheduled', [drill({ status: 'RUNNING', alarmAt: sh('2026-11-28 09:50'), plannedDate: '2026-11-20' })], H(2026, 2), nowH2, 'SCHEDULED', '2026-11-28'],
		['a run awaiting sign-off is done', [done('2026-10-01 09:00', { status: 'EVALUATING' })], H(2026, 2), nowH2, 'DONE', '2026-10-01'],
		['a tabletop evacuation does not count', [done('2026-10-01 09:00', { form: 'TABLETOP' })], H(2026, 2), nowH2, 'DUE', null],
		['an on-site response drill does not count', [done('2026-10-01 09:00', { kind: 'ONSITE_RESPONSE' })], H(2026, 2), nowH2, 'DUE', null],
		['a drill of another area does not count', [done('2026-10-01 09:00', { areaId: 'a2' })], H(2026, 2), nowH2, 'DUE', null],
		['a plan in a future period', [drill({ plannedDate: '2027-03-01' })], H(2027, 1), nowH2, 'SCHEDULED', '2027-03-01'],
		['nothing in a future period', [], H(2027, 1), nowH2, 'NOT_APPLICABLE', null],
	] as const)('%s', (_, drills, period, now, status, date) => {
		const cell = areaPeriodStatus(area, drills, period, now)
		expect(cell.status).toBe(status)
		expect(cell.date).toBe(date)
	})

	test('several drills in one period: a closed run wins, then the earliest', () => {
		const a = done('2026-08-01 09:00', { status: 'EVALUATING' })
		const b = done('2026-09-01 09:00')
		const c = done('2026-10-01 09:00')
		const missed = drill({ plannedDate: '2026-07-15' })
		const cell = areaPeriodStatus(area, [missed, c, a, b], H(2026, 2), nowH2)
		expect(cell).toEqual({ status: 'DONE', drillId: b.id, date: '2026-09-01', awaitingSignOff: false })
		const onlyOpen = areaPeriodStatus(area, [a, missed], H(2026, 2), nowH2)
		expect(onlyOpen).toMatchObject({ status: 'DONE', drillId: a.id, awaitingSignOff: true })
	})

	test('several plans: the next one still to come makes the period scheduled', () => {
		const past = drill({ plannedDate: '2026-09-01' })
		const next = drill({ plannedDate: '2026-12-20' })
		const later = drill({ plannedDate: '2026-12-28' })
		expect(areaPeriodStatus(area, [later, past, next], H(2026, 2), nowH2)).toMatchObject({ status: 'SCHEDULED', drillId: next.id, date: '2026-12-20' })
		expect(areaPeriodStatus(area, [past], H(2026, 2), nowH2)).toMatchObject({ status: 'OVERDUE', drillId: past.id })
	})

	test('a planned drill moved across the half-year boundary', () => {
		const now = sh('2026-06-20 12:00')
		const before = drill({ plannedDate: '2026-06-28' })
		expect(areaPeriodStatus(area, [before], H(2026, 1), now).status).toBe('SCHEDULED')
		const moved = { ...before, plannedDate: '2026-07-03' }
		expect(areaPeriodStatus(area, [moved], H(2026, 1), now).status).toBe('DUE')
		expect(areaPeriodStatus(area, [moved], H(2026, 2), now).status).toBe('SCHEDULED')
		// Once H1 is over without a run, it stays overdue; the plan serves H2.
		const july = sh('2026-07-01 00:00')
		expect(areaPeriodStatus(area, [moved], H(2026, 1), july).status).toBe('OVERDUE')
		expect(areaPeriodStatus(area, [moved], H(2026, 2), july).status).toBe('SCHEDULED')
		// Planned in H1 but held on 1 July: H2 is done, H1 is not.
		const heldLate = { ...before, status: 'CLOSED', alarmAt: sh('2026-07-01 09:00') }
		expect(areaPeriodStatus(area, [heldLate], H(2026, 1), nowH2).status).toBe('OVERDUE')
		expect(areaPeriodStatus(area, [heldLate], H(2026, 2), nowH2).status).toBe('DONE')
	})

	test('a deleted drill is simply absent', () => {
		const d = done('2026-10-01 09:00')
		expect(areaPeriodStatus(area, [d], H(2026, 2), nowH2).status).toBe('DONE')
		expect(areaPeriodStatus(area, [], H(2026, 2), nowH2).status).toBe('DUE')
	})

	test('an area created part-way through a period owes that period', () => {
		const mid = { ...area, createdAt: sh('2026-09-15 10:00') }
		expect(areaPeriodStatus(mid, [], H(2026, 1), nowH2).status).toBe('NOT_APPLICABLE')
		expect(areaPeriodStatus(mid, [], H(2026, 2), nowH2).status).toBe('DUE')
		expect(areaPeriodStatus(mid, [], H(2026, 2), sh('2027-01-01 00:00')).status).toBe('OVERDUE')
		// Created on the last minute of H1: H1 applies (no grace), H2 too.
		const last = { ...area, createdAt: sh('2026-06-30 23:59') }
		expect(areaPeriodStatus(last, [], H(2026, 1), nowH2).status).toBe('OVERDUE')
		const first = { ...area, createdAt: sh('2026-07-01 00:00') }
		expect(areaPeriodStatus(first, [], H(2026, 1), nowH2).status).toBe('NOT_APPLICABLE')
	})

	test('an archived area owes nothing from the period it was archived in', () => {
		const archived = { ...area, archivedAt: sh('2026-09-01 10:00') }
		expect(areaPeriodStatus(archived, [], H(2026, 1), nowH2).status).toBe('OVERDUE')
		expect(areaPeriodStatus(archived, [], H(2026, 2), nowH2).status).toBe('NOT_APPLICABLE')
		// A drill held before archiving still shows.
		expect(areaPeriodStatus(archived, [done('2026-08-01 09:00')], H(2026, 2), nowH2).status).toBe('DONE')
	})
})

describe('matrix', () => {
	test('current half-year first, then earlier ones', () => {
		expect(matrixPeriods(sh('2026-11-28 10:00')).map(halfYearKey)).toEqual(['2026-H2', '2026-H1', '2025-H2'])
		expect(matrixPeriods(sh('2026-01-01 00:00'), 2).map(halfYearKey)).toEqual(['2026-H1', '2025-H2'])
		expect(matrixPeriods(sh('2025-12-31 23:59'), 1).map(halfYearKey)).toEqual(['2025-H2'])
	})

	test('problem rows first, otherwise the given order', () => {
		const now = sh('2026-11-28 10:00')
		const areas = ['ok', 'due', 'overdue', 'sched', 'oldproblem'].map((id) => ({ id, createdAt: sh('2020-01-01 00:00'), archivedAt: null }))
		const drills = [
			done('2026-09-01 09:00', { areaId: 'ok' }),
			done('2026-03-01 09:00', { areaId: 'ok' }),
			done('2026-03-01 09:00', { areaId: 'due' }),
			drill({ areaId: 'overdue', plannedDate: '2026-11-01' }),
			done('2026-03-01 09:00', { areaId: 'overdue' }),
			drill({ areaId: 'sched', plannedDate: '2026-12-01' }),
			done('2026-03-01 09:00', { areaId: 'sched' }),
			done('2026-09-01 09:00', { areaId: 'oldproblem' }),
		]
		const rows = complianceMatrix(areas, drills, matrixPeriods(now, 2), now)
		expect(rows.map((r) => r.area.id)).toEqual(['overdue', 'due', 'sched', 'oldproblem', 'ok'])
		expect(rows[0]!.cells.map((c) => c.status)).toEqual(['OVERDUE', 'DONE'])
		expect(rows[3]!.cells.map((c) => c.status)).toEqual(['DONE', 'OVERDUE'])
	})
})

describe('reminders', () => {
	const now = sh('2026-11-28 10:00')
	const areas = ['a1', 'a2', 'a3', 'a4', 'a5', 'gone'].map((id) => ({ id, createdAt: sh('2020-01-01 00:00'), archivedAt: id === 'gone' ? sh('2026-10-01 00:00') : null }))

	test('overdue plans, unplanned areas, plans soon, sign-offs; nothing for archived areas', () => {
		const drills = [
			drill({ id: 'late', areaId: 'a1', plannedDate: '2026-11-20' }),
			drill({ id: 'soon', areaId: 'a2', plannedDate: '2026-12-05' }),
			drill({ id: 'far', areaId: 'a3', plannedDate: '2026-12-31' }),
			{ ...done('2026-11-02 09:00', { id: 'eval', areaId: 'a4', status: 'EVALUATING' }) },
			drill({ id: 'gone-plan', areaId: 'gone', plannedDate: '2026-11-01' }),
		]
		const r = drillReminders(areas, drills, now)
		expect(r).toEqual([
			{ kind: 'PLAN_OVERDUE', drillId: 'late', areaId: 'a1', date: '2026-11-20', days: 8 },
			{ kind: 'AREA_UNPLANNED', areaId: 'a5', date: '2026-12-31', days: 33 },
			{ kind: 'PLAN_SOON', drillId: 'soon', areaId: 'a2', date: '2026-12-05', days: 7 },
			{ kind: 'AWAITING_SIGN_OFF', drillId: 'eval', areaId: 'a4', date: '2026-11-02', days: 26 },
		])
	})

	test('a run left open since an earlier day', () => {
		const r = drillReminders(areas.slice(0, 1), [drill({ id: 'open', status: 'RUNNING', alarmAt: sh('2026-11-26 09:00') })], now)
		expect(r[0]).toEqual({ kind: 'RUN_UNFINISHED', drillId: 'open', areaId: 'a1', date: '2026-11-26', days: 2 })
	})

	test('a plan exactly at the horizon is "soon", one day past it is not', () => {
		const r = drillReminders(areas.slice(0, 2), [drill({ id: 'h', areaId: 'a1', plannedDate: '2026-12-12' }), drill({ id: 'x', areaId: 'a2', plannedDate: '2026-12-13' })], now, 14)
		expect(r.map((x) => 'drillId' in x && x.drillId)).toEqual(['h'])
	})
})

describe('dates', () => {
	test.each([
		['2028-02-28', 1, '2028-02-29'],
		['2028-02-29', 1, '2028-03-01'],
		['2027-02-28', 1, '2027-03-01'],
		['2026-12-31', 1, '2027-01-01'],
		['2026-03-01', -1, '2026-02-28'],
	])('addDays(%s, %i) = %s', (d, k, out) => {
		expect(addDays(d, k)).toBe(out)
	})

	test('daysBetween across a leap day and backwards', () => {
		expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2)
		expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1)
		expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError)
	})

	test('default bulk plan date stays inside the half-year', () => {
		expect(defaultPlanDate(sh('2026-11-28 10:00'))).toBe('2026-12-12')
		expect(defaultPlanDate(sh('2026-12-25 10:00'))).toBe('2026-12-31')
		expect(defaultPlanDate(sh('2026-06-30 23:59'))).toBe('2026-06-30')
		expect(lastDayOfHalfYear(H(2028, 1))).toBe('2028-06-30')
	})
})

describe('stopwatch marks', () => {
	const now = sh('2026-11-28 10:00')
	test('the phone sends how long ago it saw the tap', () => {
		expect(markInstant(now, null)).toEqual(now)
		expect(markInstant(now, 1500)).toEqual(new Date(now.getTime() - 1500))
		expect(markInstant(now, MAX_MARK_AGE_MS)).not.toBeNull()
		expect(markInstant(now, MAX_MARK_AGE_MS + 1)).toBeNull()
		expect(markInstant(now, -1)).toBeNull()
		expect(markInstant(now, Number.NaN)).toBeNull()
	})

	const planned = { status: 'PLANNED', alarmAt: null, clearedAt: null, assembledAt: null }
	const alarm = sh('2026-11-28 09:50')
	const running = { ...planned, status: 'RUNNING', alarmAt: alarm }

	test('the alarm starts a planned drill', () => {
		expect(checkMark(planned, 'alarm', now)).toEqual({ ok: true, field: 'alarmAt', transition: true })
		expect(checkMark({ ...planned, status: 'CLOSED' }, 'alarm', now)).toEqual({ ok: false, key: 'drills:errors.notInStatus' })
	})

	test('a repeated mark answers with the stored time (offline retries)', () => {
		expect(checkMark(running, 'alarm', now)).toEqual({ ok: true, already: alarm })
		const cleared = { ...running, clearedAt: sh('2026-11-28 09:53') }
		expect(checkMark(cleared, 'clear', now)).toEqual({ ok: true, already: cleared.clearedAt })
	})

	test('clear and assembled need a running drill and come after the alarm', () => {
		expect(checkMark(running, 'clear', now)).toEqual({ ok: true, field: 'clearedAt', transition: false })
		expect(checkMark(running, 'assembled', now)).toEqual({ ok: true, field: 'assembledAt', transition: false })
		expect(checkMark(running, 'assembled', sh('2026-11-28 09:49'))).toEqual({ ok: false, key: 'drills:errors.beforeAlarm' })
		expect(checkMark(planned, 'clear', now)).toEqual({ ok: false, key: 'drills:errors.notInStatus' })
		expect(checkMark({ ...running, status: 'EVALUATING' }, 'clear', now)).toEqual({ ok: false, key: 'drills:errors.notInStatus' })
	})

	test('a live evacuation needs the assembly time and a headcount to finish', () => {
		const base = { ...running, kind: 'EVACUATION', form: 'LIVE', headcountAccounted: null }
		expect(finishProblems(base)).toEqual(['drills:errors.noAssembled', 'drills:errors.noHeadcount'])
		expect(finishProblems({ ...base, assembledAt: now, headcountAccounted: 30 })).toEqual([])
		expect(finishProblems({ ...base, form: 'TABLETOP' })).toEqual([])
	})

	test('sign-off needs problems, lessons, improvements and an evaluator', () => {
		const ev = { problems: '无', lessons: ' ', improvements: '增设指示牌', evaluatorId: null }
		expect(signOffProblems(ev).map((p) => p.field)).toEqual(['lessons', 'evaluatorId'])
		expect(signOffProblems({ ...ev, lessons: '熟悉路线', evaluatorId: 'p1' })).toEqual([])
	})

	test.each([
		[0, '0:00'],
		[999, '0:00'],
		[61_000, '1:01'],
		[3_599_000, '59:59'],
		[3_600_000, '1:00:00'],
		[-5, '0:00'],
	])('formatElapsed(%i) = %s', (ms, out) => {
		expect(formatElapsed(ms)).toBe(out)
	})
})

describe('csv', () => {
	test('quotes, BOM and formula injection', () => {
		expect(toCsv([['a,b', 'say "hi"', null, 3], ['=1+1', '-x', '@a', '+1']])).toBe('\ufeff"a,b","say ""hi""",,3\r\n\'=1+1,\'-x,\'@a,\'+1\r\n')
	})
})

describe('photo type from magic bytes', () => {
	const bytes = (...parts: (number[] | string)[]) =>
		new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)))
	test.each([
		['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
		['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'image/png'],
		['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
		['gif', bytes('GIF89a', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), null],
		['svg', bytes('<svg xmlns="http://www.w3.org/2000/svg">'), null],
		['html named .jpg', bytes('<html><script>x</script>'), null],
		['riff wave', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), null],
		['truncated png', bytes([0x89, 0x50, 0x4e, 0x47]), null],
		['empty', new Uint8Array(), null],
	])('%s', (_, b, mime) => {
		expect(sniffImageType(b)).toBe(mime)
	})
})
