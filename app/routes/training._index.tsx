import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Meter } from '~/components/learning.tsx'
import { hoursFromSeconds, percent, type CoverageGroup } from '~/domain/learning/hours.ts'
import { getTrainingOverview } from '~/domain/learning/training.server.ts'
import { hasRole } from '~/domain/policy.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'

export const handle = { title: 'learning:trainingTitle' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	const o = await getTrainingOverview(actor)
	const slim = (list: typeof o.staff) =>
		list.map((p) => ({
			id: p.id,
			name: p.name,
			sub: [p.department, p.post, p.contractorName].filter(Boolean).join(' · '),
			hours: hoursFromSeconds(p.seconds),
			required: p.requiredHours,
			met: p.seconds >= p.requiredSeconds,
			overdue: p.overdue,
			open: p.open,
			kind: p.requirementKind,
		}))
	return { year: o.year, coverage: o.coverage, staff: slim(o.staff), contractors: slim(o.contractors), packs: o.packs, canEdit: hasRole(actor, 'SAFETY_MANAGER') }
}

function CoverageCard({ title, g, testId }: { title: string; g: CoverageGroup; testId: string }) {
	const { t } = useTranslation()
	return (
		<section className="card" data-testid={testId}>
			<h2>{title}</h2>
			<div className="grid coverage-grid">
				<div className="stat">
					<strong data-testid={`${testId}-meeting`}>
						{g.meeting}/{g.people}
					</strong>
					<span>{t('learning:coverageMeeting', { pct: percent(g.meeting, g.people) })}</span>
				</div>
				<div className="stat">
					<strong data-testid={`${testId}-assigned`}>
						{g.assigned}/{g.people}
					</strong>
					<span>{t('learning:coverageAssigned')}</span>
				</div>
				<div className="stat">
					<strong className={g.overdue ? 'text-bad' : undefined}>{g.overdue}</strong>
					<span>{t('learning:coverageOverdue')}</span>
				</div>
			</div>
			<Meter value={percent(g.meeting, g.people)} label={t('learning:coverageMeeting', { pct: percent(g.meeting, g.people) })} />
		</section>
	)
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['staff'][number]

function PeopleRows({ people, testId }: { people: Row[]; testId?: string }) {
	const { t } = useTranslation()
	return (
		<ul className="list" data-testid={testId}>
			{people.map((p) => (
				<li key={p.id}>
					<Link className="row" to={`/roster/${p.id}`}>
						<span className="row-main">
							<span className="row-title">{p.name}</span>
							<span className="row-sub">{p.sub}</span>
							<span className="row-sub">
								{t('learning:hoursOf', { hours: p.hours, required: p.required })} · {t(`learning:requirementShort.${p.kind}`)}
							</span>
						</span>
						<span className="row-badges">
							{p.overdue ? <span className="badge badge-bad">{t('learning:overdueCount', { count: p.overdue })}</span> : null}
							{p.met ? <span className="badge badge-ok">{t('learning:ruleMet')}</span> : <span className="badge badge-warn">{t('learning:ruleNotMet')}</span>}
						</span>
					</Link>
				</li>
			))}
		</ul>
	)
}

/** People who need attention (overdue or short of their hours) first; the rest folded away. */
function PeopleList({ people, testId }: { people: Row[]; testId: string }) {
	const { t } = useTranslation()
	if (!people.length) return <p className="card muted">{t('learning:nobody')}</p>
	const attention = people.filter((p) => p.overdue > 0 || !p.met)
	const fine = people.filter((p) => !(p.overdue > 0 || !p.met))
	return (
		<div data-testid={testId}>
			{attention.length ? <PeopleRows people={attention} testId={`${testId}-attention`} /> : <p className="card muted">{t('learning:allFine')}</p>}
			{fine.length ? (
				<details className="fold">
					<summary>{t('learning:showFine', { count: fine.length })}</summary>
					<PeopleRows people={fine} />
				</details>
			) : null}
		</div>
	)
}

export default function TrainingOverview() {
	const d = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	return (
		<>
			<div className="page-head">
				<h1>{t('learning:trainingTitle')}</h1>
				<div className="actions">
					{d.canEdit ? (
						<Link className="btn btn-primary" to="/training/assign">
							{t('learning:assign')}
						</Link>
					) : null}
					<Link className="btn" to="/training/classroom">
						{t('learning:classroom')}
					</Link>
					<Link className="btn" to="/training/rules">
						{t('learning:rules')}
					</Link>
				</div>
			</div>
			<p className="muted small">{t('learning:coverageIntro', { year: d.year })}</p>
			<CoverageCard title={t('learning:ownStaff')} g={d.coverage.staff} testId="coverage-staff" />
			<CoverageCard title={t('learning:contractorStaff')} g={d.coverage.contractors} testId="coverage-contractors" />
			{d.packs.length ? (
				<section className="card">
					<h2>{t('learning:packsThisYear', { year: d.year })}</h2>
					<ul className="list">
						{d.packs.map((p) => (
							<li key={p.packId}>
								<div className="row">
									<span className="row-main">
										<span className="row-title">{en ? p.titleEn : p.titleZh}</span>
										<Meter value={percent(p.completed, p.assigned)} />
									</span>
									<span className="nowrap">{t('learning:completedOfAssigned', { completed: p.completed, assigned: p.assigned })}</span>
								</div>
							</li>
						))}
					</ul>
				</section>
			) : null}
			<h2>{t('learning:ownStaff')}</h2>
			<PeopleList people={d.staff} testId="training-staff" />
			<h2>{t('learning:contractorStaff')}</h2>
			<PeopleList people={d.contractors} testId="training-contractors" />
		</>
	)
}
