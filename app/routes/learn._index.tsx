import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { HoursMeter, ReasonBadge } from '~/components/learning.tsx'
import { listMyAssignments } from '~/domain/learning/study.server.ts'
import { getMyHours } from '~/domain/learning/training.server.ts'
import { formatDate } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'

export const handle = { title: 'learning:myLearning' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const locale = await getLocale(request)
	try {
		const [list, hours] = await Promise.all([listMyAssignments(actor), getMyHours(actor)])
		return {
			open: list.open,
			done: list.done.map((a) => ({ ...a, completedOn: a.completedAt ? formatDate(a.completedAt, locale) : null })),
			hours,
		}
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

export default function MyLearning() {
	const { open, done, hours } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	return (
		<>
			<div className="page-head">
				<h1>{t('learning:myLearning')}</h1>
				<Link className="btn" to="/learn/sign">
					{t('learning:classSignIn')}
				</Link>
			</div>
			<HoursMeter year={hours.year} ledger={hours.ledger} requirement={hours.requirement} testId="my-hours" />
			<h2>{t('learning:toDo')}</h2>
			{open.length ? (
				<ul className="list" data-testid="my-assignments">
					{open.map((a) => (
						<li key={a.id}>
							<Link className="row" to={`/learn/${a.id}`}>
								<span className="row-main">
									<span className="row-title">{en ? a.pack.titleEn : a.pack.titleZh}</span>
									<span className="row-sub">
										<ReasonBadge reason={a.reason} /> {t('learning:dueOn', { date: a.dueDate })} · {t('learning:lessonsProgress', { done: a.lessonsDone, total: a.lessonsTotal })}
									</span>
									<span className="progress-meter" aria-hidden="true">
										<span style={{ width: `${a.percent}%` }} />
									</span>
								</span>
								{a.overdue ? (
									<span className="badge badge-bad">{t('learning:overdue')}</span>
								) : (
									<span className="badge badge-info">{a.percent}%</span>
								)}
							</Link>
						</li>
					))}
				</ul>
			) : (
				<p className="card muted">{t('learning:nothingToDo')}</p>
			)}
			{done.length ? (
				<>
					<h2>{t('learning:finished')}</h2>
					<ul className="list">
						{done.map((a) => (
							<li key={a.id}>
								<Link className="row" to={`/learn/${a.id}`}>
									<span className="row-main">
										<span className="row-title">{en ? a.pack.titleEn : a.pack.titleZh}</span>
										<span className="row-sub">
											<ReasonBadge reason={a.reason} /> {a.completedOn ? t('learning:completedOn', { date: a.completedOn }) : null}
										</span>
									</span>
									<span className="badge badge-ok">{t('learning:status.COMPLETED')}</span>
								</Link>
							</li>
						))}
					</ul>
				</>
			) : null}
		</>
	)
}
