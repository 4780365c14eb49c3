import { hasRole, type Actor } from '~/domain/policy.ts'

export type NavItem = { to: string; labelKey: string; icon: 'home' | 'people' | 'map' | 'building' | 'user' | 'book' | 'check' | 'cap' | 'siren' | 'clipboard' | 'alert' | 'redo' | 'pen' | 'chart' | 'menu' }

/** Navigation per role; the phone bar shows the first four and “more” (/menu) when there are over five. */
export function navFor(actor: Actor): NavItem[] {
	const items: NavItem[] = [{ to: '/home', labelKey: 'nav.home', icon: 'home' }]
	// issue 3: everyone on a roster studies; managers find it after their own items.
	const learn: NavItem = { to: '/learn', labelKey: 'nav.learn', icon: 'book' }
	if (actor.personId && !hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) items.push(learn)
	// issue 6: "我的证书" for everyone on a roster
	const certificates: NavItem = { to: '/certificates', labelKey: 'certificates:nav', icon: 'check' }
	if (actor.personId && !hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) items.push(certificates)
	if (hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) {
		items.push({ to: '/roster', labelKey: 'nav.roster', icon: 'people' })
		items.push({ to: '/training', labelKey: 'nav.training', icon: 'cap' }) // issue 3
		items.push({ to: '/areas', labelKey: 'nav.areas', icon: 'map' })
		items.push({ to: '/drills', labelKey: 'drills:nav', icon: 'siren' }) // issue 5
		items.push({ to: '/retraining', labelKey: 'retraining:nav', icon: 'redo' }) // issue 4
		items.push({ to: '/violations', labelKey: 'violations:nav', icon: 'alert' }) // issue 4
		items.push({ to: '/credentials', labelKey: 'credentials:nav', icon: 'check' }) // issue 6
		items.push({ to: '/dashboard', labelKey: 'oversight:nav', icon: 'chart' }) // issue 7
	}
	// issue 4: the inspector's on-site tool comes right after home
	if (hasRole(actor, 'INSPECTOR')) items.push({ to: '/inspections', labelKey: 'inspections:nav', icon: 'clipboard' })
	if (hasRole(actor, 'INSPECTOR', 'REGULATOR', 'ADMIN')) {
		items.push({ to: '/oversight', labelKey: 'oversight:nav', icon: 'chart' }) // issue 7
		items.push({ to: '/enterprises', labelKey: 'nav.enterprises', icon: 'building' })
		items.push({ to: '/drills/oversight', labelKey: 'drills:nav', icon: 'siren' }) // issue 5
		// Regulators read the region's inspections and their records (the inspector's item is above).
		if (!hasRole(actor, 'INSPECTOR')) items.push({ to: '/inspections', labelKey: 'inspections:nav', icon: 'clipboard' })
	}
	if (actor.personId && hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) items.push(learn, certificates)
	// issue 4: the exam engine — everyone on a roster sees their papers; the admin edits blueprints
	if (actor.personId) items.push({ to: '/exams', labelKey: 'exam:nav', icon: 'pen' })
	if (hasRole(actor, 'ADMIN')) items.push({ to: '/admin/exam-blueprints', labelKey: 'exam:bpNav', icon: 'pen' })
	items.push({ to: '/me', labelKey: 'nav.me', icon: 'user' })
	return items
}
