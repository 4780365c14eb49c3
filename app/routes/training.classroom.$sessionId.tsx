import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors } from '~/components/form.tsx'
import { closeSignIn, getClassroomSession, openSignIn, setAttendance } from '~/domain/learning/classroom.server.ts'
import { SIGN_IN_VALID_MINUTES } from '~/domain/learning/classroom.ts'
import { hoursFromSeconds } from '~/domain/learning/hours.ts'
import { hasRole } from '~/domain/policy.ts'
import { formatDateTime } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { publicOrigin } from '~/utils/pdf.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'learning:classroom' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	const locale = await getLocale(request)
	try {
		const s = await getClassroomSession(actor, params.sessionId!, publicOrigin(request))
		return {
			session: {
				...s.session,
				startsAt: formatDateTime(s.session.startsAt, locale),
				endsAt: formatDateTime(s.session.endsAt, locale),
				hours: hoursFromSeconds(s.session.minutes * 60),
			},
			signIn: s.signIn ? { ...s.signIn, expiresAt: formatDateTime(s.signIn.expiresAt, locale) } : null,
			canOpenSignIn: s.canOpenSignIn,
			canRecordAttendance: s.canRecordAttendance,
			attendances: s.attendances.map((a) => ({ personId: a.personId, name: a.person.name, post: a.person.post, method: a.method, at: formatDateTime(a.at, locale) })),
			people: s.people.map((p) => ({ id: p.id, name: p.name, sub: [p.department?.name, p.post].filter(Boolean).join(' · ') })),
			canEdit: hasRole(actor, 'SAFETY_MANAGER'),
		}
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

const IntentSchema = z.object({ intent: z.enum(['openSignIn', 'closeSignIn', 'attendance']) })
const AttendanceSchema = z.object({
	personId: z.array(z.string().trim().min(1).max(40)).max(5000),
	known: z.array(z.string().trim().min(1).max(40)).max(5000),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const form = await readFormData(request)
	const intent = parseForm(IntentSchema, form)
	if (!intent.ok) return data(intent, { status: 400 })
	const here = `/training/classroom/${params.sessionId}`
	try {
		if (intent.data.intent === 'openSignIn') {
			await openSignIn(actor, params.sessionId!)
			return redirect(here)
		}
		if (intent.data.intent === 'closeSignIn') {
			await closeSignIn(actor, params.sessionId!)
			return redirect(here)
		}
		const parsed = parseForm(AttendanceSchema, form, ['personId', 'known'])
		if (!parsed.ok) return data(parsed, { status: 400 })
		const r = await setAttendance(actor, params.sessionId!, parsed.data.personId, parsed.data.known)
		return redirect(here, { headers: await flashHeaders({ key: 'learning:attendanceSaved', values: r }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

/** While the QR code is up, refresh the attendee list now and then (people are scanning). */
function useLiveAttendees(active: boolean) {
	const { revalidate, state } = useRevalidator()
	useEffect(() => {
		if (!active) return
		const id = window.setInterval(() => {
			if (document.visibilityState === 'visible' && state === 'idle') revalidate()
		}, 10_000)
		return () => window.clearInterval(id)
	}, [active, revalidate, state])
}

export default function ClassroomSessionPage() {
	const d = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	useLiveAttendees(!!d.signIn)
	const attending = new Set(d.attendances.map((a) => a.personId))
	return (
		<>
			<p>
				<Link to="/training/classroom">← {t('learning:classroom')}</Link>
			</p>
			<div className="page-head">
				<h1>{d.session.topic}</h1>
				{d.session.offJob ? <span className="badge badge-warn">{t('learning:offJob')}</span> : null}
			</div>
			<FormErrors errors={actionData && !actionData.ok ? actionData.formErrors : undefined} />
			<section className="card">
				<dl className="facts">
					<dt>{t('learning:trainer')}</dt>
					<dd>{d.session.trainer}</dd>
					<dt>{t('learning:place')}</dt>
					<dd>{d.session.place}</dd>
					<dt>{t('learning:startsAt')}</dt>
					<dd>{d.session.startsAt}</dd>
					<dt>{t('learning:endsAt')}</dt>
					<dd>{d.session.endsAt}</dd>
					<dt>{t('learning:creditHours')}</dt>
					<dd>{t('learning:hoursValue', { hours: d.session.hours })}</dd>
				</dl>
			</section>
			{d.canEdit ? (
				<section className="card qr-card" data-testid="sign-in-panel">
					<h2>{t('learning:qrSignIn')}</h2>
					{d.signIn ? (
						<>
							<img className="class-qr" src={d.signIn.qr} alt={t('learning:qrAlt')} width={320} height={320} />
							<p className="sign-code">
								{t('learning:signInCode')}: <strong data-testid="sign-in-code">{d.signIn.code}</strong>
							</p>
							<p className="small muted">
								<span data-testid="sign-in-url">{d.signIn.url}</span>
								<br />
								{t('learning:qrValidUntil', { time: d.signIn.expiresAt })}
							</p>
							<Form method="post" className="actions">
								<button type="submit" name="intent" value="openSignIn" className="btn">
									{t('learning:qrRenew')}
								</button>
								<button type="submit" name="intent" value="closeSignIn" className="btn btn-danger">
									{t('learning:qrClose')}
								</button>
							</Form>
						</>
					) : d.canOpenSignIn ? (
						<Form method="post">
							<p className="small muted">{t('learning:qrHelp', { minutes: SIGN_IN_VALID_MINUTES })}</p>
							<button type="submit" name="intent" value="openSignIn" className="btn btn-primary btn-block">
								{t('learning:qrShow')}
							</button>
						</Form>
					) : (
						<p className="muted">{t('learning:qrOutsideWindow')}</p>
					)}
				</section>
			) : null}
			<section className="card">
				<h2>{t('learning:attendeesCount', { count: d.attendances.length })}</h2>
				{d.attendances.length ? (
					<ul className="list" data-testid="attendees">
						{d.attendances.map((a) => (
							<li key={a.personId}>
								<div className="row">
									<span className="row-main">
										<span className="row-title">{a.name}</span>
										<span className="row-sub">
											{a.post} · {a.at}
										</span>
									</span>
									<span className="badge badge-info">{t(`learning:method.${a.method}`)}</span>
								</div>
							</li>
						))}
					</ul>
				) : (
					<p className="muted">{t('learning:noAttendees')}</p>
				)}
			</section>
			{d.canEdit && !d.canRecordAttendance ? <p className="card muted">{t('learning:attendanceTooEarly')}</p> : null}
			{d.canEdit && d.canRecordAttendance ? (
				<Form method="post" className="card">
					<h2>{t('learning:tickAttendees')}</h2>
					<p className="small muted">{t('learning:tickHelp')}</p>
					{d.attendances.map((a) => (
						<input key={a.personId} type="hidden" name="known" value={a.personId} />
					))}
					<ul className="list pick-list">
						{d.people.map((p) => (
							<li key={p.id}>
								<label className="row check">
									<input type="checkbox" name="personId" value={p.id} defaultChecked={attending.has(p.id)} key={`${p.id}-${attending.has(p.id)}`} />
									<span className="row-main">
										<span className="row-title">{p.name}</span>
										<span className="row-sub">{p.sub}</span>
									</span>
								</label>
							</li>
						))}
					</ul>
					<button type="submit" name="intent" value="attendance" className="btn btn-primary btn-block" style={{ marginTop: 12 }}>
						{t('learning:saveAttendance')}
					</button>
				</Form>
			) : null}
		</>
	)
}
