/** Lesson Markdown → HTML: raw HTML escaped, unsafe links dropped, tables scroll. */
import { describe, expect, test } from 'vitest'

import { isSafeUrl, renderLessonHtml } from '../../app/domain/content/render.server.ts'

describe('renderLessonHtml', () => {
	test('headings, lists and emphasis', () => {
		expect(renderLessonHtml('## 动火作业\n\n- **先分析**，后动火\n- 监护人不得离开')).toBe(
			'<h2>动火作业</h2>\n<ul>\n<li><strong>先分析</strong>，后动火</li>\n<li>监护人不得离开</li>\n</ul>\n',
		)
	})

	test('raw HTML is shown as text, never executed', () => {
		const html = renderLessonHtml('<script>alert(1)</script>\n\n正文 <img src=x onerror=alert(1)> <b>粗</b>')
		expect(html).not.toMatch(/<script|<img|<b>/)
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
	})

	test('tables are wrapped in a horizontally scrolling container', () => {
		const html = renderLessonHtml('| 级别 | 有效期 |\n|---|---|\n| 特级 | 8 h |')
		expect(html.startsWith('<div class="table-wrap"><table>')).toBe(true)
		expect(html.trimEnd().endsWith('</table>\n</div>')).toBe(true)
		expect(html).toContain('<td>特级</td>')
	})

	test('only http(s), mailto and relative links are kept', () => {
		const html = renderLessonHtml('[a](https://www.mem.gov.cn/) [b](javascript:alert(1)) [c](/learning) [d](data:text/html,x) ![e](vbscript:x) ![f](/img/a.png)')
		expect(html).toContain('<a href="https://www.mem.gov.cn/" rel="noopener noreferrer" target="_blank">a</a>')
		expect(html).toContain(' b ')
		expect(html).not.toMatch(/javascript:|data:|vbscript:/)
		expect(html).toContain('<a href="/learning">c</a>')
		expect(html).toContain('<img src="/img/a.png" alt="f" loading="lazy">')
	})

	test.each([
		['https://a.b/c', true],
		['HTTP://a.b', true],
		['mailto:a@b.c', true],
		['/x/y?z=1#w', true],
		['#anchor', true],
		['java\nscript:alert(1)', false],
		[' javascript:alert(1)', false],
		['//evil.example/x', false],
		['data:text/html,hi', false],
	])('isSafeUrl(%j) = %s', (url, safe) => {
		expect(isSafeUrl(url)).toBe(safe)
	})

	test('every shipped lesson renders without raw HTML', async () => {
		const { loadContent } = await import('../../app/domain/content/load.ts')
		const load = loadContent('content')
		for (const lesson of load.packs.flatMap((p) => p.lessons)) {
			const html = renderLessonHtml(lesson.body)
			expect(html.length, lesson.file).toBeGreaterThan(lesson.body.length / 2)
			expect(html, lesson.file).not.toMatch(/<script|<iframe|<style/)
		}
	})
})
