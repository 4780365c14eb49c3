import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormErrors } from '~/components/form.tsx'
import { findSessionByCode, SignInCodeSchema } from '~/domain/learning/classroom.server.ts'
import { NotFoundError } from '~/domain/roster.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { formFailure, parseForm } from '~/utils/forms.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'learning:classSignIn' }

export async function loader({ request }: LoaderFunctionArgs) {
	await requireActor(request)
	return null
}

const CodeForm = z.object({ code: SignInCodeSchema })

/** Typing the code under the QR image, for a phone whose camera cannot scan. */
export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireActor(request)
	const parsed = parseForm(CodeForm, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		await findSessionByCode(actor, parsed.data.code)
	} catch (e) {
		if (e instanceof NotFoundError) return data(formFailure('code', 'learning:codeUnknown'), { status: 400 })
		throw e
	}
	return redirect(`/learn/sign/${parsed.data.code}`)
}

export default function SignInWithCode() {
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<>
			<p>
				<Link to="/learn">← {t('learning:myLearning')}</Link>
			</p>
			<h1>{t('learning:classSignIn')}</h1>
			<p className="muted">{t('learning:signInHelp')}</p>
			<Form method="post" className="card" noValidate>
				<FormErrors errors={errors?.formErrors} />
				<Field
					label={t('learning:signInCode')}
					name="code"
					autoComplete="off"
					autoCapitalize="characters"
					inputMode="text"
					maxLength={12}
					errors={errors?.fieldErrors}
					className="code-input"
				/>
				<button type="submit" className="btn btn-primary btn-block">
					{t('learning:signInSubmit')}
				</button>
			</Form>
		</>
	)
}
