import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DrillPlanFields } from '~/components/drills.tsx'
import { FormErrors } from '~/components/form.tsx'
import { defaultPlanDate } from '~/domain/drills.ts'
import { listPlanningChoices, planDrill, PlanSchema } from '~/domain/drills.server.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { drillErrorResponse } from './drills.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'drills:plan.title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const choices = await listPlanningChoices(actor)
	const area = new URL(request.url).searchParams.get('area')
	return {
		...choices,
		defaults: {
			areaId: choices.areas.some((a) => a.id === area) ? area : null,
			plannedDate: defaultPlanDate(new Date()),
			organiserId: actor.personId,
			evaluatorId: actor.personId,
		},
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const parsed = parseForm(PlanSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const d = await planDrill(actor, parsed.data)
		return redirect(`/drills/${d.id}`, { headers: await flashHeaders({ key: 'drills:plan.created' }) })
	} catch (e) {
		return drillErrorResponse(e)
	}
}

export default function NewDrill() {
	const { areas, people, defaults } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const errors = actionData && !actionData.ok ? actionData : undefined
	const { t } = useTranslation()
	return (
		<>
			<p>
				<Link to="/drills">← {t('drills:title')}</Link>
			</p>
			<h1>{t('drills:plan.title')}</h1>
			<Form method="post" noValidate className="card">
				<FormErrors errors={errors?.formErrors} />
				<DrillPlanFields areas={areas} people={people} defaults={defaults} errors={errors?.fieldErrors} />
				<button type="submit" className="btn btn-primary btn-block">
					{t('drills:plan.submit')}
				</button>
			</Form>
		</>
	)
}
