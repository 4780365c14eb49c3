process.env.DATABASE_URL = 'file:/work/main/data/large.db'
const q = await import('/work/main/app/domain/dashboard/queries.server.ts')
const { db } = await import('/work/main/app/utils/db.server.ts')
const regions = (await db.region.findMany({ select: { id: true } })).map((r) => r.id)
const scope = { kind: 'regions' as const, regionIds: regions }
const now = new Date()
const today = now.toISOString().slice(0, 10)
const y = q.yearBounds(2026)
const period = { year: 2026, half: 2 as const }
const fns: [string, () => Promise<unknown>][] = [
	['coverage', () => q.coverageByEnterprise(scope, 2026)],
	['suspended', () => q.suspendedByEnterprise(scope)],
	['overdue', () => q.overdueByEnterprise(scope, today)],
	['course', () => q.courseExamsByEnterprise(scope, y.start, y.end)],
	['spot', () => q.spotChecksByEnterprise(scope, y.start, y.end)],
	['cases', () => q.openCasesByEnterprise(scope, now)],
	['violations', () => q.violationsByEnterprise(scope, y.start, y.end)],
	['drills', () => q.drillStatusByEnterprise(scope, period, now, today)],
	['credentials', () => q.credentialsByEnterprise(scope, today)],
	['uncertified', () => q.uncertifiedByEnterprise(scope, today)],
	['trends', () => q.trendsByMonth(scope, new Date('2025-12-01T00:00:00+08:00'))],
]
for (const [n, f] of fns) {
	await f()
	const t0 = performance.now()
	await f()
	console.log(n.padEnd(12), (performance.now() - t0).toFixed(0), 'ms')
}
await db.$disconnect()
