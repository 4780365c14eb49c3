import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '~/components/form.tsx'
import { ActionStatusSchema, updateActionStatus } from '~/domain/drills.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { drillErrorResponse, safeLocalPath } from './drills.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export async function loader(_: LoaderFunctionArgs) {
	return redirect('/home')
}

/** A corrective action's owner (or a safety manager) moves it to in progress or done. */
export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireActor(request)
	const form = await readFormData(request)
	const back = safeLocalPath(form.get('redirectTo'), '/home')
	const parsed = parseForm(ActionStatusSchema, form)
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const a = await updateActionStatus(actor, params.actionId!, parsed.data)
		return redirect(back, { headers: await flashHeaders({ key: a.status === 'DONE' ? 'drills:actions.closed' : 'common:saved' }) })
	} catch (e) {
		return drillErrorResponse(e)
	}
}

/** Shown only when a refused update comes back without JavaScript. */
export default function ActionRefused() {
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	const all = errors ? [...errors.formErrors, ...Object.values(errors.fieldErrors).flat()] : []
	return (
		<>
			<h1>{t('drills:actions.title')}</h1>
			<FormErrors errors={all} />
			<p>
				<Link to="/home">← {t('nav.home')}</Link>
			</p>
		</>
	)
}
