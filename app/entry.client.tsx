import { RemixBrowser } from '@remix-run/react'
import { createInstance } from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nConfig } from './i18n.ts'

// The messages of the page's language come as one immutable, cached JSON file (preloaded in
// <head>, see root.tsx): pages stay small, and a phone downloads them once per release.
const meta = document.querySelector('meta[name="i18n"]')
const locale = meta?.getAttribute('content') || 'zh-CN'
const url = meta?.getAttribute('data-url')

async function loadMessages(): Promise<Record<string, Record<string, unknown>>> {
	if (!url) return {}
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const res = await fetch(url, { credentials: 'omit', mode: 'cors' })
			if (res.ok) return await res.json()
		} catch {
			// weak network: try again shortly
		}
		await new Promise((r) => setTimeout(r, 500 * (attempt + 1)))
	}
	return {}
}

const i18n = createInstance()
void loadMessages()
	.then((resources) =>
		i18n.use(initReactI18next).init({ ...i18nConfig, lng: locale, ns: Object.keys(resources), resources: { [locale]: resources } }),
	)
	.then(() => {
		startTransition(() => {
			hydrateRoot(
				document,
				<I18nextProvider i18n={i18n}>
					<StrictMode>
						<RemixBrowser />
					</StrictMode>
				</I18nextProvider>,
			)
		})
	})
