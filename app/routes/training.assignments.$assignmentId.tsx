import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors } from '~/components/form.tsx'
import { ReasonBadge, StatusBadge, useDuration } from '~/components/learning.tsx'
import { cancelAssignment, getAssignmentForManager } from '~/domain/learning/assignments.server.ts'
import { isOverdue } from '~/domain/learning/rules.ts'
import { hasRole } from '~/domain/policy.ts'
import { formatDateTime, shanghaiDate } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'learning:assignmentTitle' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	const locale = await getLocale(request)
	try {
		const a = await getAssignmentForManager(actor, params.assignmentId!)
		return {
			a: {
				...a,
				overdue: isOverdue(a, shanghaiDate(new Date())),
				createdAt: formatDateTime(a.createdAt, locale),
				completedAt: a.completedAt ? formatDateTime(a.completedAt, locale) : null,
				lessons: a.lessons.map((l) => ({ ...l, completedAt: l.completedAt ? formatDateTime(l.completedAt, locale) : null })),
				attempts: a.attempts.map((x) => ({ ...x, startedAt: formatDateTime(x.startedAt, locale) })),
			},
			canEdit: hasRole(actor, 'SAFETY_MANAGER'),
		}
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

const CancelSchema = z.object({ intent: z.literal('cancel'), confirm: z.literal('on', { error: 'learning:confirmCancel' }) })

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const parsed = parseForm(CancelSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const a = await cancelAssignment(actor, params.assignmentId!)
		return redirect(`/roster/${a.personId}`, { headers: await flashHeaders({ key: 'learning:cancelled' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function AssignmentPage() {
	const { a, canEdit } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t, i18n } = useTranslation()
	const duration = useDuration()
	const en = i18n.language === 'en'
	const errors = actionData && !actionData.ok ? actionData : undefined
	const open = a.status === 'ASSIGNED' || a.status === 'IN_PROGRESS'
	return (
		<>
			<p>
				<Link to={`/roster/${a.person.id}`}>← {a.person.name}</Link>
			</p>
			<h1>{en ? a.pack.titleEn : a.pack.titleZh}</h1>
			<p className="small">
				<ReasonBadge reason={a.reason} /> <StatusBadge status={a.status} overdue={a.overdue} /> {t('learning:dueOn', { date: a.dueDate })}
			</p>
			<section className="card">
				<dl className="facts">
					<dt>{t('learning:person')}</dt>
					<dd>
						{a.person.name} {a.person.post ? `· ${a.person.post}` : ''}
					</dd>
					<dt>{t('learning:edition')}</dt>
					<dd>{a.pack.edition}</dd>
					<dt>{t('learning:assignedAt')}</dt>
					<dd>{a.createdAt}</dd>
					{a.completedAt ? (
						<>
							<dt>{t('learning:completedAt')}</dt>
							<dd>{a.completedAt}</dd>
						</>
					) : null}
				</dl>
			</section>
			<h2>{t('learning:lessons')}</h2>
			<div className="table-wrap">
				<table>
					<thead>
						<tr>
							<th>{t('learning:lesson')}</th>
							<th>{t('learning:studiedTime')}</th>
							<th>{t('learning:lessonDone')}</th>
						</tr>
					</thead>
					<tbody>
						{a.lessons.map((l, i) => (
							<tr key={i}>
								<td>
									{i + 1}. {en ? l.titleEn : l.titleZh}
								</td>
								<td className="nowrap">
									{duration(l.seconds)} / {t('learning:aboutMinutes', { minutes: l.minutes })}
								</td>
								<td className="nowrap">{l.completedAt ?? '—'}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
			<h2>{t('learning:courseExam')}</h2>
			{a.attempts.length ? (
				<ul className="list">
					{a.attempts.map((x) => (
						<li key={x.id}>
							<div className="row">
								<span className="row-main">
									<span className="row-title">{x.startedAt}</span>
									<span className="row-sub">{x.status === 'IN_PROGRESS' ? t('learning:examInProgress') : t('learning:examScore', { score: x.score ?? 0, max: x.maxScore ?? 100 })}</span>
								</span>
								{x.status === 'IN_PROGRESS' ? null : x.passed ? (
									<span className="badge badge-ok">{t('learning:examPassed')}</span>
								) : (
									<span className="badge badge-bad">{t('learning:examFailed')}</span>
								)}
							</div>
						</li>
					))}
				</ul>
			) : (
				<p className="muted">{t('learning:noAttempts')}</p>
			)}
			{canEdit && open && !a.retraining ? (
				<Form method="post" className="card" style={{ marginTop: 14 }}>
					<h2>{t('learning:cancelTitle')}</h2>
					<FormErrors errors={errors ? [...errors.formErrors, ...Object.values(errors.fieldErrors).flat()] : undefined} />
					<label className="check">
						<input type="checkbox" name="confirm" required /> {t('learning:confirmCancelLabel', { name: a.person.name })}
					</label>
					<button type="submit" name="intent" value="cancel" className="btn btn-danger">
						{t('learning:cancelAssignment')}
					</button>
				</Form>
			) : null}
		</>
	)
}
