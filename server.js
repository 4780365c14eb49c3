// Production server: Express around the Remix build. A small file instead of remix-serve because
// we need the client's socket address (sign-in back-off per IP), security headers, a request
// body limit and structured request logs without query strings (they may carry exam codes).
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const PORT = Number(process.env.PORT ?? 3000)
const HOST = process.env.HOST ?? '0.0.0.0'
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 12 * 1024 * 1024)
const quiet = process.env.LOG_LEVEL === 'silent'

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
	if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000')
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
		getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown' }),
	}),
)

app.listen(PORT, HOST, () => {
	if (!quiet) console.log(JSON.stringify({ t: new Date().toISOString(), msg: `Anxun listening on http://localhost:${PORT}` }))
})
