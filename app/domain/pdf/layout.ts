/**
 * Line breaking for mixed Chinese/Latin text, pure (the caller passes a width function).
 *
 * Chinese may break between any two characters; Latin breaks at spaces, and a word wider than
 * the line is split by character. Closing punctuation never starts a line and opening
 * punctuation never ends one (a light form of the Chinese 禁则 rules): they are glued to their
 * neighbouring character, which moves to the next line with them.
 */

export type Measure = (text: string) => number

const CJK =
	/[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\ud840-\ud87f][\udc00-\udfff]/

/** Closing marks: may not begin a line. */
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』】〕〉”’…—·%,.;:?!)]}»％'))
/** Opening marks: may not end a line. */
const NO_LINE_END = new Set(Array.from('（《「『【〔〈“‘([{«'))

export function isCjkChar(ch: string): boolean {
	return CJK.test(ch)
}

type Token = { text: string; space: boolean }

/** Split into breakable units: single CJK characters, Latin words and runs of spaces. */
export function tokenize(text: string): Token[] {
	const raw: Token[] = []
	let word = ''
	const flush = () => {
		if (word) raw.push({ text: word, space: false })
		word = ''
	}
	for (const ch of Array.from(text)) {
		if (ch === ' ' || ch === '\t') {
			flush()
			const last = raw[raw.length - 1]
			if (last?.space) last.text += ' '
			else raw.push({ text: ' ', space: true })
		} else if (isCjkChar(ch) || (ch > '\u007f' && (NO_LINE_START.has(ch) || NO_LINE_END.has(ch)))) {
			// ASCII punctuation stays inside its Latin word ("17:00", "(v2)"); CJK and typographic marks stand alone.
			flush()
			raw.push({ text: ch, space: false })
		} else {
			word += ch
		}
	}
	flush()
	// Glue punctuation to its neighbour so no break happens there.
	const out: Token[] = []
	let carry = ''
	for (const tok of raw) {
		if (tok.space) {
			if (carry) out.push({ text: carry, space: false })
			carry = ''
			out.push(tok)
			continue
		}
		const prev = out[out.length - 1]
		if (!carry && prev && !prev.space && tok.text.length === 1 && NO_LINE_START.has(tok.text)) {
			prev.text += tok.text
			continue
		}
		if (tok.text.length === 1 && NO_LINE_END.has(tok.text)) {
			carry += tok.text
			continue
		}
		out.push({ text: carry + tok.text, space: false })
		carry = ''
	}
	if (carry) out.push({ text: carry, space: false })
	return out
}

/** Break a token wider than the line into pieces that fit (at least one character each). */
function splitLong(text: string, maxWidth: number, measure: Measure): string[] {
	const pieces: string[] = []
	let cur = ''
	for (const ch of Array.from(text)) {
		if (cur && measure(cur + ch) > maxWidth) {
			pieces.push(cur)
			cur = ch
		} else cur += ch
	}
	if (cur) pieces.push(cur)
	return pieces
}

/**
 * Lines of at most `maxWidth` (except a single glued punctuation overhang). Explicit newlines
 * are kept; an empty paragraph gives an empty line. Leading spaces of a wrapped line are dropped.
 */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
	const lines: string[] = []
	for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
		let line = ''
		for (const tok of tokenize(paragraph)) {
			if (tok.space) {
				if (line) line += tok.text
				continue
			}
			const candidate = line + tok.text
			if (measure(candidate) <= maxWidth) {
				line = candidate
				continue
			}
			if (line.trim()) lines.push(line.trimEnd())
			line = ''
			if (measure(tok.text) <= maxWidth || Array.from(tok.text).length <= 2) {
				line = tok.text
				continue
			}
			const pieces = splitLong(tok.text, maxWidth, measure)
			lines.push(...pieces.slice(0, -1))
			line = pieces[pieces.length - 1] ?? ''
		}
		lines.push(line.trimEnd())
	}
	return lines
}

/** Column widths in points from fractions (or fixed points when > 1), filling `total`. */
export function columnWidths(spec: readonly number[], total: number): number[] {
	const fixed = spec.filter((w) => w > 1).reduce((a, b) => a + b, 0)
	const fractions = spec.filter((w) => w <= 1).reduce((a, b) => a + b, 0)
	const rest = Math.max(0, total - fixed)
	return spec.map((w) => (w > 1 ? w : fractions ? (rest * w) / fractions : 0))
}
