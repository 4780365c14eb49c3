import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SelectField } from '~/components/form.tsx'
import { PersonName } from '~/components/person-name.tsx'
import { hasRole } from '~/domain/policy.ts'
import { RETRAINING_STATES } from '~/domain/retraining.ts'
import { CaseListFilterSchema, listCases, myOpenCases } from '~/domain/retraining.server.ts'
import { formatDate } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'

export const handle = { title: 'retraining:title' }

const STATE_BADGE: Record<string, string> = { OPEN: 'badge-warn', TRAINING: 'badge-info', READY_FOR_EXAM: 'badge-info', CLEARED: 'badge-ok', ESCALATED: 'badge-bad' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const locale = await getLocale(request)
	if (actor.enterpriseId && hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) {
		const filter = CaseListFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
		const list = await listCases(actor as typeof actor & { enterpriseId: string }, filter)
		return {
			kind: 'enterprise' as const,
			...list,
			cases: list.cases.map((c) => ({ ...c, openedAt: formatDate(c.openedAt, locale) })),
		}
	}
	if (!actor.personId) throw new Response('Forbidden', { status: 403 })
	const mine = await myOpenCases(actor)
	return { kind: 'self' as const, cases: mine.map((c) => ({ ...c, openedAt: formatDate(c.openedAt, locale) })) }
}

export default function RetrainingList() {
	const d = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const { t } = useTranslation()
	if (d.kind === 'self') {
		return (
			<>
				<h1>{t('retraining:myTitle')}</h1>
				{d.cases.length ? (
					<ul className="list">
						{d.cases.map((c) => (
							<li key={c.id}>
								<Link className="row" to={`/retraining/${c.id}`}>
									<span className="row-main">
										<span className="row-title">{t(`retraining:trigger.${c.trigger}`)}</span>
										<span className="row-sub">{c.openedAt}</span>
									</span>
									<span className={`badge ${STATE_BADGE[c.state]}`}>{t(`retraining:state.${c.state}`)}</span>
								</Link>
							</li>
						))}
					</ul>
				) : (
					<p className="card muted">{t('retraining:noneMine')}</p>
				)}
			</>
		)
	}
	return (
		<>
			<h1>{t('retraining:title')}</h1>
			<p className="muted">{t('retraining:intro')}</p>
			<div className="grid" data-testid="case-counts">
				{(['OPEN', 'TRAINING', 'READY_FOR_EXAM', 'ESCALATED'] as const).map((s) => (
					<Link key={s} className="stat" to={`/retraining?state=${s}`}>
						<strong>{d.counts[s] ?? 0}</strong>
						<span>{t(`retraining:state.${s}`)}</span>
					</Link>
				))}
			</div>
			<Form method="get" className="filters" style={{ marginTop: 12 }}>
				<SelectField
					label={t('retraining:stateLabel')}
					name="state"
					defaultValue={params.get('state') ?? 'ACTIVE'}
					options={[
						{ value: 'ACTIVE', label: t('retraining:state.ACTIVE') },
						...RETRAINING_STATES.map((s) => ({ value: s, label: t(`retraining:state.${s}`) })),
						{ value: 'ALL', label: t('all') },
					]}
				/>
				<button type="submit" className="btn">
					{t('filter')}
				</button>
			</Form>
			{d.cases.length ? (
				<ul className="list" data-testid="case-list">
					{d.cases.map((c) => (
						<li key={c.id}>
							<Link className="row" to={`/retraining/${c.id}`}>
								<span className="row-main">
									<span className="row-title">
										<PersonName name={c.person.name} dutyStatus={c.person.dutyStatus} />
									</span>
									<span className="row-sub">
										{[c.person.post, t(`retraining:trigger.${c.trigger}`), c.openedAt, t('retraining:age', { count: c.ageDays })].filter(Boolean).join(' · ')}
									</span>
								</span>
								<span className={`badge ${STATE_BADGE[c.state]}`}>{t(`retraining:state.${c.state}`)}</span>
							</Link>
						</li>
					))}
				</ul>
			) : (
				<p className="card muted">{t('retraining:none')}</p>
			)}
		</>
	)
}
