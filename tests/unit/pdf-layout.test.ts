import { describe, expect, it } from 'vitest'
import { columnWidths, isCjkChar, tokenize, wrapText } from '~/domain/pdf/layout.ts'
import { contentDisposition, safeFileName } from '~/utils/download.ts'

// A monospace stand-in for font metrics: CJK 2 units, everything else 1.
const measure = (s: string) => Array.from(s).reduce((w, ch) => w + (isCjkChar(ch) ? 2 : 1), 0)

describe('wrapText', () => {
	it.each([
		['empty', '', 10, ['']],
		['fits', '安全培训', 10, ['安全培训']],
		['Chinese breaks between any two characters', '危险化学品安全作业', 8, ['危险化学', '品安全作', '业']],
		['Latin breaks at spaces', 'the quick brown fox', 10, ['the quick', 'brown fox']],
		['a word longer than the line is split', 'abcdefghijkl', 5, ['abcde', 'fghij', 'kl']],
		['mixed: a Latin word is not split inside Chinese', '培训ABC课程', 6, ['培训', 'ABC课', '程']],
		['explicit newlines are kept', '第一行\n第二行', 20, ['第一行', '第二行']],
		['an empty line in the middle stays', 'a\n\nb', 5, ['a', '', 'b']],
		['closing punctuation never starts a line: its neighbour moves down with it', '培训合格，特发此证', 8, ['培训合', '格，特发', '此证']],
		['opening punctuation never ends a line', '完成《硝化》培训', 6, ['完成', '《硝', '化》培', '训']],
		['times and numbers stay whole', '已完成 · 2026-09-22 17:00', 18, ['已完成 ·', '2026-09-22 17:00']],
	])('%s', (_name, text, width, lines) => {
		expect(wrapText(text, width, measure)).toEqual(lines)
	})

	it('no line exceeds the width except by one glued punctuation mark', () => {
		const text = '依据《生产经营单位安全培训规定》，危险化学品生产经营单位主要负责人和安全生产管理人员初次安全培训时间不得少于48学时，每年再培训时间不得少于16学时。Training hours are counted per calendar year.'
		for (const w of [7, 10, 13, 20, 31]) {
			const lines = wrapText(text, w, measure)
			expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''))
			for (const l of lines) expect(measure(l)).toBeLessThanOrEqual(w + 2)
		}
	})

	it('tokenize glues closing marks to the left and opening marks to the right', () => {
		expect(tokenize('甲（乙）。').map((t) => t.text)).toEqual(['甲', '（乙）。'])
	})
})

describe('columnWidths', () => {
	it('mixes fixed points and fractions to fill the width', () => {
		expect(columnWidths([100, 0.5, 0.5], 500)).toEqual([100, 200, 200])
		expect(columnWidths([0.2, 0.3, 0.5], 100)).toEqual([20, 30, 50])
	})
})

describe('contentDisposition', () => {
	it('gives an ASCII fallback and the UTF-8 name (RFC 5987)', () => {
		expect(contentDisposition('一人一档-刘海波.pdf', 'archive-1.pdf')).toBe(
			`attachment; filename="archive-1.pdf"; filename*=UTF-8''%E4%B8%80%E4%BA%BA%E4%B8%80%E6%A1%A3-%E5%88%98%E6%B5%B7%E6%B3%A2.pdf`,
		)
	})
	it('derives a fallback when none is given, never an empty name', () => {
		expect(contentDisposition('证书 AX-2026-000001.pdf')).toMatch(/^attachment; filename="_ AX-2026-000001\.pdf"; filename\*=UTF-8''/)
		expect(contentDisposition('证书.pdf')).toMatch(/^attachment; filename="download\.pdf"/)
	})
	it('cannot be used to inject header parameters or paths', () => {
		const h = contentDisposition('a"; filename=evil.exe\r\n/../x.pdf')
		expect(h).not.toMatch(/[\r\n]/)
		expect(h.split('; ')).toHaveLength(3)
		expect(safeFileName('../../etc/passwd')).toBe('.._.._etc_passwd')
	})
})
