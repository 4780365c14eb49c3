import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ComplianceBadge, periodLabel } from '~/components/drills.tsx'
import { getRegionOversight } from '~/domain/drills.server.ts'
import { requireRole } from '~/utils/auth.server.ts'
import { drillErrorResponse } from './drills.server.ts'

export const handle = { title: 'drills:oversight.title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'INSPECTOR', 'REGULATOR', 'ADMIN')
	try {
		return await getRegionOversight(actor)
	} catch (e) {
		throw drillErrorResponse(e)
	}
}

export default function Oversight() {
	const { period, enterprises } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	return (
		<>
			<h1>{t('drills:oversight.title')}</h1>
			<p className="muted">{t('drills:oversight.intro', { period: periodLabel(t, period) })}</p>
			{enterprises.length ? (
				<ul className="list" data-testid="oversight-list">
					{enterprises.map((e) => (
						<li key={e.id} data-enterprise={e.name}>
							<Link className="row" to={`/drills/compliance/${e.id}`}>
								<span className="row-main">
									<span className="row-title">{e.name}</span>
									<span className="row-sub">
										{i18n.language === 'en' ? e.region.nameEn : e.region.name}
										{e.overdueAreas.length ? ` · ${t('drills:oversight.overdueAreas', { names: e.overdueAreas.join('、') })}` : ''}
									</span>
								</span>
								<span className="drill-inline-counts">
									{(['OVERDUE', 'DUE', 'SCHEDULED', 'DONE'] as const)
										.filter((s) => e.counts[s] > 0)
										.map((s) => (
											<span key={s}>
												<ComplianceBadge status={s} /> {e.counts[s]}
											</span>
										))}
								</span>
							</Link>
						</li>
					))}
				</ul>
			) : (
				<p className="muted">{t('empty')}</p>
			)}
		</>
	)
}
