/**
 * npm run bench:exam — the exam-day load benchmark (issue 8).
 *
 * Builds the app (skip with --no-build), starts the production server (server.js, its own process)
 * on a fresh temporary database holding the shipped course content, the exam blueprints and a
 * generated enterprise of N on-post workers, and creates a spot check (逢查必考) for all of them.
 * Then, from this process, with undici (HTTP client) and autocannon (load generator):
 *
 *  1. health ceiling: autocannon saturates GET /healthz (trivial route) — the machine's yardstick;
 *  2. answer-save ceiling: autocannon saturates POST /exam/:id/save on papers opened for a second,
 *     smaller spot check (same client, same connections and duration as 1.); ratio = 2 / 1;
 *  3. exam day: N examinees at once (starts spread over --ramp seconds), each on its own
 *     connection and cookie jar like a phone: open the paper by its one-time code (POST
 *     /c/:token), load the paper (GET /exam/:id), save 20 answers with a think time between them
 *     (POST /exam/:id/save), hand in (POST /exam/:id intent=submit);
 *  4. data check in the database: every acknowledged answer (the last one per question) is stored
 *     exactly as sent, every attempt is graded exactly once (one grading audit event, the
 *     examinee's result recorded), no attempt is left open.
 * Prints a table (requests, throughput, p50/p95/p99 per step, errors), the ratio of answer-save
 * throughput to health throughput and the server's peak memory. Exits non-zero on any error or
 * lost answer (and, with --strict, on a missed target).
 *
 *   --n 1000          examinees (on-post workers of the generated enterprise)
 *   --think 1000      think time between answers in ms (each wait is 0.5–1.5 × this)
 *   --ramp 10         seconds over which the N examinees start
 *   --connections 50  connections for the two ceilings
 *   --duration 5      seconds of each ceiling measurement
 *   --rounds 3        health and save ceilings are measured alternately this many times (the
 *                     machine is shared: alternating keeps both under the same noise); medians
 *   --capacity 100    papers opened for the save ceiling
 *   --no-build        use the existing build/
 *   --keep            keep the temporary database directory
 *   --strict          also exit non-zero when a target is missed
 *   --ceilings-only   measure the two ceilings, skip the exam day
 *   --profile DIR     write a V8 CPU profile of the server (open it in Chrome DevTools)
 *   --server-log FILE the server's JSON request log (method, path, status, ms) to a file
 * Targets (2 cores): zero errors and lost answers at N = 1000; answer-save p95 ≤ 100 ms;
 * answer-save throughput ≥ 50 % of the health-route throughput.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { decode } from 'turbo-stream'
import { Agent, request } from 'undici'
import { PROJECT_ROOT } from './migrate.ts'
import { absorbCookies, cookieHeader, flags, percentile, startServer, tempDatabase, type RunningServer } from './lib/bench-server.ts'

const args = flags(process.argv.slice(2))
const num = (k: string, d: number) => (args[k] !== undefined && args[k] !== true ? Number(args[k]) : d)
const N = num('n', 1000)
const THINK_MS = num('think', 1000)
const RAMP_S = num('ramp', 10)
const CONNECTIONS = num('connections', 50)
const DURATION_S = num('duration', 5)
const ROUNDS = Math.max(1, num('rounds', 3))
const CAPACITY = num('capacity', 100)
const SAVES = 20

type Question = { position: number; type: 'SINGLE' | 'MULTIPLE' | 'TRUEFALSE'; options: { key: string }[] }
type Step = 'open' | 'paper' | 'save' | 'submit'
const STEPS: Step[] = ['open', 'paper', 'save', 'submit']

class Stats {
	lat = new Map<Step, number[]>(STEPS.map((s) => [s, []]))
	errors = new Map<Step, number>(STEPS.map((s) => [s, 0]))
	samples: string[] = []
	first = Infinity
	last = 0
	add(step: Step, ms: number, t0: number) {
		this.lat.get(step)!.push(ms)
		this.first = Math.min(this.first, t0)
		this.last = Math.max(this.last, t0 + ms)
	}
	error(step: Step, what: string) {
		this.errors.set(step, this.errors.get(step)! + 1)
		if (this.samples.length < 10) this.samples.push(`${step}: ${what}`)
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function decodeTurbo(text: string): Promise<unknown> {
	const stream = new ReadableStream<Uint8Array>({
		start(c) {
			c.enqueue(new TextEncoder().encode(text))
			c.close()
		},
	})
	const d = await decode(stream)
	await d.done
	return d.value
}

/** The questions of the exam page, from the loader data Remix embeds in the document. */
async function questionsFromHtml(html: string): Promise<Question[]> {
	const chunks = [...html.matchAll(/streamController\.enqueue\(("(?:[^"\\]|\\.)*")\)/g)].map((m) => JSON.parse(m[1]!) as string)
	if (!chunks.length) throw new Error('no loader data in the exam page')
	const value = (await decodeTurbo(chunks.join(''))) as { loaderData?: Record<string, { view?: { questions: Question[] } }> }
	const view = value.loaderData?.['routes/exam.$attemptId']?.view
	if (!view) throw new Error('the exam page carries no paper')
	return view.questions
}

function randomChoice(q: Question): string[] {
	if (q.type === 'TRUEFALSE') return [Math.random() < 0.5 ? 'T' : 'F']
	const keys = q.options.map((o) => o.key)
	if (q.type === 'SINGLE') return [keys[Math.floor(Math.random() * keys.length)]!]
	const shuffled = [...keys].sort(() => Math.random() - 0.5)
	return shuffled.slice(0, 2).sort()
}

function headerList(h: string | string[] | undefined): string[] {
	return h === undefined ? [] : Array.isArray(h) ? h : [h]
}

type Paper = { examineeId: string; token: string; attemptId: string; jar: Map<string, string>; questions: Question[]; acked: Map<number, string[]> }

/** One phone: open by code, load the paper. Failures are counted against their step. */
async function openPaper(agent: Agent, base: string, e: { id: string; token: string }, stats: Stats | null): Promise<Paper> {
	const jar = new Map<string, string>()
	const fail = (step: Step, what: string): never => {
		stats?.error(step, what)
		throw new Error(`${step} failed: ${what}`)
	}
	let t0 = performance.now()
	let attemptId: string
	try {
		const r1 = await request(`${base}/c/${e.token}`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' })
		await r1.body.dump()
		const loc = String(r1.headers.location ?? '')
		const m = /^\/exam\/([^/?]+)$/.exec(loc)
		if (r1.statusCode !== 302 || !m) return fail('open', `POST /c/:token → ${r1.statusCode} ${loc}`)
		absorbCookies(jar, headerList(r1.headers['set-cookie']))
		attemptId = m[1]!
	} catch (err) {
		if (String((err as Error).message).startsWith('open failed')) throw err
		return fail('open', String((err as Error).message))
	}
	stats?.add('open', performance.now() - t0, t0)
	t0 = performance.now()
	let html: string
	try {
		const r2 = await request(`${base}/exam/${attemptId}`, { dispatcher: agent, headers: { cookie: cookieHeader(jar) } })
		html = await r2.body.text()
		if (r2.statusCode !== 200) return fail('paper', `GET /exam/:id → ${r2.statusCode}`)
	} catch (err) {
		if (String((err as Error).message).startsWith('paper failed')) throw err
		return fail('paper', String((err as Error).message))
	}
	stats?.add('paper', performance.now() - t0, t0)
	return { examineeId: e.id, token: e.token, attemptId, jar, questions: await questionsFromHtml(html), acked: new Map() }
}

async function saveOne(agent: Agent, base: string, p: Paper, q: Question, stats: Stats): Promise<void> {
	const choice = randomChoice(q)
	const body = new URLSearchParams([['position', String(q.position)], ...choice.map((c) => ['choice', c] as [string, string])]).toString()
	const t0 = performance.now()
	try {
		const r = await request(`${base}/exam/${p.attemptId}/save`, {
			method: 'POST',
			dispatcher: agent,
			headers: { cookie: cookieHeader(p.jar), 'content-type': 'application/x-www-form-urlencoded' },
			body,
		})
		const text = await r.body.text()
		if (r.statusCode !== 200) return stats.error('save', `→ ${r.statusCode} ${text.slice(0, 120)}`)
		const j = JSON.parse(text) as { ok: boolean; position: number }
		if (!j.ok || j.position !== q.position) return stats.error('save', `→ 200 ${text.slice(0, 120)}`)
		stats.add('save', performance.now() - t0, t0)
		p.acked.set(q.position, choice)
	} catch (e) {
		stats.error('save', String((e as Error).message))
	}
}

async function submit(agent: Agent, base: string, p: Paper, stats: Stats | null): Promise<void> {
	const t0 = performance.now()
	try {
		const r = await request(`${base}/exam/${p.attemptId}`, {
			method: 'POST',
			dispatcher: agent,
			headers: { cookie: cookieHeader(p.jar), 'content-type': 'application/x-www-form-urlencoded' },
			body: 'intent=submit',
		})
		await r.body.dump()
		if (r.statusCode !== 303 || !String(r.headers.location ?? '').endsWith('/result')) return void stats?.error('submit', `→ ${r.statusCode} ${r.headers.location ?? ''}`)
		stats?.add('submit', performance.now() - t0, t0)
	} catch (e) {
		stats?.error('submit', String((e as Error).message))
	}
}

async function examinee(agent: Agent, base: string, e: { id: string; token: string }, stats: Stats, startAt: number): Promise<Paper | null> {
	await sleep(Math.max(0, startAt - Date.now()))
	let p: Paper
	try {
		p = await openPaper(agent, base, e, stats)
	} catch (err) {
		if (!/^(open|paper) failed/.test(String((err as Error).message))) stats.error('paper', String((err as Error).message))
		return null
	}
	const qs = p.questions.slice(0, SAVES)
	for (const q of qs) {
		await sleep(THINK_MS * (0.5 + Math.random()))
		await saveOne(agent, base, p, q, stats)
	}
	await sleep(THINK_MS * (0.5 + Math.random()))
	await submit(agent, base, p, stats)
	return p
}

/** Kernel TCP counters (Linux): listen-queue overflows and SYN retransmissions, machine-wide. */
function tcpCounters(): Record<string, number> {
	try {
		const lines = fs.readFileSync('/proc/net/netstat', 'utf8').trim().split('\n')
		const out: Record<string, number> = {}
		for (let i = 0; i + 1 < lines.length; i += 2) {
			const h = lines[i]!.split(/\s+/)
			const v = lines[i + 1]!.split(/\s+/)
			h.forEach((k, j) => (out[k] = Number(v[j])))
		}
		return out
	} catch {
		return {}
	}
}

function acSummary(r: autocannon.Result) {
	return { rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx }
}

async function ceiling(server: RunningServer, opts: Partial<autocannon.Options>) {
	const r = await autocannon({ url: server.url, connections: CONNECTIONS, duration: DURATION_S, ...opts } as autocannon.Options)
	return acSummary(r)
}

async function main() {
	const started = Date.now()
	if (!args['no-build']) {
		console.log('Building (remix vite:build) …')
		execFileSync(path.join(PROJECT_ROOT, 'node_modules/.bin/remix'), ['vite:build'], { cwd: PROJECT_ROOT, stdio: 'ignore' })
	}
	const tmp = await tempDatabase('exam')
	process.env.DATABASE_URL = `file:${tmp.file}`
	process.env.UPLOAD_DIR = tmp.uploads
	const { db } = await import('../app/utils/db.server.ts')
	const { importContent } = await import('../app/domain/content/import.server.ts')
	const { DEFAULT_CONTENT_DIR } = await import('./content-check.ts')
	const { ensureDefaultBlueprints } = await import('../app/domain/exam/blueprints.server.ts')
	const { createInspection, drawForInspection } = await import('../app/domain/inspections.server.ts')
	const { usccCheckChar, orgCodeCheckChar } = await import('../app/domain/identifiers.ts')
	const { shanghaiDate } = await import('../app/domain/time.ts')

	console.log(`Setting up ${N} on-post workers and their spot check in ${tmp.file} …`)
	await importContent(db, DEFAULT_CONTENT_DIR, {})
	await ensureDefaultBlueprints(db)
	const tag = randomBytes(3).toString('hex')
	const region = await db.region.create({ data: { code: `BENCH-${tag}`, name: '压测县', nameEn: 'Bench county', kind: 'COUNTY' } })
	const inspector = await db.user.create({ data: { mobile: '13999990000', displayName: '压测检查员', passwordHash: '', mustChangePassword: false, regionId: region.id, roles: { create: [{ role: 'INSPECTOR' }] } } })
	const actor = { userId: inspector.id, displayName: inspector.displayName, roles: ['INSPECTOR' as const], personId: null, enterpriseId: null, regionId: region.id, regionIds: [region.id], mustChangePassword: false }
	const posts = ['硝化工艺操作工', '电工', '焊工', '仓库保管员', '操作工']
	async function enterpriseWith(n: number, k: number, name: string) {
		const org = `MA0B${String(k).padStart(4, '0')}`
		const body = `91141122${org}${orgCodeCheckChar(org)}`
		const e = await db.enterprise.create({ data: { name, uscc: body + usccCheckChar(body), regionId: region.id, category: 'CHEMICAL' } })
		const dept = await db.department.create({ data: { enterpriseId: e.id, name: '生产部' } })
		const people = Array.from({ length: n }, (_, i) => ({
			id: `bench${k}p${String(i).padStart(5, '0')}${tag}`,
			enterpriseId: e.id,
			name: `考生${k}-${i}`,
			mobile: `1${k + 5}${String(i).padStart(9, '0')}`,
			employmentType: i % 7 === 0 ? 'CONTRACTOR' : 'EMPLOYEE',
			departmentId: dept.id,
			post: posts[i % posts.length]!,
		}))
		await db.person.createMany({ data: people })
		await db.user.createMany({ data: people.map((p) => ({ id: `u${p.id}`, mobile: p.mobile, displayName: p.name, passwordHash: '', mustChangePassword: false, personId: p.id })) })
		await db.userRole.createMany({ data: people.map((p) => ({ userId: `u${p.id}`, role: 'WORKER' })) })
		const i = await createInspection(actor, { enterpriseId: e.id, date: shanghaiDate(new Date()), method: 'FOUR_NO_TWO_STRAIGHT', team: '压测检查组', notes: '' })
		await drawForInspection(actor, i.id, { count: n, departmentId: null, post: null })
		const examinees = await db.spotCheckExaminee.findMany({ where: { inspectionId: i.id }, select: { id: true, token: true }, orderBy: { ord: 'asc' } })
		if (examinees.length !== n) throw new Error(`the draw picked ${examinees.length} of ${n}`)
		return examinees
	}
	const examinees = await enterpriseWith(N, 1, '压测化工有限公司')
	const capacity = await enterpriseWith(CAPACITY, 2, '压测储运有限公司')
	await db.$disconnect()
	console.log(`Setup done in ${((Date.now() - started) / 1000).toFixed(0)} s. Starting the server …`)

	// The server's event-loop delay, measured inside it (a preloaded hook) and written to a file on
	// demand (SIGUSR2): time a request waits in the server before any of its code runs.
	const lagFile = path.join(tmp.dir, 'server-lag.json')
	const lagHook = path.join(tmp.dir, 'server-lag.cjs')
	fs.writeFileSync(
		lagHook,
		`const { monitorEventLoopDelay } = require('node:perf_hooks')
const h = monitorEventLoopDelay({ resolution: 10 })
process.on('SIGUSR1', () => { h.reset(); h.enable() })
process.on('SIGUSR2', () => { h.disable(); require('node:fs').writeFileSync(${JSON.stringify(lagFile)}, JSON.stringify({ p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 })) })
`,
	)
	let nodeArgs: string[] = ['--require', lagHook]
	if (typeof args.profile === 'string') {
		// --cpu-prof writes the profile on a normal exit: make SIGTERM one.
		const hook = path.join(tmp.dir, 'exit-on-term.cjs')
		fs.writeFileSync(hook, "process.on('SIGTERM', () => process.exit(0))\n")
		nodeArgs = [...nodeArgs, '--require', hook, '--cpu-prof', `--cpu-prof-dir=${path.resolve(args.profile)}`]
	}
	const server = await startServer(tmp, {}, nodeArgs, typeof args['server-log'] === 'string' ? path.resolve(args['server-log']) : undefined).catch((e) => {
		if (!args.keep) tmp.remove()
		throw e
	})
	const agent = new Agent({ connections: null, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, headersTimeout: 60_000, bodyTimeout: 60_000 })
	let exitCode = 0
	try {
		// Warm-up: JIT, caches, the first render.
		await ceiling(server, { url: `${server.url}/healthz`, duration: 2, connections: 10 })

		console.log(`Ceilings: ${CAPACITY} papers opened for the saves; then ${ROUNDS} × (GET /healthz, POST /exam/:id/save), ${CONNECTIONS} connections, ${DURATION_S} s each …`)
		const capPapers: Paper[] = []
		for (const e of capacity) capPapers.push(await openPaper(agent, server.url, e, null))
		let next = 0
		const saveRequest = {
			method: 'POST',
			setupRequest: (req: autocannon.Request) => {
				const i = next++
				const p = capPapers[i % capPapers.length]!
				const q = p.questions[Math.floor(i / capPapers.length) % p.questions.length]!
				const choice = randomChoice(q)
				return {
					...req,
					path: `/exam/${p.attemptId}/save`,
					headers: { cookie: cookieHeader(p.jar), 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams([['position', String(q.position)], ...choice.map((c) => ['choice', c] as [string, string])]).toString(),
				}
			},
		}
		const healthRuns: ReturnType<typeof acSummary>[] = []
		const saveRuns: ReturnType<typeof acSummary>[] = []
		for (let r = 0; r < ROUNDS; r++) {
			healthRuns.push(await ceiling(server, { url: `${server.url}/healthz` }))
			saveRuns.push(await ceiling(server, { url: server.url, requests: [saveRequest] }))
			console.log(`  round ${r + 1}: health ${healthRuns[r]!.rps.toFixed(0)} req/s, save ${saveRuns[r]!.rps.toFixed(0)} req/s`)
		}
		const pick = (runs: ReturnType<typeof acSummary>[]) => {
			const sorted = [...runs].sort((a, b) => a.rps - b.rps)
			const mid = sorted[Math.floor(sorted.length / 2)]!
			return { ...mid, errors: runs.reduce((n, x) => n + x.errors, 0) }
		}
		const health = pick(healthRuns)
		const save = pick(saveRuns)
		for (const p of capPapers) await submit(agent, server.url, p, null)

		if (args['ceilings-only']) {
			console.log(`  GET /healthz          ${health.rps.toFixed(0)} req/s  p50 ${health.p50} ms  p99 ${health.p99} ms  errors ${health.errors}`)
			console.log(`  POST /exam/:id/save   ${save.rps.toFixed(0)} req/s  p50 ${save.p50} ms  p99 ${save.p99} ms  errors ${save.errors}`)
			console.log(`  answer-save / health = ${((save.rps / health.rps) * 100).toFixed(0)} %`)
			return
		}
		console.log(`Exam day: ${N} examinees, starts over ${RAMP_S} s, ${SAVES} answers each, think time ${THINK_MS} ms …`)
		const stats = new Stats()
		const tcpBefore = tcpCounters()
		const t0 = Date.now() + 200
		let rssPeakDuring = 0
		const sampler = setInterval(() => (rssPeakDuring = Math.max(rssPeakDuring, server.rss())), 250)
		// This process is the thousand phones: when its own event loop lags, every latency it measures grows.
		const clientLag = monitorEventLoopDelay({ resolution: 10 })
		clientLag.enable()
		process.kill(server.pid, 'SIGUSR1')
		const papers = await Promise.all(examinees.map((e, i) => examinee(agent, server.url, e, stats, t0 + (RAMP_S * 1000 * i) / Math.max(1, N))))
		clearInterval(sampler)
		clientLag.disable()
		process.kill(server.pid, 'SIGUSR2')
		await sleep(300)
		const serverLag = fs.existsSync(lagFile) ? (JSON.parse(fs.readFileSync(lagFile, 'utf8')) as { p50: number; p99: number; max: number }) : null
		const tcpAfter = tcpCounters()
		const wall = (stats.last - stats.first) / 1000

		// --- verify in the database (read-only, straight SQL) ---
		const { toDisplayKeys } = await import('../app/domain/exam/paper.ts')
		const check = new Database(tmp.file, { readonly: true })
		const problems: string[] = []
		let lost = 0
		let ackedTotal = 0
		let unacked = 0
		const opened = papers.filter((p): p is Paper => p !== null)
		if (opened.length !== N) problems.push(`${N - opened.length} examinee(s) could not open their paper`)
		const all = [...opened, ...capPapers]
		const attemptStmt = check.prepare('SELECT id, status, score, paper FROM ExamAttempt WHERE id = ?')
		const answersStmt = check.prepare('SELECT position, chosen FROM AttemptAnswer WHERE attemptId = ?')
		const gradedStmt = check.prepare(
			"SELECT COUNT(*) AS n FROM AuditEvent WHERE entityType = 'ExamAttempt' AND entityId = ? AND action IN ('exam.attemptSubmitted', 'exam.attemptExpired')",
		)
		let notOnce = 0
		let notSubmitted = 0
		for (const p of all) {
			const a = attemptStmt.get(p.attemptId) as { id: string; status: string; score: number | null; paper: string } | undefined
			if (!a) {
				problems.push(`attempt ${p.attemptId} is missing`)
				continue
			}
			if ((gradedStmt.get(a.id) as { n: number }).n !== 1) notOnce++
			if (a.status !== 'SUBMITTED' || a.score === null) notSubmitted++
			if (!opened.includes(p)) continue // the save-ceiling papers: answers not tracked one by one
			const paper = JSON.parse(a.paper) as { q: string; o: string[]; t: string }[]
			const rows = answersStmt.all(a.id) as { position: number; chosen: string }[]
			const stored = new Map(rows.map((x) => [x.position, toDisplayKeys(paper[x.position] as never, JSON.parse(x.chosen) as string[]).sort().join('')]))
			for (const [pos, choice] of p.acked) {
				ackedTotal++
				if (stored.get(pos) !== [...choice].sort().join('')) {
					lost++
					if (problems.length < 20) problems.push(`attempt ${a.id} position ${pos}: acknowledged ${choice.join('')}, stored ${stored.get(pos) ?? 'nothing'}`)
				}
			}
			// Saved on the server but the phone never heard back (its request failed): not a loss.
			for (const pos of stored.keys()) if (!p.acked.has(pos)) unacked++
		}
		if (notOnce) problems.push(`${notOnce} attempt(s) not graded exactly once`)
		if (notSubmitted) problems.push(`${notSubmitted} attempt(s) not submitted and scored`)
		const open = (check.prepare("SELECT COUNT(*) AS n FROM ExamAttempt WHERE status = 'IN_PROGRESS'").get() as { n: number }).n
		if (open) problems.push(`${open} attempt(s) left open`)
		const resultStmt = check.prepare('SELECT status, gradedAt FROM SpotCheckExaminee WHERE id = ?')
		let ungraded = 0
		let passed = 0
		const examineeIds = [...examinees, ...capacity].map((e) => e.id)
		for (const id of examineeIds) {
			const r = resultStmt.get(id) as { status: string; gradedAt: number | null } | undefined
			if (!r || !['PASSED', 'FAILED'].includes(r.status) || r.gradedAt === null) ungraded++
			else if (r.status === 'PASSED') passed++
		}
		if (ungraded) problems.push(`${ungraded} examinee(s) without a recorded result`)
		check.close()

		// --- report ---
		const peak = server.peakRss()
		const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—')
		console.log(`\nExam day: N = ${N}, think ${THINK_MS} ms, ramp ${RAMP_S} s, ${wall.toFixed(1)} s from the first to the last request.\n`)
		console.log('step     requests   req/s    p50 ms   p95 ms   p99 ms   max ms   errors')
		let errors = 0
		for (const s of STEPS) {
			const xs = [...stats.lat.get(s)!].sort((a, b) => a - b)
			const e = stats.errors.get(s)!
			errors += e
			console.log(
				`${s.padEnd(8)} ${String(xs.length + e).padStart(8)} ${fmt(xs.length / wall).padStart(7)} ${fmt(percentile(xs, 50)).padStart(9)} ${fmt(percentile(xs, 95)).padStart(8)} ${fmt(percentile(xs, 99)).padStart(8)} ${fmt(xs[xs.length - 1] ?? NaN).padStart(8)} ${String(e).padStart(8)}`,
			)
		}
		if (stats.samples.length) console.log(`  first errors: ${stats.samples.join(' | ')}`)
		if (serverLag) console.log(`  the server's event-loop delay: p50 ${serverLag.p50.toFixed(0)} ms, p99 ${serverLag.p99.toFixed(0)} ms, max ${serverLag.max.toFixed(0)} ms`)
		console.log(`  the load client's own event-loop delay: p50 ${(clientLag.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(clientLag.percentile(99) / 1e6).toFixed(0)} ms, max ${(clientLag.max / 1e6).toFixed(0)} ms`)
		const tcpDelta = (k: string) => (tcpAfter[k] ?? 0) - (tcpBefore[k] ?? 0)
		if (tcpAfter.ListenOverflows !== undefined)
			console.log(`  kernel, machine-wide during the exam day: ${tcpDelta('ListenOverflows')} listen-queue overflows, ${tcpDelta('TCPSynRetrans')} SYN retransmissions`)
		const ratio = save.rps / health.rps
		console.log(`\nCeilings (autocannon, ${CONNECTIONS} connections, median of ${ROUNDS} alternating runs of ${DURATION_S} s):`)
		console.log(`  GET /healthz          ${health.rps.toFixed(0).padStart(6)} req/s  p50 ${health.p50} ms  p97.5 ${health.p97_5} ms  p99 ${health.p99} ms  errors ${health.errors}`)
		console.log(`  POST /exam/:id/save   ${save.rps.toFixed(0).padStart(6)} req/s  p50 ${save.p50} ms  p97.5 ${save.p97_5} ms  p99 ${save.p99} ms  errors ${save.errors}`)
		console.log(`  answer-save / health = ${(ratio * 100).toFixed(0)} %`)
		console.log(`\nServer memory: peak RSS ${(peak / 1048576).toFixed(0)} MB (during the exam day ${(rssPeakDuring / 1048576).toFixed(0)} MB).`)
		console.log(
			`Data: ${ackedTotal} acknowledged answers checked, ${lost} lost${unacked ? ` (${unacked} saved but not acknowledged: their request failed)` : ''}; ` +
				`${all.length} attempts, graded exactly once: ${all.length - notOnce}; left open: ${open}; results recorded: ${examineeIds.length - ungraded} of ${examineeIds.length} (${passed} passed).`,
		)
		const saveP95 = percentile([...stats.lat.get('save')!].sort((a, b) => a - b), 95)
		const targets = [
			{ name: `N = ${N} with zero errors`, ok: errors === 0 && health.errors === 0 && save.errors === 0 },
			{ name: 'zero lost answers', ok: lost === 0 && problems.length === 0 },
			{ name: `answer-save p95 ≤ 100 ms (${fmt(saveP95)} ms)`, ok: saveP95 <= 100 },
			{ name: `answer-save throughput ≥ 50 % of health (${(ratio * 100).toFixed(0)} %)`, ok: ratio >= 0.5 },
		]
		console.log('\nTargets:')
		for (const t of targets) console.log(`  ${t.ok ? 'met   ' : 'MISSED'} ${t.name}`)
		if (problems.length) console.log(`\nData problems:\n  ${problems.slice(0, 20).join('\n  ')}`)
		if (errors || health.errors || save.errors || problems.length || lost) exitCode = 1
		if (args.strict && targets.some((t) => !t.ok)) exitCode = 1
	} finally {
		await agent.close()
		await server.stop()
		if (args.keep) console.log(`Kept ${tmp.dir}`)
		else tmp.remove()
	}
	console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s.`)
	process.exit(exitCode)
}

main().catch((e) => {
	console.error(e)
	process.exit(1)
})
