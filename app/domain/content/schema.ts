/**
 * The course-pack format (content/README.md) as zod schemas plus the rules a schema alone cannot
 * express (answer against options, counts of correct options, type-specific fields). Pure: no
 * file access. Every problem comes back as `{ path, message }` so that the loader can turn the
 * path into a line number of the YAML file.
 */
import { z } from 'zod'

export const AUDIENCES = ['WORKER', 'SAFETY_MANAGER', 'PRINCIPAL'] as const
export type Audience = (typeof AUDIENCES)[number]

export const PACK_CATEGORIES = ['SPECIAL_OPERATIONS', 'HIDDEN_DANGER', 'THREE_VIOLATIONS', 'EMERGENCY', 'MANAGEMENT'] as const
export type PackCategory = (typeof PACK_CATEGORIES)[number]

/** GB 30871-2022 special operations; GENERAL = rules common to all of them. */
export const OPERATIONS = ['HOT_WORK', 'CONFINED_SPACE', 'BLINDING', 'HEIGHT', 'LIFTING', 'TEMP_POWER', 'EXCAVATION', 'ROAD_CLOSURE', 'GENERAL'] as const
export type Operation = (typeof OPERATIONS)[number]

/** 三违: 违章指挥 / 违章作业 / 违反劳动纪律. */
export const VIOLATION_KINDS = ['COMMAND', 'OPERATION', 'DISCIPLINE'] as const
export type ViolationKind = (typeof VIOLATION_KINDS)[number]

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

/** Option keys in the order they must appear. */
export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F'] as const
export const MIN_OPTIONS = 2
export const MAX_OPTIONS = OPTION_KEYS.length
/** The answer of a true/false question as stored in the database. */
export const TRUE_KEY = 'T'
export const FALSE_KEY = 'F'

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** Lesson files: `NN-slug.md`, ordered by name. */
export const LESSON_FILE_PATTERN = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/

const Id = z.string().regex(ID_PATTERN, 'must be kebab-case (a-z, 0-9 and single hyphens)')
const Text = z.string().trim().min(1)
const Bilingual = z.strictObject({ zh: Text, en: Text })
const uniqueList = <T extends z.ZodType>(item: T) =>
	z.array(item).min(1).refine((list) => new Set(list).size === list.length, 'must not list a value twice')

export const PackManifestSchema = z.strictObject({
	id: Id,
	series: Id,
	edition: Text,
	version: z.int().min(1),
	category: z.enum(PACK_CATEGORIES),
	audiences: uniqueList(z.enum(AUDIENCES)),
	minutes: z.int().min(1),
	title: Bilingual,
	summary: Bilingual,
	notice: Bilingual.optional(),
	/**
	 * Number of items of the hidden-danger criteria edition that this pack's `hazardItem` tags
	 * refer to (20 for 安监总管三〔2017〕121号). Required as soon as one question carries a
	 * hazardItem tag.
	 */
	hazardItems: z.int().min(1).max(200).optional(),
})
export type PackManifest = z.infer<typeof PackManifestSchema>

export const LessonFrontMatterSchema = z.strictObject({
	id: Id,
	title: Text,
	titleEn: Text,
	minutes: z.int().min(1),
	sources: z.array(Text).min(1),
})
export type LessonFrontMatter = z.infer<typeof LessonFrontMatterSchema>

export const QuestionTagsSchema = z.strictObject({
	topic: Id,
	operation: z.enum(OPERATIONS).optional(),
	hazardItem: z.int().min(1).optional(),
	violation: z.enum(VIOLATION_KINDS).optional(),
	audience: uniqueList(z.enum(AUDIENCES)),
})

export const QuestionSchema = z.strictObject({
	id: Id,
	type: z.enum(QUESTION_TYPES),
	stem: Text,
	options: z.record(z.string(), Text).optional(),
	answer: z.union([z.string(), z.array(z.string()), z.boolean()], {
		error: 'answer must be an option key, a list of option keys, or true/false',
	}),
	explanation: Text,
	source: Text,
	lesson: Id.optional(),
	difficulty: z.int().min(1).max(3),
	tags: QuestionTagsSchema,
})
/** A question exactly as written in a questions/*.yaml file. */
export type QuestionInput = z.infer<typeof QuestionSchema>

export type IssuePath = (string | number)[]
export interface ContentIssue {
	path: IssuePath
	message: string
}

// ---------------------------------------------------------------------------------------------
// Validation

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
	let v: unknown = data
	for (const seg of path) {
		if (v === null || typeof v !== 'object') return undefined
		v = (v as Record<PropertyKey, unknown>)[seg]
	}
	return v
}

function show(v: unknown): string {
	if (typeof v === 'string') return JSON.stringify(v)
	if (v === null) return 'nothing'
	if (Array.isArray(v)) return 'a list'
	if (typeof v === 'object') return 'a mapping'
	return String(v)
}

const EXPECTED_WORDS: Record<string, string> = {
	string: 'text',
	int: 'a whole number',
	number: 'a number',
	array: 'a list',
	object: 'a mapping',
	record: 'a mapping',
	boolean: 'true or false',
}

/** One zod issue → messages a content author understands. */
export function describeZodIssue(issue: z.core.$ZodIssue, data: unknown): ContentIssue[] {
	const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
	const field = path.join('.') || 'document'
	const value = valueAt(data, path)
	switch (issue.code) {
		case 'unrecognized_keys':
			return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field "${path.length ? `${field}.` : ''}${key}"` }))
		case 'invalid_type':
			if (value === undefined) return [{ path, message: `missing ${field}` }]
			if (value === null && issue.expected === 'string') return [{ path, message: `${field} is empty` }]
			return [{ path, message: `${field} must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected} (got ${show(value)})` }]
		case 'invalid_union':
			if (value === undefined) return [{ path, message: `missing ${field}` }]
			return [{ path, message: issue.message }]
		case 'invalid_value':
			return [{ path, message: `${field}: unknown value ${show(value)} (expected one of ${issue.values.map(String).join(', ')})` }]
		case 'too_small':
			if (issue.origin === 'string') return [{ path, message: `${field} is empty` }]
			if (issue.origin === 'array') return [{ path, message: `${field} needs at least ${issue.minimum} item(s)` }]
			return [{ path, message: `${field} must be at least ${issue.minimum} (got ${show(value)})` }]
		case 'too_big':
			return [{ path, message: `${field} must be at most ${issue.maximum} (got ${show(value)})` }]
		case 'invalid_format':
			return [{ path, message: `${field} ${issue.message} (got ${show(value)})` }]
		default:
			return [{ path, message: `${field}: ${issue.message}` }]
	}
}

function zodIssues<T>(schema: z.ZodType<T>, raw: unknown): { value?: T; issues: ContentIssue[] } {
	const result = schema.safeParse(raw)
	if (result.success) return { value: result.data, issues: [] }
	return { issues: result.error.issues.flatMap((i) => describeZodIssue(i, raw)) }
}

export function validateManifest(raw: unknown) {
	return zodIssues(PackManifestSchema, raw)
}

export function validateLessonFrontMatter(raw: unknown) {
	return zodIssues(LessonFrontMatterSchema, raw)
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Rules between fields of one question. They run on the raw data, independently of the schema,
 * so that a question with a missing source still gets its answer checked.
 */
export function questionRuleIssues(raw: unknown): ContentIssue[] {
	if (!isRecord(raw)) return []
	const issues: ContentIssue[] = []
	const type = raw.type
	const options = raw.options
	const answer = raw.answer
	if (type === 'truefalse') {
		if (options !== undefined) issues.push({ path: ['options'], message: 'a truefalse question must not have options' })
		if (answer !== undefined && typeof answer !== 'boolean')
			issues.push({ path: ['answer'], message: `a truefalse answer must be true or false (got ${show(answer)})` })
		return issues
	}
	if (type !== 'single' && type !== 'multiple') return issues

	let keys: string[] | null = null
	if (options === undefined) issues.push({ path: [], message: `a ${type} question needs options` })
	else if (isRecord(options)) {
		keys = Object.keys(options)
		if (keys.length < MIN_OPTIONS || keys.length > MAX_OPTIONS)
			issues.push({ path: ['options'], message: `a ${type} question needs ${MIN_OPTIONS}–${MAX_OPTIONS} options (has ${keys.length})` })
		const expected = OPTION_KEYS.slice(0, keys.length)
		if (keys.some((k, i) => k !== expected[i]))
			issues.push({ path: ['options'], message: `options must be keyed ${expected.join(', ')} in that order (got ${keys.join(', ')})` })
		const seen = new Map<string, string>()
		for (const [k, text] of Object.entries(options)) {
			if (typeof text !== 'string') continue
			const norm = text.trim()
			const first = seen.get(norm)
			if (first) issues.push({ path: ['options', k], message: `option ${k} repeats the text of option ${first}` })
			else seen.set(norm, k)
		}
	} else issues.push({ path: ['options'], message: `options must be a mapping of keys A–F to text (got ${show(options)})` })

	const notAmong = (k: string) => keys !== null && !keys.includes(k)
	const optionList = keys ? ` (options: ${keys.join(', ')})` : ''
	if (type === 'single') {
		if (Array.isArray(answer)) issues.push({ path: ['answer'], message: 'a single-choice answer must be one option key, not a list' })
		else if (typeof answer === 'boolean') issues.push({ path: ['answer'], message: 'a single-choice answer must be an option key, not true/false' })
		else if (typeof answer === 'string' && notAmong(answer))
			issues.push({ path: ['answer'], message: `answer "${answer}" is not among the options${optionList}` })
	} else {
		if (typeof answer === 'string' || typeof answer === 'boolean')
			issues.push({ path: ['answer'], message: `a multiple-choice answer must be a list of at least 2 option keys (got ${show(answer)})` })
		else if (Array.isArray(answer)) {
			const seen = new Set<string>()
			answer.forEach((k, i) => {
				if (typeof k !== 'string') return
				if (seen.has(k)) issues.push({ path: ['answer', i], message: `answer lists "${k}" twice` })
				seen.add(k)
				if (notAmong(k)) issues.push({ path: ['answer', i], message: `answer "${k}" is not among the options${optionList}` })
			})
			if (seen.size < 2) issues.push({ path: ['answer'], message: `a multiple-choice question needs at least 2 correct options (has ${seen.size})` })
			if (keys !== null && keys.every((k) => seen.has(k)))
				issues.push({ path: ['answer'], message: 'a multiple-choice question needs at least one wrong option (every option is marked correct)' })
		}
	}
	return issues
}

export function validateQuestion(raw: unknown): { value?: QuestionInput; issues: ContentIssue[] } {
	const structural = zodIssues(QuestionSchema, raw)
	const rules = questionRuleIssues(raw)
	// The union error on `answer` says the same thing as the rule, less precisely.
	const issues = rules.length ? structural.issues.filter((i) => !(i.path.length === 1 && i.path[0] === 'answer' && rules.some((r) => r.path[0] === 'answer'))) : structural.issues
	issues.push(...rules)
	return issues.length ? { issues } : { value: structural.value, issues }
}

// ---------------------------------------------------------------------------------------------
// Normalised form (what the database, the exporters and the hashes use)

export interface QuestionOption {
	key: string
	text: string
}

export interface ContentQuestion {
	id: string
	type: QuestionType
	stem: string
	/** Empty for truefalse. */
	options: QuestionOption[]
	/** Option keys; truefalse uses ["T"] or ["F"]. */
	answer: string[]
	explanation: string
	source: string
	lesson: string | null
	difficulty: number
	tags: {
		topic: string
		operation: Operation | null
		hazardItem: number | null
		violation: ViolationKind | null
		audience: Audience[]
	}
}

export function normalizeQuestion(q: QuestionInput): ContentQuestion {
	const answer = q.type === 'truefalse' ? [q.answer === true ? TRUE_KEY : FALSE_KEY] : typeof q.answer === 'string' ? [q.answer] : Array.isArray(q.answer) ? [...q.answer].sort() : []
	return {
		id: q.id,
		type: q.type,
		stem: q.stem.trim(),
		options: Object.entries(q.options ?? {}).map(([key, text]) => ({ key, text: text.trim() })),
		answer,
		explanation: q.explanation.trim(),
		source: q.source.trim(),
		lesson: q.lesson ?? null,
		difficulty: q.difficulty,
		tags: {
			topic: q.tags.topic,
			operation: q.tags.operation ?? null,
			hazardItem: q.tags.hazardItem ?? null,
			violation: q.tags.violation ?? null,
			audience: [...q.tags.audience],
		},
	}
}

/** The inverse of normalizeQuestion: the object to write into a questions/*.yaml file. */
export function toQuestionInput(q: ContentQuestion): QuestionInput {
	const { topic, operation, hazardItem, violation, audience } = q.tags
	const tags: QuestionInput['tags'] = {
		topic,
		...(operation ? { operation } : {}),
		...(hazardItem !== null ? { hazardItem } : {}),
		...(violation ? { violation } : {}),
		audience: [...audience],
	}
	const answer: QuestionInput['answer'] = q.type === 'truefalse' ? q.answer[0] === TRUE_KEY : q.type === 'single' ? (q.answer[0] ?? '') : [...q.answer]
	// Same key order as the hand-written files.
	return {
		id: q.id,
		type: q.type,
		stem: q.stem,
		...(q.type !== 'truefalse' ? { options: Object.fromEntries(q.options.map((o) => [o.key, o.text])) } : {}),
		answer,
		explanation: q.explanation,
		source: q.source,
		...(q.lesson ? { lesson: q.lesson } : {}),
		difficulty: q.difficulty,
		tags,
	}
}
