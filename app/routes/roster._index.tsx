import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, SelectField } from '~/components/form.tsx'
import { hasRole } from '~/domain/policy.ts'
import { DUTY_STATUSES, EMPLOYMENT_TYPES } from '~/domain/constants.ts'
import { getOrgLists, listPeople, PersonFilterSchema } from '~/domain/roster.server.ts'
import { credentialFlags } from '~/domain/credentials.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'

export const handle = { title: 'roster:title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	const filter = PersonFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const [result, org] = await Promise.all([listPeople(actor, filter), getOrgLists(actor.enterpriseId)])
	// issue 6: credential problems per listed person (持证上岗)
	const flags = await credentialFlags(actor.enterpriseId, result.people.map((p) => p.id), shanghaiDate(new Date()))
	return { ...result, departments: org.departments, posts: org.posts, canEdit: hasRole(actor, 'SAFETY_MANAGER'), flags, enterpriseId: actor.enterpriseId }
}

export default function Roster() {
	const { people, total, page, pages, departments, posts, canEdit, flags, enterpriseId } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
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
			<div className="page-head">
				<h1>{t('roster:title')}</h1>
				{canEdit ? (
					<div className="actions">
						<Link className="btn btn-primary" to="/roster/new">
							{t('roster:add')}
						</Link>
						<Link className="btn" to="/roster/import">
							{t('roster:import')}
						</Link>
						<Link className="btn" to="/organisation">
							{t('org:title')}
						</Link>
					</div>
				) : null}
			</div>
			<Form method="get" className="filters" role="search">
				<div className="wide">
					<Field label={t('roster:searchLabel')} name="q" type="search" defaultValue={params.get('q') ?? ''} placeholder={t('roster:searchPlaceholder')} />
				</div>
				<details className="more-filters" open={!!(params.get('department') || params.get('post') || params.get('type') || params.get('status') || params.get('contractor'))}>
					<summary>{t('roster:moreFilters')}</summary>
					<div className="filters-inner">
						<SelectField
							label={t('roster:department')}
							name="department"
							defaultValue={params.get('department') ?? ''}
							placeholder={t('all')}
							options={departments.map((d) => ({ value: d.id, label: d.name }))}
						/>
						<Field label={t('roster:post')} name="post" list="posts" defaultValue={params.get('post') ?? ''} />
						<datalist id="posts">
							{posts.map((p) => (
								<option key={p} value={p} />
							))}
						</datalist>
						<SelectField
							label={t('roster:employmentType')}
							name="type"
							defaultValue={params.get('type') ?? ''}
							placeholder={t('all')}
							options={EMPLOYMENT_TYPES.map((v) => ({ value: v, label: t(`employmentType.${v}`) }))}
						/>
						<SelectField
							label={t('roster:dutyStatus')}
							name="status"
							defaultValue={params.get('status') ?? ''}
							placeholder={t('dutyStatus.CURRENT')}
							options={[...DUTY_STATUSES, 'ALL' as const].map((v) => ({ value: v, label: t(`dutyStatus.${v}`) }))}
						/>
					</div>
				</details>
				<button type="submit" className="btn btn-primary">
					{t('filter')}
				</button>
			</Form>
			<div className="page-head">
				<p className="muted" aria-live="polite">
					{t('total', { count: total })}
				</p>
				<div className="actions">
					<a className="btn" href={`/roster/export?format=csv&${exportQuery}`} download>
						{t('roster:exportCsv')}
					</a>
					<a className="btn" href={`/roster/export?format=xlsx&${exportQuery}`} download>
						{t('roster:exportXlsx')}
					</a>
					<a className="btn" href={`/archives/${enterpriseId}`} download data-testid="archives-zip">
						{t('archives:bulk')}
					</a>
				</div>
			</div>
			{people.length ? (
				<ul className="list" data-testid="roster-list">
					{people.map((p) => (
						<li key={p.id}>
							<Link className="row" to={`/roster/${p.id}`}>
								<span className="row-main">
									<span className="row-title">{p.name}</span>
									<span className="row-sub">
										{[p.department?.name, p.post, t(`employmentType.${p.employmentType}`), p.contractor?.name].filter(Boolean).join(' · ')}
									</span>
								</span>
								<span className="row-badges">
									{flags[p.id] ? (
										<span className={`badge badge-${flags[p.id] === 'DUE' ? 'warn' : 'bad'}`} data-testid="credential-flag">
											{t(`credentials:flag.${flags[p.id]}`)}
										</span>
									) : null}
									<span className={`badge badge-${p.dutyStatus}`}>{t(`dutyStatus.${p.dutyStatus}`)}</span>
								</span>
							</Link>
						</li>
					))}
				</ul>
			) : (
				<p className="card muted">{t('roster:noneFound')}</p>
			)}
			{pages > 1 ? (
				<nav className="page-head" aria-label={t('common:page', { page, pages })}>
					{page > 1 ? <Link to={pageLink(page - 1)}>{t('previous')}</Link> : <span />}
					<span className="muted">{t('page', { page, pages })}</span>
					{page < pages ? <Link to={pageLink(page + 1)}>{t('next')}</Link> : <span />}
				</nav>
			) : null}
		</>
	)
}
