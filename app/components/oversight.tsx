/**
 * Sections of the oversight dashboards (issue 7), shared by the region and the enterprise view.
 * Every figure carries a link to the list behind it: for a region, the enterprises ordered by
 * that figure; for an enterprise, the people (or records) that make up the number.
 */
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { BarChart } from '~/components/charts/bar-chart.tsx'
import type { Tone } from '~/components/charts/chart-frame.tsx'
import { HeatGrid, type HeatRow } from '~/components/charts/heat-grid.tsx'
import { StackedBarChart } from '~/components/charts/stacked-bar-chart.tsx'
import { TrendChart } from '~/components/charts/trend-chart.tsx'
import { AREA_KINDS, EMPLOYMENT_TYPES } from '~/domain/constants.ts'
import {
	AGE_BUCKETS,
	CASE_STATES_OPEN,
	coverageGroups,
	drillTotals,
	pct,
	VIOLATION_KINDS,
	type AreaStatus,
	type Figures,
	type RiskFlag,
	type Summary,
} from '~/domain/dashboard/figures.ts'

export type Trends = {
	months: string[]
	courseGraded: number[]
	coursePassed: number[]
	spotGraded: number[]
	spotFailed: number[]
	violations: number[]
	casesOpened: number[]
	drillsDone: number[]
}

/** Where each figure's list lives. */
export type FigureLinks = {
	coverage: (group?: 'staff' | 'contractors') => string
	overdue: () => string
	courseExams: () => string
	spotChecks: () => string
	principal: () => string
	openCases: () => string
	suspended: () => string
	violations: (type?: string) => string
	drills: () => string
	credentials: () => string
	uncertified: () => string
}

export function regionLinks(regionId: string | null): FigureLinks {
	const base = (sort: string) => `/oversight/enterprises?${regionId ? `region=${encodeURIComponent(regionId)}&` : ''}sort=${sort}`
	return {
		coverage: (group) => base(group === 'contractors' ? 'contractors' : 'coverage'),
		overdue: () => base('overdue'),
		courseExams: () => base('exams'),
		spotChecks: () => base('spotChecks'),
		principal: () => base('principal'),
		openCases: () => base('cases'),
		suspended: () => base('suspended'),
		violations: () => base('violations'),
		drills: () => base('drills'),
		credentials: () => base('credentials'),
		uncertified: () => base('uncertified'),
	}
}

export function enterpriseLinks(enterpriseId: string): FigureLinks {
	const base = (figure: string, extra = '') => `/oversight/enterprises/${enterpriseId}/people?figure=${figure}${extra}`
	return {
		coverage: (group) => base('notMeeting', group ? `&group=${group}` : ''),
		overdue: () => base('overdue'),
		courseExams: () => base('failedCourse'),
		spotChecks: () => base('failedChecks'),
		principal: () => base('failedChecks'),
		openCases: () => base('openCases'),
		suspended: () => base('suspended'),
		violations: (type) => base('violations', type ? `&type=${type}` : ''),
		drills: () => `#drills`,
		credentials: () => base('credentials'),
		uncertified: () => base('uncertified'),
	}
}

export function rateTone(p: number | null): Tone {
	if (p === null) return 'none'
	return p >= 90 ? 'good' : p >= 60 ? 'warn' : 'bad'
}

export function usePct() {
	const { t } = useTranslation()
	return (p: number | null) => (p === null ? t('oversight:noData') : t('oversight:percent', { value: p }))
}

function Stat({ to, value, label, tone, testId }: { to: string; value: ReactNode; label: string; tone?: Tone; testId?: string }) {
	return (
		<Link className={`stat ov-stat${tone ? ` ov-stat-${tone}` : ''}`} to={to} data-testid={testId}>
			<strong>{value}</strong>
			<span>{label}</span>
		</Link>
	)
}

function MoreLink({ to, children }: { to: string; children: ReactNode }) {
	return (
		<p className="ov-more">
			<Link to={to}>{children} →</Link>
		</p>
	)
}

/** The headline numbers at the top of both dashboards. */
export function Headline({ f, links }: { f: Figures; links: FigureLinks }) {
	const { t } = useTranslation()
	const fmt = usePct()
	const c = coverageGroups(f)
	const d = drillTotals(f)
	const invalid = f.credentials.expired + f.credentials.reviewOverdue
	const cases = CASE_STATES_OPEN.reduce((n, s) => n + AGE_BUCKETS.reduce((m, b) => m + f.openCases[s][b], 0), 0)
	return (
		<section className="grid ov-headline" aria-label={t('oversight:headline')} data-testid="ov-headline">
			<Stat to={links.coverage()} value={fmt(pct(c.all.part, c.all.whole))} label={t('oversight:coverageShort')} tone={rateTone(pct(c.all.part, c.all.whole))} testId="stat-coverage" />
			<Stat to={links.overdue()} value={f.overduePeople} label={t('oversight:overduePeople')} tone={f.overduePeople ? 'bad' : 'good'} testId="stat-overdue" />
			<Stat to={links.openCases()} value={cases} label={t('oversight:openCases')} tone={cases ? 'warn' : 'good'} testId="stat-cases" />
			<Stat to={links.suspended()} value={f.suspended} label={t('oversight:suspended')} tone={f.suspended ? 'warn' : 'good'} testId="stat-suspended" />
			<Stat
				to={links.drills()}
				value={fmt(pct(d.DONE, d.required))}
				label={t('oversight:drillsDoneOf', { done: d.DONE, required: d.required })}
				tone={d.OVERDUE ? 'bad' : d.required && d.DONE === d.required ? 'good' : 'warn'}
				testId="stat-drills"
			/>
			<Stat to={links.credentials()} value={invalid} label={t('oversight:invalidCredentials')} tone={invalid ? 'bad' : 'good'} testId="stat-credentials" />
		</section>
	)
}

export function CoverageSection({ f, links, year }: { f: Figures; links: FigureLinks; year: number }) {
	const { t } = useTranslation()
	const fmt = usePct()
	const c = coverageGroups(f)
	const bars = EMPLOYMENT_TYPES.filter((type) => f.coverage[type].whole > 0).map((type) => {
		const r = f.coverage[type]
		const p = pct(r.part, r.whole)
		const contractor = type === 'CONTRACTOR' || type === 'OUTSOURCED'
		return {
			label: t('oversight:coverageRow', { type: t(`employmentType.${type}`), part: r.part, whole: r.whole }),
			value: p ?? 0,
			display: fmt(p),
			tone: rateTone(p),
			href: links.coverage(contractor ? 'contractors' : 'staff'),
		}
	})
	return (
		<section className="card ov-section" data-testid="ov-coverage">
			<h2>{t('oversight:coverageTitle', { year })}</h2>
			<p className="muted small">{t('oversight:coverageIntro')}</p>
			<div className="grid ov-pair">
				<Stat to={links.coverage('staff')} value={fmt(pct(c.staff.part, c.staff.whole))} label={t('oversight:staffCoverage', { part: c.staff.part, whole: c.staff.whole })} tone={rateTone(pct(c.staff.part, c.staff.whole))} />
				<Stat
					to={links.coverage('contractors')}
					value={fmt(pct(c.contractors.part, c.contractors.whole))}
					label={t('oversight:contractorCoverage', { part: c.contractors.part, whole: c.contractors.whole })}
					tone={rateTone(pct(c.contractors.part, c.contractors.whole))}
				/>
			</div>
			{bars.length ? (
				<BarChart title={t('oversight:coverageChart')} bars={bars} max={100} valueColumn={t('oversight:coverageShort')} testId="chart-coverage" />
			) : (
				<p className="muted">{t('oversight:noPeople')}</p>
			)}
			<MoreLink to={links.overdue()}>{t('oversight:overdueLink', { people: f.overduePeople, count: f.overdueAssignments })}</MoreLink>
		</section>
	)
}

export function ExamsSection({ f, links, trends, monthLabel }: { f: Figures; links: FigureLinks; trends: Trends; monthLabel: (m: string) => string }) {
	const { t } = useTranslation()
	const fmt = usePct()
	const course = pct(f.courseExams.passed, f.courseExams.graded)
	const spot = pct(f.spotChecks.passed, f.spotChecks.graded)
	const rate = (passed: number[], graded: number[]) => graded.map((g, i) => (g > 0 ? Math.round(((passed[i] ?? 0) / g) * 100) : null))
	return (
		<section className="card ov-section" data-testid="ov-exams">
			<h2>{t('oversight:examsTitle')}</h2>
			<div className="grid ov-pair">
				<Stat to={links.courseExams()} value={fmt(course)} label={t('oversight:coursePass', { passed: f.courseExams.passed, graded: f.courseExams.graded })} tone={rateTone(course)} />
				<Stat to={links.spotChecks()} value={fmt(spot)} label={t('oversight:spotPass', { passed: f.spotChecks.passed, graded: f.spotChecks.graded })} tone={rateTone(spot)} />
				<Stat to={links.principal()} value={f.spotChecks.principalFailed} label={t('oversight:principalFailed')} tone={f.spotChecks.principalFailed ? 'bad' : 'good'} />
			</div>
			<TrendChart
				title={t('oversight:passTrend')}
				xLabels={trends.months.map(monthLabel)}
				percent
				series={[
					{ key: 'course', label: t('oversight:courseSeries'), tone: 's1', values: rate(trends.coursePassed, trends.courseGraded) },
					{ key: 'spot', label: t('oversight:spotSeries'), tone: 's3', values: rate(trends.spotGraded.map((g, i) => g - (trends.spotFailed[i] ?? 0)), trends.spotGraded) },
				]}
				testId="chart-pass-trend"
			/>
		</section>
	)
}

const AGE_TONES: Record<(typeof AGE_BUCKETS)[number], Tone> = { D7: 's1', D30: 's2', D90: 'warn', OLDER: 'bad' }

export function CasesSection({ f, links }: { f: Figures; links: FigureLinks }) {
	const { t } = useTranslation()
	const total = CASE_STATES_OPEN.reduce((n, s) => n + AGE_BUCKETS.reduce((m, b) => m + f.openCases[s][b], 0), 0)
	return (
		<section className="card ov-section" data-testid="ov-cases">
			<h2>{t('oversight:casesTitle')}</h2>
			<p className="muted small">{t('oversight:casesIntro', { count: total })}</p>
			<StackedBarChart
				title={t('oversight:casesChart')}
				series={AGE_BUCKETS.map((b) => ({ key: b, label: t(`oversight:age.${b}`), tone: AGE_TONES[b] }))}
				rows={CASE_STATES_OPEN.map((s) => ({ label: t(`oversight:caseState.${s}`), values: f.openCases[s], href: links.openCases() }))}
				totalColumn={t('oversight:total')}
				testId="chart-cases"
			/>
			<MoreLink to={links.suspended()}>{t('oversight:suspendedLink', { count: f.suspended })}</MoreLink>
		</section>
	)
}

export function ViolationsSection({ f, links, year }: { f: Figures; links: FigureLinks; year: number }) {
	const { t } = useTranslation()
	return (
		<section className="card ov-section" data-testid="ov-violations">
			<h2>{t('oversight:violationsTitle', { year })}</h2>
			<BarChart
				title={t('oversight:violationsChart')}
				bars={VIOLATION_KINDS.map((v) => ({ label: t(`oversight:violation.${v}`), value: f.violations[v], tone: 's4' as Tone, href: links.violations(v) }))}
				valueColumn={t('oversight:count')}
				testId="chart-violations"
			/>
			<MoreLink to={links.violations()}>{t('oversight:viewList')}</MoreLink>
		</section>
	)
}

export const STATUS_TONE: Record<AreaStatus, Tone> = { DONE: 'good', SCHEDULED: 'info', DUE: 'warn', OVERDUE: 'bad', NOT_APPLICABLE: 'none' }
const STATUS_MARK: Record<AreaStatus, string> = { DONE: '✓', SCHEDULED: '◷', DUE: '…', OVERDUE: '✗', NOT_APPLICABLE: '—' }

export function statusLegend(t: (k: string) => string) {
	return (['DONE', 'SCHEDULED', 'DUE', 'OVERDUE'] as const).map((s) => ({ label: `${STATUS_MARK[s]} ${t(`oversight:status.${s}`)}`, tone: STATUS_TONE[s] }))
}

/** Areas by drill status this half-year, per area kind (stacked), for one enterprise or a region. */
export function DrillsSection({ f, links, period, children }: { f: Figures; links: FigureLinks; period: string; children?: ReactNode }) {
	const { t } = useTranslation()
	const statuses = ['DONE', 'SCHEDULED', 'DUE', 'OVERDUE'] as const
	return (
		<section className="card ov-section" id="drills" data-testid="ov-drills">
			<h2>{t('oversight:drillsTitle', { period: periodName(t, period) })}</h2>
			<p className="muted small">{t('oversight:drillsIntro', { count: f.drillsMissedLastPeriod })}</p>
			<StackedBarChart
				title={t('oversight:drillsChart')}
				series={statuses.map((s) => ({ key: s, label: t(`oversight:status.${s}`), tone: STATUS_TONE[s] }))}
				rows={AREA_KINDS.map((k) => ({ label: t(`areaKind.${k}`), values: f.drills[k], href: links.drills() }))}
				totalColumn={t('oversight:areasRequired')}
				testId="chart-drills"
			/>
			{children}
		</section>
	)
}

export function periodName(t: (k: string, o?: Record<string, unknown>) => string, key: string, short = false): string {
	const m = /^(\d{4})-H([12])$/.exec(key)
	return m ? t(`oversight:${short ? 'halfShort' : 'half'}${m[2]}`, { year: m[1] }) : key
}

/** Region view: child regions (and enterprises directly in the region) × area kinds, share done. */
export function RegionDrillGrid({ rows }: { rows: { label: string; href: string; summary: Summary }[] }) {
	const { t } = useTranslation()
	if (!rows.length) return null
	const grid: HeatRow[] = rows.map((r) => ({
		label: r.label,
		href: r.href,
		cells: AREA_KINDS.map((k) => {
			const x = r.summary.drillsByKind[k]
			const p = pct(x.done, x.required)
			return { tone: rateTone(p), text: p === null ? '—' : `${p}%`, title: x.required ? t('oversight:doneOf', { done: x.done, required: x.required }) : t('oversight:noData'), href: r.href }
		}),
	}))
	return (
		<HeatGrid
			title={t('oversight:drillGridRegion')}
			columns={AREA_KINDS.map((k) => t(`areaKind.${k}`))}
			rows={grid}
			legend={[
				{ label: t('oversight:gridGood'), tone: 'good' },
				{ label: t('oversight:gridWarn'), tone: 'warn' },
				{ label: t('oversight:gridBad'), tone: 'bad' },
			]}
			testId="chart-drill-grid"
			footer={<p className="muted small">{t('oversight:drillGridNote')}</p>}
		/>
	)
}

/** Enterprise view: areas × half-years, each cell the area's status (drills.ts). */
export function AreaDrillGrid({
	periods,
	rows,
	areaHref,
}: {
	periods: string[]
	rows: { area: { id: string; name: string; kind: string; archived: boolean }; cells: { status: AreaStatus; drillId: string | null; date: string | null }[] }[]
	areaHref: (areaId: string) => string | null
}) {
	const { t } = useTranslation()
	if (!rows.length) return <p className="muted">{t('oversight:noAreas')}</p>
	return (
		<HeatGrid
			title={t('oversight:drillGridEnterprise')}
			columns={periods.map((p) => periodName(t, p, true))}
			labelWidth={104}
			rows={rows.map((r) => ({
				label: `${r.area.name}${r.area.archived ? t('oversight:archivedMark') : ''}`,
				href: areaHref(r.area.id),
				cells: r.cells.map((c) => ({
					tone: STATUS_TONE[c.status],
					text: STATUS_MARK[c.status],
					title: `${t(`oversight:status.${c.status}`)}${c.date ? ` ${c.date}` : ''}`,
					href: c.drillId ? `/drills/${c.drillId}` : null,
				})),
			}))}
			legend={statusLegend(t)}
			testId="chart-drill-grid"
		/>
	)
}

export function CredentialsSection({ f, links }: { f: Figures; links: FigureLinks }) {
	const { t } = useTranslation()
	const c = f.credentials
	return (
		<section className="card ov-section" data-testid="ov-credentials">
			<h2>{t('oversight:credentialsTitle')}</h2>
			<div className="grid ov-pair">
				<Stat to={links.credentials()} value={c.expired + c.reviewOverdue} label={t('oversight:credentialsInvalid', { expired: c.expired, review: c.reviewOverdue })} tone={c.expired + c.reviewOverdue ? 'bad' : 'good'} />
				<Stat to={links.credentials()} value={c.expiring + c.reviewDue} label={t('oversight:credentialsSoon')} tone={c.expiring + c.reviewDue ? 'warn' : 'good'} />
				<Stat to={links.uncertified()} value={c.uncertified} label={t('oversight:uncertified')} tone={c.uncertified ? 'bad' : 'good'} />
			</div>
		</section>
	)
}

export function TrendsSection({ trends, monthLabel }: { trends: Trends; monthLabel: (m: string) => string }) {
	const { t } = useTranslation()
	return (
		<section className="card ov-section" data-testid="ov-trends">
			<h2>{t('oversight:trendsTitle')}</h2>
			<TrendChart
				title={t('oversight:countsTrend')}
				xLabels={trends.months.map(monthLabel)}
				series={[
					{ key: 'v', label: t('oversight:violationSeries'), tone: 's4', values: trends.violations },
					{ key: 'c', label: t('oversight:casesSeries'), tone: 'bad', values: trends.casesOpened },
					{ key: 'd', label: t('oversight:drillsSeries'), tone: 'good', values: trends.drillsDone },
				]}
				testId="chart-count-trend"
			/>
			<TrendChart
				title={t('oversight:examsTrend')}
				xLabels={trends.months.map(monthLabel)}
				series={[
					{ key: 'course', label: t('oversight:courseGradedSeries'), tone: 's1', values: trends.courseGraded },
					{ key: 'spot', label: t('oversight:spotGradedSeries'), tone: 's3', values: trends.spotGraded },
				]}
				testId="chart-exam-trend"
			/>
		</section>
	)
}

export function useMonthLabel() {
	const { t } = useTranslation()
	return (m: string) => t(`oversight:month.${Number(m.slice(5, 7))}`)
}

export function FlagBadges({ flags }: { flags: readonly RiskFlag[] }) {
	const { t } = useTranslation()
	return (
		<span className="ov-flags">
			{flags.map((f) => (
				<span key={f} className={`badge ${f === 'PRINCIPAL_FAILED' || f === 'UNCERTIFIED' ? 'badge-bad' : 'badge-warn'}`}>
					{t(`oversight:flag.${f}`)}
				</span>
			))}
		</span>
	)
}

export function Breadcrumbs({ path, current }: { path: { id: string; name: string; nameEn: string }[]; current?: string }) {
	const { t, i18n } = useTranslation()
	if (!path.length && !current) return null
	const name = (r: { name: string; nameEn: string }) => (i18n.language === 'en' ? r.nameEn : r.name)
	return (
		<nav className="ov-crumbs" aria-label={t('oversight:breadcrumbs')}>
			<ol>
				{path.map((r, i) =>
					i === path.length - 1 && !current ? (
						<li key={r.id} aria-current="page">
							{name(r)}
						</li>
					) : (
						<li key={r.id}>
							<Link to={`/oversight?region=${r.id}`}>{name(r)}</Link>
						</li>
					),
				)}
				{current ? <li aria-current="page">{current}</li> : null}
			</ol>
		</nav>
	)
}

type HomeDashboard = { kind: 'region' } | ({ kind: 'enterprise'; enterpriseId: string; year: number } & Summary) | null

/** The dashboard's card on the home page. */
export function DashboardHomeCard({ data }: { data: HomeDashboard }) {
	const { t } = useTranslation()
	const fmt = usePct()
	if (!data) return null
	if (data.kind === 'region')
		return (
			<section className="card ov-home" data-testid="home-dashboard">
				<h2>{t('oversight:homeTitle')}</h2>
				<p className="muted">{t('oversight:homeRegion')}</p>
				<Link className="btn btn-primary btn-block" to="/oversight">
					{t('oversight:open')}
				</Link>
			</section>
		)
	return (
		<section className="card ov-home" data-testid="home-dashboard">
			<div className="page-head">
				<h2>{t('oversight:homeTitleEnterprise')}</h2>
				<Link to={`/oversight/enterprises/${data.enterpriseId}`}>{t('oversight:open')} →</Link>
			</div>
			<div className="grid ov-pair">
				<Link className={`stat ov-stat ov-stat-${rateTone(data.coverage)}`} to={`/oversight/enterprises/${data.enterpriseId}/people?figure=notMeeting`}>
					<strong>{fmt(data.coverage)}</strong>
					<span>{t('oversight:coverageYear', { year: data.year })}</span>
				</Link>
				<Link className={`stat ov-stat ov-stat-${data.overduePeople ? 'bad' : 'good'}`} to={`/oversight/enterprises/${data.enterpriseId}/people?figure=overdue`}>
					<strong>{data.overduePeople}</strong>
					<span>{t('oversight:overduePeople')}</span>
				</Link>
				<Link className={`stat ov-stat ov-stat-${data.drillsOverdue ? 'bad' : 'good'}`} to={`/oversight/enterprises/${data.enterpriseId}#drills`}>
					<strong>{data.drillsOverdue}</strong>
					<span>{t('oversight:drillsOverdue')}</span>
				</Link>
			</div>
		</section>
	)
}
