import { expect, test } from '@playwright/test'
import { DEMO, expectNoHorizontalScroll, loginAs, openDb, signIn, uniqueMobile } from './fixtures.ts'

const HOMES: [string, string, string][] = [
	['worker', DEMO.worker, 'home-worker'],
	['principal', DEMO.principal, 'home-enterprise'],
	['safety manager', DEMO.manager, 'home-enterprise'],
	['inspector', DEMO.jiaochengInspector, 'home-region'],
	['regulator', DEMO.cityRegulator, 'home-region'],
	['admin', DEMO.admin, 'home-region'],
]

for (const [role, mobile, testId] of HOMES) {
	test(`${role} signs in, lands on their home, switches language and signs out @desktop`, async ({ page }) => {
		await signIn(page, mobile)
		await expect(page).toHaveURL(/\/home$/)
		await expect(page.getByTestId(testId)).toBeVisible()
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
		await expectNoHorizontalScroll(page)

		await page.goto('/me')
		await page.getByRole('button', { name: 'English' }).click()
		await expect(page.locator('html')).toHaveAttribute('lang', 'en')
		await expect(page.getByRole('heading', { name: 'Me', exact: true })).toBeVisible()
		await page.goto('/home')
		await expect(page.getByTestId(testId)).toBeVisible()
		await expect(page.getByRole('navigation', { name: 'Main navigation' }).first()).toBeAttached()

		await page.goto('/me')
		await page.getByRole('button', { name: 'Sign out', exact: true }).click()
		await expect(page).toHaveURL(/\/login$/)
		await page.goto('/home')
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fhome$/)
		// The language choice outlives the session.
		await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
	})
}

test('a worker cannot open a safety manager page', async ({ page }) => {
	await loginAs(page, DEMO.worker)
	const res = await page.goto('/roster')
	expect(res?.status()).toBe(403)
	await expect(page.getByRole('heading', { name: '没有权限' })).toBeVisible()
	const res2 = await page.goto('/areas/some-id')
	expect(res2?.status()).toBe(403)
})

test('an unknown page says what to do next', async ({ page }) => {
	await loginAs(page, DEMO.manager)
	const res = await page.goto('/roster/not-a-person')
	expect(res?.status()).toBe(404)
	await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible()
	await expect(page.getByRole('link', { name: '回到首页' })).toBeVisible()
})

test('wrong password shows one message that does not reveal whether the number exists', async ({ page }) => {
	await signIn(page, DEMO.depotWorker, 'wrong-password-1')
	await expect(page.getByRole('alert')).toHaveText('手机号或密码不正确。')
	await signIn(page, '13612345678', 'wrong-password-1')
	await expect(page.getByRole('alert')).toHaveText('手机号或密码不正确。')
})

test('CSV import rejects a file with one bad row and imports nothing, then accepts the corrected file', async ({ page }) => {
	await loginAs(page, DEMO.manager)
	const m1 = uniqueMobile()
	const m2 = uniqueMobile()
	const name1 = `导入甲${m1.slice(-4)}`
	const name2 = `导入乙${m2.slice(-4)}`
	const header = '姓名,手机号,身份证号,用工类型,承包商单位,部门,岗位,入职日期'
	const bad = [header, `${name1},${m1},,正式员工,,硝化车间,硝化工艺操作工,2025-03-01`, `${name2},${m2.slice(0, 10)},,承包商人员,,设备部,检修工,2025-03-02`].join('\r\n')
	await page.goto('/roster/import')
	await page.getByLabel('选择名册文件（.xlsx 或 .csv）').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + bad) })
	await page.getByRole('button', { name: '检查文件' }).click()
	const errors = page.getByTestId('import-errors')
	await expect(errors).toContainText('第 3 行')
	await expect(errors).toContainText('手机号')
	await expect(errors).toContainText('承包商单位')
	const db = openDb()
	const count = () => (db.prepare('SELECT COUNT(*) n FROM Person WHERE mobile IN (?, ?)').get(m1, m2) as { n: number }).n
	expect(count()).toBe(0)

	const good = [header, `${name1},${m1},,正式员工,,硝化车间,硝化工艺操作工,2025-03-01`, `${name2},${m2},,承包商人员,山西晋源化工设备安装有限公司,设备部,检修工,2025/3/2`].join('\r\n')
	await page.getByLabel('选择名册文件（.xlsx 或 .csv）').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from('\uFEFF' + good) })
	await page.getByRole('button', { name: '检查文件' }).click()
	await expect(page.getByTestId('import-preview')).toContainText('共 2 人，检查通过')
	expect(count()).toBe(0)
	await page.getByRole('button', { name: '确认导入 2 人' }).click()
	await expect(page).toHaveURL(/\/roster$/)
	await expect(page.getByRole('status').first()).toContainText('已导入 2 人')
	expect(count()).toBe(2)
	db.close()
	await page.goto(`/roster?q=${encodeURIComponent(name2)}`)
	await expect(page.getByTestId('roster-list')).toContainText('承包商人员')
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a manager signs in, adds a person with a mistake, corrects it and issues a password', async ({ page }) => {
		await signIn(page, DEMO.depotManager)
		await expect(page).toHaveURL(/\/home$/)
		await page.goto('/roster/new')
		const mobile = uniqueMobile()
		await page.getByLabel('姓名').fill('无脚本')
		await page.getByLabel('手机号').fill('123')
		await page.getByRole('button', { name: '保存并添加' }).click()
		await expect(page.getByText('请输入 11 位中国大陆手机号')).toBeVisible()
		await expect(page.getByLabel('手机号')).toHaveAttribute('aria-invalid', 'true')
		await page.getByLabel('姓名').fill('无脚本')
		await page.getByLabel('手机号').fill(mobile)
		await page.getByLabel('岗位').fill('油品储运工')
		await page.getByRole('button', { name: '保存并添加' }).click()
		await expect(page.getByRole('heading', { name: '无脚本' })).toBeVisible()
		await page.getByRole('button', { name: '发放初始密码' }).click()
		const temp = await page.getByTestId('temp-password').textContent()
		expect(temp).toMatch(/^[a-z2-9]{10}$/)
	})
})

test('the person page at 360 px wide has no sideways scrolling', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 })
	await loginAs(page, DEMO.manager)
	for (const path of ['/home', '/roster', '/roster/new', '/roster/import', '/areas', '/organisation', '/me']) {
		await page.goto(path)
		await expectNoHorizontalScroll(page)
	}
})

test('responses carry security headers and cross-site posts are refused', async ({ page, request }) => {
	const res = await request.get('/login')
	const csp = res.headers()['content-security-policy'] ?? ''
	expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
	expect(csp).toContain("frame-ancestors 'none'")
	expect(res.headers()['x-content-type-options']).toBe('nosniff')
	expect(res.headers()['referrer-policy']).toBe('same-origin')
	const nonce = /'nonce-([^']+)'/.exec(csp)![1]
	expect(await res.text()).toContain(`nonce="${nonce}"`)

	const evil = await request.post('/login', { headers: { Origin: 'http://evil.example' }, form: { mobile: DEMO.worker, password: 'x' } })
	expect(evil.status()).toBe(403)
	// The page still works under the policy: hydrated scripts run (client-side navigation).
	const errors: string[] = []
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
	await loginAs(page, DEMO.manager)
	await page.goto('/home')
	await page.getByRole('link', { name: '添加人员' }).click()
	await expect(page.getByRole('heading', { name: '添加人员' })).toBeVisible()
	expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([])
})

test('an upload over the size limit gets a translated page with a way back, in both languages', async ({ request }) => {
	const body = Buffer.alloc(13 * 1024 * 1024, 0x61)
	const zh = await request.post('/login', { headers: { accept: 'text/html', 'content-type': 'application/octet-stream' }, data: body })
	expect(zh.status()).toBe(413)
	const zhHtml = await zh.text()
	expect(zhHtml).toContain('上传的内容太大')
	expect(zhHtml).toContain('lang="zh-CN"')
	expect(zhHtml).toMatch(/<a href="[^"]+"[^>]*>返回<\/a>/)
	const lng = encodeURIComponent(Buffer.from(JSON.stringify('en')).toString('base64'))
	const en = await request.post('/login', { headers: { accept: 'text/html', cookie: `lng=${lng}`, 'content-type': 'application/octet-stream' }, data: body })
	expect(en.status()).toBe(413)
	expect(await en.text()).toContain('The upload is too large: at most 12 MB')
})

test('on a phone, a manager reaches every feature through “more”, including signing out', async ({ page }) => {
	await loginAs(page, DEMO.manager)
	await page.goto('/home')
	const bar = page.locator('nav.bottomnav')
	await expect(bar.locator('a')).toHaveCount(5)
	await bar.getByTestId('nav-more').click()
	await expect(page.getByRole('heading', { name: '全部功能' })).toBeVisible()
	for (const name of ['人员', '区域', '我的']) await expect(page.locator('.menu-list').getByRole('link', { name, exact: true })).toBeVisible()
	await page.locator('.menu-list').getByRole('link', { name: '我的', exact: true }).click()
	await expect(page.getByRole('button', { name: '退出登录', exact: true })).toBeVisible()
})
