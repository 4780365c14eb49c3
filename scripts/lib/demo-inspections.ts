/**
 * Demo data for issue 4 at the fine-chemical plant (吕梁晋安精细化工):
 * - a filed 四不两直 inspection by the Jiaocheng inspector 16 days ago: principal, safety
 *   manager and four drawn workers sat their papers through the exam engine (the same path as
 *   on site: draw → attempt → answers → submit → grading hook); one worker failed, so a
 *   retraining case opened and he is suspended (training started);
 * - a 违章作业 record 3 days ago against a contractor fitter, with its open retraining case,
 *   not yet acknowledged.
 * The days are written as dates against DEMO_ANCHOR (like the drills) and kept as many days
 * before the day the seed runs.
 * Nobody with a listed demo sign-in is suspended, so the demo accounts keep their duty status.
 *
 * Idempotent: each part is skipped when the plant already has an inspection / a violation.
 */
import type { PrismaClient } from '../../app/generated/prisma/client.ts'
import { addDays, daysBetween } from '../../app/domain/calendar.ts'
import { saveAnswer, startAttempt, submitAttempt } from '../../app/domain/exam/attempts.server.ts'
import { spotCheckBlueprintCode } from '../../app/domain/exam/defaults.ts'
import { toDisplayKeys } from '../../app/domain/exam/paper.ts'
import type { PaperItem } from '../../app/domain/exam/types.ts'
import { closeInspection, createInspection, drawForInspection } from '../../app/domain/inspections.server.ts'
import { regionDescendants, type Actor, type Role } from '../../app/domain/policy.ts'
import { startTraining } from '../../app/domain/retraining.server.ts'
import type { ExamineeRole } from '../../app/domain/spot-check.ts'
import { drawExaminees } from '../../app/domain/spot-check.ts'
import { recordViolation } from '../../app/domain/violations.server.ts'
import { shanghaiDate } from '../../app/domain/time.ts'
import { db as appDb } from '../../app/utils/db.server.ts'
import { DEMO_ANCHOR } from './demo-drills.ts'

const PLANT_USCC_PREFIX = '91141122MA0K8JXN1'
const INSPECTOR = '13900000003'
const MANAGER = '13900000012'

/** Shanghai wall-clock → instant. */
const sh = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`)
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000)
/** A date of the story, as many days before `today` as it was before DEMO_ANCHOR. */
const storyDay = (date: string, today: string) => addDays(today, daysBetween(DEMO_ANCHOR, date))

async function actorOf(mobile: string): Promise<Actor> {
	const u = await appDb.user.findUniqueOrThrow({ where: { mobile }, include: { roles: true, person: true } })
	const regions = await appDb.region.findMany({ select: { id: true, parentId: true } })
	return {
		userId: u.id,
		displayName: u.displayName,
		roles: u.roles.map((r) => r.role as Role),
		personId: u.person?.id ?? null,
		enterpriseId: u.person?.enterpriseId ?? null,
		regionId: u.regionId,
		regionIds: u.regionId ? regionDescendants(regions, u.regionId) : [],
		mustChangePassword: false,
	}
}

/** Sit a paper at `at`: answer every question, `wrong` of them wrongly, and hand it in. */
async function sit(e: { id: string; personId: string; role: string; purpose: string }, at: Date, wrong: number) {
	const { attemptId } = await startAttempt(appDb, {
		personId: e.personId,
		blueprintCode: spotCheckBlueprintCode(e.role as ExamineeRole),
		purpose: e.purpose as 'SPOT_CHECK' | 'COMPETENCE',
		subjectType: 'SpotCheckExaminee',
		subjectId: e.id,
		maxAttempts: 1,
		now: at,
	})
	await appDb.spotCheckExaminee.update({ where: { id: e.id }, data: { attemptId, status: 'IN_PROGRESS', boundAt: at } })
	const attempt = await appDb.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })
	const paper = JSON.parse(attempt.paper) as PaperItem[]
	const questions = await appDb.question.findMany({ where: { id: { in: paper.map((p) => p.q) } }, select: { id: true, answer: true } })
	const answers = new Map(questions.map((q) => [q.id, JSON.parse(q.answer) as string[]]))
	// `wrong` answers spread over the paper: positions 0, step, 2·step, …
	const step = Math.max(1, Math.floor(paper.length / Math.max(1, wrong)))
	for (const [i, item] of paper.entries()) {
		const right = toDisplayKeys(item, answers.get(item.q) ?? [])
		const bad = wrong > 0 && i % step === 0 && i / step < wrong
		const choice = !bad ? right : item.t === 'TRUEFALSE' ? [right[0] === 'T' ? 'F' : 'T'] : ['ABCDEF'.slice(0, item.o.length).split('').find((k) => !right.includes(k))!]
		await saveAnswer({ attemptId, personId: e.personId, position: i, choice, now: plus(at, 1 + i * 0.5) })
	}
	await submitAttempt({ attemptId, personId: e.personId, now: plus(at, 2 + paper.length * 0.5) })
}

async function seedInspection(log: (s: string) => void, today: string) {
	const plant = await appDb.enterprise.findFirst({ where: { uscc: { startsWith: PLANT_USCC_PREFIX } } })
	if (!plant) return log('Inspections: demo plant missing, skipped.')
	if (await appDb.inspection.findFirst({ where: { enterpriseId: plant.id } })) return log('Inspections: present.')
	if (!(await appDb.question.count())) return log('Inspections: no question bank imported, skipped.')
	const inspector = await actorOf(INSPECTOR)
	const date = storyDay('2026-11-12', today)
	const at = sh(date, '09:30')
	const inspection = await createInspection(
		inspector,
		{ enterpriseId: plant.id, date, method: 'FOUR_NO_TWO_STRAIGHT', team: '王建军、李晓燕（交城县应急管理局）', notes: '重点检查硝化车间特殊作业票证管理，现场抽考。' },
		at,
	)
	// Pick a seed whose draw leaves the listed demo accounts alone (they are used in walkthroughs).
	const logins = new Set(
		(await appDb.user.findMany({ where: { person: { enterpriseId: plant.id }, passwordHash: { not: '' } }, select: { personId: true } })).map((u) => u.personId),
	)
	const people = await appDb.person.findMany({
		where: { enterpriseId: plant.id, dutyStatus: { not: 'LEFT' } },
		select: { id: true, dutyStatus: true, employmentType: true, departmentId: true, post: true, user: { select: { roles: { select: { role: true } } } } },
	})
	const roster = people.map((p) => ({ ...p, roles: p.user?.roles.map((r) => r.role) ?? [] }))
	let n = 0
	while (drawExaminees(roster, `demo-${n}`, 4).workers.some((id) => logins.has(id))) n++
	await drawForInspection(inspector, inspection.id, { count: 4, departmentId: null, post: null }, at, { seed: `demo-${n}` })

	const examinees = await appDb.spotCheckExaminee.findMany({ where: { inspectionId: inspection.id }, orderBy: { ord: 'asc' } })
	const workers = examinees.filter((e) => e.role === 'WORKER')
	for (const [k, e] of examinees.entries()) {
		const failing = e.id === workers[workers.length - 1]?.id
		await sit(e, plus(at, 10 + k * 3), failing ? 8 : e.role === 'WORKER' ? 2 : 3)
	}
	await closeInspection(inspector, inspection.id, plus(at, 120))
	const failed = await appDb.spotCheckExaminee.findFirst({ where: { inspectionId: inspection.id, status: 'FAILED' } })
	if (failed?.caseId) {
		const person = await appDb.person.findUniqueOrThrow({ where: { id: failed.personId }, include: { user: true } })
		if (person.user) await startTraining(await actorOf(person.user.mobile), failed.caseId, sh(storyDay('2026-11-13', today), '08:30'))
	}
	log(`Inspections: ${date} inspection with ${examinees.length} examinees (seed demo-${n}).`)
}

async function seedViolation(log: (s: string) => void, today: string) {
	const plant = await appDb.enterprise.findFirst({ where: { uscc: { startsWith: PLANT_USCC_PREFIX } } })
	if (!plant) return
	if (await appDb.violation.findFirst({ where: { enterpriseId: plant.id } })) return log('Violations: present.')
	const manager = (await actorOf(MANAGER)) as Actor & { enterpriseId: string }
	const fitter = await appDb.person.findFirst({
		where: { enterpriseId: plant.id, post: '检修工', employmentType: 'CONTRACTOR', dutyStatus: 'ON_POST', user: { passwordHash: '' } },
		orderBy: { mobile: 'asc' },
	})
	if (!fitter) return log('Violations: no contractor fitter on post, skipped.')
	const area = await appDb.area.findFirst({ where: { enterpriseId: plant.id, name: '硝化车间' } })
	await recordViolation(
		manager,
		{
			personId: fitter.id,
			type: 'OPERATION',
			occurredAt: sh(storyDay('2026-11-25', today), '14:20'),
			areaId: area?.id ?? null,
			place: '二层 3# 硝化釜东侧检修平台',
			description: '动火作业票未经审批签字即开始切割管线；作业点 10 米内未做可燃气体分析，监护人不在现场。',
			foundBy: '韩立新（安全环保部巡检）',
		},
		sh(storyDay('2026-11-25', today), '15:05'),
	)
	log(`Violations: 违章作业 record for ${fitter.name}, retraining case open.`)
}

export async function seedDemoInspections(_db: PrismaClient, opts: { log?: (s: string) => void; now?: Date } = {}): Promise<void> {
	const log = opts.log ?? (() => {})
	const today = shanghaiDate(opts.now ?? new Date())
	await seedInspection(log, today)
	await seedViolation(log, today)
}
