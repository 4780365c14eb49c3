/**
 * PDF checks for tests: text through pdftotext, pages rendered through pdftoppm (poppler-utils),
 * QR codes decoded from the rendered pixels with jsQR. Rendering matters: a font that subsets
 * badly still extracts as text but draws garbage, so tests look at the picture too.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

function withTempDir<T>(fn: (dir: string) => T): T {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anxun-pdf-'))
	try {
		return fn(dir)
	} finally {
		fs.rmSync(dir, { recursive: true, force: true })
	}
}

export function pdfText(pdf: Uint8Array, opts: { layout?: boolean } = {}): string {
	return execFileSync('pdftotext', [...(opts.layout ? ['-layout'] : []), '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString('utf8')
}

export function pdfInfo(pdf: Uint8Array): Record<string, string> {
	const out = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8')
	return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]))
}

export type RenderedPage = { png: Buffer; width: number; height: number; data: Buffer }

/** Every page as PNG at `dpi`; pdftoppm exits non-zero on a PDF it cannot render. */
export function renderPages(pdf: Uint8Array, dpi = 100): RenderedPage[] {
	return withTempDir((dir) => {
		const file = path.join(dir, 'doc.pdf')
		fs.writeFileSync(file, pdf)
		const stderr = execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, path.join(dir, 'page')], { stdio: ['ignore', 'pipe', 'pipe'] })
		void stderr
		return fs
			.readdirSync(dir)
			.filter((f) => f.endsWith('.png'))
			.sort()
			.map((f) => {
				const png = fs.readFileSync(path.join(dir, f))
				const img = PNG.sync.read(png)
				return { png, width: img.width, height: img.height, data: img.data }
			})
	})
}

/** Share of pixels that are not (near) white: a blank or broken page has almost none. */
export function inkRatio(page: RenderedPage): number {
	let ink = 0
	for (let i = 0; i < page.data.length; i += 4) if (page.data[i]! < 200 || page.data[i + 1]! < 200 || page.data[i + 2]! < 200) ink++
	return ink / (page.width * page.height)
}

/** Ink in a rectangle given as fractions of the page (x, y from the top-left). */
export function inkIn(page: RenderedPage, box: { x: number; y: number; w: number; h: number }): number {
	const x0 = Math.floor(box.x * page.width)
	const y0 = Math.floor(box.y * page.height)
	const x1 = Math.floor((box.x + box.w) * page.width)
	const y1 = Math.floor((box.y + box.h) * page.height)
	let ink = 0
	for (let y = y0; y < y1; y++)
		for (let x = x0; x < x1; x++) {
			const i = (y * page.width + x) * 4
			if (page.data[i]! < 160) ink++
		}
	return ink / Math.max(1, (x1 - x0) * (y1 - y0))
}

export function decodeQr(page: RenderedPage): string | null {
	const result = jsQR(new Uint8ClampedArray(page.data.buffer, page.data.byteOffset, page.data.byteLength), page.width, page.height)
	return result?.data ?? null
}
