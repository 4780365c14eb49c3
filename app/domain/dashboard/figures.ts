/**
 * Oversight figures, pure: the per-enterprise numbers every dashboard and report is built from,
 * how they add up (region totals, child-region breakdowns, report subtotals), the risk ranking
 * of enterprises and the month axis of the trends. No I/O and no clock: pass `now`.
 *
 * The database does the counting (app/domain/dashboard/queries.server.ts returns one row per
 * enterprise and category); everything here works on those small aggregated rows.
 */
import { CONTRACTOR_TYPES, EMPLOYMENT_TYPES, AREA_KINDS, type AreaKind, type EmploymentType } from '../constants.ts'
import { formatDateParts, halfYearBounds, parseDateString, shanghaiDateTimeParts, startOfShanghaiDay, type HalfYear } from '../time.ts'

export const CASE_STATES_OPEN = ['OPEN', 'TRAINING', 'READY_FOR_EXAM', 'ESCALATED'] as const
export type OpenCaseState = (typeof CASE_STATES_OPEN)[number]
export const VIOLATION_KINDS = ['COMMAND', 'OPERATION', 'DISCIPLINE'] as const
export type ViolationKind = (typeof VIOLATION_KINDS)[number]
/** Drill compliance of an area in a half-year (app/domain/drills.ts), problems first. */
export const AREA_STATUSES = ['OVERDUE', 'DUE', 'SCHEDULED', 'DONE', 'NOT_APPLICABLE'] as const
export type AreaStatus = (typeof AREA_STATUSES)[number]

/** Open retraining cases by age since opening: ≤ 7 days, 8–30, 31–90, > 90. */
export const AGE_BUCKET_DAYS = [7, 30, 90] as const
export const AGE_BUCKETS = ['D7', 'D30', 'D90', 'OLDER'] as const
export type AgeBucket = (typeof AGE_BUCKETS)[number]

/** A suspension rate at or above this share of current people is flagged as high. */
export const HIGH_SUSPENSION_RATE = 0.1

export type Ratio = { part: number; whole: number }

/** The numbers of one enterprise (or, summed, of a region). */
export type Figures = {
	/** Current people (not LEFT) and those meeting their yearly hours rule, per employment type. */
	coverage: Record<EmploymentType, Ratio>
	suspended: number
	overdueAssignments: number
	overduePeople: number
	courseExams: { graded: number; passed: number }
	spotChecks: { graded: number; passed: number; failed: number; principalFailed: number }
	openCases: Record<OpenCaseState, Record<AgeBucket, number>>
	violations: Record<ViolationKind, number>
	/** Areas by drill status in the current half-year, per area kind. */
	drills: Record<AreaKind, Record<AreaStatus, number>>
	/** Areas that ended the previous half-year without their drill. */
	drillsMissedLastPeriod: number
	credentials: { expired: number; reviewOverdue: number; expiring: number; reviewDue: number; uncertified: number }
}

function record<K extends string, V>(keys: readonly K[], make: () => V): Record<K, V> {
	return Object.fromEntries(keys.map((k) => [k, make()])) as Record<K, V>
}

export function emptyFigures(): Figures {
	return {
		coverage: record(EMPLOYMENT_TYPES, () => ({ part: 0, whole: 0 })),
		suspended: 0,
		overdueAssignments: 0,
		overduePeople: 0,
		courseExams: { graded: 0, passed: 0 },
		spotChecks: { graded: 0, passed: 0, failed: 0, principalFailed: 0 },
		openCases: record(CASE_STATES_OPEN, () => record(AGE_BUCKETS, () => 0)),
		violations: record(VIOLATION_KINDS, () => 0),
		drills: record(AREA_KINDS, () => record(AREA_STATUSES, () => 0)),
		drillsMissedLastPeriod: 0,
		credentials: { expired: 0, reviewOverdue: 0, expiring: 0, reviewDue: 0, uncertified: 0 },
	}
}

/** `into += add`, field by field (all figures are counts, so they simply add up). */
export function addFigures(into: Figures, add: Figures): Figures {
	for (const t of EMPLOYMENT_TYPES) {
		into.coverage[t].part += add.coverage[t].part
		into.coverage[t].whole += add.coverage[t].whole
	}
	into.suspended += add.suspended
	into.overdueAssignments += add.overdueAssignments
	into.overduePeople += add.overduePeople
	into.courseExams.graded += add.courseExams.graded
	into.courseExams.passed += add.courseExams.passed
	for (const k of ['graded', 'passed', 'failed', 'principalFailed'] as const) into.spotChecks[k] += add.spotChecks[k]
	for (const s of CASE_STATES_OPEN) for (const b of AGE_BUCKETS) into.openCases[s][b] += add.openCases[s][b]
	for (const v of VIOLATION_KINDS) into.violations[v] += add.violations[v]
	for (const k of AREA_KINDS) for (const s of AREA_STATUSES) into.drills[k][s] += add.drills[k][s]
	into.drillsMissedLastPeriod += add.drillsMissedLastPeriod
	for (const k of ['expired', 'reviewOverdue', 'expiring', 'reviewDue', 'uncertified'] as const) into.credentials[k] += add.credentials[k]
	return into
}

export function sumFigures(list: Iterable<Figures>): Figures {
	const out = emptyFigures()
	for (const f of list) addFigures(out, f)
	return out
}

/** Whole-number percentage, or null when there is nothing to divide by (shown as "—"). */
export function pct(part: number, whole: number): number | null {
	return whole > 0 ? Math.round((part / whole) * 100) : null
}

// ── Derived numbers ───────────────────────────────────────────────────────────────────────

export function isContractorType(t: string): boolean {
	return (CONTRACTOR_TYPES as readonly string[]).includes(t)
}

/** Coverage of own staff and of contractor staff (CONTRACTOR, OUTSOURCED), separately. */
export function coverageGroups(f: Figures): { staff: Ratio; contractors: Ratio; all: Ratio } {
	const staff = { part: 0, whole: 0 }
	const contractors = { part: 0, whole: 0 }
	for (const t of EMPLOYMENT_TYPES) {
		const g = isContractorType(t) ? contractors : staff
		g.part += f.coverage[t].part
		g.whole += f.coverage[t].whole
	}
	return { staff, contractors, all: { part: staff.part + contractors.part, whole: staff.whole + contractors.whole } }
}

export function peopleCount(f: Figures): number {
	return EMPLOYMENT_TYPES.reduce((n, t) => n + f.coverage[t].whole, 0)
}

export function openCaseCount(f: Figures): number {
	let n = 0
	for (const s of CASE_STATES_OPEN) for (const b of AGE_BUCKETS) n += f.openCases[s][b]
	return n
}

export function violationCount(f: Figures): number {
	return VIOLATION_KINDS.reduce((n, v) => n + f.violations[v], 0)
}

/** Areas by status over every kind; `required` are those the rule applies to this half-year. */
export function drillTotals(f: Figures): Record<AreaStatus, number> & { required: number } {
	const out = record(AREA_STATUSES, () => 0)
	for (const k of AREA_KINDS) for (const s of AREA_STATUSES) out[s] += f.drills[k][s]
	return { ...out, required: out.OVERDUE + out.DUE + out.SCHEDULED + out.DONE }
}

// ── Risk ranking ──────────────────────────────────────────────────────────────────────────

export type RiskSignals = {
	/** Principals who failed an on-site competence check this year (hidden-danger item 1). */
	principalFailed: number
	/** Areas overdue this half-year plus areas that missed last half-year's drill. */
	overdueDrills: number
	/** Expired credentials and credentials whose review is overdue (invalid for work). */
	invalidCredentials: number
	/** People whose work requires a credential they hold no valid one for (hidden-danger item 2). */
	uncertified: number
	suspended: number
	people: number
}

/**
 * Points per signal. A failed principal check and uncertified operators are major hidden
 * dangers in their own right (安监总管三〔2017〕121号 items 1 and 2), so they weigh most; a
 * missed drill weighs more than a lapsed credential; every 5 % of people suspended adds one.
 */
export const RISK_WEIGHTS = { principalFailed: 10, uncertified: 5, overdueDrills: 3, invalidCredentials: 2, suspensionPer5Pct: 1 } as const

export function riskSignals(f: Figures): RiskSignals {
	return {
		principalFailed: f.spotChecks.principalFailed,
		overdueDrills: drillTotals(f).OVERDUE + f.drillsMissedLastPeriod,
		invalidCredentials: f.credentials.expired + f.credentials.reviewOverdue,
		uncertified: f.credentials.uncertified,
		suspended: f.suspended,
		people: peopleCount(f),
	}
}

export function suspensionRate(s: Pick<RiskSignals, 'suspended' | 'people'>): number {
	return s.people > 0 ? s.suspended / s.people : 0
}

export function riskScore(s: RiskSignals): number {
	return (
		s.principalFailed * RISK_WEIGHTS.principalFailed +
		s.uncertified * RISK_WEIGHTS.uncertified +
		s.overdueDrills * RISK_WEIGHTS.overdueDrills +
		s.invalidCredentials * RISK_WEIGHTS.invalidCredentials +
		Math.floor((suspensionRate(s) * 100) / 5) * RISK_WEIGHTS.suspensionPer5Pct
	)
}

export type RiskFlag = 'PRINCIPAL_FAILED' | 'UNCERTIFIED' | 'OVERDUE_DRILLS' | 'INVALID_CREDENTIALS' | 'HIGH_SUSPENSION'

export function riskFlags(s: RiskSignals): RiskFlag[] {
	const out: RiskFlag[] = []
	if (s.principalFailed > 0) out.push('PRINCIPAL_FAILED')
	if (s.uncertified > 0) out.push('UNCERTIFIED')
	if (s.overdueDrills > 0) out.push('OVERDUE_DRILLS')
	if (s.invalidCredentials > 0) out.push('INVALID_CREDENTIALS')
	if (s.people > 0 && suspensionRate(s) >= HIGH_SUSPENSION_RATE) out.push('HIGH_SUSPENSION')
	return out
}

export type Ranked<E> = E & { signals: RiskSignals; score: number; flags: RiskFlag[] }

/**
 * Enterprises with at least one risk flag, highest score first; ties by more flags, then by
 * name (Chinese collation) so the order is stable.
 */
export function rankByRisk<E extends { name: string; figures: Figures }>(enterprises: readonly E[]): Ranked<E>[] {
	return enterprises
		.map((e) => {
			const signals = riskSignals(e.figures)
			return { ...e, signals, score: riskScore(signals), flags: riskFlags(signals) }
		})
		.filter((e) => e.flags.length > 0)
		.sort((a, b) => b.score - a.score || b.flags.length - a.flags.length || a.name.localeCompare(b.name, 'zh-CN'))
}

// ── Regions ───────────────────────────────────────────────────────────────────────────────

export type RegionNode = { id: string; parentId: string | null; name: string; nameEn: string; kind: string }

/** Root → … → region, for breadcrumbs; stops at `stopAt` (the actor's own region) if given. */
export function regionPath(regions: readonly RegionNode[], regionId: string, stopAt: string | null = null): RegionNode[] {
	const byId = new Map(regions.map((r) => [r.id, r]))
	const out: RegionNode[] = []
	let cur = byId.get(regionId)
	const seen = new Set<string>()
	while (cur && !seen.has(cur.id)) {
		seen.add(cur.id)
		out.unshift(cur)
		if (cur.id === stopAt) break
		cur = cur.parentId ? byId.get(cur.parentId) : undefined
	}
	return out
}

/**
 * Which child of `parentId` (or null when directly in it) each region belongs to: the
 * drill-down groups enterprises of a county's parks under the park.
 */
export function childOf(regions: readonly RegionNode[], parentId: string | null): Map<string, string | null> {
	const byId = new Map(regions.map((r) => [r.id, r]))
	const out = new Map<string, string | null>()
	for (const r of regions) {
		let cur: RegionNode | undefined = r
		const seen = new Set<string>()
		while (cur && cur.parentId !== parentId && !seen.has(cur.id)) {
			seen.add(cur.id)
			cur = cur.parentId ? byId.get(cur.parentId) : undefined
		}
		if (cur && cur.parentId === parentId) out.set(r.id, cur.id)
		if (r.id === parentId) out.set(r.id, null)
	}
	return out
}

export type Breakdown<E> = {
	children: { region: RegionNode; figures: Figures; enterprises: number }[]
	/** Enterprises registered directly in the region (not in a child region). */
	direct: E[]
}

/** The region's children with their summed figures, and the enterprises directly in it. */
export function breakdown<E extends { regionId: string; figures: Figures }>(
	regions: readonly RegionNode[],
	parentId: string | null,
	enterprises: readonly E[],
): Breakdown<E> {
	const owner = childOf(regions, parentId)
	const children = regions
		.filter((r) => r.parentId === parentId)
		.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
		.map((region) => ({ region, figures: emptyFigures(), enterprises: 0 }))
	const byChild = new Map(children.map((c) => [c.region.id, c]))
	const direct: E[] = []
	for (const e of enterprises) {
		const child = owner.get(e.regionId)
		const slot = child ? byChild.get(child) : undefined
		if (slot) {
			addFigures(slot.figures, e.figures)
			slot.enterprises++
		} else if (child === null) direct.push(e)
	}
	return { children, direct }
}

// ── Months (Asia/Shanghai) ────────────────────────────────────────────────────────────────

/** 'YYYY-MM' of the instant in Shanghai. */
export function monthKey(d: Date): string {
	const p = shanghaiDateTimeParts(d)
	return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}`
}

/** The `count` months ending with the current one, oldest first. */
export function lastMonths(now: Date, count = 12): string[] {
	const p = shanghaiDateTimeParts(now)
	const out: string[] = []
	for (let i = count - 1; i >= 0; i--) {
		const index = p.year * 12 + (p.month - 1) - i
		out.push(`${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`)
	}
	return out
}

/** 00:00 Shanghai on the first day of the month 'YYYY-MM', as an instant. */
export function monthStart(key: string): Date {
	return startOfShanghaiDay(`${key}-01`)
}

/** One value per month key (0 where the query returned nothing). */
export function fillMonths(keys: readonly string[], rows: readonly { month: string; value: number }[]): number[] {
	const by = new Map<string, number>()
	for (const r of rows) by.set(r.month, (by.get(r.month) ?? 0) + r.value)
	return keys.map((k) => by.get(k) ?? 0)
}

// ── Periods ───────────────────────────────────────────────────────────────────────────────

/** A report period: [from, to] as Shanghai calendar dates, both inclusive. */
export type Period = { from: string; to: string }

export function periodBounds(p: Period): { start: Date; end: Date } {
	const to = parseDateString(p.to)
	if (!to) throw new RangeError(`Not a YYYY-MM-DD date: ${p.to}`)
	const next = new Date(Date.UTC(to.year, to.month - 1, to.day + 1))
	return {
		start: startOfShanghaiDay(p.from),
		end: startOfShanghaiDay(formatDateParts({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() })),
	}
}

/** Calendar years the period touches (the hours rules are yearly). */
export function periodYears(p: Period): number[] {
	const a = Number(p.from.slice(0, 4))
	const b = Number(p.to.slice(0, 4))
	const out: number[] = []
	for (let y = a; y <= b; y++) out.push(y)
	return out
}

/** Half-years wholly or partly inside the period, oldest first. */
export function periodHalfYears(p: Period): HalfYear[] {
	const out: HalfYear[] = []
	for (const year of periodYears(p)) {
		for (const half of [1, 2] as const) {
			const h = { year, half }
			const { start, end } = halfYearBounds(h)
			const { start: ps, end: pe } = periodBounds(p)
			if (start < pe && end > ps) out.push(h)
		}
	}
	return out
}

/** The instant bounds of the open-case age buckets at `now`: openedAt ≥ bound[i] → bucket i. */
export function ageBucketBounds(now: Date): Date[] {
	return AGE_BUCKET_DAYS.map((d) => new Date(now.getTime() - d * 86_400_000))
}

export function ageBucket(openedAt: Date, now: Date): AgeBucket {
	const bounds = ageBucketBounds(now)
	const i = bounds.findIndex((b) => openedAt >= b)
	return AGE_BUCKETS[i === -1 ? AGE_BUCKETS.length - 1 : i]!
}

// ── Compact rows for lists (drill-down, ranking) ──────────────────────────────────────────

export type Summary = {
	people: number
	coverage: number | null
	staffCoverage: number | null
	contractorCoverage: number | null
	overduePeople: number
	suspended: number
	suspensionRate: number | null
	coursePassRate: number | null
	spotFailed: number
	principalFailed: number
	openCases: number
	violations: number
	drillsRequired: number
	drillsDone: number
	drillsOverdue: number
	drillsMissed: number
	drillsByKind: Record<AreaKind, { required: number; done: number }>
	invalidCredentials: number
	expiring: number
	uncertified: number
	score: number
}

export function summarize(f: Figures): Summary {
	const c = coverageGroups(f)
	const d = drillTotals(f)
	const s = riskSignals(f)
	const byKind = record(AREA_KINDS, () => ({ required: 0, done: 0 }))
	for (const k of AREA_KINDS) {
		const x = f.drills[k]
		byKind[k] = { required: x.OVERDUE + x.DUE + x.SCHEDULED + x.DONE, done: x.DONE }
	}
	return {
		people: c.all.whole,
		coverage: pct(c.all.part, c.all.whole),
		staffCoverage: pct(c.staff.part, c.staff.whole),
		contractorCoverage: pct(c.contractors.part, c.contractors.whole),
		overduePeople: f.overduePeople,
		suspended: f.suspended,
		suspensionRate: pct(f.suspended, c.all.whole),
		coursePassRate: pct(f.courseExams.passed, f.courseExams.graded),
		spotFailed: f.spotChecks.failed,
		principalFailed: f.spotChecks.principalFailed,
		openCases: openCaseCount(f),
		violations: violationCount(f),
		drillsRequired: d.required,
		drillsDone: d.DONE,
		drillsOverdue: d.OVERDUE,
		drillsMissed: f.drillsMissedLastPeriod,
		drillsByKind: byKind,
		invalidCredentials: s.invalidCredentials,
		expiring: f.credentials.expiring + f.credentials.reviewDue,
		uncertified: f.credentials.uncertified,
		score: riskScore(s),
	}
}

/** How the enterprise list behind a region figure is ordered: worst first. */
export const ENTERPRISE_SORTS = [
	'risk',
	'coverage',
	'contractors',
	'overdue',
	'exams',
	'spotChecks',
	'principal',
	'cases',
	'suspended',
	'violations',
	'drills',
	'credentials',
	'expiring',
	'uncertified',
] as const
export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number]

/** The figures of an enterprise that open the list of its people behind them. */
export const PEOPLE_FIGURES = ['overdue', 'notMeeting', 'suspended', 'openCases', 'failedCourse', 'failedChecks', 'violations', 'credentials', 'uncertified'] as const
export type PeopleFigure = (typeof PEOPLE_FIGURES)[number]

/** The number a sort ranks by and whether lower is worse (rates) or higher is (counts). */
export function sortValue(s: Summary, sort: EnterpriseSort): { value: number | null; lowerIsWorse: boolean } {
	switch (sort) {
		case 'risk':
			return { value: s.score, lowerIsWorse: false }
		case 'coverage':
			return { value: s.coverage, lowerIsWorse: true }
		case 'contractors':
			return { value: s.contractorCoverage, lowerIsWorse: true }
		case 'overdue':
			return { value: s.overduePeople, lowerIsWorse: false }
		case 'exams':
			return { value: s.coursePassRate, lowerIsWorse: true }
		case 'spotChecks':
			return { value: s.spotFailed, lowerIsWorse: false }
		case 'principal':
			return { value: s.principalFailed, lowerIsWorse: false }
		case 'cases':
			return { value: s.openCases, lowerIsWorse: false }
		case 'suspended':
			return { value: s.suspensionRate, lowerIsWorse: false }
		case 'violations':
			return { value: s.violations, lowerIsWorse: false }
		case 'drills':
			return { value: s.drillsOverdue + s.drillsMissed, lowerIsWorse: false }
		case 'credentials':
			return { value: s.invalidCredentials, lowerIsWorse: false }
		case 'expiring':
			return { value: s.expiring, lowerIsWorse: false }
		case 'uncertified':
			return { value: s.uncertified, lowerIsWorse: false }
	}
}

/** Worst first; enterprises without a value for the figure (no people, no exams) last; then by name. */
export function sortEnterprises<E extends { name: string; summary: Summary }>(list: readonly E[], sort: EnterpriseSort): E[] {
	return [...list].sort((a, b) => {
		const x = sortValue(a.summary, sort)
		const y = sortValue(b.summary, sort)
		if (x.value === null || y.value === null) {
			if (x.value !== y.value) return x.value === null ? 1 : -1
		} else if (x.value !== y.value) return x.lowerIsWorse ? x.value - y.value : y.value - x.value
		return a.name.localeCompare(b.name, 'zh-CN')
	})
}
