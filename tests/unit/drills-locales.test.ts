import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { ACTION_STATUSES, COMPLIANCE_STATUSES, DRILL_FORMS, DRILL_KINDS, DRILL_SCOPES, DRILL_STATUSES, MARKS } from '../../app/domain/drills.ts'

const root = path.resolve(import.meta.dirname, '../..')
const load = (locale: string) => JSON.parse(fs.readFileSync(path.join(root, 'app/locales', locale, 'drills.json'), 'utf8')) as Record<string, unknown>
const LOCALES = { 'zh-CN': load('zh-CN'), en: load('en') }

function has(obj: Record<string, unknown>, key: string): boolean {
	let cur: unknown = obj
	const parts = key.split('.')
	for (let i = 0; i < parts.length; i++) {
		if (!cur || typeof cur !== 'object') return false
		const rec = cur as Record<string, unknown>
		const last = i === parts.length - 1
		if (last) return typeof rec[parts[i]!] === 'string' || typeof rec[`${parts[i]}_other`] === 'string'
		cur = rec[parts[i]!]
	}
	return false
}

/** Every literal 'drills:…' key in the feature's source files. */
function usedKeys(): string[] {
	const files = [
		...fs.readdirSync(path.join(root, 'app/routes')).filter((f) => f.startsWith('drills')).map((f) => `app/routes/${f}`),
		'app/components/drills.tsx',
		'app/domain/drills.ts',
		'app/domain/drills.server.ts',
		'app/utils/navigation.ts',
	]
	const keys = new Set<string>()
	for (const f of files) {
		const src = fs.readFileSync(path.join(root, f), 'utf8')
		for (const m of src.matchAll(/['"`]drills:([A-Za-z0-9_.]+)['"`]/g)) keys.add(m[1]!)
	}
	return [...keys]
}

const DYNAMIC = [
	...DRILL_STATUSES.map((s) => `status.${s}`),
	...DRILL_KINDS.map((s) => `kind.${s}`),
	...DRILL_FORMS.map((s) => `form.${s}`),
	...DRILL_SCOPES.map((s) => `scope.${s}`),
	...COMPLIANCE_STATUSES.map((s) => `compliance.${s}`),
	...ACTION_STATUSES.map((s) => `actionStatus.${s}`),
	...['PLAN_OVERDUE', 'RUN_UNFINISHED', 'AREA_UNPLANNED', 'PLAN_SOON', 'AWAITING_SIGN_OFF'].map((s) => `reminder.${s}`),
	...MARKS.flatMap((m) => [`run.button.${m}`, `run.marked.${m}`, `run.${m}`]),
	...['clear', 'assembled'].map((m) => `run.undo.${m}`),
	...['problems', 'causes', 'lessons', 'improvements'].flatMap((f) => [`evaluation.${f}`, `evaluation.${f}Hint`]),
	'periodLabel.H1',
	'periodLabel.H2',
]

describe('drills locale files', () => {
	const keys = [...usedKeys(), ...DYNAMIC]
	test('the scan finds the keys', () => {
		expect(keys.length).toBeGreaterThan(150)
	})
	for (const [locale, messages] of Object.entries(LOCALES)) {
		test(`${locale} has every key the feature uses`, () => {
			expect(keys.filter((k) => !has(messages, k))).toEqual([])
		})
	}
	test('the English plural forms come in pairs', () => {
		const walk = (o: Record<string, unknown>, p = ''): string[] =>
			Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? walk(v as Record<string, unknown>, `${p}${k}.`) : [`${p}${k}`]))
		const en = walk(LOCALES.en)
		for (const k of en.filter((x) => x.endsWith('_one'))) expect(en).toContain(k.replace(/_one$/, '_other'))
	})
})
