import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { CredentialFields } from '~/components/credentials.tsx'
import { FormErrors } from '~/components/form.tsx'
import { createCredential, CredentialInputSchema, RequirementSchema, setRequirement } from '~/domain/credentials.server.ts'
import { getPerson } from '~/domain/roster.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'credentials:add' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	try {
		const person = await getPerson(actor, params.personId!)
		return { person: { id: person.id, name: person.name } }
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

const IntentSchema = z.object({ intent: z.enum(['create', 'addRequirement', 'removeRequirement'], { error: 'errors:invalidChoice' }) })

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const form = await readFormData(request)
	const intent = parseForm(IntentSchema, form)
	if (!intent.ok) return data(intent, { status: 400 })
	const personId = params.personId!
	const back = `/roster/${personId}#credentials`
	try {
		if (intent.data.intent === 'create') {
			const parsed = parseForm(CredentialInputSchema, form)
			if (!parsed.ok) return data(parsed, { status: 400 })
			await createCredential(actor, personId, parsed.data, shanghaiDate(new Date()))
			return redirect(back, { headers: await flashHeaders({ key: 'credentials:created' }) })
		}
		const parsed = parseForm(RequirementSchema, form)
		if (!parsed.ok) return data(parsed, { status: 400 })
		const add = intent.data.intent === 'addRequirement'
		await setRequirement(actor, personId, parsed.data.type, add)
		return redirect(back, { headers: await flashHeaders({ key: add ? 'credentials:requirementAdded' : 'credentials:requirementRemoved' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function AddCredential() {
	const { person } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<>
			<p>
				<Link to={`/roster/${person.id}`}>← {person.name}</Link>
			</p>
			<h1>{t('credentials:addTitle', { name: person.name })}</h1>
			<FormErrors errors={errors?.formErrors} />
			<Form method="post" className="card form-narrow">
				<CredentialFields errors={errors?.fieldErrors} />
				<div className="actions">
					<button type="submit" name="intent" value="create" className="btn btn-primary" disabled={busy}>
						{t('credentials:save')}
					</button>
					<Link className="btn" to={`/roster/${person.id}`}>
						{t('credentials:cancel')}
					</Link>
				</div>
			</Form>
		</>
	)
}
