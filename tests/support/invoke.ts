/**
 * Call a route loader/action the way Remix would, with any body (form fields, a raw body of any
 * content type, or none). Never throws: a thrown Response is its status; a thrown anything else
 * is what Remix would answer with a 500, so it is reported as `crash`.
 */
import type { RouteFn } from './route-table.ts'

export type Body =
	| { kind: 'form'; fields: [string, string][] }
	| { kind: 'multipart'; fields: [string, string | Blob][] }
	| { kind: 'raw'; body: string | null; contentType: string | null }

export type Outcome = {
	status: number
	/** Text of a Response body or JSON of returned data (to look for data that must not leak). */
	text: string
	data: unknown
	location: string | null
	crash?: unknown
}

export async function invoke(
	fn: RouteFn,
	opts: { url: string; method?: string; cookie?: string; params?: Record<string, string>; body?: Body; clientIp?: string },
): Promise<Outcome> {
	const headers = new Headers()
	if (opts.cookie) headers.set('cookie', opts.cookie)
	let body: BodyInit | undefined
	const b = opts.body
	if (b?.kind === 'form') {
		body = new URLSearchParams(b.fields)
		headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8')
	} else if (b?.kind === 'multipart') {
		const fd = new FormData()
		for (const [k, v] of b.fields) fd.append(k, v)
		body = fd
	} else if (b?.kind === 'raw') {
		if (b.body !== null) body = b.body
		if (b.contentType) headers.set('content-type', b.contentType)
	}
	const method = opts.method ?? (b ? 'POST' : 'GET')
	const request = new Request(new URL(opts.url, 'http://localhost'), { method, headers, body })
	if (b?.kind === 'raw' && !b.contentType) request.headers.delete('content-type')
	try {
		const out = await fn({ request, params: opts.params ?? {}, context: { clientIp: opts.clientIp ?? `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, cspNonce: 'test' } })
		return await describe(out)
	} catch (e) {
		if (e instanceof Response) return describe(e)
		return { status: 500, text: String((e as Error)?.stack ?? e), data: null, location: null, crash: e }
	}
}

async function describe(out: unknown): Promise<Outcome> {
	if (out instanceof Response) {
		let text = ''
		try {
			const buf = await out.arrayBuffer()
			const ct = out.headers.get('content-type') ?? ''
			text = /json|text|html|csv|xml/.test(ct) || !ct ? new TextDecoder().decode(buf) : `<${ct} ${buf.byteLength} bytes>`
		} catch {
			text = ''
		}
		let data: unknown = null
		if ((out.headers.get('content-type') ?? '').includes('json')) {
			try {
				data = JSON.parse(text)
			} catch {
				data = null
			}
		}
		return { status: out.status, text, data, location: out.headers.get('location') }
	}
	if (out && typeof out === 'object' && (out as { type?: string }).type === 'DataWithResponseInit') {
		const d = out as unknown as { data: unknown; init: ResponseInit | null }
		const h = new Headers(d.init?.headers)
		return { status: d.init?.status ?? 200, text: safeJson(d.data), data: d.data, location: h.get('location') }
	}
	return { status: 200, text: safeJson(out), data: out, location: null }
}

function safeJson(v: unknown): string {
	try {
		return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)) ?? ''
	} catch {
		return String(v)
	}
}

/** Data shaped like a refusal: `{ ok: false }`, field or form errors. */
export function looksLikeFailure(data: unknown): boolean {
	if (!data || typeof data !== 'object') return false
	const d = data as Record<string, unknown>
	if (d.ok === false) return true
	if (d.fieldErrors && typeof d.fieldErrors === 'object' && Object.keys(d.fieldErrors as object).length) return true
	if (Array.isArray(d.formErrors) && d.formErrors.length) return true
	return false
}
