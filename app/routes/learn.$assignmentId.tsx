import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors } from '~/components/form.tsx'
import { Meter, ReasonBadge, StatusBadge, useDuration } from '~/components/learning.tsx'
import { listCourseExamAttempts, startCourseExam } from '~/domain/learning/course-exam.server.ts'
import { getMyAssignment } from '~/domain/learning/study.server.ts'
import { formatDateTime } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'learning:myLearning' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const locale = await getLocale(request)
	try {
		const a = await getMyAssignment(actor, params.assignmentId!)
		const attempts = await listCourseExamAttempts(actor, a.id)
		return {
			a,
			completedOn: a.completedAt ? formatDateTime(a.completedAt, locale) : null,
			attempts: attempts.map((x) => ({
				id: x.id,
				status: x.status,
				score: x.score,
				maxScore: x.maxScore,
				passed: x.passed,
				startedAt: formatDateTime(x.startedAt, locale),
			})),
		}
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

const IntentSchema = z.object({ intent: z.enum(['startExam']) })

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireActor(request)
	const parsed = parseForm(IntentSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const attemptId = await startCourseExam(actor, params.assignmentId!)
		return redirect(`/exam/${attemptId}`)
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function PackPage() {
	const { a, attempts, completedOn } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const nav = useNavigation()
	const { t, i18n } = useTranslation()
	const duration = useDuration()
	const en = i18n.language === 'en'
	const notice = en ? a.pack.noticeEn : a.pack.noticeZh
	const openAttempt = attempts.find((x) => x.status === 'IN_PROGRESS')
	return (
		<>
			<p>
				<Link to="/learn">← {t('learning:myLearning')}</Link>
			</p>
			<h1>{en ? a.pack.titleEn : a.pack.titleZh}</h1>
			<p className="muted small">
				<ReasonBadge reason={a.reason} /> <StatusBadge status={a.status} overdue={a.overdue} /> {t('learning:dueOn', { date: a.dueDate })} · {a.pack.edition}
			</p>
			{notice ? (
				<div className="alert alert-warning pack-notice" role="note" data-testid="pack-notice">
					<p>{notice}</p>
				</div>
			) : null}
			<section className="card">
				<p>{en ? a.pack.summaryEn : a.pack.summaryZh}</p>
				<p className="small muted">{t('learning:lessonsProgress', { done: a.lessonsDone, total: a.lessons.length })}</p>
				<Meter value={a.percent} label={t('learning:progress')} />
				{a.resumeKey && a.status !== 'COMPLETED' ? (
					<p style={{ marginTop: 12 }}>
						<Link className="btn btn-primary btn-block" to={`/learn/${a.id}/lesson/${a.resumeKey}`} data-testid="resume">
							{a.lessonsDone || a.lessons.some((l) => l.opened) ? t('learning:continue') : t('learning:start')}
						</Link>
					</p>
				) : null}
			</section>
			<h2>{t('learning:lessons')}</h2>
			<ol className="list lesson-list">
				{a.lessons.map((l, i) => (
					<li key={l.key}>
						<Link className="row" to={`/learn/${a.id}/lesson/${l.key}`}>
							<span className="row-main">
								<span className="row-title">
									{i + 1}. {en ? l.titleEn : l.titleZh}
								</span>
								<span className="row-sub">
									{t('learning:aboutMinutes', { minutes: l.minutes })}
									{l.opened && !l.completed ? ` · ${t('learning:studied', { time: duration(l.seconds) })}` : ''}
								</span>
							</span>
							{l.completed ? (
								<span className="badge badge-ok">{t('learning:lessonDone')}</span>
							) : l.opened ? (
								<span className="badge badge-info">{t('learning:lessonStarted')}</span>
							) : (
								<span className="badge">{t('learning:lessonNew')}</span>
							)}
						</Link>
					</li>
				))}
			</ol>
			<section className="card">
				<h2>{t('learning:practice')}</h2>
				<p className="small muted">{t('learning:practiceIntro', { count: a.pack.questions })}</p>
				<div className="actions">
					<Link className="btn" to={`/learn/${a.id}/practice`}>
						{t('learning:practiceStart')}
					</Link>
					<Link className="btn" to={`/learn/${a.id}/practice?mode=wrong`}>
						{t('learning:wrongBook')}
					</Link>
				</div>
			</section>
			<section className="card" data-testid="course-exam">
				<h2>{t('learning:courseExam')}</h2>
				<FormErrors errors={actionData && !actionData.ok ? actionData.formErrors : undefined} />
				{a.status === 'COMPLETED' ? (
					<p className="alert alert-success">{t('learning:examPassedOn', { date: completedOn })}</p>
				) : a.allLessonsDone ? (
					<Form method="post">
						<p className="small muted">{t('learning:examIntro')}</p>
						<button type="submit" name="intent" value="startExam" className="btn btn-primary btn-block" disabled={nav.state !== 'idle'}>
							{openAttempt ? t('learning:examResume') : attempts.length ? t('learning:examRetake') : t('learning:examStart')}
						</button>
					</Form>
				) : (
					<p className="muted">{t('learning:examLocked')}</p>
				)}
				{attempts.length ? (
					<ul className="list" style={{ marginTop: 12 }}>
						{attempts.map((x) => (
							<li key={x.id}>
								<Link className="row" to={`/exam/${x.id}`}>
									<span className="row-main">
										<span className="row-title">{x.startedAt}</span>
										<span className="row-sub">{x.status === 'IN_PROGRESS' ? t('learning:examInProgress') : t('learning:examScore', { score: x.score ?? 0, max: x.maxScore ?? 100 })}</span>
									</span>
									{x.status === 'IN_PROGRESS' ? null : x.passed ? (
										<span className="badge badge-ok">{t('learning:examPassed')}</span>
									) : (
										<span className="badge badge-bad">{t('learning:examFailed')}</span>
									)}
								</Link>
							</li>
						))}
					</ul>
				) : null}
			</section>
		</>
	)
}
