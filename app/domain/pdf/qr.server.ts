import QRCode from 'qrcode'
import { rgb, type PDFPage, type RGB } from 'pdf-lib'
import { COLORS } from './engine.server.ts'

/**
 * Draw a QR code as vector squares (crisp at any zoom), with the standard four-module quiet
 * zone included in `size`. Dark modules of a row are merged into runs, and all runs form one
 * path, so the code costs a few kilobytes at most.
 */
export function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number, color: RGB = COLORS.ink): void {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
	const n = qr.modules.size
	const quiet = 4
	const cell = size / (n + 2 * quiet)
	page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) })
	let path = ''
	for (let r = 0; r < n; r++) {
		let c = 0
		while (c < n) {
			if (!qr.modules.get(r, c)) {
				c++
				continue
			}
			const start = c
			while (c < n && qr.modules.get(r, c)) c++
			// SVG coordinates: y grows downwards from the top-left of the symbol, in module units.
			path += `M${quiet + start} ${quiet + r}h${c - start}v1h${start - c}z`
		}
	}
	page.drawSvgPath(path, { x, y: y + size, scale: cell, color, borderWidth: 0 })
}
