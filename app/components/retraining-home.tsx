import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

type Home = {
	mine: { id: string; state: string; trigger: string; packsLeft: number; minutesLeft: number }[]
	pendingViolations: { id: string; type: string }[]
	enterprise: { byState: Record<string, number>; pendingAcks: number; escalated: number } | null
	region: { escalated: number; openInspections: number } | null
}

/** Issue 4 cards on the home page: my retraining, my 三违 to acknowledge, cases, escalations. */
export function RetrainingHomeCards({ home }: { home: Home }) {
	const { t } = useTranslation()
	const e = home.enterprise
	const active = e ? Object.values(e.byState).reduce((n, x) => n + x, 0) : 0
	return (
		<>
			{home.pendingViolations.map((v) => (
				<section key={v.id} className="card card-alert" data-testid="home-violation">
					<h2>{t('violations:homeTitle')}</h2>
					<p>{t('violations:homeBody', { type: t(`violations:types.${v.type}`) })}</p>
					<Link className="btn btn-primary" to={`/violations/${v.id}`}>
						{t('violations:homeAction')}
					</Link>
				</section>
			))}
			{home.mine.map((c) => (
				<section key={c.id} className="card card-alert" data-testid="home-retraining">
					<h2>{t('retraining:homeTitle')}</h2>
					<p>
						{t(`retraining:trigger.${c.trigger}`)} · <strong>{t(`retraining:state.${c.state}`)}</strong>
					</p>
					<p className="small">
						{c.state === 'READY_FOR_EXAM'
							? t('retraining:homeReady')
							: c.state === 'ESCALATED'
								? t('retraining:homeEscalated')
								: t('retraining:remaining', { packs: c.packsLeft, hours: Math.round((c.minutesLeft / 60) * 10) / 10 })}
					</p>
					<Link className="btn btn-primary" to={`/retraining/${c.id}`}>
						{t('retraining:homeAction')}
					</Link>
				</section>
			))}
			{e && (active > 0 || e.pendingAcks > 0) ? (
				<section className="card" data-testid="home-cases">
					<h2>{t('retraining:homeStaffTitle')}</h2>
					<div className="grid">
						<Link className="stat" to="/retraining">
							<strong>{active}</strong>
							<span>{t('retraining:homeActive')}</span>
						</Link>
						{e.escalated ? (
							<Link className="stat" to="/retraining?state=ESCALATED">
								<strong>{e.escalated}</strong>
								<span>{t('retraining:state.ESCALATED')}</span>
							</Link>
						) : null}
						<Link className="stat" to="/violations?ack=PENDING">
							<strong>{e.pendingAcks}</strong>
							<span>{t('violations:ackPending')}</span>
						</Link>
					</div>
				</section>
			) : null}
			{home.region ? (
				<section className="card" data-testid="home-inspections">
					<h2>{t('inspections:title')}</h2>
					<div className="grid">
						<Link className="stat" to="/inspections">
							<strong>{home.region.openInspections}</strong>
							<span>{t('inspections:homeOpen')}</span>
						</Link>
						<Link className="stat" to="/inspections">
							<strong>{home.region.escalated}</strong>
							<span>{t('retraining:escalatedTitle')}</span>
						</Link>
					</div>
					<Link className="btn btn-primary" to="/inspections/new">
						{t('inspections:new')}
					</Link>
				</section>
			) : null}
		</>
	)
}
