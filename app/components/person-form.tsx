import { Form } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FormFailure } from '~/utils/forms.ts'
import { EMPLOYMENT_TYPES as TYPES } from '~/domain/constants.ts'
import { Field, FormErrors, SelectField } from './form.tsx'


type Props = {
	departments: { id: string; name: string }[]
	contractors: { id: string; name: string }[]
	posts: string[]
	errors?: FormFailure
	defaults?: {
		name: string
		mobile: string
		employmentType: string
		contractorId: string | null
		departmentId: string | null
		post: string
		hireDate: string | null
		manager: boolean
	}
	idCardMasked?: string | null
	submitLabel: string
}

/** Add/edit a person. The ID number is never sent back to the browser: leave it blank to keep it. */
export function PersonForm({ departments, contractors, posts, errors, defaults, idCardMasked, submitLabel }: Props) {
	const { t } = useTranslation()
	const [type, setType] = useState(defaults?.employmentType ?? 'EMPLOYEE')
	const fe = errors?.fieldErrors
	return (
		<Form method="post" noValidate className="card">
			<FormErrors errors={errors?.formErrors} />
			<Field label={t('roster:name')} name="name" required maxLength={50} autoComplete="off" defaultValue={defaults?.name} errors={fe} />
			<Field label={t('auth:mobile')} name="mobile" type="tel" inputMode="tel" required defaultValue={defaults?.mobile} errors={fe} />
			<Field
				label={t('roster:idCard')}
				name="idCard"
				inputMode="text"
				autoComplete="off"
				hint={idCardMasked ? t('roster:idCardKeep', { masked: idCardMasked }) : t('roster:idCardHint')}
				errors={fe}
			/>
			<SelectField
				label={t('roster:employmentType')}
				name="employmentType"
				value={type}
				onChange={(e) => setType(e.target.value)}
				options={TYPES.map((v) => ({ value: v, label: t(`employmentType.${v}`) }))}
				errors={fe}
			/>
			<SelectField
				label={t('roster:contractor')}
				name="contractorId"
				defaultValue={defaults?.contractorId ?? ''}
				placeholder={t('roster:chooseContractor')}
				options={contractors.map((c) => ({ value: c.id, label: c.name }))}
				errors={fe}
			/>
			<SelectField
				label={t('roster:department')}
				name="departmentId"
				defaultValue={defaults?.departmentId ?? ''}
				placeholder={t('none')}
				options={departments.map((d) => ({ value: d.id, label: d.name }))}
				errors={fe}
			/>
			<Field label={t('roster:post')} name="post" list="post-options" maxLength={50} defaultValue={defaults?.post} errors={fe} />
			<datalist id="post-options">
				{posts.map((p) => (
					<option key={p} value={p} />
				))}
			</datalist>
			<Field label={t('roster:hireDate')} name="hireDate" type="date" defaultValue={defaults?.hireDate ?? ''} errors={fe} />
			<label className="check">
				<input type="checkbox" name="manager" defaultChecked={defaults?.manager} /> {t('roster:isManager')}
			</label>
			{fe?.manager ? <p className="field-error">{t(fe.manager[0]!.key)}</p> : null}
			<button type="submit" className="btn btn-primary btn-block">
				{submitLabel}
			</button>
		</Form>
	)
}
