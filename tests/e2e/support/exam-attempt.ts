/**
 * E2E helper (not part of the product): start an exam attempt through the engine's own API on
 * the e2e database, for a NEW worker of a demo enterprise, so that specs never share people.
 *
 *   DATABASE_URL=file:… tsx tests/e2e/support/exam-attempt.ts '{"enterpriseOf":"13900000013","post":"电工"}'
 *
 * Options (JSON): enterpriseOf (mobile of a demo person whose enterprise to use), post,
 * blueprintCode (default WORKER_SPOT_CHECK), timeLimitMinutes (a private copy of the blueprint
 * with another time limit), startedSecondsAgo. Prints { attemptId, mobile, personId, deadlineAt }.
 */
import { randomBytes } from 'node:crypto'
import { startAttempt } from '../../../app/domain/exam/attempts.server.ts'
import { ensureDefaultBlueprints } from '../../../app/domain/exam/blueprints.server.ts'
import { db } from '../../../app/utils/db.server.ts'

type Options = { enterpriseOf?: string; post?: string; blueprintCode?: string; timeLimitMinutes?: number; startedSecondsAgo?: number }

async function main() {
	const opts = JSON.parse(process.argv[2] ?? '{}') as Options
	await ensureDefaultBlueprints()
	const anchor = await db.user.findUniqueOrThrow({ where: { mobile: opts.enterpriseOf ?? '13900000013' }, include: { person: true } })
	const enterpriseId = anchor.person!.enterpriseId
	const mobile = `135${String(randomBytes(4).readUInt32BE(0) % 100_000_000).padStart(8, '0')}`
	const person = await db.person.create({ data: { enterpriseId, name: `E2E考生${mobile.slice(-4)}`, mobile, employmentType: 'EMPLOYEE', post: opts.post ?? '硝化工艺操作工' } })
	await db.user.create({ data: { mobile, passwordHash: '', displayName: person.name, mustChangePassword: false, personId: person.id, roles: { create: [{ role: 'WORKER' }] } } })
	let blueprintCode = opts.blueprintCode ?? 'WORKER_SPOT_CHECK'
	if (opts.timeLimitMinutes) {
		const bp = await db.examBlueprint.findUniqueOrThrow({ where: { code: blueprintCode } })
		blueprintCode = `E2E-${blueprintCode}-${mobile}`
		await db.examBlueprint.create({ data: { ...bp, id: undefined, code: blueprintCode, timeLimitMinutes: opts.timeLimitMinutes, createdAt: undefined, updatedAt: undefined } })
	}
	const now = new Date(Date.now() - (opts.startedSecondsAgo ?? 0) * 1000)
	const r = await startAttempt(db, { personId: person.id, enterpriseId, blueprintCode, purpose: 'SPOT_CHECK', subjectType: 'E2E', subjectId: mobile, now })
	process.stdout.write(JSON.stringify({ attemptId: r.attemptId, mobile, personId: person.id, deadlineAt: r.deadlineAt.toISOString() }))
	await db.$disconnect()
}

main().catch((e) => {
	console.error(e)
	process.exit(1)
})
