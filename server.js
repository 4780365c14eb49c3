// Production server: Express around the Remix build. A small file instead of remix-serve because
// we need the client's socket address (sign-in back-off per IP), security headers, a request
// body limit and structured request logs without query strings (they may carry exam codes).
import { randomBytes } from 'node:crypto'
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

const build = await import('./build/server/index.js')
await build.entry.module.startup?.()

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', process.env.TRUST_PROXY === '1')
app.use(compression())

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
		res.status(413).type('text/plain').send('Payload too large')
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

app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
app.use(express.static('build/client', { maxAge: '1h' }))

app.all(
	'*',
	createRequestHandler({
		build,
		getLoadContext: (req, res) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown', cspNonce: res.locals.cspNonce }),
	}),
)

app.listen(PORT, HOST, () => {
	if (!quiet) console.log(JSON.stringify({ t: new Date().toISOString(), msg: `Anxun listening on http://localhost:${PORT}` }))
})
