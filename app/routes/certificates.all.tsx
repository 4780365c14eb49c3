import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, SelectField } from '~/components/form.tsx'
import { CertificateFilterSchema, listEnterpriseCertificates } from '~/domain/certificates.server.ts'
import { formatDate, startOfShanghaiDay } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'

export const handle = { title: 'certificates:enterpriseList' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	const filter = CertificateFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const locale = await getLocale(request)
	const certs = await listEnterpriseCertificates(actor, filter)
	return {
		certificates: certs.map((c) => ({
			id: c.id,
			serial: c.serial,
			holder: c.holderName,
			state: c.state,
			title: locale === 'en' ? c.packVersion.titleEn : c.packVersion.titleZh,
			issued: formatDate(c.issuedAt, locale),
			validUntil: formatDate(startOfShanghaiDay(c.validUntil), locale),
		})),
	}
}

export default function EnterpriseCertificates() {
	const { certificates } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const [params] = useSearchParams()
	return (
		<>
			<h1>{t('certificates:enterpriseList')}</h1>
			<Form method="get" className="filters" role="search">
				<Field label={t('certificates:search')} name="q" type="search" defaultValue={params.get('q') ?? ''} />
				<SelectField
					label={t('certificates:status')}
					name="state"
					defaultValue={params.get('state') ?? ''}
					placeholder={t('all')}
					options={(['VALID', 'EXPIRED', 'REVOKED'] as const).map((s) => ({ value: s, label: t(`certificates:state.${s}`) }))}
				/>
				<button type="submit" className="btn btn-primary">
					{t('filter')}
				</button>
			</Form>
			<p className="muted">{t('total', { count: certificates.length })}</p>
			{certificates.length ? (
				<ul className="list" data-testid="enterprise-certificates">
					{certificates.map((c) => (
						<li key={c.id}>
							<Link className="row" to={`/certificates/${c.id}`}>
								<span className="row-main">
									<span className="row-title">
										{c.holder} · {c.title}
									</span>
									<span className="row-sub">
										{c.serial} · {t('certificates:issuedUntil', { issued: c.issued, until: c.validUntil })}
									</span>
								</span>
								<span className={`badge badge-cert-${c.state}`}>{t(`certificates:state.${c.state}`)}</span>
							</Link>
						</li>
					))}
				</ul>
			) : (
				<p className="card muted">{t('certificates:noneFound')}</p>
			)}
		</>
	)
}
