import { createHash } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { createInstance, type TFunction } from 'i18next'
import { RemixI18Next } from 'remix-i18next/server'
import { DEFAULT_LOCALE, LOCALE_COOKIE, SUPPORTED_LOCALES, i18nConfig, isLocale, type Locale } from '~/i18n.ts'

type Resources = Record<string, Record<string, unknown>>

// Every namespace file under app/locales/<locale>/<ns>.json, bundled into the server build.
const files = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json', { eager: true })

const resources: Record<Locale, Resources> = { 'zh-CN': {}, en: {} }
for (const [path, mod] of Object.entries(files)) {
	const m = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path)
	if (m && isLocale(m[1])) resources[m[1]][m[2]!] = mod.default
}

export const namespaces = Object.keys(resources[DEFAULT_LOCALE])

export const localeCookie = createCookie(LOCALE_COOKIE, {
	path: '/',
	sameSite: 'lax',
	httpOnly: true,
	maxAge: 60 * 60 * 24 * 365,
})

const detector = new RemixI18Next({
	detection: {
		supportedLanguages: [...SUPPORTED_LOCALES],
		fallbackLanguage: DEFAULT_LOCALE,
		cookie: localeCookie,
		order: ['cookie', 'header'],
	},
})

export async function getLocale(request: Request): Promise<Locale> {
	const found = await detector.getLocale(request)
	if (isLocale(found)) return found
	// "zh", "zh-Hans", "zh-TW"… all read Simplified Chinese best.
	return found.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LOCALE
}

export function getResources(locale: Locale): Resources {
	return resources[locale]
}

const bundles = new Map<Locale, { hash: string; body: string }>()

/** All messages of a locale as one immutable, content-addressed JSON document for the browser. */
export function getMessageBundle(locale: Locale): { hash: string; body: string } {
	let b = bundles.get(locale)
	if (!b) {
		const body = JSON.stringify(resources[locale])
		b = { hash: createHash('sha256').update(body).digest('hex').slice(0, 16), body }
		bundles.set(locale, b)
	}
	return b
}

const instances = new Map<Locale, TFunction>()

export function getFixedT(locale: Locale): TFunction {
	let t = instances.get(locale)
	if (!t) {
		const instance = createInstance()
		void instance.init({ ...i18nConfig, lng: locale, ns: namespaces, resources, initImmediate: false })
		t = instance.getFixedT(locale)
		instances.set(locale, t)
	}
	return t
}

export async function getT(request: Request): Promise<{ locale: Locale; t: TFunction }> {
	const locale = await getLocale(request)
	return { locale, t: getFixedT(locale) }
}
