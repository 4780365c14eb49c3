import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormErrors } from '~/components/form.tsx'
import { PersonName } from '~/components/person-name.tsx'
import { hasRole } from '~/domain/policy.ts'
import { getCase, reopenCase, RequiredHoursSchema, setRequiredHours, startReexam, startTraining } from '~/domain/retraining.server.ts'
import { formatDate, formatDateTime } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'retraining:case' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	try {
		const d = await getCase(actor, params.caseId!)
		const locale = await getLocale(request)
		return {
			...d,
			locale,
			canEditHours: d.as === 'MANAGER' && ['OPEN', 'TRAINING', 'READY_FOR_EXAM'].includes(d.case.state),
			canReopen: d.as === 'PRINCIPAL' && hasRole(actor, 'PRINCIPAL') && d.case.state === 'ESCALATED',
			case: {
				...d.case,
				openedAt: formatDate(d.case.openedAt, locale),
				clearedAt: d.case.clearedAt ? formatDateTime(d.case.clearedAt, locale) : null,
				escalatedAt: d.case.escalatedAt ? formatDateTime(d.case.escalatedAt, locale) : null,
			},
			attempts: d.attempts.map((a) => ({ ...a, startedAt: formatDateTime(a.startedAt, locale) })),
			history: d.history.map((h) => ({ id: h.id, at: formatDateTime(h.at, locale), action: h.action, data: h.data })),
		}
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

const IntentSchema = z.object({ intent: z.enum(['start', 'reexam', 'hours', 'reopen']) })

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireActor(request)
	const form = await readFormData(request)
	const intent = parseForm(IntentSchema, form)
	if (!intent.ok) return data(intent, { status: 400 })
	const id = params.caseId!
	const back = async (key: string) => redirect(`/retraining/${id}`, { headers: await flashHeaders({ key }) })
	try {
		switch (intent.data.intent) {
			case 'start':
				await startTraining(actor, id)
				return back('retraining:started')
			case 'reexam': {
				const attemptId = await startReexam(actor, id)
				return redirect(`/exam/${attemptId}`)
			}
			case 'hours': {
				if (!actor.enterpriseId || !hasRole(actor, 'SAFETY_MANAGER')) throw new Response('Forbidden', { status: 403 })
				const parsed = parseForm(RequiredHoursSchema, form)
				if (!parsed.ok) return data(parsed, { status: 400 })
				await setRequiredHours(actor as typeof actor & { enterpriseId: string }, id, parsed.data.hours)
				return back('retraining:hoursSaved')
			}
			case 'reopen':
				if (!actor.enterpriseId || !hasRole(actor, 'PRINCIPAL')) throw new Response('Forbidden', { status: 403 })
				await reopenCase(actor as typeof actor & { enterpriseId: string }, id)
				return back('retraining:reopened')
		}
	} catch (e) {
		return domainErrorResponse(e)
	}
}

const STATE_BADGE: Record<string, string> = { OPEN: 'badge-warn', TRAINING: 'badge-info', READY_FOR_EXAM: 'badge-info', CLEARED: 'badge-ok', ESCALATED: 'badge-bad' }
const STEPS = ['OPEN', 'TRAINING', 'READY_FOR_EXAM', 'CLEARED'] as const

function hours(minutes: number) {
	return Math.round((minutes / 60) * 10) / 10
}

export default function CasePage() {
	const d = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	const { t, i18n } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	const c = d.case
	const self = d.as === 'SELF'
	const p = d.progress
	const stepIndex = c.state === 'ESCALATED' ? 2 : STEPS.indexOf(c.state as (typeof STEPS)[number])
	const percent = Math.min(100, Math.round((p.minutesDone / Math.max(1, p.minutesRequired)) * 100))
	return (
		<>
			{!self ? (
				<p>
					<Link to={d.as === 'REGION' ? '/inspections' : '/retraining'}>← {t('retraining:title')}</Link>
				</p>
			) : null}
			<div className="page-head">
				<h1>
					{self ? t('retraining:myCaseTitle') : <PersonName name={c.person.name} dutyStatus={c.person.dutyStatus} always />}
				</h1>
				<span className={`badge ${STATE_BADGE[c.state]}`} data-testid="case-state">
					{t(`retraining:state.${c.state}`)}
				</span>
			</div>
			{self ? (
				<p className={c.state === 'CLEARED' ? 'alert alert-success' : 'alert alert-error'} data-testid="self-status">
					{c.state === 'CLEARED' ? t('retraining:selfCleared') : t('retraining:selfSuspended')}
				</p>
			) : null}
			<FormErrors errors={errors?.formErrors} />

			<ol className="case-steps" aria-label={t('retraining:stepsLabel')}>
				{STEPS.map((s, i) => (
					<li key={s} className={i < stepIndex || c.state === 'CLEARED' ? 'done' : i === stepIndex ? 'current' : ''}>
						{t(`retraining:state.${s}`)}
					</li>
				))}
			</ol>

			<section className="card">
				<dl className="facts">
					<dt>{t('retraining:triggerLabel')}</dt>
					<dd>
						{t(`retraining:trigger.${c.trigger}`)}
						{d.source?.kind === 'violation' ? (
							<>
								{' · '}
								<Link to={`/violations/${d.source.id}`}>{t(`violations:types.${d.source.type}`)}</Link>
							</>
						) : null}
						{d.source?.kind === 'inspection' ? <> · {t('retraining:fromInspection', { date: d.source.date })}</> : null}
					</dd>
					{!self ? (
						<>
							<dt>{t('retraining:enterprise')}</dt>
							<dd>{c.enterprise.name}</dd>
							<dt>{t('roster:post')}</dt>
							<dd>{c.person.post || t('none')}</dd>
						</>
					) : null}
					<dt>{t('retraining:openedAt')}</dt>
					<dd>
						{c.openedAt} · {t('retraining:age', { count: c.ageDays })}
					</dd>
					<dt>{t('retraining:failedReexams')}</dt>
					<dd>{c.failedReexams}</dd>
					{c.escalatedAt ? (
						<>
							<dt>{t('retraining:escalatedAt')}</dt>
							<dd>{c.escalatedAt}</dd>
						</>
					) : null}
					{c.clearedAt ? (
						<>
							<dt>{t('retraining:clearedAt')}</dt>
							<dd>{c.clearedAt}</dd>
						</>
					) : null}
				</dl>
			</section>

			{c.state === 'ESCALATED' ? <p className="alert alert-error">{t('retraining:escalatedNote')}</p> : null}

			<section className="card" data-testid="tasks">
				<h2>{t('retraining:tasks')}</h2>
				{self && c.state === 'OPEN' ? (
					<Form method="post" className="actions">
						<button type="submit" name="intent" value="start" className="btn btn-primary btn-block" disabled={busy}>
							{t('retraining:startTraining')}
						</button>
					</Form>
				) : null}
				<h3>{t('retraining:packsTitle')}</h3>
				<ul className="list">
					{p.packs.map((pk) => (
						<li key={pk.packId} data-testid="task-pack" data-done={pk.done ? 'yes' : 'no'}>
							<div className="row">
								<span className="row-main">
									<span className="row-title">{i18n.language === 'en' ? pk.title.titleEn : pk.title.titleZh}</span>
								</span>
								{pk.done ? (
									<span className="badge badge-ok">{t('retraining:done')}</span>
								) : self && pk.assignmentId ? (
									<Link className="btn" to={`/learn/${pk.assignmentId}`}>
										{t('retraining:study')}
									</Link>
								) : (
									<span className="badge badge-warn">{t('retraining:todo')}</span>
								)}
							</div>
						</li>
					))}
				</ul>
				<h3>{t('retraining:hoursTitle')}</h3>
				<p data-testid="task-hours">
					{t('retraining:hoursValue', { done: hours(p.minutesDone), required: hours(p.minutesRequired) })}
				</p>
				<div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
					<span style={{ width: `${percent}%` }} />
				</div>
				<p className="small muted">{t('retraining:hoursHint')}</p>
				{p.met ? null : (
					<p className="small" data-testid="remaining">
						{t('retraining:remaining', { packs: p.remaining.packs.length, hours: hours(p.remaining.minutes) })}
					</p>
				)}
				<h3>{t('retraining:reexamTitle')}</h3>
				{c.state === 'READY_FOR_EXAM' ? (
					self ? (
						<Form method="post">
							<p className="small">{c.failedReexams > 0 ? t('retraining:lastChance') : t('retraining:reexamReady')}</p>
							<button type="submit" name="intent" value="reexam" className="btn btn-primary btn-block" disabled={busy}>
								{d.reexamInProgress ? t('retraining:resumeReexam') : t('retraining:startReexam')}
							</button>
						</Form>
					) : (
						<p className="small">{t('retraining:reexamReadyStaff')}</p>
					)
				) : (
					<p className="small muted">{c.state === 'CLEARED' ? t('retraining:reexamPassed') : t('retraining:reexamLocked')}</p>
				)}
				{d.attempts.length ? (
					<ul className="list" style={{ marginTop: 8 }}>
						{d.attempts.map((a) => (
							<li key={a.id}>
								<div className="row">
									<span className="row-main">
										<span className="row-title">{a.startedAt}</span>
									</span>
									{a.status === 'IN_PROGRESS' ? (
										<span className="badge badge-info">{t('inspections:status.IN_PROGRESS')}</span>
									) : (
										<a className={`badge ${a.passed ? 'badge-ok' : 'badge-bad'}`} href={`/exam/${a.id}/result`}>
											{a.passed ? t('inspections:status.PASSED') : t('inspections:status.FAILED')} · {t('inspections:score', { score: a.score ?? 0 })}
										</a>
									)}
								</div>
							</li>
						))}
					</ul>
				) : null}
			</section>

			{d.canEditHours ? (
				<section className="card">
					<h2>{t('retraining:editHours')}</h2>
					<Form method="post" noValidate>
						<input type="hidden" name="intent" value="hours" />
						<Field
							label={t('retraining:requiredHours')}
							name="hours"
							type="number"
							inputMode="decimal"
							step="0.5"
							min={1}
							max={200}
							defaultValue={hours(c.requiredMinutes)}
							hint={t('retraining:requiredHoursHint')}
							errors={errors?.fieldErrors}
						/>
						<button type="submit" className="btn" disabled={busy}>
							{t('save')}
						</button>
					</Form>
				</section>
			) : null}

			{d.canReopen ? (
				<section className="card">
					<h2>{t('retraining:reopenTitle')}</h2>
					<p className="small">{t('retraining:reopenIntro')}</p>
					<Form method="post">
						<button type="submit" name="intent" value="reopen" className="btn">
							{t('retraining:reopen')}
						</button>
					</Form>
				</section>
			) : null}

			<section className="card">
				<h2>{t('retraining:history')}</h2>
				<ul className="timeline">
					{d.history.map((h) => (
						<li key={h.id}>
							<span className="small muted">{h.at}</span> {t(`retraining:events.${h.action.replace(/^retraining\./, '')}`, { defaultValue: h.action })}
						</li>
					))}
				</ul>
			</section>
		</>
	)
}
