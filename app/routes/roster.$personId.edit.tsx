import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PersonForm } from '~/components/person-form.tsx'
import { getOrgLists, getPerson, PersonInputSchema, updatePerson } from '~/domain/roster.server.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'roster:title' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	try {
		const [person, lists] = await Promise.all([getPerson(actor, params.personId!), getOrgLists(actor.enterpriseId)])
		return { person, ...lists }
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const form = await readFormData(request)
	const parsed = parseForm(PersonInputSchema, form)
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		// A blank ID field keeps the stored number (the browser only ever sees it masked).
		if (!parsed.data.idCard) {
			const current = await db.person.findFirst({ where: { id: params.personId!, enterpriseId: actor.enterpriseId }, select: { idCard: true } })
			parsed.data.idCard = current?.idCard ?? null
		}
		await updatePerson(actor, params.personId!, parsed.data)
		return redirect(`/roster/${params.personId}`, { headers: await flashHeaders({ key: 'common:saved' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function EditPerson() {
	const { person, departments, contractors, posts } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	return (
		<>
			<p>
				<Link to={`/roster/${person.id}`}>← {person.name}</Link>
			</p>
			<h1>{t('roster:editTitle', { name: person.name })}</h1>
			<PersonForm
				departments={departments}
				contractors={contractors}
				posts={posts}
				idCardMasked={person.idCardMasked}
				errors={actionData && !actionData.ok ? actionData : undefined}
				defaults={{
					name: person.name,
					mobile: person.mobile,
					employmentType: person.employmentType,
					contractorId: person.contractorId,
					departmentId: person.departmentId,
					post: person.post,
					hireDate: person.hireDate,
					manager: person.account?.roles.includes('SAFETY_MANAGER') ?? false,
				}}
				submitLabel={t('save')}
			/>
		</>
	)
}
