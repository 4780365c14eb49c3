import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DrillStatusBadge, periodLabel, useFormatDay } from '~/components/drills.tsx'
import { SelectField } from '~/components/form.tsx'
import { DRILL_KINDS, DRILL_STATUSES, matrixPeriods } from '~/domain/drills.ts'
import { DrillFilterSchema, listDrills } from '~/domain/drills.server.ts'
import { halfYearKey, halfYearOf, nextHalfYear, shanghaiDate } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { drillErrorResponse } from './drills.server.ts'

export const handle = { title: 'drills:list.title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const filter = DrillFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	try {
		const result = await listDrills(actor, filter)
		const now = new Date()
		const periods = [halfYearKey(nextHalfYear(halfYearOf(now))), ...matrixPeriods(now, 6).map(halfYearKey)]
		return { ...result, periods, bureau: !actor.enterpriseId }
	} catch (e) {
		throw drillErrorResponse(e)
	}
}

export default function DrillList() {
	const { drills, total, page, pages, areas, periods, enterprise, bureau } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const day = useFormatDay()
	const [params] = useSearchParams()
	const pageLink = (p: number) => {
		const next = new URLSearchParams(params)
		next.set('page', String(p))
		return `?${next}`
	}
	const exportQuery = new URLSearchParams(params)
	exportQuery.delete('page')
	return (
		<>
			<p>
				<Link to={bureau ? `/drills/compliance/${enterprise.id}` : '/drills'}>← {t('drills:title')}</Link>
			</p>
			<div className="page-head">
				<h1>{t('drills:list.title')}</h1>
				<a className="btn" href={`/drills/export?${exportQuery}`} download>
					{t('drills:list.export')}
				</a>
			</div>
			{bureau ? <p className="muted">{enterprise.name}</p> : null}
			<Form method="get" className="filters" role="search">
				{bureau ? <input type="hidden" name="enterprise" value={enterprise.id} /> : null}
				<SelectField label={t('drills:fields.area')} name="area" defaultValue={params.get('area') ?? ''} placeholder={t('all')} options={areas.map((a) => ({ value: a.id, label: a.name }))} />
				<SelectField label={t('drills:list.period')} name="period" defaultValue={params.get('period') ?? ''} placeholder={t('all')} options={periods.map((p) => ({ value: p, label: periodLabel(t, p) }))} />
				<SelectField label={t('drills:fields.kind')} name="kind" defaultValue={params.get('kind') ?? ''} placeholder={t('all')} options={DRILL_KINDS.map((k) => ({ value: k, label: t(`drills:kind.${k}`) }))} />
				<SelectField label={t('drills:list.status')} name="status" defaultValue={params.get('status') ?? ''} placeholder={t('all')} options={DRILL_STATUSES.map((s) => ({ value: s, label: t(`drills:status.${s}`) }))} />
				<button type="submit" className="btn btn-primary wide">
					{t('filter')}
				</button>
			</Form>
			<p className="muted">{t('total', { count: total })}</p>
			{drills.length ? (
				<ul className="list" data-testid="drill-list">
					{drills.map((d) => (
						<li key={d.id}>
							<Link className="row" to={`/drills/${d.id}`}>
								<span className="row-main">
									<span className="row-title">
										{d.area.name} · {t(`drills:kind.${d.kind}`)}
									</span>
									<span className="row-sub">
										{[periodLabel(t, d.period), d.alarmAt ? t('drills:list.heldOn', { date: day(shanghaiDate(d.alarmAt)) }) : t('drills:list.plannedFor', { date: day(d.plannedDate) }), d.form === 'TABLETOP' ? t('drills:form.TABLETOP') : null, d.openActions ? t('drills:list.openActions', { count: d.openActions }) : null]
											.filter(Boolean)
											.join(' · ')}
									</span>
								</span>
								<DrillStatusBadge status={d.status} />
							</Link>
						</li>
					))}
				</ul>
			) : (
				<p className="muted">{t('drills:list.empty')}</p>
			)}
			{pages > 1 ? (
				<nav className="actions" aria-label={t('page', { page, pages })}>
					{page > 1 ? (
						<Link className="btn" to={pageLink(page - 1)}>
							{t('previous')}
						</Link>
					) : null}
					<span className="muted">{t('page', { page, pages })}</span>
					{page < pages ? (
						<Link className="btn" to={pageLink(page + 1)}>
							{t('next')}
						</Link>
					) : null}
				</nav>
			) : null}
		</>
	)
}
