import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PersonName } from '~/components/person-name.tsx'
import { canRunInspections, listInspections } from '~/domain/inspections.server.ts'
import { escalatedCases } from '~/domain/retraining.server.ts'
import { formatDate } from '~/domain/time.ts'
import { requireRole } from '~/utils/auth.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'

export const handle = { title: 'inspections:title' }

export async function loader({ request }: LoaderFunctionArgs) {
	// Regulators of the region read the inspections; only inspectors start them.
	const actor = await requireRole(request, 'INSPECTOR', 'REGULATOR', 'ADMIN')
	const locale = await getLocale(request)
	const [inspections, escalated] = await Promise.all([listInspections(actor), escalatedCases(actor)])
	return {
		canRun: canRunInspections(actor),
		inspections,
		escalated: escalated.map((c) => ({ ...c, escalatedAt: c.escalatedAt ? formatDate(c.escalatedAt, locale) : '' })),
	}
}

export default function Inspections() {
	const { canRun, inspections, escalated } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<>
			<div className="page-head">
				<h1>{t('inspections:title')}</h1>
				{canRun ? (
					<Link className="btn btn-primary" to="/inspections/new">
						{t('inspections:new')}
					</Link>
				) : null}
			</div>
			<p className="muted">{t('inspections:intro')}</p>
			{escalated.length ? (
				<section className="card" data-testid="escalated-cases">
					<h2>{t('retraining:escalatedTitle')}</h2>
					<p className="small muted">{t('retraining:escalatedIntro')}</p>
					<ul className="list">
						{escalated.map((c) => (
							<li key={c.id}>
								<Link className="row" to={`/retraining/${c.id}`}>
									<span className="row-main">
										<span className="row-title">
											<PersonName name={c.person.name} dutyStatus={c.person.dutyStatus} />
										</span>
										<span className="row-sub">
											{[c.enterprise.name, c.person.post, t(`retraining:trigger.${c.trigger}`), c.escalatedAt].filter(Boolean).join(' · ')}
										</span>
									</span>
									<span className="badge badge-bad">{t('retraining:state.ESCALATED')}</span>
								</Link>
							</li>
						))}
					</ul>
				</section>
			) : null}
			{inspections.length ? (
				<ul className="list" data-testid="inspection-list">
					{inspections.map((i) => (
						<li key={i.id}>
							<Link className="row" to={`/inspections/${i.id}`}>
								<span className="row-main">
									<span className="row-title">{i.enterprise.name}</span>
									<span className="row-sub">
										{[i.date, t(`inspections:method.${i.method}`), i.drawnAt ? t('inspections:listCounts', i.counts) : t('inspections:notDrawn')].join(' · ')}
									</span>
								</span>
								<span className="actions">
									{i.hiddenDanger ? <span className="badge badge-bad">{t('inspections:hiddenDangerShort')}</span> : null}
									<span className={`badge ${i.closedAt ? '' : 'badge-info'}`}>{t(i.closedAt ? 'inspections:closedBadge' : 'inspections:openBadge')}</span>
								</span>
							</Link>
						</li>
					))}
				</ul>
			) : (
				<p className="card muted">{t('inspections:none')}</p>
			)}
		</>
	)
}
