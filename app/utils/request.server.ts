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

/**
 * The request's form fields. A body that is no form at all (no or another content type, a broken
 * multipart body) is the client's mistake: 400, never a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
	try {
		return await request.formData()
	} catch (error) {
		if (error instanceof Response) throw error
		throw new Response('Bad request', { status: 400 })
	}
}
