/**
 * npm run seed:demo — load the demo data set into DATABASE_URL. Safe to run again: when the
 * demo city already exists nothing is written. Everything goes in one transaction.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '../app/generated/prisma/client.ts'
import { hashPassword } from '../app/utils/password.server.ts'
import { buildDemo, DEMO_PASSWORD } from './lib/demo-data.ts'
import { seedDemoDrills } from './lib/demo-drills.ts'
import { seedDemoCertificates } from './lib/demo-certificates.ts'
import { seedDemoExam } from './lib/demo-exam.ts'
import { seedDemoInspections } from './lib/demo-inspections.ts'
import { seedDemoLearning } from './lib/demo-learning.ts'
import { resolveDatabaseFile } from './migrate.ts'
import { DEFAULT_CONTENT_DIR } from './content-check.ts'
import { importContent } from '../app/domain/content/import.server.ts'

export async function seedDemo(db: PrismaClient, opts: { log?: (s: string) => void } = {}): Promise<boolean> {
	const log = opts.log ?? (() => {})
	// Course packs first (a no-op when unchanged), so that demo data can refer to them.
	log('Course packs:')
	await importContent(db, DEFAULT_CONTENT_DIR, { log })
	await seedDemoExam(db, { log }) // issue 4: exam blueprints; idempotent
	const demo = buildDemo()
	if (await db.region.findUnique({ where: { code: demo.regions[0]!.code } })) {
		log('Demo data already present: nothing to do.')
		await seedDemoDrills(db, { log }) // issue 5; idempotent, fills in a database seeded before drills existed
		await seedDemoCertificates(db, { log }) // issue 6; idempotent
		await seedDemoInspections(db, { log }) // issue 4: inspection, 三违, retraining; idempotent
		await seedDemoLearning(db, { log }) // issue 3: assignments, study history, classroom sessions; idempotent
		return false
	}
	const passwordHash = await hashPassword(DEMO_PASSWORD)
	const started = Date.now()
	await db.$transaction(
		async (tx) => {
			const regionIds = new Map<string, string>()
			for (const r of demo.regions) {
				const row = await tx.region.create({
					data: { code: r.code, name: r.name, nameEn: r.nameEn, kind: r.kind, parentId: r.parent ? regionIds.get(r.parent)! : null },
				})
				regionIds.set(r.code, row.id)
			}
			for (const u of demo.bureau) {
				await tx.user.create({
					data: {
						mobile: u.mobile,
						displayName: u.name,
						passwordHash,
						mustChangePassword: false,
						regionId: u.region ? regionIds.get(u.region)! : null,
						roles: { create: [{ role: u.role }] },
					},
				})
			}
			for (const e of demo.enterprises) {
				const ent = await tx.enterprise.create({
					data: {
						name: e.name,
						uscc: e.uscc,
						regionId: regionIds.get(e.region)!,
						category: e.category,
						majorHazardLevel: e.majorHazardLevel,
						keyProcesses: JSON.stringify(e.keyProcesses),
						address: e.address,
					},
				})
				const deps = new Map<string, string>()
				for (const name of e.departments) deps.set(name, (await tx.department.create({ data: { enterpriseId: ent.id, name } })).id)
				const cons = new Map<string, string>()
				for (const c of e.contractors) cons.set(c.name, (await tx.contractorCompany.create({ data: { enterpriseId: ent.id, ...c } })).id)
				await tx.area.createMany({ data: e.areas.map((a) => ({ enterpriseId: ent.id, ...a })) })
				for (const p of e.people) {
					const person = await tx.person.create({
						data: {
							enterpriseId: ent.id,
							name: p.name,
							mobile: p.mobile,
							idCard: p.idCard,
							employmentType: p.employmentType,
							contractorId: p.contractor ? cons.get(p.contractor)! : null,
							departmentId: deps.get(p.department)!,
							post: p.post,
							hireDate: p.hireDate,
							dutyStatus: p.dutyStatus,
							leftAt: p.dutyStatus === 'LEFT' ? new Date('2026-09-30T02:00:00Z') : null,
						},
					})
					await tx.user.create({
						data: {
							mobile: p.mobile,
							displayName: p.name,
							// Listed demo accounts sign in at once; everyone else waits for a manager to issue a password.
							passwordHash: p.demoLogin ? passwordHash : '',
							mustChangePassword: !p.demoLogin,
							personId: person.id,
							roles: { create: p.roles.map((role) => ({ role })) },
						},
					})
				}
				log(`  ${e.name}: ${e.people.length} people, ${e.areas.length} areas`)
			}
		},
		{ timeout: 120_000 },
	)
	log(`Demo data loaded in ${Date.now() - started} ms.`)
	await seedDemoDrills(db, { log }) // issue 5
	await seedDemoCertificates(db, { log }) // issue 6
	await seedDemoInspections(db, { log }) // issue 4
	await seedDemoLearning(db, { log }) // issue 3
	return true
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const file = resolveDatabaseFile()
	const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) })
	console.log(`Seeding demo data into ${file}`)
	seedDemo(db, { log: console.log })
		.then(() => db.$disconnect())
		.catch(async (e) => {
			console.error(e)
			await db.$disconnect()
			process.exit(1)
		})
}
