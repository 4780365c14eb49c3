import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors } from '~/components/form.tsx'
import { Meter, useDuration } from '~/components/learning.tsx'
import { renderLessonHtml } from '~/domain/content/render.server.ts'
import { completeLesson, openLesson } from '~/domain/learning/study.server.ts'
import { HEARTBEAT_INTERVAL_SECONDS } from '~/domain/learning/study-time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'learning:reader' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	try {
		const r = await openLesson(actor, params.assignmentId!, params.lessonKey!)
		const { body, ...lesson } = r.lesson
		return { ...r, lesson, html: renderLessonHtml(body) }
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

const IntentSchema = z.object({ intent: z.enum(['complete']) })

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireActor(request)
	const parsed = parseForm(IntentSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const r = await completeLesson(actor, params.assignmentId!, params.lessonKey!)
		const base = `/learn/${params.assignmentId}`
		const to = !r.alreadyDone && r.nextKey ? `${base}/lesson/${r.nextKey}` : base
		return redirect(to, { headers: await flashHeaders({ key: r.alreadyDone ? 'learning:alreadyFinished' : 'learning:lessonCompleted' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

type Beat = { ok: true; seconds: number; secondsLeft: number } | { ok: false; closed: true }

/**
 * Reports to the server every HEARTBEAT_INTERVAL_SECONDS while the page is visible, sends a last
 * beat when it is hidden and a "resume" (credits nothing) when it is shown again. The server
 * alone decides what counts; the countdown here only mirrors its answers between beats.
 */
function useStudyClock(sessionId: string | null, initialLeft: number, initialSeconds: number) {
	const [left, setLeft] = useState(initialLeft)
	const [seconds, setSeconds] = useState(initialSeconds)
	const [closed, setClosed] = useState(false)
	useEffect(() => {
		setLeft(initialLeft)
		setSeconds(initialSeconds)
	}, [initialLeft, initialSeconds])
	useEffect(() => {
		if (!sessionId) return
		let stopped = false
		const scroll = () => {
			const max = document.documentElement.scrollHeight - window.innerHeight
			return max > 0 ? Math.min(1, Math.max(0, window.scrollY / max)) : 0
		}
		const body = (kind: 'beat' | 'resume') => {
			const f = new FormData()
			f.set('sessionId', sessionId)
			f.set('kind', kind)
			f.set('scroll', scroll().toFixed(3))
			return f
		}
		const send = async (kind: 'beat' | 'resume') => {
			if (stopped) return
			try {
				const res = await fetch('/learn/beat', { method: 'POST', body: body(kind), credentials: 'same-origin' })
				if (!res.ok) return
				const r = (await res.json()) as Beat
				if (!r.ok) {
					stopped = true
					setClosed(true)
					return
				}
				setLeft(r.secondsLeft)
				setSeconds(r.seconds)
			} catch {
				// Offline: the next beat credits the gap (up to the server's limit).
			}
		}
		const timer = window.setInterval(() => {
			if (document.visibilityState === 'visible') void send('beat')
		}, HEARTBEAT_INTERVAL_SECONDS * 1000)
		const tick = window.setInterval(() => {
			if (document.visibilityState === 'visible' && !stopped) setLeft((l) => Math.max(0, l - 1))
		}, 1000)
		const onVisibility = () => {
			if (document.visibilityState === 'hidden') navigator.sendBeacon?.('/learn/beat', body('beat'))
			else void send('resume')
		}
		document.addEventListener('visibilitychange', onVisibility)
		return () => {
			stopped = true
			window.clearInterval(timer)
			window.clearInterval(tick)
			document.removeEventListener('visibilitychange', onVisibility)
		}
	}, [sessionId])
	return { left, seconds, closed }
}

function useRestoreScroll(key: string, scroll: number) {
	useEffect(() => {
		if (scroll <= 0.02 || scroll >= 0.98) return
		const max = document.documentElement.scrollHeight - window.innerHeight
		if (max > 0) window.scrollTo(0, Math.round(max * scroll))
		// Only when a lesson is first shown, not on every revalidation.
	}, [key])
}

export default function LessonReader() {
	const d = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t, i18n } = useTranslation()
	const duration = useDuration()
	const en = i18n.language === 'en'
	const clock = useStudyClock(d.readOnly ? null : d.sessionId, d.secondsLeft, d.seconds)
	useRestoreScroll(`${d.assignmentId}/${d.lesson.key}`, d.scroll)
	const notice = en ? d.pack.noticeEn : d.pack.noticeZh
	const base = `/learn/${d.assignmentId}`
	const studiedPct = d.minSeconds > 0 ? Math.floor((Math.min(clock.seconds, d.minSeconds) / d.minSeconds) * 100) : 100
	return (
		<article className="reader">
			<p className="reader-crumb">
				<Link to={base}>← {en ? d.pack.titleEn : d.pack.titleZh}</Link>
			</p>
			<p className="muted small">
				{t('learning:lessonOf', { n: d.lesson.index + 1, count: d.lesson.count })} · {t('learning:aboutMinutes', { minutes: d.lesson.minutes })}
			</p>
			<h1>{en ? d.lesson.titleEn : d.lesson.titleZh}</h1>
			{notice ? (
				<div className="alert alert-warning pack-notice" role="note" data-testid="pack-notice">
					<p>{notice}</p>
				</div>
			) : null}
			<div className="lesson-body" dangerouslySetInnerHTML={{ __html: d.html }} />
			{d.lesson.sources.length ? (
				<aside className="lesson-sources small muted">
					<strong>{t('learning:sources')}</strong>
					<ul>
						{d.lesson.sources.map((s) => (
							<li key={s}>{s}</li>
						))}
					</ul>
				</aside>
			) : null}
			<section className="card study-box" data-testid="study-box">
				{d.completed ? (
					<p className="alert alert-success">{t('learning:lessonAlreadyDone')}</p>
				) : d.readOnly ? null : (
					<>
						<p className="small" aria-live="polite" data-testid="study-status">
							{clock.left > 0
								? t('learning:studyStatus', { studied: duration(clock.seconds), min: duration(d.minSeconds), left: duration(clock.left) })
								: t('learning:studyEnough', { studied: duration(clock.seconds) })}
						</p>
						<Meter value={studiedPct} label={t('learning:progress')} />
						{clock.closed ? <p className="alert alert-info">{t('learning:openElsewhere')}</p> : null}
						<FormErrors errors={actionData && !actionData.ok ? actionData.formErrors : undefined} />
						<Form method="post" replace preventScrollReset>
							<button type="submit" name="intent" value="complete" className="btn btn-primary btn-block" disabled={navigation.state === 'submitting'}>
								{t('learning:finishLesson')}
							</button>
						</Form>
						<p className="field-hint">{t('learning:finishHint')}</p>
					</>
				)}
			</section>
			<nav className="lesson-nav" aria-label={t('learning:lessonNav')}>
				{d.prevKey ? (
					<Link className="btn" to={`${base}/lesson/${d.prevKey}`} rel="prev">
						← {t('learning:prevLesson')}
					</Link>
				) : (
					<span />
				)}
				{d.nextKey ? (
					<Link className="btn" to={`${base}/lesson/${d.nextKey}`} rel="next">
						{t('learning:nextLesson')} →
					</Link>
				) : (
					<Link className="btn" to={base}>
						{t('learning:backToPack')}
					</Link>
				)}
			</nav>
		</article>
	)
}
