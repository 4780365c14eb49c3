import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getHome } from '~/domain/home.server.ts'
import { DrillHomeCards } from '~/components/drills.tsx'
import { getDrillHome } from '~/domain/drills.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { RetrainingHomeCards } from '~/components/retraining-home.tsx'
import { getRetrainingHome } from '~/domain/retraining-home.server.ts'
import { CredentialRemindersCard, MyCertificatesCard } from '~/components/credentials.tsx'
import { LearningHomeCard, TrainingHomeCard } from '~/components/learning.tsx'
import { OpenExamCards } from '~/components/exam-home.tsx'
import { getExamHome } from '~/domain/exam/home.server.ts'
import { DashboardHomeCard } from '~/components/oversight.tsx'
import { getHomeDashboard } from '~/domain/dashboard/dashboards.server.ts'

export const handle = { title: 'nav.home' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	return { home: await getHome(actor), drills: await getDrillHome(actor), retraining: await getRetrainingHome(actor), exams: await getExamHome(actor), dashboard: await getHomeDashboard(actor) }
}

export default function Home() {
	const { home, drills, retraining, exams, dashboard } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	if (home.kind === 'worker') {
		const p = home.person
		return (
			<>
				<h1>{t('home:hello', { name: p.name })}</h1>
				<OpenExamCards exams={exams} />
				<RetrainingHomeCards home={retraining} />
				<LearningHomeCard data={home.learning} />
				<DrillHomeCards drills={drills} />
				<section className="card" data-testid="home-worker">
					<h2>{t('home:myStatus')}</h2>
					<p>
						<span className={`badge badge-${p.dutyStatus}`}>{t(`dutyStatus.${p.dutyStatus}`)}</span>
					</p>
					<dl className="facts">
						<dt>{t('home:enterprise')}</dt>
						<dd>{p.enterprise.name}</dd>
						<dt>{t('roster:department')}</dt>
						<dd>{p.department?.name ?? t('none')}</dd>
						<dt>{t('roster:post')}</dt>
						<dd>{p.post || t('none')}</dd>
						<dt>{t('roster:employmentType')}</dt>
						<dd>{t(`employmentType.${p.employmentType}`)}</dd>
					</dl>
					{p.dutyStatus === 'SUSPENDED' ? <p className="alert alert-error">{t('home:suspendedNote')}</p> : null}
				</section>
				<MyCertificatesCard count={home.certificates} />
			</>
		)
	}
	if (home.kind === 'enterprise') {
		const s = home.stats
		return (
			<>
				<h1>{t(home.role === 'PRINCIPAL' ? 'home:principalTitle' : 'home:managerTitle')}</h1>
				<OpenExamCards exams={exams} />
				<RetrainingHomeCards home={retraining} />
				<DrillHomeCards drills={drills} />
				<section data-testid="home-enterprise">
					<div className="grid">
						<Link className="stat" to="/roster?status=ON_POST">
							<strong>{s.onPost}</strong>
							<span>{t('home:onPost')}</span>
						</Link>
						<Link className="stat" to="/roster?status=SUSPENDED">
							<strong>{s.suspended}</strong>
							<span>{t('home:suspended')}</span>
						</Link>
						<Link className="stat" to="/roster?type=CONTRACTOR">
							<strong>{s.nonEmployees}</strong>
							<span>{t('home:nonEmployees')}</span>
						</Link>
						<Link className="stat" to="/areas">
							<strong>{(home.areas.OFFICE ?? 0) + (home.areas.PRODUCTION ?? 0) + (home.areas.LIVING ?? 0)}</strong>
							<span>{t('home:areas')}</span>
						</Link>
					</div>
				</section>
				<DashboardHomeCard data={dashboard} />
				<TrainingHomeCard data={home.training} />
				<LearningHomeCard data={home.learning} />
				<CredentialRemindersCard data={home.credentials} />
				{home.manager ? (
					<section className="card">
						<h2>{t('home:quickActions')}</h2>
						<div className="actions">
							<Link className="btn btn-primary" to="/roster/new">
								{t('roster:add')}
							</Link>
							<Link className="btn" to="/roster/import">
								{t('roster:import')}
							</Link>
							<Link className="btn" to="/organisation">
								{t('org:title')}
							</Link>
							<Link className="btn" to="/areas">
								{t('areas:title')}
							</Link>
						</div>
					</section>
				) : null}
			</>
		)
	}
	const r = home.region
	return (
		<>
			<h1>{t(`home:${home.role === 'ADMIN' ? 'adminTitle' : 'regionTitle'}`)}</h1>
			<DashboardHomeCard data={dashboard} />
			<RetrainingHomeCards home={retraining} />
			<DrillHomeCards drills={drills} />
			<section data-testid="home-region">
				<div className="grid">
					<Link className="stat" to="/enterprises">
						<strong>{r.enterprises}</strong>
						<span>{t('home:enterprises')}</span>
					</Link>
					<div className="stat">
						<strong>{r.people}</strong>
						<span>{t('home:people')}</span>
					</div>
				</div>
			</section>
			{r.byCategory.length ? (
				<section className="card">
					<h2>{t('home:byCategory')}</h2>
					<ul className="list">
						{r.byCategory.map((c) => (
							<li key={c.category}>
								<div className="row">
									<span>{t(`enterpriseCategory.${c.category}`)}</span>
									<strong>{c.count}</strong>
								</div>
							</li>
						))}
					</ul>
				</section>
			) : null}
		</>
	)
}
