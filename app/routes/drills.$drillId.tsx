import {
	data,
	redirect,
	unstable_createMemoryUploadHandler,
	unstable_parseMultipartFormData,
	MaxPartSizeExceededError,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ActionStatusForm, DrillStatusBadge, periodLabel, personLabel, useDisplayLocale, useFormatDay } from '~/components/drills.tsx'
import { Field, FormErrors, SelectField } from '~/components/form.tsx'
import { formatElapsed, shanghaiClock, signOffProblems, stepAllowed } from '~/domain/drills.ts'
import {
	ActionSchema,
	addCorrectiveAction,
	addPhoto,
	cancelDrill,
	CancelSchema,
	deletePhoto,
	EvaluationSchema,
	EvaluatorSchema,
	getDrill,
	getPickablePeople,
	saveEvaluation,
	setEvaluator,
	signOff,
} from '~/domain/drills.server.ts'
import { MAX_PHOTO_BYTES } from '~/domain/images.ts'
import { formatDateTime, shanghaiDate } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { formFailure, parseForm } from '~/utils/forms.ts'
import { drillErrorResponse } from './drills.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'drills:detail.title' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	try {
		const view = await getDrill(actor, params.drillId!)
		const status = view.drill.status
		const needPeople = (view.can.evaluate && stepAllowed(status, 'addAction')) || (view.can.plan && stepAllowed(status, 'changeEvaluator'))
		const people = needPeople ? (await getPickablePeople(view.drill.enterpriseId)).people : []
		return { ...view, people, maxPhotoMb: MAX_PHOTO_BYTES / 1024 / 1024, today: shanghaiDate(new Date()) }
	} catch (e) {
		throw drillErrorResponse(e)
	}
}

const IntentSchema = z.object({ intent: z.enum(['cancel', 'evaluation', 'signOff', 'addAction', 'setEvaluator', 'deletePhoto']) })

async function uploadPhoto(request: Request, drillId: string) {
	const actor = await requireActor(request)
	let form: FormData
	try {
		form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_PHOTO_BYTES }))
	} catch (e) {
		if (e instanceof MaxPartSizeExceededError) return data(formFailure('photo', 'drills:errors.photoTooBig', { mb: MAX_PHOTO_BYTES / 1024 / 1024 }), { status: 400 })
		// A broken multipart body is the client's mistake, not a server error.
		return data(formFailure('photo', 'drills:errors.photoMissing'), { status: 400 })
	}
	const file = form.get('photo')
	if (!file || typeof file === 'string' || file.size === 0) return data(formFailure('photo', 'drills:errors.photoMissing'), { status: 400 })
	const caption = typeof form.get('caption') === 'string' ? (form.get('caption') as string) : ''
	try {
		await addPhoto(actor, drillId, new Uint8Array(await file.arrayBuffer()), caption)
		return redirect(`/drills/${drillId}#photos`, { headers: await flashHeaders({ key: 'drills:photos.added' }) })
	} catch (e) {
		return drillErrorResponse(e)
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const drillId = params.drillId!
	if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) return uploadPhoto(request, drillId)
	const actor = await requireActor(request)
	const form = await readFormData(request)
	const intent = parseForm(IntentSchema, form)
	if (!intent.ok) return data(intent, { status: 400 })
	const back = async (key: string) => redirect(`/drills/${drillId}`, { headers: await flashHeaders({ key }) })
	try {
		switch (intent.data.intent) {
			case 'cancel': {
				const p = parseForm(CancelSchema, form)
				if (!p.ok) return data(p, { status: 400 })
				await cancelDrill(actor, drillId, p.data.reason)
				return back('drills:detail.cancelled')
			}
			case 'evaluation': {
				const p = parseForm(EvaluationSchema, form)
				if (!p.ok) return data(p, { status: 400 })
				await saveEvaluation(actor, drillId, p.data)
				return back('common:saved')
			}
			case 'signOff':
				await signOff(actor, drillId)
				return back('drills:evaluation.signedOff')
			case 'addAction': {
				const p = parseForm(ActionSchema, form)
				if (!p.ok) return data(p, { status: 400 })
				await addCorrectiveAction(actor, drillId, p.data)
				return back('drills:actions.added')
			}
			case 'setEvaluator': {
				const p = parseForm(EvaluatorSchema, form)
				if (!p.ok) return data(p, { status: 400 })
				await setEvaluator(actor, drillId, p.data.evaluatorId)
				return back('common:saved')
			}
			case 'deletePhoto': {
				const photoId = form.get('photoId')
				if (typeof photoId !== 'string' || !photoId) return data(formFailure(null, 'errors:invalid'), { status: 400 })
				await deletePhoto(actor, drillId, photoId)
				return back('drills:photos.deleted')
			}
		}
	} catch (e) {
		return drillErrorResponse(e)
	}
}

export default function DrillPage() {
	const { drill: d, period, counts, can, isManager, ownActionIds, people, maxPhotoMb, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const errors = actionData && !actionData.ok ? actionData : undefined
	const { t } = useTranslation()
	const locale = useDisplayLocale()
	const day = useFormatDay()
	const peopleOptions = people.map((p) => ({ value: p.id, label: personLabel(p) }))
	const since = (x: Date | null) => (d.alarmAt && x ? `${shanghaiClock(x)}（+${formatElapsed(x.getTime() - d.alarmAt.getTime())}）` : t('drills:run.notMarked'))
	const evaluating = d.status === 'EVALUATING'
	const missingSignOff = evaluating ? signOffProblems(d) : []
	const gap = d.headcountExpected !== null && d.headcountAccounted !== null ? d.headcountExpected - d.headcountAccounted : null
	const [photoTooBig, setPhotoTooBig] = useState(false)
	return (
		<>
			<p>
				<Link to={isManager || can.plan ? '/drills/list' : '/home'}>← {t(isManager ? 'drills:list.title' : 'nav.home')}</Link>
			</p>
			<div className="page-head">
				<h1>
					{d.area.name} · {t(`drills:kind.${d.kind}`)}
				</h1>
				<DrillStatusBadge status={d.status} />
			</div>
			<p className="muted">
				{d.enterprise.name} · {period ? periodLabel(t, period) : ''} · {t(`drills:form.${d.form}`)} · {t(`drills:scope.${d.scope}`)}
			</p>
			{!counts ? <p className="alert alert-info">{t('drills:detail.notCounting')}</p> : null}
			<FormErrors errors={errors?.formErrors} />

			<div className="actions drill-main-actions">
				{(d.status === 'PLANNED' || d.status === 'RUNNING') && can.run ? (
					<Link className="btn btn-primary btn-block drill-run-link" to={`/drills/${d.id}/run`}>
						{t(d.status === 'PLANNED' ? 'drills:detail.startRun' : 'drills:detail.continueRun')}
					</Link>
				) : null}
				{d.status === 'PLANNED' && can.plan ? (
					<Link className="btn" to={`/drills/${d.id}/edit`}>
						{t('drills:plan.editTitle')}
					</Link>
				) : null}
				<Link className="btn" to={`/drills/${d.id}/record`} reloadDocument>
					{t('drills:record.open')}
				</Link>
			</div>

			<section className="card">
				<h2>{t('drills:detail.plan')}</h2>
				<dl className="facts">
					<dt>{t('drills:fields.plannedDate')}</dt>
					<dd>{day(d.plannedDate)}</dd>
					{d.purpose ? (
						<>
							<dt>{t('drills:fields.purpose')}</dt>
							<dd>{d.purpose}</dd>
						</>
					) : null}
					<dt>{t('drills:fields.scenario')}</dt>
					<dd>{[d.scenarioEvent, d.scenarioPlace, d.scenarioTime, d.scenarioScale].filter(Boolean).join('；') || t('none')}</dd>
					<dt>{t('drills:fields.expectedParticipants')}</dt>
					<dd>{d.expectedParticipants ?? t('none')}</dd>
					<dt>{t('drills:fields.organiser')}</dt>
					<dd>{d.organiser ? personLabel(d.organiser) : t('none')}</dd>
					<dt>{t('drills:fields.evaluator')}</dt>
					<dd>{d.evaluator ? personLabel(d.evaluator) : t('none')}</dd>
					{d.cancelledAt ? (
						<>
							<dt>{t('drills:detail.cancelReason')}</dt>
							<dd>{d.cancelReason}</dd>
						</>
					) : null}
				</dl>
			</section>

			{d.alarmAt ? (
				<section className="card" data-testid="run-summary">
					<h2>{t('drills:detail.run')}</h2>
					<dl className="facts">
						<dt>{t('drills:run.alarm')}</dt>
						<dd>{formatDateTime(d.alarmAt, locale)}</dd>
						<dt>{t('drills:run.clear')}</dt>
						<dd>{since(d.clearedAt)}</dd>
						<dt>{t('drills:run.assembled')}</dt>
						<dd>{since(d.assembledAt)}</dd>
						<dt>{t('drills:run.headcount')}</dt>
						<dd data-testid="headcount">
							{t('drills:run.headcountValue', { accounted: d.headcountAccounted ?? '—', expected: d.headcountExpected ?? '—' })}
							{gap !== null && gap > 0 ? ` · ${t('drills:run.gap', { count: gap })}` : ''}
						</dd>
						<dt>{t('drills:run.missing')}</dt>
						<dd data-testid="missing-names">{d.missing.length ? d.missing.map((m) => m.person.name + (m.note ? `（${m.note}）` : '')).join('、') : t('none')}</dd>
					</dl>
					{d.notes.length ? (
						<>
							<h3>{t('drills:run.notes')}</h3>
							<ul className="drill-notes">
								{d.notes.map((n) => (
									<li key={n.id}>
										<span className="drill-note-time">{shanghaiClock(n.at)}</span> {n.text}
									</li>
								))}
							</ul>
						</>
					) : null}
				</section>
			) : null}

			{evaluating || d.status === 'CLOSED' ? (
				<section className="card" id="evaluation" data-testid="evaluation">
					<h2>{t('drills:evaluation.title')}</h2>
					{evaluating && can.evaluate ? (
						<Form method="post" noValidate>
							<input type="hidden" name="intent" value="evaluation" />
							{(['problems', 'causes', 'lessons', 'improvements'] as const).map((f) => (
								<TextArea key={f} name={f} label={t(`drills:evaluation.${f}`)} hint={t(`drills:evaluation.${f}Hint`)} defaultValue={d[f]} errors={errors?.fieldErrors?.[f]} />
							))}
							<button type="submit" className="btn btn-primary btn-block">
								{t('drills:evaluation.save')}
							</button>
						</Form>
					) : (
						<dl className="facts">
							{(['problems', 'causes', 'lessons', 'improvements'] as const).map((f) => (
								<div key={f} className="drill-fact-pair">
									<dt>{t(`drills:evaluation.${f}`)}</dt>
									<dd className="pre">{d[f] || t('none')}</dd>
								</div>
							))}
						</dl>
					)}
					{d.status === 'CLOSED' && d.signedOffAt ? (
						<p className="alert alert-success" data-testid="signed-off">
							{t('drills:evaluation.signedOffBy', { name: d.signedOffByName, at: formatDateTime(d.signedOffAt, locale) })}
						</p>
					) : null}
				</section>
			) : null}

			{d.actions.length || (evaluating && can.evaluate) ? (
				<section className="card" id="actions" data-testid="corrective-actions">
					<h2>{t('drills:actions.title')}</h2>
					{d.actions.length ? (
						<ul className="list">
							{d.actions.map((a) => (
								<li key={a.id} data-action-id={a.id}>
									<div className="drill-action">
										<span className="row-title">{a.description}</span>
										<span className="row-sub">
											{t('drills:actions.owner')}: {a.owner.name} · {t('drills:actions.due', { date: day(a.dueDate) })}{' '}
											<span className={`badge ${a.status === 'DONE' ? 'badge-ok' : 'badge-info'}`}>{t(`drills:actionStatus.${a.status}`)}</span>
											{a.status !== 'DONE' && a.dueDate < today ? <span className="badge badge-bad">{t('drills:actions.late')}</span> : null}
										</span>
										{a.status === 'DONE' && a.doneNote ? <span className="row-sub">{a.doneNote}</span> : null}
										{isManager || ownActionIds.includes(a.id) ? <ActionStatusForm actionId={a.id} status={a.status} redirectTo={`/drills/${d.id}`} /> : null}
									</div>
								</li>
							))}
						</ul>
					) : (
						<p className="muted">{t('drills:actions.none')}</p>
					)}
					{evaluating && can.evaluate ? (
						<Form method="post" noValidate className="drill-subform">
							<h3>{t('drills:actions.add')}</h3>
							<input type="hidden" name="intent" value="addAction" />
							<Field label={t('drills:actions.description')} name="description" maxLength={500} required errors={errors?.fieldErrors} />
							<SelectField label={t('drills:actions.owner')} name="ownerId" placeholder={t('drills:choosePerson')} options={peopleOptions} errors={errors?.fieldErrors} />
							<Field label={t('drills:actions.dueDate')} name="dueDate" type="date" required errors={errors?.fieldErrors} />
							<button type="submit" className="btn btn-block">
								{t('drills:actions.add')}
							</button>
						</Form>
					) : null}
				</section>
			) : null}

			{d.photos.length || (can.photos && stepAllowed(d.status, 'photos')) ? (
				<section className="card" id="photos" data-testid="photos">
					<h2>{t('drills:photos.title')}</h2>
					{d.photos.length ? (
						<ul className="drill-photos">
							{d.photos.map((p) => (
								<li key={p.id}>
									<a href={`/drills/${d.id}/photos/${p.id}`} target="_blank" rel="noreferrer">
										<img src={`/drills/${d.id}/photos/${p.id}`} alt={p.caption || t('drills:photos.alt')} loading="lazy" />
									</a>
									{p.caption ? <span className="small">{p.caption}</span> : null}
									{can.photos && stepAllowed(d.status, 'photos') ? (
										<Form method="post">
											<input type="hidden" name="photoId" value={p.id} />
											<button type="submit" name="intent" value="deletePhoto" className="btn-link small">
												{t('drills:photos.delete')}
											</button>
										</Form>
									) : null}
								</li>
							))}
						</ul>
					) : null}
					{can.photos && stepAllowed(d.status, 'photos') ? (
						<Form
							method="post"
							encType="multipart/form-data"
							className="drill-subform"
							onSubmit={(e) => {
								// Refuse an oversized photo before sending megabytes over a weak network; the server checks again.
								const file = (e.currentTarget.elements.namedItem('photo') as HTMLInputElement | null)?.files?.[0]
								const tooBig = !!file && file.size > maxPhotoMb * 1024 * 1024
								setPhotoTooBig(tooBig)
								if (tooBig) e.preventDefault()
							}}
						>
							<div className="field">
								<label htmlFor="photo">{t('drills:photos.file')}</label>
								<input
									id="photo"
									type="file"
									name="photo"
									accept="image/jpeg,image/png,image/webp"
									required
									aria-invalid={photoTooBig || errors?.fieldErrors?.photo ? true : undefined}
									onChange={() => setPhotoTooBig(false)}
								/>
								<p className="field-hint">{t('drills:photos.hint', { mb: maxPhotoMb })}</p>
								{photoTooBig ? (
									<p className="field-error" role="alert">
										{t('drills:errors.photoTooBig', { mb: maxPhotoMb })}
									</p>
								) : errors?.fieldErrors?.photo ? (
									<p className="field-error" role="alert">
										{errors.fieldErrors.photo.map((m) => t(m.key, m.values ?? {})).join(' ')}
									</p>
								) : null}
							</div>
							<Field label={t('drills:photos.caption')} name="caption" maxLength={200} />
							<button type="submit" className="btn btn-block">
								{t('drills:photos.upload')}
							</button>
						</Form>
					) : null}
				</section>
			) : null}

			{evaluating && can.signOff ? (
				<section className="card" data-testid="sign-off">
					<h2>{t('drills:evaluation.signOffTitle')}</h2>
					<p>{t('drills:evaluation.signOffIntro')}</p>
					{missingSignOff.length ? <p className="alert alert-warning">{t('drills:evaluation.signOffMissing')}</p> : null}
					<Form method="post">
						<button type="submit" name="intent" value="signOff" className="btn btn-primary btn-block">
							{t('drills:evaluation.signOff')}
						</button>
					</Form>
				</section>
			) : evaluating && !d.evaluatorId ? (
				<p className="alert alert-warning">{t('drills:evaluation.needEvaluator')}</p>
			) : null}

			{can.plan && stepAllowed(d.status, 'changeEvaluator') && d.status !== 'PLANNED' ? (
				<Form method="post" noValidate className="card drill-subform">
					<input type="hidden" name="intent" value="setEvaluator" />
					<SelectField
						label={t('drills:fields.evaluator')}
						name="evaluatorId"
						defaultValue={d.evaluatorId ?? ''}
						placeholder={t('drills:choosePerson')}
						options={peopleOptions}
						errors={errors?.fieldErrors}
					/>
					<button type="submit" className="btn">
						{t('drills:evaluation.changeEvaluator')}
					</button>
				</Form>
			) : null}

			{can.plan && (d.status === 'PLANNED' || d.status === 'RUNNING') ? (
				<details className="card drill-cancel">
					<summary>{t('drills:detail.cancel')}</summary>
					<Form method="post" noValidate>
						<input type="hidden" name="intent" value="cancel" />
						<Field label={t('drills:detail.cancelReason')} name="reason" maxLength={200} required errors={errors?.fieldErrors} />
						<button type="submit" className="btn btn-danger">
							{t('drills:detail.cancelConfirm')}
						</button>
					</Form>
				</details>
			) : null}
		</>
	)
}

function TextArea({ name, label, hint, defaultValue, errors }: { name: string; label: string; hint: string; defaultValue: string; errors?: { key: string; values?: Record<string, string | number> }[] }) {
	const { t } = useTranslation()
	return (
		<div className="field">
			<label htmlFor={`ev-${name}`}>{label}</label>
			<textarea id={`ev-${name}`} name={name} defaultValue={defaultValue} maxLength={4000} aria-invalid={errors?.length ? true : undefined} aria-describedby={`ev-${name}-hint`} />
			<p id={`ev-${name}-hint`} className="field-hint">
				{hint}
			</p>
			{errors?.length ? (
				<p className="field-error" role="alert">
					{errors.map((m) => t(m.key, m.values ?? {})).join(' ')}
				</p>
			) : null}
		</div>
	)
}
