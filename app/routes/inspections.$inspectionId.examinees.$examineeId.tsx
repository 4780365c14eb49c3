import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import QRCode from 'qrcode'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors } from '~/components/form.tsx'
import { PersonName } from '~/components/person-name.tsx'
import { usePolling } from '~/components/use-polling.ts'
import { examAccessCookie } from '~/domain/exam/access.server.ts'
import { getBoard, openKiosk, reissueCode } from '~/domain/inspections.server.ts'
import { formatShortCode } from '~/domain/spot-check.ts'
import { formatDateTime } from '~/domain/time.ts'
import { requireRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { publicOrigin } from '~/utils/pdf.server.ts'
import { domainErrorResponse, notFound } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'inspections:examinee' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'INSPECTOR', 'ADMIN')
	let board
	try {
		board = await getBoard(actor, params.inspectionId!)
	} catch (e) {
		throw domainErrorResponse(e)
	}
	const e = board.examinees.find((x) => x.id === params.examineeId)
	if (!e) throw notFound()
	const locale = await getLocale(request)
	const origin = publicOrigin(request)
	const link = `${origin}/c/${e.code.token}`
	const usable = !board.inspection.closedAt && !e.code.bound && !e.code.expired
	return {
		inspection: { id: board.inspection.id, name: board.inspection.enterprise.name, closed: !!board.inspection.closedAt },
		examinee: {
			...e,
			attempts: e.attempts.map((a) => ({ ...a, startedAt: formatDateTime(new Date(a.startedAt), locale) })),
		},
		code: {
			link,
			shortCode: formatShortCode(e.code.shortCode),
			entryUrl: `${origin}/c`,
			expiresAt: formatDateTime(new Date(e.code.expiresAt), locale),
			bound: e.code.bound,
			expired: e.code.expired,
			usable,
			qr: usable ? await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null,
		},
	}
}

const IntentSchema = z.object({ intent: z.enum(['reissue', 'kiosk']) })

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'INSPECTOR', 'ADMIN')
	const parsed = parseForm(IntentSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	const { inspectionId, examineeId } = params as { inspectionId: string; examineeId: string }
	try {
		if (parsed.data.intent === 'reissue') {
			await reissueCode(actor, inspectionId, examineeId)
			return redirect(`/inspections/${inspectionId}/examinees/${examineeId}`, { headers: await flashHeaders({ key: 'inspections:reissued' }) })
		}
		const now = new Date()
		const { attemptId, grant } = await openKiosk(actor, inspectionId, examineeId, now)
		return redirect(`/exam/${attemptId}`, { headers: { 'Set-Cookie': examAccessCookie(request, grant.token, grant.expiresAt, now) } })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function ExamineePage() {
	const { inspection, examinee: e, code } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	usePolling(4000, e.status === 'NOT_STARTED' || e.status === 'IN_PROGRESS')
	const done = e.status === 'PASSED' || e.status === 'FAILED'
	return (
		<>
			<p>
				<Link to={`/inspections/${inspection.id}`}>← {t('inspections:backToBoard')}</Link>
			</p>
			<div className="page-head">
				<h1>
					<PersonName name={e.person.name} dutyStatus={e.person.dutyStatus} />
				</h1>
				<span className="badge" data-testid="examinee-status">
					{t(`inspections:status.${e.status}`)}
				</span>
			</div>
			<p className="muted">{[t(`inspections:role.${e.role}`), e.person.department?.name, e.person.post].filter(Boolean).join(' · ')}</p>
			{actionData && !actionData.ok ? <FormErrors errors={actionData.formErrors} /> : null}

			{!done && !inspection.closed ? (
				<section className="card handover">
					<h2>{t('inspections:handoverTitle')}</h2>
					{code.usable ? (
						<>
							<p className="small">{t('inspections:handoverScan')}</p>
							<div className="qr-box" role="img" aria-label={t('inspections:qrAlt')} dangerouslySetInnerHTML={{ __html: code.qr ?? '' }} />
							<p className="short-code" data-testid="short-code">
								{code.shortCode}
							</p>
							<p className="small muted">{t('inspections:handoverType', { url: code.entryUrl })}</p>
							<p className="small">
								<a href={code.link} data-testid="qr-link" className="code-link">
									{code.link}
								</a>
							</p>
							<p className="small muted">{t('inspections:expiresAt', { time: code.expiresAt })}</p>
						</>
					) : (
						<p className="alert alert-info">{code.bound ? t('inspections:codeBound') : t('inspections:codeExpiredNote')}</p>
					)}
					<div className="actions">
						<Form method="post">
							<button type="submit" name="intent" value="kiosk" className="btn btn-primary">
								{t('inspections:kiosk')}
							</button>
						</Form>
						<Form method="post">
							<button type="submit" name="intent" value="reissue" className="btn">
								{t('inspections:reissue')}
							</button>
						</Form>
					</div>
					<p className="small muted">{t('inspections:kioskHint')}</p>
				</section>
			) : null}

			<section className="card">
				<h2>{t('inspections:attempts')}</h2>
				{e.attempts.length ? (
					<ul className="list">
						{e.attempts.map((a) => (
							<li key={a.id}>
								<div className="row">
									<span className="row-main">
										<span className="row-title">{a.startedAt}</span>
										<span className="row-sub">{t(`inspections:attemptStatus.${a.status}`)}</span>
									</span>
									{a.status !== 'IN_PROGRESS' ? (
										<a className="btn btn-link" href={`/exam/${a.id}`}>
											{a.passed ? t('inspections:status.PASSED') : t('inspections:status.FAILED')} · {t('inspections:score', { score: a.score ?? 0 })}
										</a>
									) : (
										<span className="badge badge-info">{t('inspections:status.IN_PROGRESS')}</span>
									)}
								</div>
							</li>
						))}
					</ul>
				) : (
					<p className="muted">{t('inspections:noAttempts')}</p>
				)}
				{e.caseId ? (
					<p>
						<Link to={`/retraining/${e.caseId}`}>{t('inspections:caseLink', { state: t(`retraining:state.${e.caseState}`) })}</Link>
					</p>
				) : null}
			</section>
		</>
	)
}
