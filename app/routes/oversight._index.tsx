import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
	Breadcrumbs,
	CasesSection,
	CoverageSection,
	CredentialsSection,
	DrillsSection,
	ExamsSection,
	FlagBadges,
	Headline,
	periodName,
	RegionDrillGrid,
	regionLinks,
	TrendsSection,
	useMonthLabel,
	usePct,
	ViolationsSection,
} from '~/components/oversight.tsx'
import { getRegionDashboard } from '~/domain/dashboard/dashboards.server.ts'
import { requireRole } from '~/utils/auth.server.ts'
import { oversightErrorResponse, regionParam } from './oversight.server.ts'

export const handle = { title: 'oversight:regionTitle' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'INSPECTOR', 'REGULATOR', 'ADMIN')
	try {
		return await getRegionDashboard(actor, regionParam(request))
	} catch (e) {
		oversightErrorResponse(e)
	}
}

export default function RegionDashboard() {
	const d = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const fmt = usePct()
	const monthLabel = useMonthLabel()
	const name = (r: { name: string; nameEn: string }) => (i18n.language === 'en' ? r.nameEn : r.name)
	const links = regionLinks(d.region?.id ?? null)
	const regionQuery = d.region ? `region=${d.region.id}` : ''
	const gridRows = [
		...d.children.map((c) => ({ label: name(c.region), href: `/oversight?region=${c.region.id}`, summary: c.summary })),
		...d.direct.map((e) => ({ label: e.name, href: `/oversight/enterprises/${e.id}`, summary: e.summary })),
	]
	return (
		<>
			<Breadcrumbs path={d.path} />
			<div className="page-head">
				<h1>{t('oversight:regionHeading', { region: d.region ? name(d.region) : t('oversight:allRegions') })}</h1>
				<div className="actions">
					<Link className="btn" to={`/oversight/reports${regionQuery ? `?${regionQuery}` : ''}`}>
						{t('oversight:reports')}
					</Link>
				</div>
			</div>
			<p className="muted" data-testid="ov-scope">
				{t('oversight:scopeLine', { year: d.year, period: periodName(t, d.period), enterprises: d.enterpriseCount, people: d.summary.people })}
			</p>
			<Headline f={d.totals} links={links} />

			<section className="card ov-section" data-testid="ov-ranking">
				<h2>{t('oversight:rankingTitle')}</h2>
				<p className="muted small">{t('oversight:rankingIntro')}</p>
				{d.ranking.length ? (
					<ol className="list ov-ranking">
						{d.ranking.map((e) => (
							<li key={e.id}>
								<Link className="row" to={`/oversight/enterprises/${e.id}`} data-enterprise={e.name}>
									<span className="row-main">
										<span className="row-title">{e.name}</span>
										<span className="row-sub">{e.region ? name(e.region) : ''}</span>
										<FlagBadges flags={e.flags} />
									</span>
									<span className="ov-score" title={t('oversight:scoreTitle')}>
										{e.score}
									</span>
								</Link>
							</li>
						))}
					</ol>
				) : (
					<p className="muted">{t('oversight:noRisk')}</p>
				)}
				<p className="ov-more">
					<Link to={`/oversight/enterprises?${regionQuery ? `${regionQuery}&` : ''}sort=risk`}>{t('oversight:rankingAll', { count: d.enterpriseCount })} →</Link>
				</p>
			</section>

			{gridRows.length ? (
				<section className="card ov-section" data-testid="ov-breakdown">
					<h2>{d.children.length ? t('oversight:breakdownTitle') : t('oversight:enterprisesTitle')}</h2>
					<ul className="list">
						{d.children.map((c) => (
							<li key={c.region.id}>
								<Link className="row" to={`/oversight?region=${c.region.id}`} data-region={c.region.name}>
									<span className="row-main">
										<span className="row-title">
											{name(c.region)} <span className="badge">{t(`regionKind.${c.region.kind}`)}</span>
										</span>
										<span className="row-sub">
											{t('oversight:rowLine', { enterprises: c.enterprises, people: c.summary.people, coverage: fmt(c.summary.coverage), overdue: c.summary.overduePeople, drills: c.summary.drillsOverdue })}
										</span>
									</span>
									<span aria-hidden="true">›</span>
								</Link>
							</li>
						))}
						{d.direct.map((e) => (
							<li key={e.id}>
								<Link className="row" to={`/oversight/enterprises/${e.id}`} data-enterprise={e.name}>
									<span className="row-main">
										<span className="row-title">{e.name}</span>
										<span className="row-sub">
											{t('oversight:enterpriseLine', { people: e.summary.people, coverage: fmt(e.summary.coverage), overdue: e.summary.overduePeople, drills: e.summary.drillsOverdue })}
										</span>
									</span>
									<span aria-hidden="true">›</span>
								</Link>
							</li>
						))}
					</ul>
				</section>
			) : null}

			<CoverageSection f={d.totals} links={links} year={d.year} />
			<ExamsSection f={d.totals} links={links} trends={d.trends} monthLabel={monthLabel} />
			<CasesSection f={d.totals} links={links} />
			<ViolationsSection f={d.totals} links={links} year={d.year} />
			<DrillsSection f={d.totals} links={links} period={d.period}>
				<RegionDrillGrid rows={gridRows} />
			</DrillsSection>
			<CredentialsSection f={d.totals} links={links} />
			<TrendsSection trends={d.trends} monthLabel={monthLabel} />
		</>
	)
}
