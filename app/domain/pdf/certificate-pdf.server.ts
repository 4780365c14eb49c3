import { degrees } from 'pdf-lib'
import type { CertificateState } from '../certificates.ts'
import { verifyUrl } from '../certificates.ts'
import { maskIdCard } from '../identifiers.ts'
import { formatDate, startOfShanghaiDay } from '../time.ts'
import { A4, COLORS, PdfBuilder, type PdfMeta } from './engine.server.ts'
import { drawQrCode } from './qr.server.ts'

export type CertificateForPdf = {
	serial: string
	verifyCode: string
	holderName: string
	enterpriseName: string
	hours: number
	score: number | null
	issuedAt: Date
	validUntil: string
	state: CertificateState
	revokedAt: Date | null
	person: { idCard: string | null }
	packVersion: { titleZh: string; titleEn: string; declaredVersion: number; edition: string }
}

function fmtNumber(n: number): string {
	return Number.isInteger(n) ? String(n) : n.toFixed(1)
}

/** A one-page A4 training certificate with a QR code that opens the public verify page. */
export async function renderCertificatePdf(cert: CertificateForPdf, opts: Omit<PdfMeta, 'title' | 'enterpriseName'> & { origin: string }): Promise<Uint8Array> {
	const { t, locale } = opts
	const title = t('pdf:certificate.title')
	const b = await PdfBuilder.create({ ...opts, title: `${title} ${cert.serial}`, enterpriseName: cert.enterpriseName, subject: t('pdf:certificate.subject') }, { chrome: false })
	const page = b.page
	const [W, H] = A4
	page.drawRectangle({ x: 26, y: 26, width: W - 52, height: H - 52, borderColor: COLORS.blue, borderWidth: 2.2 })
	page.drawRectangle({ x: 33, y: 33, width: W - 66, height: H - 66, borderColor: COLORS.blue, borderWidth: 0.6 })

	let top = H - 78
	b.drawAligned(cert.enterpriseName, top, 13, 'center', { color: COLORS.muted })
	top -= 50
	b.drawAligned(title, top, 32, 'center', { color: COLORS.blue })
	top -= 52
	b.drawAligned(t('pdf:certificate.serial', { serial: cert.serial }), top, 10.5, 'center', { color: COLORS.muted })
	top -= 44

	const packTitle = locale === 'en' ? cert.packVersion.titleEn : cert.packVersion.titleZh
	const body = t('pdf:certificate.body', {
		name: cert.holderName,
		date: formatDate(cert.issuedAt, locale),
		pack: packTitle,
		version: cert.packVersion.declaredVersion,
		hours: fmtNumber(cert.hours),
	})
	const bodySize = 14
	const indent = locale === 'en' ? 0 : bodySize * 2
	const x0 = b.left + 18
	const bw = b.width - 36
	b.wrap(body, bodySize, bw - indent).forEach((line, i) => {
		b.drawLine(line, x0 + (i === 0 ? indent : 0), top, bodySize)
		top -= bodySize * 2
	})
	top -= 16

	b.y = top
	const facts: [string, string][] = [
		[t('pdf:certificate.holder'), cert.holderName],
		[t('pdf:certificate.idCard'), cert.person.idCard ? maskIdCard(cert.person.idCard) : t('pdf:none')],
		[t('pdf:certificate.enterprise'), cert.enterpriseName],
		[t('pdf:certificate.pack'), packTitle],
		[t('pdf:certificate.version'), t('pdf:certificate.versionValue', { version: cert.packVersion.declaredVersion, edition: cert.packVersion.edition })],
		[t('pdf:certificate.hours'), t('pdf:hoursValue', { hours: fmtNumber(cert.hours) })],
		[t('pdf:certificate.score'), cert.score === null ? t('pdf:none') : fmtNumber(cert.score)],
		[t('pdf:certificate.issued'), formatDate(cert.issuedAt, locale)],
		[t('pdf:certificate.validUntil'), formatDate(startOfShanghaiDay(cert.validUntil), locale)],
		[t('pdf:certificate.status'), t(`pdf:certificate.state.${cert.state}`)],
	]
	b.facts(facts, { columns: 1, labelWidth: 110, size: 11, indent: 18 })

	// Bottom band: issuer and seal on the left, QR on the right.
	const qrSize = 118
	const qrX = W - b.margin.right - qrSize - 6
	const qrY = 118
	const url = verifyUrl(opts.origin, cert.verifyCode)
	drawQrCode(page, url, qrX, qrY, qrSize)
	b.drawAligned(t('pdf:certificate.scan'), qrY - 6, 9, 'center', { x: qrX - 20, width: qrSize + 40, color: COLORS.muted })
	// Origin and code on separate lines, so the code is never split.
	const urlLines = [...b.wrap(url.slice(0, url.length - cert.verifyCode.length), 6.5, qrSize + 60), cert.verifyCode]
	urlLines.forEach((l, i) => b.drawAligned(l, qrY - 20 - i * 8.5, 6.5, 'center', { x: qrX - 30, width: qrSize + 60, color: COLORS.muted }))

	const sealX = b.left + 18
	b.drawLine(t('pdf:certificate.issuer', { enterprise: cert.enterpriseName }), sealX, qrY + 78, 11)
	b.drawLine(t('pdf:certificate.seal'), sealX, qrY + 54, 11, COLORS.muted)
	b.drawLine(formatDate(cert.issuedAt, locale), sealX, qrY + 30, 11)
	b.drawLine(t('pdf:certificate.note'), sealX, qrY - 6, 8, COLORS.muted)

	if (cert.state !== 'VALID') {
		// A stamp across the free band between the facts and the seal.
		const stamp = t(`pdf:certificate.state.${cert.state}`)
		const size = 36
		const w = b.textWidth(stamp, size)
		const sy = Math.min(b.y - 40, 290)
		page.drawText(stamp, { x: W / 2 - w / 2, y: sy, size, font: b.font, color: COLORS.red, rotate: degrees(8), opacity: 0.6 })
		if (cert.revokedAt) {
			const line = t('pdf:certificate.revokedOn', { date: formatDate(cert.revokedAt, locale) })
			page.drawText(line, { x: W / 2 - b.textWidth(line, 11) / 2, y: sy - 24, size: 11, font: b.font, color: COLORS.red, rotate: degrees(8), opacity: 0.75 })
		}
	}
	return b.finish()
}
