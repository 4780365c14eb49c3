/**
 * Drills, pure: the state machine, half-year compliance per area, reminders, stopwatch marks.
 * No I/O and no clock: every function that depends on "now" takes it as an argument.
 *
 * Compliance (seed item 45): every office, production and living area needs at least one LIVE
 * EVACUATION drill in each half-year (H1 Jan–Jun, H2 Jul–Dec, Asia/Shanghai). A drill counts for
 * the half-year in which its alarm sounded (the run), a plan for the half-year of its planned
 * date. Other kinds of drills (on-site response, plan drills) and tabletop exercises are kept
 * and listed but do not satisfy the evacuation requirement.
 */
import {
	halfYearBounds,
	halfYearOf,
	halfYearOfDateString,
	compareHalfYears,
	parseDateString,
	previousHalfYear,
	shanghaiDate,
	type HalfYear,
} from './time.ts'

export const DRILL_KINDS = ['EVACUATION', 'ONSITE_RESPONSE', 'SPECIFIC_PLAN', 'COMPREHENSIVE_PLAN'] as const
export type DrillKind = (typeof DRILL_KINDS)[number]
/** AQ/T 9007-2019: by form. */
export const DRILL_FORMS = ['LIVE', 'TABLETOP'] as const
export type DrillForm = (typeof DRILL_FORMS)[number]
/** AQ/T 9007-2019: by content (单项 / 综合). */
export const DRILL_SCOPES = ['SINGLE', 'COMBINED'] as const
export type DrillScope = (typeof DRILL_SCOPES)[number]

export const DRILL_STATUSES = ['PLANNED', 'RUNNING', 'EVALUATING', 'CLOSED', 'CANCELLED'] as const
export type DrillStatus = (typeof DRILL_STATUSES)[number]

export const ACTION_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

/** In the order a phone shows them: problems first. */
export const COMPLIANCE_STATUSES = ['OVERDUE', 'DUE', 'SCHEDULED', 'DONE', 'NOT_APPLICABLE'] as const
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number]

export function isDrillStatus(v: unknown): v is DrillStatus {
	return typeof v === 'string' && (DRILL_STATUSES as readonly string[]).includes(v)
}

// ── State machine ─────────────────────────────────────────────────────────────────────────

const TRANSITIONS: Record<DrillStatus, readonly DrillStatus[]> = {
	PLANNED: ['RUNNING', 'CANCELLED'],
	RUNNING: ['EVALUATING', 'CANCELLED'],
	EVALUATING: ['CLOSED'],
	CLOSED: [],
	CANCELLED: [],
}

export class DrillTransitionError extends Error {
	constructor(
		readonly from: string,
		readonly to: DrillStatus,
	) {
		super(`Illegal drill transition ${from} → ${to}`)
	}
}

export function canTransition(from: string, to: DrillStatus): boolean {
	return isDrillStatus(from) && TRANSITIONS[from].includes(to)
}

export function assertTransition(from: string, to: DrillStatus): void {
	if (!canTransition(from, to)) throw new DrillTransitionError(from, to)
}

/** What may change in which status; anything else is refused with a translated message. */
export const DRILL_STEPS = {
	editPlan: ['PLANNED'],
	mark: ['RUNNING'],
	headcount: ['RUNNING', 'EVALUATING'],
	missing: ['RUNNING', 'EVALUATING'],
	notes: ['RUNNING', 'EVALUATING'],
	photos: ['RUNNING', 'EVALUATING'],
	evaluate: ['EVALUATING'],
	addAction: ['EVALUATING'],
	changeEvaluator: ['PLANNED', 'RUNNING', 'EVALUATING'],
} as const satisfies Record<string, readonly DrillStatus[]>
export type DrillStep = keyof typeof DRILL_STEPS

export function stepAllowed(status: string, step: DrillStep): boolean {
	return (DRILL_STEPS[step] as readonly string[]).includes(status)
}

/** Only a live evacuation drill satisfies the per-area half-year requirement. */
export function countsTowardCompliance(d: { kind: string; form: string }): boolean {
	return d.kind === 'EVACUATION' && d.form === 'LIVE'
}

// ── Calendar dates (YYYY-MM-DD, no time of day) ───────────────────────────────────────────

function dayNumber(date: string): number {
	const p = parseDateString(date)
	if (!p) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`)
	return Date.UTC(p.year, p.month - 1, p.day) / 86_400_000
}

export function addDays(date: string, n: number): string {
	return new Date((dayNumber(date) + n) * 86_400_000).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return dayNumber(to) - dayNumber(from)
}

export function firstDayOfHalfYear(h: HalfYear): string {
	return `${String(h.year).padStart(4, '0')}-${h.half === 1 ? '01' : '07'}-01`
}

export function lastDayOfHalfYear(h: HalfYear): string {
	return `${String(h.year).padStart(4, '0')}-${h.half === 1 ? '06-30' : '12-31'}`
}

export function sameHalfYear(a: HalfYear, b: HalfYear): boolean {
	return compareHalfYears(a, b) === 0
}

// ── Compliance ────────────────────────────────────────────────────────────────────────────

export type ComplianceDrill = {
	id: string
	areaId: string
	kind: string
	form: string
	status: string
	plannedDate: string
	alarmAt: Date | null
}

export type ComplianceArea = { id: string; createdAt: Date; archivedAt: Date | null }

export type ComplianceCell = {
	status: ComplianceStatus
	/** The drill behind the status (the completed one, the next plan, the missed plan). */
	drillId: string | null
	/** Shanghai calendar date of that drill (run date when done, planned date otherwise). */
	date: string | null
	/** DONE, but the evaluator has not signed off yet. */
	awaitingSignOff: boolean
}

const COMPLETED: readonly string[] = ['EVALUATING', 'CLOSED']
const ACTIVE: readonly string[] = ['PLANNED', 'RUNNING']

/** The half-year a drill belongs to: its run when it ran, its planned date otherwise. */
export function drillPeriod(d: Pick<ComplianceDrill, 'status' | 'plannedDate' | 'alarmAt'>): HalfYear | null {
	if (d.alarmAt && d.status !== 'PLANNED') return halfYearOf(d.alarmAt)
	return halfYearOfDateString(d.plannedDate)
}

/**
 * Status of one area in one half-year at `now`:
 * - DONE: a completed (run finished) live evacuation drill whose alarm fell in the period;
 * - SCHEDULED: a plan (or a drill running now) in the period whose date has not passed;
 * - OVERDUE: the period ended without a completed drill, or every plan's date has passed;
 * - DUE: the period is running and nothing is planned;
 * - NOT_APPLICABLE: the area did not exist for the period (created after it ended, or
 *   archived before it ended without a drill), or the period has not started and has no plan.
 * An area created part-way through a period owes that period's drill: the rule has no grace.
 */
export function areaPeriodStatus(area: ComplianceArea, drills: readonly ComplianceDrill[], period: HalfYear, now: Date): ComplianceCell {
	const { start, end } = halfYearBounds(period)
	const mine = drills.filter((d) => d.areaId === area.id && countsTowardCompliance(d))
	const done = mine
		.filter((d) => COMPLETED.includes(d.status) && d.alarmAt && d.alarmAt >= start && d.alarmAt < end)
		.sort((a, b) => a.alarmAt!.getTime() - b.alarmAt!.getTime())
	if (done.length) {
		// A closed record beats one still awaiting sign-off; among equals, the earliest run.
		const best = done.find((d) => d.status === 'CLOSED') ?? done[0]!
		return { status: 'DONE', drillId: best.id, date: shanghaiDate(best.alarmAt!), awaitingSignOff: best.status !== 'CLOSED' }
	}
	const cell = (status: ComplianceStatus, d: ComplianceDrill | null = null): ComplianceCell => ({
		status,
		drillId: d?.id ?? null,
		date: d ? (d.status === 'RUNNING' && d.alarmAt ? shanghaiDate(d.alarmAt) : d.plannedDate) : null,
		awaitingSignOff: false,
	})
	const existed = area.createdAt < end && (!area.archivedAt || area.archivedAt >= end)
	if (!existed) return cell('NOT_APPLICABLE')
	const today = shanghaiDate(now)
	const plans = mine
		.filter((d) => ACTIVE.includes(d.status))
		.filter((d) => {
			const p = drillPeriod(d)
			return p !== null && sameHalfYear(p, period)
		})
		.sort((a, b) => a.plannedDate.localeCompare(b.plannedDate))
	if (now >= end) return cell('OVERDUE', plans.at(-1) ?? null)
	const upcoming = plans.find((d) => d.status === 'RUNNING' || d.plannedDate >= today)
	if (upcoming) return cell('SCHEDULED', upcoming)
	if (plans.length) return cell('OVERDUE', plans.at(-1)!)
	if (now < start) return cell('NOT_APPLICABLE')
	return cell('DUE')
}

/** The current half-year first, then the `count - 1` before it. */
export function matrixPeriods(now: Date, count = 3): HalfYear[] {
	const out: HalfYear[] = [halfYearOf(now)]
	while (out.length < count) out.push(previousHalfYear(out.at(-1)!))
	return out
}

export type MatrixRow<A extends ComplianceArea> = { area: A; cells: ComplianceCell[] }

const RANK: Record<ComplianceStatus, number> = { OVERDUE: 0, DUE: 1, SCHEDULED: 2, DONE: 3, NOT_APPLICABLE: 4 }

export function complianceRank(s: ComplianceStatus): number {
	return RANK[s]
}

/**
 * Area × half-year; rows with a problem in the current half-year come first (then problems in
 * earlier half-years), otherwise the given area order is kept.
 */
export function complianceMatrix<A extends ComplianceArea>(
	areas: readonly A[],
	drills: readonly ComplianceDrill[],
	periods: readonly HalfYear[],
	now: Date,
): MatrixRow<A>[] {
	const rows = areas.map((area, i) => ({ area, i, cells: periods.map((p) => areaPeriodStatus(area, drills, p, now)) }))
	const key = (r: (typeof rows)[number]) => r.cells.map((c) => RANK[c.status])
	rows.sort((a, b) => {
		const ka = key(a)
		const kb = key(b)
		for (let j = 0; j < ka.length; j++) if (ka[j] !== kb[j]) return ka[j]! - kb[j]!
		return a.i - b.i
	})
	return rows.map(({ area, cells }) => ({ area, cells }))
}

export function countStatuses(cells: readonly ComplianceCell[]): Record<ComplianceStatus, number> {
	const out: Record<ComplianceStatus, number> = { OVERDUE: 0, DUE: 0, SCHEDULED: 0, DONE: 0, NOT_APPLICABLE: 0 }
	for (const c of cells) out[c.status]++
	return out
}

// ── Reminders ─────────────────────────────────────────────────────────────────────────────

export type DrillReminder =
	| { kind: 'PLAN_OVERDUE'; drillId: string; areaId: string; date: string; days: number }
	| { kind: 'RUN_UNFINISHED'; drillId: string; areaId: string; date: string; days: number }
	| { kind: 'AREA_UNPLANNED'; areaId: string; date: string; days: number }
	| { kind: 'PLAN_SOON'; drillId: string; areaId: string; date: string; days: number }
	| { kind: 'AWAITING_SIGN_OFF'; drillId: string; areaId: string; date: string; days: number }

export type ReminderDrill = ComplianceDrill & { endedAt?: Date | null }

/**
 * What the safety manager should act on: missed plans, runs never finished, areas without a
 * plan this half-year (with the days left), plans within `soonDays`, drills awaiting sign-off.
 * `days` is days late for overdue items and days left otherwise.
 */
export function drillReminders(
	areas: readonly (ComplianceArea & { archivedAt: Date | null })[],
	drills: readonly ReminderDrill[],
	now: Date,
	soonDays = 14,
): DrillReminder[] {
	const today = shanghaiDate(now)
	const current = halfYearOf(now)
	const live = new Set(areas.filter((a) => !a.archivedAt).map((a) => a.id))
	const out: DrillReminder[] = []
	for (const d of drills) {
		if (!live.has(d.areaId)) continue
		if (d.status === 'PLANNED') {
			const days = daysBetween(today, d.plannedDate)
			if (days < 0) out.push({ kind: 'PLAN_OVERDUE', drillId: d.id, areaId: d.areaId, date: d.plannedDate, days: -days })
			else if (days <= soonDays) out.push({ kind: 'PLAN_SOON', drillId: d.id, areaId: d.areaId, date: d.plannedDate, days })
		} else if (d.status === 'RUNNING' && d.alarmAt) {
			const date = shanghaiDate(d.alarmAt)
			if (date < today) out.push({ kind: 'RUN_UNFINISHED', drillId: d.id, areaId: d.areaId, date, days: daysBetween(date, today) })
		} else if (d.status === 'EVALUATING' && d.alarmAt) {
			const date = shanghaiDate(d.alarmAt)
			out.push({ kind: 'AWAITING_SIGN_OFF', drillId: d.id, areaId: d.areaId, date, days: daysBetween(date, today) })
		}
	}
	const periodEnd = lastDayOfHalfYear(current)
	for (const a of areas) {
		if (a.archivedAt) continue
		if (areaPeriodStatus(a, drills, current, now).status === 'DUE')
			out.push({ kind: 'AREA_UNPLANNED', areaId: a.id, date: periodEnd, days: daysBetween(today, periodEnd) })
	}
	const order: Record<DrillReminder['kind'], number> = { PLAN_OVERDUE: 0, RUN_UNFINISHED: 1, AREA_UNPLANNED: 2, PLAN_SOON: 3, AWAITING_SIGN_OFF: 4 }
	return out.sort((a, b) => order[a.kind] - order[b.kind] || a.date.localeCompare(b.date))
}

/** A bulk plan's default date: two weeks ahead, but inside the half-year. */
export function defaultPlanDate(now: Date): string {
	const today = shanghaiDate(now)
	const last = lastDayOfHalfYear(halfYearOf(now))
	const two = addDays(today, 14)
	return two <= last ? two : last
}

// ── Run: stopwatch marks ──────────────────────────────────────────────────────────────────

export const MARKS = ['alarm', 'clear', 'assembled'] as const
export type Mark = (typeof MARKS)[number]
export const MARK_FIELD = { alarm: 'alarmAt', clear: 'clearedAt', assembled: 'assembledAt' } as const

/** How long a phone may hold a queued mark and still have it accepted. */
export const MAX_MARK_AGE_MS = 12 * 60 * 60 * 1000

/**
 * The instant of a tap. The phone sends how long ago (by its own clock) the tap happened;
 * subtracting that from the server's clock removes any error in the phone's clock. No age
 * (a plain form post without JavaScript) means "now".
 */
export function markInstant(now: Date, ageMs: number | null): Date | null {
	if (ageMs === null) return now
	if (!Number.isFinite(ageMs) || ageMs < 0 || ageMs > MAX_MARK_AGE_MS) return null
	return new Date(now.getTime() - Math.round(ageMs))
}

export type MarkState = { status: string; alarmAt: Date | null; clearedAt: Date | null; assembledAt: Date | null }

export type MarkCheck =
	| { ok: true; field: (typeof MARK_FIELD)[Mark]; transition: boolean }
	| { ok: true; already: Date }
	| { ok: false; key: string }

/**
 * Whether `mark` may be recorded at `at`. A mark is written once: a retried request for a mark
 * already stored answers with the stored time (the offline queue may send twice).
 */
export function checkMark(d: MarkState, mark: Mark, at: Date): MarkCheck {
	const field = MARK_FIELD[mark]
	const existing = d[field]
	if (existing) return { ok: true, already: existing }
	if (mark === 'alarm') {
		if (!canTransition(d.status, 'RUNNING')) return { ok: false, key: 'drills:errors.notInStatus' }
		return { ok: true, field, transition: true }
	}
	if (d.status !== 'RUNNING' || !d.alarmAt) return { ok: false, key: 'drills:errors.notInStatus' }
	if (at < d.alarmAt) return { ok: false, key: 'drills:errors.beforeAlarm' }
	return { ok: true, field, transition: false }
}

export type FinishState = MarkState & { kind: string; form: string; headcountAccounted: number | null }

/** What is still missing before a run may be finished (i18n keys). */
export function finishProblems(d: FinishState): string[] {
	const out: string[] = []
	if (!d.alarmAt) out.push('drills:errors.noAlarm')
	if (d.kind === 'EVACUATION' && d.form === 'LIVE') {
		if (!d.assembledAt) out.push('drills:errors.noAssembled')
		if (d.headcountAccounted === null) out.push('drills:errors.noHeadcount')
	}
	return out
}

export type SignOffState = { problems: string; lessons: string; improvements: string; evaluatorId: string | null }

/** What is still missing before the evaluator may sign off (i18n keys, with the field). */
export function signOffProblems(d: SignOffState): { field: string; key: string }[] {
	const out: { field: string; key: string }[] = []
	for (const field of ['problems', 'lessons', 'improvements'] as const) {
		if (!d[field].trim()) out.push({ field, key: 'drills:errors.evaluationIncomplete' })
	}
	if (!d.evaluatorId) out.push({ field: 'evaluatorId', key: 'drills:errors.noEvaluator' })
	return out
}

/** Stopwatch text: m:ss under an hour, h:mm:ss beyond. */
export function formatElapsed(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000))
	const h = Math.floor(total / 3600)
	const m = Math.floor((total % 3600) / 60)
	const s = total % 60
	const ss = String(s).padStart(2, '0')
	return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** 'HH:mm:ss' in Shanghai, for stopwatch marks. */
export function shanghaiClock(d: Date): string {
	const shifted = new Date(d.getTime() + 8 * 60 * 60 * 1000)
	return shifted.toISOString().slice(11, 19)
}

export function elapsedBetween(from: Date | null, to: Date | null): number | null {
	return from && to ? to.getTime() - from.getTime() : null
}

// ── CSV ───────────────────────────────────────────────────────────────────────────────────

function csvCell(v: string | number | null | undefined): string {
	let s = v === null || v === undefined ? '' : String(v)
	// A cell starting with = + - @ would run as a formula in a spreadsheet.
	if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** RFC 4180 with a BOM so that spreadsheet programs read UTF-8 Chinese correctly. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
	return '\ufeff' + rows.map((r) => r.map(csvCell).join(',') + '\r\n').join('')
}
