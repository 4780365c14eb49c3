/**
 * Issue 4 "Done when", on phone viewports with two browser contexts:
 * - the Jiaocheng inspector starts a spot check at the fine-chemical plant; a worker opens the
 *   paper by the QR link on their own phone, answers a few, reloads, continues and fails; the
 *   inspector's board follows live; the worker is suspended and sees the retraining tasks,
 *   completes them, passes the re-exam and is back on post;
 * - the same for a three-violations record made by the safety manager.
 * Each test creates its own worker on a post of its own, so the draw can target them.
 */
import { expect, test, type Browser } from '@playwright/test'
import { DEMO, expectNoHorizontalScroll, loginAs } from './fixtures.ts'
import {
	answerRange,
	attemptIdFromUrl,
	completeRetrainingTasks,
	createPlantWorker,
	dutyStatus,
	handIn,
	openCase,
	plantId,
	rightAnswers,
	wrongAnswers,
} from './support/retraining.ts'

async function phone(browser: Browser) {
	return browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', isMobile: true, hasTouch: true })
}

/** Suspended worker → tasks → (test set-up completes the study) → re-exam passed → on post. */
async function retrainAndReturn(browser: Browser, w: { personId: string; mobile: string }) {
	const ctx = await phone(browser)
	const page = await ctx.newPage()
	await loginAs(page, w.mobile)
	await page.goto('/home')
	await expect(page.getByTestId('home-worker')).toContainText('停岗')
	const card = page.getByTestId('home-retraining')
	await expect(card).toBeVisible()
	await card.getByRole('link').click()
	await expect(page.getByTestId('case-state')).toHaveText('待开始')
	await expect(page.getByTestId('self-status')).toContainText('您目前停岗')
	const packs = page.getByTestId('task-pack')
	expect(await packs.count()).toBeGreaterThan(0)
	await expect(packs.first()).toHaveAttribute('data-done', 'no')
	await expect(page.getByTestId('task-hours')).toContainText('已完成 0 / 要求 8 小时')
	await expect(page.getByRole('button', { name: '开始复考' })).toHaveCount(0)
	await expectNoHorizontalScroll(page)
	await page.getByRole('button', { name: '开始脱产复训' }).click()
	await expect(page.getByTestId('case-state')).toHaveText('培训中')

	const c = openCase(w.personId)
	completeRetrainingTasks(c.id, w.personId)
	await page.reload()
	await expect(page.getByTestId('case-state')).toHaveText('待复考')
	await expect(page.getByTestId('task-hours')).toContainText('已完成 8 / 要求 8 小时')
	for (const p of await packs.all()) await expect(p).toHaveAttribute('data-done', 'yes')
	expect(dutyStatus(w.personId)).toBe('SUSPENDED')

	await page.getByRole('button', { name: '开始复考' }).click()
	await expect(page).toHaveURL(/\/exam\//)
	const attemptId = attemptIdFromUrl(page)
	const right = rightAnswers(attemptId)
	await answerRange(page, right, 0, right.length)
	await handIn(page)
	await expect(page.getByTestId('exam-verdict')).toHaveText('合格')

	await page.goto(`/retraining/${c.id}`)
	await expect(page.getByTestId('case-state')).toHaveText('已恢复上岗')
	await expect(page.getByTestId('self-status')).toContainText('已恢复上岗')
	expect(dutyStatus(w.personId)).toBe('ON_POST')
	await page.goto('/home')
	await expect(page.getByTestId('home-worker')).toContainText('在岗')
	await expect(page.getByTestId('home-retraining')).toHaveCount(0)
	await ctx.close()
}

test('spot check: QR on the worker’s phone, live board, fail → suspended → retraining → re-exam → back on post', async ({ page, browser }) => {
	test.setTimeout(180_000)
	const w = createPlantWorker('抽考')

	// Inspector's phone: a new inspection at the plant, the draw narrowed to the worker's post.
	await loginAs(page, DEMO.jiaochengInspector)
	await page.goto('/inspections')
	await page.getByRole('link', { name: '新建检查' }).click()
	await page.getByLabel('被检查企业').selectOption(plantId())
	await page.getByLabel('检查方式').selectOption('FOUR_NO_TWO_STRAIGHT')
	await page.getByLabel('检查组成员').fill('王建军、李晓燕')
	await page.getByRole('button', { name: '创建检查' }).click()
	await expect(page.getByRole('heading', { name: '抽取考试人员' })).toBeVisible()
	await page.getByLabel('随机抽取从业人员人数').fill('1')
	await page.getByLabel('岗位').selectOption(w.post)
	await page.getByRole('button', { name: '抽取并生成考试码' }).click()
	const rows = page.getByTestId('examinee-row')
	await expect(page.getByTestId('draw-info')).toContainText('候选 1 人，抽取 1 人')
	await expect(page.getByTestId('draw-info')).toContainText('是：用同一种子')
	await expect(rows.filter({ hasText: '主要负责人' }).first()).toBeVisible()
	await expect(rows.filter({ hasText: '安全管理人员' }).first()).toBeVisible()
	const mine = page.locator(`[data-testid="examinee-row"][data-person="${w.personId}"]`)
	await expect(mine).toHaveAttribute('data-status', 'NOT_STARTED')
	await expectNoHorizontalScroll(page)
	const boardUrl = page.url()

	// The QR hand-over page: read the link the QR code encodes.
	await mine.getByRole('link').click()
	await expect(page.locator('.qr-box svg')).toBeVisible()
	await expect(page.getByTestId('short-code')).toHaveText(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
	const link = await page.getByTestId('qr-link').getAttribute('href')
	expect(link).toMatch(/\/c\/[A-Za-z0-9_-]{32,}$/)
	await page.goto(boardUrl)

	// The worker's own phone, no password.
	const workerCtx = await phone(browser)
	const wp = await workerCtx.newPage()
	await wp.goto(link!)
	await expect(wp.getByTestId('open-name')).toBeVisible()
	await wp.getByRole('button', { name: '开始答题' }).click()
	await expect(wp).toHaveURL(/\/exam\//)
	const attemptId = attemptIdFromUrl(wp)
	const right = rightAnswers(attemptId)
	const bad = wrongAnswers(attemptId, right)
	const answers = right.map((r, i) => (i < 3 ? r : bad[i]!)) // 3 right, the rest wrong: a clear fail
	await answerRange(wp, answers, 0, 3)

	// The board follows without a reload.
	await expect(mine).toHaveAttribute('data-status', 'IN_PROGRESS', { timeout: 15_000 })
	await expect(mine).toContainText('已答 3 / 20 题', { timeout: 15_000 })

	// Reload on the phone: the same paper, the answers kept; continue and hand in.
	await wp.reload()
	await expect(wp.getByTestId('save-state')).toContainText('已答 3/20')
	await answerRange(wp, answers, 3, answers.length)
	await handIn(wp)
	await expect(wp.getByTestId('exam-verdict')).toHaveText('不合格')
	// the same link on the same phone now leads to the result, never to a second paper
	await wp.goto(link!)
	await wp.getByRole('button', { name: '查看成绩' }).click()
	await expect(wp.getByTestId('exam-verdict')).toHaveText('不合格')
	await workerCtx.close()

	await expect(mine).toHaveAttribute('data-status', 'FAILED', { timeout: 15_000 })
	await expect(mine).toContainText('停岗')
	await expect(page.getByTestId('count-FAILED')).toContainText(/[1-9]/)
	expect(dutyStatus(w.personId)).toBe('SUSPENDED')
	const c = openCase(w.personId)
	expect(c).toMatchObject({ state: 'OPEN', trigger: 'SPOT_CHECK_FAIL', requiredMinutes: 480 })

	// A second phone with the same link is refused (one device per code).
	const thief = await phone(browser)
	const tp = await thief.newPage()
	await tp.goto(link!)
	await expect(tp.getByText('已在另一部手机上使用')).toBeVisible()
	await thief.close()

	await retrainAndReturn(browser, w)

	// The inspection record keeps the attempt; the board shows the case cleared.
	await page.goto(boardUrl)
	await mine.getByRole('link').click()
	await expect(page.getByText(/不合格 · \d+(\.\d)? 分/)).toBeVisible()
	await expect(page.getByRole('link', { name: /查看停岗复训（已恢复上岗）/ })).toBeVisible()
})

test('three violations: manager records, worker acknowledges on the phone, retrains, passes, back on post', async ({ page, browser }) => {
	test.setTimeout(180_000)
	const w = createPlantWorker('三违')

	await loginAs(page, DEMO.manager)
	await page.goto('/violations')
	await page.getByRole('link', { name: '记录三违' }).click()
	await page.getByLabel('当事人').selectOption(w.personId)
	await page.getByLabel('类型').selectOption('OPERATION')
	await page.getByLabel('发生区域').selectOption({ label: '硝化车间（生产区）' })
	await page.getByLabel('违章事实').fill('未办理动火作业票即在硝化车间二楼切割管线。')
	// the place is optional once an area is chosen; a future time is refused
	await page.getByLabel('发生时间').fill('2099-01-01T10:00')
	await page.getByRole('button', { name: '提交并停岗' }).click()
	await expect(page.getByText('发生时间不能晚于现在。')).toBeVisible()
	expect(dutyStatus(w.personId)).toBe('ON_POST')
	const now = new Date(Date.now() + 8 * 3600_000 - 10 * 60_000).toISOString().slice(0, 16)
	await page.getByLabel('发生时间').fill(now)
	await page.getByRole('button', { name: '提交并停岗' }).click()
	await expect(page.getByRole('heading', { name: '违章作业' })).toBeVisible()
	await expect(page.getByTestId('ack-state')).toHaveText('待本人确认')
	expect(dutyStatus(w.personId)).toBe('SUSPENDED')
	const c = openCase(w.personId)
	expect(c).toMatchObject({ state: 'OPEN', trigger: 'VIOLATION' })

	// The manager's list of cases: the person, suspended, by state and age.
	await page.goto('/retraining')
	const row = page.getByTestId('case-list').getByRole('link').filter({ hasText: w.name })
	await expect(row).toContainText('停岗')
	await expect(row).toContainText('待开始')
	await expectNoHorizontalScroll(page)

	// The person's phone: acknowledge.
	const ctx = await phone(browser)
	const wp = await ctx.newPage()
	await loginAs(wp, w.mobile)
	await wp.goto('/home')
	await wp.getByTestId('home-violation').getByRole('link').click()
	await expect(wp.getByText('未办理动火作业票即在硝化车间二楼切割管线。')).toBeVisible()
	await wp.getByRole('button', { name: '我已阅读并确认' }).click()
	await expect(wp.getByTestId('ack-state')).toHaveText('本人已确认')
	await wp.goto('/home')
	await expect(wp.getByTestId('home-violation')).toHaveCount(0)
	await ctx.close()

	await retrainAndReturn(browser, w)

	await page.goto(`/violations?ack=DONE`)
	await expect(page.getByTestId('violation-list').getByRole('link').filter({ hasText: w.name })).toBeVisible()
	await page.goto(`/retraining/${c.id}`)
	await expect(page.getByTestId('case-state')).toHaveText('已恢复上岗')
})

test('kiosk mode: the inspector hands over the phone, the examinee passes, the phone returns to the board', async ({ page }) => {
	test.setTimeout(120_000)
	const w = createPlantWorker('本机')
	await loginAs(page, DEMO.jiaochengInspector)
	await page.goto(`/inspections/new?enterpriseId=${plantId()}`)
	await page.getByRole('button', { name: '创建检查' }).click()
	await page.getByLabel('随机抽取从业人员人数').fill('1')
	await page.getByLabel('岗位').selectOption(w.post)
	await page.getByRole('button', { name: '抽取并生成考试码' }).click()
	const boardUrl = page.url()
	const mine = page.locator(`[data-testid="examinee-row"][data-person="${w.personId}"]`)
	await mine.getByRole('link').click()
	await page.getByRole('button', { name: '用本机作答（交给考试人员）' }).click()
	await expect(page).toHaveURL(/\/exam\//)
	const right = rightAnswers(attemptIdFromUrl(page))
	await answerRange(page, right, 0, right.length)
	await handIn(page)
	await expect(page.getByTestId('exam-verdict')).toHaveText('合格')
	await page.getByRole('link', { name: '返回' }).click()
	await expect(page).toHaveURL(boardUrl)
	await expect(mine).toHaveAttribute('data-status', 'PASSED')
	expect(dutyStatus(w.personId)).toBe('ON_POST')
})

test('English, and tenant isolation in the browser: another county’s inspector gets 404', async ({ page }) => {
	await loginAs(page, DEMO.xiaoyiInspector)
	const res = await page.goto('/inspections')
	expect(res?.status()).toBe(200)
	// the demo inspection at the Jiaocheng plant is not in Xiaoyi's list, and its board is a 404
	await expect(page.getByTestId('inspection-list').or(page.getByText('还没有检查记录。'))).toBeVisible()
	await expect(page.getByText('吕梁晋安精细化工有限公司')).toHaveCount(0)
	const { openDb } = await import('./fixtures.ts')
	const db = openDb()
	const demo = db.prepare("SELECT i.id FROM Inspection i JOIN Enterprise e ON e.id = i.enterpriseId WHERE e.uscc LIKE '91141122MA0K8JXN1%' LIMIT 1").get() as { id: string }
	db.close()
	expect((await page.goto(`/inspections/${demo.id}`))?.status()).toBe(404)

	await loginAs(page, DEMO.jiaochengInspector)
	await page.request.post('/locale', { form: { locale: 'en', redirectTo: '/' } })
	await page.goto(`/inspections/${demo.id}`)
	await expect(page.getByRole('heading', { name: 'Draw record' })).toBeVisible()
	await expect(page.getByTestId('count-PASSED')).toContainText('Passed')
	await expect(page.getByTestId('examinee-row').filter({ hasText: 'Failed' })).toHaveCount(1)
	await expectNoHorizontalScroll(page)
})

test('the city regulator reads an inspection and downloads its record, but cannot run it; another county’s regulator gets 404', async ({ page }) => {
	const { openDb } = await import('./fixtures.ts')
	const db = openDb()
	const demo = db.prepare("SELECT i.id FROM Inspection i JOIN Enterprise e ON e.id = i.enterpriseId WHERE e.uscc LIKE '91141122MA0K8JXN1%' LIMIT 1").get() as { id: string }
	db.close()
	await loginAs(page, DEMO.cityRegulator)
	await page.goto('/inspections')
	await expect(page.getByRole('link', { name: '新建检查' })).toHaveCount(0)
	await page.goto(`/inspections/${demo.id}`)
	await expect(page.getByRole('heading', { name: '吕梁晋安精细化工有限公司' })).toBeVisible()
	await expect(page.getByTestId('examinee-row').first()).toBeVisible()
	// Rows are not links to the one-time codes; no draw or close forms.
	await expect(page.getByTestId('examinee-list').getByRole('link')).toHaveCount(0)
	await expect(page.locator('input[name="intent"]')).toHaveCount(0)
	const pdf = await page.request.get(`/inspections/${demo.id}/pdf`)
	expect(pdf.status()).toBe(200)
	expect(pdf.headers()['content-type']).toContain('application/pdf')
	await expectNoHorizontalScroll(page)

	await loginAs(page, DEMO.lishiRegulator)
	expect((await page.goto(`/inspections/${demo.id}`))?.status()).toBe(404)
})
