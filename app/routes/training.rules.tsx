import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors } from '~/components/form.tsx'
import { listAssignablePacks } from '~/domain/learning/assignments.server.ts'
import { DEFAULT_HOUR_RULE, HOUR_RULE_MAX } from '~/domain/learning/hours.ts'
import { getHourRule, HourRuleInputSchema, updateHourRule } from '~/domain/learning/training.server.ts'
import { hasRole } from '~/domain/policy.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'learning:rules' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	const [rule, packs] = await Promise.all([getHourRule(actor.enterpriseId), listAssignablePacks()])
	return {
		rule,
		packs: packs.map((p) => ({ id: p.packId, titleZh: p.titleZh, titleEn: p.titleEn })),
		canEdit: hasRole(actor, 'SAFETY_MANAGER'),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const parsed = parseForm(HourRuleInputSchema, await readFormData(request), ['onboardingPack'])
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		await updateHourRule(actor, parsed.data)
		return redirect('/training', { headers: await flashHeaders({ key: 'learning:rulesSaved' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

const FIELDS = ['workerOnboardingHours', 'workerAnnualHours', 'managerInitialHours', 'managerAnnualHours'] as const

export default function HourRules() {
	const { rule, packs, canEdit } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<>
			<p>
				<Link to="/training">← {t('learning:trainingTitle')}</Link>
			</p>
			<h1>{t('learning:rules')}</h1>
			<p className="muted small">{t('learning:rulesIntro')}</p>
			<Form method="post" noValidate>
				<FormErrors errors={errors?.formErrors} />
				<fieldset className="card" disabled={!canEdit}>
					<legend className="label">{t('learning:hourRules')}</legend>
					{FIELDS.map((f) => (
						<Field
							key={f}
							label={t(`learning:rule.${f}`)}
							name={f}
							type="number"
							inputMode="numeric"
							min={0}
							max={HOUR_RULE_MAX}
							step={1}
							defaultValue={rule[f]}
							hint={t('learning:ruleDefault', { hours: DEFAULT_HOUR_RULE[f] })}
							errors={errors?.fieldErrors}
						/>
					))}
				</fieldset>
				<fieldset className="card" disabled={!canEdit}>
					<legend className="label">{t('learning:onboardingPacks')}</legend>
					<p className="small muted">{t('learning:onboardingPacksHelp')}</p>
					{packs.map((p) => (
						<label key={p.id} className="check">
							<input type="checkbox" name="onboardingPack" value={p.id} defaultChecked={rule.onboardingPacks.includes(p.id)} />
							{en ? p.titleEn : p.titleZh}
						</label>
					))}
					{errors?.fieldErrors.onboardingPack ? <p className="field-error">{t(errors.fieldErrors.onboardingPack[0]!.key)}</p> : null}
				</fieldset>
				{canEdit ? (
					<button type="submit" className="btn btn-primary btn-block">
						{t('save')}
					</button>
				) : null}
			</Form>
		</>
	)
}
