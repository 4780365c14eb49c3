import type { AppLoadContext } from '@remix-run/node'

declare module '@remix-run/node' {
	interface AppLoadContext {
		clientIp?: string
		/** CSP nonce for inline scripts (server.js). */
		cspNonce?: string
	}
}

/** The client's address as the production server saw it (see server.js); "local" in dev. */
export function clientIp(context: AppLoadContext | undefined): string {
	return (context?.clientIp ?? 'local').slice(0, 64)
}
