/**
 * Lesson Markdown → HTML for the lesson reader. Content is reviewed, but the output still goes
 * into the page unescaped, so raw HTML in the Markdown is shown as text and only http(s),
 * mailto and relative links survive. Tables are wrapped in a horizontally scrolling container
 * (`.table-wrap`) so that they never widen a phone screen.
 */
import { Marked, Renderer, type Tokens } from 'marked'

function escapeHtml(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** Absolute http(s)/mailto URLs, or relative ones (path, query, fragment); nothing with another scheme. */
export function isSafeUrl(href: string): boolean {
	const url = href.trim()
	// Browsers ignore tabs/newlines and leading control characters inside a scheme.
	const squeezed = url.replace(/[\u0000-\u0020]/g, '').toLowerCase()
	if (/^(https?:|mailto:)/.test(squeezed)) return true
	return !/^[a-z][a-z0-9+.-]*:/.test(squeezed) && !squeezed.startsWith('//')
}

const lessonMarked = new Marked({
	gfm: true,
	breaks: false,
	renderer: {
		html({ text }: Tokens.HTML | Tokens.Tag) {
			return escapeHtml(text)
		},
		table(token: Tokens.Table) {
			return `<div class="table-wrap">${Renderer.prototype.table.call(this, token)}</div>\n`
		},
		link(token: Tokens.Link) {
			const inner = this.parser.parseInline(token.tokens)
			if (!isSafeUrl(token.href)) return inner
			const title = token.title ? ` title="${escapeHtml(token.title)}"` : ''
			const external = /^https?:/i.test(token.href.trim()) ? ' rel="noopener noreferrer" target="_blank"' : ''
			return `<a href="${escapeHtml(token.href.trim())}"${title}${external}>${inner}</a>`
		},
		image(token: Tokens.Image) {
			if (!isSafeUrl(token.href)) return escapeHtml(token.text)
			const title = token.title ? ` title="${escapeHtml(token.title)}"` : ''
			return `<img src="${escapeHtml(token.href.trim())}" alt="${escapeHtml(token.text)}"${title} loading="lazy">`
		},
	},
})

export function renderLessonHtml(markdown: string): string {
	return lessonMarked.parse(markdown, { async: false })
}
