/**
 * i18n for command-line scripts (tsx), which cannot use Vite's import.meta.glob that
 * app/utils/i18n.server.ts relies on: the same namespace files, read from disk.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createInstance, type TFunction } from 'i18next'
import { i18nConfig, type Locale } from '../../app/i18n.ts'

const LOCALES_DIR = path.resolve(import.meta.dirname, '../../app/locales')

export async function scriptT(locale: Locale): Promise<TFunction> {
	const resources: Record<string, Record<string, Record<string, unknown>>> = {}
	for (const lng of fs.readdirSync(LOCALES_DIR)) {
		resources[lng] = {}
		for (const file of fs.readdirSync(path.join(LOCALES_DIR, lng))) {
			if (file.endsWith('.json')) resources[lng]![file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, lng, file), 'utf8'))
		}
	}
	const instance = createInstance()
	await instance.init({ ...i18nConfig, lng: locale, ns: Object.keys(resources[locale] ?? {}), resources, initImmediate: false })
	return instance.getFixedT(locale)
}
