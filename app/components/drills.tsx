import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, SelectField } from '~/components/form.tsx'
import { DRILL_FORMS, DRILL_KINDS, DRILL_SCOPES, type ComplianceCell, type ComplianceStatus } from '~/domain/drills.ts'
import type { FieldErrors } from '~/utils/forms.ts'
import { formatDate, parseDateString, type DisplayLocale } from '~/domain/time.ts'

const COMPLIANCE_BADGE: Record<ComplianceStatus, string> = {
	DONE: 'badge-ok',
	SCHEDULED: 'badge-info',
	DUE: 'badge-warn',
	OVERDUE: 'badge-bad',
	NOT_APPLICABLE: '',
}

const DRILL_BADGE: Record<string, string> = {
	PLANNED: 'badge-info',
	RUNNING: 'badge-warn',
	EVALUATING: 'badge-warn',
	CLOSED: 'badge-ok',
	CANCELLED: '',
}

export function useDisplayLocale(): DisplayLocale {
	const { i18n } = useTranslation()
	return i18n.language === 'en' ? 'en' : 'zh-CN'
}

/** A calendar date string (YYYY-MM-DD) in the reader's language. */
export function useFormatDay() {
	const locale = useDisplayLocale()
	return (date: string | null | undefined) => {
		if (!date) return ''
		const p = parseDateString(date)
		// Noon Shanghai is the same calendar day everywhere formatDate looks.
		return p ? formatDate(new Date(`${date}T12:00:00+08:00`), locale) : date
	}
}

export function ComplianceBadge({ status }: { status: ComplianceStatus }) {
	const { t } = useTranslation()
	return (
		<span className={`badge ${COMPLIANCE_BADGE[status]}`} data-status={status}>
			{t(`drills:compliance.${status}`)}
		</span>
	)
}

export function DrillStatusBadge({ status }: { status: string }) {
	const { t } = useTranslation()
	return (
		<span className={`badge ${DRILL_BADGE[status] ?? ''}`} data-drill-status={status}>
			{t(`drills:status.${status}`)}
		</span>
	)
}

export function periodLabel(t: (k: string, o?: Record<string, unknown>) => string, key: string): string {
	const m = /^(\d{4})-H([12])$/.exec(key)
	return m ? t(`drills:periodLabel.H${m[2]}`, { year: m[1] }) : key
}

type MatrixRow = { area: { id: string; name: string; kind: string; archived: boolean }; cells: ComplianceCell[] }

/**
 * Area × half-year. One row per area (problem rows first, as the server sorted them), the
 * current half-year's status large, earlier half-years beside it; each cell links to its drill.
 */
export function ComplianceMatrix({ periods, rows, planLinks }: { periods: string[]; rows: MatrixRow[]; planLinks: boolean }) {
	const { t } = useTranslation()
	const day = useFormatDay()
	if (!rows.length) return <p className="muted">{t('drills:noAreas')}</p>
	return (
		<ul className="list drill-matrix" data-testid="drill-matrix">
			{rows.map((r) => (
				<li key={r.area.id} data-area={r.area.name} data-testid="matrix-row">
					<div className="drill-matrix-row">
						<div className="drill-matrix-area">
							<span className="row-title">{r.area.name}</span>
							<span className="row-sub">
								{t(`areaKind.${r.area.kind}`)}
								{r.area.archived ? ` · ${t('areas:archived')}` : ''}
							</span>
						</div>
						<div className="drill-matrix-cells">
							{r.cells.map((c, i) => {
								const label = periodLabel(t, periods[i]!)
								const content = (
									<>
										<span className="drill-cell-period">{label}</span>
										<ComplianceBadge status={c.status} />
										{c.date ? <span className="drill-cell-date">{day(c.date)}</span> : null}
										{c.awaitingSignOff ? <span className="drill-cell-date">{t('drills:awaitingSignOff')}</span> : null}
									</>
								)
								const cls = `drill-cell${i === 0 ? ' drill-cell-current' : ''}`
								if (c.drillId)
									return (
										<Link key={i} className={cls} to={`/drills/${c.drillId}`} data-period={periods[i]} data-cell-status={c.status}>
											{content}
										</Link>
									)
								if (planLinks && i === 0 && (c.status === 'DUE' || c.status === 'OVERDUE'))
									return (
										<Link key={i} className={cls} to={`/drills/new?area=${r.area.id}`} data-period={periods[i]} data-cell-status={c.status}>
											{content}
										</Link>
									)
								return (
									<span key={i} className={cls} data-period={periods[i]} data-cell-status={c.status}>
										{content}
									</span>
								)
							})}
						</div>
					</div>
				</li>
			))}
		</ul>
	)
}

export function StatusCounts({ counts }: { counts: Record<ComplianceStatus, number> }) {
	const { t } = useTranslation()
	return (
		<div className="grid drill-counts">
			{(['OVERDUE', 'DUE', 'SCHEDULED', 'DONE'] as const).map((s) => (
				<div key={s} className={`stat drill-stat-${s}`} data-testid={`count-${s}`}>
					<strong>{counts[s]}</strong>
					<span>{t(`drills:compliance.${s}`)}</span>
				</div>
			))}
		</div>
	)
}

export type PersonOption = { id: string; name: string; post: string; department: { name: string } | null }

export function personLabel(p: PersonOption): string {
	const extra = [p.department?.name, p.post].filter(Boolean).join(' · ')
	return extra ? `${p.name}（${extra}）` : p.name
}

/** A corrective action's status control for its owner or a safety manager (works without JS). */
export function ActionStatusForm({ actionId, status, redirectTo }: { actionId: string; status: string; redirectTo: string }) {
	const { t } = useTranslation()
	if (status === 'DONE') return null
	return (
		<Form method="post" action={`/drills/actions/${actionId}`} className="drill-action-form">
			<input type="hidden" name="redirectTo" value={redirectTo} />
			{status === 'OPEN' ? (
				<button type="submit" name="status" value="IN_PROGRESS" className="btn">
					{t('drills:actions.start')}
				</button>
			) : null}
			<input type="text" name="note" maxLength={500} placeholder={t('drills:actions.doneNotePlaceholder')} aria-label={t('drills:actions.doneNote')} />
			<button type="submit" name="status" value="DONE" className="btn btn-primary">
				{t('drills:actions.markDone')}
			</button>
		</Form>
	)
}

type HomeData = {
	today: string
	period: string
	myActions: { id: string; description: string; dueDate: string; status: string; drill: { id: string; area: { name: string } } }[]
	toSignOff: { id: string; alarmAt: Date | null; area: { name: string } }[]
	manager: null | {
		reminders: (
			| { kind: 'PLAN_OVERDUE' | 'RUN_UNFINISHED' | 'PLAN_SOON' | 'AWAITING_SIGN_OFF'; drillId: string; areaId: string; date: string; days: number }
			| { kind: 'AREA_UNPLANNED'; areaId: string; date: string; days: number }
		)[]
		areaNames: Record<string, string>
		current: Record<string, number>
		overdueActions: number
	}
	region: null | { period: string; enterprisesWithOverdue: number; overdueAreas: number }
}

const REMINDER_CLASS = { PLAN_OVERDUE: 'alert-error', RUN_UNFINISHED: 'alert-error', AREA_UNPLANNED: 'alert-warning', PLAN_SOON: 'alert-info', AWAITING_SIGN_OFF: 'alert-info' } as const

/** The drill cards on a home page: reminders (managers), my corrective actions, my sign-offs. */
export function DrillHomeCards({ drills }: { drills: HomeData }) {
	const { t } = useTranslation()
	const day = useFormatDay()
	const m = drills.manager
	return (
		<>
			{m ? (
				<section className="card" data-testid="drill-reminders">
					<div className="page-head">
						<h2>{t('drills:home.title', { period: periodLabel(t, drills.period) })}</h2>
						<Link to="/drills">{t('drills:home.open')}</Link>
					</div>
					<p className="drill-inline-counts">
						{(['OVERDUE', 'DUE', 'SCHEDULED', 'DONE'] as const).map((s) => (
							<span key={s}>
								<ComplianceBadge status={s} /> {m.current[s] ?? 0}
							</span>
						))}
					</p>
					{m.reminders.length ? (
						<ul className="drill-reminders">
							{m.reminders.slice(0, 8).map((r, i) => {
								const area = m.areaNames[r.areaId] ?? ''
								const to = 'drillId' in r ? `/drills/${r.drillId}` : `/drills/new?area=${r.areaId}`
								const urgent = r.kind === 'AREA_UNPLANNED' && r.days <= 30
								return (
									<li key={i} className={`alert ${urgent ? 'alert-error' : REMINDER_CLASS[r.kind]}`} data-reminder={r.kind}>
										<Link to={to}>{t(`drills:reminder.${r.kind}`, { area, date: day(r.date), count: r.days, days: r.days })}</Link>
									</li>
								)
							})}
						</ul>
					) : (
						<p className="muted">{t('drills:home.allGood')}</p>
					)}
					{m.overdueActions ? <p className="alert alert-warning">{t('drills:home.overdueActions', { count: m.overdueActions })}</p> : null}
				</section>
			) : null}
			{drills.region ? (
				<section className="card" data-testid="drill-region">
					<h2>{t('drills:home.regionTitle', { period: periodLabel(t, drills.region.period) })}</h2>
					<p>{t('drills:home.regionSummary', { enterprises: drills.region.enterprisesWithOverdue, areas: drills.region.overdueAreas })}</p>
					<Link className="btn" to="/drills/oversight">
						{t('drills:oversight.title')}
					</Link>
				</section>
			) : null}
			{drills.toSignOff.length ? (
				<section className="card" data-testid="drill-signoffs">
					<h2>{t('drills:home.signOffTitle')}</h2>
					<ul className="list">
						{drills.toSignOff.map((d) => (
							<li key={d.id}>
								<Link className="row" to={`/drills/${d.id}`}>
									<span>{d.area.name}</span>
									<span className="badge badge-warn">{t('drills:status.EVALUATING')}</span>
								</Link>
							</li>
						))}
					</ul>
				</section>
			) : null}
			{drills.myActions.length ? (
				<section className="card" data-testid="drill-my-actions">
					<h2>{t('drills:home.actionsTitle')}</h2>
					<ul className="list">
						{drills.myActions.map((a) => {
							const late = a.dueDate < drills.today
							return (
								<li key={a.id} data-action-id={a.id}>
									<div className="drill-action">
										<Link to={`/drills/${a.drill.id}`} className="row-title">
											{a.description}
										</Link>
										<span className="row-sub">
											{a.drill.area.name} · {t('drills:actions.due', { date: day(a.dueDate) })}{' '}
											<span className={`badge ${late ? 'badge-bad' : 'badge-info'}`}>{late ? t('drills:actions.late') : t(`drills:actionStatus.${a.status}`)}</span>
										</span>
										<ActionStatusForm actionId={a.id} status={a.status} redirectTo="/home" />
									</div>
								</li>
							)
						})}
					</ul>
				</section>
			) : null}
		</>
	)
}

type PlanDefaults = {
	areaId?: string | null
	kind?: string
	form?: string
	scope?: string
	plannedDate?: string
	purpose?: string
	scenarioEvent?: string
	scenarioPlace?: string
	scenarioTime?: string
	scenarioScale?: string
	expectedParticipants?: number | null
	organiserId?: string | null
	evaluatorId?: string | null
}

/** The fields of a drill plan (new and edit share them). */
export function DrillPlanFields({
	areas,
	people,
	defaults,
	errors,
}: {
	areas: { id: string; name: string; kind: string }[]
	people: PersonOption[]
	defaults: PlanDefaults
	errors?: FieldErrors
}) {
	const { t } = useTranslation()
	const peopleOptions = people.map((p) => ({ value: p.id, label: personLabel(p) }))
	return (
		<>
			<SelectField
				label={t('drills:fields.area')}
				name="areaId"
				defaultValue={defaults.areaId ?? ''}
				placeholder={t('drills:chooseArea')}
				options={areas.map((a) => ({ value: a.id, label: `${a.name}（${t(`areaKind.${a.kind}`)}）` }))}
				errors={errors}
			/>
			<SelectField
				label={t('drills:fields.kind')}
				name="kind"
				defaultValue={defaults.kind ?? 'EVACUATION'}
				options={DRILL_KINDS.map((k) => ({ value: k, label: t(`drills:kind.${k}`) }))}
				errors={errors}
			/>
			<div className="drill-two">
				<SelectField label={t('drills:fields.form')} name="form" defaultValue={defaults.form ?? 'LIVE'} options={DRILL_FORMS.map((k) => ({ value: k, label: t(`drills:form.${k}`) }))} errors={errors} />
				<SelectField label={t('drills:fields.scope')} name="scope" defaultValue={defaults.scope ?? 'SINGLE'} options={DRILL_SCOPES.map((k) => ({ value: k, label: t(`drills:scope.${k}`) }))} errors={errors} />
			</div>
			<p className="field-hint drill-counts-hint">{t('drills:plan.countsHint')}</p>
			<Field label={t('drills:fields.plannedDate')} name="plannedDate" type="date" defaultValue={defaults.plannedDate ?? ''} required errors={errors} />
			<Field label={t('drills:fields.purpose')} name="purpose" defaultValue={defaults.purpose ?? ''} maxLength={500} errors={errors} />
			<fieldset>
				<legend>{t('drills:fields.scenario')}</legend>
				<Field label={t('drills:fields.scenarioEvent')} name="scenarioEvent" defaultValue={defaults.scenarioEvent ?? ''} maxLength={500} placeholder={t('drills:plan.eventPlaceholder')} errors={errors} />
				<Field label={t('drills:fields.scenarioPlace')} name="scenarioPlace" defaultValue={defaults.scenarioPlace ?? ''} maxLength={200} errors={errors} />
				<Field label={t('drills:fields.scenarioTime')} name="scenarioTime" defaultValue={defaults.scenarioTime ?? ''} maxLength={200} placeholder={t('drills:plan.timePlaceholder')} errors={errors} />
				<Field label={t('drills:fields.scenarioScale')} name="scenarioScale" defaultValue={defaults.scenarioScale ?? ''} maxLength={200} errors={errors} />
			</fieldset>
			<Field
				label={t('drills:fields.expectedParticipants')}
				name="expectedParticipants"
				type="number"
				inputMode="numeric"
				min={0}
				max={100000}
				defaultValue={defaults.expectedParticipants ?? ''}
				errors={errors}
			/>
			<SelectField label={t('drills:fields.organiser')} name="organiserId" defaultValue={defaults.organiserId ?? ''} placeholder={t('drills:choosePerson')} options={peopleOptions} errors={errors} />
			<SelectField label={t('drills:fields.evaluator')} name="evaluatorId" defaultValue={defaults.evaluatorId ?? ''} placeholder={t('drills:choosePerson')} options={peopleOptions} errors={errors} />
		</>
	)
}
