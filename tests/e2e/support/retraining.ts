/**
 * E2E helpers for inspections, three violations and retraining (issue 4): test set-up and
 * assertions straight on the e2e database. Every spec creates its own worker.
 */
import { randomBytes } from 'node:crypto'
import { expect, type Page } from '@playwright/test'
import { openDb, uniqueMobile } from '../fixtures.ts'

const PLANT_USCC = '91141122MA0K8JXN1'

/** Prisma's SQLite DateTime text format. */
function ts(d = new Date()): string {
	return d.toISOString().replace('Z', '+00:00')
}

function id(prefix: string): string {
	return `${prefix}${randomBytes(10).toString('hex')}`
}

export function plantId(): string {
	const db = openDb()
	try {
		return (db.prepare('SELECT id FROM Enterprise WHERE uscc LIKE ?').get(`${PLANT_USCC}%`) as { id: string }).id
	} finally {
		db.close()
	}
}

/** A new on-post worker of the fine-chemical plant with a sign-in, on a post nobody else has. */
export function createPlantWorker(label: string): { personId: string; mobile: string; name: string; post: string } {
	const db = openDb()
	try {
		const enterpriseId = plantId()
		const dept = db.prepare('SELECT id FROM Department WHERE enterpriseId = ? AND name = ?').get(enterpriseId, '硝化车间') as { id: string }
		const mobile = uniqueMobile()
		const name = `${label}${mobile.slice(-4)}`
		const post = `硝化操作工E2E${mobile.slice(-6)}`
		const personId = id('e2ep')
		const now = ts()
		db.prepare(
			'INSERT INTO Person (id, enterpriseId, name, mobile, employmentType, departmentId, post, dutyStatus, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
		).run(personId, enterpriseId, name, mobile, 'EMPLOYEE', dept.id, post, 'ON_POST', now, now)
		const userId = id('e2eu')
		db.prepare('INSERT INTO User (id, mobile, passwordHash, displayName, personId, mustChangePassword, createdAt) VALUES (?, ?, ?, ?, ?, 0, ?)').run(userId, mobile, '', name, personId, now)
		db.prepare('INSERT INTO UserRole (userId, role) VALUES (?, ?)').run(userId, 'WORKER')
		return { personId, mobile, name, post }
	} finally {
		db.close()
	}
}

export function dutyStatus(personId: string): string {
	const db = openDb()
	try {
		return (db.prepare('SELECT dutyStatus FROM Person WHERE id = ?').get(personId) as { dutyStatus: string }).dutyStatus
	} finally {
		db.close()
	}
}

export function openCase(personId: string): { id: string; state: string; trigger: string; requiredMinutes: number } {
	const db = openDb()
	try {
		return db.prepare('SELECT id, state, trigger, requiredMinutes FROM RetrainingCase WHERE personId = ? ORDER BY openedAt DESC').get(personId) as {
			id: string
			state: string
			trigger: string
			requiredMinutes: number
		}
	} finally {
		db.close()
	}
}

/**
 * Test set-up standing in for the learner's study: the case's RETRAINING assignments are
 * completed, 6 h of lesson study and a 2 h off-job classroom session are credited after the
 * case opened (the learning feature records exactly these rows).
 */
export function completeRetrainingTasks(caseId: string, personId: string): void {
	const db = openDb()
	try {
		const c = db.prepare('SELECT enterpriseId, openedAt FROM RetrainingCase WHERE id = ?').get(caseId) as { enterpriseId: string; openedAt: string }
		const after = new Date(Date.parse(c.openedAt) + 1000)
		const assignments = db.prepare('SELECT id, packVersionId FROM Assignment WHERE retrainingCaseId = ?').all(caseId) as { id: string; packVersionId: string }[]
		expect(assignments.length).toBeGreaterThan(0)
		db.prepare("UPDATE Assignment SET status = 'COMPLETED', startedAt = ?, completedAt = ? WHERE retrainingCaseId = ?").run(ts(after), ts(), caseId)
		const a = assignments[0]!
		const lesson = db.prepare('SELECT id FROM Lesson WHERE packVersionId = ? ORDER BY ord LIMIT 1').get(a.packVersionId) as { id: string }
		db.prepare('INSERT INTO StudySession (id, personId, assignmentId, lessonId, startedAt, lastAt, beats, credited, closedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
			id('e2es'),
			personId,
			a.id,
			lesson.id,
			ts(after),
			ts(),
			1080,
			6 * 3600,
			ts(),
		)
		const sessionId = id('e2ec')
		db.prepare(
			'INSERT INTO ClassroomSession (id, enterpriseId, topic, trainer, place, startsAt, endsAt, minutes, offJob, createdByUserId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
		).run(sessionId, c.enterpriseId, '停岗人员脱产复训', '韩立新', '综合办公楼三楼会议室', ts(after), ts(new Date(after.getTime() + 2 * 3600_000)), 120, 'e2e', ts())
		db.prepare('INSERT INTO Attendance (sessionId, personId, method, at) VALUES (?, ?, ?, ?)').run(sessionId, personId, 'MANUAL', ts())
	} finally {
		db.close()
	}
}

type Item = { q: string; t: string; o: string[] }

/** The right answer of every position, in display keys (read from the DB: test only). */
export function rightAnswers(attemptId: string): string[][] {
	const db = openDb()
	try {
		const { paper } = db.prepare('SELECT paper FROM ExamAttempt WHERE id = ?').get(attemptId) as { paper: string }
		return (JSON.parse(paper) as Item[]).map((item) => {
			const { answer } = db.prepare('SELECT answer FROM Question WHERE id = ?').get(item.q) as { answer: string }
			const own = JSON.parse(answer) as string[]
			if (item.t === 'TRUEFALSE') return own
			return item.o.flatMap((k, i) => (own.includes(k) ? ['ABCDEF'[i]!] : []))
		})
	} finally {
		db.close()
	}
}

/** A wrong answer for a position: the other of T/F, or the first option that is not right. */
export function wrongAnswers(attemptId: string, right: string[][]): string[][] {
	const db = openDb()
	try {
		const { paper } = db.prepare('SELECT paper FROM ExamAttempt WHERE id = ?').get(attemptId) as { paper: string }
		return (JSON.parse(paper) as Item[]).map((item, i) => {
			const r = right[i]!
			if (item.t === 'TRUEFALSE') return [r[0] === 'T' ? 'F' : 'T']
			return ['ABCDEF'.slice(0, item.o.length).split('').find((k) => !r.includes(k))!]
		})
	} finally {
		db.close()
	}
}

export function attemptIdFromUrl(page: Page): string {
	const m = /\/exam\/([^/?#]+)/.exec(page.url())
	if (!m) throw new Error(`not on an exam page: ${page.url()}`)
	return m[1]!
}

/** Answer positions [from, to) on the exam page (JS on): pick, wait until saved, next. */
export async function answerRange(page: Page, answers: string[][], from: number, to: number): Promise<void> {
	for (let i = from; i < to; i++) {
		await page.locator('.exam-map-item').nth(i).click()
		await expect(page.getByTestId('exam-question').locator('.exam-q-head')).toContainText(`第 ${i + 1} 题`)
		for (const k of answers[i]!) await page.locator(`.exam-opt input[value="${k}"]`).check()
		await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
	}
}

export async function handIn(page: Page): Promise<void> {
	await page.getByRole('button', { name: '交卷', exact: true }).click()
	await page.getByRole('button', { name: '确认交卷' }).click()
	await expect(page).toHaveURL(/\/result/)
}
