import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocaleSwitch } from '~/components/locale-switch.tsx'
import { maskMobile } from '~/domain/identifiers.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'

export const handle = { title: 'me:title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const user = await db.user.findUniqueOrThrow({
		where: { id: actor.userId },
		select: { mobile: true, displayName: true, _count: { select: { sessions: true } } },
	})
	return { name: user.displayName, mobile: maskMobile(user.mobile), sessions: user._count.sessions, roles: actor.roles }
}

export default function Me() {
	const { name, mobile, sessions, roles } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<>
			<h1>{t('me:title')}</h1>
			<section className="card">
				<dl className="facts">
					<dt>{t('me:name')}</dt>
					<dd>{name}</dd>
					<dt>{t('auth:mobile')}</dt>
					<dd>{mobile}</dd>
					<dt>{t('me:roles')}</dt>
					<dd>{roles.map((r) => t(`roles.${r}`)).join('、')}</dd>
				</dl>
			</section>
			<section className="card">
				<h2>{t('me:language')}</h2>
				<LocaleSwitch />
			</section>
			<section className="card">
				<h2>{t('me:security')}</h2>
				<p>
					<a className="btn" href="/password">
						{t('auth:changePassword')}
					</a>
				</p>
				<p className="muted small">{t('me:sessions', { count: sessions })}</p>
				<form method="post" action="/logout" className="actions">
					<button type="submit" className="btn btn-primary">
						{t('auth:signOut')}
					</button>
					<button type="submit" name="everywhere" value="1" className="btn btn-danger">
						{t('auth:signOutEverywhere')}
					</button>
				</form>
				<p className="field-hint">{t('auth:signOutEverywhereHint')}</p>
			</section>
		</>
	)
}
