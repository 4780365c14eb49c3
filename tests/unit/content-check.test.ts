/**
 * content:check — the checker reports every fault of the broken fixture packs with its exact
 * `file:line: problem`, and the shipped packs pass (and meet the issue's minimum sizes).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, test } from 'vitest'

import { formatFault, loadContent } from '../../app/domain/content/load.ts'
import { OPERATIONS, validateQuestion } from '../../app/domain/content/schema.ts'
import { PROJECT_ROOT } from '../../scripts/migrate.ts'

const F = 'tests/fixtures/content-broken'
const BROKEN = path.join(PROJECT_ROOT, F)
const CONTENT = path.join(PROJECT_ROOT, 'content')
const TSX = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx')

const EXPECTED = [
		`${F}/a-yaml-syntax/questions/bank.yaml:22: YAML: All mapping items must start at the same column`,
		`${F}/b-schema/questions/bank.yaml:27: difficulty must be at most 3 (got 5)`,
		`${F}/b-schema/questions/bank.yaml:28: unknown field "explaination"`,
		`${F}/b-schema/questions/bank.yaml:35: type: unknown value "essay" (expected one of single, multiple, truefalse)`,
		`${F}/b-schema/questions/bank.yaml:50: id must be kebab-case (a-z, 0-9 and single hyphens) (got "B_Bad_004")`,
		`${F}/c-duplicate-ids/questions/bank.yaml:17: duplicate question id "c-ok-001" (first at ${F}/c-duplicate-ids/questions/bank.yaml:1)`,
		`${F}/c-duplicate-ids/questions/bank.yaml:33: duplicate question id "b-ok-001" (first at ${F}/b-schema/questions/bank.yaml:1)`,
		`${F}/d-answer-not-option/questions/bank.yaml:23: answer "E" is not among the options (options: A, B)`,
		`${F}/d-answer-not-option/questions/bank.yaml:40: answer "G" is not among the options (options: A, B, C)`,
		`${F}/e-multiple-choice/questions/bank.yaml:25: a multiple-choice question needs at least 2 correct options (has 1)`,
		`${F}/e-multiple-choice/questions/bank.yaml:42: a multiple-choice question needs at least one wrong option (every option is marked correct)`,
		`${F}/f-answer-shape/questions/bank.yaml:17: a truefalse question must not have options`,
		`${F}/f-answer-shape/questions/bank.yaml:36: a single-choice answer must be one option key, not a list`,
		`${F}/f-answer-shape/questions/bank.yaml:49: a truefalse answer must be true or false (got "T")`,
		`${F}/g-source-explanation/questions/bank.yaml:17: missing source`,
		`${F}/g-source-explanation/questions/bank.yaml:39: explanation is empty`,
		`${F}/g-source-explanation/questions/bank.yaml:56: source is empty`,
		`${F}/h-unknown-lesson/questions/bank.yaml:26: unknown lesson "hot-work" (this pack's lessons: intro)`,
		`${F}/i-folder-name/pack.yaml:1: id "i-folder-renamed" does not match the folder name "i-folder-name"`,
		`${F}/j-minutes/pack.yaml:7: minutes 45 does not equal the sum of the lesson minutes (35)`,
		`${F}/k-unknown-tags/questions/bank.yaml:30: tags.operation: unknown value "WELDING" (expected one of HOT_WORK, CONFINED_SPACE, BLINDING, HEIGHT, LIFTING, TEMP_POWER, EXCAVATION, ROAD_CLOSURE, GENERAL)`,
		`${F}/k-unknown-tags/questions/bank.yaml:46: tags.violation: unknown value "SLEEPING" (expected one of COMMAND, OPERATION, DISCIPLINE)`,
		`${F}/k-unknown-tags/questions/bank.yaml:63: tags.audience.1: unknown value "VISITOR" (expected one of WORKER, SAFETY_MANAGER, PRINCIPAL)`,
		`${F}/k-unknown-tags/questions/bank.yaml:79: tags.audience PRINCIPAL is not among the pack's audiences (WORKER)`,
		`${F}/l-hazard-items/questions/bank.yaml:30: tags.hazardItem 21 is out of range 1–20 (hazardItems in pack.yaml)`,
		`${F}/l-hazard-items/questions/bank.yaml:46: tags.hazardItem must be at least 1 (got 0)`,
		`${F}/m-no-hazard-items/questions/bank.yaml:14: tags.hazardItem needs hazardItems (the number of criteria items) in pack.yaml`,
		`${F}/n-duplicate-lessons/lessons/02-again.md:2: duplicate lesson id "intro" (first at ${F}/n-duplicate-lessons/lessons/01-intro.md:2)`,
		`${F}/z-several/lessons/01-intro.md:5: minutes must be at least 1 (got 0)`,
		`${F}/z-several/lessons/01-twice.md:1: lesson number 01 is also used by 01-intro.md`,
		`${F}/z-several/lessons/03-no-front-matter.md:1: a lesson must start with YAML front matter between two --- lines`,
		`${F}/z-several/lessons/04-bad-yaml.md:6: YAML: Map keys must be unique`,
		`${F}/z-several/lessons/05-empty.md:6: sources needs at least 1 item(s)`,
		`${F}/z-several/lessons/05-empty.md:7: the lesson has no text after its front matter`,
		`${F}/z-several/lessons/intro.md:1: lesson file name must look like NN-slug.md (two digits, kebab-case)`,
		`${F}/z-several/pack.yaml:5: category: unknown value "COOKING" (expected one of SPECIAL_OPERATIONS, HIDDEN_DANGER, THREE_VIOLATIONS, EMERGENCY, MANAGEMENT)`,
		`${F}/z-several/questions/bank.yaml:4: options must be keyed A, B in that order (got A, C)`,
		`${F}/z-several/questions/bank.yaml:22: option B repeats the text of option A`,
		`${F}/z-several/questions/bank.yaml:33: missing explanation`,
		`${F}/z-several/questions/bank.yaml:33: missing source`,
		`${F}/z-several/questions/bank.yaml:41: difficulty must be a number (got "hard")`,
		`${F}/z-several/questions/extra.yml:1: question files must end in .yaml`,
		`${F}/z-several/questions/mapping.yaml:1: a question file must be a YAML list of questions (- id: …)`,
]

describe('broken fixture packs', () => {
	test('every fault is reported, once, with its file and line', () => {
		const load = loadContent(BROKEN)
		expect(load.faults.map((f) => formatFault(f, PROJECT_ROOT))).toEqual(EXPECTED)
	})

	test('each single-fault pack has only faults of its own kind', () => {
		const packsWithFaults = new Set(EXPECTED.map((l) => l.slice(F.length + 1).split('/')[0]))
		const folders = fs.readdirSync(BROKEN).filter((n) => fs.statSync(path.join(BROKEN, n)).isDirectory())
		// Every fixture pack is there to fail.
		expect([...packsWithFaults].sort()).toEqual(folders.sort())
	})

	test('npm run content:check prints the same lines and exits 1', { timeout: 60_000 }, () => {
		const run = spawnSync(TSX, ['scripts/content-check.ts', F], { cwd: PROJECT_ROOT, encoding: 'utf8' })
		expect(run.status).toBe(1)
		const lines = run.stderr.split('\n').filter((l) => l.startsWith(F))
		expect(lines).toEqual(EXPECTED)
		expect(run.stderr).toMatch(new RegExp(`content:check: ${EXPECTED.length} fault\\(s\\)`))
	})

	test('a file given in extraFiles is checked as if it were on disk', () => {
		const pack = path.join(BROKEN, 'h-unknown-lesson')
		const extra = path.join(pack, 'questions', 'zz-extra.yaml')
		const load = loadContent(BROKEN, { extraFiles: { [extra]: '- id: h-extra-001\n  type: truefalse\n  stem: 题？\n  answer: maybe\n' } })
		const mine = load.faults.filter((f) => f.file === extra).map((f) => formatFault(f, PROJECT_ROOT))
		expect(mine).toEqual([
			`${F}/h-unknown-lesson/questions/zz-extra.yaml:1: missing explanation`,
			`${F}/h-unknown-lesson/questions/zz-extra.yaml:1: missing source`,
			`${F}/h-unknown-lesson/questions/zz-extra.yaml:1: missing difficulty`,
			`${F}/h-unknown-lesson/questions/zz-extra.yaml:1: missing tags`,
			`${F}/h-unknown-lesson/questions/zz-extra.yaml:4: a truefalse answer must be true or false (got "maybe")`,
		])
		expect(fs.existsSync(extra)).toBe(false)
	})
})

describe('shipped content', () => {
	const load = loadContent(CONTENT)
	const questions = load.packs.flatMap((p) => p.questions.map((q) => ({ pack: p.manifest.id, ...q.question })))
	const inPack = (id: string) => questions.filter((q) => q.pack === id)

	test('passes the checker', () => {
		expect(load.faults.map((f) => formatFault(f, PROJECT_ROOT))).toEqual([])
		expect(load.packs.map((p) => p.manifest.id)).toEqual(['evacuation-self-rescue', 'hidden-danger-2017', 'principal-duties', 'special-operations-2022', 'three-violations'])
	})

	test('meets the sizes the issue asks for', () => {
		expect(questions.length).toBeGreaterThanOrEqual(320)
		const so = inPack('special-operations-2022')
		expect(so.length).toBeGreaterThanOrEqual(120)
		for (const op of OPERATIONS.filter((o) => o !== 'GENERAL')) expect(so.filter((q) => q.tags.operation === op).length, op).toBeGreaterThanOrEqual(12)
		const hd = inPack('hidden-danger-2017')
		expect(hd.length).toBeGreaterThanOrEqual(60)
		const items = new Set(hd.map((q) => q.tags.hazardItem))
		for (let i = 1; i <= 20; i++) expect(items.has(i), `hazard item ${i}`).toBe(true)
		expect(inPack('three-violations').length).toBeGreaterThanOrEqual(40)
		expect(inPack('evacuation-self-rescue').length).toBeGreaterThanOrEqual(40)
		expect(inPack('principal-duties').length).toBeGreaterThanOrEqual(60)
		for (const type of ['single', 'multiple', 'truefalse']) expect(questions.some((q) => q.type === type)).toBe(true)
	})

	test('npm run content:check exits 0 and prints the summary', { timeout: 60_000 }, () => {
		const out = execFileSync(TSX, ['scripts/content-check.ts'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
		expect(out).toMatch(/^5 packs, 39 lessons \(\d+ min\), \d+ questions: \d+ single, \d+ multiple, \d+ true\/false$/m)
		expect(out).toMatch(/content:check: no faults/)
	})

	test('a content directory that does not exist is an error, not a pass', () => {
		expect(() => loadContent(path.join(os.tmpdir(), 'no-such-content-dir-anxun'))).toThrow(/not found/)
	})
})

describe('question rules', () => {
	const base = {
		id: 'x-001',
		type: 'single',
		stem: '题干',
		options: { A: '甲', B: '乙', C: '丙' },
		answer: 'A',
		explanation: '解析',
		source: 'GB 30871-2022 第5章',
		difficulty: 1,
		tags: { topic: 'hot-work', audience: ['WORKER'] },
	}
	const messages = (patch: Record<string, unknown>) => validateQuestion({ ...base, ...patch }).issues.map((i) => `${i.path.join('.')}: ${i.message}`)

	test.each([
		[{}, []],
		[{ type: 'truefalse', options: undefined, answer: false }, []],
		[{ type: 'multiple', answer: ['A', 'C'] }, []],
		[{ answer: 'D' }, ['answer: answer "D" is not among the options (options: A, B, C)']],
		[{ answer: true }, ['answer: a single-choice answer must be an option key, not true/false']],
		[{ type: 'multiple', answer: 'A' }, ['answer: a multiple-choice answer must be a list of at least 2 option keys (got "A")']],
		[{ type: 'multiple', answer: ['A', 'A'] }, ['answer.1: answer lists "A" twice', 'answer: a multiple-choice question needs at least 2 correct options (has 1)']],
		[{ options: { A: '甲' } }, ['options: a single question needs 2–6 options (has 1)']],
		[{ options: { A: '1', B: '2', C: '3', D: '4', E: '5', F: '6', G: '7' }, answer: 'A' }, ['options: a single question needs 2–6 options (has 7)', 'options: options must be keyed A, B, C, D, E, F in that order (got A, B, C, D, E, F, G)']],
		[{ options: undefined }, [': a single question needs options']],
		[{ options: { A: 8, B: '乙' } }, ['options.A: options.A must be text (got 8)']],
		[{ stem: '   ' }, ['stem: stem is empty']],
		[{ tags: { topic: 'Hot Work', audience: [] } }, ['tags.topic: tags.topic must be kebab-case (a-z, 0-9 and single hyphens) (got "Hot Work")', 'tags.audience: tags.audience needs at least 1 item(s)']],
		[{ tags: { topic: 'x', audience: ['WORKER', 'WORKER'] } }, ['tags.audience: tags.audience: must not list a value twice']],
	])('%j', (patch, expected) => {
		expect(messages(patch)).toEqual(expected)
	})
})
