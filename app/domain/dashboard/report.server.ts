/**
 * The county report for a chosen period — the annual work summary (年度工作总结) or the
 * three-year evaluation figures (三年行动评估) — per enterprise with county subtotals, as CSV,
 * XLSX or PDF. Counted by the same SQL as the dashboards (./queries.server.ts).
 */
import ExcelJS from 'exceljs'
import type { TFunction } from 'i18next'
import { z } from 'zod'
import { Prisma } from '~/generated/prisma/client.ts'
import type { Locale } from '~/i18n.ts'
import { db } from '~/utils/db.server.ts'
import { toCsv } from '../drills.ts'
import { PdfBuilder, type Column } from '../pdf/engine.server.ts'
import { hasRole, type Actor } from '../policy.ts'
import { NotFoundError } from '../roster.server.ts'
import { halfYearBounds, halfYearKey, parseDateString, shanghaiDate, shanghaiYear } from '../time.ts'
import { isContractorType, periodBounds, periodHalfYears, periodYears, VIOLATION_KINDS, type Period, type RegionNode } from './figures.ts'
import {
	casesFlowByEnterprise,
	coverageByEnterprise,
	courseExamsByEnterprise,
	credentialsByEnterprise,
	drillsDoneByEnterprise,
	drillStatusByEnterprise,
	openCasesByEnterprise,
	scopeFilter,
	spotChecksByEnterprise,
	sqlInstant,
	uncertifiedByEnterprise,
	violationsByEnterprise,
} from './queries.server.ts'
import { EVALUATION_PERIOD, emptyCounts, REPORT_KINDS, reportColumns, reportLines, type ReportCounts, type ReportLine } from './report.ts'
import { allRegions, ForbiddenError, isBureau, isEnterpriseManager, resolveEnterprise, resolveRegionScope, type Scope } from './scope.server.ts'

/** Longest custom period: the three-year plan plus slack. */
export const MAX_PERIOD_DAYS = 5 * 366

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const DateString = z.preprocess(
	blank,
	z
		.string()
		.trim()
		.refine((s) => parseDateString(s) !== null, 'oversight:report.errors.badDate')
		.optional(),
)

export const ReportQuerySchema = z
	.object({
		kind: z.preprocess(blank, z.enum(REPORT_KINDS, { error: 'errors:invalidChoice' }).default('annual')),
		year: z.preprocess(blank, z.coerce.number({ error: 'errors:invalid' }).int('errors:invalid').min(2000, 'errors:tooSmall').max(2100, 'errors:tooBig').optional()),
		from: DateString,
		to: DateString,
		region: z.preprocess(blank, z.string().trim().max(40).optional()),
		enterprise: z.preprocess(blank, z.string().trim().max(40).optional()),
	})
	.superRefine((q, ctx) => {
		if (q.kind !== 'custom') return
		if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'errors:required' })
		if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'errors:required' })
		if (q.from && q.to && parseDateString(q.from) && parseDateString(q.to)) {
			if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'oversight:report.errors.toBeforeFrom' })
			else {
				const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000
				if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'oversight:report.errors.tooLong' })
			}
		}
	})
export type ReportQuery = z.output<typeof ReportQuerySchema>

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export function reportPeriod(q: ReportQuery, now: Date): Period {
	if (q.kind === 'evaluation') return EVALUATION_PERIOD
	if (q.kind === 'custom') return { from: q.from!, to: q.to! }
	const year = q.year ?? shanghaiYear(now)
	return { from: `${year}-01-01`, to: `${year}-12-31` }
}

async function resolveReportScope(actor: Actor, q: ReportQuery): Promise<{ scope: Scope; name: { zh: string; en: string }; regions: RegionNode[] }> {
	if (q.enterprise || (!isBureau(actor) && isEnterpriseManager(actor))) {
		const id = q.enterprise ?? actor.enterpriseId!
		if (!isBureau(actor) && id !== actor.enterpriseId) throw new NotFoundError()
		const e = await resolveEnterprise(actor, id)
		return { scope: { kind: 'enterprise', enterpriseId: e.id }, name: { zh: e.name, en: e.name }, regions: await allRegions() }
	}
	if (!isBureau(actor)) throw new ForbiddenError()
	const rs = await resolveRegionScope(actor, q.region ?? null)
	return { scope: rs.scope, name: rs.region ? { zh: rs.region.name, en: rs.region.nameEn } : { zh: '全部地区', en: 'All regions' }, regions: rs.regions }
}

function n(v: unknown): number {
	return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v ?? 0) || 0
}

async function studySeconds(scope: Scope, years: readonly number[]) {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT s.enterpriseId AS enterpriseId, SUM(s.seconds) AS s FROM StudyRecord s
		WHERE s.year IN (${Prisma.join([...years])}) AND ${scopeFilter(scope, 's.enterpriseId')} GROUP BY s.enterpriseId`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), seconds: n(r.s) }))
}

async function classroomSeconds(scope: Scope, start: Date, end: Date) {
	const rows = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT cs.enterpriseId AS enterpriseId, SUM(cs.minutes) * 60 AS s, SUM(CASE WHEN cs.offJob THEN cs.minutes ELSE 0 END) * 60 AS off
		FROM Attendance a JOIN ClassroomSession cs ON cs.id = a.sessionId
		WHERE cs.startsAt >= ${sqlInstant(start)} AND cs.startsAt < ${sqlInstant(end)} AND ${scopeFilter(scope, 'cs.enterpriseId')}
		GROUP BY cs.enterpriseId`
	return rows.map((r) => ({ enterpriseId: String(r.enterpriseId), seconds: n(r.s), offJob: n(r.off) }))
}

export type Report = Awaited<ReturnType<typeof buildReport>>

/** The report's lines for the actor's scope (region or enterprise) and the period. */
export async function buildReport(actor: Actor, q: ReportQuery, now = new Date()) {
	const period = reportPeriod(q, now)
	const { scope, name, regions } = await resolveReportScope(actor, q)
	const years = periodYears(period)
	const { start, end } = periodBounds(period)
	const today = shanghaiDate(now)
	// Half-years of the period that have started: an area owes a drill in each.
	const halves = periodHalfYears(period).filter((h) => halfYearBounds(h).start <= now)
	const where: Prisma.EnterpriseWhereInput =
		scope.kind === 'all' ? {} : scope.kind === 'regions' ? { regionId: { in: scope.regionIds } } : { id: scope.enterpriseId }
	const enterprises = await db.enterprise.findMany({ where, select: { id: true, name: true, uscc: true, regionId: true } })
	const counts = new Map<string, ReportCounts>(enterprises.map((e) => [e.id, emptyCounts(years)]))
	const get = (id: string) => counts.get(id)
	const [coverage, study, classroom, course, spot, violations, flow, open, done, credentials, uncertified, ...drillPeriods] = await Promise.all([
		Promise.all(years.map((y) => coverageByEnterprise(scope, y).then((rows) => ({ year: y, rows })))),
		studySeconds(scope, years),
		classroomSeconds(scope, start, end),
		courseExamsByEnterprise(scope, start, end),
		spotChecksByEnterprise(scope, start, end),
		violationsByEnterprise(scope, start, end),
		casesFlowByEnterprise(scope, start, end),
		openCasesByEnterprise(scope, now),
		drillsDoneByEnterprise(scope, start, end),
		credentialsByEnterprise(scope, today),
		uncertifiedByEnterprise(scope, today),
		...halves.map((h) => drillStatusByEnterprise(scope, h, now, today)),
	])
	const lastYear = years[years.length - 1]
	for (const { year, rows } of coverage) {
		for (const r of rows) {
			const c = get(r.enterpriseId)
			if (!c) continue
			const slot = c.coverage[String(year)]!
			slot.meeting += r.meeting
			slot.people += r.people
			// Headcount from the roster as it is now (the same for every year).
			if (year === lastYear) {
				c.people += r.people
				if (isContractorType(r.type)) c.contractors += r.people
			}
		}
	}
	for (const r of study) if (get(r.enterpriseId)) get(r.enterpriseId)!.studySeconds = r.seconds
	for (const r of classroom) {
		const c = get(r.enterpriseId)
		if (c) {
			c.classroomSeconds = r.seconds
			c.offJobSeconds = r.offJob
		}
	}
	for (const r of course) {
		const c = get(r.enterpriseId)
		if (c) {
			c.courseGraded = r.graded
			c.coursePassed = r.passed
		}
	}
	for (const r of spot) {
		const c = get(r.enterpriseId)
		if (c) {
			c.spotGraded = r.graded
			c.spotFailed = r.failed
			c.principalFailed = r.principalFailed
		}
	}
	for (const r of violations) {
		const c = get(r.enterpriseId)
		if (c && (VIOLATION_KINDS as readonly string[]).includes(r.type)) c.violations[r.type] += r.count
	}
	for (const r of flow) {
		const c = get(r.enterpriseId)
		if (c) {
			c.casesOpened = r.opened
			c.casesCleared = r.cleared
		}
	}
	for (const r of open) if (get(r.enterpriseId)) get(r.enterpriseId)!.casesOpenNow += r.count
	for (const r of done) if (get(r.enterpriseId)) get(r.enterpriseId)!.drillsDone = r.count
	for (const r of credentials) if (get(r.enterpriseId) && (r.state === 'EXPIRED' || r.state === 'REVIEW_OVERDUE')) get(r.enterpriseId)!.credentialsInvalid += r.count
	for (const r of uncertified) if (get(r.enterpriseId)) get(r.enterpriseId)!.uncertified = r.count
	for (const rows of drillPeriods) {
		for (const r of rows) {
			const c = get(r.enterpriseId)
			if (!c || r.status === 'NOT_APPLICABLE') continue
			c.areaPeriodsRequired += r.count
			if (r.status === 'DONE') c.areaPeriodsDone += r.count
		}
	}
	const byId = new Map(regions.map((r) => [r.id, r]))
	const place = (regionId: string) => {
		let county = ''
		let park = ''
		let cur = byId.get(regionId)
		const seen = new Set<string>()
		while (cur && !seen.has(cur.id)) {
			seen.add(cur.id)
			if (cur.kind === 'PARK' && !park) park = cur.name
			if (cur.kind === 'COUNTY' && !county) county = cur.name
			cur = cur.parentId ? byId.get(cur.parentId) : undefined
		}
		return { county: county || byId.get(regionId)?.name || '', park }
	}
	const lines = reportLines(
		enterprises.map((e) => ({ ...place(e.regionId), name: e.name, uscc: e.uscc, counts: counts.get(e.id)! })),
		years,
	)
	return { kind: q.kind, period, years, halfYears: halves.map(halfYearKey), scopeName: name, lines, generatedAt: now }
}

// ── Files ─────────────────────────────────────────────────────────────────────────────────

function cell(v: string | number | null): string | number {
	return v === null ? '' : v
}

function headers(r: Report, t: TFunction): string[] {
	return reportColumns(r.years).map((c) => String(t(c.label.key, c.label.values ?? {})))
}

function lineLabel(l: ReportLine, t: TFunction): ReportLine {
	if (l.kind === 'subtotal') return { ...l, name: String(t('oversight:report.subtotal', { county: l.county, count: l.enterprises })) }
	if (l.kind === 'total') return { ...l, name: String(t('oversight:report.total', { count: l.enterprises })) }
	return l
}

export function reportTitle(r: Report, t: TFunction, locale: Locale): string {
	const scope = locale === 'en' ? r.scopeName.en : r.scopeName.zh
	return String(t(`oversight:report.title.${r.kind}`, { scope, from: r.period.from, to: r.period.to, year: r.period.from.slice(0, 4) }))
}

export function reportFileName(r: Report, t: TFunction, locale: Locale, ext: ReportFormat): string {
	return `${reportTitle(r, t, locale)}.${ext}`
}

export function reportToCsv(r: Report, t: TFunction): string {
	const cols = reportColumns(r.years)
	return toCsv([headers(r, t), ...r.lines.map((l) => cols.map((c) => cell(c.value(lineLabel(l, t)))))])
}

export async function reportToXlsx(r: Report, t: TFunction, locale: Locale): Promise<Uint8Array> {
	const cols = reportColumns(r.years)
	const wb = new ExcelJS.Workbook()
	wb.creator = '安训 Anxun'
	wb.created = r.generatedAt
	const sheet = wb.addWorksheet(String(t('oversight:report.sheet')).slice(0, 31), { views: [{ state: 'frozen', ySplit: 2, xSplit: 3 }] })
	sheet.addRow([reportTitle(r, t, locale)]).font = { bold: true, size: 13 }
	const head = sheet.addRow(headers(r, t))
	head.font = { bold: true }
	head.alignment = { wrapText: true, vertical: 'top' }
	for (const l of r.lines) {
		const row = sheet.addRow(cols.map((c) => cell(c.value(lineLabel(l, t)))))
		if (l.kind !== 'enterprise') row.font = { bold: true }
	}
	cols.forEach((c, i) => {
		const col = sheet.getColumn(i + 1)
		col.width = c.kind === 'text' ? (c.key === 'uscc' ? 21 : c.key === 'enterprise' ? 30 : 14) : 11
		if (c.kind === 'rate' || c.kind === 'hours') col.numFmt = '0.0'
		if (c.key === 'uscc') col.numFmt = '@'
	})
	sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: cols.length } }
	const notes = wb.addWorksheet(String(t('oversight:report.notesSheet')).slice(0, 31))
	for (const key of ['period', 'coverage', 'drills', 'snapshot'] as const)
		notes.addRow([String(t(`oversight:report.note.${key}`, { from: r.period.from, to: r.period.to, halves: r.halfYears.join('、') || '—' }))])
	notes.getColumn(1).width = 120
	return new Uint8Array(await wb.xlsx.writeBuffer())
}

export async function reportToPdf(r: Report, t: TFunction, locale: Locale): Promise<Uint8Array> {
	const title = reportTitle(r, t, locale)
	const pdf = await PdfBuilder.create({ title, enterpriseName: locale === 'en' ? r.scopeName.en : r.scopeName.zh, locale, t, generatedAt: r.generatedAt })
	pdf.heading(title, 1)
	pdf.facts(
		[
			[String(t('oversight:report.periodLabel')), `${r.period.from} – ${r.period.to}`],
			[String(t('oversight:report.enterprisesLabel')), String(r.lines.at(-1)?.enterprises ?? 0)],
		],
		{ columns: 2 },
	)
	for (const key of ['period', 'coverage', 'drills', 'snapshot'] as const)
		pdf.paragraph(String(t(`oversight:report.note.${key}`, { from: r.period.from, to: r.period.to, halves: r.halfYears.join('、') || '—' })), { size: 9 })
	const cols = reportColumns(r.years)
	const nameCol = cols.find((c) => c.key === 'enterprise')!
	for (const part of [1, 2] as const) {
		const chosen = [nameCol, ...cols.filter((c) => c.part === part && c.kind !== 'text')]
		pdf.heading(String(t(`oversight:report.part${part}`)), 2)
		const columns: Column[] = chosen.map((c) => ({
			header: String(t(c.label.key, c.label.values ?? {})),
			width: c.kind === 'text' ? 100 : 1,
			align: c.kind === 'text' ? 'left' : 'right',
		}))
		const rows = r.lines.map((l) => {
			const line = lineLabel(l, t)
			return chosen.map((c) => {
				const v = c.value(line)
				return v === null ? '—' : String(v)
			})
		})
		pdf.table(columns, rows, { size: 7 })
	}
	return pdf.finish()
}

export function canDownloadReports(actor: Actor): boolean {
	return isBureau(actor) || (hasRole(actor, 'PRINCIPAL', 'SAFETY_MANAGER') && !!actor.enterpriseId)
}
