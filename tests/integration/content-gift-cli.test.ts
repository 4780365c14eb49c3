/**
 * npm run content:gift — export a pack's bank, import it into an empty pack folder, and get the
 * same questions back through the ordinary content loader. Bad banks write nothing.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, describe, expect, test } from 'vitest'

import { loadContent } from '~/domain/content/load.ts'

import { PROJECT_ROOT } from '../../scripts/migrate.ts'

const TSX = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx')
const work = path.join(PROJECT_ROOT, 'tests', '.tmp', `content-gift-${process.pid}-${randomBytes(4).toString('hex')}`)
fs.mkdirSync(work, { recursive: true })
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

function gift(...args: string[]) {
	return spawnSync(TSX, ['scripts/content-gift.ts', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' })
}

/** A content directory holding one pack whose question bank is empty. */
function emptyBank(packId: string): { root: string; pack: string } {
	const root = path.join(work, `content-${randomBytes(3).toString('hex')}`)
	const pack = path.join(root, packId)
	fs.cpSync(path.join(PROJECT_ROOT, 'content', packId), pack, { recursive: true })
	fs.rmSync(path.join(pack, 'questions'), { recursive: true })
	return { root, pack }
}

describe.sequential('content:gift', { timeout: 60_000 }, () => {
	const giftFile = path.join(work, 'hidden-danger.gift')

	test('export writes GIFT for every question of the pack', () => {
		const run = gift('export', 'hidden-danger-2017', '--out', giftFile)
		expect(run.status, run.stderr).toBe(0)
		const text = fs.readFileSync(giftFile, 'utf8')
		const shipped = loadContent(path.join(PROJECT_ROOT, 'content')).packs.find((p) => p.manifest.id === 'hidden-danger-2017')!
		expect(text.match(/^::[a-z0-9-]+::/gm)?.length).toBe(shipped.questions.length)
		expect(text).toMatch(/^\$CATEGORY: anxun\/hidden-danger-2017\//m)
	})

	test('import into an empty bank gives the same questions and answers', () => {
		const { root, pack } = emptyBank('hidden-danger-2017')
		const run = gift('import', giftFile, '--pack', pack)
		expect(run.status, run.stderr).toBe(0)
		expect(fs.existsSync(path.join(pack, 'questions', 'imported.yaml'))).toBe(true)
		const imported = loadContent(root)
		expect(imported.faults).toEqual([])
		const original = loadContent(path.join(PROJECT_ROOT, 'content')).packs.find((p) => p.manifest.id === 'hidden-danger-2017')!
		expect(imported.packs[0]!.questions.map((q) => q.question)).toEqual(original.questions.map((q) => q.question))

		// A second import does not overwrite without --replace.
		const again = gift('import', giftFile, '--pack', pack)
		expect(again.status).toBe(1)
		expect(again.stderr).toMatch(/exists; pass --replace/)
		expect(gift('import', giftFile, '--pack', pack, '--replace').status).toBe(0)
	})

	test('ids that clash with the rest of the content are reported at their GIFT line; nothing is written', () => {
		const { pack } = emptyBank('hidden-danger-2017')
		// The original pack's questions stay in place, so every imported id is a duplicate.
		fs.cpSync(path.join(PROJECT_ROOT, 'content', 'hidden-danger-2017', 'questions'), path.join(pack, 'questions'), { recursive: true })
		const run = gift('import', giftFile, '--pack', pack)
		expect(run.status).toBe(1)
		const lines = run.stderr.split('\n').filter((l) => l.includes('duplicate question id'))
		expect(lines.length).toBeGreaterThan(60)
		const giftLines = fs.readFileSync(giftFile, 'utf8').split('\n')
		const firstLine = giftLines.findIndex((l) => l.startsWith('::')) + 1
		expect(lines[0]).toMatch(new RegExp(`hidden-danger\\.gift:${firstLine}: duplicate question id "[a-z0-9-]+" \\(first at .*questions/0\\d-[a-z-]+\\.yaml:\\d+\\)$`))
		expect(run.stderr).toMatch(/nothing was written/)
		expect(fs.existsSync(path.join(pack, 'questions', 'imported.yaml'))).toBe(false)
	})

	test('a bad bank gets line-numbered errors and writes nothing', () => {
		const { pack } = emptyBank('three-violations')
		const bad = path.join(work, 'bad.gift')
		fs.writeFileSync(bad, '::tv-x-001::Essay? {}\n\n::tv-x-002::Fine {=a ~b ####ok}\n\n::tv-x-003::Weights {~%70%a ~%70%b ~c ####x}\n')
		const run = gift('import', bad, '--pack', pack, '--source', 'S', '--audience', 'WORKER', '--difficulty', '1', '--topic', 'misc')
		expect(run.status).toBe(1)
		const rel = path.relative(PROJECT_ROOT, bad)
		expect(run.stderr.split('\n').filter((l) => l.startsWith(rel))).toEqual([
			`${rel}:1: essay questions ({}) are not supported`,
			`${rel}:5: the positive weights add up to 140%, not 100%`,
		])
		expect(fs.existsSync(path.join(pack, 'questions'))).toBe(false)
	})

	test('usage errors exit 2', () => {
		expect(gift('import', giftFile).status).toBe(2)
		expect(gift('frobnicate').status).toBe(2)
		expect(gift('export').status).toBe(2)
		expect(gift('export', 'no-such-pack').status).toBe(1)
	})
})
