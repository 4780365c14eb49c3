import fs from 'node:fs'
import fontkit from '@pdf-lib/fontkit'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SOURCE, DEFAULT_TARGET, extractFace, sfntChecksum } from '../../scripts/extract-font.ts'

const ttf = fs.readFileSync(DEFAULT_TARGET)

describe('the committed PDF font', () => {
	it('is a well-formed TrueType file: table checksums and the whole-file checksum hold', () => {
		expect(ttf.readUInt32BE(0)).toBe(0x00010000)
		const n = ttf.readUInt16BE(4)
		for (let i = 0; i < n; i++) {
			const rec = 12 + 16 * i
			const tag = ttf.toString('latin1', rec, rec + 4)
			const offset = ttf.readUInt32BE(rec + 8)
			const length = ttf.readUInt32BE(rec + 12)
			const table = Buffer.from(ttf.subarray(offset, offset + ((length + 3) & ~3)))
			if (tag === 'head') table.writeUInt32BE(0, 8)
			expect(sfntChecksum(table), tag).toBe(ttf.readUInt32BE(rec + 4))
		}
		expect(sfntChecksum(ttf)).toBe(0xb1b0afba)
	})

	it('has the glyphs the documents need (CJK, Latin, digits, CJK punctuation)', () => {
		const font = fontkit.create(new Uint8Array(ttf))
		expect(font.familyName).toBe('WenQuanYi Micro Hei')
		for (const ch of '安训培训合格证书硝化工艺作业第页共AZaz09：，。（）《》、') expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true)
	})

	it.skipIf(!fs.existsSync(DEFAULT_SOURCE))('is exactly what scripts/extract-font.ts produces from the Debian collection', () => {
		expect(Buffer.compare(extractFace(fs.readFileSync(DEFAULT_SOURCE)), ttf)).toBe(0)
	})

	it('refuses a face the collection does not have', () => {
		const ttc = Buffer.alloc(16)
		ttc.write('ttcf', 0, 'latin1')
		ttc.writeUInt32BE(1, 8)
		expect(() => extractFace(ttc, 3)).toThrow(RangeError)
	})
})
