import { useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'

/**
 * Re-run the page's loaders every `ms` while the page is visible (a fetch, no full reload).
 * Returns nothing; pages show a plain refresh link for browsers without JavaScript.
 */
export function usePolling(ms: number, enabled = true) {
	const revalidator = useRevalidator()
	const ref = useRef(revalidator)
	ref.current = revalidator
	useEffect(() => {
		if (!enabled) return
		const id = window.setInterval(() => {
			if (document.visibilityState === 'visible' && ref.current.state === 'idle') ref.current.revalidate()
		}, ms)
		return () => window.clearInterval(id)
	}, [ms, enabled])
}
