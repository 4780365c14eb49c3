import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '~/components/form.tsx'
import { LocaleSwitch } from '~/components/locale-switch.tsx'
import { examAccessCookie } from '~/domain/exam/access.server.ts'
import { maskName } from '~/domain/identifiers.ts'
import { findByToken, openByCode, openState } from '~/domain/inspections.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { deviceCookie, readDeviceSecret } from '~/utils/spot-check-device.server.ts'

export const handle = { title: 'inspections:openTitle' }

// Opening the page never uses the code: link previews (WeChat, SMS) fetch it too. Only the
// button (a POST) binds the code to this device and starts the paper.
export async function loader({ request, params }: LoaderFunctionArgs) {
	const e = await findByToken(params.token!)
	if (!e) return data({ found: false as const }, { status: 404 })
	return {
		found: true as const,
		state: openState(e, readDeviceSecret(request)),
		name: maskName(e.person.name),
		enterprise: e.inspection.enterprise.name,
		date: e.inspection.date,
		role: e.role,
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const e = await findByToken(params.token!)
	if (!e) throw new Response('Not found', { status: 404 })
	try {
		const now = new Date()
		const opened = await openByCode(e, readDeviceSecret(request), now)
		const headers = new Headers()
		headers.append('Set-Cookie', deviceCookie(request, opened.deviceSecret))
		headers.append('Set-Cookie', examAccessCookie(request, opened.grant.token, opened.grant.expiresAt, now))
		return redirect(`/exam/${opened.attemptId}`, { headers })
	} catch (err) {
		return domainErrorResponse(err)
	}
}

export default function OpenByLink() {
	const d = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	const { t } = useTranslation()
	return (
		<main className="auth-page">
			<div className="auth-card">
				<div className="auth-brand">
					<span className="brand-mark big" aria-hidden="true">
						安
					</span>
					<h1>{t('inspections:openTitle')}</h1>
				</div>
				{!d.found ? (
					<>
						<p className="alert alert-error">{t('inspections:codeUnknownLink')}</p>
						<p>
							<Link to="/c">{t('inspections:typeCodeInstead')}</Link>
						</p>
					</>
				) : (
					<>
						<dl className="facts">
							<dt>{t('inspections:examineeName')}</dt>
							<dd data-testid="open-name">{d.name}</dd>
							<dt>{t('inspections:enterprise')}</dt>
							<dd>{d.enterprise}</dd>
							<dt>{t('inspections:date')}</dt>
							<dd>{d.date}</dd>
							<dt>{t('inspections:paper')}</dt>
							<dd>{t(`inspections:paperFor.${d.role}`)}</dd>
						</dl>
						<FormErrors errors={actionData && !actionData.ok ? actionData.formErrors : undefined} />
						{d.state === 'VALID' || d.state === 'BOUND_HERE' || d.state === 'DONE' ? (
							<Form method="post">
								<p className="small muted">{t(`inspections:openStateHint.${d.state}`)}</p>
								<button type="submit" className="btn btn-primary btn-block" disabled={busy}>
									{t(`inspections:openStateButton.${d.state}`)}
								</button>
							</Form>
						) : (
							<p className="alert alert-warning">{t(`inspections:codeState.${d.state}`)}</p>
						)}
					</>
				)}
				<LocaleSwitch />
			</div>
		</main>
	)
}
