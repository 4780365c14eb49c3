/**
 * Registered with the exam engine (app/domain/exam/hook-registrations.server.ts): a passed
 * COURSE attempt whose subject is an assignment completes that assignment, inside the grading
 * transaction.
 */
import { onAttemptGraded } from '../exam/hooks.server.ts'
import { completeAssignmentByExam } from './assignments.server.ts'

onAttemptGraded('COURSE', 'learning:complete-assignment', async (tx, attempt, ctx) => {
	if (attempt.subjectType !== 'Assignment' || !attempt.subjectId || !attempt.passed) return
	await completeAssignmentByExam(tx, { assignmentId: attempt.subjectId, personId: attempt.personId, attemptId: attempt.id }, ctx.now)
})
