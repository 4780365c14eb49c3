/**
 * The result of a closed attempt: score, pass/fail, flags, and a review of the wrong answers
 * with the correct ones and explanations. For the person who sat it and for reviewers in scope
 * (./app/domain/exam/access.server.ts); never before the attempt is closed.
 */
import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ExamShell, formatClock, useClearQueue } from '~/components/exam.tsx'
import { resolveExamViewer } from '~/domain/exam/access.server.ts'
import { getAttemptResult } from '~/domain/exam/attempts.server.ts'
import { RuleError } from '~/domain/roster.server.ts'
import { formatDateTime } from '~/domain/time.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'

export const meta: MetaFunction = () => [{ title: '安训 Anxun' }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const attemptId = params.attemptId!
	const url = new URL(request.url)
	let viewer
	try {
		viewer = await resolveExamViewer(request, attemptId)
	} catch (e) {
		throw domainErrorResponse(e)
	}
	if (!viewer) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname)}`)
	let result
	try {
		result = await getAttemptResult(attemptId)
	} catch (e) {
		if (e instanceof RuleError) throw redirect(`/exam/${attemptId}`)
		throw domainErrorResponse(e)
	}
	const locale = await getLocale(request)
	const back = viewer.kind === 'taker' && viewer.returnTo ? viewer.returnTo : viewer.kind === 'reviewer' || viewer.actor ? '/home' : null
	return data(
		{
			result,
			reviewer: viewer.kind === 'reviewer',
			showAll: url.searchParams.get('all') === '1',
			late: url.searchParams.get('late') === '1',
			back,
			submittedText: formatDateTime(new Date(result.submittedAt), locale),
		},
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

export default function ExamResult() {
	const { result, reviewer, showAll, late, back, submittedText } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	useClearQueue(result.id)
	const name = i18n.language === 'en' ? result.blueprint.nameEn : result.blueprint.nameZh
	const shown = showAll ? result.questions : result.questions.filter((q) => !q.correct)
	return (
		<ExamShell title={name}>
			<h1>{t('exam:result.title')}</h1>
			{reviewer ? <p className="muted">{t('exam:result.examinee', { name: result.person.name })}</p> : null}
			{late || result.lateAnswers > 0 ? <p className="alert alert-warning">{t('exam:result.late', { count: result.lateAnswers })}</p> : null}
			<section className={`card exam-score ${result.passed ? 'is-pass' : 'is-fail'}`} data-testid="exam-score">
				<p className="exam-score-num">
					<strong>{result.score}</strong> <span className="muted">/ {result.maxScore}</span>
				</p>
				<p>
					<span className={`badge ${result.passed ? 'badge-ok' : 'badge-bad'}`} data-testid="exam-verdict">
						{t(result.passed ? 'exam:result.passed' : 'exam:result.failed')}
					</span>{' '}
					<span className="muted small">{t('exam:result.passMark', { mark: result.passMark })}</span>
				</p>
				<dl className="facts">
					<dt>{t('exam:result.status')}</dt>
					<dd>{t(`exam:status.${result.status}`)}</dd>
					<dt>{t('exam:result.submittedAt')}</dt>
					<dd>{submittedText}</dd>
					<dt>{t('exam:result.duration')}</dt>
					<dd>{formatClock(result.durationSeconds * 1000)}</dd>
					<dt>{t('exam:result.answered')}</dt>
					<dd>{t('exam:result.answeredValue', { answered: result.answeredCount, total: result.questionCount, correct: result.correctCount })}</dd>
				</dl>
				{result.flags.includes('TOO_FAST') ? <p className="alert alert-warning exam-flag">{t('exam:flag.TOO_FAST')}</p> : null}
			</section>

			<section>
				<div className="page-head">
					<h2>{t(showAll ? 'exam:result.allQuestions' : 'exam:result.wrongQuestions', { count: shown.length })}</h2>
					<a href={showAll ? '?' : '?all=1'} className="btn btn-link">
						{t(showAll ? 'exam:result.showWrong' : 'exam:result.showAll')}
					</a>
				</div>
				{shown.length === 0 ? <p className="card">{t('exam:result.noneWrong')}</p> : null}
				<ol className="exam-review">
					{shown.map((q) => (
						<li key={q.position} className={`card exam-review-item ${q.correct ? 'is-right' : 'is-wrong'}`} data-testid="review-item">
							<p className="exam-q-head">
								{t('exam:questionOf', { n: q.position + 1, total: result.questionCount })} · {t(`exam:type.${q.type}`)} ·{' '}
								{t('exam:earned', { earned: q.earned, points: q.points })}
							</p>
							<p className="exam-stem">{q.stem}</p>
							<ul className="exam-review-opts">
								{q.options.map((o) => {
									const mine = q.chosen.includes(o.key)
									const right = q.answer.includes(o.key)
									return (
										<li key={o.key} className={`${right ? 'is-answer' : ''}${mine ? ' is-mine' : ''}`}>
											<span className="exam-opt-key">{q.type === 'TRUEFALSE' ? (o.key === 'T' ? '✓' : '✗') : o.key}</span>
											<span>{q.type === 'TRUEFALSE' ? t(`exam:tf.${o.key}`) : o.text}</span>
											{right ? <span className="badge badge-ok">{t('exam:result.correctAnswer')}</span> : null}
											{mine ? <span className={`badge ${right ? 'badge-info' : 'badge-bad'}`}>{t('exam:result.yourAnswer')}</span> : null}
										</li>
									)
								})}
							</ul>
							{q.chosen.length === 0 ? <p className="muted small">{t('exam:result.unanswered')}</p> : null}
							<div className="exam-explain">
								<p>
									<strong>{t('exam:result.explanation')}</strong> {q.explanation}
								</p>
								<p className="muted small">
									{t('exam:result.source')} {q.source}
								</p>
							</div>
						</li>
					))}
				</ol>
			</section>
			{back ? (
				<p>
					<a className="btn btn-primary btn-block" href={back}>
						{t('exam:result.back')}
					</a>
				</p>
			) : (
				<p className="muted">{t('exam:result.doneNoAccount')}</p>
			)}
		</ExamShell>
	)
}

export { ErrorBoundary } from '~/components/exam.tsx'
