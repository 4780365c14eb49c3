import { DEVICE_COOKIE } from '~/domain/inspections.server.ts'
import { getEnv } from './env.server.ts'

/** The device secret a spot-check code was bound to on this phone (path /c, HttpOnly). */
export function readDeviceSecret(request: Request): string | null {
	for (const part of (request.headers.get('cookie') ?? '').split(/;\s*/)) {
		const eq = part.indexOf('=')
		if (eq > 0 && part.slice(0, eq) === DEVICE_COOKIE) {
			const v = part.slice(eq + 1)
			return /^[A-Za-z0-9_-]{20,64}$/.test(v) ? v : null
		}
	}
	return null
}

export function deviceCookie(request: Request, secret: string): string {
	const parts = [`${DEVICE_COOKIE}=${secret}`, 'Path=/c', 'HttpOnly', 'SameSite=Lax', `Max-Age=${12 * 3600}`]
	const setting = getEnv().COOKIE_SECURE
	const secure = setting === 'auto' ? new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https' : setting === 'true'
	if (secure) parts.push('Secure')
	return parts.join('; ')
}
