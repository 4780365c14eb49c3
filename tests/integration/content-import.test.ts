/**
 * content:import against a real (per-file) SQLite database: an empty database gets every pack,
 * a second run is a no-op, a changed pack becomes a new version while the old rows stay as they
 * were, and content with faults writes nothing.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, describe, expect, test } from 'vitest'

import { ContentFaultsError, importContent, latestPackVersion } from '~/domain/content/import.server.ts'
import { loadContent } from '~/domain/content/load.ts'
import { db } from '~/utils/db.server.ts'

import { PROJECT_ROOT } from '../../scripts/migrate.ts'

const CONTENT = path.join(PROJECT_ROOT, 'content')
const work = path.join(PROJECT_ROOT, 'tests', '.tmp', `content-import-${process.pid}-${randomBytes(4).toString('hex')}`)
fs.mkdirSync(work, { recursive: true })
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

function copyContent(name: string): string {
	const dir = path.join(work, name)
	fs.cpSync(CONTENT, dir, { recursive: true })
	return dir
}

async function counts() {
	return {
		packs: await db.pack.count(),
		versions: await db.packVersion.count(),
		lessons: await db.lesson.count(),
		questions: await db.question.count(),
	}
}

const shipped = loadContent(CONTENT)
const totalLessons = shipped.packs.reduce((n, p) => n + p.lessons.length, 0)
const totalQuestions = shipped.packs.reduce((n, p) => n + p.questions.length, 0)

describe.sequential('importContent', () => {
	const dir = copyContent('content')
	const soFile = path.join(dir, 'special-operations-2022', 'questions', '03-hot-work.yaml')

	test('an empty database gets every pack as version 1', async () => {
		expect(await counts()).toEqual({ packs: 0, versions: 0, lessons: 0, questions: 0 })
		const results = await importContent(db, dir)
		expect(results.map((r) => [r.packId, r.status, r.number])).toEqual(shipped.packs.map((p) => [p.manifest.id, 'created', 1]))
		expect(await counts()).toEqual({ packs: 5, versions: 5, lessons: totalLessons, questions: totalQuestions })
		expect(totalQuestions).toBeGreaterThanOrEqual(320)

		const pv = await latestPackVersion(db, 'special-operations-2022')
		expect(pv).toMatchObject({ number: 1, declaredVersion: 1, edition: 'GB 30871-2022', minutes: 230 })
		expect(JSON.parse(pv!.audiences)).toEqual(['WORKER', 'SAFETY_MANAGER', 'PRINCIPAL'])
		const lessons = await db.lesson.findMany({ where: { packVersionId: pv!.id }, orderBy: { ord: 'asc' } })
		expect(lessons.map((l) => l.ord)).toEqual(lessons.map((_, i) => i + 1))
		expect(lessons[0]).toMatchObject({ key: 'general-requirements', titleZh: '特殊作业通用要求', minutes: 30 })
		expect(lessons[0]!.body.startsWith('## 一、什么是“特殊作业”')).toBe(true)
		expect(JSON.parse(lessons[0]!.sources)).toContain('GB 30871-2022 第4章')

		const single = await db.question.findFirstOrThrow({ where: { key: 'so-gen-001', packVersionId: pv!.id } })
		expect(single).toMatchObject({ type: 'SINGLE', lessonKey: 'general-requirements', topic: 'general-requirements', operation: 'GENERAL', hazardItem: 18, difficulty: 1, ord: 1 })
		expect(JSON.parse(single.answer)).toEqual(['D'])
		expect(JSON.parse(single.options)).toHaveLength(4)
		expect(JSON.parse(single.options)[0]).toEqual({ key: 'A', text: '只办理动火安全作业票，受限空间措施写在备注里' })
		const multiple = await db.question.findFirstOrThrow({ where: { key: 'so-gen-002', packVersionId: pv!.id } })
		expect(multiple.type).toBe('MULTIPLE')
		expect(JSON.parse(multiple.answer)).toEqual(['B', 'C', 'D', 'E'])
		const tf = await db.question.findMany({ where: { type: 'TRUEFALSE' } })
		expect(tf.length).toBeGreaterThan(0)
		for (const q of tf) {
			expect(['["T"]', '["F"]']).toContain(q.answer)
			expect(q.options).toBe('[]')
		}
		expect(await db.question.count({ where: { violation: { not: null } } })).toBeGreaterThan(0)
	})

	test('importing unchanged content again writes nothing', async () => {
		const before = await db.packVersion.findMany({ orderBy: { id: 'asc' } })
		const results = await importContent(db, dir)
		expect(results.every((r) => r.status === 'unchanged')).toBe(true)
		expect(await counts()).toEqual({ packs: 5, versions: 5, lessons: totalLessons, questions: totalQuestions })
		expect(await db.packVersion.findMany({ orderBy: { id: 'asc' } })).toEqual(before)
	})

	test('comments and formatting are not a change', async () => {
		const text = fs.readFileSync(soFile, 'utf8')
		fs.writeFileSync(soFile, `# a reviewer's note\n${text.replace(/\n\n/g, '\n\n\n')}`)
		const results = await importContent(db, dir)
		expect(results.every((r) => r.status === 'unchanged')).toBe(true)
	})

	test('a changed question makes a new version of that pack only; old rows stay', async () => {
		const v1 = (await latestPackVersion(db, 'special-operations-2022'))!
		const oldRow = await db.question.findFirstOrThrow({ where: { key: 'so-hot-001', packVersionId: v1.id } })
		const oldLessons = await db.lesson.findMany({ where: { packVersionId: v1.id }, orderBy: { ord: 'asc' } })
		const text = fs.readFileSync(soFile, 'utf8')
		const stem = /- id: so-hot-001\n {2}type: \w+\n {2}stem: (.*)\n/.exec(text)![1]!
		fs.writeFileSync(soFile, text.replace(`stem: ${stem}\n`, `stem: ${stem}（修订）\n`))

		const results = await importContent(db, dir)
		const so = results.find((r) => r.packId === 'special-operations-2022')!
		expect(so).toMatchObject({ status: 'new-version', number: 2, versionNotBumped: true })
		expect(results.filter((r) => r.packId !== 'special-operations-2022').every((r) => r.status === 'unchanged')).toBe(true)

		const soQuestions = shipped.packs.find((p) => p.manifest.id === 'special-operations-2022')!.questions.length
		const soLessons = shipped.packs.find((p) => p.manifest.id === 'special-operations-2022')!.lessons.length
		expect(await counts()).toEqual({ packs: 5, versions: 6, lessons: totalLessons + soLessons, questions: totalQuestions + soQuestions })

		// The old version is untouched: same row id, same text.
		expect(await db.question.findUniqueOrThrow({ where: { id: oldRow.id } })).toEqual(oldRow)
		expect(await db.lesson.findMany({ where: { packVersionId: v1.id }, orderBy: { ord: 'asc' } })).toEqual(oldLessons)
		const v2 = (await latestPackVersion(db, 'special-operations-2022'))!
		expect(v2.number).toBe(2)
		const newRow = await db.question.findFirstOrThrow({ where: { key: 'so-hot-001', packVersionId: v2.id } })
		expect(newRow.id).not.toBe(oldRow.id)
		expect(newRow.stem).toBe(`${stem}（修订）`)
		expect(newRow.contentHash).not.toBe(oldRow.contentHash)
		// Unchanged questions and lessons keep their content hash across versions.
		const sameOld = await db.question.findFirstOrThrow({ where: { key: 'so-gen-001', packVersionId: v1.id } })
		const sameNew = await db.question.findFirstOrThrow({ where: { key: 'so-gen-001', packVersionId: v2.id } })
		expect(sameNew.contentHash).toBe(sameOld.contentHash)
		const newLessons = await db.lesson.findMany({ where: { packVersionId: v2.id }, orderBy: { ord: 'asc' } })
		expect(newLessons.map((l) => l.contentHash)).toEqual(oldLessons.map((l) => l.contentHash))
	})

	test('reverting to earlier content makes another new version', async () => {
		fs.cpSync(path.join(CONTENT, 'special-operations-2022'), path.join(dir, 'special-operations-2022'), { recursive: true })
		const results = await importContent(db, dir)
		expect(results.find((r) => r.packId === 'special-operations-2022')).toMatchObject({ status: 'new-version', number: 3 })
		const versions = await db.packVersion.findMany({ where: { packId: 'special-operations-2022' }, orderBy: { number: 'asc' } })
		expect(versions.map((v) => v.number)).toEqual([1, 2, 3])
		expect(versions[2]!.contentHash).toBe(versions[0]!.contentHash)
		expect((await importContent(db, dir)).every((r) => r.status === 'unchanged')).toBe(true)
	})

	test('content with a fault is refused and nothing is written', async () => {
		const broken = copyContent('broken')
		const file = path.join(broken, 'three-violations', 'pack.yaml')
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^version: 1$/m, 'version: 2'))
		const q = path.join(broken, 'evacuation-self-rescue', 'questions', '01-alarms.yaml')
		fs.writeFileSync(q, fs.readFileSync(q, 'utf8').replace(/^ {2}source: .*$/m, '  source: ""'))
		const before = await counts()
		const error = await importContent(db, broken).catch((e: unknown) => e)
		expect(error).toBeInstanceOf(ContentFaultsError)
		expect((error as ContentFaultsError).faults.map((f) => [path.relative(broken, f.file), f.message])).toEqual([
			['evacuation-self-rescue/questions/01-alarms.yaml', 'source is empty'],
		])
		expect((error as Error).message).toMatch(/01-alarms\.yaml:\d+: source is empty/)
		expect(await counts()).toEqual(before)
	})
})
