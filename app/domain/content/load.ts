/**
 * Reads a content directory (content/README.md) and checks it completely: YAML syntax, the
 * schemas, and the rules across files (ids unique across packs, lesson references, minutes,
 * tags against the manifest). Every fault carries its file and line; nothing stops at the first.
 */
import fs from 'node:fs'
import path from 'node:path'

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml'

import {
	AUDIENCES,
	LESSON_FILE_PATTERN,
	normalizeQuestion,
	validateLessonFrontMatter,
	validateManifest,
	validateQuestion,
	type ContentQuestion,
	type IssuePath,
	type LessonFrontMatter,
	type PackManifest,
} from './schema.ts'

export interface ContentFault {
	/** Absolute path of the file at fault. */
	file: string
	/** 1-based. */
	line: number
	message: string
	/** Where the other half of a conflict is (first definition of a duplicate id). */
	related?: { file: string; line: number }
}

export interface LoadedLesson {
	file: string
	/** 1-based position in the pack (lesson files sorted by name). */
	ord: number
	id: string
	title: string
	titleEn: string
	minutes: number
	sources: string[]
	/** Markdown after the front matter, line endings normalised, trimmed. */
	body: string
}

export interface LoadedQuestion {
	file: string
	line: number
	question: ContentQuestion
}

export interface LoadedPack {
	dir: string
	manifestFile: string
	manifest: PackManifest
	lessons: LoadedLesson[]
	questions: LoadedQuestion[]
}

export interface ContentLoad {
	root: string
	/** Packs whose manifest is valid; lessons and questions that failed a check are left out. */
	packs: LoadedPack[]
	faults: ContentFault[]
}

export interface LoadOptions {
	/**
	 * Files that do not exist (yet) on disk, absolute path → text, read as if they did. Used by
	 * the GIFT import to check a question file before writing it.
	 */
	extraFiles?: Record<string, string>
}

export const MANIFEST_FILE = 'pack.yaml'
export const LESSONS_DIR = 'lessons'
export const QUESTIONS_DIR = 'questions'

/** `path:line: problem`, the path relative to `baseDir`. */
export function formatFault(fault: ContentFault, baseDir: string): string {
	const rel = (f: string) => path.relative(baseDir, f).split(path.sep).join('/')
	const related = fault.related ? ` (first at ${rel(fault.related.file)}:${fault.related.line})` : ''
	return `${rel(fault.file)}:${fault.line}: ${fault.message}${related}`
}

// ---------------------------------------------------------------------------------------------
// YAML with line numbers

class YamlSource {
	constructor(
		readonly file: string,
		readonly doc: Document.Parsed,
		private readonly lines: LineCounter,
		/** Lines before the parsed text in the file (front matter starts on line 2). */
		private readonly lineOffset: number,
	) {}

	lineAt(offset: number | undefined): number {
		return (offset === undefined ? 1 : this.lines.linePos(offset).line) + this.lineOffset
	}

	/**
	 * The line of the deepest node on `path` that exists: for a map entry the line of its key
	 * (so a missing value still points at the right line), for a list item the item itself.
	 */
	line(path: IssuePath): number {
		let node: unknown = this.doc.contents
		let offset = (this.doc.contents as { range?: [number, number, number] } | null)?.range?.[0]
		for (const seg of path) {
			if (isMap(node)) {
				const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg))
				if (!pair) break
				offset = (pair.key as { range?: [number, number, number] }).range?.[0] ?? offset
				node = pair.value
			} else if (isSeq(node) && typeof seg === 'number') {
				const item = node.items[seg] as { range?: [number, number, number] } | undefined
				if (!item) break
				offset = item.range?.[0] ?? offset
				node = item
			} else break
		}
		return this.lineAt(offset)
	}
}

function parseYaml(file: string, text: string, lineOffset: number, faults: ContentFault[]): YamlSource | null {
	const lines = new LineCounter()
	const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true })
	const problems = [...doc.errors, ...doc.warnings]
	for (const e of problems) {
		const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
		faults.push({ file, line: (e.linePos?.[0]?.line ?? 1) + lineOffset, message: `YAML: ${message}` })
	}
	return problems.length ? null : new YamlSource(file, doc, lines, lineOffset)
}

// ---------------------------------------------------------------------------------------------

const isAudience = (v: string) => (AUDIENCES as readonly string[]).includes(v)
const isVisible = (name: string) => !name.startsWith('.') && !name.startsWith('_')
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

export function loadContent(root: string, options: LoadOptions = {}): ContentLoad {
	root = path.resolve(root)
	const extra = new Map(Object.entries(options.extraFiles ?? {}).map(([f, t]) => [path.resolve(f), t]))
	const readText = (file: string) => (extra.get(file) ?? fs.readFileSync(file, 'utf8')).replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '')
	const exists = (file: string) => extra.has(file) || fs.existsSync(file)
	const listFiles = (dir: string): string[] => {
		const names = new Set(fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : [])
		for (const f of extra.keys()) if (path.dirname(f) === dir) names.add(path.basename(f))
		return [...names].filter(isVisible).sort()
	}

	if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new Error(`Content directory not found: ${root}`)
	const faults: ContentFault[] = []
	const packs: LoadedPack[] = []
	const questionIds = new Map<string, { file: string; line: number }>()

	const packDirs = fs
		.readdirSync(root, { withFileTypes: true })
		.filter((d) => d.isDirectory() && isVisible(d.name))
		.map((d) => d.name)
		.sort()

	for (const folder of packDirs) {
		const dir = path.join(root, folder)
		const manifestFile = path.join(dir, MANIFEST_FILE)
		let manifest: PackManifest | undefined
		let manifestYaml: YamlSource | null = null
		if (!exists(manifestFile)) faults.push({ file: manifestFile, line: 1, message: `file not found: every pack folder needs a ${MANIFEST_FILE}` })
		else {
			manifestYaml = parseYaml(manifestFile, readText(manifestFile), 0, faults)
			if (manifestYaml) {
				const raw = manifestYaml.doc.toJS() as unknown
				const result = validateManifest(raw)
				for (const issue of result.issues) faults.push({ file: manifestFile, line: manifestYaml.line(issue.path), message: issue.message })
				manifest = result.value
				if (isRecord(raw) && typeof raw.id === 'string' && raw.id !== folder)
					faults.push({ file: manifestFile, line: manifestYaml.line(['id']), message: `id "${raw.id}" does not match the folder name "${folder}"` })
			}
		}

		// Lessons
		const lessonsDir = path.join(dir, LESSONS_DIR)
		const lessonFiles = listFiles(lessonsDir).filter((n) => n.endsWith('.md'))
		const lessons: LoadedLesson[] = []
		const lessonIds = new Map<string, { file: string; line: number }>()
		const lessonNumbers = new Map<string, string>()
		let lessonMinutes = 0
		let allLessonsValid = true
		let lessonIdsComplete = true
		if (lessonFiles.length === 0) {
			faults.push({ file: manifestFile, line: 1, message: `pack has no lessons (expected ${LESSONS_DIR}/NN-slug.md files)` })
			allLessonsValid = false
		}
		lessonFiles.forEach((name, index) => {
			const file = path.join(lessonsDir, name)
			const m = LESSON_FILE_PATTERN.exec(name)
			if (!m) faults.push({ file, line: 1, message: 'lesson file name must look like NN-slug.md (two digits, kebab-case)' })
			else {
				const other = lessonNumbers.get(m[1]!)
				if (other) faults.push({ file, line: 1, message: `lesson number ${m[1]} is also used by ${other}` })
				else lessonNumbers.set(m[1]!, name)
			}
			const { lesson, idKnown } = parseLesson(file, readText(file), index + 1, faults, lessonIds)
			if (!idKnown) lessonIdsComplete = false
			if (lesson) {
				lessons.push(lesson)
				lessonMinutes += lesson.minutes
			} else allLessonsValid = false
		})
		if (manifest && manifestYaml && allLessonsValid && lessonMinutes !== manifest.minutes)
			faults.push({
				file: manifestFile,
				line: manifestYaml.line(['minutes']),
				message: `minutes ${manifest.minutes} does not equal the sum of the lesson minutes (${lessonMinutes})`,
			})

		// Questions
		const questionsDir = path.join(dir, QUESTIONS_DIR)
		const questions: LoadedQuestion[] = []
		for (const name of listFiles(questionsDir)) {
			const file = path.join(questionsDir, name)
			if (!name.endsWith('.yaml')) {
				faults.push({ file, line: 1, message: 'question files must end in .yaml' })
				continue
			}
			const yaml = parseYaml(file, readText(file), 0, faults)
			if (!yaml) continue
			const items = yaml.doc.toJS() as unknown
			if (!Array.isArray(items)) {
				faults.push({ file, line: 1, message: 'a question file must be a YAML list of questions (- id: …)' })
				continue
			}
			items.forEach((raw: unknown, i) => {
				const at = (p: IssuePath) => yaml.line([i, ...p])
				const before = faults.length
				const result = validateQuestion(raw)
				for (const issue of result.issues) faults.push({ file, line: at(issue.path), message: issue.message })
				if (!isRecord(raw)) return

				if (typeof raw.id === 'string') {
					const first = questionIds.get(raw.id)
					if (first) faults.push({ file, line: at(['id']), message: `duplicate question id "${raw.id}"`, related: first })
					else questionIds.set(raw.id, { file, line: at(['id']) })
				}
				if (typeof raw.lesson === 'string' && lessonIdsComplete && !lessonIds.has(raw.lesson))
					faults.push({ file, line: at(['lesson']), message: `unknown lesson "${raw.lesson}" (this pack's lessons: ${[...lessonIds.keys()].join(', ')})` })
				const tags = raw.tags
				if (manifest && isRecord(tags)) {
					const item = tags.hazardItem
					if (typeof item === 'number' && Number.isInteger(item)) {
						if (manifest.hazardItems === undefined)
							faults.push({ file, line: at(['tags', 'hazardItem']), message: `tags.hazardItem needs hazardItems (the number of criteria items) in ${MANIFEST_FILE}` })
						else if (item > manifest.hazardItems)
							faults.push({ file, line: at(['tags', 'hazardItem']), message: `tags.hazardItem ${item} is out of range 1–${manifest.hazardItems} (hazardItems in ${MANIFEST_FILE})` })
					}
					if (Array.isArray(tags.audience)) {
						const packAudiences: readonly string[] = manifest.audiences
						const outside = tags.audience.filter((a): a is string => typeof a === 'string' && isAudience(a) && !packAudiences.includes(a))
						if (outside.length)
							faults.push({ file, line: at(['tags', 'audience']), message: `tags.audience ${outside.join(', ')} is not among the pack's audiences (${manifest.audiences.join(', ')})` })
					}
				}
				if (result.value && faults.length === before) questions.push({ file, line: at([]), question: normalizeQuestion(result.value) })
			})
		}

		if (manifest) packs.push({ dir, manifestFile, manifest, lessons, questions })
	}

	faults.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line))
	return { root, packs, faults }
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n?^---[ \t]*$\n?/m

function parseLesson(
	file: string,
	text: string,
	ord: number,
	faults: ContentFault[],
	lessonIds: Map<string, { file: string; line: number }>,
): { lesson: LoadedLesson | null; idKnown: boolean } {
	const m = text.startsWith('---\n') ? FRONT_MATTER.exec(text) : null
	if (!m || m.index !== 0) {
		faults.push({ file, line: 1, message: 'a lesson must start with YAML front matter between two --- lines' })
		return { lesson: null, idKnown: false }
	}
	const yaml = parseYaml(file, m[1]!, 1, faults)
	if (!yaml) return { lesson: null, idKnown: false }
	const raw = yaml.doc.toJS() as unknown
	const result = validateLessonFrontMatter(raw)
	for (const issue of result.issues) faults.push({ file, line: yaml.line(issue.path), message: issue.message })
	let ok = result.issues.length === 0
	const idKnown = isRecord(raw) && typeof raw.id === 'string'
	if (isRecord(raw) && typeof raw.id === 'string') {
		const first = lessonIds.get(raw.id)
		if (first) {
			faults.push({ file, line: yaml.line(['id']), message: `duplicate lesson id "${raw.id}"`, related: first })
			ok = false
		} else lessonIds.set(raw.id, { file, line: yaml.line(['id']) })
	}
	const closingLine = m[0].replace(/\n$/, '').split('\n').length
	const body = text.slice(m[0].length).trim()
	if (!body) {
		faults.push({ file, line: closingLine, message: 'the lesson has no text after its front matter' })
		ok = false
	}
	if (!ok || !result.value) return { lesson: null, idKnown }
	const front: LessonFrontMatter = result.value
	const lesson = { file, ord, id: front.id, title: front.title.trim(), titleEn: front.titleEn.trim(), minutes: front.minutes, sources: front.sources.map((s) => s.trim()), body }
	return { lesson, idKnown }
}
