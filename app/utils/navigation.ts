import { hasRole, type Actor } from '~/domain/policy.ts'

export type NavItem = { to: string; labelKey: string; icon: 'home' | 'people' | 'map' | 'building' | 'user' | 'book' | 'check' }

/** Navigation per role; the phone bar shows the first five. */
export function navFor(actor: Actor): NavItem[] {
	const items: NavItem[] = [{ to: '/home', labelKey: 'nav.home', icon: 'home' }]
	if (hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) {
		items.push({ to: '/roster', labelKey: 'nav.roster', icon: 'people' })
		items.push({ to: '/areas', labelKey: 'nav.areas', icon: 'map' })
	}
	if (hasRole(actor, 'INSPECTOR', 'REGULATOR', 'ADMIN')) {
		items.push({ to: '/enterprises', labelKey: 'nav.enterprises', icon: 'building' })
	}
	items.push({ to: '/me', labelKey: 'nav.me', icon: 'user' })
	return items
}
