import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { DEMO, expectNoHorizontalScroll, loginAs, openDb, uniqueMobile } from './fixtures.ts'

function demoWorker() {
	const db = openDb()
	try {
		return db.prepare('SELECT id, enterpriseId FROM Person WHERE mobile = ?').get(DEMO.worker) as { id: string; enterpriseId: string }
	} finally {
		db.close()
	}
}

/** A fresh person of the demo worker's enterprise, so no other test touches its credentials. */
function newPerson(name: string): string {
	const db = openDb()
	try {
		const { enterpriseId } = demoWorker()
		const id = `e2e${randomBytes(8).toString('hex')}`
		const now = new Date().toISOString()
		db.prepare(
			"INSERT INTO Person (id, enterpriseId, name, mobile, employmentType, post, dutyStatus, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'EMPLOYEE', '电工', 'ON_POST', ?, ?)",
		).run(id, enterpriseId, name, uniqueMobile(), now, now)
		return id
	} finally {
		db.close()
	}
}

test('a worker finds their certificates on the phone, shows the QR and downloads the PDF', async ({ page }) => {
	await loginAs(page, DEMO.worker)
	await page.goto('/home')
	await page.getByTestId('home-certificates').getByRole('link', { name: '我的证书' }).click()
	await expect(page).toHaveURL(/\/certificates$/)
	const list = page.getByTestId('my-certificates')
	await expect(list.getByText('有效', { exact: true })).toBeVisible()
	await expect(list.getByText('已过期', { exact: true })).toBeVisible()
	await expect(page.getByTestId('my-credentials')).toContainText('硝化工艺作业')
	await expect(page.getByTestId('my-credentials')).toContainText('即将复审')
	await expectNoHorizontalScroll(page)

	await list.getByRole('link', { name: '查看与出示' }).first().click()
	await expect(page.getByRole('img', { name: /证书核验二维码/ })).toBeVisible()
	await expectNoHorizontalScroll(page)
	const pdfHref = await page.getByRole('link', { name: '下载证书 PDF' }).getAttribute('href')
	const res = await page.request.get(pdfHref!)
	expect(res.status()).toBe(200)
	expect(res.headers()['content-type']).toBe('application/pdf')
	expect(res.headers()['content-disposition']).toMatch(/filename\*=UTF-8''/)
	expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-')
})

test('the public verify page: valid with a masked name, in both languages; an unknown code says not found', async ({ page, browser }) => {
	await loginAs(page, DEMO.worker)
	await page.goto('/certificates')
	await page.getByTestId('my-certificates').locator('li', { hasText: '有效' }).filter({ hasNotText: '已过期' }).getByRole('link', { name: '查看与出示' }).click()
	const url = (await page.locator('.cert-url').textContent())!.trim()
	expect(url).toMatch(/\/verify\/[a-z2-7]{32}$/)

	// Nobody signed in: a fresh context.
	const anon = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
	const p = await anon.newPage()
	const res = await p.goto(new URL(url).pathname)
	expect(res?.status()).toBe(200)
	await expect(p.getByTestId('verify-state')).toHaveText('证书有效')
	await expect(p.getByTestId('verify-holder')).toHaveText('刘*波')
	// No ID number or phone on the public page.
	expect(await p.locator('main').innerText()).not.toMatch(/\d{11,}/)
	await expectNoHorizontalScroll(p)
	await p.getByRole('button', { name: 'English' }).click()
	await expect(p.getByTestId('verify-state')).toHaveText('Certificate valid')

	const miss = await p.goto(`/verify/${'q'.repeat(32)}`)
	expect(miss?.status()).toBe(404)
	await expect(p.getByTestId('verify-state')).toContainText('No certificate matches')
	await anon.close()
})

test('a safety manager records a credential and a requirement; the gap shows on the person and the roster @desktop', async ({ page }) => {
	const name = `持证测试${randomBytes(2).toString('hex')}`
	const id = newPerson(name)
	await loginAs(page, DEMO.manager)
	await page.goto(`/roster/${id}`)
	const section = page.getByTestId('person-credentials')
	await expect(section.getByText('未登记证件。')).toBeVisible()

	await section.getByRole('link', { name: '登记证件' }).click()
	await page.getByLabel('证件类别').selectOption('ST_ELEC_LOW_VOLTAGE')
	await page.getByLabel('证号').fill('T141122199001010011')
	await page.getByLabel('发证机关').fill('吕梁市应急管理局')
	await page.getByLabel('初领/发证日期').fill('2026-01-05')
	await page.getByRole('button', { name: '保存' }).click()
	await expect(page).toHaveURL(new RegExp(`/roster/${id}`))
	await expect(page.getByText('已登记证件。')).toBeVisible()
	await expect(section.locator('.row-title', { hasText: '低压电工作业' })).toBeVisible()
	await expect(section.getByText('2026-01-05 – 2032-01-04')).toBeVisible()

	// Bad input: a translated message, nothing saved.
	await section.getByRole('link', { name: '登记证件' }).click()
	await page.getByLabel('证件类别').selectOption('ST_ELEC_LOW_VOLTAGE')
	await page.getByLabel('证号').fill('X')
	await page.getByLabel('发证机关').fill('Y')
	await page.getByLabel('初领/发证日期').fill('2026-01-05')
	await page.getByRole('button', { name: '保存' }).click()
	await expect(page.getByRole('alert').filter({ hasText: '此人已登记该类别的证件' })).toBeVisible()

	await page.goto(`/roster/${id}`)
	await section.getByLabel('添加须持证类别').selectOption('HC_NITRATION')
	await section.getByRole('button', { name: '添加须持证类别' }).click()
	await expect(page.getByTestId('credential-missing')).toContainText('硝化工艺作业')

	await page.goto(`/roster?q=${encodeURIComponent(name)}`)
	await expect(page.getByTestId('roster-list').getByTestId('credential-flag')).toHaveText('无证上岗')
})

test('the manager sees credential reminders at home; the inspector sees hidden-danger item 2 for the plant', async ({ page }) => {
	await loginAs(page, DEMO.manager)
	await page.goto('/home')
	const card = page.getByTestId('credential-reminders')
	await expect(card).toBeVisible()
	await expect(card.getByText('硝化工艺作业').first()).toBeVisible()
	await expectNoHorizontalScroll(page)

	await loginAs(page, DEMO.jiaochengInspector)
	await page.goto('/enterprises')
	await page.getByRole('link', { name: /吕梁晋安精细化工/ }).first().click()
	const danger = page.getByTestId('hidden-danger-2')
	await expect(danger).toContainText('名在岗人员缺少有效证件')
	await expect(danger).toContainText('硝化工艺作业')
	await expectNoHorizontalScroll(page)
})

test('a manager downloads a person’s archive PDF from the person page', async ({ page }) => {
	const { id } = demoWorker()
	await loginAs(page, DEMO.manager)
	await page.goto(`/roster/${id}`)
	const href = await page.getByTestId('archive-download').getAttribute('href')
	const res = await page.request.get(href!)
	expect(res.status()).toBe(200)
	expect(res.headers()['content-type']).toBe('application/pdf')
	expect(decodeURIComponent(res.headers()['content-disposition']!.split("UTF-8''")[1]!)).toMatch(/^一人一档-刘海波-/)
})
