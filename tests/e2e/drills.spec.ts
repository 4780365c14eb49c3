import { expect, test, type Browser, type Page } from '@playwright/test'
import { DEMO, expectNoHorizontalScroll, loginAs, openDb } from './fixtures.ts'

const FINE = '吕梁晋安精细化工有限公司'
const DEMO_AREAS = ['综合办公楼', '硝化车间', '加氢车间', '罐区及装卸站', '职工宿舍楼']
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

function uniqueName(prefix: string) {
	return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

function shanghaiDatePlus(days: number): string {
	return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)
}

/**
 * The demo's missed plan at the tank farm (scripts/lib/demo-drills.ts, placed relative to the
 * seed day): OVERDUE, except on a half-year's first day, when nothing can be late yet and the
 * plan falls on today.
 */
const MISSED_PLAN = /-(01|07)-01$/.test(shanghaiDatePlus(0)) ? 'SCHEDULED' : 'OVERDUE'

function row(page: Page, area: string) {
	return page.locator(`[data-testid="matrix-row"][data-area="${area}"]`)
}

async function currentStatuses(page: Page): Promise<Record<string, string>> {
	return page.locator('[data-testid="matrix-row"]').evaluateAll((rows) =>
		Object.fromEntries(rows.map((r) => [r.getAttribute('data-area')!, r.querySelector('.drill-cell-current')!.getAttribute('data-cell-status')!])),
	)
}

async function addArea(page: Page, name: string, kind: string) {
	await page.goto('/areas')
	await page.getByLabel('区域名称').fill(name)
	await page.getByLabel('区域类型').selectOption({ label: kind })
	await page.getByRole('button', { name: '添加区域' }).click()
	await expect(page.getByText(`已添加区域“${name}”。`)).toBeVisible()
}

async function newPage(browser: Browser, mobile: string, opts: { javaScriptEnabled?: boolean; locale?: string } = {}) {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: opts.locale ?? 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled: opts.javaScriptEnabled ?? true })
	const page = await context.newPage()
	await loginAs(page, mobile)
	return page
}

test('a manager plans the half-year, runs a drill on the phone through a reload and a lost connection, evaluates and closes it; the region sees it, another region does not', async ({ page, browser }) => {
	test.setTimeout(120_000)
	const area = uniqueName('演练测试办公楼')
	await loginAs(page, DEMO.manager)
	await addArea(page, area, '办公区')

	// The matrix: the new area is due; plan the half-year for every area that has none.
	await page.goto('/drills')
	await expect(row(page, area).locator('.drill-cell-current')).toHaveAttribute('data-cell-status', 'DUE')
	await expect(row(page, '罐区及装卸站').locator('.drill-cell-current')).toHaveAttribute('data-cell-status', MISSED_PLAN)
	const before = await currentStatuses(page)
	await expectNoHorizontalScroll(page)
	await page.getByTestId('plan-all').getByRole('button').click()
	await expect(page.getByText(/已为 \d+ 个区域安排演练/)).toBeVisible()
	await expect(row(page, area).locator('.drill-cell-current')).toHaveAttribute('data-cell-status', 'SCHEDULED')

	// Drill mode.
	await row(page, area).locator('.drill-cell-current').click()
	await expect(page).toHaveURL(/\/drills\/[^/]+$/)
	const drillId = page.url().split('/').pop()!
	await page.getByRole('link', { name: '进入演练模式' }).click()
	await expect(page).toHaveURL(new RegExp(`/drills/${drillId}/run$`))
	await expect(page.getByTestId('stopwatch')).toHaveText('0:00')
	await page.getByTestId('mark-alarm').click()
	await expect(page.getByTestId('mark-alarm-time')).toContainText(/\d\d:\d\d:\d\d/)
	await expect(page.getByTestId('queue-status')).toHaveCount(0)
	await expect(page.getByTestId('stopwatch')).toHaveText(/^0:0[2-9]$/, { timeout: 8000 })

	// A reload in the middle: the time comes back from the server and keeps running.
	await page.reload()
	await expect(page.getByTestId('mark-alarm')).toBeDisabled()
	await expect(page.getByTestId('stopwatch')).toHaveText(/^0:(0[3-9]|[1-5]\d)$/)
	await expectNoHorizontalScroll(page)

	// The connection drops: the tap is kept on the phone and sent when it returns.
	await page.context().setOffline(true)
	await page.getByTestId('mark-clear').click()
	await expect(page.getByTestId('queue-status')).toContainText('网络不通')
	await expect(page.getByTestId('mark-clear-time')).toContainText('待上传')
	const queued = await page.evaluate(() => localStorage.getItem('anxun.drillQueue.v1'))
	expect(queued).toContain('"mark":"clear"')
	await page.context().setOffline(false)
	await expect(page.getByTestId('queue-status')).toHaveCount(0, { timeout: 40_000 })
	await expect(page.getByTestId('mark-clear-time')).toContainText(/\d\d:\d\d:\d\d · \+0:\d\d/)
	const stored = openDb().prepare('SELECT alarmAt, clearedAt, status FROM Drill WHERE id = ?').get(drillId) as { alarmAt: string | number; clearedAt: string | number; status: string }
	const ms = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v))
	expect(stored.status).toBe('RUNNING')
	expect(ms(stored.clearedAt) - ms(stored.alarmAt)).toBeGreaterThan(3000)

	await page.getByTestId('mark-assembled').click()
	await expect(page.getByTestId('mark-assembled-time')).toContainText(/\d\d:\d\d:\d\d/)
	await page.getByLabel('应到人数').fill('12')
	await page.getByLabel('实到人数').fill('11')
	await page.getByRole('button', { name: '保存人数' }).click()
	await expect(page.getByTestId('headcount-card').getByTestId('headcount')).toContainText('应到 12 人，实到 11 人')

	// The missing person, picked from the roster filtered by department.
	await page.locator('#pick-dept').selectOption({ label: '硝化车间' })
	await page.getByLabel('姓名或岗位').fill('刘海波')
	await page.getByRole('button', { name: '搜索' }).click()
	await page.getByRole('button', { name: '将刘海波记为未到' }).click()
	await expect(page.getByText('已登记未到：刘海波。')).toBeVisible()
	await expect(page.getByTestId('missing-list')).toContainText('刘海波')

	await page.getByLabel(/随时记录/).fill('西侧楼梯门被纸箱挡住')
	await page.getByRole('button', { name: '记录', exact: true }).click()
	await expect(page.getByTestId('notes')).toContainText('西侧楼梯门被纸箱挡住')
	await expect(page.getByTestId('queue-status')).toHaveCount(0)
	await page.getByTestId('finish').click()
	await expect(page.getByText('演练已结束，请填写评估。')).toBeVisible()

	// Evaluate, a corrective action, a photo, the evaluator's sign-off.
	await page.getByLabel('发现的问题').fill('西侧楼梯门被纸箱挡住；刘海波未听到广播。')
	await page.getByLabel('原因分析').fill('仓储杂物临时堆放；二层广播音量不足。')
	await page.getByLabel('经验教训').fill('疏散通道必须每日巡查。')
	await page.getByLabel('改进措施').fill('清理楼梯间；调整广播音量。')
	await page.getByRole('button', { name: '保存评估' }).click()
	await expect(page.locator('.alert-success')).toHaveText('已保存')
	await page.getByLabel('整改内容').fill('清理西侧楼梯间杂物并每日巡查')
	await page.getByLabel('责任人').selectOption({ label: '刘海波（硝化车间 · 硝化工艺操作工）' })
	await page.getByLabel('完成期限').fill(shanghaiDatePlus(10))
	await page.getByRole('button', { name: '添加整改事项' }).click()
	await expect(page.getByText('整改事项已添加。')).toBeVisible()
	await page.getByLabel('选择照片').setInputFiles({ name: 'assembly.png', mimeType: 'image/png', buffer: PNG })
	await page.getByRole('button', { name: '上传照片' }).click()
	await expect(page.getByText('照片已上传。')).toBeVisible()
	// A photo over the limit is refused on the phone, before megabytes go over the network.
	let photoPosts = 0
	page.on('request', (r) => r.method() === 'POST' && r.url().includes(`/drills/${drillId}`) && photoPosts++)
	await page.getByLabel('选择照片').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]) })
	await page.getByRole('button', { name: '上传照片' }).click()
	await expect(page.getByRole('alert').filter({ hasText: '5 MB' })).toBeVisible()
	expect(photoPosts).toBe(0)
	const src = await page.getByTestId('photos').locator('img').first().getAttribute('src')
	const photo = await page.request.get(src!)
	expect(photo.status()).toBe(200)
	expect(photo.headers()['content-type']).toBe('image/png')
	await page.getByRole('button', { name: '签字并归档' }).click()
	await expect(page.getByTestId('signed-off')).toBeVisible()
	await expect(page.locator('[data-drill-status]').first()).toHaveAttribute('data-drill-status', 'CLOSED')

	// The printable record and the CSV.
	await page.goto(`/drills/${drillId}/record`)
	await expect(page.getByTestId('drill-record')).toContainText('刘海波')
	await expect(page.getByTestId('drill-record')).toContainText('清理西侧楼梯间杂物并每日巡查')
	const csv = await page.request.get('/drills/export')
	expect(csv.headers()['content-type']).toContain('text/csv')
	expect(await csv.text()).toContain(area)

	// The matrix: DONE for this area; the others kept their problems or got a plan.
	await page.goto('/drills')
	await expect(row(page, area).locator('.drill-cell-current')).toHaveAttribute('data-cell-status', 'DONE')
	const after = await currentStatuses(page)
	// Only the demo areas: tests running alongside may add and drill their own areas.
	for (const [name, status] of Object.entries(before)) {
		if (!DEMO_AREAS.includes(name)) continue
		if (status === 'DUE') expect([`${name}:SCHEDULED`, `${name}:DUE`]).toContain(`${name}:${after[name]}`)
		else expect(`${name}:${after[name]}`).toBe(`${name}:${status}`)
	}
	expect(after['罐区及装卸站']).toBe(MISSED_PLAN)

	// The owner sees the corrective action on their home.
	const worker = await newPage(browser, DEMO.worker)
	await worker.goto('/home')
	await expect(worker.getByTestId('drill-my-actions')).toContainText('清理西侧楼梯间杂物并每日巡查')
	await worker.context().close()

	// The inspector of the region sees the same compliance.
	const inspector = await newPage(browser, DEMO.jiaochengInspector)
	await inspector.goto('/drills/oversight')
	await inspector.getByRole('link', { name: new RegExp(FINE) }).click()
	await expect(row(inspector, area).locator('.drill-cell-current')).toHaveAttribute('data-cell-status', 'DONE')
	await expect(row(inspector, '罐区及装卸站').locator('.drill-cell-current')).toHaveAttribute('data-cell-status', MISSED_PLAN)
	expect(await currentStatuses(inspector)).toMatchObject(Object.fromEntries(Object.entries(after).filter(([k]) => k === area || DEMO_AREAS.includes(k))))
	const enterpriseUrl = inspector.url()
	await inspector.context().close()

	// Another region's inspector gets 404 for all of it.
	const other = await newPage(browser, DEMO.xiaoyiInspector)
	for (const url of [new URL(enterpriseUrl).pathname, `/drills/${drillId}`, `/drills/${drillId}/record`, src!]) {
		const res = await other.goto(url)
		expect(res?.status(), url).toBe(404)
	}
	await other.goto('/drills/oversight')
	await expect(other.getByTestId('oversight-list')).not.toContainText(FINE)
	await other.context().close()
})

test('without JavaScript the drill mode still works: the server stamps its own time', async ({ browser }) => {
	const area = uniqueName('无脚本演练区')
	const page = await newPage(browser, DEMO.manager, { javaScriptEnabled: false })
	await addArea(page, area, '生活区')
	await page.goto('/drills/new')
	await page.getByLabel('区域', { exact: true }).selectOption({ label: `${area}（生活区）` })
	await page.getByLabel('计划日期', { exact: true }).fill(shanghaiDatePlus(1))
	await page.getByRole('button', { name: '保存计划' }).click()
	await expect(page.getByText('演练计划已保存。')).toBeVisible()
	await page.getByRole('link', { name: '进入演练模式' }).click()
	await page.getByTestId('mark-alarm').click()
	await expect(page.getByText('已开始计时。')).toBeVisible()
	await expect(page.getByTestId('mark-alarm-time')).toContainText(/\d\d:\d\d:\d\d/)
	await page.getByTestId('mark-assembled').click()
	await expect(page.getByTestId('mark-assembled-time')).toBeVisible()
	// Finishing without a headcount is refused with a message, nothing changes.
	await page.getByTestId('finish').click()
	await expect(page.getByText('请先填写实到人数。')).toBeVisible()
	await page.getByLabel('实到人数').fill('20')
	await page.getByLabel('应到人数').fill('19')
	await page.getByRole('button', { name: '保存人数' }).click()
	await expect(page.getByText('实到人数不能多于应到人数。')).toBeVisible()
	await page.getByLabel('应到人数').fill('20')
	await page.getByLabel('实到人数').fill('20')
	await page.getByRole('button', { name: '保存人数' }).click()
	await expect(page.getByTestId('headcount-card').getByTestId('headcount')).toContainText('应到 20 人，实到 20 人')
	await page.getByLabel(/随时记录/).fill('无脚本记录')
	await page.getByRole('button', { name: '记录', exact: true }).click()
	await expect(page.getByText('已记录。')).toBeVisible()
	await page.getByTestId('finish').click()
	await expect(page.getByText('演练已结束，请填写评估。')).toBeVisible()
	await page.context().close()
})

for (const [locale, lang] of [
	['en-US', 'en'],
	['zh-CN', 'zh-CN'],
] as const) {
	test(`every drill page is translated (${lang})`, async ({ browser }) => {
		const db = openDb()
		const { id: evaluating } = db.prepare("SELECT d.id FROM Drill d JOIN Area a ON a.id = d.areaId WHERE d.status = 'EVALUATING' AND a.name = '硝化车间'").get() as { id: string }
		const { id: enterpriseId } = db.prepare("SELECT id FROM Enterprise WHERE name = ?").get(FINE) as { id: string }
		db.close()
		const pages: [string, string][] = [
			[DEMO.manager, '/drills'],
			[DEMO.manager, '/drills/list'],
			[DEMO.manager, '/drills/new'],
			[DEMO.manager, `/drills/${evaluating}`],
			[DEMO.manager, `/drills/${evaluating}/run`],
			[DEMO.manager, `/drills/${evaluating}/record`],
			[DEMO.manager, '/home'],
			[DEMO.principal, '/home'],
			[DEMO.worker, '/home'],
			[DEMO.jiaochengInspector, '/drills/oversight'],
			[DEMO.jiaochengInspector, `/drills/compliance/${enterpriseId}`],
			[DEMO.jiaochengInspector, '/home'],
		]
		for (const who of new Set(pages.map(([w]) => w))) {
			const page = await newPage(browser, who, { locale })
			for (const url of pages.filter(([w]) => w === who).map(([, u]) => u)) {
				const res = await page.goto(url)
				expect(res?.status(), url).toBe(200)
				await expect(page.locator('html')).toHaveAttribute('lang', lang)
				// On home pages only the drill cards are this feature's.
				const scope = url === '/home' ? page.locator('[data-testid^="drill-"]') : page.locator('body')
				const text = (await scope.allInnerTexts()).join('\n')
				expect(text.length, url).toBeGreaterThan(0)
				expect(text, url).not.toMatch(/drills:|\{\{|\$t\(/)
				if (lang === 'en') expect(text, url).not.toMatch(/待开展|已排期|演练模式|清点人数|整改事项|演练提醒|应急演练/)
				await expectNoHorizontalScroll(page)
			}
			await page.context().close()
		}
	})
}
