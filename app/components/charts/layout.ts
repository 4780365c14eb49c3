/**
 * Geometry for the SVG chart kit, pure (no DOM): text widths estimated for mixed Chinese/Latin
 * labels, truncation, "nice" axis maxima and line paths with gaps. Charts are drawn in a
 * 320-unit-wide viewBox that the browser scales to the card, so on a 360 px phone one unit is
 * about one CSS pixel and 12-unit text stays legible.
 */

export const CHART_WIDTH = 320

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/

/** Estimated advance of a text at a font size: CJK and full-width glyphs one em, others ~0.58 em. */
export function textWidth(text: string, fontSize: number): number {
	let w = 0
	for (const ch of Array.from(text)) w += WIDE.test(ch) ? fontSize : ch === ' ' ? fontSize * 0.3 : fontSize * 0.58
	return w
}

/** The text, shortened with an ellipsis to fit `maxWidth`. */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
	if (textWidth(text, fontSize) <= maxWidth) return text
	const chars = Array.from(text)
	const ellipsis = textWidth('…', fontSize)
	let out = ''
	let w = 0
	for (const ch of chars) {
		const cw = textWidth(ch, fontSize)
		if (w + cw + ellipsis > maxWidth) break
		out += ch
		w += cw
	}
	return `${out}…`
}

/** A round axis maximum ≥ `value` (1, 2, 2.5, 5 × 10ⁿ); at least 1. */
export function niceMax(value: number): number {
	if (!(value > 0)) return 1
	const exp = Math.pow(10, Math.floor(Math.log10(value)))
	for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= value) return m * exp
	return 10 * exp
}

/** Fraction of the track a value fills, clamped to [0, 1]. */
export function share(value: number, max: number): number {
	if (!(max > 0) || !(value > 0)) return 0
	return Math.min(1, value / max)
}

export type Point = { x: number; y: number }

/**
 * SVG path data through the points, lifting the pen at missing values (null), so a month
 * without data leaves a gap instead of a misleading zero.
 */
export function linePath(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
	let d = ''
	let pen = false
	values.forEach((v, i) => {
		if (v === null || !Number.isFinite(v)) {
			pen = false
			return
		}
		d += `${pen ? 'L' : 'M'}${round(x(i))} ${round(y(v))}`
		pen = true
	})
	return d
}

export function round(n: number): number {
	return Math.round(n * 10) / 10
}

/** Which x-axis labels to print so they don't collide: every `step`th, always the last. */
export function labelIndices(count: number, maxLabels: number): number[] {
	if (count <= 0) return []
	const step = Math.max(1, Math.ceil(count / Math.max(1, maxLabels)))
	const out: number[] = []
	for (let i = (count - 1) % step; i < count; i += step) out.push(i)
	return out
}
