// Production server: Express around the Remix build. A small file instead of remix-serve because
// we need the client's socket address (sign-in back-off per IP), security headers, a request
// body limit and structured request logs without query strings (they may carry exam codes).
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const PORT = Number(process.env.PORT ?? 3000)
const HOST = process.env.HOST ?? '0.0.0.0'
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 12 * 1024 * 1024)
const quiet = process.env.LOG_LEVEL === 'silent'

/**
 * CSRF defence beyond SameSite cookies: a state-changing request from a browser carries an
 * Origin (or at least a Referer) header, which must be this site.
 */
const publicOrigin = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : null
function sameOrigin(req) {
	if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return true
	const own = `${req.protocol}://${req.get('host')}`
	const allowed = (value) => {
		try {
			const origin = new URL(value).origin
			return origin === own || origin === publicOrigin
		} catch {
			return false
		}
	}
	const origin = req.get('origin')
	if (origin) return origin !== 'null' && allowed(origin)
	const referer = req.get('referer')
	if (referer) return allowed(referer)
	return true
}

/**
 * The answer to a body over MAX_BODY_BYTES comes from here, before the app runs, so it reads the
 * app's own translations: the locale cookie (a Remix cookie: base64 JSON) or Accept-Language.
 */
const tooLargeMessages = Object.fromEntries(
	['zh-CN', 'en'].map((lng) => {
		const errors = JSON.parse(readFileSync(new URL(`./app/locales/${lng}/errors.json`, import.meta.url), 'utf8'))
		const common = JSON.parse(readFileSync(new URL(`./app/locales/${lng}/common.json`, import.meta.url), 'utf8'))
		return [lng, { text: errors.payloadTooLarge.replace('{{mb}}', String(Math.floor(MAX_BODY_BYTES / 1048576))), back: common.back }]
	}),
)
function requestLocale(req) {
	const raw = /(?:^|;\s*)lng=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
	try {
		const value = raw ? JSON.parse(Buffer.from(decodeURIComponent(raw), 'base64').toString('utf8')) : null
		if (value === 'en' || value === 'zh-CN') return value
	} catch {
		// not ours
	}
	return /^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh-CN'
}
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
/**
 * A browser shows "connection reset" instead of the answer when the server stops reading an
 * upload half-way, so the rest of a moderately large body is read and discarded first; a body
 * announced as far larger than anyone uploads by mistake is cut off at once.
 */
function payloadTooLarge(req, res) {
	if (req.complete || Number(req.headers['content-length'] ?? 0) > 8 * MAX_BODY_BYTES) {
		if (!req.complete) res.set('Connection', 'close')
		return void sendTooLarge(req, res)
	}
	req.on('end', () => sendTooLarge(req, res))
	req.resume()
}
function sendTooLarge(req, res) {
	const lng = requestLocale(req)
	const m = tooLargeMessages[lng]
	res.status(413)
	if (!(req.headers.accept ?? '').includes('text/html')) return void res.type('text/plain').send(m.text)
	const back = escapeHtml(req.get('referer')?.startsWith(`${req.protocol}://${req.get('host')}/`) ? req.get('referer') : '/')
	res.type('html').send(
		`<!doctype html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>413</title></head>` +
			`<body style="font:16px/1.6 system-ui,sans-serif;margin:0;padding:24px;max-width:40rem"><p>${escapeHtml(m.text)}</p>` +
			`<p><a href="${back}" style="display:inline-block;padding:12px 20px;border:1px solid #0b5cab;border-radius:8px;color:#0b5cab;text-decoration:none">${escapeHtml(m.back)}</a></p></body></html>`,
	)
}

const build = await import('./build/server/index.js')
await build.entry.module.startup?.()

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', process.env.TRUST_PROXY === '1')

app.use((req, res, next) => {
	res.setHeader('X-Content-Type-Options', 'nosniff')
	res.setHeader('Referrer-Policy', 'same-origin')
	res.setHeader('X-Frame-Options', 'DENY')
	res.setHeader('Permissions-Policy', 'camera=(self), geolocation=(), microphone=()')
	if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000')
	const nonce = randomBytes(16).toString('base64')
	res.locals.cspNonce = nonce
	res.setHeader(
		'Content-Security-Policy',
		[
			"default-src 'self'",
			`script-src 'self' 'nonce-${nonce}'`,
			"style-src 'self' 'unsafe-inline'",
			"img-src 'self' data: blob:",
			"connect-src 'self'",
			"font-src 'self'",
			"object-src 'none'",
			"base-uri 'self'",
			"form-action 'self'",
			"frame-ancestors 'none'",
		].join('; '),
	)
	if (!sameOrigin(req)) {
		res.status(403).type('text/plain').send('Cross-site request refused')
		return
	}
	const len = Number(req.headers['content-length'] ?? 0)
	if (len > MAX_BODY_BYTES) {
		payloadTooLarge(req, res)
		return
	}
	const start = process.hrtime.bigint()
	res.on('finish', () => {
		if (quiet) return
		const ms = Number(process.hrtime.bigint() - start) / 1e6
		process.stdout.write(
			JSON.stringify({ t: new Date().toISOString(), method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }) + '\n',
		)
	})
	next()
})

/**
 * Hot resource routes, called straight from here: on an exam day a thousand phones each save an
 * answer every few seconds. Remix would match the URL against every route of the app twice per
 * request (a third of a save's CPU time with ~90 routes, npm run bench:exam); the route module's
 * action is the same function Remix would call, with the same arguments, and still does all of
 * the parsing, authorization and domain work. Only resource routes (no UI) belong here.
 */
const HOT_RESOURCE_ROUTES = ['routes/exam.$attemptId.save']
const loadContext = (req, res) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown', cspNonce: res.locals.cspNonce })
for (const id of HOT_RESOURCE_ROUTES) {
	const route = build.routes[id]
	if (!route?.path || typeof route.module.action !== 'function') throw new Error(`hot route ${id} is missing from the build`)
	app.post(`/${route.path}`, async (req, res) => {
		const controller = new AbortController()
		res.on('close', () => !res.writableFinished && controller.abort())
		let request
		try {
			const chunks = []
			let size = 0
			for await (const chunk of req) {
				size += chunk.length
				if (size <= MAX_BODY_BYTES) chunks.push(chunk)
			}
			if (size > MAX_BODY_BYTES) return void payloadTooLarge(req, res)
			const headers = new Headers()
			for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v)
			request = new Request(`${req.protocol}://${req.get('host')}${req.originalUrl}`, { method: 'POST', headers, body: Buffer.concat(chunks), signal: controller.signal })
			let response
			try {
				response = await route.module.action({ request, params: { ...req.params }, context: loadContext(req, res) })
			} catch (thrown) {
				if (!(thrown instanceof Response)) throw thrown
				response = thrown
			}
			res.status(response.status)
			for (const [k, v] of response.headers) res.append(k, v)
			res.end(Buffer.from(await response.arrayBuffer()))
		} catch (error) {
			if (request) build.entry.module.handleError?.(error, { request, params: req.params, context: loadContext(req, res) })
			if (res.headersSent) return void res.end()
			res.status(500).type('text/plain').send('Internal Server Error')
		}
	})
}

// After the hot routes: their answers are a few bytes of JSON, not worth compressing.
app.use(compression())

app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
app.use(express.static('build/client', { maxAge: '1h' }))

app.all(
	'*',
	createRequestHandler({
		build,
		getLoadContext: loadContext,
	}),
)

// A deep accept queue: on an exam day a thousand phones connect within seconds; with Node's
// default (511) the kernel drops connections while the event loop is busy (npm run bench:exam).
const BACKLOG = Number(process.env.LISTEN_BACKLOG ?? 4096)

app.listen(PORT, HOST, BACKLOG, () => {
	if (!quiet) console.log(JSON.stringify({ t: new Date().toISOString(), msg: `Anxun listening on http://localhost:${PORT}` }))
})
