/**
 * File downloads: an RFC 6266 Content-Disposition with an ASCII `filename` for old clients and
 * an RFC 5987 `filename*` carrying the real (often Chinese) name in UTF-8.
 */

/** Characters that are unsafe in a file name on some system or inside a quoted header value. */
const UNSAFE = /[\u0000-\u001f\u007f"\\/:*?<>|]+/g

export function safeFileName(name: string): string {
	const cleaned = name.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim()
	return cleaned.slice(0, 150) || 'download'
}

/** RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded. */
function encodeRfc5987(value: string): string {
	return Array.from(new TextEncoder().encode(value))
		.map((b) => {
			const c = String.fromCharCode(b)
			return /[A-Za-z0-9!#$&+\-.^_`|~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
		})
		.join('')
}

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<encoded>`. The ASCII fallback keeps the
 * extension and replaces every non-ASCII run by one underscore, or uses `asciiFallback`.
 */
export function contentDisposition(fileName: string, asciiFallback?: string): string {
	const name = safeFileName(fileName)
	const ext = /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0] ?? ''
	// Separators too, so that even naive header parsers see one parameter.
	let ascii = safeFileName(asciiFallback ?? name.replace(/[^\x20-\x7e]+/g, '_')).replace(/[;,]/g, '_')
	if (!/[A-Za-z0-9]/.test(ascii.slice(0, ascii.length - ext.length))) ascii = `download${ext}`
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`
}

export const PDF_TYPE = 'application/pdf'
export const ZIP_TYPE = 'application/zip'

/** A finished file as a download response (no caching: these documents hold personal data). */
export function fileResponse(body: Uint8Array | ReadableStream<Uint8Array>, opts: { fileName: string; asciiFallback?: string; contentType: string }): Response {
	const headers = new Headers({
		'Content-Type': opts.contentType,
		'Content-Disposition': contentDisposition(opts.fileName, opts.asciiFallback),
		'Cache-Control': 'private, no-store',
		'X-Content-Type-Options': 'nosniff',
	})
	if (body instanceof Uint8Array) headers.set('Content-Length', String(body.byteLength))
	return new Response(body instanceof Uint8Array ? new Blob([body as Uint8Array<ArrayBuffer>]) : body, { status: 200, headers })
}
