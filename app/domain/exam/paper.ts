/**
 * Between the frozen paper and what the person sees, pure. Options are shown as A, B, C… in the
 * paper's (shuffled) order; true/false as T and F. The browser only ever sees display keys; the
 * database stores the question's own keys, so grading compares with the question's answer.
 */
import { DISPLAY_KEYS, type PaperItem } from './types.ts'

/** Display key of each option position. */
export function displayKeys(item: Pick<PaperItem, 't' | 'o'>): string[] {
	return item.t === 'TRUEFALSE' ? item.o.slice() : item.o.map((_, i) => DISPLAY_KEYS[i]!)
}

/** The question's own keys → display keys (sorted in display order); unknown keys are dropped. */
export function toDisplayKeys(item: Pick<PaperItem, 't' | 'o'>, own: readonly string[]): string[] {
	const shown = displayKeys(item)
	return item.o.flatMap((k, i) => (own.includes(k) ? [shown[i]!] : []))
}

/**
 * Display keys sent by the browser → the question's own keys, sorted. null when a key is not on
 * this question or the count does not fit the type (one for single choice and true/false).
 * An empty choice is allowed: it withdraws the answer.
 */
export function fromDisplayKeys(item: Pick<PaperItem, 't' | 'o'>, shownKeys: readonly string[]): string[] | null {
	const unique = [...new Set(shownKeys)]
	if (unique.length !== shownKeys.length) return null
	if (item.t !== 'MULTIPLE' && unique.length > 1) return null
	const shown = displayKeys(item)
	const own: string[] = []
	for (const k of unique) {
		const i = shown.indexOf(k)
		if (i < 0) return null
		own.push(item.o[i]!)
	}
	return own.sort()
}
