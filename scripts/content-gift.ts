/**
 * npm run -s content:gift -- export <packId> [--content <dir>] [--out <file.gift>]
 *   Write a pack's question bank in Moodle GIFT format (stdout unless --out; -s keeps npm's
 *   banner out of redirected output).
 *
 * npm run content:gift -- import <file.gift> --pack <packDir> [--out imported.yaml] [--replace]
 *                         [--source <clause>] [--topic <topic>] [--audience WORKER,PRINCIPAL]
 *                         [--difficulty 1|2|3] [--id-prefix <prefix>]
 *   Turn a GIFT bank into <packDir>/questions/imported.yaml. The file is written only when the
 *   GIFT parses cleanly AND the whole content directory, with the new file in it, passes
 *   content:check; otherwise every problem is printed as `file:line: problem`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import YAML from 'yaml'

import { exportGift, giftToQuestions, type GiftDefaults } from '../app/domain/content/gift.ts'
import { formatFault, loadContent, MANIFEST_FILE, QUESTIONS_DIR } from '../app/domain/content/load.ts'
import type { QuestionInput } from '../app/domain/content/schema.ts'
import { DEFAULT_CONTENT_DIR } from './content-check.ts'
import { PROJECT_ROOT } from './migrate.ts'

const rel = (f: string) => path.relative(PROJECT_ROOT, f) || '.'

/** The questions as a YAML list, with the line on which each question starts. */
export function questionsToYaml(questions: QuestionInput[], header: string[]): { text: string; starts: number[] } {
	const parts = header.map((h) => `# ${h}`)
	if (parts.length) parts.push('')
	const starts: number[] = []
	for (const q of questions) {
		starts.push(parts.length + 1)
		const doc = new YAML.Document([q])
		// Short lists of keys (answer, audience) in flow style, as in the hand-written files.
		YAML.visit(doc, {
			Seq(_, node) {
				if (node !== doc.contents && node.items.every((i) => YAML.isScalar(i))) node.flow = true
			},
		})
		parts.push(...doc.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd().split('\n'), '')
	}
	return { text: parts.join('\n'), starts }
}

function exportCommand(args: string[]): number {
	const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { content: { type: 'string' }, out: { type: 'string' } } })
	const packId = positionals[0]
	if (!packId) {
		console.error('usage: content:gift -- export <packId> [--content <dir>] [--out <file.gift>]')
		return 2
	}
	const load = loadContent(path.resolve(values.content ?? DEFAULT_CONTENT_DIR))
	const pack = load.packs.find((p) => p.manifest.id === packId)
	if (!pack) {
		console.error(`content:gift: no pack "${packId}" in ${rel(load.root)} (packs: ${load.packs.map((p) => p.manifest.id).join(', ')})`)
		return 1
	}
	const faults = load.faults.filter((f) => f.file.startsWith(pack.dir + path.sep))
	if (faults.length) {
		for (const f of faults) console.error(formatFault(f, PROJECT_ROOT))
		console.error(`content:gift: ${packId} has ${faults.length} fault(s); fix them before exporting`)
		return 1
	}
	const gift = exportGift(
		pack.questions.map((q) => q.question),
		{
			packId,
			header: [
				`${pack.manifest.title.zh} / ${pack.manifest.title.en}`,
				`Anxun pack ${packId} (${pack.manifest.edition}), version ${pack.manifest.version}: ${pack.questions.length} questions.`,
				'"// @anxun {…}" lines carry source, lesson, difficulty and tags, which GIFT cannot express (content/README.md).',
			],
		},
	)
	if (values.out) {
		fs.writeFileSync(values.out, gift)
		console.error(`content:gift: ${pack.questions.length} questions written to ${values.out}`)
	} else process.stdout.write(gift)
	return 0
}

function importCommand(args: string[]): number {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: {
			pack: { type: 'string' },
			out: { type: 'string', default: 'imported.yaml' },
			replace: { type: 'boolean', default: false },
			source: { type: 'string' },
			topic: { type: 'string' },
			audience: { type: 'string' },
			difficulty: { type: 'string' },
			'id-prefix': { type: 'string' },
		},
	})
	const giftFile = positionals[0]
	if (!giftFile || !values.pack) {
		console.error('usage: content:gift -- import <file.gift> --pack <packDir> [--out imported.yaml] [--replace] [--source …] [--topic …] [--audience A,B] [--difficulty n] [--id-prefix p]')
		return 2
	}
	const packDir = path.resolve(values.pack)
	if (!fs.existsSync(path.join(packDir, MANIFEST_FILE))) {
		console.error(`content:gift: ${rel(packDir)} is not a pack folder (no ${MANIFEST_FILE})`)
		return 1
	}
	const outName = values.out
	if (!/^[a-z0-9][a-z0-9._-]*\.yaml$/i.test(outName)) {
		console.error(`content:gift: --out must be a file name ending in .yaml (got "${outName}")`)
		return 2
	}
	const target = path.join(packDir, QUESTIONS_DIR, outName)
	if (fs.existsSync(target) && !values.replace) {
		console.error(`content:gift: ${rel(target)} exists; pass --replace to overwrite it`)
		return 1
	}
	const difficulty = values.difficulty === undefined ? undefined : Number(values.difficulty)
	const defaults: GiftDefaults = {
		source: values.source,
		topic: values.topic,
		audience: values.audience?.split(',').map((a) => a.trim()).filter(Boolean),
		difficulty,
		idPrefix: values['id-prefix'],
	}

	const giftPath = path.resolve(giftFile)
	const result = giftToQuestions(fs.readFileSync(giftPath, 'utf8'), defaults)
	const giftName = rel(giftPath)
	for (const w of result.warnings) console.error(`${giftName}:${w.line}: warning: ${w.message}`)
	if (result.errors.length) {
		for (const e of result.errors) console.error(`${giftName}:${e.line}: ${e.message}`)
		console.error(`content:gift: ${result.errors.length} error(s) in ${giftName}; nothing was written`)
		return 1
	}
	if (!result.questions.length) {
		console.error(`content:gift: ${giftName} holds no questions; nothing was written`)
		return 1
	}

	const { text, starts } = questionsToYaml(
		result.questions.map((q) => q.question),
		[`Imported from ${path.basename(giftPath)} by npm run content:gift. Review, then run npm run content:check.`],
	)
	// Check the whole content directory as if the file were already there.
	const load = loadContent(path.dirname(packDir), { extraFiles: { [target]: text } })
	if (load.faults.length) {
		for (const f of load.faults) {
			if (f.file === target) {
				const index = starts.findLastIndex((s) => s <= f.line)
				const giftLine = result.questions[Math.max(0, index)]!.line
				console.error(`${giftName}:${giftLine}: ${f.message}${f.related ? ` (first at ${rel(f.related.file)}:${f.related.line})` : ''}`)
			} else console.error(formatFault(f, PROJECT_ROOT))
		}
		console.error(`content:gift: content:check would fail with ${load.faults.length} fault(s); nothing was written`)
		return 1
	}
	fs.mkdirSync(path.dirname(target), { recursive: true })
	fs.writeFileSync(target, text)
	console.log(`content:gift: ${result.questions.length} questions written to ${rel(target)}`)
	return 0
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const [command, ...rest] = process.argv.slice(2)
	let code = 2
	try {
		if (command === 'export') code = exportCommand(rest)
		else if (command === 'import') code = importCommand(rest)
		else console.error('usage: content:gift -- export <packId> | import <file.gift> --pack <packDir>')
	} catch (e) {
		console.error(`content:gift: ${e instanceof Error ? e.message : String(e)}`)
		code = e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS') ? 2 : 1
	}
	process.exitCode = code
}
