import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseForm } from '~/utils/forms.ts'

const schema = z.object({ name: z.string().trim().min(1).max(50), note: z.string().max(200).default('') })

function form(entries: [string, string][]) {
	const f = new FormData()
	for (const [k, v] of entries) f.append(k, v)
	return f
}

describe('parseForm refuses control characters (bad-input sweep, issue 8)', () => {
	it.each([
		['NUL', 'a\u0000b'],
		['escape sequence', '\u001b[2Jname'],
		['bell', 'x\u0007'],
		['DEL', 'x\u007f'],
		['C1', 'x\u0085'],
		['right-to-left override', '张\u202e三'],
		['isolate', '\u2066x\u2069'],
	])('%s in a field → that field fails with errors:controlCharacters', (_label, value) => {
		const r = parseForm(schema, form([['name', value]]))
		expect(r.ok).toBe(false)
		if (!r.ok) expect(r.fieldErrors.name).toEqual([{ key: 'errors:controlCharacters' }])
	})

	it('keeps the schema’s own errors for the other fields', () => {
		const r = parseForm(schema, form([['note', 'x\u0000']]))
		expect(r.ok).toBe(false)
		if (!r.ok) {
			expect(r.fieldErrors.note).toEqual([{ key: 'errors:controlCharacters' }])
			expect(r.fieldErrors.name?.[0]?.key).toBe('errors:required')
		}
	})

	it('tabs, line breaks, Chinese text and emoji are fine', () => {
		const r = parseForm(schema, form([['name', '张三 🙂'], ['note', '第一行\r\n第二行\t完']]))
		expect(r).toEqual({ ok: true, data: { name: '张三 🙂', note: '第一行\r\n第二行\t完' } })
	})

	it('works on query strings too', () => {
		expect(parseForm(schema, new URLSearchParams('name=a%00b')).ok).toBe(false)
	})
})
