import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, type Page } from '@playwright/test'

/** Demo sign-ins (scripts/lib/demo-data.ts); all use DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'Anxun2026'
export const DEMO = {
	admin: '13900000001',
	cityRegulator: '13900000002',
	jiaochengInspector: '13900000003',
	xiaoyiInspector: '13900000004',
	lishiRegulator: '13900000005',
	principal: '13900000011',
	manager: '13900000012',
	worker: '13900000013',
	contractorWorker: '13900000014',
	depotPrincipal: '13900000020',
	depotManager: '13900000021',
	depotWorker: '13900000022',
	stationPrincipal: '13900000030',
	stationManager: '13900000031',
} as const

export function dbPath(): string {
	// E2E_DB_PATH lets a private run (own server and database) leave the shared file alone.
	return process.env.E2E_DB_PATH ?? fs.readFileSync(path.resolve('tests/.tmp/e2e-db-path'), 'utf8').trim()
}

/** Direct read access to the e2e server's database, for assertions. */
export function openDb(): Database.Database {
	const db = new Database(dbPath())
	db.pragma('busy_timeout = 5000')
	return db
}

/** Sign in without the form: write a session row and set its cookie (fast, no back-off). */
export async function loginAs(page: Page, mobile: string): Promise<void> {
	const db = openDb()
	try {
		const user = db.prepare('SELECT id FROM User WHERE mobile = ?').get(mobile) as { id: string } | undefined
		if (!user) throw new Error(`No user with mobile ${mobile}`)
		const token = randomBytes(32).toString('base64url')
		const now = new Date()
		db.prepare('INSERT INTO Session (id, userId, createdAt, expiresAt, lastSeenAt, ip, userAgent) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
			createHash('sha256').update(token).digest('hex'),
			user.id,
			now.toISOString(),
			new Date(now.getTime() + 86_400_000).toISOString(),
			now.toISOString(),
			'e2e',
			'e2e',
		)
		await page.context().addCookies([{ name: 'anxun_session', value: token, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }])
	} finally {
		db.close()
	}
}

/** Sign in through the form, as a person would. */
export async function signIn(page: Page, mobile: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login')
	await page.getByLabel(/手机号|Mobile number/).fill(mobile)
	await page.getByLabel(/^(密码|Password)$/).fill(password)
	await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click()
}

let counter = 0
/** A mobile number no demo person has: 137 + pid-ish + counter. */
export function uniqueMobile(): string {
	counter++
	const n = (Date.now() % 1_000_000) * 100 + (process.pid % 10) * 10 + (counter % 10)
	return `137${String(n).padStart(8, '0').slice(-8)}`
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
	expect(overflow).toBeLessThanOrEqual(1)
}
