import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors, SelectField } from '~/components/form.tsx'
import { TextAreaField } from '~/components/text-area.tsx'
import { createInspection, inspectableEnterprises, inspectionInputSchema } from '~/domain/inspections.server.ts'
import { INSPECTION_METHODS } from '~/domain/spot-check.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { requireRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'inspections:new' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'INSPECTOR', 'ADMIN')
	return { enterprises: await inspectableEnterprises(actor), today: shanghaiDate(new Date()) }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'INSPECTOR', 'ADMIN')
	const now = new Date()
	const parsed = parseForm(inspectionInputSchema(now), await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const i = await createInspection(actor, parsed.data, now)
		return redirect(`/inspections/${i.id}`, { headers: await flashHeaders({ key: 'inspections:created' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function NewInspection() {
	const { enterprises, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<>
			<p>
				<Link to="/inspections">← {t('inspections:title')}</Link>
			</p>
			<h1>{t('inspections:new')}</h1>
			<Form method="post" noValidate className="card">
				<FormErrors errors={errors?.formErrors} />
				<SelectField
					label={t('inspections:enterprise')}
					name="enterpriseId"
					placeholder={t('inspections:chooseEnterprise')}
					defaultValue={params.get('enterpriseId') ?? ''}
					options={enterprises.map((e) => ({ value: e.id, label: e.name }))}
					errors={errors?.fieldErrors}
				/>
				<Field label={t('inspections:date')} name="date" type="date" defaultValue={today} required errors={errors?.fieldErrors} />
				<SelectField
					label={t('inspections:methodLabel')}
					name="method"
					defaultValue="FOUR_NO_TWO_STRAIGHT"
					options={INSPECTION_METHODS.map((m) => ({ value: m, label: t(`inspections:method.${m}`) }))}
					errors={errors?.fieldErrors}
				/>
				<Field label={t('inspections:team')} name="team" maxLength={200} hint={t('inspections:teamHint')} errors={errors?.fieldErrors} />
				<TextAreaField label={t('inspections:notes')} name="notes" rows={3} maxLength={2000} errors={errors?.fieldErrors} />
				<button type="submit" className="btn btn-primary btn-block">
					{t('inspections:create')}
				</button>
			</Form>
		</>
	)
}
