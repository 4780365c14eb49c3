/**
 * The oversight dashboards: a region (city → county → park) for bureau staff, one enterprise
 * for its principal and safety managers (and for bureau staff who drill down to it), and the
 * people behind each figure. Figures are computed per enterprise by the SQL in
 * ./queries.server.ts and added up here.
 */
import { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { getEnterpriseCompliance } from '../drills.server.ts'
import type { Actor } from '../policy.ts'
import { halfYearKey, halfYearOf, previousHalfYear, shanghaiDate, shanghaiYear } from '../time.ts'
import {
	breakdown,
	lastMonths,
	monthStart,
	fillMonths,
	rankByRisk,
	regionPath,
	riskFlags,
	riskScore,
	riskSignals,
	sortEnterprises,
	sumFigures,
	summarize,
	type Figures,
} from './figures.ts'
import {
	credentialStateSql,
	figuresByEnterprise,
	classroomCte,
	HOURS_JOINS,
	personSecondsSql,
	requiredSecondsSql,
	sqlInstant,
	trendsByMonth,
	yearBounds,
	type FigureInputs,
} from './queries.server.ts'
import { ENTERPRISE_PAGE_SIZE, PEOPLE_PAGE_SIZE, type EnterpriseListQuery, type PeopleListQuery, type PeopleRow } from './lists.server.ts'
import { isBureau, resolveEnterprise, resolveRegionScope, type RegionScope, type Scope } from './scope.server.ts'

export function figureInputs(now: Date): FigureInputs {
	const period = halfYearOf(now)
	return { now, today: shanghaiDate(now), year: shanghaiYear(now), period, previousPeriod: previousHalfYear(period) }
}

export const RANKING_SIZE = 10

async function trends(scope: Scope, now: Date) {
	const months = lastMonths(now, 12)
	const rows = await trendsByMonth(scope, monthStart(months[0]!))
	return {
		months,
		courseGraded: fillMonths(months, rows.courseGraded),
		coursePassed: fillMonths(months, rows.coursePassed),
		spotGraded: fillMonths(months, rows.spotGraded),
		spotFailed: fillMonths(months, rows.spotFailed),
		violations: fillMonths(months, rows.violations),
		casesOpened: fillMonths(months, rows.casesOpened),
		drillsDone: fillMonths(months, rows.drillsDone),
	}
}
export type Trends = Awaited<ReturnType<typeof trends>>

function periodInfo(x: FigureInputs) {
	return { year: x.year, period: halfYearKey(x.period), previousPeriod: halfYearKey(x.previousPeriod), today: x.today }
}

/** Every enterprise of a bureau user's (narrowed) region scope with its figures. */
async function scopeFigures(rs: RegionScope, x: FigureInputs) {
	const where: Prisma.EnterpriseWhereInput =
		rs.scope.kind === 'all' ? {} : rs.scope.kind === 'regions' ? { regionId: { in: rs.scope.regionIds } } : { id: rs.scope.enterpriseId }
	const enterprises = await db.enterprise.findMany({ where, select: { id: true, name: true, regionId: true }, orderBy: { name: 'asc' } })
	const byEnterprise = await figuresByEnterprise(rs.scope, enterprises.map((e) => e.id), x)
	return enterprises.map((e) => ({ ...e, figures: byEnterprise.get(e.id)! }))
}

/** The region dashboard of a bureau user: `regionId` narrows it (drill-down), within scope only. */
export async function getRegionDashboard(actor: Actor, regionId: string | null, now = new Date()) {
	const x = figureInputs(now)
	const rs = await resolveRegionScope(actor, regionId)
	const [enterprises, trend] = await Promise.all([scopeFigures(rs, x), trends(rs.scope, now)])
	const totals = sumFigures(enterprises.map((e) => e.figures))
	const split = breakdown(rs.regions, rs.region?.id ?? null, enterprises)
	const regionName = new Map(rs.regions.map((r) => [r.id, { name: r.name, nameEn: r.nameEn }]))
	const ranked = rankByRisk(enterprises)
	return {
		...periodInfo(x),
		region: rs.region,
		path: rs.path,
		enterpriseCount: enterprises.length,
		totals,
		summary: summarize(totals),
		children: split.children.map((c) => ({ region: c.region, enterprises: c.enterprises, summary: summarize(c.figures) })),
		direct: split.direct.map((e) => ({ id: e.id, name: e.name, summary: summarize(e.figures) })),
		ranking: ranked.slice(0, RANKING_SIZE).map((e) => ({
			id: e.id,
			name: e.name,
			region: regionName.get(e.regionId) ?? null,
			score: e.score,
			flags: e.flags,
			signals: e.signals,
		})),
		trends: trend,
	}
}
export type RegionDashboard = Awaited<ReturnType<typeof getRegionDashboard>>

/** The enterprises behind a region figure, worst first, a page at a time (the full ranking with sort=risk). */
export async function listEnterprisesByFigure(actor: Actor, q: EnterpriseListQuery, now = new Date()) {
	const x = figureInputs(now)
	const rs = await resolveRegionScope(actor, q.region ?? null)
	const enterprises = await scopeFigures(rs, x)
	const regionName = new Map(rs.regions.map((r) => [r.id, { name: r.name, nameEn: r.nameEn }]))
	const sorted = sortEnterprises(
		enterprises.map((e) => ({ id: e.id, name: e.name, region: regionName.get(e.regionId) ?? null, summary: summarize(e.figures), flags: riskFlags(riskSignals(e.figures)) })),
		q.sort,
	)
	const page = q.page ?? 1
	return {
		...periodInfo(x),
		region: rs.region,
		path: rs.path,
		sort: q.sort,
		page,
		pages: Math.max(1, Math.ceil(sorted.length / ENTERPRISE_PAGE_SIZE)),
		total: sorted.length,
		enterprises: sorted.slice((page - 1) * ENTERPRISE_PAGE_SIZE, page * ENTERPRISE_PAGE_SIZE),
	}
}

/** One enterprise's dashboard (its managers, or bureau staff within their region). */
export async function getEnterpriseDashboard(actor: Actor, enterpriseId: string, now = new Date()) {
	const e = await resolveEnterprise(actor, enterpriseId)
	const x = figureInputs(now)
	const scope: Scope = { kind: 'enterprise', enterpriseId: e.id }
	const [byEnterprise, trend, compliance, regions] = await Promise.all([
		figuresByEnterprise(scope, [e.id], x),
		trends(scope, now),
		getEnterpriseCompliance(actor, e.id, now),
		isBureau(actor) ? db.region.findMany({ select: { id: true, parentId: true, name: true, nameEn: true, kind: true } }) : Promise.resolve([]),
	])
	const figures: Figures = byEnterprise.get(e.id)!
	const signals = riskSignals(figures)
	// Breadcrumbs back up the drill-down, from the actor's own region (all regions for an admin).
	const path = isBureau(actor) ? regionPath(regions, e.regionId, actor.regionId).filter((r) => !actor.regionId || actor.regionIds.includes(r.id)) : []
	return {
		...periodInfo(x),
		enterprise: e,
		bureau: isBureau(actor),
		path,
		figures,
		signals,
		score: riskScore(signals),
		flags: riskFlags(signals),
		matrix: {
			periods: compliance.periods,
			rows: compliance.rows.map((r) => ({ area: r.area, cells: r.cells.map((c) => ({ status: c.status, drillId: c.drillId, date: c.date })) })),
		},
		trends: trend,
	}
}
export type EnterpriseDashboard = Awaited<ReturnType<typeof getEnterpriseDashboard>>

/** A small summary for the principal's and safety manager's home page. */
export async function getEnterpriseHeadline(enterpriseId: string, now = new Date()) {
	const x = figureInputs(now)
	const f = (await figuresByEnterprise({ kind: 'enterprise', enterpriseId }, [enterpriseId], x)).get(enterpriseId)!
	return { year: x.year, ...summarize(f) }
}

// ── The people behind a figure ────────────────────────────────────────────────────────────

function str(v: unknown): string | null {
	return v === null || v === undefined ? null : String(v)
}
function num(v: unknown): number | null {
	if (v === null || v === undefined) return null
	return typeof v === 'bigint' ? Number(v) : Number(v)
}

function groupSql(group: PeopleListQuery['group']): Prisma.Sql {
	if (group === 'contractors') return Prisma.sql`AND p.employmentType IN ('CONTRACTOR', 'OUTSOURCED')`
	if (group === 'staff') return Prisma.sql`AND p.employmentType NOT IN ('CONTRACTOR', 'OUTSOURCED')`
	return Prisma.empty
}

const PERSON_COLUMNS = Prisma.sql`p.id AS personId, p.name AS name, p.employmentType AS employmentType, dep.name AS department, p.post AS post, p.dutyStatus AS dutyStatus`
const DEPARTMENT_JOIN = Prisma.sql`LEFT JOIN Department dep ON dep.id = p.departmentId`

/**
 * The rows behind a figure of one enterprise's dashboard, a page at a time. Each figure is a
 * SQL query of the same rule as the count on the dashboard, so the list and the number agree.
 */
export async function listFigurePeople(actor: Actor, enterpriseId: string, q: PeopleListQuery, now = new Date()) {
	const e = await resolveEnterprise(actor, enterpriseId)
	const x = figureInputs(now)
	const page = q.page ?? 1
	const limit = PEOPLE_PAGE_SIZE
	const offset = (page - 1) * limit
	const eid = e.id
	const grp = groupSql(q.group)
	const typeSql = q.type ? Prisma.sql`AND v.type = ${q.type}` : Prisma.empty
	let body: Prisma.Sql
	let order: Prisma.Sql
	switch (q.figure) {
		case 'overdue':
			body = Prisma.sql`SELECT ${PERSON_COLUMNS}, COUNT(*) AS count, MIN(a.dueDate) AS date, NULL AS code, NULL AS hours, NULL AS requiredHours, NULL AS score
				FROM Assignment a JOIN Person p ON p.id = a.personId ${DEPARTMENT_JOIN}
				WHERE a.enterpriseId = ${eid} AND a.status IN ('ASSIGNED', 'IN_PROGRESS') AND a.dueDate < ${x.today} AND p.dutyStatus != 'LEFT' ${grp}
				GROUP BY p.id`
			order = Prisma.sql`count DESC, date ASC, name ASC`
			break
		case 'notMeeting':
			body = Prisma.sql`WITH ${classroomCte({ kind: 'enterprise', enterpriseId: eid }, yearBounds(x.year))}
				SELECT ${PERSON_COLUMNS}, NULL AS count, NULL AS date, NULL AS code, done / 3600.0 AS hours, req / 3600 AS requiredHours, NULL AS score FROM (
					SELECT p.*, ${personSecondsSql(x.year)} AS done, ${requiredSecondsSql(x.year)} AS req
					FROM Person p ${HOURS_JOINS}
					WHERE p.enterpriseId = ${eid} AND p.dutyStatus != 'LEFT'
				) AS p ${DEPARTMENT_JOIN}
				WHERE done < req ${grp}`
			order = Prisma.sql`(hours / NULLIF(requiredHours, 0)) ASC, name ASC`
			break
		case 'suspended':
			body = Prisma.sql`SELECT ${PERSON_COLUMNS},
					(SELECT COUNT(*) FROM RetrainingCase rc WHERE rc.personId = p.id AND rc.state IN ('OPEN', 'TRAINING', 'READY_FOR_EXAM', 'ESCALATED')) AS count,
					NULL AS date, NULL AS code, NULL AS hours, NULL AS requiredHours, NULL AS score
				FROM Person p ${DEPARTMENT_JOIN}
				WHERE p.enterpriseId = ${eid} AND p.dutyStatus = 'SUSPENDED' ${grp}`
			order = Prisma.sql`name ASC`
			break
		case 'openCases':
			body = Prisma.sql`SELECT ${PERSON_COLUMNS}, NULL AS count, strftime('%Y-%m-%d', rc.openedAt, '+8 hours') AS date, rc.state AS code, NULL AS hours, NULL AS requiredHours, NULL AS score
				FROM RetrainingCase rc JOIN Person p ON p.id = rc.personId ${DEPARTMENT_JOIN}
				WHERE rc.enterpriseId = ${eid} AND rc.state IN ('OPEN', 'TRAINING', 'READY_FOR_EXAM', 'ESCALATED') ${grp}`
			order = Prisma.sql`date ASC, name ASC`
			break
		case 'credentials':
			body = Prisma.sql`SELECT personId, name, employmentType, department, post, dutyStatus, NULL AS count,
					CASE WHEN state IN ('REVIEW_OVERDUE', 'REVIEW_DUE') THEN nextReviewDate ELSE expiryDate END AS date,
					state || ':' || type AS code, NULL AS hours, NULL AS requiredHours, NULL AS score
				FROM (
					SELECT ${PERSON_COLUMNS}, c.type AS type, c.expiryDate AS expiryDate, c.nextReviewDate AS nextReviewDate, ${credentialStateSql(x.today)} AS state
					FROM Credential c JOIN Person p ON p.id = c.personId ${DEPARTMENT_JOIN}
					WHERE c.enterpriseId = ${eid} AND p.dutyStatus != 'LEFT' ${grp}
				) WHERE state != 'VALID'`
			order = Prisma.sql`date ASC, name ASC`
			break
		case 'uncertified':
			body = Prisma.sql`SELECT ${PERSON_COLUMNS}, NULL AS count, NULL AS date, r.type AS code, NULL AS hours, NULL AS requiredHours, NULL AS score
				FROM CredentialRequirement r JOIN Person p ON p.id = r.personId ${DEPARTMENT_JOIN}
				WHERE r.enterpriseId = ${eid} AND p.dutyStatus != 'LEFT' ${grp}
					AND NOT EXISTS (SELECT 1 FROM Credential c WHERE c.personId = r.personId AND c.type = r.type AND c.expiryDate >= ${x.today}
						AND NOT (c.nextReviewDate IS NOT NULL AND c.nextReviewDate < c.expiryDate AND c.nextReviewDate < ${x.today}))`
			order = Prisma.sql`name ASC, code ASC`
			break
		case 'failedCourse': {
			const { start, end } = yearBounds(x.year)
			body = Prisma.sql`SELECT ${PERSON_COLUMNS}, NULL AS count, strftime('%Y-%m-%d', ea.submittedAt, '+8 hours') AS date, NULL AS code, NULL AS hours, NULL AS requiredHours, ea.score AS score
				FROM ExamAttempt ea JOIN Person p ON p.id = ea.personId ${DEPARTMENT_JOIN}
				WHERE ea.enterpriseId = ${eid} AND ea.purpose = 'COURSE' AND ea.passed = 0 AND ea.submittedAt >= ${sqlInstant(start)} AND ea.submittedAt < ${sqlInstant(end)} ${grp}`
			order = Prisma.sql`date DESC, name ASC`
			break
		}
		case 'violations': {
			const { start, end } = yearBounds(x.year)
			body = Prisma.sql`SELECT ${PERSON_COLUMNS}, NULL AS count, strftime('%Y-%m-%d', v.occurredAt, '+8 hours') AS date, v.type AS code, NULL AS hours, NULL AS requiredHours, NULL AS score
				FROM Violation v JOIN Person p ON p.id = v.personId ${DEPARTMENT_JOIN}
				WHERE v.enterpriseId = ${eid} AND v.occurredAt >= ${sqlInstant(start)} AND v.occurredAt < ${sqlInstant(end)} ${typeSql} ${grp}`
			order = Prisma.sql`date DESC, name ASC`
			break
		}
		case 'failedChecks': {
			const { start, end } = yearBounds(x.year)
			body = Prisma.sql`SELECT ${PERSON_COLUMNS}, NULL AS count, strftime('%Y-%m-%d', s.gradedAt, '+8 hours') AS date, s.role AS code, NULL AS hours, NULL AS requiredHours, s.score AS score
				FROM SpotCheckExaminee s JOIN Inspection i ON i.id = s.inspectionId JOIN Person p ON p.id = s.personId ${DEPARTMENT_JOIN}
				WHERE i.enterpriseId = ${eid} AND s.status = 'FAILED' AND s.gradedAt >= ${sqlInstant(start)} AND s.gradedAt < ${sqlInstant(end)} ${grp}`
			order = Prisma.sql`date DESC, CASE code WHEN 'PRINCIPAL' THEN 0 WHEN 'SAFETY_MANAGER' THEN 1 ELSE 2 END, name ASC`
			break
		}
	}
	const [countRows, rows] = await Promise.all([
		db.$queryRaw<{ c: unknown }[]>`SELECT COUNT(*) AS c FROM (${body})`,
		db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM (${body}) ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
	])
	const total = num(countRows[0]?.c) ?? 0
	const people: PeopleRow[] = rows.map((r) => ({
		personId: String(r.personId),
		name: String(r.name),
		employmentType: String(r.employmentType),
		department: str(r.department),
		post: String(r.post ?? ''),
		dutyStatus: String(r.dutyStatus),
		count: num(r.count),
		hours: r.hours === null || r.hours === undefined ? null : Math.floor(Number(r.hours) * 10) / 10,
		requiredHours: num(r.requiredHours),
		score: num(r.score),
		date: str(r.date),
		code: str(r.code),
	}))
	return { enterprise: e, ...periodInfo(x), figure: q.figure, group: q.group ?? null, type: q.type ?? null, page, pages: Math.max(1, Math.ceil(total / limit)), total, people }
}

/** What the home page shows of the dashboards: a summary for enterprise managers, a link for bureau staff. */
export async function getHomeDashboard(actor: Actor, now = new Date()) {
	if (isBureau(actor)) return { kind: 'region' as const }
	if (actor.enterpriseId && (actor.roles.includes('PRINCIPAL') || actor.roles.includes('SAFETY_MANAGER')))
		return { kind: 'enterprise' as const, enterpriseId: actor.enterpriseId, ...(await getEnterpriseHeadline(actor.enterpriseId, now)) }
	return null
}
