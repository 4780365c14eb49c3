import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	isRouteErrorResponse,
	useRouteError,
	useMatches,
	useRouteLoaderData,
	type ShouldRevalidateFunction,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DEFAULT_LOCALE } from './i18n.ts'
import appCss from './styles/app.css?url'
import { getLocale, getMessageBundle } from './utils/i18n.server.ts'
import { useNonce } from './utils/nonce.tsx'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: appCss },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
	const locale = await getLocale(request)
	return { locale, messagesUrl: `/messages/${locale}/${getMessageBundle(locale).hash}.json` }
}

// Messages only change with the locale, and switching locale reloads the document.
export const shouldRevalidate: ShouldRevalidateFunction = () => false

export function Layout({ children }: { children: React.ReactNode }) {
	const data = useRouteLoaderData<typeof loader>('root')
	const locale = data?.locale ?? DEFAULT_LOCALE
	const nonce = useNonce()
	const { t } = useTranslation()
	const titleKey = [...useMatches()].reverse().find((m) => (m.handle as { title?: string } | undefined)?.title)?.handle as { title?: string } | undefined
	const title = titleKey?.title ? `${t(titleKey.title)} · ${t('appName')}` : t('appName')
	const messagesUrl = data?.messagesUrl ?? ''
	return (
		<html lang={locale}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
				<meta name="theme-color" content="#0b5cab" />
				<meta name="format-detection" content="telephone=no" />
				<title>{title}</title>
				<Meta />
				<Links />
				{messagesUrl ? <link rel="preload" as="fetch" href={messagesUrl} crossOrigin="anonymous" /> : null}
			</head>
			<body>
				{children}
				<meta name="i18n" content={locale} data-url={messagesUrl} />
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslation()
	const status = isRouteErrorResponse(error) ? error.status : 500
	return <ErrorPage status={status} t={t} />
}

export function ErrorPage({ status, t }: { status: number; t: (k: string) => string }) {
	const kind = status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status === 400 ? 'badRequest' : status === 413 ? 'tooLarge' : 'serverError'
	return (
		<main className="error-page" role="main">
			<p className="error-code">{status}</p>
			<h1>{t(`common:errorPage.${kind}.title`)}</h1>
			<p>{t(`common:errorPage.${kind}.body`)}</p>
			<p className="error-actions">
				<a className="btn btn-primary" href="/">
					{t('common:errorPage.home')}
				</a>
			</p>
		</main>
	)
}
