import { createCookie } from '@remix-run/node'
import type { Msg } from './forms.ts'

const flashCookie = createCookie('anxun_flash', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 })

/** Headers that carry a one-time message to the next page (a "toast" that works without JS). */
export async function flashHeaders(msg: Msg, init?: HeadersInit): Promise<Headers> {
	const headers = new Headers(init)
	headers.append('Set-Cookie', await flashCookie.serialize(msg))
	return headers
}

export async function readFlash(request: Request): Promise<{ msg: Msg | null; headers: Headers }> {
	const value = await flashCookie.parse(request.headers.get('cookie'))
	const headers = new Headers()
	if (!value) return { msg: null, headers }
	headers.append('Set-Cookie', await flashCookie.serialize('', { maxAge: 0 }))
	const ok =
		value && typeof value === 'object' && typeof value.key === 'string' && /^[a-z]+:[\w.]+$/i.test(value.key)
	return { msg: ok ? (value as Msg) : null, headers }
}
