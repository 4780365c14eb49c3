import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import QRCode from 'qrcode'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors } from '~/components/form.tsx'
import { getCertificate, revokeCertificate, RevokeSchema } from '~/domain/certificates.server.ts'
import { verifyUrl } from '~/domain/certificates.ts'
import { maskIdCard } from '~/domain/identifiers.ts'
import { hasRole } from '~/domain/policy.ts'
import { formatDate, formatDateTime, startOfShanghaiDay } from '~/domain/time.ts'
import { requireActor, requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { publicOrigin } from '~/utils/pdf.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'certificates:detail' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	let c
	try {
		c = await getCertificate(actor, params.certificateId!)
	} catch (e) {
		throw domainErrorResponse(e)
	}
	const locale = await getLocale(request)
	const url = verifyUrl(publicOrigin(request), c.verifyCode)
	const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
	return {
		certificate: {
			id: c.id,
			serial: c.serial,
			state: c.state,
			holder: c.holderName,
			idCard: c.person.idCard ? maskIdCard(c.person.idCard) : null,
			enterprise: c.enterpriseName,
			title: locale === 'en' ? c.packVersion.titleEn : c.packVersion.titleZh,
			version: c.packVersion.declaredVersion,
			hours: c.hours,
			score: c.score,
			issued: formatDate(c.issuedAt, locale),
			validUntil: formatDate(startOfShanghaiDay(c.validUntil), locale),
			revokedAt: c.revokedAt ? formatDateTime(c.revokedAt, locale) : null,
			revokedReason: c.revokedReason,
		},
		qr: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`,
		verifyUrl: url,
		canRevoke: hasRole(actor, 'SAFETY_MANAGER') && actor.enterpriseId === c.enterpriseId && c.status === 'VALID',
		backTo: actor.personId === c.personId ? '/certificates' : hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL') ? '/certificates/all' : '/home',
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const parsed = parseForm(RevokeSchema, await readFormData(request))
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const cert = await revokeCertificate(actor, params.certificateId!, parsed.data.reason)
		return redirect(`/certificates/${cert.id}`, { headers: await flashHeaders({ key: 'certificates:revoked', values: { serial: cert.serial } }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function CertificatePage() {
	const { certificate: c, qr, verifyUrl, canRevoke, backTo } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<>
			<p>
				<Link to={backTo}>← {t('certificates:back')}</Link>
			</p>
			<div className="page-head">
				<h1>{c.title}</h1>
				<span className={`badge badge-cert-${c.state}`} data-testid="certificate-state">
					{t(`certificates:state.${c.state}`)}
				</span>
			</div>
			<section className="card cert-detail">
				<img className="cert-qr" src={qr} alt={t('certificates:qrAlt')} width={180} height={180} />
				<p className="muted small cert-url">{verifyUrl}</p>
				<dl className="facts">
					<dt>{t('certificates:serial')}</dt>
					<dd>{c.serial}</dd>
					<dt>{t('certificates:holder')}</dt>
					<dd>{c.holder}</dd>
					{c.idCard ? (
						<>
							<dt>{t('certificates:idCard')}</dt>
							<dd>{c.idCard}</dd>
						</>
					) : null}
					<dt>{t('certificates:enterprise')}</dt>
					<dd>{c.enterprise}</dd>
					<dt>{t('certificates:version')}</dt>
					<dd>{t('certificates:versionValue', { version: c.version })}</dd>
					<dt>{t('certificates:hours')}</dt>
					<dd>{t('certificates:hoursValue', { hours: c.hours })}</dd>
					<dt>{t('certificates:score')}</dt>
					<dd>{c.score ?? t('none')}</dd>
					<dt>{t('certificates:issued')}</dt>
					<dd>{c.issued}</dd>
					<dt>{t('certificates:validUntil')}</dt>
					<dd>{c.validUntil}</dd>
					{c.revokedAt ? (
						<>
							<dt>{t('certificates:revokedAt')}</dt>
							<dd>{c.revokedAt}</dd>
							<dt>{t('certificates:reason')}</dt>
							<dd>{c.revokedReason}</dd>
						</>
					) : null}
				</dl>
				<p>
					<a className="btn btn-primary btn-block" href={`/certificates/${c.id}/pdf`} download>
						{t('certificates:downloadPdf')}
					</a>
				</p>
			</section>
			{canRevoke ? (
				<section className="card">
					<h2>{t('certificates:revokeTitle')}</h2>
					<FormErrors errors={errors?.formErrors} />
					<Form method="post">
						<Field label={t('certificates:reason')} name="reason" errors={errors?.fieldErrors} required maxLength={200} hint={t('certificates:revokeHint')} />
						<button type="submit" className="btn btn-danger" disabled={busy}>
							{t('certificates:revoke')}
						</button>
					</Form>
				</section>
			) : null}
		</>
	)
}
