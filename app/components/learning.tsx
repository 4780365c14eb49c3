import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { hoursFromSeconds, percent, type CoverageGroup, type LedgerYear, type Requirement } from '~/domain/learning/hours.ts'

export function ReasonBadge({ reason }: { reason: string }) {
	const { t } = useTranslation()
	return <span className={`badge badge-reason-${reason}`}>{t(`learning:reason.${reason}`)}</span>
}

export function StatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
	const { t } = useTranslation()
	if (overdue) return <span className="badge badge-bad">{t('learning:overdue')}</span>
	const cls = status === 'COMPLETED' ? 'badge-ok' : status === 'IN_PROGRESS' ? 'badge-info' : status === 'CANCELLED' ? 'badge-LEFT' : 'badge-warn'
	return <span className={`badge ${cls}`}>{t(`learning:status.${status}`)}</span>
}

export function Meter({ value, label }: { value: number; label?: string }) {
	const v = Math.max(0, Math.min(100, value))
	return (
		<span className="progress-meter" role={label ? 'progressbar' : undefined} aria-label={label} aria-valuenow={label ? v : undefined} aria-valuemin={0} aria-valuemax={100} aria-hidden={label ? undefined : true}>
			<span style={{ width: `${v}%` }} />
		</span>
	)
}

/** Hours this year against the person's rule, with the online / classroom split. */
export function HoursMeter({ year, ledger, requirement, testId }: { year: number; ledger: LedgerYear; requirement: Requirement; testId?: string }) {
	const { t } = useTranslation()
	const got = hoursFromSeconds(ledger.totalSeconds)
	const met = ledger.totalSeconds >= requirement.seconds
	return (
		<section className="card" data-testid={testId}>
			<div className="page-head">
				<h2 style={{ margin: 0 }}>{t('learning:hoursThisYear', { year })}</h2>
				<span className={`badge ${met ? 'badge-ok' : 'badge-warn'}`}>{met ? t('learning:ruleMet') : t('learning:ruleNotMet')}</span>
			</div>
			<p className="hours-figure">
				<strong data-testid={testId ? `${testId}-total` : undefined}>{got}</strong> / {requirement.hours} {t('learning:hoursUnit')}
			</p>
			<Meter value={percent(ledger.totalSeconds, requirement.seconds)} label={t('learning:hoursThisYear', { year })} />
			<p className="small muted">
				{t(`learning:requirement.${requirement.kind}`, { hours: requirement.hours })}
				<br />
				{t('learning:hoursSplit', {
					online: hoursFromSeconds(ledger.onlineSeconds),
					classroom: hoursFromSeconds(ledger.classroomSeconds),
					offJob: hoursFromSeconds(ledger.offJobSeconds),
				})}
			</p>
		</section>
	)
}

/** "12 分 5 秒" / "12 min 5 s" */
export function useDuration() {
	const { t } = useTranslation()
	return (seconds: number) => {
		const s = Math.max(0, Math.ceil(seconds))
		const m = Math.floor(s / 60)
		if (m === 0) return t('learning:sec', { seconds: s })
		return s % 60 ? t('learning:minSec', { minutes: m, seconds: s % 60 }) : t('learning:min', { minutes: m })
	}
}

type PersonTraining = {
	year: number
	requirement: Requirement
	ledger: LedgerYear
	assignments: { id: string; reason: string; dueDate: string; status: string; overdue: boolean; titleZh: string; titleEn: string; percent: number }[]
}

/** On a person's roster page: hours this year against their rule, and their course assignments. */
export function PersonTrainingSection({ training }: { training: PersonTraining }) {
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	return (
		<>
			<HoursMeter year={training.year} ledger={training.ledger} requirement={training.requirement} testId="person-hours" />
			<section className="card" data-testid="person-assignments">
				<h2>{t('learning:assignments')}</h2>
				{training.assignments.length ? (
					<ul className="list">
						{training.assignments.map((a) => (
							<li key={a.id}>
								<Link className="row" to={`/training/assignments/${a.id}`}>
									<span className="row-main">
										<span className="row-title">{en ? a.titleEn : a.titleZh}</span>
										<span className="row-sub">
											<ReasonBadge reason={a.reason} /> {a.status === 'COMPLETED' ? null : `${t('learning:dueOn', { date: a.dueDate })} · ${a.percent}%`}
										</span>
									</span>
									<StatusBadge status={a.status} overdue={a.overdue} />
								</Link>
							</li>
						))}
					</ul>
				) : (
					<p className="muted">{t('learning:noAssignments')}</p>
				)}
			</section>
		</>
	)
}

type LearningReminder = {
	open: number
	overdue: number
	next: { id: string; dueDate: string; titleZh: string; titleEn: string } | null
	hours: { year: number; seconds: number; required: number; requiredSeconds: number }
} | null

/** Home card for anyone on a roster: courses to do and hours this year. */
export function LearningHomeCard({ data }: { data: LearningReminder }) {
	const { t, i18n } = useTranslation()
	if (!data) return null
	const en = i18n.language === 'en'
	return (
		<section className="card" data-testid="home-learning">
			<div className="page-head">
				<h2 style={{ margin: 0 }}>{t('learning:myLearning')}</h2>
				{data.overdue ? <span className="badge badge-bad">{t('learning:overdueCount', { count: data.overdue })}</span> : null}
			</div>
			<p>
				{t('learning:homeHours', { year: data.hours.year })}
				<strong>{hoursFromSeconds(data.hours.seconds)}</strong> / {data.hours.required} {t('learning:hoursUnit')}
			</p>
			<Meter value={percent(data.hours.seconds, data.hours.requiredSeconds)} />
			{data.next ? (
				<p className="small">
					{t('learning:homeNext', { count: data.open, title: en ? data.next.titleEn : data.next.titleZh, date: data.next.dueDate })}
				</p>
			) : (
				<p className="small muted">{t('learning:nothingToDo')}</p>
			)}
			<Link className="btn btn-primary btn-block" to={data.next ? `/learn/${data.next.id}` : '/learn'}>
				{data.next ? t('learning:continue') : t('learning:myLearning')}
			</Link>
		</section>
	)
}

/** Home card for safety managers and principals: training coverage this year. */
export function TrainingHomeCard({ data }: { data: { year: number; coverage: { staff: CoverageGroup; contractors: CoverageGroup } } }) {
	const { t } = useTranslation()
	const { staff, contractors } = data.coverage
	return (
		<section className="card" data-testid="home-training">
			<h2>{t('learning:homeTrainingTitle', { year: data.year })}</h2>
			<div className="grid">
				<Link className="stat" to="/training">
					<strong>
						{staff.meeting}/{staff.people}
					</strong>
					<span>
						{t('learning:ownStaff')} · {t('learning:ruleMet')}
					</span>
				</Link>
				<Link className="stat" to="/training">
					<strong>
						{contractors.meeting}/{contractors.people}
					</strong>
					<span>
						{t('learning:contractorStaff')} · {t('learning:ruleMet')}
					</span>
				</Link>
				<Link className="stat" to="/training">
					<strong className={staff.overdue + contractors.overdue ? 'text-bad' : undefined}>{staff.overdue + contractors.overdue}</strong>
					<span>{t('learning:coverageOverdue')}</span>
				</Link>
			</div>
		</section>
	)
}
