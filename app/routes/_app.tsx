import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData, useRouteError, isRouteErrorResponse } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Icon } from '~/components/icons.tsx'
import { Notice, useMsg } from '~/components/form.tsx'
import { ErrorPage } from '~/root.tsx'
import { primaryRole } from '~/domain/policy.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import { readFlash } from '~/utils/flash.server.ts'
import { navFor } from '~/utils/navigation.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const [enterprise, region, flash] = await Promise.all([
		actor.enterpriseId ? db.enterprise.findUnique({ where: { id: actor.enterpriseId }, select: { name: true } }) : null,
		actor.regionId ? db.region.findUnique({ where: { id: actor.regionId }, select: { name: true, nameEn: true } }) : null,
		readFlash(request),
	])
	return data(
		{
			user: { displayName: actor.displayName, role: primaryRole(actor.roles) },
			scopeName: enterprise?.name ?? null,
			region,
			nav: navFor(actor),
			flash: flash.msg,
		},
		{ headers: flash.headers },
	)
}

export default function AppShell() {
	const { user, scopeName, region, nav, flash } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const msg = useMsg()
	const scope = scopeName ?? (region ? (i18n.language === 'en' ? region.nameEn : region.name) : '')
	return (
		<div className="shell">
			<a className="skip-link" href="#main">
				{t('nav.skip')}
			</a>
			<header className="topbar">
				<a href="/home" className="brand">
					<span className="brand-mark" aria-hidden="true">
						安
					</span>
					<span>{t('appName')}</span>
				</a>
				<span className="topbar-scope" title={scope}>
					{scope}
				</span>
				<span className="topbar-user">
					{user.displayName} · {t(`roles.${user.role}`)}
				</span>
			</header>
			<nav className="sidenav" aria-label={t('nav.label')}>
				<ul>
					{nav.map((item) => (
						<li key={item.to}>
							<NavLink to={item.to} prefetch="intent">
								<Icon name={item.icon} />
								<span>{t(item.labelKey)}</span>
							</NavLink>
						</li>
					))}
				</ul>
			</nav>
			<main id="main" className="content">
				{flash ? <Notice kind="success">{msg(flash)}</Notice> : null}
				<Outlet />
			</main>
			<nav className="bottomnav" aria-label={t('nav.label')}>
				{(nav.length > 5 ? nav.slice(0, 4) : nav).map((item) => (
					<NavLink key={item.to} to={item.to}>
						<Icon name={item.icon} />
						<span>{t(item.labelKey)}</span>
					</NavLink>
				))}
				{nav.length > 5 ? (
					<NavLink to="/menu" data-testid="nav-more">
						<Icon name="menu" />
						<span>{t('nav.more')}</span>
					</NavLink>
				) : null}
			</nav>
		</div>
	)
}

export function ErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslation()
	return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} t={t} />
}
