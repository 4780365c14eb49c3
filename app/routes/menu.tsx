import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Icon } from '~/components/icons.tsx'
import { requireActor } from '~/utils/auth.server.ts'
import { navFor } from '~/utils/navigation.ts'

export const handle = { title: 'nav.menuTitle' }

/** Every feature of the role as big tap targets: the phone bar only has room for four. */
export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	return { nav: navFor(actor) }
}

export default function Menu() {
	const { nav } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<>
			<h1>{t('nav.menuTitle')}</h1>
			<ul className="list menu-list">
				{nav.map((item) => (
					<li key={item.to}>
						<Link className="row" to={item.to}>
							<span className="menu-item">
								<Icon name={item.icon} />
								<span>{t(item.labelKey)}</span>
							</span>
							<span aria-hidden="true">›</span>
						</Link>
					</li>
				))}
			</ul>
		</>
	)
}
