/** Shared i18n configuration (server and browser). Namespaces are one JSON file per feature. */
export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof SUPPORTED_LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'
export const LOCALE_COOKIE = 'lng'

export function isLocale(v: unknown): v is Locale {
	return typeof v === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(v)
}

export const i18nConfig = {
	supportedLngs: [...SUPPORTED_LOCALES],
	fallbackLng: DEFAULT_LOCALE,
	defaultNS: 'common',
	interpolation: { escapeValue: false },
	react: { useSuspense: false },
} as const
