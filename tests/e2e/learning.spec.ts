/**
 * Learning on a phone (issue 3): a worker studies an assigned lesson (server-measured time, no
 * finishing early), practises, passes the course exam and sees the hours; a safety manager
 * assigns a course to every contractor and watches coverage change; classroom QR sign-in.
 * Each test builds its own people (and, for the manager, its own enterprise) in the e2e
 * database, so tests never share state.
 */
import { randomBytes } from 'node:crypto'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { expect, test, type Page } from '@playwright/test'
import { DEMO, expectNoHorizontalScroll, loginAs, openDb, uniqueMobile } from './fixtures.ts'

const id = () => `e2e${randomBytes(10).toString('hex')}`
/** DateTime as Prisma stores it in SQLite. */
const ts = (d = new Date()) => d.toISOString().replace('Z', '+00:00')
const shanghaiYear = (d = new Date()) => new Date(d.getTime() + 8 * 3600_000).getUTCFullYear()
const minSeconds = (minutes: number) => Math.ceil(minutes * 60 * 0.6)

type Db = ReturnType<typeof openDb>

function addPerson(db: Db, p: { enterpriseId: string; name: string; type?: string; contractorId?: string | null; departmentId?: string | null; roles?: string[]; hireDate?: string }) {
	const personId = id()
	const mobile = uniqueMobile()
	db.prepare(
		'INSERT INTO Person (id, enterpriseId, name, mobile, employmentType, contractorId, departmentId, post, hireDate, dutyStatus, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
	).run(personId, p.enterpriseId, p.name, mobile, p.type ?? 'EMPLOYEE', p.contractorId ?? null, p.departmentId ?? null, '操作工', p.hireDate ?? '2018-04-01', 'ON_POST', ts(), ts())
	const userId = id()
	db.prepare('INSERT INTO User (id, mobile, passwordHash, displayName, personId, mustChangePassword, createdAt) VALUES (?, ?, ?, ?, ?, 0, ?)').run(userId, mobile, '', p.name, personId, ts())
	for (const role of p.roles ?? ['WORKER']) db.prepare('INSERT INTO UserRole (userId, role) VALUES (?, ?)').run(userId, role)
	return { personId, mobile }
}

/** A new worker of the demo plant with the three-violations course assigned; lessons 2–6 were studied yesterday. */
function workerWithCourse() {
	const db = openDb()
	try {
		const plant = db.prepare("SELECT enterpriseId FROM Person WHERE mobile = ?").get(DEMO.worker) as { enterpriseId: string }
		const w = addPerson(db, { enterpriseId: plant.enterpriseId, name: `学员${randomBytes(2).toString('hex')}` })
		const version = db.prepare("SELECT id FROM PackVersion WHERE packId = 'three-violations' ORDER BY number DESC LIMIT 1").get() as { id: string }
		const lessons = db.prepare('SELECT id, key, minutes FROM Lesson WHERE packVersionId = ? ORDER BY ord').all(version.id) as { id: string; key: string; minutes: number }[]
		const assignmentId = id()
		const yesterday = new Date(Date.now() - 86_400_000)
		db.prepare(
			"INSERT INTO Assignment (id, enterpriseId, personId, packVersionId, reason, dueDate, status, createdAt, startedAt) VALUES (?, ?, ?, ?, 'ANNUAL', '2099-12-31', 'IN_PROGRESS', ?, ?)",
		).run(assignmentId, plant.enterpriseId, w.personId, version.id, ts(yesterday), ts(yesterday))
		for (const l of lessons.slice(1)) {
			const s = minSeconds(l.minutes) + 30
			db.prepare('INSERT INTO LessonProgress (assignmentId, lessonId, seconds, scroll, firstOpenedAt, lastOpenedAt, completedAt) VALUES (?, ?, ?, 1, ?, ?, ?)').run(assignmentId, l.id, s, ts(yesterday), ts(yesterday), ts(yesterday))
			db.prepare('INSERT INTO StudyRecord (personId, lessonId, year, enterpriseId, seconds, updatedAt) VALUES (?, ?, ?, ?, ?, ?)').run(w.personId, l.id, shanghaiYear(yesterday), plant.enterpriseId, s, ts(yesterday))
		}
		return { ...w, assignmentId, first: lessons[0]!, enterpriseId: plant.enterpriseId }
	} finally {
		db.close()
	}
}

function hoursShown(page: Page) {
	return page.getByTestId('my-hours-total').textContent().then((t) => Number(t))
}

type Item = { q: string; t: string; o: string[] }
function rightAnswers(attemptId: string): string[][] {
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

test('a worker studies an assigned lesson, cannot finish early, finishes, practises, passes the course exam and sees the hours', async ({ page }) => {
	test.setTimeout(180_000)
	const w = workerWithCourse()
	await loginAs(page, w.mobile)

	await page.goto('/learn')
	await expect(page.getByTestId('my-assignments')).toContainText('反“三违”')
	const before = await hoursShown(page)
	expect(before).toBeGreaterThan(0)
	await expectNoHorizontalScroll(page)

	await page.getByTestId('my-assignments').getByRole('link').first().click()
	await expect(page).toHaveURL(new RegExp(`/learn/${w.assignmentId}$`))
	await expect(page.getByTestId('course-exam')).toContainText('学完全部课时后即可参加结业考试')
	await page.getByTestId('resume').click()
	await expect(page).toHaveURL(new RegExp(`/lesson/${w.first.key}$`))
	await expect(page.locator('.lesson-body h2').first()).toBeVisible()
	await expectNoHorizontalScroll(page)

	// The page reports while visible; the server counts.
	await page.waitForResponse((r) => r.url().endsWith('/learn/beat') && r.status() === 200, { timeout: 30_000 })
	await expect(page.getByTestId('study-status')).toContainText('还需')
	await page.getByRole('button', { name: '学完本课' }).click()
	await expect(page.getByRole('alert')).toContainText(/学习时间还不够，还需学习 \d+ 分 \d+ 秒才能完成本课/)

	// The learner had read most of this lesson earlier: seed that history, then one more beat completes the minimum.
	const db = openDb()
	try {
		const need = minSeconds(w.first.minutes) - 10
		db.prepare('UPDATE LessonProgress SET seconds = ? WHERE assignmentId = ? AND lessonId = ?').run(need, w.assignmentId, w.first.id)
		db.prepare(
			'INSERT INTO StudyRecord (personId, lessonId, year, enterpriseId, seconds, updatedAt) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(personId, lessonId, year) DO UPDATE SET seconds = excluded.seconds',
		).run(w.personId, w.first.id, shanghaiYear(), w.enterpriseId, need, ts())
	} finally {
		db.close()
	}
	await page.waitForResponse((r) => r.url().endsWith('/learn/beat') && r.status() === 200, { timeout: 30_000 })
	await expect(page.getByTestId('study-status')).toContainText('达到本课最短学习时间')
	await page.getByRole('button', { name: '学完本课' }).click()
	// Every lesson done: back on the course page, with the exam open.
	await expect(page).toHaveURL(new RegExp(`/learn/${w.assignmentId}$`))
	await expect(page.getByText('本课已学完。')).toBeVisible()

	// Practice: the answer is checked on the server and explained.
	await page.getByRole('link', { name: '开始练习' }).click()
	await page.locator('.practice-card .choice input').first().check()
	await page.getByRole('button', { name: '提交答案' }).click()
	await expect(page.getByTestId('practice-feedback')).toContainText('解析')
	await expect(page.getByTestId('practice-feedback')).toContainText('正确答案')
	await page.getByTestId('next-question').click()
	await expect(page.getByTestId('practice-tally')).toContainText('已练 1/')
	await page.getByRole('link', { name: /反“三违”/ }).click()

	// The course exam through the exam engine, answered right.
	await page.getByRole('button', { name: '参加结业考试' }).click()
	await expect(page).toHaveURL(/\/exam\/[^/]+$/)
	const attemptId = new URL(page.url()).pathname.split('/')[2]!
	const right = rightAnswers(attemptId)
	for (let i = 0; i < right.length; i++) {
		for (const k of right[i]!) await page.locator(`.exam-opt input[value="${k}"]`).check()
		await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
		if (i < right.length - 1) await page.getByRole('button', { name: '下一题' }).click()
	}
	await page.getByRole('button', { name: '交卷', exact: true }).click()
	await page.getByRole('button', { name: '确认交卷' }).click()
	await expect(page.getByTestId('exam-verdict')).toHaveText('合格')

	await page.goto('/learn')
	await expect(page.getByTestId('my-assignments')).toHaveCount(0)
	await expect(page.getByRole('heading', { name: '已完成的课程' })).toBeVisible()
	const after = await hoursShown(page)
	expect(after).toBeGreaterThan(before)
	const check = openDb()
	try {
		expect(check.prepare('SELECT status, examAttemptId FROM Assignment WHERE id = ?').get(w.assignmentId)).toEqual({ status: 'COMPLETED', examAttemptId: attemptId })
	} finally {
		check.close()
	}
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('the reader works, time counts from page to page, and finishing early is refused', async ({ page }) => {
		const w = workerWithCourse()
		await loginAs(page, w.mobile)
		await page.goto(`/learn/${w.assignmentId}/lesson/${w.first.key}`)
		await expect(page.locator('.lesson-body h2').first()).toBeVisible()
		await page.getByRole('button', { name: '学完本课' }).click()
		await expect(page.getByRole('alert')).toContainText(/还需学习 \d+ 分 \d+ 秒/)
		// The page was opened long enough ago (no heartbeat ever came): the next page view settles it.
		const db = openDb()
		try {
			const past = ts(new Date(Date.now() - 15 * 60_000))
			db.prepare('UPDATE StudySession SET startedAt = ?, lastAt = ? WHERE assignmentId = ? AND closedAt IS NULL').run(past, past, w.assignmentId)
		} finally {
			db.close()
		}
		await page.getByRole('button', { name: '学完本课' }).click()
		await expect(page).toHaveURL(new RegExp(`/learn/${w.assignmentId}$`))
		await expect(page.getByText('本课已学完。')).toBeVisible()
		const check = openDb()
		try {
			const p = check.prepare('SELECT seconds, completedAt FROM LessonProgress WHERE assignmentId = ? AND lessonId = ?').get(w.assignmentId, w.first.id) as { seconds: number; completedAt: string | null }
			expect(p.completedAt).not.toBeNull()
			expect(p.seconds).toBeGreaterThanOrEqual(15 * 60)
			expect(p.seconds).toBeLessThanOrEqual(w.first.minutes * 60)
		} finally {
			check.close()
		}
	})
})

test('the hidden-danger course shows the AQ 3067-2026 notice on the course page', async ({ page }) => {
	await loginAs(page, DEMO.worker)
	await page.goto('/learn')
	await page.getByRole('link', { name: /重大事故隐患判定/ }).first().click()
	await expect(page.getByTestId('pack-notice')).toContainText('AQ 3067-2026')
	await expectNoHorizontalScroll(page)
})

/** A fresh enterprise (in the demo city) with a safety manager, two employees and three contractors. */
function freshEnterprise() {
	const db = openDb()
	try {
		const region = db.prepare("SELECT id FROM Region WHERE code = '141102'").get() as { id: string }
		const enterpriseId = id()
		db.prepare("INSERT INTO Enterprise (id, name, uscc, regionId, category, keyProcesses, address, createdAt) VALUES (?, ?, ?, ?, 'CHEMICAL', '[]', '', ?)").run(
			enterpriseId,
			`测试化工${randomBytes(2).toString('hex')}`,
			`E2E${randomBytes(8).toString('hex')}`.slice(0, 18).toUpperCase(),
			region.id,
			ts(),
		)
		const companyId = id()
		db.prepare("INSERT INTO ContractorCompany (id, enterpriseId, name, contactName, contactPhone, createdAt) VALUES (?, ?, '检修承包商', '', '', ?)").run(companyId, enterpriseId, ts())
		const manager = addPerson(db, { enterpriseId, name: '安全员甲', roles: ['WORKER', 'SAFETY_MANAGER'] })
		const staff = [addPerson(db, { enterpriseId, name: '员工甲' }), addPerson(db, { enterpriseId, name: '员工乙' })]
		const contractors = [1, 2, 3].map((n) => addPerson(db, { enterpriseId, name: `承包商${n}`, type: 'CONTRACTOR', contractorId: companyId }))
		return { enterpriseId, manager, staff, contractors }
	} finally {
		db.close()
	}
}

test.describe('safety manager (English)', () => {
	test.use({ locale: 'en' })

	test('assigns a course to every contractor at once and sees coverage update', async ({ page, browser }) => {
		const e = freshEnterprise()
		await loginAs(page, e.manager.mobile)
		await page.goto('/training')
		await expect(page.getByRole('heading', { name: 'Training', exact: true })).toBeVisible()
		await expect(page.getByTestId('coverage-contractors-assigned')).toHaveText('0/3')
		await expect(page.getByTestId('coverage-staff-assigned')).toHaveText('0/3')
		await expectNoHorizontalScroll(page)

		await page.getByRole('link', { name: 'Assign a course' }).click()
		await page.getByLabel('Employment type').selectOption('CONTRACTOR')
		await page.getByRole('button', { name: 'Filter' }).click()
		await expect(page.getByTestId('match-count')).toHaveText('3 people match')
		await page.getByLabel('Course', { exact: true }).selectOption('three-violations')
		await page.getByLabel('Kind of training').selectOption('SPECIAL')
		await expectNoHorizontalScroll(page)
		await page.getByRole('button', { name: 'Assign', exact: true }).click()

		await expect(page).toHaveURL(/\/training$/)
		await expect(page.getByText('Course assigned to 3 people.')).toBeVisible()
		await expect(page.getByTestId('coverage-contractors-assigned')).toHaveText('3/3')
		await expect(page.getByTestId('coverage-staff-assigned')).toHaveText('0/3')
		const db = openDb()
		try {
			const rows = db.prepare("SELECT personId, reason, status FROM Assignment WHERE enterpriseId = ?").all(e.enterpriseId) as { personId: string; reason: string; status: string }[]
			expect(rows.map((r) => r.personId).sort()).toEqual(e.contractors.map((c) => c.personId).sort())
			expect(rows.every((r) => r.reason === 'SPECIAL' && r.status === 'ASSIGNED')).toBe(true)
		} finally {
			db.close()
		}

		// A contractor's page shows the course and the hours against the rule.
		await page.goto(`/roster/${e.contractors[0]!.personId}`)
		await expect(page.getByTestId('person-hours')).toContainText('0 / 20 h')
		await expect(page.getByTestId('person-assignments')).toContainText('Three Violations')

		// Another enterprise's safety manager gets 404 for these people and assignments.
		const other = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en' })
		const p2 = await other.newPage()
		await loginAs(p2, DEMO.depotManager)
		expect((await p2.goto(`/roster/${e.contractors[0]!.personId}`))?.status()).toBe(404)
		const db2 = openDb()
		const anAssignment = (db2.prepare('SELECT id FROM Assignment WHERE enterpriseId = ? LIMIT 1').get(e.enterpriseId) as { id: string }).id
		db2.close()
		expect((await p2.goto(`/training/assignments/${anAssignment}`))?.status()).toBe(404)
		await other.close()
	})

	test('runs a classroom session: a worker scans the QR code with their phone and gets the hours', async ({ page, browser }) => {
		const e = freshEnterprise()
		await loginAs(page, e.manager.mobile)
		await page.goto('/training/classroom/new')
		// A session in the current Shanghai hour, so the QR code may be shown now.
		const sh = new Date(Date.now() + 8 * 3600_000)
		const hh = String(sh.getUTCHours()).padStart(2, '0')
		await page.getByLabel('Topic').fill('Confined space entry')
		await page.getByLabel('Trainer').fill('Wang')
		await page.getByLabel('Place').fill('Training room')
		await page.getByLabel('Date').fill(sh.toISOString().slice(0, 10))
		await page.getByLabel('Starts at').fill(`${hh}:00`)
		await page.getByLabel('Ends at').fill(`${hh}:59`)
		await page.getByLabel('Hours credited').fill('0.5')
		await page.getByRole('button', { name: 'Save' }).click()
		await expect(page).toHaveURL(/\/training\/classroom\/[^/]+$/)
		await page.getByRole('button', { name: 'Show the sign-in QR code' }).click()
		const url = (await page.getByTestId('sign-in-url').textContent())!
		expect(url).toMatch(/\/learn\/sign\/[A-Z2-9]{8}$/)

		// The QR image encodes exactly that link.
		const src = (await page.locator('img.class-qr').getAttribute('src'))!
		const png = PNG.sync.read(Buffer.from(src.split(',')[1]!, 'base64'))
		expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(url)

		const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'en' })
		const worker = await phone.newPage()
		await loginAs(worker, e.staff[0]!.mobile)
		await worker.goto(new URL(url).pathname)
		await expect(worker.getByTestId('signed-in')).toContainText('You are signed in')
		await worker.goto('/learn')
		await expect(worker.getByTestId('my-hours')).toContainText('classroom 0.5 h')
		await expectNoHorizontalScroll(worker)
		await phone.close()

		await page.reload()
		await expect(page.getByTestId('attendees')).toContainText('员工甲')
		await expect(page.getByTestId('attendees')).toContainText('QR')
	})
})
