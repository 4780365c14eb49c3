/**
 * npm run bench:dashboards — each dashboard's server time on the city-scale data set
 * (npm run demo:large; default data/large.db, DATABASE_URL wins): the domain function a page's
 * loader calls, timed in-process, median of several runs after one warm-up.
 *
 *   --runs N            runs per dashboard (default 5)
 *   --compare-indexes   also time everything without the indexes added for the dashboards
 *                       (migration *_dashboard_indexes), then put them back
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS_DIR, resolveDatabaseFile } from './migrate.ts'

const file = resolveDatabaseFile(process.env.DATABASE_URL || 'file:./data/large.db')
if (!fs.existsSync(file)) {
	console.error(`${file} does not exist: run npm run demo:large first.`)
	process.exit(1)
}
// The app's Prisma client reads DATABASE_URL when first imported.
process.env.DATABASE_URL = `file:${file}`

const argv = process.argv.slice(2)
const runsArg = argv.indexOf('--runs')
const RUNS = runsArg >= 0 ? Math.max(1, Number(argv[runsArg + 1]) || 5) : 5
const COMPARE = argv.includes('--compare-indexes')

/** The CREATE INDEX statements of the dashboards' migration, with the index names. */
function dashboardIndexes(): { name: string; sql: string }[] {
	const dir = fs.readdirSync(MIGRATIONS_DIR).find((d) => d.endsWith('_dashboard_indexes'))
	if (!dir) return []
	const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, dir, 'migration.sql'), 'utf8')
	return [...sql.matchAll(/CREATE (?:UNIQUE )?INDEX "([^"]+)"[^;]+;/g)].map((m) => ({ name: m[1]!, sql: m[0] }))
}

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b)
	const mid = Math.floor(s.length / 2)
	return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

async function main() {
	const { db } = await import('../app/utils/db.server.ts')
	const { getActor } = await import('../app/utils/auth.server.ts')
	const dash = await import('../app/domain/dashboard/dashboards.server.ts')
	const report = await import('../app/domain/dashboard/report.server.ts')
	const { scriptT } = await import('./lib/node-i18n.ts')
	const { createHash, randomBytes } = await import('node:crypto')
	const { PeopleListSchema, EnterpriseListSchema } = await import('../app/domain/dashboard/lists.server.ts')

	const sessions: string[] = []
	async function actorFor(mobile: string) {
		const user = await db.user.findUniqueOrThrow({ where: { mobile } })
		const token = randomBytes(32).toString('base64url')
		const id = createHash('sha256').update(token).digest('hex')
		sessions.push(id)
		await db.session.create({ data: { id, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } })
		const actor = await getActor(new Request('http://localhost/', { headers: { cookie: `anxun_session=${token}` } }))
		if (!actor) throw new Error(`no actor for ${mobile}`)
		return actor
	}

	const city = await actorFor('13800000002')
	// The county, park and enterprise with the most people: the heaviest drill-down steps.
	const biggest = await db.$queryRawUnsafe<{ enterpriseId: string; regionId: string; n: number }[]>(
		"SELECT p.enterpriseId AS enterpriseId, e.regionId AS regionId, COUNT(*) AS n FROM Person p JOIN Enterprise e ON e.id = p.enterpriseId WHERE p.dutyStatus != 'LEFT' GROUP BY p.enterpriseId ORDER BY n DESC LIMIT 1",
	)
	const top = biggest[0]!
	const park = await db.region.findFirst({ where: { kind: 'PARK' }, orderBy: { enterprises: { _count: 'desc' } } })
	const county = await db.region.findFirst({ where: { kind: 'COUNTY' }, orderBy: { enterprises: { _count: 'desc' } } })
	const countyUser = await db.user.findFirst({ where: { regionId: county!.id } })
	const countyActor = await actorFor(countyUser!.mobile)
	const managerUser = await db.user.findFirst({ where: { person: { enterpriseId: top.enterpriseId }, roles: { some: { role: 'SAFETY_MANAGER' } } } })
	const manager = await actorFor(managerUser!.mobile)
	const t = await scriptT('zh-CN')
	const annual = report.ReportQuerySchema.parse({ kind: 'annual' })
	const evaluation = report.ReportQuerySchema.parse({ kind: 'evaluation' })

	const cases: [string, () => Promise<unknown>][] = [
		['region dashboard: city (500 enterprises)', () => dash.getRegionDashboard(city, null)],
		[`region dashboard: county (${county!.name})`, () => dash.getRegionDashboard(countyActor, null)],
		[`region dashboard: park (${park!.name})`, () => dash.getRegionDashboard(city, park!.id)],
		['enterprises by figure: city, risk', () => dash.listEnterprisesByFigure(city, EnterpriseListSchema.parse({ sort: 'risk' }))],
		[`enterprise dashboard: largest (${top.n} people), regulator`, () => dash.getEnterpriseDashboard(city, top.enterpriseId)],
		['enterprise dashboard: largest, safety manager', () => dash.getEnterpriseDashboard(manager, top.enterpriseId)],
		['people behind a figure: below hours rule', () => dash.listFigurePeople(city, top.enterpriseId, PeopleListSchema.parse({ figure: 'notMeeting' }))],
		['people behind a figure: overdue', () => dash.listFigurePeople(city, top.enterpriseId, PeopleListSchema.parse({ figure: 'overdue' }))],
		['home card: enterprise headline', () => dash.getEnterpriseHeadline(top.enterpriseId)],
		['report data: annual, city', () => report.buildReport(city, annual)],
		['report data: three-year evaluation, city', () => report.buildReport(city, evaluation)],
		['report XLSX: annual, city (build + file)', async () => report.reportToXlsx(await report.buildReport(city, annual), t, 'zh-CN')],
		['report PDF: annual, city (build + file)', async () => report.reportToPdf(await report.buildReport(city, annual), t, 'zh-CN')],
	]

	/** Median wall time and median CPU time (user + system) of this process, in ms. */
	async function measure(): Promise<Map<string, { wall: number; cpu: number }>> {
		const out = new Map<string, { wall: number; cpu: number }>()
		for (const [name, fn] of cases) {
			await fn() // warm-up: statement caches, page cache
			const wall: number[] = []
			const cpu: number[] = []
			for (let i = 0; i < RUNS; i++) {
				const t0 = performance.now()
				const c0 = process.cpuUsage()
				await fn()
				const c = process.cpuUsage(c0)
				wall.push(performance.now() - t0)
				cpu.push((c.user + c.system) / 1000)
			}
			out.set(name, { wall: median(wall), cpu: median(cpu) })
			process.stdout.write('.')
		}
		process.stdout.write('\n')
		return out
	}

	const counts = await db.$queryRawUnsafe<Record<string, bigint | number>[]>(
		'SELECT (SELECT COUNT(*) FROM Enterprise) AS enterprises, (SELECT COUNT(*) FROM Person) AS people, (SELECT COUNT(*) FROM StudyRecord) AS studyRecords, (SELECT COUNT(*) FROM ExamAttempt) AS attempts, (SELECT COUNT(*) FROM Drill) AS drills, (SELECT COUNT(*) FROM RetrainingCase) AS cases',
	)
	console.log(`Data set ${file}: ${Object.entries(counts[0]!).map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`).join(', ')}`)
	console.log(`Median of ${RUNS} runs after a warm-up, in-process (the loader's domain call; no HTTP, no rendering).`)

	let without: Map<string, { wall: number; cpu: number }> | null = null
	const indexes = dashboardIndexes()
	if (COMPARE && indexes.length) {
		const raw = new Database(file)
		try {
			for (const ix of indexes) raw.exec(`DROP INDEX IF EXISTS "${ix.name}"`)
			raw.exec('ANALYZE')
		} finally {
			raw.close()
		}
		console.log(`Without the ${indexes.length} dashboard indexes:`)
		try {
			without = await measure()
		} finally {
			const back = new Database(file)
			try {
				for (const ix of indexes) back.exec(ix.sql.replace(/^CREATE INDEX/, 'CREATE INDEX IF NOT EXISTS'))
				back.exec('ANALYZE')
			} finally {
				back.close()
			}
		}
	}
	const withIdx = await measure()
	const w = Math.max(...cases.map(([n]) => n.length))
	const ms = (x: { wall: number; cpu: number }) => `${x.wall.toFixed(0).padStart(6)} ${x.cpu.toFixed(0).padStart(6)}`
	console.log(`\nmedian ms: wall (what a request waits) and cpu (this process, unaffected by other load); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`)
	console.log(`${'dashboard'.padEnd(w)}  ${without ? 'no dashboard indexes  ' : ''}  wall    cpu`)
	for (const [name] of cases) {
		const a = without?.get(name)
		console.log(`${name.padEnd(w)}  ${a ? `${ms(a)}           ` : ''}${ms(withIdx.get(name)!)}`)
	}
	await db.session.deleteMany({ where: { id: { in: sessions } } })
	await db.$disconnect()
}

main().catch((e) => {
	console.error(e)
	process.exit(1)
})
