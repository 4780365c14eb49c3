import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PersonForm } from '~/components/person-form.tsx'
import { createPerson, getOrgLists, PersonInputSchema } from '~/domain/roster.server.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'roster:add' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	return getOrgLists(actor.enterpriseId)
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const parsed = parseForm(PersonInputSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const person = await createPerson(actor, parsed.data)
		return redirect(`/roster/${person.id}`, { headers: await flashHeaders({ key: 'roster:created', values: { name: person.name } }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function NewPerson() {
	const lists = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<>
			<p>
				<Link to="/roster">← {t('roster:title')}</Link>
			</p>
			<h1>{t('roster:add')}</h1>
			<PersonForm {...lists} errors={actionData && !actionData.ok ? actionData : undefined} submitLabel={t('roster:create')} />
		</>
	)
}
