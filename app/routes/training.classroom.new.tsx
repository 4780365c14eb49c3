import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors } from '~/components/form.tsx'
import { ClassroomInputSchema, createClassroomSession } from '~/domain/learning/classroom.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'learning:newSession' }

export async function loader({ request }: LoaderFunctionArgs) {
	await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	return { today: shanghaiDate(new Date()) }
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const parsed = parseForm(ClassroomInputSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const s = await createClassroomSession(actor, parsed.data)
		return redirect(`/training/classroom/${s.id}`, { headers: await flashHeaders({ key: 'learning:sessionCreated' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function NewClassroomSession() {
	const { today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<>
			<p>
				<Link to="/training/classroom">← {t('learning:classroom')}</Link>
			</p>
			<h1>{t('learning:newSession')}</h1>
			<Form method="post" className="card" noValidate>
				<FormErrors errors={errors?.formErrors} />
				<Field label={t('learning:topic')} name="topic" maxLength={100} errors={errors?.fieldErrors} />
				<Field label={t('learning:trainer')} name="trainer" maxLength={50} errors={errors?.fieldErrors} />
				<Field label={t('learning:place')} name="place" maxLength={100} errors={errors?.fieldErrors} />
				<Field label={t('learning:date')} name="date" type="date" defaultValue={today} errors={errors?.fieldErrors} />
				<div className="time-pair">
					<Field label={t('learning:startTime')} name="start" type="time" errors={errors?.fieldErrors} />
					<Field label={t('learning:endTime')} name="end" type="time" errors={errors?.fieldErrors} />
				</div>
				<Field label={t('learning:creditHours')} name="hours" type="number" inputMode="decimal" min={0.5} max={24} step={0.5} hint={t('learning:creditHoursHint')} errors={errors?.fieldErrors} />
				<label className="check">
					<input type="checkbox" name="offJob" /> {t('learning:offJobLabel')}
				</label>
				<button type="submit" className="btn btn-primary btn-block">
					{t('save')}
				</button>
			</Form>
		</>
	)
}
