import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocaleSwitch } from '~/components/locale-switch.tsx'
import { verifyCertificate } from '~/domain/certificates.server.ts'
import { formatDate, startOfShanghaiDay, type DisplayLocale } from '~/domain/time.ts'
import { clientIp } from '~/utils/request.server.ts'

export const meta: MetaFunction = () => [{ name: 'robots', content: 'noindex, nofollow' }]
export const handle = { title: 'verify:title' }

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' }

/**
 * Public, no sign-in. Every miss (malformed, unknown) is the same 404 body; too many misses
 * from one client in ten minutes give 429 with Retry-After.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
	const result = await verifyCertificate(params.code ?? '', clientIp(context))
	if (result.kind === 'throttled')
		return data({ result: 'THROTTLED' as const, retryAfterMin: Math.ceil(result.retryAfterSec / 60) }, { status: 429, headers: { ...NO_STORE, 'Retry-After': String(result.retryAfterSec) } })
	if (result.kind === 'miss') return data({ result: 'NOT_FOUND' as const }, { status: 404, headers: NO_STORE })
	return data({ result: result.state, certificate: result.certificate }, { headers: NO_STORE })
}

function day(date: string, locale: DisplayLocale) {
	return formatDate(startOfShanghaiDay(date), locale)
}

export default function VerifyPage() {
	const res = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const locale: DisplayLocale = i18n.language === 'en' ? 'en' : 'zh-CN'
	return (
		<main className="auth-page">
			<div className="auth-card verify-card">
				<div className="auth-brand">
					<span className="brand-mark big" aria-hidden="true">
						安
					</span>
					<h1>{t('verify:title')}</h1>
				</div>
				{'certificate' in res ? (
					<>
						<p className={`verify-state verify-${res.result}`} data-testid="verify-state" role="status">
							{t(`verify:state.${res.result}`)}
						</p>
						<dl className="facts">
							<dt>{t('verify:serial')}</dt>
							<dd>{res.certificate.serial}</dd>
							<dt>{t('verify:holder')}</dt>
							<dd data-testid="verify-holder">{res.certificate.holder}</dd>
							<dt>{t('verify:enterprise')}</dt>
							<dd>{res.certificate.enterprise}</dd>
							<dt>{t('verify:course')}</dt>
							<dd>
								{locale === 'en' ? res.certificate.packTitleEn : res.certificate.packTitleZh} · {t('verify:version', { version: res.certificate.packVersion })}
							</dd>
							<dt>{t('verify:hours')}</dt>
							<dd>{t('verify:hoursValue', { hours: res.certificate.hours })}</dd>
							<dt>{t('verify:issued')}</dt>
							<dd>{day(res.certificate.issuedOn, locale)}</dd>
							<dt>{t('verify:validUntil')}</dt>
							<dd>{day(res.certificate.validUntil, locale)}</dd>
							{res.certificate.revokedOn ? (
								<>
									<dt>{t('verify:revokedOn')}</dt>
									<dd>{day(res.certificate.revokedOn, locale)}</dd>
								</>
							) : null}
						</dl>
						<p className="muted small">{t('verify:privacy')}</p>
					</>
				) : res.result === 'THROTTLED' ? (
					<p className="alert alert-warning" data-testid="verify-state" role="status">
						{t('verify:throttled', { minutes: res.retryAfterMin })}
					</p>
				) : (
					<div className="alert alert-error" data-testid="verify-state" role="status">
						<p>{t('verify:notFound')}</p>
						<p className="small">{t('verify:notFoundHint')}</p>
					</div>
				)}
				<LocaleSwitch />
			</div>
		</main>
	)
}
