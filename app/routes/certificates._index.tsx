import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listMyCertificates } from '~/domain/certificates.server.ts'
import { CredentialBadge, dueText } from '~/components/credentials.tsx'
import { listMyCredentials } from '~/domain/credentials.server.ts'
import { displayCredentialNumber } from '~/domain/credentials.ts'
import { hasRole } from '~/domain/policy.ts'
import { formatDate, shanghaiDate, startOfShanghaiDay } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'

export const handle = { title: 'certificates:mine' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const locale = await getLocale(request)
	const [certs, credentials] = await Promise.all([listMyCertificates(actor), listMyCredentials(actor, shanghaiDate(new Date()))])
	return {
		personId: actor.personId,
		credentials: credentials.map((c) => ({
			id: c.id,
			type: c.type,
			number: displayCredentialNumber(c.number),
			issuer: c.issuer,
			expiryDate: c.expiryDate,
			nextReviewDate: c.nextReviewDate,
			status: { state: c.status.state, due: c.status.due, days: c.status.days },
		})),
		canManage: hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL') && !!actor.enterpriseId,
		certificates: certs.map((c) => ({
			id: c.id,
			serial: c.serial,
			state: c.state,
			title: locale === 'en' ? c.packVersion.titleEn : c.packVersion.titleZh,
			hours: c.hours,
			issued: formatDate(c.issuedAt, locale),
			validUntil: formatDate(startOfShanghaiDay(c.validUntil), locale),
		})),
	}
}

export default function MyCertificates() {
	const { certificates, canManage, credentials, personId } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<>
			<div className="page-head">
				<h1>{t('certificates:mine')}</h1>
				{canManage ? (
					<Link className="btn" to="/certificates/all">
						{t('certificates:enterpriseList')}
					</Link>
				) : null}
			</div>
			{certificates.length ? (
				<ul className="cert-list" data-testid="my-certificates">
					{certificates.map((c) => (
						<li key={c.id} className="card cert-card">
							<div className="page-head">
								<Link to={`/certificates/${c.id}`} className="row-title">
									{c.title}
								</Link>
								<span className={`badge badge-cert-${c.state}`}>{t(`certificates:state.${c.state}`)}</span>
							</div>
							<p className="row-sub">
								{t('certificates:serial')} {c.serial} · {t('certificates:hoursValue', { hours: c.hours })}
							</p>
							<p className="row-sub">{t('certificates:issuedUntil', { issued: c.issued, until: c.validUntil })}</p>
							<div className="actions">
								<Link className="btn" to={`/certificates/${c.id}`}>
									{t('certificates:show')}
								</Link>
								<a className="btn btn-primary" href={`/certificates/${c.id}/pdf`} download>
									{t('certificates:downloadPdf')}
								</a>
							</div>
						</li>
					))}
				</ul>
			) : (
				<p className="card muted">{t('certificates:noneMine')}</p>
			)}
			{credentials.length ? (
				<section className="card" data-testid="my-credentials">
					<h2>{t('certificates:myCredentials')}</h2>
					<ul className="list">
						{credentials.map((c) => (
							<li key={c.id}>
								<div className="row">
									<span className="row-main">
										<span className="row-title">{t(`credentials:type.${c.type}`)}</span>
										<span className="row-sub">
											{c.number} · {c.issuer} · {t('credentials:expiryDate')} {c.expiryDate}
											{c.nextReviewDate ? ` · ${t('credentials:nextReviewDate')} ${c.nextReviewDate}` : ''}
										</span>
										{c.status.due ? <span className="row-sub">{dueText(t, c.status)}</span> : null}
									</span>
									<CredentialBadge state={c.status.state} />
								</div>
							</li>
						))}
					</ul>
				</section>
			) : null}
			{personId ? (
				<p>
					<a className="btn btn-block" href={`/roster/${personId}/archive`} download>
						{t('certificates:myArchive')}
					</a>
				</p>
			) : null}
		</>
	)
}
