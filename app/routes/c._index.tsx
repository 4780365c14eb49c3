import { data, redirect, type ActionFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormErrors } from '~/components/form.tsx'
import { LocaleSwitch } from '~/components/locale-switch.tsx'
import { examAccessCookie } from '~/domain/exam/access.server.ts'
import { findByShortCode, openByCode } from '~/domain/inspections.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { clientIp, readFormData } from '~/utils/request.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { deviceCookie, readDeviceSecret } from '~/utils/spot-check-device.server.ts'

export const handle = { title: 'inspections:openTitle' }

const CodeSchema = z.object({ code: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(20, 'inspections:codeUnknown') })

export async function loader() {
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	const parsed = parseForm(CodeSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const now = new Date()
		const e = await findByShortCode(parsed.data.code, clientIp(context), now)
		const opened = await openByCode(e, readDeviceSecret(request), now)
		const headers = new Headers()
		headers.append('Set-Cookie', deviceCookie(request, opened.deviceSecret))
		headers.append('Set-Cookie', examAccessCookie(request, opened.grant.token, opened.grant.expiresAt, now))
		return redirect(`/exam/${opened.attemptId}`, { headers })
	} catch (err) {
		return domainErrorResponse(err)
	}
}

export default function EnterCode() {
	const actionData = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<main className="auth-page">
			<div className="auth-card">
				<div className="auth-brand">
					<span className="brand-mark big" aria-hidden="true">
						安
					</span>
					<h1>{t('inspections:openTitle')}</h1>
					<p className="muted">{t('inspections:typeCodeIntro')}</p>
				</div>
				<Form method="post" noValidate>
					<FormErrors errors={errors?.formErrors} />
					<Field
						label={t('inspections:shortCode')}
						name="code"
						autoComplete="off"
						autoCapitalize="characters"
						spellCheck={false}
						placeholder="ABCD-2345"
						required
						errors={errors?.fieldErrors}
					/>
					<button type="submit" className="btn btn-primary btn-block" disabled={busy}>
						{t('inspections:openPaper')}
					</button>
				</Form>
				<LocaleSwitch />
			</div>
		</main>
	)
}
