import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CredentialBadge, dueText } from '~/components/credentials.tsx'
import { Field, SelectField } from '~/components/form.tsx'
import { CredentialListFilterSchema, listEnterpriseCredentials } from '~/domain/credentials.server.ts'
import { displayCredentialNumber } from '~/domain/credentials.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'

export const handle = { title: 'credentials:registerTitle' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	const filter = CredentialListFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const result = await listEnterpriseCredentials(actor, filter, shanghaiDate(new Date()))
	return {
		show: filter.show ?? 'ATTENTION',
		total: result.total,
		gaps: result.gaps.map((g) => ({ id: g.person.id, name: g.person.name, post: g.person.post, missing: g.missing })),
		credentials: result.credentials.map((c) => ({
			id: c.id,
			type: c.type,
			number: displayCredentialNumber(c.number),
			expiryDate: c.expiryDate,
			person: { id: c.person.id, name: c.person.name, post: c.person.post },
			status: { state: c.status.state, due: c.status.due, days: c.status.days },
		})),
	}
}

export default function CredentialRegister() {
	const { show, total, gaps, credentials } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const [params] = useSearchParams()
	return (
		<>
			<h1>{t('credentials:registerTitle')}</h1>
			<Form method="get" className="filters" role="search">
				<SelectField
					label={t('filter')}
					name="show"
					defaultValue={show}
					options={(['ATTENTION', 'ALL', 'MISSING'] as const).map((v) => ({ value: v, label: t(`credentials:show.${v}`) }))}
				/>
				<Field label={t('search')} name="q" type="search" defaultValue={params.get('q') ?? ''} />
				<button type="submit" className="btn btn-primary">
					{t('filter')}
				</button>
			</Form>
			<section className="card" data-testid="credential-gaps">
				<h2>{t('credentials:gapsTitle')}</h2>
				{gaps.length ? (
					<ul className="list">
						{gaps.map((g) => (
							<li key={g.id}>
								<Link className="row" to={`/roster/${g.id}#credentials`}>
									<span className="row-main">
										<span className="row-title">{g.name}</span>
										<span className="row-sub">
											{[g.post, g.missing.map((m) => t(`credentials:type.${m}`)).join('、')].filter(Boolean).join(' · ')}
										</span>
									</span>
									<span className="badge badge-bad">{t('credentials:flag.MISSING')}</span>
								</Link>
							</li>
						))}
					</ul>
				) : (
					<p className="muted">{t('credentials:noGaps')}</p>
				)}
			</section>
			{show !== 'MISSING' ? (
				<>
					<p className="muted">{t('credentials:total', { count: total })}</p>
					{credentials.length ? (
						<ul className="list" data-testid="credential-list">
							{credentials.map((c) => (
								<li key={c.id}>
									<Link className="row" to={`/roster/${c.person.id}#credentials`}>
										<span className="row-main">
											<span className="row-title">
												{c.person.name} · {t(`credentials:type.${c.type}`)}
											</span>
											<span className="row-sub">{[c.number, c.status.due ? dueText(t, c.status) : `${t('credentials:expiryDate')} ${c.expiryDate}`].join(' · ')}</span>
										</span>
										<CredentialBadge state={c.status.state} />
									</Link>
								</li>
							))}
						</ul>
					) : (
						<p className="card muted">{t('credentials:noneListed')}</p>
					)}
				</>
			) : null}
		</>
	)
}
