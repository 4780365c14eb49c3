import fs from 'node:fs'
import path from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import type { PDFDocument } from 'pdf-lib'

/**
 * The CJK font every PDF embeds (subset): WenQuanYi Micro Hei, face 0 of Debian's
 * fonts-wqy-microhei collection, committed as a TTF (docs/decisions/0005-pdf-font.md).
 * PDF_FONT_PATH may point elsewhere, e.g. in a container that keeps assets outside the app.
 */
export const FONT_RELATIVE_PATH = 'app/assets/fonts/wqy-microhei.ttf'

let bytes: Uint8Array | undefined

export function fontPath(): string {
	return process.env.PDF_FONT_PATH || path.resolve(process.cwd(), FONT_RELATIVE_PATH)
}

export function fontBytes(): Uint8Array {
	if (bytes) return bytes
	const file = fontPath()
	if (!fs.existsSync(file)) {
		throw new Error(`PDF font not found at ${file}. Run the server from the project root, set PDF_FONT_PATH, or regenerate it with: npx tsx scripts/extract-font.ts`)
	}
	bytes = new Uint8Array(fs.readFileSync(file))
	return bytes
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0]
type FontkitFont = ReturnType<Fontkit['create']>

let parsed: FontkitFont | undefined

/**
 * pdf-lib parses the 4.6 MB font on every embedFont call; the parsed font is read-only apart
 * from glyph caches, so one parse serves every document (each document still builds its own
 * subset).
 *
 * pdf-lib also runs fontkit's full OpenType shaping (`layout`) for every width measurement
 * and every line drawn, and reads nothing from the result but the glyphs and their advance
 * widths. Chinese and Latin text in this font need no shaping, so `layout` is replaced by a
 * plain character-to-glyph mapping, memoised per string: about ten times faster, and without
 * Latin ligatures (fi, fl), which also keeps copied and extracted text exact.
 */
const LAYOUT_CACHE_MAX = 20_000

function withPlainLayout(font: FontkitFont): FontkitFont {
	const cache = new Map<string, { glyphs: ReturnType<FontkitFont['glyphsForString']> }>()
	const plain = (text: string) => {
		let run = cache.get(text)
		if (!run) {
			if (cache.size >= LAYOUT_CACHE_MAX) cache.clear()
			run = { glyphs: font.glyphsForString(text) }
			cache.set(text, run)
		}
		return run
	}
	font.layout = plain as unknown as FontkitFont['layout']
	return font
}

export const sharedFontkit: Fontkit = {
	create(buffer: Uint8Array, postscriptName?: string) {
		if (buffer !== fontBytes()) return fontkit.create(buffer, postscriptName)
		parsed ??= withPlainLayout(fontkit.create(buffer, postscriptName))
		return parsed
	},
}
