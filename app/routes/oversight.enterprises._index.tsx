import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SelectField } from '~/components/form.tsx'
import { Breadcrumbs, FlagBadges, usePct } from '~/components/oversight.tsx'
import { listEnterprisesByFigure } from '~/domain/dashboard/dashboards.server.ts'
import { EnterpriseListSchema } from '~/domain/dashboard/lists.server.ts'
import { ENTERPRISE_SORTS, sortValue, type EnterpriseSort, type Summary } from '~/domain/dashboard/figures.ts'
import { requireRole } from '~/utils/auth.server.ts'
import { oversightErrorResponse } from './oversight.server.ts'

export const handle = { title: 'oversight:enterpriseListTitle' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'INSPECTOR', 'REGULATOR', 'ADMIN')
	const q = EnterpriseListSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	try {
		return await listEnterprisesByFigure(actor, q)
	} catch (e) {
		oversightErrorResponse(e)
	}
}

const RATE_SORTS: readonly EnterpriseSort[] = ['coverage', 'contractors', 'exams', 'suspended']

export default function EnterprisesByFigure() {
	const d = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const fmt = usePct()
	const [params] = useSearchParams()
	const value = (s: Summary) => {
		const v = sortValue(s, d.sort).value
		return RATE_SORTS.includes(d.sort) ? fmt(v) : String(v ?? 0)
	}
	const pageLink = (page: number) => {
		const next = new URLSearchParams(params)
		next.set('page', String(page))
		return `?${next}`
	}
	const name = (r: { name: string; nameEn: string }) => (i18n.language === 'en' ? r.nameEn : r.name)
	return (
		<>
			<Breadcrumbs path={d.path} current={t('oversight:enterpriseListTitle')} />
			<h1>{t('oversight:enterprisesBy', { figure: t(`oversight:sort.${d.sort}`) })}</h1>
			<Form method="get" className="filters">
				{d.region ? <input type="hidden" name="region" value={d.region.id} /> : null}
				<div className="wide">
					<SelectField label={t('oversight:sortLabel')} name="sort" defaultValue={d.sort} options={ENTERPRISE_SORTS.map((s) => ({ value: s, label: t(`oversight:sort.${s}`) }))} />
				</div>
				<button type="submit" className="btn btn-primary">
					{t('oversight:apply')}
				</button>
			</Form>
			<p className="muted">{t('oversight:enterpriseCount', { count: d.total, year: d.year })}</p>
			<ol className="list" data-testid="enterprise-ranking" start={(d.page - 1) * 50 + 1}>
				{d.enterprises.map((e) => (
					<li key={e.id}>
						<Link className="row" to={`/oversight/enterprises/${e.id}`} data-enterprise={e.name}>
							<span className="row-main">
								<span className="row-title">{e.name}</span>
								<span className="row-sub">
									{e.region ? `${name(e.region)} · ` : ''}
									{t('oversight:enterpriseLine', { people: e.summary.people, coverage: fmt(e.summary.coverage), overdue: e.summary.overduePeople, drills: e.summary.drillsOverdue })}
								</span>
								{d.sort === 'risk' ? <FlagBadges flags={e.flags} /> : null}
							</span>
							<span className="ov-score">{value(e.summary)}</span>
						</Link>
					</li>
				))}
			</ol>
			{d.pages > 1 ? (
				<nav className="page-head" aria-label={t('page', { page: d.page, pages: d.pages })}>
					{d.page > 1 ? <Link to={pageLink(d.page - 1)}>{t('previous')}</Link> : <span />}
					<span className="muted">{t('page', { page: d.page, pages: d.pages })}</span>
					{d.page < d.pages ? <Link to={pageLink(d.page + 1)}>{t('next')}</Link> : <span />}
				</nav>
			) : null}
		</>
	)
}
