import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { createInstance } from 'i18next'
import { i18nConfig } from './i18n.ts'
import { ensureDbReady } from './utils/db.server.ts'
import { startExpirySweep } from './domain/exam/attempts.server.ts'
import { ensureDefaultBlueprints } from './domain/exam/blueprints.server.ts'
import { getEnv } from './utils/env.server.ts'
import { getLocale, getResources, namespaces } from './utils/i18n.server.ts'
import { NonceProvider } from './utils/nonce.tsx'

export const streamTimeout = 5000

/** Called once by server.js before it listens: fail fast on bad configuration. */
export async function startup() {
	getEnv()
	await ensureDbReady()
	// Exam engine (issue 4): shipped blueprints exist; overdue papers close even when nobody looks.
	await ensureDefaultBlueprints()
	startExpirySweep()
}

export default async function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	const nonce = loadContext.cspNonce ?? ''
	await ensureDbReady()
	const locale = await getLocale(request)
	const i18n = createInstance()
	await i18n.init({ ...i18nConfig, lng: locale, ns: namespaces, resources: { [locale]: getResources(locale) } })

	const waitForAll = isbot(request.headers.get('user-agent') ?? '')
	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<I18nextProvider i18n={i18n}>
					<RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
				</I18nextProvider>
			</NonceProvider>,
			{
				nonce,
				[waitForAll ? 'onAllReady' : 'onShellReady']() {
					shellRendered = true
					const body = new PassThrough()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					resolve(
						new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
					)
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					if (shellRendered) console.error(error)
				},
			},
		)
		setTimeout(abort, streamTimeout + 1000)
	})
}

export function handleError(error: unknown, { request }: { request: Request }) {
	if (request.signal.aborted) return
	console.error(JSON.stringify({ t: new Date().toISOString(), level: 'error', path: new URL(request.url).pathname, error: error instanceof Error ? error.stack : String(error) }))
}
