import QRCode from 'qrcode'
import { rgb, type PDFPage, type RGB } from 'pdf-lib'
import { COLORS } from './engine.server.ts'

/**
 * Draw a QR code as vector squares (crisp at any zoom, a few hundred bytes), with the standard
 * four-module quiet zone included in `size`. Dark modules of a row are merged into runs.
 */
export function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number, color: RGB = COLORS.ink): void {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
	const n = qr.modules.size
	const quiet = 4
	const cell = size / (n + 2 * quiet)
	page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) })
	for (let r = 0; r < n; r++) {
		let c = 0
		while (c < n) {
			if (!qr.modules.get(r, c)) {
				c++
				continue
			}
			const start = c
			while (c < n && qr.modules.get(r, c)) c++
			page.drawRectangle({
				x: x + (quiet + start) * cell,
				// PDF y grows upwards; QR row 0 is the top row.
				y: y + size - (quiet + r + 1) * cell,
				width: (c - start) * cell,
				height: cell,
				color,
			})
		}
	}
}
