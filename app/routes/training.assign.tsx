import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormErrors, SelectField } from '~/components/form.tsx'
import { ASSIGNMENT_REASONS, EMPLOYMENT_TYPES } from '~/domain/constants.ts'
import { AssignInputSchema, assignPacks, listAssignablePacks, matchPeople } from '~/domain/learning/assignments.server.ts'
import { addDays } from '~/domain/calendar.ts'
import { getOrgLists, RuleError } from '~/domain/roster.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'learning:assignTitle' }

const FilterQuery = z.object({
	department: z.string().max(40).optional().catch(undefined),
	post: z.string().trim().max(50).optional().catch(undefined),
	type: z.enum(EMPLOYMENT_TYPES).optional().catch(undefined),
	packId: z.string().max(80).optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const q = FilterQuery.parse(Object.fromEntries(new URL(request.url).searchParams))
	const filtered = !!(q.department || q.post || q.type)
	const [org, packs] = await Promise.all([getOrgLists(actor.enterpriseId), listAssignablePacks()])
	let people: Awaited<ReturnType<typeof matchPeople>> = []
	try {
		people = await matchPeople(actor, q)
	} catch (e) {
		// A department id from another enterprise (or junk): show everyone, as with no filter.
		if (!(e instanceof RuleError)) throw e
		people = await matchPeople(actor, {})
	}
	return {
		departments: org.departments,
		posts: org.posts,
		packs: packs.map((p) => ({ id: p.packId, titleZh: p.titleZh, titleEn: p.titleEn, lessons: p._count.lessons })),
		people: people.map((p) => ({ id: p.id, name: p.name, sub: [p.department?.name, p.post, p.contractor?.name].filter(Boolean).join(' · '), employmentType: p.employmentType })),
		filtered,
		defaultDue: addDays(shanghaiDate(new Date()), 30),
	}
}

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const parsed = parseForm(AssignInputSchema, await readFormData(request), ['personId'])
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const r = await assignPacks(actor, parsed.data)
		return redirect('/training', {
			headers: await flashHeaders({ key: r.skipped ? 'learning:assignedSkipped' : 'learning:assignedDone', values: { count: r.created, skipped: r.skipped } }),
		})
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function Assign() {
	const d = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const nav = useNavigation()
	const [params] = useSearchParams()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<>
			<p>
				<Link to="/training">← {t('learning:trainingTitle')}</Link>
			</p>
			<h1>{t('learning:assignTitle')}</h1>
			<Form method="get" className="card" role="search">
				<h2>{t('learning:whoToAssign')}</h2>
				<p className="small muted">{t('learning:filterHelp')}</p>
				<div className="filters">
					<SelectField
						label={t('roster:department')}
						name="department"
						placeholder={t('all')}
						defaultValue={params.get('department') ?? ''}
						options={d.departments.map((x) => ({ value: x.id, label: x.name }))}
					/>
					<SelectField label={t('roster:post')} name="post" placeholder={t('all')} defaultValue={params.get('post') ?? ''} options={d.posts.map((p) => ({ value: p, label: p }))} />
					<SelectField
						label={t('roster:employmentType')}
						name="type"
						placeholder={t('all')}
						defaultValue={params.get('type') ?? ''}
						options={EMPLOYMENT_TYPES.map((v) => ({ value: v, label: t(`employmentType.${v}`) }))}
					/>
					<button type="submit" className="btn">
						{t('learning:preview')}
					</button>
				</div>
			</Form>
			<Form method="post" noValidate>
				<FormErrors errors={errors?.formErrors} />
				<input type="hidden" name="department" value={params.get('department') ?? ''} />
				<input type="hidden" name="post" value={params.get('post') ?? ''} />
				<input type="hidden" name="type" value={params.get('type') ?? ''} />
				<section className="card">
					<p className="muted" data-testid="match-count">
						{t('learning:matchCount', { count: d.people.length })}
					</p>
					<fieldset>
						<legend className="label">{t('learning:targetLabel')}</legend>
						<label className="check">
							<input type="radio" name="target" value="filter" defaultChecked />
							{d.filtered ? t('learning:targetFilter', { count: d.people.length }) : t('learning:targetEveryone', { count: d.people.length })}
						</label>
						<label className="check">
							<input type="radio" name="target" value="list" />
							{t('learning:targetList')}
						</label>
						{!d.filtered ? (
							<label className="check">
								<input type="checkbox" name="everyone" />
								{t('learning:everyone')}
							</label>
						) : null}
						{errors?.fieldErrors.everyone ? <p className="field-error">{t(errors.fieldErrors.everyone[0]!.key)}</p> : null}
						{errors?.fieldErrors.personId ? <p className="field-error">{t(errors.fieldErrors.personId[0]!.key)}</p> : null}
					</fieldset>
					{d.people.length ? (
						<details className="pick-details">
							<summary>{t('learning:showPeople', { count: d.people.length })}</summary>
							<ul className="list pick-list">
								{d.people.map((p) => (
									<li key={p.id}>
										<label className="row check">
											<input type="checkbox" name="personId" value={p.id} defaultChecked />
											<span className="row-main">
												<span className="row-title">{p.name}</span>
												<span className="row-sub">
													{p.sub} · {t(`employmentType.${p.employmentType}`)}
												</span>
											</span>
										</label>
									</li>
								))}
							</ul>
						</details>
					) : null}
				</section>
				<section className="card">
					<h2>{t('learning:whatToAssign')}</h2>
					<SelectField
						label={t('learning:pack')}
						name="packId"
						placeholder={t('learning:choosePack')}
						defaultValue={params.get('packId') ?? ''}
						options={d.packs.map((p) => ({ value: p.id, label: en ? p.titleEn : p.titleZh }))}
						errors={errors?.fieldErrors}
					/>
					<SelectField
						label={t('learning:reasonLabel')}
						name="reason"
						defaultValue="ANNUAL"
						options={ASSIGNMENT_REASONS.map((r) => ({ value: r, label: t(`learning:reason.${r}`) }))}
						errors={errors?.fieldErrors}
					/>
					<Field label={t('learning:dueDate')} name="dueDate" type="date" defaultValue={d.defaultDue} errors={errors?.fieldErrors} />
				</section>
				<button type="submit" className="btn btn-primary btn-block" disabled={nav.state === 'submitting'}>
					{t('learning:assignSubmit')}
				</button>
			</Form>
		</>
	)
}
