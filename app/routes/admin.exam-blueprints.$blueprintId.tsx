/**
 * Edit an exam blueprint (ADMIN). Settings are fields; the question groups (strata) are JSON,
 * validated on save. "Draw a sample paper" draws against the current bank without storing
 * anything, to see the counts per group and any shortfall. Running attempts keep the settings
 * they started with.
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors, SelectField } from '~/components/form.tsx'
import { BlueprintFormSchema, getBlueprint, previewBlueprint, updateBlueprint } from '~/domain/exam/blueprints.server.ts'
import { BLUEPRINT_AUDIENCES, plannedCount } from '~/domain/exam/types.ts'
import { requireRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'exam:bpAdmin.title' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'ADMIN')
	try {
		const bp = await getBlueprint(actor, params.blueprintId!)
		const wantPreview = new URL(request.url).searchParams.get('preview') === '1'
		const preview = wantPreview ? await previewBlueprint(actor, bp.id) : null
		return { bp, strataJson: JSON.stringify(bp.strata, null, 2), questions: bp.strata.reduce((n, s) => n + plannedCount(s.counts), 0), preview }
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'ADMIN')
	const parsed = parseForm(BlueprintFormSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		await updateBlueprint(actor, params.blueprintId!, parsed.data)
	} catch (e) {
		return domainErrorResponse(e)
	}
	return redirect(`/admin/exam-blueprints/${params.blueprintId}`, { headers: await flashHeaders({ key: 'common:saved' }) })
}

export default function BlueprintEdit() {
	const { bp, strataJson, questions, preview } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const busy = useNavigation().state === 'submitting'
	const { t, i18n } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	const fe = errors?.fieldErrors
	return (
		<>
			<p>
				<Link to="/admin/exam-blueprints">← {t('exam:bpAdmin.title')}</Link>
			</p>
			<h1>{i18n.language === 'en' ? bp.nameEn : bp.nameZh}</h1>
			<p className="muted small">
				{bp.code} · {t('exam:bpAdmin.summary', { questions, total: bp.total, pass: bp.passMark, minutes: bp.timeLimitMinutes })}
			</p>
			<Form method="post" noValidate className="card" data-testid="blueprint-form">
				<FormErrors errors={errors?.formErrors} />
				<Field label={t('exam:bpAdmin.nameZh')} name="nameZh" defaultValue={bp.nameZh} maxLength={60} required errors={fe} />
				<Field label={t('exam:bpAdmin.nameEn')} name="nameEn" defaultValue={bp.nameEn} maxLength={100} required errors={fe} />
				<SelectField
					label={t('exam:bpAdmin.audience')}
					name="audience"
					defaultValue={bp.audience}
					options={BLUEPRINT_AUDIENCES.map((a) => ({ value: a, label: t(`exam:audience.${a}`) }))}
					errors={fe}
				/>
				<fieldset>
					<legend>{t('exam:bpAdmin.points')}</legend>
					<div className="filters">
						<Field label={t('exam:type.SINGLE')} name="pointsSingle" type="number" step="0.5" min={0.5} defaultValue={bp.points.SINGLE} errors={fe} />
						<Field label={t('exam:type.MULTIPLE')} name="pointsMultiple" type="number" step="0.5" min={0.5} defaultValue={bp.points.MULTIPLE} errors={fe} />
						<Field label={t('exam:type.TRUEFALSE')} name="pointsTruefalse" type="number" step="0.5" min={0.5} defaultValue={bp.points.TRUEFALSE} errors={fe} />
					</div>
				</fieldset>
				<div className="filters">
					<Field label={t('exam:bpAdmin.passMark')} name="passMark" type="number" step="0.5" min={0} defaultValue={bp.passMark} errors={fe} />
					<Field label={t('exam:bpAdmin.timeLimit')} name="timeLimitMinutes" type="number" min={1} max={300} defaultValue={bp.timeLimitMinutes} errors={fe} />
					<Field label={t('exam:bpAdmin.maxAttempts')} name="maxAttempts" type="number" min={1} max={20} defaultValue={bp.maxAttempts ?? ''} hint={t('exam:bpAdmin.maxAttemptsHint')} errors={fe} />
					<Field label={t('exam:bpAdmin.cooldown')} name="retakeCooldownMinutes" type="number" min={0} defaultValue={bp.retakeCooldownMinutes} errors={fe} />
					<Field label={t('exam:bpAdmin.minSeconds')} name="minSecondsPerQuestion" type="number" min={0} max={120} defaultValue={bp.minSecondsPerQuestion} hint={t('exam:bpAdmin.minSecondsHint')} errors={fe} />
				</div>
				<label className="check">
					<input type="checkbox" name="partialCredit" defaultChecked={bp.partialCredit} />
					{t('exam:bpAdmin.partialCredit')}
				</label>
				<label className="check">
					<input type="checkbox" name="active" defaultChecked={bp.active} />
					{t('exam:bpAdmin.activeLabel')}
				</label>
				<div className="field">
					<label htmlFor="strata">{t('exam:bpAdmin.strata')}</label>
					<textarea id="strata" name="strata" className="bp-strata" defaultValue={strataJson} rows={16} spellCheck={false} aria-invalid={fe?.strata?.length ? true : undefined} aria-describedby="strata-help" />
					{fe?.strata?.length ? (
						<p className="field-error" role="alert">
							{fe.strata.map((m) => t(m.key, m.values ?? {})).join(' ')}
						</p>
					) : null}
					<p id="strata-help" className="field-hint">
						{t('exam:bpAdmin.strataHelp')}
					</p>
				</div>
				<button type="submit" className="btn btn-primary btn-block" disabled={busy}>
					{t('save')}
				</button>
			</Form>

			<section className="card">
				<h2>{t('exam:bpAdmin.preview')}</h2>
				<p className="muted small">{t('exam:bpAdmin.previewHint')}</p>
				<Link className="btn" to="?preview=1" preventScrollReset>
					{t('exam:bpAdmin.drawSample')}
				</Link>
				{preview && !preview.ok ? <p className="alert alert-error">{t('exam:errors.emptyBank')}</p> : null}
				{preview && preview.ok ? (
					<div data-testid="blueprint-preview">
						<p>{t('exam:bpAdmin.previewDrawn', { drawn: preview.report.drawn, planned: preview.report.planned, shortfall: preview.report.shortfall })}</p>
						<div className="table-wrap">
							<table>
								<thead>
									<tr>
										<th>{t('exam:bpAdmin.stratum')}</th>
										<th>{t('exam:bpAdmin.planned')}</th>
										<th>{t('exam:bpAdmin.own')}</th>
										<th>{t('exam:bpAdmin.widened')}</th>
										<th>{t('exam:bpAdmin.borrowed')}</th>
										<th>{t('exam:bpAdmin.shortfall')}</th>
									</tr>
								</thead>
								<tbody>
									{preview.report.strata.map((s) => (
										<tr key={s.key}>
											<td>{s.key}</td>
											<td>{s.planned}</td>
											<td>{s.own}</td>
											<td>{s.widened}</td>
											<td>{s.borrowed}</td>
											<td>{s.shortfall}</td>
										</tr>
									))}
								</tbody>
							</table>
						</div>
						<ol className="small bp-sample">
							{preview.items.map((it) => (
								<li key={it.key}>
									<span className="badge">{t(`exam:type.${it.type}`)}</span> <span className="muted">{it.stratum} · {it.key}</span> {it.stem}
								</li>
							))}
						</ol>
					</div>
				) : null}
			</section>
		</>
	)
}
