/**
 * The aggregations behind the dashboards and reports. Every query counts in SQLite and returns
 * at most one row per enterprise and category (or per month), never the underlying rows, so a
 * city of 500 enterprises and 50,000 people costs a few hundred small rows in memory.
 *
 * Rules are those of the owning features, restated as SQL and held to them by tests:
 * hours (app/domain/learning/hours.ts requirementFor + training.server.ts ledgers), drill
 * compliance (app/domain/drills.ts areaPeriodStatus), credentials (app/domain/credentials.ts
 * credentialStatus), retraining (app/domain/retraining.ts OPEN_CASE_STATES).
 */
import { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { addDays } from '../calendar.ts'
import { AREA_KINDS, EMPLOYMENT_TYPES, type AreaKind, type EmploymentType } from '../constants.ts'
import { REMIND_DAYS } from '../credentials.ts'
import { firstDayOfHalfYear, lastDayOfHalfYear } from '../drills.ts'
import { DEFAULT_HOUR_RULE } from '../learning/hours.ts'
import { halfYearBounds, startOfShanghaiDay, type HalfYear } from '../time.ts'
import {
	AGE_BUCKETS,
	ageBucketBounds,
	AREA_STATUSES,
	CASE_STATES_OPEN,
	emptyFigures,
	VIOLATION_KINDS,
	type AreaStatus,
	type Figures,
	type OpenCaseState,
	type ViolationKind,
} from './figures.ts'
import type { Scope } from './scope.server.ts'

/** Instants are stored as ISO text with a +00:00 offset; bounds must be written the same way. */
export function sqlInstant(d: Date): string {
	return d.toISOString().replace('Z', '+00:00')
}

function n(v: unknown): number {
	if (typeof v === 'bigint') return Number(v)
	if (typeof v === 'number') return v
	if (typeof v === 'string' && v !== '') return Number(v)
	return 0
}

/**
 * `column` restricted to the enterprises of the scope. `rangeIndex`: for a region, keep SQLite
 * from seeking by enterprise (a unary + hides the column from the planner) so that it scans a
 * covering time-range index instead — with bound parameters it cannot see how narrow the range
 * is and would otherwise seek every enterprise's rows of all time.
 */
export function scopeFilter(scope: Scope, column: string, opts: { rangeIndex?: boolean } = {}): Prisma.Sql {
	const col = Prisma.raw(column)
	if (scope.kind === 'all') return Prisma.sql`1 = 1`
	if (scope.kind === 'enterprise') return Prisma.sql`${col} = ${scope.enterpriseId}`
	if (!scope.regionIds.length) return Prisma.sql`1 = 0`
	const target = opts.rangeIndex ? Prisma.raw(`+${column}`) : col
	return Prisma.sql`${target} IN (SELECT id FROM Enterprise WHERE regionId IN (${Prisma.join(scope.regionIds)}))`
}

const MANAGERIAL_ROLES = Prisma.sql`('PRINCIPAL', 'SAFETY_MANAGER')`
const OPEN_ASSIGNMENT = Prisma.sql`('ASSIGNED', 'IN_PROGRESS')`

/**
 * The SQL expression of a person's yearly requirement in seconds (hours.ts requirementFor):
 * principals and safety managers 48 h in their hiring year, 16 h after; workers 72 h / 20 h;
 * an enterprise's HourRule row overrides the defaults. Needs aliases p (Person) and h (HourRule,
 * left-joined on the person's enterprise: HOURS_JOINS).
 */
export function requiredSecondsSql(year: number): Prisma.Sql {
	const y = String(year)
	const d = DEFAULT_HOUR_RULE
	const managerial = Prisma.sql`EXISTS (SELECT 1 FROM User u JOIN UserRole r ON r.userId = u.id WHERE u.personId = p.id AND r.role IN ${MANAGERIAL_ROLES})`
	return Prisma.sql`(3600 * CASE WHEN ${managerial}
		THEN (CASE WHEN substr(p.hireDate, 1, 4) = ${y} THEN COALESCE(h.managerInitialHours, ${d.managerInitialHours}) ELSE COALESCE(h.managerAnnualHours, ${d.managerAnnualHours}) END)
		ELSE (CASE WHEN substr(p.hireDate, 1, 4) = ${y} THEN COALESCE(h.workerOnboardingHours, ${d.workerOnboardingHours}) ELSE COALESCE(h.workerAnnualHours, ${d.workerAnnualHours}) END)
	END)`
}

/**
 * Classroom seconds per person in [start, end) as the CTE `cl` (sessions of the person's own
 * enterprise, as training.server.ts counts them).
 */
export function classroomCte(scope: Scope, bounds: { start: Date; end: Date }): Prisma.Sql {
	return Prisma.sql`cl AS (
		SELECT a.personId AS personId, cs.enterpriseId AS enterpriseId, SUM(cs.minutes) * 60 AS s
		FROM Attendance a JOIN ClassroomSession cs ON cs.id = a.sessionId
		WHERE cs.startsAt >= ${sqlInstant(bounds.start)} AND cs.startsAt < ${sqlInstant(bounds.end)} AND ${scopeFilter(scope, 'cs.enterpriseId')}
		GROUP BY a.personId, cs.enterpriseId
	)`
}

/** The enterprise's hour rule (h) and the person's classroom seconds (cl) next to Person p. */
export const HOURS_JOINS = Prisma.sql`LEFT JOIN HourRule h ON h.enterpriseId = p.enterpriseId
	LEFT JOIN cl ON cl.personId = p.id AND cl.enterpriseId = p.enterpriseId`

/**
 * A person's credited seconds in a Shanghai year (training.server.ts ledgers): online study
 * booked to that year — a per-person seek in the covering index StudyRecord(enterpriseId, year,
 * personId, seconds), cheaper than a city-wide aggregate joined back — plus classroom time
 * from `cl`. Needs aliases p and cl (classroomCte + HOURS_JOINS).
 */
export function personSecondsSql(year: number): Prisma.Sql {
	return Prisma.sql`(COALESCE((SELECT SUM(s.seconds) FROM StudyRecord s WHERE s.enterpriseId = p.enterpriseId AND s.year = ${year} AND s.personId = p.id), 0) + COALESCE(cl.s, 0))`
}

/** A Shanghai calendar year as [start, end) instants. */
export function yearBounds(year: number): { start: Date; end: Date } {
	return { start: startOfShanghaiDay(`${year}-01-01`), end: startOfShanghaiDay(`${year + 1}-01-01`) }
}

export type CoverageRow = { enterpriseId: string; type: EmploymentType; people: number; meeting: number; seconds: number }

/** Current people per enterprise and employment type, and how many meet their hours rule. */
export async function coverageByEnterprise(scope: Scope, year: number): Promise<CoverageRow[]> {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		WITH ${classroomCte(scope, yearBounds(year))}
		SELECT enterpriseId, type, COUNT(*) AS people, SUM(done >= req) AS meeting, SUM(done) AS seconds FROM (
			SELECT p.enterpriseId AS enterpriseId, p.employmentType AS type, ${personSecondsSql(year)} AS done, ${requiredSecondsSql(year)} AS req
			FROM Person p ${HOURS_JOINS}
			WHERE p.dutyStatus != 'LEFT' AND ${scopeFilter(scope, 'p.enterpriseId')}
		) GROUP BY enterpriseId, type`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), type: r.type as EmploymentType, people: n(r.people), meeting: n(r.meeting), seconds: n(r.seconds) }))
}

export async function suspendedByEnterprise(scope: Scope): Promise<{ enterpriseId: string; suspended: number }[]> {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT enterpriseId, COUNT(*) AS c FROM Person WHERE dutyStatus = 'SUSPENDED' AND ${scopeFilter(scope, 'enterpriseId')} GROUP BY enterpriseId`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), suspended: n(r.c) }))
}

/** Open assignments past their due date (the due date itself is still in time), current people. */
export async function overdueByEnterprise(scope: Scope, today: string): Promise<{ enterpriseId: string; assignments: number; people: number }[]> {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT a.enterpriseId AS enterpriseId, COUNT(*) AS c, COUNT(DISTINCT a.personId) AS people
		FROM Assignment a JOIN Person p ON p.id = a.personId
		WHERE a.status IN ${OPEN_ASSIGNMENT} AND a.dueDate < ${today} AND p.dutyStatus != 'LEFT' AND ${scopeFilter(scope, 'a.enterpriseId')}
		GROUP BY a.enterpriseId`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), assignments: n(r.c), people: n(r.people) }))
}

/** Graded course exams (submitted or expired) and how many passed, in [start, end). */
export async function courseExamsByEnterprise(scope: Scope, start: Date, end: Date): Promise<{ enterpriseId: string; graded: number; passed: number }[]> {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT enterpriseId, COUNT(*) AS graded, SUM(passed) AS passed FROM ExamAttempt
		WHERE purpose = 'COURSE' AND passed IS NOT NULL AND submittedAt >= ${sqlInstant(start)} AND submittedAt < ${sqlInstant(end)}
			AND ${scopeFilter(scope, 'enterpriseId', { rangeIndex: true })}
		GROUP BY enterpriseId`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), graded: n(r.graded), passed: n(r.passed) }))
}

export type SpotCheckRow = { enterpriseId: string; graded: number; passed: number; failed: number; principalFailed: number }

/** Spot-check and competence examinees graded in [start, end) (逢查必考), by outcome. */
export async function spotChecksByEnterprise(scope: Scope, start: Date, end: Date): Promise<SpotCheckRow[]> {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT i.enterpriseId AS enterpriseId, COUNT(*) AS graded,
			SUM(x.status = 'PASSED') AS passed, SUM(x.status = 'FAILED') AS failed,
			SUM(x.status = 'FAILED' AND x.role = 'PRINCIPAL') AS principalFailed
		FROM SpotCheckExaminee x JOIN Inspection i ON i.id = x.inspectionId
		WHERE x.status IN ('PASSED', 'FAILED') AND x.gradedAt >= ${sqlInstant(start)} AND x.gradedAt < ${sqlInstant(end)}
			AND ${scopeFilter(scope, 'i.enterpriseId')}
		GROUP BY i.enterpriseId`
	return rows.map((r) => ({
		enterpriseId: String(r.enterpriseId),
		graded: n(r.graded),
		passed: n(r.passed),
		failed: n(r.failed),
		principalFailed: n(r.principalFailed),
	}))
}

/** Open retraining cases by state and age since opening (figures.ts AGE_BUCKETS). */
export async function openCasesByEnterprise(scope: Scope, now: Date): Promise<{ enterpriseId: string; state: OpenCaseState; bucket: number; count: number }[]> {
	const [b0, b1, b2] = ageBucketBounds(now).map(sqlInstant)
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT enterpriseId, state,
			CASE WHEN openedAt >= ${b0} THEN 0 WHEN openedAt >= ${b1} THEN 1 WHEN openedAt >= ${b2} THEN 2 ELSE 3 END AS bucket,
			COUNT(*) AS c
		FROM RetrainingCase
		WHERE state IN (${Prisma.join([...CASE_STATES_OPEN])}) AND ${scopeFilter(scope, 'enterpriseId')}
		GROUP BY enterpriseId, state, bucket`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), state: r.state as OpenCaseState, bucket: n(r.bucket), count: n(r.c) }))
}

/** Retraining cases opened and cleared in [start, end). */
export async function casesFlowByEnterprise(scope: Scope, start: Date, end: Date): Promise<{ enterpriseId: string; opened: number; cleared: number }[]> {
	const s = sqlInstant(start)
	const e = sqlInstant(end)
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT enterpriseId, SUM(openedAt >= ${s} AND openedAt < ${e}) AS opened, SUM(clearedAt IS NOT NULL AND clearedAt >= ${s} AND clearedAt < ${e}) AS cleared
		FROM RetrainingCase
		WHERE ((openedAt >= ${s} AND openedAt < ${e}) OR (clearedAt >= ${s} AND clearedAt < ${e})) AND ${scopeFilter(scope, 'enterpriseId')}
		GROUP BY enterpriseId`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), opened: n(r.opened), cleared: n(r.cleared) }))
}

/** Three-violations records by type that occurred in [start, end). */
export async function violationsByEnterprise(scope: Scope, start: Date, end: Date): Promise<{ enterpriseId: string; type: ViolationKind; count: number }[]> {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT enterpriseId, type, COUNT(*) AS c FROM Violation
		WHERE occurredAt >= ${sqlInstant(start)} AND occurredAt < ${sqlInstant(end)} AND ${scopeFilter(scope, 'enterpriseId')}
		GROUP BY enterpriseId, type`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), type: r.type as ViolationKind, count: n(r.c) }))
}

const LIVE_EVACUATION = Prisma.sql`d.kind = 'EVACUATION' AND d.form = 'LIVE'`

/**
 * The drill status of every area in a half-year, as SQL over the area's drills — the rule of
 * drills.ts areaPeriodStatus: DONE when a live evacuation drill ran to completion in the period;
 * otherwise NOT_APPLICABLE when the area did not exist for the period; OVERDUE once the period
 * ended, or when every plan's date has passed; SCHEDULED with a plan to come (or a drill
 * running); DUE while the period runs with nothing planned; NOT_APPLICABLE before it starts.
 * Needs alias a (Area).
 */
export function areaStatusSql(period: HalfYear, now: Date, today: string): Prisma.Sql {
	const { start, end } = halfYearBounds(period)
	const s = sqlInstant(start)
	const e = sqlInstant(end)
	const first = firstDayOfHalfYear(period)
	const last = lastDayOfHalfYear(period)
	const inPeriod = Prisma.sql`((d.status = 'RUNNING' AND d.alarmAt IS NOT NULL AND d.alarmAt >= ${s} AND d.alarmAt < ${e})
		OR ((d.status = 'PLANNED' OR d.alarmAt IS NULL) AND d.plannedDate >= ${first} AND d.plannedDate <= ${last}))`
	const ended = now >= end ? 1 : 0
	const started = now >= start ? 1 : 0
	return Prisma.sql`CASE
		WHEN EXISTS (SELECT 1 FROM Drill d WHERE d.areaId = a.id AND ${LIVE_EVACUATION} AND d.status IN ('EVALUATING', 'CLOSED') AND d.alarmAt >= ${s} AND d.alarmAt < ${e}) THEN 'DONE'
		WHEN NOT (a.createdAt < ${e} AND (a.archivedAt IS NULL OR a.archivedAt >= ${e})) THEN 'NOT_APPLICABLE'
		WHEN ${ended} = 1 THEN 'OVERDUE'
		WHEN EXISTS (SELECT 1 FROM Drill d WHERE d.areaId = a.id AND ${LIVE_EVACUATION} AND d.status IN ('PLANNED', 'RUNNING') AND ${inPeriod}
			AND (d.status = 'RUNNING' OR d.plannedDate >= ${today})) THEN 'SCHEDULED'
		WHEN EXISTS (SELECT 1 FROM Drill d WHERE d.areaId = a.id AND ${LIVE_EVACUATION} AND d.status IN ('PLANNED', 'RUNNING') AND ${inPeriod}) THEN 'OVERDUE'
		WHEN ${started} = 0 THEN 'NOT_APPLICABLE'
		ELSE 'DUE'
	END`
}

export async function drillStatusByEnterprise(
	scope: Scope,
	period: HalfYear,
	now: Date,
	today: string,
): Promise<{ enterpriseId: string; kind: AreaKind; status: AreaStatus; count: number }[]> {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT enterpriseId, kind, status, COUNT(*) AS c FROM (
			SELECT a.enterpriseId AS enterpriseId, a.kind AS kind, ${areaStatusSql(period, now, today)} AS status
			FROM Area a WHERE ${scopeFilter(scope, 'a.enterpriseId')}
		) GROUP BY enterpriseId, kind, status`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), kind: r.kind as AreaKind, status: r.status as AreaStatus, count: n(r.c) }))
}

/** Completed live evacuation drills whose alarm sounded in [start, end). */
export async function drillsDoneByEnterprise(scope: Scope, start: Date, end: Date): Promise<{ enterpriseId: string; count: number }[]> {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT d.enterpriseId AS enterpriseId, COUNT(*) AS c FROM Drill d
		WHERE ${LIVE_EVACUATION} AND d.status IN ('EVALUATING', 'CLOSED') AND d.alarmAt >= ${sqlInstant(start)} AND d.alarmAt < ${sqlInstant(end)}
			AND ${scopeFilter(scope, 'd.enterpriseId')}
		GROUP BY d.enterpriseId`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), count: n(r.c) }))
}

/**
 * A credential's state on `today`, as SQL (credentials.ts credentialStatus): expiry outranks
 * review; a review date on or after the expiry is ignored; reminders start REMIND_DAYS ahead.
 * Needs alias c (Credential).
 */
export function credentialStateSql(today: string): Prisma.Sql {
	const soon = addDays(today, REMIND_DAYS)
	const review = Prisma.sql`(c.nextReviewDate IS NOT NULL AND c.nextReviewDate < c.expiryDate)`
	return Prisma.sql`CASE
		WHEN c.expiryDate < ${today} THEN 'EXPIRED'
		WHEN ${review} AND c.nextReviewDate < ${today} THEN 'REVIEW_OVERDUE'
		WHEN ${review} AND c.nextReviewDate <= ${soon} THEN 'REVIEW_DUE'
		WHEN c.expiryDate <= ${soon} THEN 'EXPIRING'
		ELSE 'VALID'
	END`
}

/** A valid credential on `today` (not expired, review not overdue). Needs alias c. */
function credentialValidSql(today: string): Prisma.Sql {
	return Prisma.sql`(c.expiryDate >= ${today} AND NOT (c.nextReviewDate IS NOT NULL AND c.nextReviewDate < c.expiryDate AND c.nextReviewDate < ${today}))`
}

export async function credentialsByEnterprise(scope: Scope, today: string): Promise<{ enterpriseId: string; state: string; count: number }[]> {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT enterpriseId, state, COUNT(*) AS c FROM (
			SELECT c.enterpriseId AS enterpriseId, ${credentialStateSql(today)} AS state
			FROM Credential c JOIN Person p ON p.id = c.personId
			WHERE p.dutyStatus != 'LEFT' AND ${scopeFilter(scope, 'c.enterpriseId')}
		) WHERE state != 'VALID' GROUP BY enterpriseId, state`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), state: String(r.state), count: n(r.c) }))
}

/** Required credential types (持证上岗) current people hold no valid credential for. */
export async function uncertifiedByEnterprise(scope: Scope, today: string): Promise<{ enterpriseId: string; count: number }[]> {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT r.enterpriseId AS enterpriseId, COUNT(*) AS c FROM CredentialRequirement r JOIN Person p ON p.id = r.personId
		WHERE p.dutyStatus != 'LEFT' AND ${scopeFilter(scope, 'r.enterpriseId')}
			AND NOT EXISTS (SELECT 1 FROM Credential c WHERE c.personId = r.personId AND c.type = r.type AND ${credentialValidSql(today)})
		GROUP BY r.enterpriseId`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), count: n(r.c) }))
}

// ── Putting the rows together ─────────────────────────────────────────────────────────────

export type FigureInputs = {
	now: Date
	today: string
	year: number
	period: HalfYear
	previousPeriod: HalfYear
}

/** Every dashboard figure per enterprise of the scope (enterprises without data get zeros). */
export async function figuresByEnterprise(scope: Scope, enterpriseIds: readonly string[], x: FigureInputs): Promise<Map<string, Figures>> {
	const year = yearBounds(x.year)
	const [coverage, suspended, overdue, course, spot, cases, violations, drills, missed, credentials, uncertified] = await Promise.all([
		coverageByEnterprise(scope, x.year),
		suspendedByEnterprise(scope),
		overdueByEnterprise(scope, x.today),
		courseExamsByEnterprise(scope, year.start, year.end),
		spotChecksByEnterprise(scope, year.start, year.end),
		openCasesByEnterprise(scope, x.now),
		violationsByEnterprise(scope, year.start, year.end),
		drillStatusByEnterprise(scope, x.period, x.now, x.today),
		drillStatusByEnterprise(scope, x.previousPeriod, x.now, x.today),
		credentialsByEnterprise(scope, x.today),
		uncertifiedByEnterprise(scope, x.today),
	])
	const out = new Map<string, Figures>(enterpriseIds.map((id) => [id, emptyFigures()]))
	const f = (id: string) => out.get(id)
	for (const r of coverage) {
		const g = f(r.enterpriseId)
		if (g && (EMPLOYMENT_TYPES as readonly string[]).includes(r.type)) g.coverage[r.type] = { part: r.meeting, whole: r.people }
	}
	for (const r of suspended) {
		const g = f(r.enterpriseId)
		if (g) g.suspended = r.suspended
	}
	for (const r of overdue) {
		const g = f(r.enterpriseId)
		if (g) {
			g.overdueAssignments = r.assignments
			g.overduePeople = r.people
		}
	}
	for (const r of course) {
		const g = f(r.enterpriseId)
		if (g) g.courseExams = { graded: r.graded, passed: r.passed }
	}
	for (const r of spot) {
		const g = f(r.enterpriseId)
		if (g) g.spotChecks = { graded: r.graded, passed: r.passed, failed: r.failed, principalFailed: r.principalFailed }
	}
	for (const r of cases) {
		const g = f(r.enterpriseId)
		const bucket = AGE_BUCKETS[r.bucket]
		if (g && bucket && g.openCases[r.state]) g.openCases[r.state][bucket] += r.count
	}
	for (const r of violations) {
		const g = f(r.enterpriseId)
		if (g && (VIOLATION_KINDS as readonly string[]).includes(r.type)) g.violations[r.type] += r.count
	}
	for (const r of drills) {
		const g = f(r.enterpriseId)
		if (g && (AREA_KINDS as readonly string[]).includes(r.kind) && (AREA_STATUSES as readonly string[]).includes(r.status)) g.drills[r.kind][r.status] += r.count
	}
	for (const r of missed) {
		const g = f(r.enterpriseId)
		if (g && r.status === 'OVERDUE') g.drillsMissedLastPeriod += r.count
	}
	for (const r of credentials) {
		const g = f(r.enterpriseId)
		if (!g) continue
		if (r.state === 'EXPIRED') g.credentials.expired += r.count
		else if (r.state === 'REVIEW_OVERDUE') g.credentials.reviewOverdue += r.count
		else if (r.state === 'REVIEW_DUE') g.credentials.reviewDue += r.count
		else if (r.state === 'EXPIRING') g.credentials.expiring += r.count
	}
	for (const r of uncertified) {
		const g = f(r.enterpriseId)
		if (g) g.credentials.uncertified = r.count
	}
	return out
}

// ── Trends by month ───────────────────────────────────────────────────────────────────────

export type MonthRow = { month: string; value: number }

const shMonth = (col: string) => Prisma.sql`strftime('%Y-%m', ${Prisma.raw(col)}, '+8 hours')`

export type TrendRows = {
	courseGraded: MonthRow[]
	coursePassed: MonthRow[]
	spotGraded: MonthRow[]
	spotFailed: MonthRow[]
	violations: MonthRow[]
	casesOpened: MonthRow[]
	drillsDone: MonthRow[]
}

/** Month counts over the scope since `start` (the first instant of the oldest month). */
export async function trendsByMonth(scope: Scope, start: Date): Promise<TrendRows> {
	const s = sqlInstant(start)
	type R = Record<string, unknown>[]
	const [course, spot, violations, cases, drills] = await Promise.all([
		db.$queryRaw<R>`SELECT ${shMonth('submittedAt')} AS month, COUNT(*) AS graded, SUM(passed) AS passed FROM ExamAttempt
			WHERE purpose = 'COURSE' AND passed IS NOT NULL AND submittedAt >= ${s} AND ${scopeFilter(scope, 'enterpriseId', { rangeIndex: true })} GROUP BY month`,
		db.$queryRaw<R>`SELECT ${shMonth('x.gradedAt')} AS month, COUNT(*) AS graded, SUM(x.status = 'FAILED') AS failed
			FROM SpotCheckExaminee x JOIN Inspection i ON i.id = x.inspectionId
			WHERE x.status IN ('PASSED', 'FAILED') AND x.gradedAt >= ${s} AND ${scopeFilter(scope, 'i.enterpriseId')} GROUP BY month`,
		db.$queryRaw<R>`SELECT ${shMonth('occurredAt')} AS month, COUNT(*) AS c FROM Violation
			WHERE occurredAt >= ${s} AND ${scopeFilter(scope, 'enterpriseId')} GROUP BY month`,
		db.$queryRaw<R>`SELECT ${shMonth('openedAt')} AS month, COUNT(*) AS c FROM RetrainingCase
			WHERE openedAt >= ${s} AND ${scopeFilter(scope, 'enterpriseId')} GROUP BY month`,
		db.$queryRaw<R>`SELECT ${shMonth('d.alarmAt')} AS month, COUNT(*) AS c FROM Drill d
			WHERE ${LIVE_EVACUATION} AND d.status IN ('EVALUATING', 'CLOSED') AND d.alarmAt >= ${s} AND ${scopeFilter(scope, 'd.enterpriseId')} GROUP BY month`,
	])
	const m = (rows: R, col: string) => rows.map((r) => ({ month: String(r.month), value: n(r[col]) }))
	return {
		courseGraded: m(course, 'graded'),
		coursePassed: m(course, 'passed'),
		spotGraded: m(spot, 'graded'),
		spotFailed: m(spot, 'failed'),
		violations: m(violations, 'c'),
		casesOpened: m(cases, 'c'),
		drillsDone: m(drills, 'c'),
	}
}
