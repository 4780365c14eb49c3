/** "My exams": the signed-in person's papers — the one in progress first, then results. */
import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listAttemptsForPerson } from '~/domain/exam/attempts.server.ts'
import { formatDateTime } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'

export const handle = { title: 'exam:my.title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	if (!actor.personId) throw new Response('Forbidden', { status: 403 })
	const locale = await getLocale(request)
	const rows = await listAttemptsForPerson(actor.personId)
	return {
		attempts: rows.map((a) => ({
			id: a.id,
			purpose: a.purpose,
			status: a.status,
			name: locale === 'en' ? a.blueprint.nameEn : a.blueprint.nameZh,
			when: formatDateTime(a.startedAt, locale),
			deadline: formatDateTime(a.deadlineAt, locale),
			score: a.score,
			maxScore: a.maxScore,
			passed: a.passed,
			questionCount: a.questionCount,
		})),
	}
}

export default function MyExams() {
	const { attempts } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const open = attempts.filter((a) => a.status === 'IN_PROGRESS')
	const done = attempts.filter((a) => a.status !== 'IN_PROGRESS')
	return (
		<>
			<h1>{t('exam:my.title')}</h1>
			{open.map((a) => (
				<section key={a.id} className="card" data-testid="exam-open">
					<h2>{a.name}</h2>
					<p className="muted">
						{t(`exam:purpose.${a.purpose}`)} · {t('exam:my.questions', { count: a.questionCount })} · {t('exam:deadlineAt', { time: a.deadline })}
					</p>
					<Link className="btn btn-primary btn-block" to={`/exam/${a.id}`}>
						{t('exam:my.continue')}
					</Link>
				</section>
			))}
			<h2>{t('exam:my.history')}</h2>
			{done.length === 0 ? (
				<p className="card muted">{t('exam:my.none')}</p>
			) : (
				<ul className="list">
					{done.map((a) => (
						<li key={a.id}>
							<Link className="row" to={`/exam/${a.id}/result`}>
								<span className="row-main">
									<span className="row-title">{a.name}</span>
									<span className="row-sub">
										{t(`exam:purpose.${a.purpose}`)} · {a.when}
									</span>
								</span>
								<span className="nowrap">
									<strong>{a.score}</strong>{' '}
									<span className={`badge ${a.passed ? 'badge-ok' : 'badge-bad'}`}>{t(a.passed ? 'exam:result.passed' : 'exam:result.failed')}</span>
								</span>
							</Link>
						</li>
					))}
				</ul>
			)}
		</>
	)
}
