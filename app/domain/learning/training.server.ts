/**
 * The enterprise's training picture: hour rules, each person's yearly ledger against their rule,
 * coverage (own staff and contractor staff separately) and overdue assignments.
 */
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { audit } from '../audit.server.ts'
import { CONTRACTOR_TYPES, type EmploymentType } from '../constants.ts'
import type { Actor } from '../policy.ts'
import { NotFoundError, RuleError, type EnterpriseActor } from '../roster.server.ts'
import { shanghaiDate, shanghaiYear, startOfShanghaiDay } from '../time.ts'
import { parseIdList } from './assignments.server.ts'
import {
	buildLedger,
	coverage,
	DEFAULT_HOUR_RULE,
	emptyLedgerYear,
	HOUR_RULE_MAX,
	requirementFor,
	sortForTrainingView,
	type CoveragePerson,
	type HourRuleValues,
} from './hours.ts'
import { isOverdue, progressPercent } from './rules.ts'

type Tx = Prisma.TransactionClient

/** Shanghai year bounds as UTC instants: [start, end). */
export function yearBounds(year: number): { start: Date; end: Date } {
	return { start: startOfShanghaiDay(`${year}-01-01`), end: startOfShanghaiDay(`${year + 1}-01-01`) }
}

export async function getHourRule(enterpriseId: string, tx: Tx | typeof db = db): Promise<HourRuleValues & { onboardingPacks: string[] }> {
	const row = await tx.hourRule.findUnique({ where: { enterpriseId } })
	if (!row) return { ...DEFAULT_HOUR_RULE, onboardingPacks: [] }
	return {
		workerOnboardingHours: row.workerOnboardingHours,
		workerAnnualHours: row.workerAnnualHours,
		managerInitialHours: row.managerInitialHours,
		managerAnnualHours: row.managerAnnualHours,
		onboardingPacks: parseIdList(row.onboardingPacks),
	}
}

const Hours = z
	.string({ error: 'errors:required' })
	.trim()
	.min(1, 'errors:required')
	.pipe(z.coerce.number<string>({ error: 'errors:invalid' }).int('learning:wholeHours').min(0, 'errors:tooSmall').max(HOUR_RULE_MAX, 'errors:tooBig'))

export const HourRuleInputSchema = z.object({
	workerOnboardingHours: Hours,
	workerAnnualHours: Hours,
	managerInitialHours: Hours,
	managerAnnualHours: Hours,
	onboardingPack: z.array(z.string().trim().min(1).max(80)).max(100).default([]),
})
export type HourRuleInput = z.output<typeof HourRuleInputSchema>

export async function updateHourRule(actor: EnterpriseActor, input: HourRuleInput) {
	const packs = [...new Set(input.onboardingPack)]
	if (packs.length) {
		const found = await db.pack.count({ where: { id: { in: packs } } })
		if (found !== packs.length) throw new RuleError('onboardingPack', 'errors:invalidChoice')
	}
	const values = {
		workerOnboardingHours: input.workerOnboardingHours,
		workerAnnualHours: input.workerAnnualHours,
		managerInitialHours: input.managerInitialHours,
		managerAnnualHours: input.managerAnnualHours,
		onboardingPacks: JSON.stringify(packs),
		updatedByUserId: actor.userId,
	}
	await db.$transaction(async (tx) => {
		await tx.hourRule.upsert({ where: { enterpriseId: actor.enterpriseId }, create: { enterpriseId: actor.enterpriseId, ...values }, update: values })
		await audit(actor, { action: 'training.hourRuleUpdated', entityType: 'Enterprise', entityId: actor.enterpriseId, enterpriseId: actor.enterpriseId, data: { ...values, onboardingPacks: packs } }, tx)
	})
}

const MANAGERIAL = ['PRINCIPAL', 'SAFETY_MANAGER']

/** Yearly ledgers for many people of one enterprise at once. */
async function ledgers(enterpriseId: string, personIds: readonly string[] | null, year: number) {
	const { start, end } = yearBounds(year)
	const personFilter = personIds ? { personId: { in: [...personIds] } } : {}
	const [study, attendance] = await Promise.all([
		db.studyRecord.groupBy({ by: ['personId'], where: { enterpriseId, year, ...personFilter }, _sum: { seconds: true } }),
		db.attendance.findMany({
			where: { ...personFilter, session: { enterpriseId, startsAt: { gte: start, lt: end } } },
			select: { personId: true, session: { select: { startsAt: true, minutes: true, offJob: true } } },
		}),
	])
	const byPerson = new Map<string, { study: { year: number; seconds: number }[]; classroom: { startsAt: Date; minutes: number; offJob: boolean }[] }>()
	const entry = (id: string) => {
		let e = byPerson.get(id)
		if (!e) byPerson.set(id, (e = { study: [], classroom: [] }))
		return e
	}
	for (const s of study) entry(s.personId).study.push({ year, seconds: s._sum.seconds ?? 0 })
	for (const a of attendance) entry(a.personId).classroom.push(a.session)
	return (personId: string) => {
		const e = byPerson.get(personId)
		return (e ? buildLedger(e.study, e.classroom).get(year) : undefined) ?? emptyLedgerYear(year)
	}
}

/** One person's training this year: ledger against their rule, and their assignments. */
export async function getPersonTraining(actor: EnterpriseActor, personId: string, now = new Date()) {
	const person = await db.person.findFirst({
		where: { id: personId, enterpriseId: actor.enterpriseId },
		select: { id: true, hireDate: true, user: { select: { roles: true } } },
	})
	if (!person) throw new NotFoundError()
	return personTrainingSummary(actor.enterpriseId, person, now)
}

/** The signed-in learner's own hours this year (for "My learning" and the worker home). */
export async function getMyHours(actor: Actor, now = new Date()) {
	if (!actor.personId || !actor.enterpriseId) throw new NotFoundError()
	const person = await db.person.findUniqueOrThrow({
		where: { id: actor.personId },
		select: { id: true, hireDate: true, user: { select: { roles: true } } },
	})
	const s = await personTrainingSummary(actor.enterpriseId, person, now)
	return { year: s.year, ledger: s.ledger, requirement: s.requirement }
}

async function personTrainingSummary(
	enterpriseId: string,
	person: { id: string; hireDate: string | null; user: { roles: { role: string }[] } | null },
	now: Date,
) {
	const year = shanghaiYear(now)
	const today = shanghaiDate(now)
	const [rule, ledgerOf, assignments] = await Promise.all([
		getHourRule(enterpriseId),
		ledgers(enterpriseId, [person.id], year),
		db.assignment.findMany({
			where: { personId: person.id, status: { not: 'CANCELLED' } },
			orderBy: [{ createdAt: 'desc' }],
			take: 50,
			select: {
				id: true,
				reason: true,
				dueDate: true,
				status: true,
				completedAt: true,
				retrainingCaseId: true,
				packVersion: { select: { titleZh: true, titleEn: true, _count: { select: { lessons: true } } } },
				lessons: { where: { completedAt: { not: null } }, select: { lessonId: true } },
			},
		}),
	])
	const managerial = !!person.user?.roles.some((r) => MANAGERIAL.includes(r.role))
	return {
		year,
		managerial,
		requirement: requirementFor(rule, { managerial, hireDate: person.hireDate }, year),
		ledger: ledgerOf(person.id),
		assignments: assignments.map((a) => ({
			id: a.id,
			reason: a.reason,
			dueDate: a.dueDate,
			status: a.status,
			completedAt: a.completedAt,
			retraining: !!a.retrainingCaseId,
			overdue: isOverdue(a, today),
			titleZh: a.packVersion.titleZh,
			titleEn: a.packVersion.titleEn,
			percent: progressPercent(a.lessons.length, a.packVersion._count.lessons),
		})),
	}
}

/**
 * The training view: every current person with hours this year against their rule, open and
 * overdue assignments; overdue people first; contractor staff (CONTRACTOR, OUTSOURCED) apart.
 */
export async function getTrainingOverview(actor: EnterpriseActor, now = new Date()) {
	const enterpriseId = actor.enterpriseId
	const year = shanghaiYear(now)
	const today = shanghaiDate(now)
	const { start, end } = yearBounds(year)
	const [rule, people, ledgerOf, open, assignedThisYear, packStats] = await Promise.all([
		getHourRule(enterpriseId),
		db.person.findMany({
			where: { enterpriseId, dutyStatus: { not: 'LEFT' } },
			select: {
				id: true,
				name: true,
				post: true,
				hireDate: true,
				employmentType: true,
				department: { select: { name: true } },
				contractor: { select: { name: true } },
				user: { select: { roles: { select: { role: true } } } },
			},
		}),
		ledgers(enterpriseId, null, year),
		db.assignment.findMany({ where: { enterpriseId, status: { in: ['ASSIGNED', 'IN_PROGRESS'] } }, select: { personId: true, status: true, dueDate: true } }),
		db.assignment.findMany({
			where: { enterpriseId, status: { not: 'CANCELLED' }, createdAt: { gte: start, lt: end } },
			select: { personId: true },
			distinct: ['personId'],
		}),
		db.assignment.groupBy({
			by: ['packVersionId', 'status'],
			where: { enterpriseId, status: { not: 'CANCELLED' }, createdAt: { gte: start, lt: end } },
			_count: true,
		}),
	])
	const openBy = new Map<string, { open: number; overdue: number }>()
	for (const a of open) {
		const e = openBy.get(a.personId) ?? { open: 0, overdue: 0 }
		e.open++
		if (isOverdue(a, today)) e.overdue++
		openBy.set(a.personId, e)
	}
	const assigned = new Set(assignedThisYear.map((a) => a.personId))
	const rows = people.map((p) => {
		const managerial = p.user?.roles.some((r) => MANAGERIAL.includes(r.role)) ?? false
		const req = requirementFor(rule, { managerial, hireDate: p.hireDate }, year)
		const led = ledgerOf(p.id)
		const o = openBy.get(p.id) ?? { open: 0, overdue: 0 }
		const row: CoveragePerson & {
			post: string
			department: string | null
			contractorName: string | null
			employmentType: string
			requirementKind: string
			requiredHours: number
		} = {
			id: p.id,
			name: p.name,
			contractor: CONTRACTOR_TYPES.includes(p.employmentType as EmploymentType),
			requiredSeconds: req.seconds,
			requiredHours: req.hours,
			requirementKind: req.kind,
			seconds: led.totalSeconds,
			overdue: o.overdue,
			open: o.open,
			assignedThisYear: assigned.has(p.id),
			post: p.post,
			department: p.department?.name ?? null,
			contractorName: p.contractor?.name ?? null,
			employmentType: p.employmentType,
		}
		return row
	})
	const sorted = sortForTrainingView(rows)
	const versionIds = [...new Set(packStats.map((s) => s.packVersionId))]
	const versions = await db.packVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, packId: true, titleZh: true, titleEn: true } })
	const byPack = new Map<string, { packId: string; titleZh: string; titleEn: string; assigned: number; completed: number }>()
	for (const s of packStats) {
		const v = versions.find((x) => x.id === s.packVersionId)
		if (!v) continue
		const e = byPack.get(v.packId) ?? { packId: v.packId, titleZh: v.titleZh, titleEn: v.titleEn, assigned: 0, completed: 0 }
		e.assigned += s._count
		if (s.status === 'COMPLETED') e.completed += s._count
		byPack.set(v.packId, e)
	}
	return {
		year,
		rule,
		coverage: coverage(rows),
		staff: sorted.filter((r) => !r.contractor),
		contractors: sorted.filter((r) => r.contractor),
		packs: [...byPack.values()].sort((a, b) => b.assigned - a.assigned),
	}
}

/** Minutes of off-job (脱产) classroom training a person attended since an instant (retraining). */
export async function offJobMinutesSince(personId: string, since: Date): Promise<number> {
	const rows = await db.attendance.findMany({
		where: { personId, session: { offJob: true, startsAt: { gte: since } } },
		select: { session: { select: { minutes: true } } },
	})
	return rows.reduce((n, r) => n + r.session.minutes, 0)
}

/** The learner's home card: open courses, the next one due, hours this year. */
export async function getLearningReminder(actor: Actor, now = new Date()) {
	if (!actor.personId || !actor.enterpriseId) return null
	const today = shanghaiDate(now)
	const [open, hours] = await Promise.all([
		db.assignment.findMany({
			where: { personId: actor.personId, status: { in: ['ASSIGNED', 'IN_PROGRESS'] } },
			orderBy: { dueDate: 'asc' },
			select: { id: true, dueDate: true, status: true, packVersion: { select: { titleZh: true, titleEn: true } } },
		}),
		getMyHours(actor, now),
	])
	const next = open[0]
	return {
		open: open.length,
		overdue: open.filter((a) => isOverdue(a, today)).length,
		next: next ? { id: next.id, dueDate: next.dueDate, titleZh: next.packVersion.titleZh, titleEn: next.packVersion.titleEn } : null,
		hours: { year: hours.year, seconds: hours.ledger.totalSeconds, required: hours.requirement.hours, requiredSeconds: hours.requirement.seconds },
	}
}

/** The safety manager's home card: coverage this year and how many people are overdue. */
export async function getTrainingReminder(actor: EnterpriseActor, now = new Date()) {
	const o = await getTrainingOverview(actor, now)
	return { year: o.year, coverage: o.coverage }
}
