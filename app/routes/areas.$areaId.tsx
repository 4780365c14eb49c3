import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormErrors, SelectField } from '~/components/form.tsx'
import { AREA_KINDS } from '~/domain/constants.ts'
import { AreaSchema, getArea, setAreaArchived, updateArea } from '~/domain/organisation.server.ts'
import { hasRole } from '~/domain/policy.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'areas:title' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	try {
		const area = await getArea(actor, params.areaId!)
		return { area: { id: area.id, name: area.name, kind: area.kind, description: area.description, archived: !!area.archivedAt }, canEdit: hasRole(actor, 'SAFETY_MANAGER') }
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

const IntentSchema = z.object({ intent: z.enum(['save', 'archive', 'restore']) })

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const form = await readFormData(request)
	const intent = parseForm(IntentSchema, form)
	if (!intent.ok) return data(intent, { status: 400 })
	try {
		if (intent.data.intent === 'save') {
			const parsed = parseForm(AreaSchema, form)
			if (!parsed.ok) return data(parsed, { status: 400 })
			await updateArea(actor, params.areaId!, parsed.data)
		} else {
			await setAreaArchived(actor, params.areaId!, intent.data.intent === 'archive')
		}
		return redirect('/areas', { headers: await flashHeaders({ key: 'common:saved' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function AreaPage() {
	const { area, canEdit } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<>
			<p>
				<Link to="/areas">← {t('areas:title')}</Link>
			</p>
			<h1>{area.name}</h1>
			{canEdit ? (
				<>
					<Form method="post" noValidate className="card">
						<FormErrors errors={errors?.formErrors} />
						<Field label={t('areas:name')} name="name" defaultValue={area.name} maxLength={60} required errors={errors?.fieldErrors} />
						<SelectField
							label={t('areas:kind')}
							name="kind"
							defaultValue={area.kind}
							options={AREA_KINDS.map((k) => ({ value: k, label: t(`areaKind.${k}`) }))}
							errors={errors?.fieldErrors}
						/>
						<Field label={t('areas:description')} name="description" defaultValue={area.description} maxLength={500} errors={errors?.fieldErrors} />
						<button type="submit" name="intent" value="save" className="btn btn-primary btn-block">
							{t('save')}
						</button>
					</Form>
					<Form method="post" className="card">
						<p className="muted small">{t(area.archived ? 'areas:restoreHint' : 'areas:archiveHint')}</p>
						<button type="submit" name="intent" value={area.archived ? 'restore' : 'archive'} className="btn">
							{t(area.archived ? 'areas:restore' : 'areas:archive')}
						</button>
					</Form>
				</>
			) : (
				<section className="card">
					<dl className="facts">
						<dt>{t('areas:kind')}</dt>
						<dd>{t(`areaKind.${area.kind}`)}</dd>
						<dt>{t('areas:description')}</dt>
						<dd>{area.description || t('none')}</dd>
					</dl>
				</section>
			)}
		</>
	)
}
