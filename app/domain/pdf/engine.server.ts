/**
 * The PDF engine: A4 pages with a running header (enterprise name, document title), a footer
 * (generated-at time in Shanghai, "第 x 页 / 共 y 页") and flowing blocks — headings,
 * paragraphs, label/value facts, tables that repeat their header across pages, signature lines.
 * Everything is drawn with one embedded, subset CJK font; documents are built in memory.
 */
import type { TFunction } from 'i18next'
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib'
import type { Locale } from '~/i18n.ts'
import { formatDateTime } from '../time.ts'
import { fontBytes, sharedFontkit } from './font.server.ts'
import { columnWidths, wrapText } from './layout.ts'

export const A4: [number, number] = [595.28, 841.89]

export const COLORS = {
	ink: rgb(0.12, 0.16, 0.2),
	muted: rgb(0.42, 0.47, 0.52),
	line: rgb(0.8, 0.83, 0.87),
	fill: rgb(0.94, 0.95, 0.97),
	blue: rgb(0.106, 0.373, 0.682),
	red: rgb(0.75, 0.16, 0.12),
	green: rgb(0.12, 0.5, 0.25),
	amber: rgb(0.66, 0.42, 0.02),
}

export type PdfMeta = {
	/** Running header title and PDF metadata title. */
	title: string
	enterpriseName: string
	locale: Locale
	t: TFunction
	generatedAt: Date
	subject?: string
}

export type Column = { header: string; width: number; align?: 'left' | 'right' | 'center' }

type TextOpts = { size?: number; color?: RGB; indent?: number; align?: 'left' | 'center' | 'right'; gapAfter?: number; lineHeight?: number }

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g

function clean(text: string): string {
	return text.replace(CONTROL, '').replace(/\t/g, ' ')
}

export class PdfBuilder {
	readonly margin = { top: 70, bottom: 62, left: 56, right: 56 }
	page!: PDFPage
	/** Baseline cursor: the top of the next block, in points from the bottom. */
	y = 0
	private readonly chromeless = new Set<PDFPage>()

	private constructor(
		readonly doc: PDFDocument,
		readonly font: PDFFont,
		readonly meta: PdfMeta,
	) {}

	/** `chrome: false` leaves the running header off the first page (a certificate draws its own). */
	static async create(meta: PdfMeta, first: { chrome?: boolean } = {}): Promise<PdfBuilder> {
		const doc = await PDFDocument.create()
		doc.registerFontkit(sharedFontkit)
		const font = await doc.embedFont(fontBytes(), { subset: true })
		doc.setTitle(meta.title, { showInWindowTitleBar: true })
		doc.setAuthor(meta.enterpriseName)
		doc.setCreator('安训 Anxun')
		doc.setProducer('安训 Anxun (pdf-lib)')
		doc.setLanguage(meta.locale)
		doc.setCreationDate(meta.generatedAt)
		doc.setModificationDate(meta.generatedAt)
		if (meta.subject) doc.setSubject(meta.subject)
		const b = new PdfBuilder(doc, font, meta)
		b.newPage(first)
		return b
	}

	get t(): TFunction {
		return this.meta.t
	}

	get width(): number {
		return A4[0] - this.margin.left - this.margin.right
	}

	get left(): number {
		return this.margin.left
	}

	get right(): number {
		return A4[0] - this.margin.right
	}

	textWidth(text: string, size: number): number {
		return this.font.widthOfTextAtSize(clean(text), size)
	}

	wrap(text: string, size: number, maxWidth: number): string[] {
		return wrapText(clean(text), maxWidth, (s) => this.font.widthOfTextAtSize(s, size))
	}

	/** A new page; `chrome: false` leaves out the running header (the footer is always drawn). */
	newPage(opts: { chrome?: boolean } = {}): PDFPage {
		this.page = this.doc.addPage(A4)
		if (opts.chrome === false) this.chromeless.add(this.page)
		this.y = A4[1] - this.margin.top
		return this.page
	}

	/** Start a new page unless `height` points still fit above the bottom margin. */
	ensure(height: number): void {
		if (this.y - height < this.margin.bottom) this.newPage()
	}

	space(points: number): void {
		this.y -= points
	}

	/** Draw one line of text with its top at `top`. */
	drawLine(text: string, x: number, top: number, size: number, color: RGB = COLORS.ink, page: PDFPage = this.page): void {
		// Baseline sits ~0.8 em below the top for this font's ascent.
		page.drawText(clean(text), { x, y: top - size * 0.86, size, font: this.font, color })
	}

	drawAligned(text: string, top: number, size: number, align: 'left' | 'center' | 'right', opts: { x?: number; width?: number; color?: RGB; page?: PDFPage } = {}): void {
		const x0 = opts.x ?? this.left
		const w = opts.width ?? this.width
		const tw = this.textWidth(text, size)
		const x = align === 'center' ? x0 + (w - tw) / 2 : align === 'right' ? x0 + w - tw : x0
		this.drawLine(text, x, top, size, opts.color, opts.page)
	}

	heading(text: string, level: 1 | 2 | 3 = 2): void {
		const size = level === 1 ? 18 : level === 2 ? 13.5 : 11.5
		const before = level === 1 ? 0 : level === 2 ? 12 : 8
		const lines = this.wrap(text, size, this.width)
		// Keep a heading with what follows: a sub-heading and a couple of lines, or a table header and row.
		this.ensure(before + lines.length * size * 1.35 + (level === 3 ? 36 : 72))
		this.y -= before
		for (const line of lines) {
			this.drawAligned(line, this.y, size, level === 1 ? 'center' : 'left', { color: level === 1 ? COLORS.ink : COLORS.blue })
			this.y -= size * 1.35
		}
		if (level === 2) {
			this.page.drawLine({ start: { x: this.left, y: this.y + 2 }, end: { x: this.right, y: this.y + 2 }, thickness: 0.6, color: COLORS.line })
			this.y -= 6
		} else this.y -= level === 1 ? 10 : 3
	}

	paragraph(text: string, opts: TextOpts = {}): void {
		const size = opts.size ?? 10.5
		const lh = opts.lineHeight ?? size * 1.5
		const indent = opts.indent ?? 0
		for (const line of this.wrap(text, size, this.width - indent)) {
			this.ensure(lh)
			this.drawAligned(line, this.y, size, opts.align ?? 'left', { x: this.left + indent, width: this.width - indent, color: opts.color })
			this.y -= lh
		}
		this.y -= opts.gapAfter ?? 4
	}

	/** Label/value pairs in two columns of pairs (one column when `columns` is 1). */
	facts(rows: readonly (readonly [string, string])[], opts: { columns?: 1 | 2; labelWidth?: number; size?: number; indent?: number } = {}): void {
		const size = opts.size ?? 10
		const cols = opts.columns ?? 2
		const gutter = 16
		const indent = opts.indent ?? 0
		const colWidth = (this.width - indent - gutter * (cols - 1)) / cols
		const labelWidth = opts.labelWidth ?? Math.min(90, colWidth * 0.38)
		const lh = size * 1.45
		for (let i = 0; i < rows.length; i += cols) {
			const cells = rows.slice(i, i + cols).map(([label, value]) => ({
				label: this.wrap(label, size, labelWidth - 6),
				value: this.wrap(value || '—', size, colWidth - labelWidth),
			}))
			const lines = Math.max(...cells.map((c) => Math.max(c.label.length, c.value.length)))
			const h = lines * lh + 4
			this.ensure(h)
			cells.forEach((c, j) => {
				const x = this.left + indent + j * (colWidth + gutter)
				c.label.forEach((l, k) => this.drawLine(l, x, this.y - k * lh, size, COLORS.muted))
				c.value.forEach((l, k) => this.drawLine(l, x + labelWidth, this.y - k * lh, size))
			})
			this.y -= h
		}
		this.y -= 4
	}

	/**
	 * A table with wrapped cells; the header repeats on every page the table spans. Column
	 * widths are fractions of the content width (or points when > 1).
	 */
	table(columns: readonly Column[], rows: readonly (readonly string[])[], opts: { size?: number; empty?: string } = {}): void {
		const size = opts.size ?? 9
		const pad = 4
		const lh = size * 1.4
		const widths = columnWidths(
			columns.map((c) => c.width),
			this.width,
		)
		const drawRow = (cells: readonly string[], header: boolean) => {
			const wrapped = cells.map((cell, i) => this.wrap(cell ?? '', size, widths[i]! - 2 * pad))
			const maxLines = Math.floor((A4[1] - this.margin.top - this.margin.bottom - 2 * pad) / lh) - 2
			const lines = wrapped.map((w) => (w.length > maxLines ? [...w.slice(0, maxLines - 1), `${w[maxLines - 1] ?? ''}…`] : w))
			const h = Math.max(1, ...lines.map((l) => l.length)) * lh + 2 * pad
			return { lines, h, header }
		}
		const paint = (row: ReturnType<typeof drawRow>) => {
			if (row.header) this.page.drawRectangle({ x: this.left, y: this.y - row.h, width: this.width, height: row.h, color: COLORS.fill })
			let x = this.left
			row.lines.forEach((cellLines, i) => {
				const w = widths[i]!
				const align = columns[i]?.align ?? 'left'
				cellLines.forEach((l, k) =>
					this.drawAligned(l, this.y - pad - k * lh, size, align, { x: x + pad, width: w - 2 * pad, color: row.header ? COLORS.muted : COLORS.ink }),
				)
				x += w
			})
			this.y -= row.h
			this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.right, y: this.y }, thickness: row.header ? 0.8 : 0.4, color: COLORS.line })
		}
		const header = drawRow(
			columns.map((c) => c.header),
			true,
		)
		const body = rows.map((r) => drawRow(r, false))
		if (!body.length) {
			this.ensure(header.h + lh + 8)
			paint(header)
			this.y -= 4
			this.paragraph(opts.empty ?? this.t('pdf:none'), { size, color: COLORS.muted })
			return
		}
		this.ensure(header.h + (body[0]?.h ?? 0))
		paint(header)
		for (const row of body) {
			if (this.y - row.h < this.margin.bottom) {
				this.newPage()
				paint(header)
			}
			paint(row)
		}
		this.y -= 8
	}

	/** Signature lines: "label ____________ 日期 ________" side by side, two per row. */
	signatures(labels: readonly string[]): void {
		const size = 10.5
		const perRow = 2
		const colWidth = this.width / perRow
		this.ensure(Math.ceil(labels.length / perRow) * 44 + 12)
		this.y -= 12
		for (let i = 0; i < labels.length; i += perRow) {
			labels.slice(i, i + perRow).forEach((label, j) => {
				const x = this.left + j * colWidth
				this.drawLine(`${label}：`, x, this.y, size)
				const lx = x + this.textWidth(`${label}：`, size) + 4
				this.page.drawLine({ start: { x: lx, y: this.y - size }, end: { x: x + colWidth - 24, y: this.y - size }, thickness: 0.6, color: COLORS.ink })
				this.drawLine(this.t('pdf:date'), x, this.y - 20, size - 1, COLORS.muted)
				const dx = x + this.textWidth(this.t('pdf:date'), size - 1) + 4
				this.page.drawLine({ start: { x: dx, y: this.y - 20 - size + 1 }, end: { x: x + colWidth - 24, y: this.y - 20 - size + 1 }, thickness: 0.4, color: COLORS.muted })
			})
			this.y -= 44
		}
	}

	async embedPng(png: Uint8Array): Promise<PDFImage> {
		return this.doc.embedPng(png)
	}

	/** Running header and footer on every page, then the bytes. */
	async finish(): Promise<Uint8Array> {
		const pages = this.doc.getPages()
		const { t, locale, generatedAt, enterpriseName, title } = this.meta
		const generated = t('pdf:generatedAt', { at: formatDateTime(generatedAt, locale) })
		pages.forEach((page, i) => {
			if (!this.chromeless.has(page)) {
				const top = A4[1] - 34
				const titleWidth = Math.min(this.textWidth(title, 9), this.width * 0.45)
				const nameLines = this.wrap(enterpriseName, 9, this.width - titleWidth - 16)
				this.drawLine(nameLines[0] ?? '', this.left, top, 9, COLORS.muted, page)
				this.drawAligned(this.wrap(title, 9, this.width * 0.45)[0] ?? '', top, 9, 'right', { color: COLORS.muted, page })
				page.drawLine({ start: { x: this.left, y: top - 15 }, end: { x: this.right, y: top - 15 }, thickness: 0.6, color: COLORS.line })
			}
			const bottom = 40
			page.drawLine({ start: { x: this.left, y: bottom + 6 }, end: { x: this.right, y: bottom + 6 }, thickness: 0.4, color: COLORS.line })
			this.drawLine(generated, this.left, bottom, 8, COLORS.muted, page)
			this.drawAligned(t('pdf:pageOf', { page: i + 1, pages: pages.length }), bottom, 8, 'right', { color: COLORS.muted, page })
		})
		return this.doc.save({ useObjectStreams: true })
	}
}
