/**
 * Taking an exam on a phone: one question per screen, a progress bar, a question map.
 * Without JS every button is a plain form post that saves the shown answer, then moves on.
 * With JS answers are saved in the background as they are given (exam.$attemptId.save.ts),
 * queued in localStorage while offline, and the clock counts down from the server's deadline.
 * The loader never sends correct answers or explanations.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSubmit } from '@remix-run/react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors } from '~/components/form.tsx'
import { ExamShell, formatClock, useCountdown, useSaveQueue } from '~/components/exam.tsx'
import { resolveExamViewer } from '~/domain/exam/access.server.ts'
import { getAttemptForTaker, saveAnswer, submitAttempt } from '~/domain/exam/attempts.server.ts'
import { formatDateTime, shanghaiDate, shanghaiDateTimeParts } from '~/domain/time.ts'
import { parseForm, type Msg } from '~/utils/forms.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const meta: MetaFunction = () => [{ title: '安训 Anxun' }, { name: 'robots', content: 'noindex' }]

async function taker(request: Request, attemptId: string) {
	try {
		const viewer = await resolveExamViewer(request, attemptId)
		if (!viewer) throw redirect(`/login?redirectTo=${encodeURIComponent(`/exam/${attemptId}`)}`)
		if (viewer.kind === 'reviewer') throw redirect(`/exam/${attemptId}/result`)
		return viewer
	} catch (e) {
		if (e instanceof Response) throw e
		throw domainErrorResponse(e)
	}
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const attemptId = params.attemptId!
	const viewer = await taker(request, attemptId)
	const now = new Date()
	const view = await getAttemptForTaker(attemptId, viewer.personId, now).catch((e) => {
		throw domainErrorResponse(e)
	})
	if (view.status !== 'IN_PROGRESS') throw redirect(`/exam/${attemptId}/result`)
	const url = new URL(request.url)
	const q = Number(url.searchParams.get('q'))
	const current = Number.isInteger(q) && q >= 1 && q <= view.questionCount ? q - 1 : firstUnanswered(view.questions)
	const saved = Number(url.searchParams.get('saved'))
	const locale = await getLocale(request)
	return data(
		{
			view,
			current,
			confirm: url.searchParams.get('confirm') === '1',
			savedNo: Number.isInteger(saved) && saved >= 1 && saved <= view.questionCount ? saved : null,
			deadlineText: deadlineText(new Date(view.deadlineAt), now, locale),
		},
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

/** The deadline as a clock time when it is today (Shanghai), else with the date. */
function deadlineText(deadline: Date, now: Date, locale: 'zh-CN' | 'en'): string {
	if (shanghaiDate(deadline) !== shanghaiDate(now)) return formatDateTime(deadline, locale)
	const p = shanghaiDateTimeParts(deadline)
	return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
}

function firstUnanswered(questions: { chosen: string[] }[]): number {
	const i = questions.findIndex((q) => q.chosen.length === 0)
	return i < 0 ? 0 : i
}

const ExamFormSchema = z.object({
	intent: z.enum(['save', 'submit']),
	position: z.coerce.number().int().min(0).max(499).optional(),
	choice: z.array(z.string().regex(/^[A-FT]$/, 'exam:errors.badChoice')).max(6),
	to: z
		.string()
		.regex(/^(prev|next|confirm|\d{1,3})$/)
		.optional(),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const attemptId = params.attemptId!
	const viewer = await taker(request, attemptId)
	const parsed = parseForm(ExamFormSchema, await readFormData(request), ['choice'])
	if (!parsed.ok) return data(parsed, { status: 400 })
	const { intent, position, choice, to } = parsed.data
	const now = new Date()
	try {
		if (intent === 'submit') {
			// On a handed-over device (kiosk) the session is the inspector's: the person is not them.
			await submitAttempt({ attemptId, personId: viewer.personId, actorUserId: viewer.via === 'session' ? (viewer.actor?.userId ?? null) : null, now })
			return redirect(`/exam/${attemptId}/result`, 303)
		}
		if (position === undefined) return data({ ok: false as const, fieldErrors: {}, formErrors: [{ key: 'exam:errors.badPosition' }] }, { status: 400 })
		let savedNo: number | null = null
		if (choice.length > 0) {
			const r = await saveAnswer({ attemptId, personId: viewer.personId, position, choice, now })
			if (!r.ok) return redirect(`/exam/${attemptId}/result?late=1`, 303)
			savedNo = position + 1
		}
		const base = `/exam/${attemptId}`
		const savedParam = savedNo ? `&saved=${savedNo}` : ''
		if (to === 'confirm') return redirect(`${base}?q=${position + 1}&confirm=1${savedParam}`, 303)
		const target = to === 'prev' ? position : to === 'next' || to === undefined ? position + 2 : Number(to)
		return redirect(`${base}?q=${Math.max(1, target)}${savedParam}`, 303)
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function ExamPage() {
	const { view, current: initialCurrent, confirm, savedNo, deadlineText } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const submit = useSubmit()
	const formRef = useRef<HTMLFormElement>(null)
	const [hydrated, setHydrated] = useState(false)
	const [current, setCurrent] = useState(initialCurrent)
	const [answers, setAnswers] = useState<Record<number, string[]>>(() => Object.fromEntries(view.questions.map((q) => [q.position, q.chosen])))
	const [showConfirm, setShowConfirm] = useState(confirm || initialCurrent >= view.questionCount)
	const [submitting, setSubmitting] = useState<null | 'manual' | 'timeUp'>(null)
	const [waitMsg, setWaitMsg] = useState(false)
	const left = useCountdown(view.remainingMs)

	const onLate = useCallback(() => {
		window.location.assign(`/exam/${view.id}/result?late=1`)
	}, [view.id])
	const queue = useSaveQueue(view.id, onLate)

	useEffect(() => {
		setHydrated(true)
		// Answers still waiting on this device (offline, or the page was reloaded) win over the server's copy.
		const pending = queue.pendingEntries()
		if (pending.length) setAnswers((prev) => ({ ...prev, ...Object.fromEntries(pending.map((e) => [e.position, e.choice])) }))
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [])

	const goTo = useCallback(
		(i: number) => {
			const n = Math.min(Math.max(0, i), view.questionCount - 1)
			setCurrent(n)
			setShowConfirm(false)
			const url = new URL(window.location.href)
			url.searchParams.set('q', String(n + 1))
			url.searchParams.delete('saved')
			url.searchParams.delete('confirm')
			window.history.replaceState(window.history.state, '', url.pathname + url.search)
			window.scrollTo({ top: 0 })
		},
		[view.questionCount],
	)

	const doSubmitRef = useRef<(why: 'manual' | 'timeUp') => Promise<void>>(async () => {})
	const doSubmit = useCallback(
		async (why: 'manual' | 'timeUp') => {
			setSubmitting(why)
			const ok = await queue.flush()
			if (!ok) {
				if (why === 'manual') {
					setSubmitting(null)
					setWaitMsg(true)
					return
				}
				// Time is up but answers are still on the phone: keep sending them. The server takes
				// them during the grace period, or refuses and records them (then we go to the result).
				window.setTimeout(() => void doSubmitRef.current('timeUp'), 3000)
				return
			}
			submit({ intent: 'submit' }, { method: 'post', replace: true })
		},
		[queue, submit],
	)
	doSubmitRef.current = doSubmit

	useEffect(() => {
		if (hydrated && left === 0 && !submitting) void doSubmit('timeUp')
	}, [hydrated, left, submitting, doSubmit])

	const q = view.questions[Math.min(current, view.questionCount - 1)]!
	const answered = useMemo(() => Object.values(answers).filter((a) => a.length > 0).length, [answers])
	const unanswered = view.questionCount - answered
	const chosen = answers[q.position] ?? []

	function choose(key: string, checked: boolean) {
		const next = q.type === 'MULTIPLE' ? (checked ? [...chosen, key] : chosen.filter((k) => k !== key)).sort() : [key]
		setAnswers((prev) => ({ ...prev, [q.position]: next }))
		queue.enqueue(q.position, next)
	}

	/** With JS, navigation buttons move between questions locally; the answer is already queued. */
	function onNavClick(e: React.MouseEvent<HTMLButtonElement>) {
		if (!hydrated) return
		e.preventDefault()
		const to = e.currentTarget.value
		if (to === 'confirm') {
			setShowConfirm(true)
			window.scrollTo({ top: 0 })
		} else if (to === 'prev') goTo(q.position - 1)
		else if (to === 'next') (q.position + 1 >= view.questionCount ? setShowConfirm(true) : goTo(q.position + 1))
		else goTo(Number(to) - 1)
	}

	const errors = actionData && !actionData.ok ? actionData : undefined
	const name = i18n.language === 'en' ? view.blueprint.nameEn : view.blueprint.nameZh
	const typeLabel = t(`exam:type.${q.type}`)
	const timeUp = hydrated && left === 0
	return (
		<ExamShell title={name}>
			<div className="exam-status">
				<p className="exam-timer" role="timer" aria-live="off">
					{t('exam:remaining')} <strong data-testid="exam-clock">{formatClock(left)}</strong>
					<span className="muted small"> · {t('exam:deadlineAt', { time: deadlineText })}</span>
				</p>
				<div className="exam-progress" role="progressbar" aria-valuemin={0} aria-valuemax={view.questionCount} aria-valuenow={answered} aria-label={t('exam:progressLabel')}>
					<div style={{ width: `${(answered / Math.max(1, view.questionCount)) * 100}%` }} />
				</div>
				<p className="exam-save small" aria-live="polite" data-testid="save-state" data-state={hydrated ? queue.state : 'static'}>
					<span>{t('exam:answeredOf', { answered, total: view.questionCount })}</span>
					{' · '}
					{hydrated ? (
						<span className={`exam-save-${queue.state}`}>
							{queue.state === 'saved'
								? t('exam:save.saved')
								: queue.state === 'saving'
									? t('exam:save.saving')
									: queue.state === 'offline'
										? t('exam:save.offline', { count: queue.pending })
										: t('exam:save.error')}
						</span>
					) : savedNo ? (
						<span className="exam-save-saved">{t('exam:save.savedNo', { n: savedNo })}</span>
					) : (
						<span>{t('exam:save.eachPost')}</span>
					)}
				</p>
			</div>
			<FormErrors errors={errors ? [...(errors.formErrors as Msg[]), ...(Object.values(errors.fieldErrors) as Msg[][]).flat()] : undefined} />
			{timeUp ? <p className="alert alert-warning">{t('exam:timeUp')}</p> : null}

			{showConfirm ? (
				<section className="card exam-confirm" data-testid="exam-confirm">
					<h2>{t('exam:confirm.title')}</h2>
					<p>{unanswered > 0 ? t('exam:confirm.unanswered', { count: unanswered }) : t('exam:confirm.allAnswered')}</p>
					{hydrated && queue.pending > 0 ? <p className="alert alert-warning">{t('exam:confirm.pending', { count: queue.pending })}</p> : null}
					{waitMsg ? <p className="alert alert-error">{t('exam:confirm.notSent')}</p> : null}
					<Form method="post" replace onSubmit={(e) => {
						if (!hydrated) return
						e.preventDefault()
						void doSubmit('manual')
					}}>
						<input type="hidden" name="intent" value="submit" />
						<button type="submit" className="btn btn-primary btn-block" disabled={!!submitting}>
							{submitting ? t('exam:confirm.submitting') : t('exam:confirm.submit')}
						</button>
					</Form>
					<p>
						<a className="btn btn-block exam-back" href={`?q=${q.position + 1}`} onClick={(e) => {
							if (!hydrated) return
							e.preventDefault()
							goTo(q.position)
						}}>
							{t('exam:confirm.back')}
						</a>
					</p>
				</section>
			) : null}

			<Form method="post" ref={formRef} className={`card exam-q${showConfirm ? ' exam-q-dim' : ''}`} data-testid="exam-question" replace>
				<input type="hidden" name="intent" value="save" />
				<input type="hidden" name="position" value={q.position} />
				<p className="exam-q-head">
					{t('exam:questionOf', { n: q.position + 1, total: view.questionCount })} · {typeLabel} · {t('exam:points', { points: q.points })}
				</p>
				<fieldset className="exam-fieldset">
					<legend className="exam-stem">{q.stem}</legend>
					{q.type === 'MULTIPLE' ? <p className="muted small exam-hint">{t('exam:multipleHint')}</p> : null}
					{q.options.map((o) => (
						<label key={`${q.position}-${o.key}`} className={`exam-opt${chosen.includes(o.key) ? ' is-chosen' : ''}`}>
							<input
								type={q.type === 'MULTIPLE' ? 'checkbox' : 'radio'}
								name="choice"
								value={o.key}
								checked={chosen.includes(o.key)}
								onChange={(e) => choose(o.key, e.currentTarget.checked)}
								disabled={!!submitting}
							/>
							<span className="exam-opt-key" aria-hidden="true">
								{q.type === 'TRUEFALSE' ? (o.key === 'T' ? '✓' : '✗') : o.key}
							</span>
							<span className="exam-opt-text">{q.type === 'TRUEFALSE' ? t(`exam:tf.${o.key}`) : o.text}</span>
						</label>
					))}
				</fieldset>
				<div className="exam-nav">
					<button type="submit" name="to" value="prev" className="btn" disabled={q.position === 0} onClick={onNavClick}>
						{t('exam:prev')}
					</button>
					{q.position + 1 < view.questionCount ? (
						<button type="submit" name="to" value="next" className="btn btn-primary" onClick={onNavClick}>
							{hydrated ? t('exam:next') : t('exam:saveNext')}
						</button>
					) : (
						<button type="submit" name="to" value="confirm" className="btn btn-primary" onClick={onNavClick}>
							{hydrated ? t('exam:toSubmit') : t('exam:saveSubmit')}
						</button>
					)}
				</div>
				<details className="exam-map" open>
					<summary>{t('exam:map')}</summary>
					<div className="exam-map-grid">
						{view.questions.map((x) => {
							const done = (answers[x.position] ?? []).length > 0
							return (
								<button
									key={x.position}
									type="submit"
									name="to"
									value={x.position + 1}
									onClick={onNavClick}
									className={`exam-map-item${done ? ' is-done' : ''}${x.position === q.position ? ' is-current' : ''}`}
									aria-current={x.position === q.position ? 'step' : undefined}
									aria-label={t(done ? 'exam:mapItemDone' : 'exam:mapItem', { n: x.position + 1 })}
								>
									{x.position + 1}
								</button>
							)
						})}
					</div>
				</details>
				{!showConfirm ? (
					<button type="submit" name="to" value="confirm" className="btn btn-block exam-submit" onClick={onNavClick}>
						{t('exam:submit')}
					</button>
				) : null}
			</Form>
			<noscript>
				<p className="muted small">{t('exam:noscript', { time: deadlineText })}</p>
			</noscript>
		</ExamShell>
	)
}

export { ErrorBoundary } from '~/components/exam.tsx'
