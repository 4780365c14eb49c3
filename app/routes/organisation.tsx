import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormErrors } from '~/components/form.tsx'
import {
	addContractor,
	addDepartment,
	ContractorSchema,
	DepartmentSchema,
	getOrganisation,
	removeContractor,
	removeDepartment,
} from '~/domain/organisation.server.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'org:title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	return getOrganisation(actor)
}

const IntentSchema = z.object({
	intent: z.enum(['addDepartment', 'removeDepartment', 'addContractor', 'removeContractor']),
	id: z.string().max(40).optional(),
})

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const form = await readFormData(request)
	const intent = parseForm(IntentSchema, form)
	if (!intent.ok) return data({ ...intent, intent: null }, { status: 400 })
	const which = intent.data.intent
	try {
		if (which === 'addDepartment' || which === 'addContractor') {
			const parsed = which === 'addDepartment' ? parseForm(DepartmentSchema, form) : parseForm(ContractorSchema, form)
			if (!parsed.ok) return data({ ...parsed, intent: which }, { status: 400 })
			if (which === 'addDepartment') await addDepartment(actor, parsed.data as z.output<typeof DepartmentSchema>)
			else await addContractor(actor, parsed.data as z.output<typeof ContractorSchema>)
		} else {
			if (!intent.data.id) throw new Response('Bad request', { status: 400 })
			if (which === 'removeDepartment') await removeDepartment(actor, intent.data.id)
			else await removeContractor(actor, intent.data.id)
		}
		return redirect('/organisation', { headers: await flashHeaders({ key: 'common:saved' }) })
	} catch (e) {
		const res = domainErrorResponse(e)
		return data({ ...res.data, intent: which }, { status: 400 })
	}
}

export default function Organisation() {
	const { departments, contractors } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const errorsFor = (intent: string) => (actionData && !actionData.ok && actionData.intent === intent ? actionData : undefined)
	const depErr = errorsFor('addDepartment')
	const conErr = errorsFor('addContractor')
	const removeErr = errorsFor('removeDepartment') ?? errorsFor('removeContractor')
	return (
		<>
			<p>
				<Link to="/roster">← {t('roster:title')}</Link>
			</p>
			<h1>{t('org:title')}</h1>
			<FormErrors errors={removeErr?.formErrors} />
			<section className="card">
				<h2>{t('org:departments')}</h2>
				{departments.length ? (
					<ul className="list">
						{departments.map((d) => (
							<li key={d.id}>
								<div className="row">
									<span className="row-main">
										<span className="row-title">{d.name}</span>
										<span className="row-sub">{t('org:peopleCount', { count: d.people })}</span>
									</span>
									{d.people === 0 ? (
										<Form method="post">
											<input type="hidden" name="id" value={d.id} />
											<button className="btn btn-link" name="intent" value="removeDepartment">
												{t('org:remove')}
											</button>
										</Form>
									) : null}
								</div>
							</li>
						))}
					</ul>
				) : (
					<p className="muted">{t('empty')}</p>
				)}
				<Form method="post" noValidate style={{ marginTop: 12 }}>
					<FormErrors errors={depErr?.formErrors} />
					<Field label={t('org:newDepartment')} name="name" maxLength={60} errors={depErr?.fieldErrors} />
					<button type="submit" name="intent" value="addDepartment" className="btn btn-primary">
						{t('org:addDepartment')}
					</button>
				</Form>
			</section>
			<section className="card">
				<h2>{t('org:contractors')}</h2>
				{contractors.length ? (
					<ul className="list">
						{contractors.map((c) => (
							<li key={c.id}>
								<div className="row">
									<span className="row-main">
										<span className="row-title">{c.name}</span>
										<span className="row-sub">
											{[c.uscc, c.contactName, c.contactPhone, t('org:peopleCount', { count: c.people })].filter(Boolean).join(' · ')}
										</span>
									</span>
									{c.people === 0 ? (
										<Form method="post">
											<input type="hidden" name="id" value={c.id} />
											<button className="btn btn-link" name="intent" value="removeContractor">
												{t('org:remove')}
											</button>
										</Form>
									) : (
										<Link to={`/roster?contractor=${c.id}`} className="small">
											{t('org:seePeople')}
										</Link>
									)}
								</div>
							</li>
						))}
					</ul>
				) : (
					<p className="muted">{t('empty')}</p>
				)}
				<Form method="post" noValidate style={{ marginTop: 12 }}>
					<FormErrors errors={conErr?.formErrors} />
					<Field label={t('org:contractorName')} name="name" maxLength={60} errors={conErr?.fieldErrors} />
					<Field label={t('org:contractorUscc')} name="uscc" maxLength={30} hint={t('org:optional')} errors={conErr?.fieldErrors} />
					<Field label={t('org:contactName')} name="contactName" maxLength={30} errors={conErr?.fieldErrors} />
					<Field label={t('org:contactPhone')} name="contactPhone" type="tel" maxLength={20} errors={conErr?.fieldErrors} />
					<button type="submit" name="intent" value="addContractor" className="btn btn-primary">
						{t('org:addContractor')}
					</button>
				</Form>
			</section>
		</>
	)
}
