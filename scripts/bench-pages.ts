/**
 * npm run bench:pages — page weight and server render time of the key phone pages.
 * Run after `npm run build` (this builds nothing). For each page it prints the gzipped bytes of
 * the JavaScript and CSS a phone downloads on first load, and the server's time to answer the
 * page (median of --runs fetches, after one warm-up), on the production server started on a
 * temporary database with the demo data.
 *
 * JS per page comes from Remix's own build manifest (build/client/assets/manifest-*.js: the entry
 * and, for each route of the page's route chain, its module and the chunks it imports) plus the
 * manifest file itself; CSS from the stylesheet links of the rendered page (app.css is linked by
 * the root route, not listed in the manifest). Every script the page HTML references is checked
 * against that list.
 *
 *   --runs N   fetches per page for the median (default 15)
 *   --keep     keep the temporary database directory
 *
 * Target: no phone page ships more than 150 KB of gzipped JS (exit 1 when one does), and the
 * exam question page is a working form without JS (server-rendered form posts: checked here on
 * the HTML, exercised in a browser by tests/e2e/exam.spec.ts "without JavaScript").
 */
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { PROJECT_ROOT } from './migrate.ts'
import { absorbCookies, cookieHeader, flags, median, startServer, tempDatabase } from './lib/bench-server.ts'

const args = flags(process.argv.slice(2))
const RUNS = Math.max(3, Number(args.runs) || 15)
const LIMIT_JS = 150 * 1024
const CLIENT_DIR = path.join(PROJECT_ROOT, 'build/client')

type RemixManifest = {
	entry: { module: string; imports: string[]; css: string[] }
	routes: Record<string, { id: string; parentId?: string; module: string; imports?: string[]; css?: string[] }>
	url: string
}

function readManifest(): RemixManifest {
	const dir = path.join(CLIENT_DIR, 'assets')
	if (!fs.existsSync(dir)) throw new Error('build/client is missing: run npm run build first')
	const files = fs.readdirSync(dir).filter((f) => /^manifest-[\w-]+\.js$/.test(f))
	// The newest build's manifest (old hashed files may linger in build/client/assets).
	const file = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]
	if (!file) throw new Error('no Remix manifest in build/client/assets: run npm run build first')
	const text = fs.readFileSync(file, 'utf8')
	return JSON.parse(text.slice(text.indexOf('=') + 1, text.lastIndexOf(';'))) as RemixManifest
}

const gzCache = new Map<string, { raw: number; gz: number }>()
function sizeOf(url: string): { raw: number; gz: number } {
	let s = gzCache.get(url)
	if (!s) {
		const buf = fs.readFileSync(path.join(CLIENT_DIR, url.replace(/^\//, '').split('?')[0]!))
		s = { raw: buf.length, gz: gzipSync(buf, { level: 6 }).length }
		gzCache.set(url, s)
	}
	return s
}

function jsFor(m: RemixManifest, routeId: string): string[] {
	const chain: string[] = []
	for (let id: string | undefined = routeId; id; id = m.routes[id]?.parentId) {
		if (!m.routes[id]) throw new Error(`route ${id} is not in the manifest`)
		chain.unshift(id)
	}
	const set = new Set<string>([m.url, m.entry.module, ...m.entry.imports])
	for (const id of chain) {
		const r = m.routes[id]!
		set.add(r.module)
		for (const i of r.imports ?? []) set.add(i)
	}
	return [...set]
}

function assetsInHtml(html: string) {
	const js = new Set<string>()
	const css = new Set<string>()
	for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) js.add(m[1]!)
	for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) js.add(m[1]!)
	for (const m of html.matchAll(/import(?:\s+\*\s+as\s+\w+\s+from)?\s*"(\/assets\/[^"]+\.js)"/g)) js.add(m[1]!)
	for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) css.add(m[1]!)
	for (const m of html.matchAll(/<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"/g)) css.add(m[1]!)
	return { js: [...js].filter((u) => u.startsWith('/assets/')), css: [...css].filter((u) => u.startsWith('/')) }
}

async function main() {
	const manifest = readManifest()
	const tmp = await tempDatabase('pages')
	process.env.DATABASE_URL = `file:${tmp.file}`
	process.env.UPLOAD_DIR = tmp.uploads
	console.log(`Demo data into ${tmp.file} …`)
	const { db } = await import('../app/utils/db.server.ts')
	const { seedDemo } = await import('./seed-demo.ts')
	await seedDemo(db)
	// An exam in progress for the demo worker, to show a question.
	const { startAttempt } = await import('../app/domain/exam/attempts.server.ts')
	const worker = await db.user.findUniqueOrThrow({ where: { mobile: '13900000013' }, include: { person: true } })
	const attempt = await startAttempt(db, { personId: worker.personId!, enterpriseId: worker.person!.enterpriseId, blueprintCode: 'WORKER_SPOT_CHECK', purpose: 'SPOT_CHECK', subjectType: 'Bench', subjectId: `pages-${Date.now()}` })
	const assignment = await db.assignment.findFirst({
		where: { personId: worker.personId!, status: { in: ['ASSIGNED', 'IN_PROGRESS'] } },
		include: { packVersion: { include: { lessons: { orderBy: { ord: 'asc' }, take: 1 } } } },
		orderBy: { createdAt: 'asc' },
	})
	if (!assignment?.packVersion.lessons[0]) throw new Error('the demo worker has no open assignment with lessons')
	const plant = worker.person!.enterpriseId
	const inspection = await db.inspection.findFirstOrThrow({ where: { enterpriseId: plant }, orderBy: { createdAt: 'desc' } })
	const drill = await db.drill.findFirstOrThrow({ where: { enterpriseId: plant, status: { in: ['PLANNED', 'RUNNING'] } }, orderBy: { plannedDate: 'asc' } })
	await db.$disconnect()

	const server = await startServer(tmp).catch((e) => {
		if (!args.keep) tmp.remove()
		throw e
	})
	try {
		async function signIn(mobile: string): Promise<string> {
			const jar = new Map<string, string>()
			const r = await fetch(`${server.url}/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ mobile, password: 'Anxun2026', redirectTo: '/home' }) })
			absorbCookies(jar, r.headers.getSetCookie())
			if (r.status !== 302 || !jar.has('anxun_session')) throw new Error(`sign-in of ${mobile} failed: ${r.status}`)
			return cookieHeader(jar)
		}
		const workerCookie = await signIn('13900000013')
		const inspectorCookie = await signIn('13900000003')
		const managerCookie = await signIn('13900000012')
		const pages = [
			{ name: 'sign-in', url: '/login', route: 'routes/login', cookie: '' },
			{ name: 'my learning', url: '/learn', route: 'routes/learn._index', cookie: workerCookie },
			{ name: 'lesson', url: `/learn/${assignment.id}/lesson/${assignment.packVersion.lessons[0].key}`, route: 'routes/learn.$assignmentId.lesson.$lessonKey', cookie: workerCookie },
			{ name: 'exam question', url: `/exam/${attempt.attemptId}`, route: 'routes/exam.$attemptId', cookie: workerCookie },
			{ name: 'inspector board', url: `/inspections/${inspection.id}`, route: 'routes/inspections.$inspectionId', cookie: inspectorCookie },
			{ name: 'drill run', url: `/drills/${drill.id}/run`, route: 'routes/drills.$drillId.run', cookie: managerCookie },
		]
		const rows: { name: string; js: number; jsRaw: number; files: number; css: number; p50: number; min: number; htmlGz: number; over: boolean }[] = []
		let problems = 0
		for (const p of pages) {
			const get = async () => {
				const t0 = performance.now()
				const r = await fetch(server.url + p.url, { headers: p.cookie ? { cookie: p.cookie } : {}, redirect: 'manual' })
				const body = await r.text()
				return { status: r.status, body, ms: performance.now() - t0 }
			}
			const first = await get()
			if (first.status !== 200) throw new Error(`${p.name} (${p.url}) answered ${first.status}`)
			const times: number[] = []
			for (let i = 0; i < RUNS; i++) times.push((await get()).ms)
			const js = jsFor(manifest, p.route)
			const inHtml = assetsInHtml(first.body)
			const missing = inHtml.js.filter((u) => !js.includes(u))
			if (missing.length) {
				console.warn(`  ${p.name}: the page loads scripts the manifest chain does not list: ${missing.join(', ')} (counted)`)
				js.push(...missing)
			}
			const jsGz = js.reduce((s, u) => s + sizeOf(u).gz, 0)
			const jsRaw = js.reduce((s, u) => s + sizeOf(u).raw, 0)
			const cssGz = inHtml.css.reduce((s, u) => s + sizeOf(u).gz, 0)
			rows.push({ name: p.name, js: jsGz, jsRaw, files: js.length, css: cssGz, p50: median(times), min: Math.min(...times), htmlGz: gzipSync(first.body).length, over: jsGz > LIMIT_JS })
			if (jsGz > LIMIT_JS) problems++
			if (p.name === 'exam question') {
				// Without JS the page must still be a form that posts the answer and moves on.
				const ok = /<form[^>]*method="post"/i.test(first.body) && /name="choice"/.test(first.body) && /name="intent"[^>]*value="save"|value="save"[^>]*name="intent"/.test(first.body)
				if (!ok) {
					problems++
					console.error('  exam question: the server-rendered page has no answer form (name="choice", intent=save): it would not work without JS')
				} else console.log('  exam question: server-rendered answer form present (works without JS; browser test: tests/e2e/exam.spec.ts "without JavaScript")')
			}
		}
		const kb = (n: number) => (n / 1024).toFixed(1)
		console.log(`\nPage weight (gzip level 6) and server time (median of ${RUNS}, localhost), production build:\n`)
		console.log('page              JS gz KB  (raw KB, files)   CSS gz KB   HTML gz KB   server ms p50 (min)   ≤150 KB JS')
		for (const r of rows) {
			console.log(
				`${r.name.padEnd(17)} ${kb(r.js).padStart(8)}  (${kb(r.jsRaw).padStart(6)}, ${String(r.files).padStart(2)})   ${kb(r.css).padStart(9)}   ${kb(r.htmlGz).padStart(10)}   ${r.p50.toFixed(1).padStart(13)} (${r.min.toFixed(1)})   ${r.over ? 'NO' : 'yes'}`,
			)
		}
		console.log(`\nPeak server RSS: ${(server.peakRss() / 1024 / 1024).toFixed(0)} MB`)
		if (problems) {
			console.error(`\n${problems} target(s) missed.`)
			process.exitCode = 1
		}
	} finally {
		await server.stop()
		if (args.keep) console.log(`Kept ${tmp.dir}`)
		else tmp.remove()
	}
}

main().catch((e) => {
	console.error(e)
	process.exit(1)
})
