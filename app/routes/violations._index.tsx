import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SelectField } from '~/components/form.tsx'
import { PersonName } from '~/components/person-name.tsx'
import { hasRole } from '~/domain/policy.ts'
import { VIOLATION_TYPES } from '~/domain/retraining.ts'
import { formatDateTime } from '~/domain/time.ts'
import { listViolations, ViolationFilterSchema } from '~/domain/violations.server.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'

export const handle = { title: 'violations:title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	const url = new URL(request.url)
	const filter = ViolationFilterSchema.parse(Object.fromEntries(url.searchParams))
	const locale = await getLocale(request)
	const rows = await listViolations(actor, filter)
	return {
		canRecord: hasRole(actor, 'SAFETY_MANAGER'),
		violations: rows.map((v) => ({ ...v, occurredAt: formatDateTime(v.occurredAt, locale) })),
	}
}

export default function Violations() {
	const { violations, canRecord } = useLoaderData<typeof loader>()
	const [params] = useSearchParams()
	const { t } = useTranslation()
	return (
		<>
			<div className="page-head">
				<h1>{t('violations:title')}</h1>
				{canRecord ? (
					<Link className="btn btn-primary" to="/violations/new">
						{t('violations:record')}
					</Link>
				) : null}
			</div>
			<p className="muted">{t('violations:intro')}</p>
			<Form method="get" className="filters">
				<SelectField
					label={t('violations:type')}
					name="type"
					defaultValue={params.get('type') ?? ''}
					placeholder={t('all')}
					options={VIOLATION_TYPES.map((v) => ({ value: v, label: t(`violations:types.${v}`) }))}
				/>
				<SelectField
					label={t('violations:ack')}
					name="ack"
					defaultValue={params.get('ack') ?? ''}
					placeholder={t('all')}
					options={[
						{ value: 'PENDING', label: t('violations:ackPending') },
						{ value: 'DONE', label: t('violations:ackDone') },
					]}
				/>
				<button type="submit" className="btn wide">
					{t('filter')}
				</button>
			</Form>
			{violations.length ? (
				<ul className="list" data-testid="violation-list">
					{violations.map((v) => (
						<li key={v.id}>
							<Link className="row" to={`/violations/${v.id}`}>
								<span className="row-main">
									<span className="row-title">
										<PersonName name={v.person.name} dutyStatus={v.person.dutyStatus} />
									</span>
									<span className="row-sub">{[t(`violations:types.${v.type}`), v.occurredAt, v.area?.name ?? v.place].filter(Boolean).join(' · ')}</span>
								</span>
								<span className={`badge ${v.acknowledgedAt ? 'badge-ok' : 'badge-warn'}`}>{v.acknowledgedAt ? t('violations:ackDone') : t('violations:ackPending')}</span>
							</Link>
						</li>
					))}
				</ul>
			) : (
				<p className="card muted">{t('violations:none')}</p>
			)}
		</>
	)
}
