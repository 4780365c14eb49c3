import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormErrors, Notice } from '~/components/form.tsx'
import { audit } from '~/domain/audit.server.ts'
import { NewPasswordSchema } from '~/domain/schemas.server.ts'
import { createSession, destroyAllSessions, requireActor } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { formFailure, parseForm } from '~/utils/forms.ts'
import { hashPassword, verifyPassword } from '~/utils/password.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'auth:changePassword' }

const ChangePasswordSchema = z
	.object({
		current: z.string({ error: 'errors:required' }).min(1, 'errors:required').max(200, 'errors:tooLong'),
		password: NewPasswordSchema,
		confirm: z.string({ error: 'errors:required' }).min(1, 'errors:required'),
	})
	.refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'errors:passwordMismatch' })
	.refine((v) => v.password !== v.current, { path: ['password'], message: 'errors:passwordSame' })

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request, { allowPasswordChange: true })
	return { forced: actor.mustChangePassword }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const actor = await requireActor(request, { allowPasswordChange: true })
	const parsed = parseForm(ChangePasswordSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } })
	if (!(await verifyPassword(parsed.data.current, user.passwordHash)))
		return data(formFailure('current', 'errors:currentPasswordWrong'), { status: 400 })
	await db.user.update({
		where: { id: actor.userId },
		data: { passwordHash: await hashPassword(parsed.data.password), mustChangePassword: false, passwordChangedAt: new Date() },
	})
	// A new password ends every other session; this device gets a fresh one.
	await destroyAllSessions(actor.userId)
	await audit(actor, { action: 'auth.passwordChanged', entityType: 'User', entityId: actor.userId })
	const headers = await flashHeaders({ key: 'auth:passwordChanged' })
	headers.append('Set-Cookie', await createSession(request, context, actor.userId))
	return redirect('/home', { headers })
}

export default function ChangePassword() {
	const { forced } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<main className="auth-page">
			<div className="auth-card">
				<Form method="post" noValidate>
					<h1>{t('auth:changePassword')}</h1>
					{forced ? <Notice kind="warning">{t('auth:mustChange')}</Notice> : null}
					<FormErrors errors={errors?.formErrors} />
					<Field label={t('auth:currentPassword')} name="current" type="password" autoComplete="current-password" required errors={errors?.fieldErrors} />
					<Field
						label={t('auth:newPassword')}
						name="password"
						type="password"
						autoComplete="new-password"
						required
						hint={t('auth:passwordRule')}
						errors={errors?.fieldErrors}
					/>
					<Field label={t('auth:confirmPassword')} name="confirm" type="password" autoComplete="new-password" required errors={errors?.fieldErrors} />
					<button type="submit" className="btn btn-primary btn-block">
						{t('auth:savePassword')}
					</button>
				</Form>
				{forced ? null : (
					<p>
						<a href="/me">{t('common:back')}</a>
					</p>
				)}
				<form method="post" action="/logout">
					<button type="submit" className="btn btn-link">
						{t('auth:signOut')}
					</button>
				</form>
			</div>
		</main>
	)
}
