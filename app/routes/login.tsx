import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormErrors } from '~/components/form.tsx'
import { LocaleSwitch } from '~/components/locale-switch.tsx'
import { MobileSchema } from '~/domain/schemas.server.ts'
import { createSession, requireAnonymous, signIn } from '~/utils/auth.server.ts'
import { formFailure, parseForm } from '~/utils/forms.ts'
import { clientIp, readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'auth:signIn' }

const LoginSchema = z.object({
	mobile: MobileSchema,
	password: z.string({ error: 'errors:required' }).min(1, 'errors:required').max(200, 'errors:tooLong'),
	redirectTo: z.string().optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	return null
}

/** Only same-site paths, never "//host" or a scheme. */
function safePath(to: string | undefined): string {
	return to && /^\/(?!\/)[\w\-./?=&%]*$/.test(to) ? to : '/home'
}

export async function action({ request, context }: ActionFunctionArgs) {
	const form = await readFormData(request)
	const parsed = parseForm(LoginSchema, form)
	if (!parsed.ok) return data(parsed, { status: 400 })
	const { mobile, password, redirectTo } = parsed.data
	const result = await signIn(mobile, password, clientIp(context))
	if (!result.ok) {
		if (result.reason === 'locked')
			return data(formFailure(null, 'auth:locked', { minutes: Math.ceil(result.retryAfterSec / 60) }), { status: 429 })
		return data(formFailure(null, 'auth:invalidCredentials'), { status: 400 })
	}
	const cookie = await createSession(request, context, result.userId)
	return redirect(result.mustChangePassword ? '/password' : safePath(redirectTo), { headers: { 'Set-Cookie': cookie } })
}

export default function Login() {
	const { t } = useTranslation()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const busy = useNavigation().state === 'submitting'
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<main className="auth-page">
			<div className="auth-card">
				<div className="auth-brand">
					<span className="brand-mark big" aria-hidden="true">
						安
					</span>
					<h1>{t('appName')}</h1>
					<p className="muted">{t('auth:tagline')}</p>
				</div>
				<Form method="post" noValidate>
					<h2>{t('auth:signIn')}</h2>
					<FormErrors errors={errors?.formErrors} />
					<input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
					<Field
						label={t('auth:mobile')}
						name="mobile"
						type="tel"
						inputMode="tel"
						autoComplete="username"
						required
						errors={errors?.fieldErrors}
					/>
					<Field
						label={t('auth:password')}
						name="password"
						type="password"
						autoComplete="current-password"
						required
						errors={errors?.fieldErrors}
					/>
					<button type="submit" className="btn btn-primary btn-block" disabled={busy}>
						{busy ? t('auth:signingIn') : t('auth:signIn')}
					</button>
					<p className="muted small">{t('auth:forgotHint')}</p>
				</Form>
				<LocaleSwitch />
			</div>
		</main>
	)
}
