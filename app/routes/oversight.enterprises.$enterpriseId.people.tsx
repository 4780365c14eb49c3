import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listFigurePeople } from '~/domain/dashboard/dashboards.server.ts'
import { PEOPLE_FIGURES } from '~/domain/dashboard/figures.ts'
import { PeopleListSchema, type PeopleRow } from '~/domain/dashboard/lists.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { oversightErrorResponse } from './oversight.server.ts'

export const handle = { title: 'oversight:peopleTitle' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const q = PeopleListSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	try {
		const list = await listFigurePeople(actor, params.enterpriseId!, q)
		return { ...list, personLinks: !!actor.enterpriseId && actor.enterpriseId === list.enterprise.id }
	} catch (e) {
		oversightErrorResponse(e)
	}
}

function Detail({ figure, p }: { figure: string; p: PeopleRow }) {
	const { t } = useTranslation()
	switch (figure) {
		case 'overdue':
			return <span className="badge ov-detail badge-bad">{t('oversight:detail.overdue', { count: p.count ?? 0, date: p.date })}</span>
		case 'notMeeting':
			return <span className="badge ov-detail badge-warn">{t('oversight:detail.hours', { hours: p.hours ?? 0, required: p.requiredHours ?? 0 })}</span>
		case 'suspended':
			return <span className="badge ov-detail badge-SUSPENDED">{t('oversight:detail.cases', { count: p.count ?? 0 })}</span>
		case 'openCases':
			return <span className="badge ov-detail badge-warn">{t('oversight:detail.case', { state: t(`oversight:caseState.${p.code}`), date: p.date })}</span>
		case 'failedCourse':
		case 'failedChecks':
			return (
				<span className="badge ov-detail badge-bad">
					{t('oversight:detail.failed', { role: p.code ? t(`oversight:examineeRole.${p.code}`) : '', score: p.score ?? 0, date: p.date })}
				</span>
			)
		case 'violations':
			return <span className="badge ov-detail badge-warn">{t('oversight:detail.violation', { type: t(`oversight:violation.${p.code}`), date: p.date })}</span>
		case 'credentials': {
			const [state, type] = (p.code ?? ':').split(':')
			return (
				<span className={`badge ov-detail ${state === 'EXPIRED' || state === 'REVIEW_OVERDUE' ? 'badge-bad' : 'badge-warn'}`}>
					{t('oversight:detail.credential', { type: t(`credentials:type.${type}`), state: t(`oversight:credentialState.${state}`), date: p.date })}
				</span>
			)
		}
		case 'uncertified':
			return <span className="badge ov-detail badge-bad">{t('oversight:detail.uncertified', { type: t(`credentials:type.${p.code}`) })}</span>
		default:
			return null
	}
}

export default function FigurePeople() {
	const d = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const [params] = useSearchParams()
	const pageLink = (page: number) => {
		const next = new URLSearchParams(params)
		next.set('page', String(page))
		return `?${next}`
	}
	const groupLabel = d.group ? t(`oversight:group.${d.group}`) : null
	return (
		<>
			<p>
				<Link to={`/oversight/enterprises/${d.enterprise.id}`}>← {t('oversight:backToDashboard', { name: d.enterprise.name })}</Link>
			</p>
			<h1>{t(`oversight:figure.${d.figure}`, { year: d.year })}</h1>
			<p className="muted">
				{[d.enterprise.name, groupLabel, d.type ? t(`oversight:violation.${d.type}`) : null].filter(Boolean).join(' · ')} · {t('oversight:peopleCount', { count: d.total })}
			</p>
			<nav className="ov-tabs" aria-label={t('oversight:otherLists')}>
				{PEOPLE_FIGURES.map((f) => (
					<Link key={f} to={`?figure=${f}`} aria-current={f === d.figure ? 'page' : undefined} className={f === d.figure ? 'is-current' : ''}>
						{t(`oversight:figureShort.${f}`)}
					</Link>
				))}
			</nav>
			{d.people.length ? (
				<ul className="list" data-testid="figure-people">
					{d.people.map((p, i) => {
						const body = (
							<>
								<span className="row-main">
									<span className="row-title">{p.name}</span>
									<span className="row-sub">{[p.department, p.post, t(`employmentType.${p.employmentType}`)].filter(Boolean).join(' · ')}</span>
									<Detail figure={d.figure} p={p} />
								</span>
								{p.dutyStatus !== 'ON_POST' ? <span className={`badge badge-${p.dutyStatus}`}>{t(`dutyStatus.${p.dutyStatus}`)}</span> : null}
							</>
						)
						return (
							<li key={`${p.personId}-${i}`} data-person={p.name}>
								{d.personLinks ? (
									<Link className="row" to={`/roster/${p.personId}`}>
										{body}
									</Link>
								) : (
									<div className="row">{body}</div>
								)}
							</li>
						)
					})}
				</ul>
			) : (
				<p className="card muted">{t('oversight:nobody')}</p>
			)}
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
