import type { NavItem } from '~/utils/navigation.ts'

const PATHS: Record<NavItem['icon'], string> = {
	menu: 'M4 6h16M4 12h16M4 18h16',
	home: 'M3 11.5 12 4l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z',
	people: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm7 0a3 3 0 1 0 0-6M2 21v-1a6 6 0 0 1 12 0v1M16 14a5 5 0 0 1 6 5v2',
	map: 'M9 4 3 6v14l6-2 6 2 6-2V4l-6 2-6-2zm0 0v14m6-12v14',
	building: 'M4 21V5l8-3v19M12 8l8 3v10M2 21h20M7 8h2M7 12h2M7 16h2M15 13h2M15 17h2',
	user: 'M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9zM4 21a8 8 0 0 1 16 0',
	book: 'M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zm0 0v16M8 7h7',
	check: 'M9 12l2 2 4-4M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z',
	siren: 'M6 18v-6a6 6 0 0 1 12 0v6M4 18h16v3H4zM12 2v2M4.2 5.2l1.4 1.4M19.8 5.2l-1.4 1.4M10 12a2 2 0 0 1 2-2', // issue 5
	cap: 'M2 9l10-5 10 5-10 5zm4 2v5c0 1.7 2.7 3 6 3s6-1.3 6-3v-5M22 9v6', // issue 3: training
	chart: 'M4 20V10M10 20V4M16 20v-7M22 20H2', // issue 7: dashboards
	clipboard: 'M9 4h6v3H9zM9 5H6a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V6a1 1 0 0 0-1-1h-3M9 13l2 2 4-4', // issue 4: inspections
	alert: 'M12 3 2 20h20zM12 10v4M12 17v.5', // issue 4: three violations
	redo: 'M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5', // issue 4: retraining
	pen: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4M4 4h7M4 8h4', // issue 4: exams
}

export function Icon({ name }: { name: NavItem['icon'] }) {
	return (
		<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
			<path d={PATHS[name]} />
		</svg>
	)
}
