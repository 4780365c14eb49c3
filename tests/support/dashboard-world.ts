/**
 * A hand-made world for the oversight dashboards with numbers worked out by hand (see the
 * comments): enterprise A in county A's park, enterprise B in county B, at NOW = 2026-11-15
 * 12:00 Shanghai (year 2026, half-year 2026-H2, previous 2026-H1).
 */
import { randomBytes } from 'node:crypto'
import { db } from '~/utils/db.server.ts'
import { makeWorld } from './world.ts'

export const NOW = new Date('2026-11-15T04:00:00Z')
/** A Shanghai wall-clock time as an instant. */
export const sh = (local: string) => new Date(`${local.replace(' ', 'T')}${local.length <= 10 ? 'T12:00' : ''}:00+08:00`)
const OLD = new Date('2020-01-01T00:00:00Z')
const tag = () => randomBytes(5).toString('hex')

export async function makeDashboardWorld() {
	const w = await makeWorld()
	const A = w.a.enterprise.id
	const B = w.b.enterprise.id
	await db.area.updateMany({ where: { id: { in: [w.a.area.id, w.b.area.id] } }, data: { createdAt: OLD } })

	async function person(enterpriseId: string, name: string, employmentType: string, extra: { hireDate?: string; dutyStatus?: string } = {}) {
		const dept = enterpriseId === A ? w.a.dept.id : w.b.dept.id
		return db.person.create({
			data: { enterpriseId, name, mobile: `135${tag().slice(0, 8).replace(/[a-f]/g, '7')}`, employmentType, departmentId: dept, post: '操作工', ...extra },
		})
	}
	// Enterprise A: principal, manager, worker (from makeWorld, EMPLOYEE) and these.
	const c1 = await person(A, '承包甲', 'CONTRACTOR')
	const c2 = await person(A, '外包乙', 'OUTSOURCED')
	const d1 = await person(A, '派遣丙', 'DISPATCHED', { hireDate: '2026-03-01' })
	const s1 = await person(A, '停岗丁', 'EMPLOYEE', { dutyStatus: 'SUSPENDED' })
	const left = await person(A, '离职戊', 'EMPLOYEE', { dutyStatus: 'LEFT' })
	const principal = w.a.principal.person
	const manager = w.a.manager.person
	const worker = w.a.worker.person

	// Hours: A's rule lowers the workers' yearly refresher to 10 h; managers keep 16 h.
	await db.hourRule.create({ data: { enterpriseId: A, workerAnnualHours: 10 } })
	const pack = await db.pack.create({ data: { id: `dash-${tag()}`, series: 'dash', category: 'TEST' } })
	const version = await db.packVersion.create({
		data: { packId: pack.id, number: 1, contentHash: tag(), declaredVersion: 1, edition: 't', titleZh: '测试', titleEn: 'Test', minutes: 60 },
	})
	const lessons = await Promise.all(
		[1, 2].map((i) => db.lesson.create({ data: { packVersionId: version.id, key: `l${i}`, ord: i, titleZh: `课${i}`, titleEn: `L${i}`, minutes: 30, body: '…' } })),
	)
	const study = (personId: string, enterpriseId: string, year: number, hours: number, lesson = 0) =>
		db.studyRecord.create({ data: { personId, lessonId: lessons[lesson]!.id, year, enterpriseId, seconds: Math.round(hours * 3600) } })
	await study(principal.id, A, 2026, 10)
	await study(principal.id, A, 2026, 6, 1) // 16 h: meets 16
	await study(manager.id, A, 2026, 10) // 10 h < 16
	await study(worker.id, A, 2026, 8) // + 2 h classroom = 10: meets 10
	await study(c1.id, A, 2025, 10) // nothing in 2026
	await study(c2.id, A, 2026, 12) // meets 10
	await study(d1.id, A, 2026, 20) // hired 2026: onboarding 72 h
	await study(s1.id, A, 2026, 10) // meets 10
	await study(left.id, A, 2026, 30) // left: not counted
	await study(w.b.worker.person.id, B, 2026, 20) // B: default rule 20 h: meets
	const session = (startsAt: Date, minutes: number) =>
		db.classroomSession.create({
			data: { enterpriseId: A, topic: '课堂', trainer: '讲师', place: '会议室', startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), minutes, createdByUserId: w.a.manager.user.id },
		})
	const s2026 = await session(sh('2026-01-01 07:00'), 120) // 2025-12-31 23:00 UTC: Shanghai year 2026
	const s2025 = await session(sh('2025-12-31 20:00'), 600)
	await db.attendance.create({ data: { sessionId: s2026.id, personId: worker.id, method: 'QR' } })
	await db.attendance.create({ data: { sessionId: s2025.id, personId: manager.id, method: 'QR' } })

	// Assignments: worker 2 overdue + 1 due today; contractor 1 overdue; left person and completed ones don't count.
	const assign = (personId: string, dueDate: string, status = 'ASSIGNED') =>
		db.assignment.create({ data: { enterpriseId: A, personId, packVersionId: version.id, reason: 'ANNUAL', dueDate, status } })
	await assign(worker.id, '2026-11-01')
	await assign(worker.id, '2026-10-01', 'IN_PROGRESS')
	await assign(worker.id, '2026-11-15')
	await assign(c1.id, '2026-09-30')
	await assign(left.id, '2026-09-30')
	await assign(manager.id, '2026-09-30', 'COMPLETED')
	await assign(manager.id, '2026-09-30', 'CANCELLED')

	// Course exams: 3 graded in 2026 (2 passed); one of them 2026-11-01 00:30 Shanghai.
	const blueprint = await db.examBlueprint.create({
		data: { code: `DASH-${tag()}`, nameZh: '课程考试', nameEn: 'Course exam', audience: 'ANY', strata: '[]', points: '{}', passMark: 80, timeLimitMinutes: 30 },
	})
	const attempt = (personId: string, purpose: string, submittedAt: Date | null, passed: boolean | null, enterpriseId = A) =>
		db.examAttempt.create({
			data: {
				personId,
				enterpriseId,
				blueprintId: blueprint.id,
				purpose,
				seed: tag(),
				config: '{}',
				paper: '[]',
				questionCount: 20,
				status: submittedAt ? 'SUBMITTED' : 'IN_PROGRESS',
				startedAt: submittedAt ?? NOW,
				deadlineAt: new Date((submittedAt ?? NOW).getTime() + 1_800_000),
				submittedAt,
				passed,
				score: passed === null ? null : passed ? 90 : 60,
				maxScore: 100,
			},
		})
	await attempt(worker.id, 'COURSE', sh('2026-10-05 10:00'), true)
	await attempt(worker.id, 'COURSE', new Date('2026-10-31T16:30:00Z'), false)
	await attempt(c2.id, 'COURSE', sh('2026-03-10 10:00'), true)
	await attempt(c2.id, 'COURSE', sh('2025-06-10 10:00'), true) // last year
	await attempt(c2.id, 'COURSE', null, null) // in progress
	await attempt(worker.id, 'SPOT_CHECK', sh('2026-10-10 10:00'), true) // not a course exam

	// Spot checks: 2026-10-10 principal FAILED, worker PASSED, contractor FAILED, manager not started.
	const inspection = (enterpriseId: string, date: string) =>
		db.inspection.create({ data: { enterpriseId, createdByUserId: w.inspectorA.user.id, date, method: 'ROUTINE' } })
	const i2026 = await inspection(A, '2026-10-10')
	const i2025 = await inspection(A, '2025-10-10')
	let ord = 0
	const examinee = (inspectionId: string, personId: string, role: string, status: string, gradedAt: Date | null, score: number | null = null) =>
		db.spotCheckExaminee.create({
			data: { inspectionId, personId, role, purpose: role === 'WORKER' ? 'SPOT_CHECK' : 'COMPETENCE', ord: ord++, token: tag() + tag(), shortCode: tag().toUpperCase(), codeExpiresAt: NOW, status, gradedAt, score },
		})
	await examinee(i2026.id, principal.id, 'PRINCIPAL', 'FAILED', sh('2026-10-10 10:30'), 70)
	await examinee(i2026.id, worker.id, 'WORKER', 'PASSED', sh('2026-10-10 10:40'), 95)
	await examinee(i2026.id, c1.id, 'WORKER', 'FAILED', sh('2026-10-10 10:50'), 55)
	await examinee(i2026.id, manager.id, 'SAFETY_MANAGER', 'NOT_STARTED', null)
	await examinee(i2025.id, principal.id, 'PRINCIPAL', 'FAILED', sh('2025-10-10 10:30'), 60)

	// Retraining cases, ages at NOW: 3 days (OPEN), 45 (TRAINING), 36 (READY_FOR_EXAM), 167 (ESCALATED); one cleared.
	const kase = (personId: string, state: string, openedAt: Date, clearedAt: Date | null = null) =>
		db.retrainingCase.create({ data: { enterpriseId: A, personId, trigger: 'SPOT_CHECK_FAIL', state, sourceType: 'SpotCheckExaminee', sourceId: tag(), openedAt, clearedAt } })
	await kase(c1.id, 'OPEN', sh('2026-11-12 12:00'))
	await kase(s1.id, 'TRAINING', sh('2026-10-01 12:00'))
	await kase(principal.id, 'READY_FOR_EXAM', sh('2026-10-10 12:00'))
	await kase(manager.id, 'ESCALATED', sh('2026-06-01 12:00'))
	await kase(worker.id, 'CLEARED', sh('2026-02-01 12:00'), sh('2026-03-01 12:00'))

	// Three violations: A 2 OPERATION + 1 DISCIPLINE in 2026, 1 COMMAND in 2025; B 1 COMMAND in 2026.
	const violation = (enterpriseId: string, personId: string, type: string, occurredAt: Date) =>
		db.violation.create({ data: { enterpriseId, personId, type, occurredAt, description: '违章', foundBy: '安全员', recordedByUserId: w.a.manager.user.id } })
	await violation(A, worker.id, 'OPERATION', sh('2026-05-05 10:00'))
	await violation(A, c1.id, 'OPERATION', sh('2026-11-14 10:00'))
	await violation(A, worker.id, 'DISCIPLINE', sh('2026-01-01 00:10'))
	await violation(A, worker.id, 'COMMAND', sh('2025-12-31 23:50'))
	await violation(B, w.b.worker.person.id, 'COMMAND', sh('2026-07-07 10:00'))

	// Drills. Areas and what they show for 2026-H2 / 2026-H1 (worked out in the test).
	const area = (name: string, kind: string, createdAt = OLD, archivedAt: Date | null = null) =>
		db.area.create({ data: { enterpriseId: A, name, kind, createdAt, archivedAt } })
	const drill = (areaId: string, p: { status: string; plannedDate: string; alarmAt?: Date | null; kind?: string; form?: string }) =>
		db.drill.create({ data: { enterpriseId: A, areaId, kind: p.kind ?? 'EVACUATION', form: p.form ?? 'LIVE', scope: 'SINGLE', status: p.status, plannedDate: p.plannedDate, alarmAt: p.alarmAt ?? null } })
	const prod1 = await area('生产一', 'PRODUCTION')
	await drill(prod1.id, { status: 'CLOSED', plannedDate: '2026-09-10', alarmAt: sh('2026-09-10 09:00') })
	const office1 = await area('办公一', 'OFFICE')
	await drill(office1.id, { status: 'PLANNED', plannedDate: '2026-12-10' })
	await drill(office1.id, { status: 'EVALUATING', plannedDate: '2026-03-03', alarmAt: sh('2026-03-03 09:00') })
	const living1 = await area('生活一', 'LIVING')
	await drill(living1.id, { status: 'PLANNED', plannedDate: '2026-11-01' })
	await drill(living1.id, { status: 'CLOSED', plannedDate: '2026-04-04', alarmAt: sh('2026-04-04 09:00'), form: 'TABLETOP' })
	const office2 = await area('办公二', 'OFFICE')
	await drill(office2.id, { status: 'RUNNING', plannedDate: '2026-05-05', alarmAt: sh('2026-05-05 09:00') })
	const prod2 = await area('生产二', 'PRODUCTION', OLD, sh('2026-08-01 00:00'))
	const living2 = await area('生活二', 'LIVING', sh('2026-11-20 09:00'))
	const prod3 = await area('生产三', 'PRODUCTION')
	await drill(prod3.id, { status: 'CANCELLED', plannedDate: '2026-10-10' })
	await drill(prod3.id, { status: 'CLOSED', plannedDate: '2026-10-11', alarmAt: sh('2026-10-11 09:00'), kind: 'ONSITE_RESPONSE' })
	await drill(prod3.id, { status: 'CLOSED', plannedDate: '2026-06-30', alarmAt: new Date('2026-06-30T15:59:00Z') })
	const prod4 = await area('生产四', 'PRODUCTION')
	await drill(prod4.id, { status: 'CLOSED', plannedDate: '2026-07-01', alarmAt: new Date('2026-06-30T16:00:00Z') })

	// Credentials on 2026-11-15 (reminders from 90 days: up to 2027-02-13).
	const cred = (personId: string, type: string, expiryDate: string, nextReviewDate: string | null = null) =>
		db.credential.create({ data: { enterpriseId: A, personId, type, number: tag(), issuer: '应急管理局', issueDate: '2020-01-01', expiryDate, nextReviewDate } })
	await cred(worker.id, 'HC_NITRATION', '2026-11-14') // EXPIRED
	await cred(worker.id, 'ST_ELEC_LOW_VOLTAGE', '2030-01-01', '2026-11-10') // REVIEW_OVERDUE
	await cred(c1.id, 'ST_WELD_FUSION', '2030-01-01', '2027-01-01') // REVIEW_DUE
	await cred(principal.id, 'SE_MANAGEMENT', '2027-02-13') // EXPIRING (day 90)
	await cred(manager.id, 'SE_FORKLIFT', '2027-02-14') // VALID (day 91)
	await cred(manager.id, 'HC_CHLORINATION', '2026-11-15') // EXPIRING (last valid day today)
	await cred(s1.id, 'HC_OXIDATION', '2028-01-01', '2031-01-01') // VALID (review after expiry is ignored)
	await cred(left.id, 'HC_AMMONIA', '2020-01-01') // left: not counted
	const need = (personId: string, type: string) => db.credentialRequirement.create({ data: { enterpriseId: A, personId, type } })
	await need(worker.id, 'HC_NITRATION') // expired → uncertified
	await need(worker.id, 'ST_ELEC_LOW_VOLTAGE') // review overdue → uncertified
	await need(manager.id, 'SE_FORKLIFT') // valid
	await need(c2.id, 'HC_HYDROGENATION') // none → uncertified
	await need(left.id, 'HC_AMMONIA') // left: not counted

	return { ...w, people: { principal, manager, worker, c1, c2, d1, s1, left }, areas: { prod1, office1, living1, office2, prod2, living2, prod3, prod4 } }
}
