import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors, SelectField } from '~/components/form.tsx'
import { AREA_KINDS } from '~/domain/constants.ts'
import { addArea, AreaSchema, listAreas } from '~/domain/organisation.server.ts'
import { hasRole } from '~/domain/policy.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'areas:title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	return { areas: await listAreas(actor.enterpriseId), canEdit: hasRole(actor, 'SAFETY_MANAGER') }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const parsed = parseForm(AreaSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const area = await addArea(actor, parsed.data)
		return redirect('/areas', { headers: await flashHeaders({ key: 'areas:created', values: { name: area.name } }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function Areas() {
	const { areas, canEdit } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	const missing = AREA_KINDS.filter((k) => !areas.some((a) => a.kind === k && !a.archivedAt))
	return (
		<>
			<h1>{t('areas:title')}</h1>
			<p className="muted">{t('areas:intro')}</p>
			{missing.length ? (
				<div className="alert alert-info">{t('areas:missingKinds', { kinds: missing.map((k) => t(`areaKind.${k}`)).join('、') })}</div>
			) : null}
			{AREA_KINDS.map((kind) => {
				const list = areas.filter((a) => a.kind === kind)
				return (
					<section key={kind} className="card">
						<h2>{t(`areaKind.${kind}`)}</h2>
						{list.length ? (
							<ul className="list">
								{list.map((a) => (
									<li key={a.id}>
										<Link className="row" to={`/areas/${a.id}`}>
											<span className="row-main">
												<span className="row-title">{a.name}</span>
												{a.description ? <span className="row-sub">{a.description}</span> : null}
											</span>
											{a.archivedAt ? <span className="badge">{t('areas:archived')}</span> : null}
										</Link>
									</li>
								))}
							</ul>
						) : (
							<p className="muted">{t('areas:noneOfKind')}</p>
						)}
					</section>
				)
			})}
			{canEdit ? (
				<section className="card">
					<h2>{t('areas:add')}</h2>
					<Form method="post" noValidate>
						<FormErrors errors={errors?.formErrors} />
						<Field label={t('areas:name')} name="name" maxLength={60} required errors={errors?.fieldErrors} />
						<SelectField
							label={t('areas:kind')}
							name="kind"
							placeholder={t('areas:chooseKind')}
							options={AREA_KINDS.map((k) => ({ value: k, label: t(`areaKind.${k}`) }))}
							errors={errors?.fieldErrors}
						/>
						<Field label={t('areas:description')} name="description" maxLength={500} errors={errors?.fieldErrors} />
						<button type="submit" className="btn btn-primary">
							{t('areas:add')}
						</button>
					</Form>
				</section>
			) : null}
		</>
	)
}
