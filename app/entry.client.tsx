import { RemixBrowser } from '@remix-run/react'
import { createInstance } from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { i18nConfig } from './i18n.ts'

// The server embeds the current locale's messages in the page (see root.tsx), so the browser
// never downloads the other language.
const el = document.getElementById('i18n-data')
const { locale, resources } = JSON.parse(el?.textContent || '{"locale":"zh-CN","resources":{}}')
const i18n = createInstance()
void i18n
	.use(initReactI18next)
	.init({ ...i18nConfig, lng: locale, ns: Object.keys(resources), resources: { [locale]: resources } })
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
