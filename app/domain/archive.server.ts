/**
 * The one-person-one-file archive (一人一档): everything the enterprise holds about one
 * person's safety competence, gathered for the archive PDF. Read-only.
 */
import { db } from '~/utils/db.server.ts'
import { certificateState } from './certificates.ts'
import { credentialStatus } from './credentials.ts'
import { maskIdCard, maskMobile } from './identifiers.ts'
import { buildLedger, requirementFor, type LedgerYear, type Requirement } from './learning/hours.ts'
import { getHourRule } from './learning/training.server.ts'
import { canSeeEnterprise, hasRole, type Actor } from './policy.ts'
import { NotFoundError } from './roster.server.ts'
import { shanghaiDate, shanghaiYear } from './time.ts'

const MANAGERIAL = ['PRINCIPAL', 'SAFETY_MANAGER']

/** Enterprise managers and principal, bureau staff of the region, admins; a person for their own file. */
export async function assertMaySeeArchive(actor: Actor, person: { id: string; enterprise: { id: string; regionId: string } }) {
	if (actor.personId === person.id) return
	const enterpriseRole = hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL') && actor.enterpriseId === person.enterprise.id
	const bureau = hasRole(actor, 'INSPECTOR', 'REGULATOR', 'ADMIN') && canSeeEnterprise(actor, person.enterprise)
	if (!enterpriseRole && !bureau) throw new NotFoundError()
}

export type ArchiveData = Awaited<ReturnType<typeof loadArchive>>

export async function getArchive(actor: Actor, personId: string, now = new Date()): Promise<ArchiveData> {
	const person = await db.person.findUnique({ where: { id: personId }, select: { id: true, enterprise: { select: { id: true, regionId: true } } } })
	if (!person) throw new NotFoundError()
	await assertMaySeeArchive(actor, person)
	return loadArchive(personId, now)
}

/** The archive without an access check: callers have checked the enterprise (bulk export). */
export async function loadArchive(personId: string, now: Date) {
	const today = shanghaiDate(now)
	const person = await db.person.findUniqueOrThrow({
		where: { id: personId },
		include: {
			enterprise: { select: { id: true, name: true, uscc: true } },
			department: { select: { name: true } },
			contractor: { select: { name: true } },
			user: { select: { roles: { select: { role: true } } } },
		},
	})
	const [rule, study, attendance, assignments, attempts, certificates, credentials, violations, cases, spotChecks] = await Promise.all([
		getHourRule(person.enterpriseId),
		db.studyRecord.groupBy({ by: ['year'], where: { personId }, _sum: { seconds: true } }),
		db.attendance.findMany({
			where: { personId },
			orderBy: { session: { startsAt: 'asc' } },
			select: { method: true, session: { select: { topic: true, trainer: true, place: true, startsAt: true, minutes: true, offJob: true } } },
		}),
		db.assignment.findMany({
			where: { personId },
			orderBy: { createdAt: 'asc' },
			select: { reason: true, dueDate: true, status: true, createdAt: true, completedAt: true, packVersion: { select: { titleZh: true, titleEn: true, declaredVersion: true } } },
		}),
		db.examAttempt.findMany({
			where: { personId, status: { not: 'IN_PROGRESS' } },
			orderBy: { startedAt: 'asc' },
			select: { purpose: true, startedAt: true, submittedAt: true, score: true, maxScore: true, passed: true, status: true, blueprint: { select: { nameZh: true, nameEn: true } } },
		}),
		db.certificate.findMany({ where: { personId }, orderBy: { issuedAt: 'asc' }, include: { packVersion: { select: { titleZh: true, titleEn: true, declaredVersion: true } } } }),
		db.credential.findMany({ where: { personId }, orderBy: { issueDate: 'asc' } }),
		db.violation.findMany({ where: { personId }, orderBy: { occurredAt: 'asc' }, include: { area: { select: { name: true } } } }),
		db.retrainingCase.findMany({ where: { personId }, orderBy: { openedAt: 'asc' } }),
		db.spotCheckExaminee.findMany({
			where: { personId },
			orderBy: { createdAt: 'asc' },
			select: { status: true, score: true, purpose: true, inspection: { select: { date: true, method: true } } },
		}),
	])

	const roles = person.user?.roles.map((r) => r.role) ?? []
	const managerial = roles.some((r) => MANAGERIAL.includes(r))
	const ledger = buildLedger(
		study.map((s) => ({ year: s.year, seconds: s._sum.seconds ?? 0 })),
		attendance.map((a) => a.session),
	)
	const thisYear = shanghaiYear(now)
	const hireYear = person.hireDate ? Number(person.hireDate.slice(0, 4)) : null
	const firstYear = Math.min(thisYear, hireYear ?? thisYear, ...ledger.keys())
	const years: (LedgerYear & { requirement: Requirement })[] = []
	// From the first year on record (hire or first training) to now; at most 15 years.
	for (let y = Math.max(firstYear, thisYear - 14); y <= thisYear; y++) {
		const l = ledger.get(y) ?? { year: y, onlineSeconds: 0, classroomSeconds: 0, offJobSeconds: 0, totalSeconds: 0 }
		years.push({ ...l, requirement: requirementFor(rule, { managerial, hireDate: person.hireDate }, y) })
	}

	return {
		generatedFor: today,
		enterprise: person.enterprise,
		person: {
			id: person.id,
			name: person.name,
			idCardMasked: person.idCard ? maskIdCard(person.idCard) : null,
			mobileMasked: maskMobile(person.mobile),
			employmentType: person.employmentType,
			contractor: person.contractor?.name ?? null,
			department: person.department?.name ?? null,
			post: person.post,
			hireDate: person.hireDate,
			dutyStatus: person.dutyStatus,
			leftAt: person.leftAt,
			roles,
		},
		years,
		assignments,
		classroom: attendance,
		attempts,
		spotChecks,
		certificates: certificates.map((c) => ({ ...c, state: certificateState(c, today) })),
		credentials: credentials.map((c) => ({ ...c, status: credentialStatus(c, today) })),
		violations,
		cases,
	}
}

/** People whose archives a bulk export contains, in a stable order (department, name). */
export async function archivePeople(actor: Actor, enterpriseId: string, includeLeft: boolean) {
	const enterprise = await db.enterprise.findUnique({ where: { id: enterpriseId }, select: { id: true, name: true, regionId: true } })
	if (!enterprise) throw new NotFoundError()
	const enterpriseRole = hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL') && actor.enterpriseId === enterprise.id
	const bureau = hasRole(actor, 'INSPECTOR', 'REGULATOR', 'ADMIN') && canSeeEnterprise(actor, enterprise)
	if (!enterpriseRole && !bureau) throw new NotFoundError()
	const people = await db.person.findMany({
		where: { enterpriseId, ...(includeLeft ? {} : { dutyStatus: { not: 'LEFT' } }) },
		select: { id: true, name: true, department: { select: { name: true } } },
	})
	people.sort((a, b) => (a.department?.name ?? '').localeCompare(b.department?.name ?? '', 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id))
	return { enterprise, people }
}
