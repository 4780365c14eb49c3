/**
 * Taking an exam on a phone: with JS (background saves, reload, another device, offline
 * queue, auto-submit at the deadline) and without JS (plain form posts). Attempts are started
 * through the engine's API by tests/e2e/support/exam-attempt.ts for a new worker per test.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { DEMO, dbPath, expectNoHorizontalScroll, loginAs, openDb } from './fixtures.ts'

type Started = { attemptId: string; mobile: string; personId: string; deadlineAt: string }

function startAttempt(opts: Record<string, unknown> = {}): Started {
	const db = dbPath()
	const out = execFileSync(path.resolve('node_modules/.bin/tsx'), ['tests/e2e/support/exam-attempt.ts', JSON.stringify(opts)], {
		env: { ...process.env, DATABASE_URL: `file:${db}`, NODE_ENV: 'test' },
		encoding: 'utf8',
	})
	return JSON.parse(out.trim().split('\n').pop()!) as Started
}

type Item = { q: string; t: string; o: string[] }

/** The right answer of every position, in display keys (A, B… by shuffled position; T/F). */
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

function savedAnswers(attemptId: string): Map<number, string[]> {
	const db = openDb()
	try {
		const rows = db.prepare('SELECT position, chosen FROM AttemptAnswer WHERE attemptId = ?').all(attemptId) as { position: number; chosen: string }[]
		return new Map(rows.map((r) => [r.position, JSON.parse(r.chosen) as string[]]))
	} finally {
		db.close()
	}
}

function attemptRow(attemptId: string) {
	const db = openDb()
	try {
		return db.prepare('SELECT status, score, passed FROM ExamAttempt WHERE id = ?').get(attemptId) as { status: string; score: number | null; passed: number | null }
	} finally {
		db.close()
	}
}

/** Pick the given display keys on the question shown. */
async function choose(page: Page, keys: string[]) {
	for (const k of keys) {
		const input = page.locator(`.exam-opt input[value="${k}"]`)
		await input.check()
	}
}

async function expectQuestion(page: Page, n: number) {
	await expect(page.getByTestId('exam-question').locator('.exam-q-head')).toContainText(`第 ${n} 题 / 共 20 题`)
}

test.describe('with JavaScript', () => {
	test('answers are saved as given, survive a reload and open on another device; handing in shows the result', async ({ page, browser }) => {
		test.setTimeout(150_000) // twenty questions, each waiting for its acknowledgement
		const a = startAttempt({ post: '电工' })
		const right = rightAnswers(a.attemptId)
		await loginAs(page, a.mobile)
		await page.goto(`/exam/${a.attemptId}`)
		await expectQuestion(page, 1)
		await expect(page.getByTestId('exam-clock')).toHaveText(/^(19|20):\d\d$/)
		await expectNoHorizontalScroll(page)

		for (let i = 0; i < 5; i++) {
			await expectQuestion(page, i + 1)
			await choose(page, right[i]!)
			await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
			await expect(page.getByTestId('save-state')).toContainText(`已答 ${i + 1}/20`)
			await page.getByRole('button', { name: '下一题' }).click()
		}
		// Acknowledged means committed: the database has every answer before we reload.
		expect([...savedAnswers(a.attemptId).keys()].sort()).toEqual([0, 1, 2, 3, 4])
		await expect(page).toHaveURL(/q=6/)

		await page.reload()
		await expectQuestion(page, 6)
		await expect(page.getByTestId('save-state')).toContainText('已答 5/20')
		await page.getByRole('button', { name: '第 1 题，已作答' }).click()
		await expectQuestion(page, 1)
		for (const k of right[0]!) await expect(page.locator(`.exam-opt input[value="${k}"]`)).toBeChecked()

		// Another device, same person: the same attempt, with the same answers.
		const other = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
		const phone2 = await other.newPage()
		await loginAs(phone2, a.mobile)
		await phone2.goto(`/exam/${a.attemptId}`)
		await expectQuestion(phone2, 6)
		await expect(phone2.getByTestId('save-state')).toContainText('已答 5/20')
		await choose(phone2, right[5]!)
		await expect(phone2.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
		await other.close()

		await page.reload()
		await expect(page.getByTestId('save-state')).toContainText('已答 6/20')
		for (let i = 6; i < 20; i++) {
			// By the button's value, not its label: twice in CI, headless Chromium built this one
			// label with two U+FFFD from a server response whose bytes were valid UTF-8 (trace).
			await page.locator(`.exam-map-item:not(.is-done)[value="${i + 1}"]`).click()
			await expectQuestion(page, i + 1)
			// the last two wrong: 18 of 20 = 90
			await choose(page, i < 18 ? right[i]! : right[i]![0] === 'T' ? ['F'] : right[i]![0] === 'F' ? ['T'] : [['A', 'B', 'C', 'D'].find((k) => !right[i]!.includes(k))!])
			await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
		}
		await page.getByRole('button', { name: '交卷', exact: true }).click()
		await expect(page.getByTestId('exam-confirm')).toContainText('全部题目已作答')
		await page.getByRole('button', { name: '确认交卷' }).click()
		await expect(page).toHaveURL(new RegExp(`/exam/${a.attemptId}/result$`))
		await expect(page.getByTestId('exam-score')).toContainText('90')
		await expect(page.getByTestId('exam-verdict')).toHaveText('合格')
		await expect(page.getByTestId('review-item')).toHaveCount(2)
		await expect(page.getByTestId('review-item').first()).toContainText('正确答案')
		await expectNoHorizontalScroll(page)
		expect(attemptRow(a.attemptId)).toMatchObject({ status: 'SUBMITTED', score: 90, passed: 1 })

		// The paper is closed: the exam URL shows the result, saves are refused.
		await page.goto(`/exam/${a.attemptId}`)
		await expect(page).toHaveURL(new RegExp(`/result$`))
		const late = await page.request.post(`/exam/${a.attemptId}/save`, { form: { position: '0', choice: 'A' } })
		expect(late.status()).toBe(409)
		expect(await late.json()).toMatchObject({ ok: false, reason: 'CLOSED' })
	})

	test('answers given while the connection is down wait on the phone and are sent later', async ({ page, context }) => {
		const a = startAttempt()
		const right = rightAnswers(a.attemptId)
		await loginAs(page, a.mobile)
		await page.goto(`/exam/${a.attemptId}`)
		await choose(page, right[0]!)
		await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')

		await context.setOffline(true)
		await page.getByRole('button', { name: '下一题' }).click()
		await expectQuestion(page, 2)
		await choose(page, right[1]!)
		await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'offline')
		await expect(page.getByTestId('save-state')).toContainText('1 个答案暂存在本机')
		expect(savedAnswers(a.attemptId).has(1)).toBe(false)
		await context.setOffline(false)
		await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
		expect(savedAnswers(a.attemptId).get(1)).toBeDefined()

		// The server is unreachable for the save and the page is reloaded: the queued answer is kept and resent.
		await page.route('**/save', (route) => route.abort('connectionfailed'))
		await page.getByRole('button', { name: '下一题' }).click()
		await choose(page, right[2]!)
		await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'offline')
		await page.unroute('**/save')
		await page.reload()
		await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
		await expect(page.getByTestId('save-state')).toContainText('已答 3/20')
		expect(savedAnswers(a.attemptId).size).toBe(3)
	})

	test('the paper hands itself in at the deadline', async ({ page }) => {
		const a = startAttempt({ timeLimitMinutes: 1, startedSecondsAgo: 50 })
		const right = rightAnswers(a.attemptId)
		await loginAs(page, a.mobile)
		await page.goto(`/exam/${a.attemptId}`)
		await expect(page.getByTestId('exam-clock')).toHaveText(/^00:(0\d|10)$/)
		await choose(page, right[0]!)
		await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
		await expect(page).toHaveURL(new RegExp(`/exam/${a.attemptId}/result$`), { timeout: 25_000 })
		await expect(page.getByTestId('exam-score')).toContainText('5')
		await expect(page.getByTestId('exam-verdict')).toHaveText('不合格')
		expect(attemptRow(a.attemptId)).toMatchObject({ status: 'SUBMITTED', score: 5, passed: 0 })
	})
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('every button is a form post that saves the shown answer; reload and hand in work', async ({ page }) => {
		const a = startAttempt()
		const right = rightAnswers(a.attemptId)
		await loginAs(page, a.mobile)
		await page.goto(`/exam/${a.attemptId}`)
		await expectQuestion(page, 1)
		await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'static')
		for (let i = 0; i < 3; i++) {
			await choose(page, right[i]!)
			await page.getByRole('button', { name: '保存并下一题' }).click()
			await expectQuestion(page, i + 2)
			await expect(page.getByTestId('save-state')).toContainText(`第 ${i + 1} 题答案已保存`)
			await expect(page.getByTestId('save-state')).toContainText(`已答 ${i + 1}/20`)
		}
		expect(savedAnswers(a.attemptId).size).toBe(3)
		await page.reload()
		await expect(page.getByTestId('save-state')).toContainText('已答 3/20')
		// The map saves the shown answer too, then jumps.
		await choose(page, right[3]!)
		await page.getByRole('button', { name: '第 1 题，已作答' }).click()
		await expectQuestion(page, 1)
		await expect(page.getByTestId('save-state')).toContainText('已答 4/20')
		for (const k of right[0]!) await expect(page.locator(`.exam-opt input[value="${k}"]`)).toBeChecked()
		// Going on without choosing anything keeps the saved answer.
		await page.getByRole('button', { name: '保存并下一题' }).click()
		expect(savedAnswers(a.attemptId).size).toBe(4)

		await page.getByRole('button', { name: '交卷', exact: true }).click()
		await expect(page.getByTestId('exam-confirm')).toContainText('还有 16 题未作答')
		await page.getByRole('button', { name: '确认交卷' }).click()
		await expect(page).toHaveURL(new RegExp(`/exam/${a.attemptId}/result$`))
		await expect(page.getByTestId('exam-score')).toContainText('20')
		await expect(page.getByTestId('exam-verdict')).toHaveText('不合格')
		await expect(page.getByTestId('review-item')).toHaveCount(16)
		await page.getByRole('link', { name: '显示全部题目' }).click()
		await expect(page.getByTestId('review-item')).toHaveCount(20)
	})
})

test('correct answers never reach the browser before the paper is handed in', async ({ page }) => {
	const a = startAttempt()
	await loginAs(page, a.mobile)
	const db = openDb()
	const secrets = (
		db
			.prepare(`SELECT q.explanation FROM Question q WHERE q.id IN (SELECT value FROM json_each((SELECT json_group_array(json_extract(j.value, '$.q')) FROM ExamAttempt e, json_each(e.paper) j WHERE e.id = ?)))`)
			.all(a.attemptId) as { explanation: string }[]
	).map((r) => r.explanation)
	db.close()
	expect(secrets).toHaveLength(20)
	const html = await (await page.request.get(`/exam/${a.attemptId}`)).text()
	// the exam route's own data (the page also embeds the UI's translations, which name these words)
	const json = await (await page.request.get(`/exam/${a.attemptId}.data?_routes=${encodeURIComponent('routes/exam.$attemptId')}`)).text()
	const saved = await (await page.request.post(`/exam/${a.attemptId}/save`, { form: { position: '0', choice: 'A' } })).text()
	expect(json).toContain('"stem"')
	for (const body of [json, saved]) expect(body).not.toMatch(/"(answer|explanation|correct|source)"/)
	// explanations often quote the stem, so look for each one whole
	for (const body of [html, json, saved]) for (const s of secrets) expect(body).not.toContain(s)
	expect(html).toContain('第 1 题')
	// after handing in, the review shows them
	await page.request.post(`/exam/${a.attemptId}`, { form: { intent: 'submit' } })
	const result = await (await page.request.get(`/exam/${a.attemptId}/result?all=1`)).text()
	const plain = secrets.find((s) => !/[<>&"']/.test(s))!
	expect(result).toContain(plain)
})

test('late answers are refused and recorded; nobody else can open the paper', async ({ page, browser }) => {
	const a = startAttempt({ timeLimitMinutes: 1, startedSecondsAgo: 95 })
	await loginAs(page, a.mobile)
	const late = await page.request.post(`/exam/${a.attemptId}/save`, { form: { position: '0', choice: 'A' } })
	expect(late.status()).toBe(409)
	expect(await late.json()).toMatchObject({ ok: false, reason: 'LATE' })
	const db = openDb()
	expect(db.prepare("SELECT count(*) AS n FROM AttemptEvent WHERE attemptId = ? AND kind = 'LATE_ANSWER'").get(a.attemptId)).toEqual({ n: 1 })
	db.close()
	expect(attemptRow(a.attemptId).status).toBe('EXPIRED')
	await page.goto(`/exam/${a.attemptId}`)
	await expect(page).toHaveURL(/\/result$/)
	await expect(page.getByText('之后提交的答案未被接受')).toBeVisible()

	const b = startAttempt()
	const stranger = await browser.newContext()
	const p2 = await stranger.newPage()
	// not signed in → sign-in page; the save endpoint answers 401
	await p2.goto(`/exam/${b.attemptId}`)
	await expect(p2).toHaveURL(/\/login\?redirectTo=/)
	expect((await p2.request.post(`/exam/${b.attemptId}/save`, { form: { position: '0', choice: 'A' } })).status()).toBe(401)
	// a colleague of the same enterprise, and that enterprise's safety manager while it is in progress → 404
	for (const who of [DEMO.worker, DEMO.manager]) {
		await loginAs(p2, who)
		expect((await p2.request.get(`/exam/${b.attemptId}`)).status()).toBe(404)
		expect((await p2.request.get(`/exam/${b.attemptId}/result`)).status()).toBe(404)
		expect((await p2.request.post(`/exam/${b.attemptId}/save`, { form: { position: '0', choice: 'A' } })).status()).toBe(404)
	}
	// bad input from the examinee is a 400, and nothing is saved
	await loginAs(p2, b.mobile)
	for (const body of ['position=99&choice=A', 'position=0&choice=Z', 'position=x&choice=A', 'position=0&choice=A&choice=A', 'position=0&choice=AB', '']) {
		const res = await p2.request.post(`/exam/${b.attemptId}/save`, { data: body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
		expect(res.status(), body).toBe(400)
	}
	const bad = await p2.request.post(`/exam/${b.attemptId}`, { data: 'intent=save&position=0&choice=Q', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
	expect(bad.status()).toBe(400)
	expect(savedAnswers(b.attemptId).size).toBe(0)
	await stranger.close()
})

test('the administrator edits blueprints; bad groups are refused with a message; others may not', async ({ page }) => {
	await loginAs(page, DEMO.admin)
	await page.goto('/admin/exam-blueprints')
	await page.getByRole('link', { name: /安全管理人员现场考核/ }).click()
	await expect(page.getByRole('heading', { name: '安全管理人员现场考核' })).toBeVisible()
	const strata = page.getByLabel('题目分组（JSON）')
	const original = await strata.inputValue()
	await strata.fill('[{"key":"a"')
	await page.getByRole('button', { name: '保存' }).click()
	await expect(page.getByText('分组设置不是有效的 JSON。')).toBeVisible()
	await page.getByLabel('合格线（分）').fill('120')
	await strata.fill(original)
	await page.getByRole('button', { name: '保存' }).click()
	await expect(page.getByText('合格线不能高于试卷总分。')).toBeVisible()
	await page.getByLabel('合格线（分）').fill('80')
	await page.getByRole('button', { name: '保存' }).click()
	await expect(page.getByText('已保存')).toBeVisible()
	await page.getByRole('link', { name: '抽一份样卷' }).click()
	await expect(page.getByTestId('blueprint-preview')).toContainText('抽到 25 题')
	await expectNoHorizontalScroll(page)

	await loginAs(page, DEMO.manager)
	expect((await page.request.get('/admin/exam-blueprints')).status()).toBe(403)
})
