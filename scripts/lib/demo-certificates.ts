/**
 * Demo certificates and credentials (issue 6). Certificates are not invented: each comes from
 * a course exam actually taken through the exam engine (assignment → attempt → correct answers
 * → submit), whose grading hook issues the certificate — the same path as in production. One is
 * then revoked by the safety manager, one was earned long enough ago to have expired.
 * Credentials (持证上岗) are register entries with dates relative to today, so that the
 * 90/30-day reminders, an expired certificate and a missing one show on first look.
 *
 * Idempotent: skipped when the demo worker already holds a certificate or any demo credential
 * exists.
 */
import type { PrismaClient } from '../../app/generated/prisma/client.ts'
import { addDays, addYears } from '../../app/domain/calendar.ts'
import { revokeCertificate } from '../../app/domain/certificates.server.ts'
import { saveAnswer, startAttempt, submitAttempt } from '../../app/domain/exam/attempts.server.ts'
import { toDisplayKeys } from '../../app/domain/exam/paper.ts'
import type { EnterpriseActor } from '../../app/domain/roster.server.ts'
import type { PaperItem } from '../../app/domain/exam/types.ts'
import { createAssignments } from '../../app/domain/learning/assignments.server.ts'
import { ASSIGNMENT_SUBJECT, COURSE_EXAM_BLUEPRINT } from '../../app/domain/learning/course-exam.server.ts'
import { shanghaiDate } from '../../app/domain/time.ts'
import { db as appDb } from '../../app/utils/db.server.ts'

/** Take and pass a pack's course exam at `at` through the exam engine; returns the certificate. */
export async function passCourseExam(opts: { personId: string; packId: string; at: Date; wrong?: number }) {
	const person = await appDb.person.findUniqueOrThrow({ where: { id: opts.personId }, select: { enterpriseId: true } })
	const { created, packVersionId } = await appDb.$transaction((tx) =>
		createAssignments(tx, {
			enterpriseId: person.enterpriseId,
			personIds: [opts.personId],
			packId: opts.packId,
			reason: 'ANNUAL',
			dueDate: shanghaiDate(new Date(opts.at.getTime() + 30 * 86_400_000)),
			assignedByUserId: null,
		}),
	)
	const assignmentId = created[0]
	if (!assignmentId) throw new Error(`The person already has an open assignment of ${opts.packId}`)
	// Assigned when the story says, not when the seed ran.
	await appDb.assignment.update({ where: { id: assignmentId }, data: { createdAt: new Date(opts.at.getTime() - 7 * 86_400_000) } })
	const { attemptId } = await startAttempt(appDb, {
		personId: opts.personId,
		enterpriseId: person.enterpriseId,
		blueprintCode: COURSE_EXAM_BLUEPRINT,
		scope: { packVersionIds: [packVersionId] },
		purpose: 'COURSE',
		subjectType: ASSIGNMENT_SUBJECT,
		subjectId: assignmentId,
		now: opts.at,
	})
	const attempt = await appDb.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { paper: true } })
	const paper = JSON.parse(attempt.paper) as PaperItem[]
	const questions = await appDb.question.findMany({ where: { id: { in: paper.map((p) => p.q) } }, select: { id: true, answer: true } })
	const answers = new Map(questions.map((q) => [q.id, JSON.parse(q.answer) as string[]]))
	let t = opts.at.getTime()
	for (const [position, item] of paper.entries()) {
		t += 40_000
		const own = position < (opts.wrong ?? 0) ? item.o.filter((k) => !answers.get(item.q)!.includes(k)).slice(0, 1) : answers.get(item.q)!
		await saveAnswer({ attemptId, personId: opts.personId, position, choice: toDisplayKeys(item, own), now: new Date(t) })
	}
	const result = await submitAttempt({ attemptId, personId: opts.personId, now: new Date(t + 60_000) })
	const certificate = await appDb.certificate.findUnique({ where: { examAttemptId: attemptId } })
	return { attemptId, assignmentId, result, certificate }
}

type Spec = { mobile?: string; post?: string; index?: number; type: string; required?: boolean; issue?: string; expiry?: string; review?: string | null; issuer?: string }

export async function seedDemoCertificates(db: PrismaClient, opts: { log?: (s: string) => void; now?: Date } = {}): Promise<void> {
	const log = opts.log ?? (() => {})
	const now = opts.now ?? new Date()
	const today = shanghaiDate(now)
	// The fine-chemical plant; its code's 18th character is a check character (demo-data.ts).
	const jinan = await db.enterprise.findFirst({ where: { uscc: { startsWith: '91141122MA0K8JXN1' } }, select: { id: true, regionId: true } })
	if (!jinan) return
	const worker = await db.person.findFirst({ where: { enterpriseId: jinan.id, mobile: '13900000013' } })
	const managerPerson = await db.person.findFirst({ where: { enterpriseId: jinan.id, mobile: '13900000012' }, include: { user: true } })
	if (!worker || !managerPerson?.user) return

	if ((await db.certificate.count({ where: { personId: worker.id } })) === 0 && (await db.pack.findUnique({ where: { id: 'special-operations-2022' } }))) {
		const day = 86_400_000
		const valid = await passCourseExam({ personId: worker.id, packId: 'special-operations-2022', at: new Date(now.getTime() - 20 * day), wrong: 1 })
		const expired = await passCourseExam({ personId: worker.id, packId: 'three-violations', at: new Date(now.getTime() - (3 * 365 + 40) * day) })
		const colleague = await db.person.findFirst({ where: { enterpriseId: jinan.id, post: '硝化工艺操作工', NOT: { id: worker.id } }, orderBy: { name: 'asc' } })
		let revoked = 0
		if (colleague) {
			const r = await passCourseExam({ personId: colleague.id, packId: 'special-operations-2022', at: new Date(now.getTime() - 60 * day) })
			if (r.certificate) {
				const manager: EnterpriseActor = {
					userId: managerPerson.user.id,
					displayName: managerPerson.name,
					roles: ['WORKER', 'SAFETY_MANAGER'],
					personId: managerPerson.id,
					enterpriseId: jinan.id,
					regionId: null,
					regionIds: [],
					mustChangePassword: false,
				}
				await revokeCertificate(manager, r.certificate.id, '核查发现考试由他人代答，证书撤销，安排重新培训。', new Date(now.getTime() - 10 * day))
				revoked = 1
			}
		}
		log(`Certificates: ${[valid, expired].filter((r) => r.certificate).length} for the demo worker, ${revoked} revoked.`)
	}

	if (await db.credential.count({ where: { enterpriseId: jinan.id } })) return
	const review = (days: number) => addDays(today, days)
	const specs: Spec[] = [
		// The demo worker: review due in 25 days (urgent reminder).
		{ mobile: '13900000013', type: 'HC_NITRATION', required: true, issue: addYears(review(25), -3) },
		// Most nitration operators hold a valid certificate; one holds none (hidden-danger item 2).
		...[0, 1, 2, 3, 4, 5].map((i) => ({ post: '硝化工艺操作工', index: i, type: 'HC_NITRATION', required: true, issue: addDays(today, -400 - 37 * i) })),
		{ post: '硝化工艺操作工', index: 6, type: 'HC_NITRATION', required: true },
		...[0, 1, 2].map((i) => ({ post: '加氢工艺操作工', index: i, type: 'HC_HYDROGENATION', required: true, issue: addDays(today, -200 - 90 * i) })),
		// Instrument technician: expires in 60 days (review already passed).
		{ post: '仪表工', index: 0, type: 'HC_INSTRUMENTATION', required: true, issue: addDays(addYears(today, -6), 61), review: null },
		// Electrician: expired ten days ago.
		{ post: '电工', index: 0, type: 'ST_ELEC_LOW_VOLTAGE', required: true, issue: addDays(addYears(today, -6), -9), review: null },
		{ post: '电工', index: 1, type: 'ST_ELEC_LOW_VOLTAGE', required: true, issue: addDays(today, -500) },
		{ post: '检修工', index: 0, type: 'ST_WELD_FUSION', required: true, issue: addDays(today, -700), issuer: '山西省应急管理厅' },
		{ post: '罐区操作工', index: 0, type: 'SE_FORKLIFT', issue: addDays(today, -300), issuer: '吕梁市市场监督管理局' },
	]
	const people = await db.person.findMany({ where: { enterpriseId: jinan.id, dutyStatus: 'ON_POST' }, orderBy: { name: 'asc' }, select: { id: true, mobile: true, post: true, idCard: true } })
	let credentials = 0
	let requirements = 0
	await db.$transaction(async (tx) => {
		for (const s of specs) {
			const person = s.mobile ? people.find((p) => p.mobile === s.mobile) : people.filter((p) => p.post === s.post && p.mobile !== '13900000013')[s.index ?? 0]
			if (!person) continue
			if (s.required) {
				await tx.credentialRequirement.create({ data: { enterpriseId: jinan.id, personId: person.id, type: s.type } })
				requirements++
			}
			if (!s.issue) continue
			const special = s.type.startsWith('SE_')
			const expiry = s.expiry ?? addDays(addYears(s.issue, special ? 4 : 6), -1)
			const nextReview = s.review !== undefined ? s.review : special ? null : addYears(s.issue, 3)
			await tx.credential.create({
				data: {
					enterpriseId: jinan.id,
					personId: person.id,
					type: s.type,
					// 特种作业操作证 numbers are the holder's ID number.
					number: person.idCard ?? `T${person.mobile}`,
					issuer: s.issuer ?? '吕梁市应急管理局',
					issueDate: s.issue,
					expiryDate: expiry,
					nextReviewDate: nextReview,
				},
			})
			credentials++
		}
	})
	log(`Credentials: ${credentials} recorded, ${requirements} post requirements.`)
}
