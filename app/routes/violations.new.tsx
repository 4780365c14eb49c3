import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors, SelectField } from '~/components/form.tsx'
import { TextAreaField } from '~/components/text-area.tsx'
import { VIOLATION_TYPES } from '~/domain/retraining.ts'
import { shanghaiDateTimeParts } from '~/domain/time.ts'
import { recordViolation, violationFormOptions, violationInputSchema } from '~/domain/violations.server.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'violations:record' }

function nowLocal(d: Date): string {
	const p = shanghaiDateTimeParts(d)
	const pad = (n: number) => String(n).padStart(2, '0')
	return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	return { ...(await violationFormOptions(actor.enterpriseId)), now: nowLocal(new Date()), recorder: actor.displayName }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const now = new Date()
	const parsed = parseForm(violationInputSchema(now), await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const v = await recordViolation(actor, parsed.data, now)
		return redirect(`/violations/${v.id}`, { headers: await flashHeaders({ key: 'violations:recorded', values: { name: v.personName } }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function RecordViolation() {
	const { people, areas, now, recorder } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	const [params] = useSearchParams()
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<>
			<p>
				<Link to="/violations">← {t('violations:title')}</Link>
			</p>
			<h1>{t('violations:record')}</h1>
			<p className="alert alert-warning">{t('violations:recordWarning')}</p>
			<Form method="post" noValidate className="card">
				<FormErrors errors={errors?.formErrors} />
				<SelectField
					label={t('violations:person')}
					name="personId"
					placeholder={t('violations:choosePerson')}
					defaultValue={params.get('personId') ?? ''}
					options={people.map((p) => ({ value: p.id, label: [p.name, p.post, p.dutyStatus === 'SUSPENDED' ? t('dutyStatus.SUSPENDED') : ''].filter(Boolean).join(' · ') }))}
					errors={errors?.fieldErrors}
				/>
				<SelectField
					label={t('violations:type')}
					name="type"
					placeholder={t('violations:chooseType')}
					options={VIOLATION_TYPES.map((v) => ({ value: v, label: t(`violations:types.${v}`) }))}
					errors={errors?.fieldErrors}
				/>
				<details className="small muted type-help">
					<summary>{t('violations:typeHelpTitle')}</summary>
					<ul>
						{VIOLATION_TYPES.map((v) => (
							<li key={v}>
								<strong>{t(`violations:types.${v}`)}</strong>：{t(`violations:typeHelp.${v}`)}
							</li>
						))}
					</ul>
				</details>
				<Field label={t('violations:occurredAt')} name="occurredAt" type="datetime-local" defaultValue={now} required errors={errors?.fieldErrors} />
				<SelectField
					label={t('violations:area')}
					name="areaId"
					placeholder={t('violations:noArea')}
					options={areas.map((a) => ({ value: a.id, label: `${a.name}（${t(`areaKind.${a.kind}`)}）` }))}
					errors={errors?.fieldErrors}
				/>
				<Field label={t('violations:place')} name="place" maxLength={100} hint={t('violations:placeHint')} errors={errors?.fieldErrors} />
				<TextAreaField label={t('violations:description')} name="description" rows={4} maxLength={1000} required errors={errors?.fieldErrors} />
				<Field label={t('violations:foundBy')} name="foundBy" maxLength={50} defaultValue={recorder} required errors={errors?.fieldErrors} />
				<button type="submit" className="btn btn-primary btn-block" disabled={busy}>
					{t('violations:submit')}
				</button>
			</Form>
		</>
	)
}
