import { describe, expect, it } from 'vitest'
import enArchives from '~/locales/en/archives.json'
import enCertificates from '~/locales/en/certificates.json'
import enCredentials from '~/locales/en/credentials.json'
import enPdf from '~/locales/en/pdf.json'
import enVerify from '~/locales/en/verify.json'
import zhArchives from '~/locales/zh-CN/archives.json'
import zhCertificates from '~/locales/zh-CN/certificates.json'
import zhCredentials from '~/locales/zh-CN/credentials.json'
import zhPdf from '~/locales/zh-CN/pdf.json'
import zhVerify from '~/locales/zh-CN/verify.json'

function keys(o: object, prefix = ''): string[] {
	return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort()
}
function placeholders(o: object): Record<string, string[]> {
	const out: Record<string, string[]> = {}
	const walk = (x: object, p: string) => {
		for (const [k, v] of Object.entries(x)) {
			if (v && typeof v === 'object') walk(v, `${p}${k}.`)
			else out[`${p}${k}`] = [...String(v).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort()
		}
	}
	walk(o, '')
	return out
}

describe.each([
	['pdf', zhPdf, enPdf],
	['certificates', zhCertificates, enCertificates],
	['credentials', zhCredentials, enCredentials],
	['verify', zhVerify, enVerify],
	['archives', zhArchives, enArchives],
])('the %s namespace', (_ns, zh, en) => {
	it('has the same keys in both languages, none empty', () => {
		expect(keys(en)).toEqual(keys(zh))
		const values = (o: object): string[] => Object.values(o).flatMap((v) => (v && typeof v === 'object' ? values(v) : [String(v)]))
		for (const v of [...values(en), ...values(zh)]) expect(v.trim()).not.toBe('')
	})
	it('uses the same placeholders in both languages', () => {
		expect(placeholders(en)).toEqual(placeholders(zh))
	})
})
