import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ComplianceMatrix, periodLabel, personLabel, StatusCounts, useFormatDay } from '~/components/drills.tsx'
import { Field, FormErrors, SelectField } from '~/components/form.tsx'
import { defaultPlanDate } from '~/domain/drills.ts'
import { getEnterpriseCompliance, getPickablePeople, planAllUnplanned, PlanAllSchema } from '~/domain/drills.server.ts'
import { hasRole } from '~/domain/policy.ts'
import { requireActor, requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { drillErrorResponse } from './drills.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'drills:title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const who = await requireActor(request)
	if (!who.enterpriseId && hasRole(who, 'INSPECTOR', 'REGULATOR', 'ADMIN')) throw redirect('/drills/oversight')
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	const now = new Date()
	try {
		const compliance = await getEnterpriseCompliance(actor, actor.enterpriseId, now)
		const manager = hasRole(actor, 'SAFETY_MANAGER')
		const people = manager ? (await getPickablePeople(actor.enterpriseId)).people : []
		return {
			...compliance,
			manager,
			people,
			me: actor.personId,
			defaultDate: defaultPlanDate(now),
			unplanned: compliance.rows.filter((r) => r.cells[0]!.status === 'DUE').length,
		}
	} catch (e) {
		throw drillErrorResponse(e)
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const parsed = parseForm(PlanAllSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const { created } = await planAllUnplanned(actor, parsed.data)
		return redirect('/drills', { headers: await flashHeaders({ key: 'drills:planAll.done', values: { count: created } }) })
	} catch (e) {
		return drillErrorResponse(e)
	}
}

export default function DrillsPage() {
	const d = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const errors = actionData && !actionData.ok ? actionData : undefined
	const { t } = useTranslation()
	const day = useFormatDay()
	const peopleOptions = d.people.map((p) => ({ value: p.id, label: personLabel(p) }))
	return (
		<>
			<div className="page-head">
				<h1>{t('drills:title')}</h1>
				<div className="actions">
					{d.manager ? (
						<Link className="btn btn-primary" to="/drills/new">
							{t('drills:plan.title')}
						</Link>
					) : null}
					<Link className="btn" to="/drills/list">
						{t('drills:list.title')}
					</Link>
				</div>
			</div>
			<p className="muted">{t('drills:intro')}</p>
			<h2>{t('drills:currentPeriod', { period: periodLabel(t, d.periods[0]!), end: day(d.periodEnd) })}</h2>
			<StatusCounts counts={d.current} />
			{d.manager && d.unplanned > 0 ? (
				<section className="card drill-plan-all" data-testid="plan-all">
					<h2>{t('drills:planAll.title')}</h2>
					<p>{t('drills:planAll.intro', { count: d.unplanned })}</p>
					<Form method="post" noValidate>
						<FormErrors errors={errors?.formErrors} />
						<Field label={t('drills:fields.plannedDate')} name="plannedDate" type="date" defaultValue={d.defaultDate} required errors={errors?.fieldErrors} />
						<SelectField label={t('drills:fields.organiser')} name="organiserId" defaultValue={d.me ?? ''} placeholder={t('drills:choosePerson')} options={peopleOptions} errors={errors?.fieldErrors} />
						<SelectField label={t('drills:fields.evaluator')} name="evaluatorId" defaultValue={d.me ?? ''} placeholder={t('drills:choosePerson')} options={peopleOptions} errors={errors?.fieldErrors} />
						<button type="submit" className="btn btn-primary btn-block">
							{t('drills:planAll.submit', { count: d.unplanned })}
						</button>
					</Form>
				</section>
			) : null}
			<h2>{t('drills:matrix.title')}</h2>
			<p className="muted small">{t('drills:matrix.hint')}</p>
			<ComplianceMatrix periods={d.periods} rows={d.rows} planLinks={d.manager} />
		</>
	)
}
