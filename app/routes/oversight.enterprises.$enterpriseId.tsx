import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
	AreaDrillGrid,
	Breadcrumbs,
	CasesSection,
	CoverageSection,
	CredentialsSection,
	DrillsSection,
	enterpriseLinks,
	ExamsSection,
	FlagBadges,
	Headline,
	periodName,
	TrendsSection,
	useMonthLabel,
	ViolationsSection,
} from '~/components/oversight.tsx'
import { getEnterpriseDashboard } from '~/domain/dashboard/dashboards.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { oversightErrorResponse } from './oversight.server.ts'

export const handle = { title: 'oversight:enterpriseTitle' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	try {
		return await getEnterpriseDashboard(actor, params.enterpriseId!)
	} catch (e) {
		oversightErrorResponse(e)
	}
}

export default function EnterpriseDashboard() {
	const d = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const monthLabel = useMonthLabel()
	const e = d.enterprise
	const links = enterpriseLinks(e.id)
	return (
		<>
			{d.bureau ? <Breadcrumbs path={d.path} current={e.name} /> : null}
			<div className="page-head">
				<h1>{t('oversight:enterpriseHeading', { name: e.name })}</h1>
				<div className="actions">
					{d.bureau ? (
						<Link className="btn" to={`/enterprises/${e.id}`}>
							{t('oversight:enterpriseFile')}
						</Link>
					) : null}
					<Link className="btn" to={`/oversight/reports${d.bureau ? `?enterprise=${e.id}` : ''}`}>
						{t('oversight:reports')}
					</Link>
				</div>
			</div>
			<p className="muted" data-testid="ov-scope">
				{t('oversight:enterpriseLineTop', { year: d.year, period: periodName(t, d.period) })}
			</p>
			{d.flags.length ? (
				<section className="alert alert-warning ov-risk" data-testid="ov-risk">
					<p>
						<strong>{t('oversight:riskScore', { score: d.score })}</strong>
					</p>
					<FlagBadges flags={d.flags} />
				</section>
			) : null}
			<Headline f={d.figures} links={links} />
			{!d.bureau ? (
				<nav className="actions ov-shortcuts" aria-label={t('oversight:shortcuts')}>
					<Link className="btn" to="/training">
						{t('oversight:toTraining')}
					</Link>
					<Link className="btn" to="/retraining">
						{t('oversight:toRetraining')}
					</Link>
					<Link className="btn" to="/drills">
						{t('oversight:toDrills')}
					</Link>
					<Link className="btn" to="/credentials">
						{t('oversight:toCredentials')}
					</Link>
				</nav>
			) : null}
			<CoverageSection f={d.figures} links={links} year={d.year} />
			<ExamsSection f={d.figures} links={links} trends={d.trends} monthLabel={monthLabel} />
			<CasesSection f={d.figures} links={links} />
			<ViolationsSection f={d.figures} links={links} year={d.year} />
			<DrillsSection f={d.figures} links={links} period={d.period}>
				<AreaDrillGrid periods={d.matrix.periods} rows={d.matrix.rows} areaHref={(id) => (d.bureau ? `/drills/compliance/${e.id}` : `/areas/${id}`)} />
				<p className="ov-more">
					<Link to={d.bureau ? `/drills/compliance/${e.id}` : '/drills'}>{t('oversight:drillsLink')} →</Link>
				</p>
			</DrillsSection>
			<CredentialsSection f={d.figures} links={links} />
			<TrendsSection trends={d.trends} monthLabel={monthLabel} />
		</>
	)
}
