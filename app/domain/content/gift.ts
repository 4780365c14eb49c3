/**
 * Moodle GIFT import and export for question banks (pure: text in, text out).
 *
 * Supported: single choice `{=right ~wrong}`, multiple answers with weights
 * `{~%50%a ~%50%b ~%-100%c}`, true/false `{T}` / `{F}`, `::title::` (our question id),
 * `####general feedback` (our explanation), `$CATEGORY:` lines, `//` comments and the escapes
 * `\~ \= \# \{ \} \: \\ \n`. Fields GIFT has no place for (source, lesson, difficulty, tags)
 * travel in a structured comment right before the question:
 *
 *     // @anxun {"source":"GB 30871-2022 第5章","difficulty":1,"tags":{"topic":"hot-work","audience":["WORKER"]}}
 *
 * Essay, matching, numerical, short-answer, missing-word and description questions are
 * reported as unsupported, with their line.
 */
import {
	ID_PATTERN,
	MAX_OPTIONS,
	OPTION_KEYS,
	TRUE_KEY,
	FALSE_KEY,
	validateQuestion,
	type ContentQuestion,
	type QuestionInput,
	type QuestionType,
} from './schema.ts'

export const GIFT_META_PREFIX = '// @anxun '

export interface GiftMessage {
	line: number
	message: string
}

// ---------------------------------------------------------------------------------------------
// Export

const SPECIAL = /[\\~=#{}:]/g

/** Escape text for GIFT: the special characters get a backslash, newlines become `\n`. */
export function escapeGift(text: string): string {
	return text.replace(SPECIAL, (c) => `\\${c}`).replace(/\r?\n/g, '\\n')
}

/** Moodle only accepts certain fractions; these are the ones for 2–6 equal shares. */
const SHARE: Record<number, string> = { 1: '100', 2: '50', 3: '33.33333', 4: '25', 5: '20', 6: '16.66667' }

export interface GiftExportOptions {
	/** Written as `$CATEGORY: anxun/<packId>/<topic>` lines. */
	packId?: string
	/** Comment lines at the top of the file. */
	header?: string[]
}

function metaOf(q: ContentQuestion) {
	const { topic, operation, hazardItem, violation, audience } = q.tags
	return {
		source: q.source,
		...(q.lesson ? { lesson: q.lesson } : {}),
		difficulty: q.difficulty,
		tags: { topic, ...(operation ? { operation } : {}), ...(hazardItem !== null ? { hazardItem } : {}), ...(violation ? { violation } : {}), audience },
	}
}

export function exportGift(questions: readonly ContentQuestion[], options: GiftExportOptions = {}): string {
	const out: string[] = []
	for (const h of options.header ?? []) out.push(`// ${h}`)
	if (out.length) out.push('')
	let category: string | null = null
	for (const q of questions) {
		if (options.packId) {
			const c = `anxun/${options.packId}/${q.tags.topic}`
			if (c !== category) {
				out.push(`$CATEGORY: ${c}`, '')
				category = c
			}
		}
		out.push(`${GIFT_META_PREFIX}${JSON.stringify(metaOf(q))}`)
		const head = `::${escapeGift(q.id)}::${escapeGift(q.stem)}`
		const feedback = `\t####${escapeGift(q.explanation)}`
		if (q.type === 'truefalse') {
			out.push(`${head} {${q.answer[0] === TRUE_KEY ? 'T' : 'F'}`, feedback, '}', '')
			continue
		}
		out.push(`${head} {`)
		const correct = new Set(q.answer)
		for (const o of q.options) {
			// A leading % would be read as a weight.
			const text = escapeGift(o.text).replace(/^%/, '\\%')
			if (q.type === 'single') out.push(`\t${correct.has(o.key) ? '=' : '~'}${text}`)
			else out.push(`\t~%${correct.has(o.key) ? SHARE[correct.size] : '-100'}%${text}`)
		}
		out.push(feedback, '}', '')
	}
	return out.join('\n')
}

// ---------------------------------------------------------------------------------------------
// Import: blocks

interface Block {
	/** The question's text with its lines joined by \n. */
	text: string
	/** File line of each line of `text`. */
	lines: number[]
	category: string | null
	meta: { line: number; json: string } | null
}

function splitBlocks(source: string, errors: GiftMessage[]): Block[] {
	const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n')
	const blocks: Block[] = []
	let current: { text: string[]; lines: number[] } | null = null
	let category: string | null = null
	let meta: Block['meta'] = null
	let blockMeta: Block['meta'] = null
	let inBanner = false
	const flush = () => {
		if (current) blocks.push({ text: current.text.join('\n'), lines: current.lines, category, meta: blockMeta })
		current = null
		blockMeta = null
	}
	lines.forEach((raw, i) => {
		const lineNo = i + 1
		const t = raw.trim()
		if (t === '') {
			inBanner = false
			return flush()
		}
		// `npm run x > file` puts npm's "> name@version script" banner into the file.
		if (!current && /^> [^\s@]+@\S+ \S+$/.test(t)) {
			errors.push({ line: lineNo, message: "npm's script banner is in the file: export with npm run -s content:gift … or --out <file>" })
			inBanner = true
		}
		if (inBanner) return
		if (t.startsWith(GIFT_META_PREFIX.trim())) {
			const json = t.slice(GIFT_META_PREFIX.trim().length).trim()
			if (current) blockMeta = { line: lineNo, json }
			else meta = { line: lineNo, json }
			return
		}
		if (t.startsWith('//')) return
		if (!current && /^\$CATEGORY:/i.test(t)) {
			category = t.replace(/^\$CATEGORY:/i, '').trim()
			return
		}
		if (!current) {
			current = { text: [], lines: [] }
			blockMeta = meta
			meta = null
		}
		current.text.push(raw)
		current.lines.push(lineNo)
	})
	flush()
	if (meta) errors.push({ line: (meta as { line: number }).line, message: 'an @anxun comment is not followed by a question' })
	return blocks
}

/** Index of `token` at or after `from` that is not escaped by a backslash, or -1. */
function findUnescaped(s: string, token: string, from = 0): number {
	for (let i = from; i < s.length; i++) {
		if (s[i] === '\\') {
			i++
			continue
		}
		if (s.startsWith(token, i)) return i
	}
	return -1
}

function lastUnescaped(s: string, ch: string): number {
	let found = -1
	for (let i = 0; i < s.length; i++) {
		if (s[i] === '\\') {
			i++
			continue
		}
		if (s[i] === ch) found = i
	}
	return found
}

function unescapeGift(s: string): string {
	return s.replace(/\\(.)/gs, (_, c: string) => (c === 'n' ? '\n' : c))
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/** Moodle exports HTML question text (`[html]<p>…</p>`); we keep plain text. */
export function htmlToText(html: string): string {
	return html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|h[1-6])>\s*/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
			if (e[0] === '#') {
				const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
				return Number.isFinite(code) ? String.fromCodePoint(code) : m
			}
			return ENTITIES[e.toLowerCase()] ?? m
		})
		.split('\n')
		.map((l) => l.replace(/[ \t]+/g, ' ').trim())
		.filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
		.join('\n')
		.trim()
}

const FORMAT = /^\s*\[(html|moodle|plain|markdown)\]/i

/** Text of a question part: escapes resolved, HTML turned into text, whitespace tidied. */
function cleanText(raw: string, html: boolean): string {
	const text = unescapeGift(raw.replace(FORMAT, ''))
	const plain = html ? htmlToText(text) : text
	return plain
		.split('\n')
		.map((l) => l.trim())
		.join('\n')
		.trim()
}

// ---------------------------------------------------------------------------------------------
// Import: one question

export interface GiftQuestion {
	/** Line of the question's first line. */
	line: number
	/** Line of its @anxun comment, if any. */
	metaLine: number | null
	title: string | null
	category: string | null
	type: QuestionType
	stem: string
	options: { key: string; text: string }[]
	answer: string[]
	explanation: string
	/** Parsed @anxun comment. */
	meta: Record<string, unknown> | null
}

interface OptionPart {
	marker: '=' | '~'
	weight: number | null
	text: string
	feedback: boolean
	line: number
}

function parseBlock(block: Block, errors: GiftMessage[], warnings: GiftMessage[]): GiftQuestion | null {
	const s = block.text
	const lineAt = (offset: number) => block.lines[s.slice(0, Math.max(0, offset)).split('\n').length - 1] ?? block.lines[0]!
	const first = block.lines[0]!
	const fail = (offset: number, message: string) => {
		errors.push({ line: lineAt(offset), message })
		return null
	}

	let meta: Record<string, unknown> | null = null
	if (block.meta) {
		try {
			const parsed: unknown = JSON.parse(block.meta.json)
			if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
			meta = parsed as Record<string, unknown>
		} catch {
			errors.push({ line: block.meta.line, message: '@anxun comment must hold one JSON object' })
		}
	}

	let pos = 0
	let title: string | null = null
	const lead = s.search(/\S/)
	if (s.startsWith('::', lead)) {
		const end = findUnescaped(s, '::', lead + 2)
		if (end < 0) return fail(lead, 'the title ::… is not closed with ::')
		title = cleanText(s.slice(lead + 2, end), false)
		pos = end + 2
	}

	const open = findUnescaped(s, '{', pos)
	if (open < 0) return fail(pos, 'no answer block {…}: descriptions (text without a question) are not supported')
	const close = lastUnescaped(s, '}')
	if (close < open) return fail(open, 'the answer block { is not closed with }')
	if (s.slice(close + 1).trim() !== '')
		return fail(close + 1, 'text after the answer block: missing-word (fill-in) questions are not supported')
	const stemRaw = s.slice(pos, open)
	const html = FORMAT.exec(stemRaw)?.[1]?.toLowerCase() === 'html'
	const stem = cleanText(stemRaw, html)
	if (!stem) return fail(pos, 'the question has no text')
	if (findUnescaped(s.slice(open + 1, close), '{') >= 0) return fail(open, 'an answer block cannot contain another {: escape it as \\{')

	let body = s.slice(open + 1, close)
	let explanation = ''
	const general = findUnescaped(body, '####')
	if (general >= 0) {
		explanation = cleanText(body.slice(general + 4), html)
		body = body.slice(0, general)
	}
	const at = (i: number) => open + 1 + i
	const trimmed = body.trim()
	const base = { line: first, metaLine: block.meta?.line ?? null, title, category: block.category, stem, explanation, meta }

	if (trimmed === '') return fail(open, 'essay questions ({}) are not supported')
	if (trimmed.startsWith('#')) return fail(at(body.indexOf('#')), 'numerical questions ({#…}) are not supported')
	if (findUnescaped(body, '->') >= 0) return fail(at(findUnescaped(body, '->')), 'matching questions (… -> …) are not supported')

	const tf = /^(TRUE|FALSE|T|F)(?=\s*(#|$))/i.exec(trimmed)
	if (tf) {
		const rest = trimmed.slice(tf[0].length).trim()
		if (rest) {
			if (!rest.startsWith('#')) return fail(at(body.indexOf(rest)), `unexpected text after ${tf[1]}`)
			warnings.push({ line: lineAt(at(body.indexOf(rest))), message: 'true/false answer feedback is not stored; only the #### general feedback is kept' })
		}
		const isTrue = tf[1]!.toUpperCase().startsWith('T')
		return { ...base, type: 'truefalse', options: [], answer: [isTrue ? TRUE_KEY : FALSE_KEY] }
	}

	if (findUnescaped(body, '~') < 0) return fail(open, 'short-answer questions (only = answers) are not supported')

	// Options start at every unescaped ~ or =.
	const parts: OptionPart[] = []
	const starts: number[] = []
	for (let i = 0; i < body.length; i++) {
		if (body[i] === '\\') {
			i++
			continue
		}
		if (body[i] === '~' || body[i] === '=') starts.push(i)
	}
	if (body.slice(0, starts[0]).trim()) return fail(at(body.search(/\S/)), 'text before the first answer (answers start with = or ~)')
	let bad = false
	starts.forEach((start, n) => {
		const raw = body.slice(start + 1, starts[n + 1] ?? body.length)
		const line = lineAt(at(start))
		let weight: number | null = null
		let rest = raw
		const w = /^\s*%([^%]*)%/.exec(raw)
		if (w) {
			const value = Number(w[1]!.trim())
			if (w[1]!.trim() === '' || !Number.isFinite(value)) {
				errors.push({ line, message: `weight %${w[1]}% is not a number` })
				bad = true
			} else if (value < -100 || value > 100) {
				errors.push({ line, message: `weight ${value}% is outside -100…100` })
				bad = true
			}
			weight = value
			rest = raw.slice(w[0].length)
		} else if (/^\s*%/.test(raw)) {
			errors.push({ line, message: 'a weight must look like %50% or %-100%' })
			bad = true
		}
		const hash = findUnescaped(rest, '#')
		const feedback = hash >= 0
		const text = cleanText(feedback ? rest.slice(0, hash) : rest, html)
		if (feedback) warnings.push({ line, message: 'answer feedback (#…) is not stored; only the #### general feedback is kept' })
		if (!text) {
			errors.push({ line, message: 'an answer has no text' })
			bad = true
		}
		parts.push({ marker: body[start] as '=' | '~', weight, text, feedback, line })
	})
	if (bad) return null
	if (parts.length > MAX_OPTIONS) return fail(open, `${parts.length} answers: at most ${MAX_OPTIONS} are supported`)
	const options = parts.map((p, i) => ({ key: OPTION_KEYS[i]!, text: p.text }))

	const equals = parts.filter((p) => p.marker === '=')
	if (equals.length > 0) {
		const weighted = equals.filter((p) => p.weight !== null && p.weight !== 100)
		for (const p of weighted) errors.push({ line: p.line, message: `a = answer is fully correct; weight ${p.weight}% makes no sense (use ~%${p.weight}% for a share)` })
		if (equals.length > 1) return fail(open, 'more than one = answer: give a multiple-answer question ~%50% weights instead')
		const partial = parts.find((p) => p.marker === '~' && p.weight !== null && p.weight > 0)
		if (partial) {
			errors.push({ line: partial.line, message: `partial credit (~%${partial.weight}%) next to a = answer is not supported` })
			return null
		}
		if (weighted.length) return null
		return { ...base, type: 'single', options, answer: [options[parts.indexOf(equals[0]!)]!.key] }
	}

	const positive = parts.filter((p) => p.weight !== null && p.weight > 0)
	if (positive.length === 0) return fail(open, 'no correct answer: mark one with = or give weights such as ~%50%')
	const sum = positive.reduce((n, p) => n + p.weight!, 0)
	if (Math.abs(sum - 100) > 0.01 * positive.length) return fail(open, `the positive weights add up to ${Math.round(sum * 1000) / 1000}%, not 100%`)
	if (new Set(positive.map((p) => p.weight)).size > 1)
		warnings.push({ line: first, message: 'unequal weights: Anxun grades multiple-answer questions all-or-nothing' })
	const answer = parts.flatMap((p, i) => (p.weight !== null && p.weight > 0 ? [options[i]!.key] : []))
	if (positive.length === 1) return { ...base, type: 'single', options, answer }
	return { ...base, type: 'multiple', options, answer }
}

export interface GiftParseResult {
	questions: GiftQuestion[]
	errors: GiftMessage[]
	warnings: GiftMessage[]
}

export function parseGift(source: string): GiftParseResult {
	const errors: GiftMessage[] = []
	const warnings: GiftMessage[] = []
	const questions: GiftQuestion[] = []
	for (const block of splitBlocks(source, errors)) {
		const q = parseBlock(block, errors, warnings)
		if (q) questions.push(q)
	}
	const byLine = (a: GiftMessage, b: GiftMessage) => a.line - b.line
	return { questions, errors: errors.sort(byLine), warnings: warnings.sort(byLine) }
}

// ---------------------------------------------------------------------------------------------
// Import: into our question format

export interface GiftDefaults {
	source?: string
	topic?: string
	audience?: string[]
	difficulty?: number
	/** Ids for questions whose title is missing or not an id: `<prefix>-001`, `<prefix>-002`, … */
	idPrefix?: string
}

export interface GiftImportResult {
	questions: { line: number; question: QuestionInput }[]
	errors: GiftMessage[]
	warnings: GiftMessage[]
}

/**
 * GIFT text → questions in the pack format, each checked against the question schema. Fields
 * come from the @anxun comment, else from `defaults`; a topic can also come from the last part
 * of the `$CATEGORY:` path.
 */
export function giftToQuestions(source: string, defaults: GiftDefaults = {}): GiftImportResult {
	const parsed = parseGift(source)
	const errors = [...parsed.errors]
	const questions: GiftImportResult['questions'] = []
	parsed.questions.forEach((g, index) => {
		const meta = g.meta ?? {}
		const metaTags = (meta.tags && typeof meta.tags === 'object' ? meta.tags : {}) as Record<string, unknown>
		let id = g.title
		if (!id || !ID_PATTERN.test(id)) {
			if (!defaults.idPrefix) {
				errors.push({
					line: g.line,
					message: id ? `title "${id}" is not a usable id (kebab-case): pass --id-prefix to number the questions` : 'the question has no ::id:: title: pass --id-prefix to number the questions',
				})
				return
			}
			id = `${defaults.idPrefix}-${String(index + 1).padStart(3, '0')}`
		}
		const categoryTopic = g.category?.split('/').pop()?.trim()
		const tags: Record<string, unknown> = {
			...metaTags,
			topic: metaTags.topic ?? defaults.topic ?? (categoryTopic && ID_PATTERN.test(categoryTopic) ? categoryTopic : undefined),
			audience: metaTags.audience ?? defaults.audience,
		}
		const raw: Record<string, unknown> = {
			...meta,
			id,
			type: g.type,
			stem: g.stem,
			...(g.type === 'truefalse' ? {} : { options: Object.fromEntries(g.options.map((o) => [o.key, o.text])) }),
			answer: g.type === 'truefalse' ? g.answer[0] === TRUE_KEY : g.type === 'single' ? g.answer[0] : g.answer,
			explanation: g.explanation,
			source: meta.source ?? defaults.source,
			difficulty: meta.difficulty ?? defaults.difficulty,
			tags,
		}
		const result = validateQuestion(raw)
		if (!result.value) {
			for (const issue of result.issues) {
				const fromMeta = g.metaLine !== null && ['source', 'lesson', 'difficulty', 'tags'].includes(String(issue.path[0]))
				const hint =
					issue.path[0] === 'explanation'
						? ' (write it as ####general feedback inside the answer block)'
						: issue.message.startsWith('missing ') && !fromMeta
							? ` (add it to an ${GIFT_META_PREFIX.trim()} comment or pass a default)`
							: ''
				errors.push({ line: fromMeta ? g.metaLine! : g.line, message: `${id}: ${issue.message}${hint}` })
			}
			return
		}
		questions.push({ line: g.line, question: result.value })
	})
	errors.sort((a, b) => a.line - b.line)
	return { questions, errors, warnings: parsed.warnings }
}

