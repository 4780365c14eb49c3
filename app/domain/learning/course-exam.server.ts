/**
 * The course exam that ends an assignment: an exam-engine attempt (blueprint COURSE_EXAM,
 * purpose COURSE) restricted to the assignment's own pack version, linked to the assignment
 * through subjectType 'Assignment'. Passing it completes the assignment
 * (course-exam-hook.server.ts, registered with the engine).
 */
import { db } from '~/utils/db.server.ts'
import { getAttemptSummaries, startAttempt } from '../exam/attempts.server.ts'
import type { Actor } from '../policy.ts'
import { NotFoundError, RuleError } from '../roster.server.ts'

export const COURSE_EXAM_BLUEPRINT = 'COURSE_EXAM'
export const ASSIGNMENT_SUBJECT = 'Assignment'

async function ownOpenAssignment(actor: Actor, assignmentId: string) {
	if (!actor.personId) throw new NotFoundError()
	const a = await db.assignment.findFirst({
		where: { id: assignmentId, personId: actor.personId, status: { not: 'CANCELLED' } },
		select: {
			id: true,
			status: true,
			enterpriseId: true,
			packVersionId: true,
			packVersion: { select: { _count: { select: { lessons: true } } } },
			lessons: { where: { completedAt: { not: null } }, select: { lessonId: true } },
		},
	})
	if (!a) throw new NotFoundError()
	return a
}

/** Start (or resume) the course exam; every lesson must be finished first. */
export async function startCourseExam(actor: Actor, assignmentId: string, now = new Date()): Promise<string> {
	const a = await ownOpenAssignment(actor, assignmentId)
	if (a.status === 'COMPLETED') throw new RuleError(null, 'learning:examAlreadyPassed')
	if (a.lessons.length < a.packVersion._count.lessons) throw new RuleError(null, 'learning:lessonsFirst')
	const { attemptId } = await startAttempt(db, {
		personId: actor.personId!,
		enterpriseId: a.enterpriseId,
		blueprintCode: COURSE_EXAM_BLUEPRINT,
		scope: { packVersionIds: [a.packVersionId] },
		purpose: 'COURSE',
		subjectType: ASSIGNMENT_SUBJECT,
		subjectId: a.id,
		actorUserId: actor.userId,
		now,
	})
	return attemptId
}

/** The assignment's course-exam attempts, newest first (statuses brought up to date). */
export async function listCourseExamAttempts(actor: Actor, assignmentId: string, now = new Date()) {
	const a = await ownOpenAssignment(actor, assignmentId)
	const rows = await db.examAttempt.findMany({
		where: { personId: actor.personId!, subjectType: ASSIGNMENT_SUBJECT, subjectId: a.id, purpose: 'COURSE' },
		orderBy: { startedAt: 'desc' },
		take: 20,
		select: { id: true },
	})
	const summaries = await getAttemptSummaries(
		rows.map((r) => r.id),
		now,
	)
	return summaries.sort((x, y) => y.startedAt.getTime() - x.startedAt.getTime())
}
