import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors, SelectField } from '~/components/form.tsx'
import { ENTERPRISE_CATEGORIES } from '~/domain/constants.ts'
import { createEnterprise, EnterpriseSchema, listEnterprises } from '~/domain/enterprises.server.ts'
import { hasRole } from '~/domain/policy.ts'
import { requireRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'enterprises:title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'INSPECTOR', 'REGULATOR', 'ADMIN')
	const regionId = new URL(request.url).searchParams.get('region') ?? undefined
	const result = await listEnterprises(actor, regionId?.slice(0, 40))
	return { ...result, isAdmin: hasRole(actor, 'ADMIN') }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'ADMIN')
	const parsed = parseForm(EnterpriseSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const e = await createEnterprise(actor, parsed.data)
		return redirect(`/enterprises/${e.id}`, { headers: await flashHeaders({ key: 'common:saved' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function Enterprises() {
	const { enterprises, regions, isAdmin } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [params] = useSearchParams()
	const { t, i18n } = useTranslation()
	const rn = (r: { name: string; nameEn: string }) => (i18n.language === 'en' ? r.nameEn : r.name)
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<>
			<h1>{t('enterprises:title')}</h1>
			<Form method="get" className="filters">
				<div className="wide">
					<SelectField
						label={t('enterprises:region')}
						name="region"
						defaultValue={params.get('region') ?? ''}
						placeholder={t('all')}
						options={regions.map((r) => ({ value: r.id, label: `${rn(r)}（${t(`regionKind.${r.kind}`)}）` }))}
					/>
				</div>
				<button type="submit" className="btn btn-primary">
					{t('filter')}
				</button>
			</Form>
			<p className="muted">{t('total', { count: enterprises.length })}</p>
			<ul className="list" data-testid="enterprise-list">
				{enterprises.map((e) => (
					<li key={e.id}>
						<Link className="row" to={`/enterprises/${e.id}`}>
							<span className="row-main">
								<span className="row-title">{e.name}</span>
								<span className="row-sub">
									{[rn(e.region), t(`enterpriseCategory.${e.category}`), e.majorHazardLevel ? t('hazardLevel', { level: e.majorHazardLevel }) : null]
										.filter(Boolean)
										.join(' · ')}
								</span>
							</span>
							<span className="badge badge-info">{t('enterprises:people', { count: e._count.people })}</span>
						</Link>
					</li>
				))}
			</ul>
			{isAdmin ? (
				<section className="card" style={{ marginTop: 16 }}>
					<h2>{t('enterprises:add')}</h2>
					<Form method="post" noValidate>
						<FormErrors errors={errors?.formErrors} />
						<Field label={t('enterprises:name')} name="name" maxLength={100} required errors={errors?.fieldErrors} />
						<Field label={t('enterprises:uscc')} name="uscc" maxLength={30} required autoComplete="off" errors={errors?.fieldErrors} />
						<SelectField label={t('enterprises:region')} name="regionId" placeholder={t('enterprises:chooseRegion')} options={regions.map((r) => ({ value: r.id, label: rn(r) }))} errors={errors?.fieldErrors} />
						<SelectField
							label={t('enterprises:category')}
							name="category"
							placeholder={t('enterprises:chooseCategory')}
							options={ENTERPRISE_CATEGORIES.map((c) => ({ value: c, label: t(`enterpriseCategory.${c}`) }))}
							errors={errors?.fieldErrors}
						/>
						<SelectField
							label={t('enterprises:hazard')}
							name="majorHazardLevel"
							placeholder={t('noHazard')}
							options={[1, 2, 3, 4].map((l) => ({ value: String(l), label: t('hazardLevel', { level: l }) }))}
							errors={errors?.fieldErrors}
						/>
						<Field label={t('enterprises:address')} name="address" maxLength={200} errors={errors?.fieldErrors} />
						<button type="submit" className="btn btn-primary">
							{t('enterprises:add')}
						</button>
					</Form>
				</section>
			) : null}
		</>
	)
}
