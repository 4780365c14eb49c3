import { randomBytes } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import { DEMO, expectNoHorizontalScroll, loginAs, openDb, uniqueMobile } from './fixtures.ts'

const FINE = '吕梁晋安精细化工有限公司'
const PARK = '交城经济开发区化工园区'

function ids() {
	const db = openDb()
	try {
		const county = db.prepare("SELECT id FROM Region WHERE code = '141122'").get() as { id: string }
		const enterprise = db.prepare('SELECT id FROM Enterprise WHERE name = ?').get(FINE) as { id: string }
		return { county: county.id, enterprise: enterprise.id }
	} finally {
		db.close()
	}
}

/** A new worker of the fine-chemical plant with five long-overdue training assignments. */
function overduePerson(): string {
	const name = `看板逾期${randomBytes(3).toString('hex')}`
	const db = openDb()
	try {
		const { id: enterpriseId } = db.prepare('SELECT id FROM Enterprise WHERE name = ?').get(FINE) as { id: string }
		const { id: versionId } = db.prepare('SELECT id FROM PackVersion ORDER BY importedAt LIMIT 1').get() as { id: string }
		const personId = `e2e-${randomBytes(8).toString('hex')}`
		const now = new Date().toISOString().replace('Z', '+00:00')
		db.prepare("INSERT INTO Person (id, enterpriseId, name, mobile, employmentType, post, dutyStatus, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'EMPLOYEE', '看板测试岗', 'ON_POST', ?, ?)").run(
			personId,
			enterpriseId,
			name,
			uniqueMobile(),
			now,
			now,
		)
		for (const due of ['2020-01-10', '2020-02-10', '2020-03-10', '2020-04-10', '2020-05-10'])
			db.prepare("INSERT INTO Assignment (id, enterpriseId, personId, packVersionId, reason, dueDate, status, createdAt) VALUES (?, ?, ?, ?, 'ANNUAL', ?, 'ASSIGNED', ?)").run(
				`e2e-${randomBytes(8).toString('hex')}`,
				enterpriseId,
				personId,
				versionId,
				due,
				now,
			)
		return name
	} finally {
		db.close()
	}
}

async function expectChartsFit(page: Page, maxWidth: number) {
	await expect(page.getByTestId('chart-count-trend').locator('svg.chart-svg')).toBeVisible()
	const boxes = await page.locator('svg.chart-svg').evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width))
	expect(boxes.length).toBeGreaterThan(3)
	for (const w of boxes) {
		expect(w).toBeGreaterThan(200)
		expect(w).toBeLessThanOrEqual(maxWidth)
	}
	await expectNoHorizontalScroll(page)
}

test('a county inspector drills down from the county to the park, the enterprise and its overdue people', async ({ page }) => {
	const name = overduePerson()
	await loginAs(page, DEMO.jiaochengInspector)
	await page.goto('/home')
	await page.getByTestId('home-dashboard').getByRole('link', { name: '打开看板' }).click()

	await expect(page.getByRole('heading', { level: 1 })).toHaveText('交城县 监管看板')
	await expect(page.getByTestId('ov-headline')).toBeVisible()
	await page.getByTestId('ov-breakdown').locator(`[data-region="${PARK}"]`).click()

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${PARK} 监管看板`)
	await expect(page.getByRole('navigation', { name: '所在层级' })).toContainText('交城县')
	await page.getByTestId('ov-breakdown').locator(`[data-enterprise="${FINE}"]`).click()

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(FINE)
	await expect(page.getByTestId('chart-drill-grid')).toBeVisible()
	const overdue = page.getByTestId('stat-overdue')
	const count = Number(await overdue.locator('strong').textContent())
	expect(count).toBeGreaterThanOrEqual(1)
	await overdue.click()

	await expect(page.getByRole('heading', { level: 1 })).toHaveText('培训任务逾期人员')
	// The list holds the people the figure counted (other tests may add more meanwhile).
	const total = Number((await page.getByText(/共 \d+ 条/).textContent())!.match(/共 (\d+) 条/)![1])
	expect(total).toBeGreaterThanOrEqual(count)
	// Most overdue first: five assignments put the new person on the first page.
	const mine = page.getByTestId('figure-people').locator(`li[data-person="${name}"]`)
	await expect(mine).toContainText('5 项逾期，最早应于 2020-01-10 完成')
	// A regulator sees names, but the roster behind them stays the enterprise's.
	await expect(mine.locator('a')).toHaveCount(0)
	await expectNoHorizontalScroll(page)
})

test('a regulator of another county cannot see Jiaocheng’s region, enterprise or people', async ({ page }) => {
	const { county, enterprise } = ids()
	await loginAs(page, DEMO.lishiRegulator)
	await page.goto('/oversight')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('离石区 监管看板')
	await expect(page.getByTestId('ov-ranking')).not.toContainText(FINE)
	await expect(page.getByTestId('ov-breakdown')).not.toContainText(FINE)
	for (const url of [`/oversight?region=${county}`, `/oversight/enterprises/${enterprise}`, `/oversight/enterprises/${enterprise}/people?figure=overdue`, `/oversight/enterprises?region=${county}`, `/oversight/reports?region=${county}`]) {
		const res = await page.goto(url)
		expect(res?.status(), url).toBe(404)
	}
	const file = await page.request.get(`/oversight/reports/file?region=${county}&format=csv`)
	expect(file.status()).toBe(404)
})

test('charts render as SVG within a 360 px phone screen, with their numbers as tables', async ({ page }) => {
	const { enterprise } = ids()
	await page.setViewportSize({ width: 360, height: 740 })
	await loginAs(page, DEMO.cityRegulator)
	await page.goto('/oversight')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('吕梁市 监管看板')
	await expectChartsFit(page, 360)
	// Each chart is an image named by its title, and its numbers are in a table for screen readers.
	const coverage = page.getByTestId('chart-coverage')
	await expect(coverage.getByRole('img', { name: '按用工类型的学时达标率' })).toBeVisible()
	await expect(coverage.getByRole('table')).toContainText('正式员工')

	await page.goto(`/oversight/enterprises/${enterprise}`)
	await expectChartsFit(page, 360)
	await expect(page.getByTestId('chart-drill-grid').locator('rect.chart-cell')).not.toHaveCount(0)

	// The principal's home shows the dashboard card, which opens the same dashboard.
	await page.context().clearCookies()
	await loginAs(page, DEMO.principal)
	await page.goto('/home')
	await page.getByTestId('home-dashboard').getByRole('link', { name: /打开看板/ }).click()
	await expect(page).toHaveURL(new RegExp(`/oversight/enterprises/${enterprise}$`))
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(FINE)
	await expectChartsFit(page, 360)
})

test('the city regulator downloads the annual report as Excel and the evaluation as PDF, in English too', async ({ page, browser }) => {
	await loginAs(page, DEMO.cityRegulator)
	await page.goto('/oversight/reports')
	await page.getByLabel('三年行动评估（2024–2026 年）').check()
	await page.getByRole('button', { name: '生成预览' }).click()
	await expect(page).toHaveURL(/kind=evaluation/)
	await expect(page.getByTestId('report-preview').getByRole('heading')).toContainText('三年行动')
	await expect(page.getByTestId('report-preview')).toContainText('交城县')
	const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('[data-format="pdf"]').click()])
	expect(pdf.suggestedFilename()).toMatch(/三年行动.*\.pdf$/)

	// Bad dates: a translated message, no file.
	await page.getByLabel('自定义期间').check()
	await page.getByLabel('开始日期').fill('2026-06-01')
	await page.getByLabel('结束日期').fill('2026-05-01')
	await page.getByRole('button', { name: '生成预览' }).click()
	await expect(page.getByText('结束日期不能早于开始日期')).toBeVisible()
	await expect(page.getByTestId('report-preview')).toHaveCount(0)

	const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } })
	const en = await context.newPage()
	await loginAs(en, DEMO.cityRegulator)
	await en.goto('/oversight/reports?kind=annual')
	await expect(en.getByRole('heading', { level: 1 })).toHaveText('Reports')
	const [xlsx] = await Promise.all([en.waitForEvent('download'), en.getByRole('link', { name: 'Download Excel' }).click()])
	expect(xlsx.suggestedFilename()).toMatch(/safety training and drills, \d{4}\.xlsx$/)
	await en.goto('/oversight')
	await expect(en.getByRole('heading', { level: 1 })).toHaveText('Lüliang City: oversight dashboard')
	await expectChartsFit(en, 390)
	await context.close()
})
