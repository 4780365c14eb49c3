import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { PersonCredentialsSection } from '~/components/credentials.tsx'
import { FormErrors } from '~/components/form.tsx'
import { PersonTrainingSection } from '~/components/learning.tsx'
import { getPersonCredentials } from '~/domain/credentials.server.ts'
import { getPersonTraining } from '~/domain/learning/training.server.ts'
import { maskMobile } from '~/domain/identifiers.ts'
import { hasRole } from '~/domain/policy.ts'
import { getPerson, markLeft, resetPassword } from '~/domain/roster.server.ts'
import { formatDate, shanghaiDate } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'roster:title' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	try {
		const person = await getPerson(actor, params.personId!)
		const locale = await getLocale(request)
		return {
			person: {
				...person,
				mobile: hasRole(actor, 'SAFETY_MANAGER') ? person.mobile : maskMobile(person.mobile),
				leftAt: person.leftAt ? formatDate(person.leftAt, locale) : null,
			},
			canEdit: hasRole(actor, 'SAFETY_MANAGER'),
			isSelf: actor.personId === person.id,
			credentials: await getPersonCredentials(actor, person.id, shanghaiDate(new Date())), // issue 6
			training: await getPersonTraining(actor, person.id), // issue 3
		}
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

const IntentSchema = z
	.object({ intent: z.enum(['resetPassword', 'leave']), confirm: z.literal('on').optional() })
	.refine((v) => v.intent !== 'leave' || v.confirm === 'on', { message: 'roster:confirmLeave' })

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const parsed = parseForm(IntentSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		if (parsed.data.intent === 'resetPassword') {
			const result = await resetPassword(actor, params.personId!)
			return data({ ok: true as const, tempPassword: result.password })
		}
		const person = await markLeft(actor, params.personId!)
		return redirect(`/roster/${person.id}`, { headers: await flashHeaders({ key: 'roster:leftDone', values: { name: person.name } }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function PersonPage() {
	const { person, canEdit, isSelf, credentials, training } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const tempPassword = actionData && actionData.ok && 'tempPassword' in actionData ? actionData.tempPassword : null
	return (
		<>
			<p>
				<Link to="/roster">← {t('roster:title')}</Link>
			</p>
			<div className="page-head">
				<h1>{person.name}</h1>
				<span className={`badge badge-${person.dutyStatus}`}>{t(`dutyStatus.${person.dutyStatus}`)}</span>
			</div>
			{actionData && !actionData.ok ? <FormErrors errors={actionData.formErrors} /> : null}
			{tempPassword ? (
				<div className="alert alert-warning" role="status">
					<p>{t('roster:tempPasswordIntro', { name: person.name })}</p>
					<p>
						<span className="secret" data-testid="temp-password">
							{tempPassword}
						</span>
					</p>
					<p className="small">{t('roster:tempPasswordNote')}</p>
				</div>
			) : null}
			<section className="card">
				<dl className="facts">
					<dt>{t('auth:mobile')}</dt>
					<dd>{person.mobile}</dd>
					<dt>{t('roster:idCard')}</dt>
					<dd>{person.idCardMasked ?? t('none')}</dd>
					<dt>{t('roster:employmentType')}</dt>
					<dd>{t(`employmentType.${person.employmentType}`)}</dd>
					{person.contractor ? (
						<>
							<dt>{t('roster:contractor')}</dt>
							<dd>{person.contractor.name}</dd>
						</>
					) : null}
					<dt>{t('roster:department')}</dt>
					<dd>{person.department?.name ?? t('none')}</dd>
					<dt>{t('roster:post')}</dt>
					<dd>{person.post || t('none')}</dd>
					<dt>{t('roster:hireDate')}</dt>
					<dd>{person.hireDate ?? t('none')}</dd>
					{person.leftAt ? (
						<>
							<dt>{t('roster:leftAt')}</dt>
							<dd>{person.leftAt}</dd>
						</>
					) : null}
					<dt>{t('roster:account')}</dt>
					<dd>
						{person.account
							? [
									person.account.roles.map((r) => t(`roles.${r}`)).join('、'),
									person.account.hasPassword ? (person.account.mustChangePassword ? t('roster:accountTemp') : t('roster:accountActive')) : t('roster:accountNoPassword'),
								].join(' · ')
							: t('none')}
					</dd>
				</dl>
			</section>
			{/* issue 3: hours this year against the rule, and course assignments */}
			<PersonTrainingSection training={training} />
			{/* issue 6: 持证上岗 and the 一人一档 archive */}
			<PersonCredentialsSection personId={person.id} view={credentials} canEdit={canEdit && person.dutyStatus !== 'LEFT'} />
			<section className="card">
				<h2>{t('archives:title')}</h2>
				<a className="btn" href={`/roster/${person.id}/archive`} download data-testid="archive-download">
					{t('archives:download')}
				</a>
			</section>
			{canEdit && person.dutyStatus !== 'LEFT' ? (
				<section className="card">
					<h2>{t('roster:manage')}</h2>
					<div className="actions">
						<Link className="btn btn-primary" to={`/roster/${person.id}/edit`}>
							{t('edit')}
						</Link>
						{!isSelf ? (
							<Form method="post">
								<button type="submit" name="intent" value="resetPassword" className="btn">
									{person.account?.hasPassword ? t('roster:resetPassword') : t('roster:issuePassword')}
								</button>
							</Form>
						) : null}
					</div>
					{!isSelf ? (
						<Form method="post" className="actions" style={{ marginTop: 12 }}>
							<label className="check">
								<input type="checkbox" name="confirm" required /> {t('roster:confirmLeaveLabel', { name: person.name })}
							</label>
							<button type="submit" name="intent" value="leave" className="btn btn-danger">
								{t('roster:markLeft')}
							</button>
						</Form>
					) : null}
					<p className="field-hint">{t('roster:markLeftHint')}</p>
				</section>
			) : null}
		</>
	)
}
