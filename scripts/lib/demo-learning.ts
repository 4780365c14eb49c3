/**
 * Demo learning history (issue 3): classroom sessions with attendance earlier this year, course
 * assignments with believable progress (lessons finished, server-credited study seconds in the
 * yearly ledger), an overdue special course in the tank farm, a few practice answers, and the
 * demo worker (13900000013) in the middle of two courses. Dates are relative to `now`, inside
 * the current Shanghai year, so the coverage view looks alive whenever the demo is loaded.
 *
 * Deterministic (seeded RNG) and idempotent: skipped when the fine-chemical plant already has
 * its first classroom session. Needs the course packs (content import runs first).
 */
import type { PrismaClient } from '../../app/generated/prisma/client.ts'
import { addDays } from '../../app/domain/calendar.ts'
import { lessonCapSeconds, minReadingSeconds } from '../../app/domain/learning/study-time.ts'
import { shanghaiDate, shanghaiYear, startOfShanghaiDay } from '../../app/domain/time.ts'

type Db = PrismaClient
type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]

const MARK_TOPIC = '年度全员安全生产再培训（第一期）'

function mulberry32(seed: number) {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

/** A Shanghai wall-clock instant on `date` at `hour:minute`. */
function at(date: string, hour: number, minute = 0): Date {
	return new Date(startOfShanghaiDay(date).getTime() + (hour * 60 + minute) * 60_000)
}

type SessionSpec = { topic: string; trainer: string; place: string; fraction: number; startHour: number; hours: number; offJob: boolean; who: (p: DemoPerson) => boolean; rate: number }
type DemoPerson = { id: string; mobile: string; employmentType: string; post: string; department: string | null; managerial: boolean }
type AssignSpec = { packId: string; reason: string; who: (p: DemoPerson) => boolean; dueInDays: number; assignedDaysAgo: number; progress: [number, number] }

const PLAN: Record<string, { sessions: SessionSpec[]; assignments: AssignSpec[] }> = {
	'吕梁晋安精细化工有限公司': {
		sessions: [
			{ topic: MARK_TOPIC, trainer: '韩立新', place: '综合办公楼三楼培训室', fraction: 0.12, startHour: 8, hours: 8, offJob: true, who: (p) => p.employmentType !== 'CONTRACTOR' && p.employmentType !== 'OUTSOURCED', rate: 0.9 },
			{ topic: '硝化工艺安全操作规程与联锁管理', trainer: '生产技术部 李工', place: '硝化车间会议室', fraction: 0.35, startHour: 14, hours: 4, offJob: false, who: (p) => p.department === '硝化车间', rate: 0.85 },
			{ topic: '受限空间与动火作业专项培训（承包商）', trainer: '韩立新', place: '综合办公楼三楼培训室', fraction: 0.5, startHour: 9, hours: 6, offJob: false, who: (p) => p.employmentType === 'CONTRACTOR' || p.employmentType === 'OUTSOURCED', rate: 0.8 },
			{ topic: '承包商入厂安全教育及年度再培训', trainer: '韩立新', place: '综合办公楼三楼培训室', fraction: 0.3, startHour: 8, hours: 8, offJob: true, who: (p) => p.employmentType === 'CONTRACTOR' || p.employmentType === 'OUTSOURCED', rate: 0.8 },
			{ topic: '年度全员安全生产再培训（第二期）', trainer: '韩立新', place: '综合办公楼三楼培训室', fraction: 0.6, startHour: 8, hours: 8, offJob: true, who: (p) => p.employmentType !== 'CONTRACTOR' && p.employmentType !== 'OUTSOURCED', rate: 0.85 },
			{ topic: '三违警示教育及事故案例分析', trainer: '安全环保部 王工', place: '综合办公楼三楼培训室', fraction: 0.78, startHour: 14, hours: 4, offJob: false, who: () => true, rate: 0.85 },
			{ topic: '重大危险源罐区应急处置与疏散', trainer: '储运部 赵工', place: '罐区及装卸站', fraction: 0.85, startHour: 15, hours: 2, offJob: false, who: (p) => p.department === '储运部', rate: 0.8 },
		],
		assignments: [
			{ packId: 'hidden-danger-2017', reason: 'ANNUAL', who: (p) => !p.managerial, dueInDays: 33, assignedDaysAgo: 40, progress: [0, 1] },
			{ packId: 'principal-duties', reason: 'ANNUAL', who: (p) => p.managerial, dueInDays: 33, assignedDaysAgo: 40, progress: [0.3, 1] },
			{ packId: 'special-operations-2022', reason: 'SPECIAL', who: (p) => p.post === '罐区操作工', dueInDays: -9, assignedDaysAgo: 50, progress: [0, 0.6] },
			{ packId: 'evacuation-self-rescue', reason: 'SPECIAL', who: (p) => p.mobile === '13900000013' || p.department === '加氢车间', dueInDays: 14, assignedDaysAgo: 5, progress: [0, 0] },
		],
	},
	'吕梁石化储运有限公司孝义油库': {
		sessions: [
			{ topic: MARK_TOPIC, trainer: '崔玉萍', place: '库区办公楼会议室', fraction: 0.15, startHour: 8, hours: 8, offJob: true, who: () => true, rate: 0.9 },
			{ topic: '年中安全生产再培训', trainer: '崔玉萍', place: '库区办公楼会议室', fraction: 0.45, startHour: 8, hours: 8, offJob: true, who: () => true, rate: 0.85 },
			{ topic: '油罐区动火与受限空间作业', trainer: '崔玉萍', place: '库区办公楼会议室', fraction: 0.7, startHour: 9, hours: 4, offJob: false, who: (p) => p.post !== '文员', rate: 0.8 },
		],
		assignments: [{ packId: 'three-violations', reason: 'ANNUAL', who: () => true, dueInDays: 45, assignedDaysAgo: 30, progress: [0, 1] }],
	},
	'离石区城北加油加气站': {
		sessions: [
			{ topic: MARK_TOPIC, trainer: '常艳', place: '站房二层', fraction: 0.2, startHour: 13, hours: 7, offJob: false, who: () => true, rate: 0.95 },
			{ topic: '加油加气站动火、卸油作业安全', trainer: '常艳', place: '站房二层', fraction: 0.5, startHour: 13, hours: 7, offJob: false, who: () => true, rate: 0.85 },
			{ topic: '加气站泄漏应急处置与疏散', trainer: '常艳', place: '加油加气作业区', fraction: 0.8, startHour: 14, hours: 6, offJob: false, who: () => true, rate: 0.8 },
		],
		assignments: [{ packId: 'evacuation-self-rescue', reason: 'ANNUAL', who: () => true, dueInDays: 20, assignedDaysAgo: 25, progress: [0, 1] }],
	},
}

export async function seedDemoLearning(db: Db, opts: { log?: (s: string) => void; now?: Date } = {}): Promise<boolean> {
	const log = opts.log ?? (() => {})
	const now = opts.now ?? new Date()
	if (!(await db.pack.count())) {
		log('Learning demo: no course packs imported; skipped (run npm run content:import, then seed again).')
		return false
	}
	const plant = await db.enterprise.findFirst({ where: { name: '吕梁晋安精细化工有限公司' } })
	if (!plant) return false
	if (await db.classroomSession.findFirst({ where: { enterpriseId: plant.id, topic: MARK_TOPIC } })) {
		log('Learning demo already present.')
		return false
	}
	const today = shanghaiDate(now)
	const year = shanghaiYear(now)
	const jan1 = `${year}-01-01`
	const elapsedDays = Math.max(0, Math.round((startOfShanghaiDay(today).getTime() - startOfShanghaiDay(jan1).getTime()) / 86_400_000))
	await db.$transaction(
		async (tx) => {
			let seed = 2026_3
			for (const [name, plan] of Object.entries(PLAN)) {
				const e = await tx.enterprise.findFirst({ where: { name } })
				if (!e) continue
				const rand = mulberry32(seed++)
				const manager = await tx.person.findFirst({ where: { enterpriseId: e.id, user: { roles: { some: { role: 'SAFETY_MANAGER' } } } }, include: { user: true } })
				const people: DemoPerson[] = (
					await tx.person.findMany({
						where: { enterpriseId: e.id, dutyStatus: { not: 'LEFT' } },
						orderBy: { mobile: 'asc' },
						select: { id: true, mobile: true, employmentType: true, post: true, department: { select: { name: true } }, user: { select: { roles: true } } },
					})
				).map((p) => ({
					id: p.id,
					mobile: p.mobile,
					employmentType: p.employmentType,
					post: p.post,
					department: p.department?.name ?? null,
					managerial: !!p.user?.roles.some((r) => r.role === 'PRINCIPAL' || r.role === 'SAFETY_MANAGER'),
				}))
				let attendances = 0
				for (const s of plan.sessions) {
					const date = addDays(jan1, Math.floor(elapsedDays * s.fraction))
					const startsAt = at(date, s.startHour)
					const session = await tx.classroomSession.create({
						data: {
							enterpriseId: e.id,
							topic: s.topic,
							trainer: s.trainer,
							place: s.place,
							startsAt,
							endsAt: new Date(startsAt.getTime() + (s.hours + 1) * 3600_000),
							minutes: s.hours * 60,
							offJob: s.offJob,
							createdByUserId: manager?.user?.id ?? 'seed',
							createdAt: new Date(startsAt.getTime() - 7 * 86_400_000),
						},
					})
					const attendees = people.filter((p) => s.who(p) && (p.mobile === '13900000013' || rand() < s.rate))
					await tx.attendance.createMany({
						data: attendees.map((p) => ({
							sessionId: session.id,
							personId: p.id,
							method: rand() < 0.8 ? 'QR' : 'MANUAL',
							at: new Date(startsAt.getTime() + Math.floor(rand() * 20) * 60_000 - 10 * 60_000),
							recordedByUserId: manager?.user?.id ?? null,
						})),
					})
					attendances += attendees.length
				}
				// One session still to come: no attendance yet.
				const upcoming = at(addDays(today, 3), 9)
				await tx.classroomSession.create({
					data: { enterpriseId: e.id, topic: '冬季防冻防凝及应急疏散培训', trainer: manager?.name ?? '安全管理人员', place: '培训室', startsAt: upcoming, endsAt: new Date(upcoming.getTime() + 3 * 3600_000), minutes: 120, offJob: false, createdByUserId: manager?.user?.id ?? 'seed' },
				})
				let assignments = 0
				for (const spec of plan.assignments) {
					const version = await tx.packVersion.findFirst({ where: { packId: spec.packId }, orderBy: { number: 'desc' }, include: { lessons: { orderBy: { ord: 'asc' } } } })
					if (!version) continue
					const openAlready = await tx.assignment.findMany({ where: { enterpriseId: e.id, status: { in: ['ASSIGNED', 'IN_PROGRESS'] }, packVersion: { packId: spec.packId } }, select: { personId: true } })
					const busy = new Set(openAlready.map((a) => a.personId))
					for (const p of people.filter((x) => spec.who(x) && !busy.has(x.id))) {
						const createdAt = new Date(now.getTime() - spec.assignedDaysAgo * 86_400_000)
						const isDemoWorker = p.mobile === '13900000013'
						// The demo worker is halfway through the hidden-danger course and has not begun evacuation.
						const share = isDemoWorker ? (spec.packId === 'hidden-danger-2017' ? 3 / version.lessons.length : 0) : spec.progress[0] + rand() * (spec.progress[1] - spec.progress[0])
						const done = Math.min(version.lessons.length, Math.floor(share * version.lessons.length + 1e-9))
						const started = done > 0 || (isDemoWorker && spec.packId === 'hidden-danger-2017')
						const a = await tx.assignment.create({
							data: {
								enterpriseId: e.id,
								personId: p.id,
								packVersionId: version.id,
								reason: spec.reason,
								dueDate: addDays(today, spec.dueInDays),
								status: started ? 'IN_PROGRESS' : 'ASSIGNED',
								assignedByUserId: manager?.user?.id ?? null,
								createdAt,
								startedAt: started ? new Date(createdAt.getTime() + 2 * 86_400_000) : null,
							},
						})
						assignments++
						let t = createdAt.getTime() + 2 * 86_400_000
						const lessonsToTouch = version.lessons.slice(0, done + (isDemoWorker && started ? 1 : 0))
						for (const [i, lesson] of lessonsToTouch.entries()) {
							const finished = i < done
							const seconds = finished
								? Math.min(lessonCapSeconds(lesson.minutes), Math.round(minReadingSeconds(lesson.minutes) * (1.1 + rand() * 0.6)))
								: 5 * 60 + 20
							t += Math.floor((0.5 + rand()) * 86_400_000)
							const openedAt = new Date(Math.min(t, now.getTime() - 3600_000))
							await writeStudy(tx, { assignmentId: a.id, personId: p.id, enterpriseId: e.id, lessonId: lesson.id, seconds, openedAt, finished })
						}
					}
				}
				log(`  ${name}: ${plan.sessions.length + 1} classroom sessions (${attendances} attendances), ${assignments} course assignments`)
			}
			await seedPractice(tx, now)
			// The plant chose its induction courses; the other two keep the default (every worker course).
			const onboarding = ['three-violations', 'evacuation-self-rescue', 'hidden-danger-2017']
			if ((await tx.pack.count({ where: { id: { in: onboarding } } })) === onboarding.length)
				await tx.hourRule.upsert({ where: { enterpriseId: plant.id }, create: { enterpriseId: plant.id, onboardingPacks: JSON.stringify(onboarding) }, update: {} })
		},
		{ timeout: 120_000 },
	)
	return true
}

async function writeStudy(
	tx: Tx,
	s: { assignmentId: string; personId: string; enterpriseId: string; lessonId: string; seconds: number; openedAt: Date; finished: boolean },
) {
	const closedAt = new Date(s.openedAt.getTime() + s.seconds * 1000)
	await tx.studySession.create({
		data: { personId: s.personId, assignmentId: s.assignmentId, lessonId: s.lessonId, startedAt: s.openedAt, lastAt: closedAt, beats: Math.ceil(s.seconds / 20), credited: s.seconds, closedAt },
	})
	await tx.lessonProgress.create({
		data: { assignmentId: s.assignmentId, lessonId: s.lessonId, seconds: s.seconds, scroll: s.finished ? 1 : 0.35, firstOpenedAt: s.openedAt, lastOpenedAt: s.openedAt, completedAt: s.finished ? closedAt : null },
	})
	const year = shanghaiYear(s.openedAt)
	await tx.studyRecord.upsert({
		where: { personId_lessonId_year: { personId: s.personId, lessonId: s.lessonId, year } },
		create: { personId: s.personId, lessonId: s.lessonId, year, enterpriseId: s.enterpriseId, seconds: s.seconds },
		update: { seconds: { increment: s.seconds } },
	})
}

/** The demo worker practised the hidden-danger course: two mistakes wait in the wrong-answer book. */
async function seedPractice(tx: Tx, now: Date) {
	const worker = await tx.person.findFirst({ where: { mobile: '13900000013' } })
	const version = await tx.packVersion.findFirst({ where: { packId: 'hidden-danger-2017' }, orderBy: { number: 'desc' } })
	if (!worker || !version) return
	const questions = await tx.question.findMany({ where: { packVersionId: version.id }, orderBy: { key: 'asc' }, take: 6 })
	for (const [i, q] of questions.entries()) {
		const answer = JSON.parse(q.answer) as string[]
		const wrong = i === 1 || i === 4
		const options = q.type === 'TRUEFALSE' ? ['T', 'F'] : (JSON.parse(q.options) as { key: string }[]).map((o) => o.key)
		const chosen = wrong ? [options.find((k) => !answer.includes(k)) ?? options[0]!] : answer
		await tx.practiceAnswer.create({
			data: { personId: worker.id, packVersionId: version.id, questionId: q.id, chosen: JSON.stringify(chosen), correct: !wrong, at: new Date(now.getTime() - (2 * 86_400_000 - i * 90_000)) },
		})
	}
}
