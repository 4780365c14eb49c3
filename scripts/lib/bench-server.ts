/**
 * For the benchmarks (npm run bench:pages, bench:exam): a fresh temporary database, and the
 * production server (server.js around build/) started on it as a child process, with its peak
 * memory read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { deployMigrations, PROJECT_ROOT } from '../migrate.ts'

export type TempDb = { dir: string; file: string; uploads: string; remove: () => void }

/** A migrated, empty database in a new temporary directory. */
export async function tempDatabase(prefix: string): Promise<TempDb> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `anxun-${prefix}-`))
	const file = path.join(dir, 'bench.db')
	const uploads = path.join(dir, 'uploads')
	fs.mkdirSync(uploads)
	await deployMigrations(file)
	return { dir, file, uploads, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer()
		s.once('error', reject)
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as net.AddressInfo).port
			s.close(() => resolve(port))
		})
	})
}

export type RunningServer = {
	url: string
	pid: number
	/** Peak resident set size so far (VmHWM), in bytes. */
	peakRss: () => number
	/** Current resident set size (VmRSS), in bytes. */
	rss: () => number
	stop: () => Promise<void>
}

function procStatus(pid: number, field: string): number {
	try {
		const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
		return m ? Number(m[1]) * 1024 : 0
	} catch {
		return 0
	}
}

/** Start `node server.js` (needs build/) on the database; resolves when /healthz answers. */
export async function startServer(db: TempDb, env: Record<string, string> = {}, nodeArgs: string[] = [], logFile?: string): Promise<RunningServer> {
	if (!fs.existsSync(path.join(PROJECT_ROOT, 'build/server/index.js'))) throw new Error('build/ is missing: run npm run build first')
	const port = await freePort()
	const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'server.js'], {
		cwd: PROJECT_ROOT,
		env: { ...process.env, DATABASE_URL: `file:${db.file}`, UPLOAD_DIR: db.uploads, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: logFile ? 'info' : 'silent', ...env },
		stdio: ['ignore', logFile ? 'pipe' : 'ignore', 'pipe'],
	})
	if (logFile) child.stdout!.pipe(fs.createWriteStream(logFile))
	let stderr = ''
	child.stderr!.on('data', (d: Buffer) => {
		stderr += d.toString()
		if (stderr.length > 20_000) stderr = stderr.slice(-20_000)
	})
	const url = `http://127.0.0.1:${port}`
	const started = Date.now()
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${stderr}`)
		try {
			const r = await fetch(`${url}/healthz`)
			if (r.ok) break
		} catch {
			// not listening yet
		}
		if (Date.now() - started > 60_000) throw new Error(`the server did not start within 60 s:\n${stderr}`)
		await new Promise((r) => setTimeout(r, 100))
	}
	const pid = child.pid!
	return {
		url,
		pid,
		peakRss: () => procStatus(pid, 'VmHWM'),
		rss: () => procStatus(pid, 'VmRSS'),
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode !== null) return resolve()
				child.once('exit', () => resolve())
				child.kill('SIGTERM')
				setTimeout(() => child.kill('SIGKILL'), 5000).unref()
			}),
	}
}

/** Parse --name value / --flag arguments. */
export function flags(argv: string[]): Record<string, string | true> {
	const out: Record<string, string | true> = {}
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]!
		if (!a.startsWith('--')) continue
		const eq = a.indexOf('=')
		if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1)
		else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out[a.slice(2)] = argv[++i]!
		else out[a.slice(2)] = true
	}
	return out
}

export function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return NaN
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
	return sorted[i]!
}

export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b)
	const mid = Math.floor(s.length / 2)
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Cookies from Set-Cookie headers merged into a cookie jar (name → value). */
export function absorbCookies(jar: Map<string, string>, setCookies: string[]): void {
	for (const sc of setCookies) {
		const first = sc.split(';')[0]!
		const eq = first.indexOf('=')
		if (eq <= 0) continue
		const name = first.slice(0, eq).trim()
		const value = first.slice(eq + 1).trim()
		if (value === '' || /max-age=0\b/i.test(sc)) jar.delete(name)
		else jar.set(name, value)
	}
}

export function cookieHeader(jar: Map<string, string>): string {
	return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}
