/**
 * npm run content:check [dir] — validate every course pack in content/ (or dir). Prints one
 * `file:line: problem` line per fault and a summary; exits 1 when anything is wrong.
 */
import path from 'node:path'

import { formatFault, loadContent, type ContentLoad } from '../app/domain/content/load.ts'
import { PROJECT_ROOT } from './migrate.ts'

export const DEFAULT_CONTENT_DIR = path.join(PROJECT_ROOT, 'content')

export function summarize(load: ContentLoad): string[] {
	const lines: string[] = []
	const byType = { single: 0, multiple: 0, truefalse: 0 }
	let lessons = 0
	let minutes = 0
	for (const p of load.packs) {
		const types = { single: 0, multiple: 0, truefalse: 0 }
		for (const q of p.questions) types[q.question.type]++
		for (const k of Object.keys(types) as (keyof typeof types)[]) byType[k] += types[k]
		lessons += p.lessons.length
		minutes += p.manifest.minutes
		lines.push(
			`  ${p.manifest.id.padEnd(26)} v${p.manifest.version}  ${String(p.lessons.length).padStart(2)} lessons ${String(p.manifest.minutes).padStart(4)} min  ${String(p.questions.length).padStart(4)} questions (${types.single} single, ${types.multiple} multiple, ${types.truefalse} true/false)`,
		)
	}
	const questions = byType.single + byType.multiple + byType.truefalse
	lines.push(
		`${load.packs.length} packs, ${lessons} lessons (${minutes} min), ${questions} questions: ${byType.single} single, ${byType.multiple} multiple, ${byType.truefalse} true/false`,
	)
	return lines
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const dir = path.resolve(process.argv[2] ?? DEFAULT_CONTENT_DIR)
	const started = performance.now()
	const load = loadContent(dir)
	const ms = Math.round(performance.now() - started)
	for (const f of load.faults) console.error(formatFault(f, PROJECT_ROOT))
	for (const line of summarize(load)) console.log(line)
	if (load.faults.length) {
		console.error(`content:check: ${load.faults.length} fault(s) in ${path.relative(PROJECT_ROOT, dir) || '.'} (${ms} ms)`)
		process.exit(1)
	}
	console.log(`content:check: no faults (${ms} ms)`)
}
