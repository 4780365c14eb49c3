import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormErrors, SelectField } from '~/components/form.tsx'
import { PersonName } from '~/components/person-name.tsx'
import { usePolling } from '~/components/use-polling.ts'
import { canRunInspections, closeInspection, drawForInspection, DrawInputSchema, drawOptions, readBoard } from '~/domain/inspections.server.ts'
import { DEFAULT_DRAW, MAX_DRAW, type ExamineeStatus } from '~/domain/spot-check.ts'
import { formatDateTime } from '~/domain/time.ts'
import { requireRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'inspections:board' }

/** Live board refresh interval (ms). */
const POLL_MS = 4000

export async function loader({ request, params }: LoaderFunctionArgs) {
	// Regulators of the region read the board and the record; only inspectors run it.
	const actor = await requireRole(request, 'INSPECTOR', 'REGULATOR', 'ADMIN')
	const canRun = canRunInspections(actor)
	try {
		const now = new Date()
		const [board, options] = await Promise.all([readBoard(actor, params.inspectionId!, now), canRun ? drawOptions(actor, params.inspectionId!) : null])
		const locale = await getLocale(request)
		return {
			...board,
			canRun,
			options,
			updatedAt: formatDateTime(now, locale),
			closedAt: board.inspection.closedAt ? formatDateTime(board.inspection.closedAt, locale) : null,
		}
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

const IntentSchema = z.object({ intent: z.enum(['draw', 'close']) })
const CloseSchema = z.object({ confirm: z.literal('on', { error: 'inspections:confirmClose' }) })

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireRole(request, 'INSPECTOR', 'ADMIN')
	const form = await readFormData(request)
	const intent = parseForm(IntentSchema, form)
	if (!intent.ok) return data(intent, { status: 400 })
	const id = params.inspectionId!
	try {
		if (intent.data.intent === 'draw') {
			const parsed = parseForm(DrawInputSchema, form)
			if (!parsed.ok) return data(parsed, { status: 400 })
			await drawForInspection(actor, id, parsed.data)
			return redirect(`/inspections/${id}`, { headers: await flashHeaders({ key: 'inspections:drawn' }) })
		}
		const parsed = parseForm(CloseSchema, form)
		if (!parsed.ok) return data(parsed, { status: 400 })
		await closeInspection(actor, id)
		return redirect(`/inspections/${id}`, { headers: await flashHeaders({ key: 'inspections:closedDone' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

const STATUS_BADGE: Record<ExamineeStatus, string> = { NOT_STARTED: '', IN_PROGRESS: 'badge-info', PASSED: 'badge-ok', FAILED: 'badge-bad' }

export default function Board() {
	const b = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	const live = !!b.draw && !b.inspection.closedAt
	const polling = live || b.counts.IN_PROGRESS > 0
	usePolling(POLL_MS, polling)
	const i = b.inspection
	return (
		<>
			<p>
				<Link to="/inspections">← {t('inspections:title')}</Link>
			</p>
			<div className="page-head">
				<h1>{i.enterprise.name}</h1>
				<span className={`badge ${i.closedAt ? '' : 'badge-info'}`}>{t(i.closedAt ? 'inspections:closedBadge' : 'inspections:openBadge')}</span>
				{/* issue 6: the record for the inspector's file */}
				<a className="btn" href={`/inspections/${i.id}/pdf`} download data-testid="inspection-pdf">
					{t('pdf:inspectionPdf')}
				</a>
			</div>
			<section className="card">
				<dl className="facts">
					<dt>{t('inspections:date')}</dt>
					<dd>{i.date}</dd>
					<dt>{t('inspections:methodLabel')}</dt>
					<dd>{t(`inspections:method.${i.method}`)}</dd>
					{i.team ? (
						<>
							<dt>{t('inspections:team')}</dt>
							<dd>{i.team}</dd>
						</>
					) : null}
					{i.notes ? (
						<>
							<dt>{t('inspections:notes')}</dt>
							<dd>{i.notes}</dd>
						</>
					) : null}
					{b.closedAt ? (
						<>
							<dt>{t('inspections:closedAt')}</dt>
							<dd>{b.closedAt}</dd>
						</>
					) : null}
				</dl>
			</section>
			<FormErrors errors={errors?.formErrors} />

			{b.hiddenDanger.length ? (
				<div className="alert alert-error" role="alert" data-testid="hidden-danger">
					<p>
						<strong>{t('inspections:hiddenDangerTitle')}</strong>
					</p>
					<p>{t('inspections:hiddenDangerBody', { names: b.hiddenDanger.map((h) => `${h.name}（${t(`inspections:role.${h.role}`)}）`).join('、') })}</p>
					<p className="small">{t('inspections:hiddenDangerEdition')}</p>
				</div>
			) : null}

			{!b.draw ? (
				i.closedAt ? null : !b.canRun || !b.options ? (
					<p className="alert alert-info">{t('inspections:notDrawnYet')}</p>
				) : (
					<section className="card">
						<h2>{t('inspections:drawTitle')}</h2>
						<p className="small muted">{t('inspections:drawIntro', { onPost: b.options.onPost })}</p>
						<Form method="post" noValidate>
							<input type="hidden" name="intent" value="draw" />
							<Field
								label={t('inspections:drawCount')}
								name="count"
								type="number"
								inputMode="numeric"
								min={0}
								max={MAX_DRAW}
								defaultValue={DEFAULT_DRAW}
								errors={errors?.fieldErrors}
							/>
							<SelectField
								label={t('roster:department')}
								name="departmentId"
								placeholder={t('all')}
								options={b.options.departments.map((d) => ({ value: d.id, label: d.name }))}
								errors={errors?.fieldErrors}
							/>
							<SelectField
								label={t('roster:post')}
								name="post"
								placeholder={t('all')}
								options={b.options.posts.map((p) => ({ value: p, label: p }))}
								errors={errors?.fieldErrors}
							/>
							<button type="submit" className="btn btn-primary btn-block" disabled={busy}>
								{t('inspections:drawSubmit')}
							</button>
						</Form>
					</section>
				)
			) : (
				<>
					<section aria-live="polite">
						<div className="grid board-counts" data-testid="board-counts">
							{(['NOT_STARTED', 'IN_PROGRESS', 'PASSED', 'FAILED'] as const).map((s) => (
								<div key={s} className={`stat stat-${s}`} data-testid={`count-${s}`}>
									<strong>{b.counts[s]}</strong>
									<span>{t(`inspections:status.${s}`)}</span>
								</div>
							))}
						</div>
						<p className="small muted board-updated">
							{t(polling ? 'inspections:updatedAtLive' : 'inspections:updatedAt', { time: b.updatedAt })} · <a href={`/inspections/${i.id}`}>{t('inspections:refresh')}</a>
						</p>
					</section>
					<ul className="list" data-testid="examinee-list">
						{b.examinees.map((e) => (
							<li key={e.id} data-testid="examinee-row" data-status={e.status} data-person={e.person.id}>
								<ExamineeRow to={b.canRun ? `/inspections/${i.id}/examinees/${e.id}` : null}>
									<span className="row-main">
										<span className="row-title">
											<PersonName name={e.person.name} dutyStatus={e.person.dutyStatus} />
										</span>
										<span className="row-sub">
											{[
												t(`inspections:role.${e.role}`),
												e.person.department?.name,
												e.person.post,
												e.person.employmentType !== 'EMPLOYEE' ? t(`employmentType.${e.person.employmentType}`) : null,
												e.person.contractor?.name,
											]
												.filter(Boolean)
												.join(' · ')}
										</span>
										{e.status === 'IN_PROGRESS' ? (
											<span className="row-sub">{t('inspections:answered', { answered: e.answered, total: e.questionCount })}</span>
										) : null}
										{e.caseState ? <span className="row-sub">{t('inspections:caseOpened', { state: t(`retraining:state.${e.caseState}`) })}</span> : null}
									</span>
									<span className="board-status">
										<span className={`badge ${STATUS_BADGE[e.status]}`}>{t(`inspections:status.${e.status}`)}</span>
										{e.score != null && (e.status === 'PASSED' || e.status === 'FAILED') ? <span className="small">{t('inspections:score', { score: e.score })}</span> : null}
										{e.flags.includes('TOO_FAST') ? <span className="badge badge-warn">{t('inspections:tooFast')}</span> : null}
									</span>
								</ExamineeRow>
							</li>
						))}
					</ul>
					<section className="card">
						<h2>{t('inspections:drawInfo')}</h2>
						<dl className="facts" data-testid="draw-info">
							<dt>{t('inspections:seed')}</dt>
							<dd>
								<code>{b.draw.seed}</code>
							</dd>
							<dt>{t('inspections:pool')}</dt>
							<dd>{t('inspections:poolValue', { size: b.draw.poolSize, count: b.draw.count })}</dd>
							<dt>{t('inspections:filter')}</dt>
							<dd>{[b.draw.department, b.draw.post].filter(Boolean).join(' · ') || t('all')}</dd>
							<dt>{t('inspections:reproducible')}</dt>
							<dd>{b.draw.reproducible ? t('inspections:reproducibleYes') : t('inspections:reproducibleNo')}</dd>
						</dl>
						<p className="small muted">{t('inspections:drawExplain')}</p>
					</section>
				</>
			)}

			{b.canRun && !i.closedAt && b.draw ? (
				<section className="card">
					<h2>{t('inspections:closeTitle')}</h2>
					<Form method="post" className="actions">
						<input type="hidden" name="intent" value="close" />
						<label className="check">
							<input type="checkbox" name="confirm" required /> {t('inspections:confirmCloseLabel')}
						</label>
						<button type="submit" className="btn">
							{t('inspections:close')}
						</button>
					</Form>
					{errors?.fieldErrors.confirm ? <p className="field-error">{t('inspections:confirmClose')}</p> : null}
				</section>
			) : null}
		</>
	)
}

/** An examinee's row: a link to the code and the paper for the inspector, plain for readers. */
function ExamineeRow({ to, children }: { to: string | null; children: React.ReactNode }) {
	return to ? (
		<Link className="row" to={to}>
			{children}
		</Link>
	) : (
		<div className="row">{children}</div>
	)
}
