/**
 * The learner's side: their assignments, the lesson reader's study sessions and heartbeats,
 * completing lessons. Every function takes the signed-in actor and only ever touches that
 * person's own assignments — anyone else's id is "not found".
 */
import type { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import type { Actor } from '../policy.ts'
import { NotFoundError, RuleError } from '../roster.server.ts'
import { shanghaiDate } from '../time.ts'
import { isOverdue, progressPercent } from './rules.ts'
import {
	isStale,
	lessonCapSeconds,
	measureCredit,
	minReadingSeconds,
	minutesAndSeconds,
	planCredit,
	secondsLeftToComplete,
	type SettleKind,
} from './study-time.ts'

type Tx = Prisma.TransactionClient

function learnerId(actor: Actor): string {
	if (!actor.personId) throw new NotFoundError()
	return actor.personId
}

/** "My learning": open assignments first (overdue, then by due date), then finished ones. */
export async function listMyAssignments(actor: Actor, now = new Date()) {
	const personId = learnerId(actor)
	const today = shanghaiDate(now)
	const rows = await db.assignment.findMany({
		where: { personId, status: { not: 'CANCELLED' } },
		orderBy: [{ dueDate: 'asc' }, { createdAt: 'asc' }],
		select: {
			id: true,
			reason: true,
			dueDate: true,
			status: true,
			completedAt: true,
			packVersion: { select: { packId: true, titleZh: true, titleEn: true, minutes: true, _count: { select: { lessons: true } } } },
			lessons: { where: { completedAt: { not: null } }, select: { lessonId: true } },
		},
	})
	const list = rows.map((a) => ({
		id: a.id,
		reason: a.reason,
		dueDate: a.dueDate,
		status: a.status,
		completedAt: a.completedAt,
		overdue: isOverdue(a, today),
		pack: { id: a.packVersion.packId, titleZh: a.packVersion.titleZh, titleEn: a.packVersion.titleEn, minutes: a.packVersion.minutes },
		lessonsDone: a.lessons.length,
		lessonsTotal: a.packVersion._count.lessons,
		percent: progressPercent(a.lessons.length, a.packVersion._count.lessons),
	}))
	const open = list.filter((a) => a.status !== 'COMPLETED').sort((x, y) => Number(y.overdue) - Number(x.overdue) || x.dueDate.localeCompare(y.dueDate))
	const done = list.filter((a) => a.status === 'COMPLETED').sort((x, y) => (y.completedAt?.getTime() ?? 0) - (x.completedAt?.getTime() ?? 0))
	return { open, done }
}

async function ownAssignment(personId: string, assignmentId: string) {
	const a = await db.assignment.findFirst({
		where: { id: assignmentId, personId, status: { not: 'CANCELLED' } },
		include: {
			packVersion: {
				select: {
					id: true,
					packId: true,
					titleZh: true,
					titleEn: true,
					summaryZh: true,
					summaryEn: true,
					noticeZh: true,
					noticeEn: true,
					edition: true,
					minutes: true,
					lessons: { orderBy: { ord: 'asc' }, select: { id: true, key: true, ord: true, titleZh: true, titleEn: true, minutes: true } },
					_count: { select: { questions: true } },
				},
			},
			lessons: true,
		},
	})
	if (!a) throw new NotFoundError()
	return a
}

/** The pack page of one assignment: lessons with progress, where to resume, exam availability. */
export async function getMyAssignment(actor: Actor, assignmentId: string, now = new Date()) {
	const personId = learnerId(actor)
	const a = await ownAssignment(personId, assignmentId)
	const progress = new Map(a.lessons.map((l) => [l.lessonId, l]))
	const lessons = a.packVersion.lessons.map((l) => {
		const p = progress.get(l.id)
		return {
			key: l.key,
			titleZh: l.titleZh,
			titleEn: l.titleEn,
			minutes: l.minutes,
			seconds: p?.seconds ?? 0,
			minSeconds: minReadingSeconds(l.minutes),
			opened: !!p,
			completed: !!p?.completedAt,
			lastOpenedAt: p?.lastOpenedAt ?? null,
		}
	})
	const done = lessons.filter((l) => l.completed).length
	// Resume: the lesson last opened and not finished, else the first one not finished.
	const unfinished = lessons.filter((l) => !l.completed)
	const lastOpened = unfinished.filter((l) => l.lastOpenedAt).sort((x, y) => y.lastOpenedAt!.getTime() - x.lastOpenedAt!.getTime())[0]
	const resumeKey = (lastOpened ?? unfinished[0])?.key ?? null
	const pv = a.packVersion
	return {
		id: a.id,
		reason: a.reason,
		dueDate: a.dueDate,
		status: a.status,
		completedAt: a.completedAt,
		overdue: isOverdue(a, shanghaiDate(now)),
		pack: {
			id: pv.packId,
			versionId: pv.id,
			titleZh: pv.titleZh,
			titleEn: pv.titleEn,
			summaryZh: pv.summaryZh,
			summaryEn: pv.summaryEn,
			noticeZh: pv.noticeZh,
			noticeEn: pv.noticeEn,
			edition: pv.edition,
			minutes: pv.minutes,
			questions: pv._count.questions,
		},
		lessons,
		lessonsDone: done,
		percent: progressPercent(done, lessons.length),
		allLessonsDone: lessons.length > 0 && done === lessons.length,
		resumeKey,
	}
}

// ── Study sessions ──

type SessionRow = { id: string; assignmentId: string; lessonId: string; personId: string; lastAt: Date; beats: number; credited: number; startedAt: Date }

/** Credit a session at `now` and move its checkpoint; returns the seconds added to progress. */
async function settle(tx: Tx, s: SessionRow, kind: SettleKind, now: Date, enterpriseId: string, close: boolean): Promise<number> {
	const lesson = await tx.lesson.findUniqueOrThrow({ where: { id: s.lessonId }, select: { minutes: true } })
	const measured = measureCredit(s, kind, now, lesson.minutes * 60)
	const progress = await tx.lessonProgress.findUnique({ where: { assignmentId_lessonId: { assignmentId: s.assignmentId, lessonId: s.lessonId } } })
	const records = await tx.studyRecord.findMany({ where: { personId: s.personId, lessonId: s.lessonId }, select: { year: true, seconds: true } })
	const plan = planCredit(measured, now, lesson.minutes, progress?.seconds ?? 0, (y) => records.find((r) => r.year === y)?.seconds ?? 0)
	await tx.studySession.update({
		where: { id: s.id },
		data: {
			lastAt: now > s.lastAt ? now : s.lastAt,
			beats: kind === 'page' ? s.beats : s.beats + 1,
			credited: s.credited + plan.session,
			closedAt: close ? now : undefined,
		},
	})
	if (plan.progress > 0 && progress)
		await tx.lessonProgress.update({
			where: { assignmentId_lessonId: { assignmentId: s.assignmentId, lessonId: s.lessonId } },
			data: { seconds: { increment: plan.progress } },
		})
	for (const y of plan.years)
		await tx.studyRecord.upsert({
			where: { personId_lessonId_year: { personId: s.personId, lessonId: s.lessonId, year: y.year } },
			create: { personId: s.personId, lessonId: s.lessonId, year: y.year, enterpriseId, seconds: y.seconds },
			update: { seconds: { increment: y.seconds } },
		})
	return progress ? plan.progress : 0
}

async function enterpriseOf(personId: string): Promise<string> {
	const p = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { enterpriseId: true } })
	return p.enterpriseId
}

/**
 * Open a lesson in the reader: settle any other open session of the learner (page-to-page
 * timing), reuse this lesson's open session unless stale, record where the learner is.
 * Safe to call again on reload: it never starts a second session for the same lesson.
 */
export async function openLesson(actor: Actor, assignmentId: string, lessonKey: string, now = new Date()) {
	const personId = learnerId(actor)
	const a = await ownAssignment(personId, assignmentId)
	const lessons = a.packVersion.lessons
	const idx = lessons.findIndex((l) => l.key === lessonKey)
	if (idx < 0) throw new NotFoundError()
	const meta = lessons[idx]!
	const enterpriseId = a.enterpriseId
	const readOnly = a.status === 'COMPLETED'
	const sessionId = await db.$transaction(async (tx) => {
		const open = await tx.studySession.findMany({ where: { personId, closedAt: null } })
		let current: SessionRow | null = null
		for (const s of open) {
			if (!readOnly && s.assignmentId === a.id && s.lessonId === meta.id && !isStale(s, now) && !current) current = s
			else await settle(tx, s, 'page', now, enterpriseId, true)
		}
		if (readOnly) return null
		await tx.lessonProgress.upsert({
			where: { assignmentId_lessonId: { assignmentId: a.id, lessonId: meta.id } },
			create: { assignmentId: a.id, lessonId: meta.id, firstOpenedAt: now, lastOpenedAt: now },
			update: { lastOpenedAt: now },
		})
		if (a.status === 'ASSIGNED') await tx.assignment.update({ where: { id: a.id }, data: { status: 'IN_PROGRESS', startedAt: now } })
		if (current) return current.id
		const created = await tx.studySession.create({
			data: { personId, assignmentId: a.id, lessonId: meta.id, startedAt: now, lastAt: now },
		})
		return created.id
	})
	const full = await db.lesson.findUniqueOrThrow({ where: { id: meta.id }, select: { body: true, sources: true } })
	const progress = await db.lessonProgress.findUnique({ where: { assignmentId_lessonId: { assignmentId: a.id, lessonId: meta.id } } })
	const seconds = progress?.seconds ?? 0
	const pv = a.packVersion
	return {
		assignmentId: a.id,
		sessionId,
		readOnly,
		pack: { id: pv.packId, titleZh: pv.titleZh, titleEn: pv.titleEn, noticeZh: pv.noticeZh, noticeEn: pv.noticeEn, edition: pv.edition },
		lesson: {
			key: meta.key,
			titleZh: meta.titleZh,
			titleEn: meta.titleEn,
			minutes: meta.minutes,
			body: full.body,
			sources: parseSources(full.sources),
			index: idx,
			count: lessons.length,
		},
		prevKey: lessons[idx - 1]?.key ?? null,
		nextKey: lessons[idx + 1]?.key ?? null,
		seconds,
		minSeconds: minReadingSeconds(meta.minutes),
		capSeconds: lessonCapSeconds(meta.minutes),
		secondsLeft: secondsLeftToComplete(seconds, meta.minutes),
		completed: !!progress?.completedAt,
		scroll: progress?.scroll ?? 0,
	}
}

function parseSources(json: string): string[] {
	try {
		const v: unknown = JSON.parse(json)
		return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
	} catch {
		return []
	}
}

export type BeatResult = { ok: true; seconds: number; secondsLeft: number } | { ok: false; closed: true }

/** A heartbeat from the reader (or a "resume" after the page was hidden). */
export async function heartbeat(actor: Actor, sessionId: string, kind: 'beat' | 'resume', scroll: number | null, now = new Date()): Promise<BeatResult> {
	const personId = learnerId(actor)
	const enterpriseId = await enterpriseOf(personId)
	// Read and credit in one transaction: two beats racing (a timer and a hide) must not both
	// credit the same gap.
	return db.$transaction(async (tx): Promise<BeatResult> => {
		const s = await tx.studySession.findFirst({ where: { id: sessionId, personId } })
		if (!s) throw new NotFoundError()
		if (s.closedAt) return { ok: false, closed: true }
		await settle(tx, s, kind, now, enterpriseId, false)
		const lesson = await tx.lesson.findUniqueOrThrow({ where: { id: s.lessonId }, select: { minutes: true } })
		const p = await tx.lessonProgress.update({
			where: { assignmentId_lessonId: { assignmentId: s.assignmentId, lessonId: s.lessonId } },
			data: scroll === null ? {} : { scroll: Math.min(1, Math.max(0, scroll)) },
		})
		return { ok: true as const, seconds: p.seconds, secondsLeft: secondsLeftToComplete(p.seconds, lesson.minutes) }
	})
}

/**
 * "I have finished this lesson": settle the open session first (the time up to this click
 * counts), then refuse with the time left if the minimum reading time is not reached.
 */
export async function completeLesson(actor: Actor, assignmentId: string, lessonKey: string, now = new Date()) {
	const personId = learnerId(actor)
	const a = await ownAssignment(personId, assignmentId)
	if (a.status === 'COMPLETED') return { alreadyDone: true as const }
	const meta = a.packVersion.lessons.find((l) => l.key === lessonKey)
	if (!meta) throw new NotFoundError()
	const result = await db.$transaction(async (tx) => {
		const open = await tx.studySession.findFirst({ where: { personId, assignmentId: a.id, lessonId: meta.id, closedAt: null }, orderBy: { startedAt: 'desc' } })
		if (open) await settle(tx, open, 'page', now, a.enterpriseId, false)
		const p = await tx.lessonProgress.findUnique({ where: { assignmentId_lessonId: { assignmentId: a.id, lessonId: meta.id } } })
		if (!p) return { left: minReadingSeconds(meta.minutes) }
		if (p.completedAt) return { left: 0 }
		const left = secondsLeftToComplete(p.seconds, meta.minutes)
		if (left > 0) return { left }
		await tx.lessonProgress.update({ where: { assignmentId_lessonId: { assignmentId: a.id, lessonId: meta.id } }, data: { completedAt: now } })
		if (open) await tx.studySession.update({ where: { id: open.id }, data: { closedAt: now } })
		return { left: 0 }
	})
	if (result.left > 0) {
		const { minutes, seconds } = minutesAndSeconds(result.left)
		throw new RuleError(null, 'learning:tooEarly', { minutes, seconds })
	}
	// On to the next lesson not yet finished (after this one first); back to the pack when none is left.
	const lessons = a.packVersion.lessons
	const idx = lessons.findIndex((l) => l.id === meta.id)
	const finished = new Set(a.lessons.filter((l) => l.completedAt).map((l) => l.lessonId).concat(meta.id))
	const next = [...lessons.slice(idx + 1), ...lessons.slice(0, idx)].find((l) => !finished.has(l.id))
	return { alreadyDone: false as const, nextKey: next?.key ?? null }
}
