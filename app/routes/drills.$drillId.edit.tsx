import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DrillPlanFields } from '~/components/drills.tsx'
import { FormErrors } from '~/components/form.tsx'
import { stepAllowed } from '~/domain/drills.ts'
import { getDrill, listPlanningChoices, PlanSchema, updatePlan } from '~/domain/drills.server.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { drillErrorResponse } from './drills.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'drills:plan.editTitle' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	try {
		const { drill, can } = await getDrill(actor, params.drillId!)
		if (!can.plan) throw new Response('Forbidden', { status: 403 })
		if (!stepAllowed(drill.status, 'editPlan')) throw redirect(`/drills/${drill.id}`)
		const choices = await listPlanningChoices(actor)
		return { ...choices, drill }
	} catch (e) {
		throw drillErrorResponse(e)
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const parsed = parseForm(PlanSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		await updatePlan(actor, params.drillId!, parsed.data)
		return redirect(`/drills/${params.drillId}`, { headers: await flashHeaders({ key: 'common:saved' }) })
	} catch (e) {
		return drillErrorResponse(e)
	}
}

export default function EditDrill() {
	const { areas, people, drill } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const errors = actionData && !actionData.ok ? actionData : undefined
	const { t } = useTranslation()
	return (
		<>
			<p>
				<Link to={`/drills/${drill.id}`}>← {t('drills:detail.back')}</Link>
			</p>
			<h1>{t('drills:plan.editTitle')}</h1>
			<Form method="post" noValidate className="card">
				<FormErrors errors={errors?.formErrors} />
				<DrillPlanFields areas={areas} people={people} defaults={drill} errors={errors?.fieldErrors} />
				<button type="submit" className="btn btn-primary btn-block">
					{t('save')}
				</button>
			</Form>
		</>
	)
}
