/**
 * npm run font:extract — reproduce app/assets/fonts/wqy-microhei.ttf from Debian's
 * fonts-wqy-microhei collection (/usr/share/fonts/truetype/wqy/wqy-microhei.ttc).
 *
 * pdf-lib cannot embed a TrueType collection, so face 0 ("WenQuanYi Micro Hei") is copied into
 * a standalone sfnt: the table directory is rebuilt with offsets into the new file, every table
 * is padded to four bytes, table checksums are recomputed and head.checkSumAdjustment is set so
 * the whole file sums to 0xB1B0AFBA, as the OpenType spec requires. See docs/decisions/0005.
 *
 *   tsx scripts/extract-font.ts [source.ttc] [target.ttf] [faceIndex]
 */
import fs from 'node:fs'
import path from 'node:path'

export const DEFAULT_SOURCE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'
export const DEFAULT_TARGET = path.resolve(import.meta.dirname, '../app/assets/fonts/wqy-microhei.ttf')

function tag(buf: Buffer, at: number): string {
	return buf.toString('latin1', at, at + 4)
}

/** Sum of big-endian uint32 words, zero-padded to a multiple of four bytes. */
export function sfntChecksum(buf: Buffer): number {
	let sum = 0
	const whole = buf.length & ~3
	for (let i = 0; i < whole; i += 4) sum = (sum + buf.readUInt32BE(i)) >>> 0
	if (whole < buf.length) {
		const tail = Buffer.alloc(4)
		buf.copy(tail, 0, whole)
		sum = (sum + tail.readUInt32BE(0)) >>> 0
	}
	return sum
}

type TableRecord = { tag: string; offset: number; length: number }

/** The font at `faceIndex` of a TTC (or the font itself when given a plain sfnt) as a TTF. */
export function extractFace(ttc: Buffer, faceIndex = 0): Buffer {
	let fontOffset = 0
	if (tag(ttc, 0) === 'ttcf') {
		const numFonts = ttc.readUInt32BE(8)
		if (faceIndex < 0 || faceIndex >= numFonts) throw new RangeError(`The collection has ${numFonts} faces; no face ${faceIndex}`)
		fontOffset = ttc.readUInt32BE(12 + 4 * faceIndex)
	} else if (faceIndex !== 0) {
		throw new RangeError('Not a TrueType collection: only face 0 exists')
	}
	const sfntVersion = ttc.readUInt32BE(fontOffset)
	if (sfntVersion !== 0x00010000 && tag(ttc, fontOffset) !== 'true') {
		throw new Error(`Face ${faceIndex} is not TrueType-outlined (sfnt version 0x${sfntVersion.toString(16)})`)
	}
	const numTables = ttc.readUInt16BE(fontOffset + 4)
	const tables: TableRecord[] = []
	for (let i = 0; i < numTables; i++) {
		const rec = fontOffset + 12 + 16 * i
		// Offsets inside a collection are relative to the start of the .ttc file.
		tables.push({ tag: tag(ttc, rec), offset: ttc.readUInt32BE(rec + 8), length: ttc.readUInt32BE(rec + 12) })
	}
	tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))

	const headerSize = 12 + 16 * numTables
	let cursor = headerSize
	const placed = tables.map((t) => {
		const at = cursor
		cursor += (t.length + 3) & ~3
		return { ...t, newOffset: at }
	})
	const out = Buffer.alloc(cursor)
	let entrySelector = 0
	while (2 ** (entrySelector + 1) <= numTables) entrySelector++
	const searchRange = 2 ** entrySelector * 16
	out.writeUInt32BE(0x00010000, 0)
	out.writeUInt16BE(numTables, 4)
	out.writeUInt16BE(searchRange, 6)
	out.writeUInt16BE(entrySelector, 8)
	out.writeUInt16BE(numTables * 16 - searchRange, 10)

	let headOffset = -1
	placed.forEach((t, i) => {
		const data = ttc.subarray(t.offset, t.offset + t.length)
		if (data.length !== t.length) throw new Error(`Table ${t.tag} runs past the end of the file`)
		data.copy(out, t.newOffset)
		if (t.tag === 'head') {
			headOffset = t.newOffset
			out.writeUInt32BE(0, t.newOffset + 8) // checkSumAdjustment is summed as zero
		}
		const rec = 12 + 16 * i
		out.write(t.tag, rec, 'latin1')
		out.writeUInt32BE(sfntChecksum(out.subarray(t.newOffset, t.newOffset + ((t.length + 3) & ~3))), rec + 4)
		out.writeUInt32BE(t.newOffset, rec + 8)
		out.writeUInt32BE(t.length, rec + 12)
	})
	if (headOffset < 0) throw new Error('The face has no head table')
	out.writeUInt32BE((0xb1b0afba - sfntChecksum(out)) >>> 0, headOffset + 8)
	return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const [source = DEFAULT_SOURCE, target = DEFAULT_TARGET, face = '0'] = process.argv.slice(2)
	if (!fs.existsSync(source)) {
		console.error(`${source} not found. On Debian/Ubuntu: sudo apt-get install -y fonts-wqy-microhei`)
		process.exit(1)
	}
	const ttf = extractFace(fs.readFileSync(source), Number(face))
	fs.mkdirSync(path.dirname(target), { recursive: true })
	fs.writeFileSync(target, ttf)
	console.log(`Wrote ${target} (${(ttf.length / 1024 / 1024).toFixed(2)} MB, face ${face} of ${source})`)
}
