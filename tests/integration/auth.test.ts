import { beforeAll, describe, expect, it, vi } from 'vitest'
import { ACCOUNT_THRESHOLD, IP_THRESHOLD } from '~/domain/lockout.ts'
import * as loginRoute from '~/routes/login.tsx'
import * as logoutRoute from '~/routes/logout.tsx'
import * as passwordRoute from '~/routes/password.tsx'
import * as personRoute from '~/routes/roster.$personId.tsx'
import * as homeRoute from '~/routes/home.tsx'
import { getActor, signIn } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import { call, cookieFor, makeWorld, PASSWORD } from '../support/world.ts'

let w: Awaited<ReturnType<typeof makeWorld>>
beforeAll(async () => {
	w = await makeWorld()
})

function sessionCookie(headers: Headers): string {
	const set = headers.get('set-cookie') ?? ''
	const m = /anxun_session=([^;]*)/.exec(set)
	if (!m) throw new Error(`no session cookie in ${set}`)
	return `anxun_session=${m[1]}`
}

describe('sign-in', () => {
	it('signs in with the right password and lands home', async () => {
		const res = await call(loginRoute.action, { url: '/login', form: { mobile: w.a.worker.mobile, password: PASSWORD } })
		expect(res.status).toBe(302)
		expect(res.headers.get('location')).toBe('/home')
		const cookie = sessionCookie(res.headers)
		expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/)
		expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/)
		const actor = await getActor(new Request('http://localhost/', { headers: { cookie } }))
		expect(actor?.personId).toBe(w.a.worker.person.id)
	})

	it('answers a wrong password and an unknown number with the same message', async () => {
		const wrong = await call(loginRoute.action, { url: '/login', form: { mobile: w.b.worker.mobile, password: 'nope' } })
		const unknown = await call(loginRoute.action, { url: '/login', form: { mobile: '13512345678', password: 'nope' } })
		expect(wrong.status).toBe(400)
		expect(unknown.data).toEqual(wrong.data)
		expect(JSON.stringify(wrong.data)).not.toContain('nope')
	})

	it('rejects a malformed mobile number with a field error and writes nothing', async () => {
		const before = await db.loginThrottle.count()
		const res = await call(loginRoute.action, { url: '/login', form: { mobile: '12345', password: 'x' } })
		expect(res.status).toBe(400)
		expect(res.data).toMatchObject({ fieldErrors: { mobile: [{ key: 'errors:mobileInvalid' }] } })
		expect(await db.loginThrottle.count()).toBe(before)
	})

	it('only redirects to same-site paths after sign-in', async () => {
		const res = await call(loginRoute.action, { url: '/login', form: { mobile: w.b.principal.mobile, password: PASSWORD, redirectTo: '//evil.example/' } })
		expect(res.headers.get('location')).toBe('/home')
	})
})

describe('lock-out', () => {
	it(`locks an account after ${ACCOUNT_THRESHOLD} failures, even for the right password, then lets it in later`, async () => {
		const mobile = w.a.principal.mobile
		const t0 = new Date('2026-11-28T02:00:00Z')
		for (let i = 0; i < ACCOUNT_THRESHOLD - 1; i++) expect(await signIn(mobile, 'wrong', `ip-lock-${i}`, t0)).toEqual({ ok: false, reason: 'invalid' })
		const locked = await signIn(mobile, 'wrong', 'ip-lock-x', t0)
		expect(locked).toMatchObject({ ok: false, reason: 'locked' })
		expect(await signIn(mobile, PASSWORD, 'ip-other', new Date(t0.getTime() + 60_000))).toMatchObject({ reason: 'locked' })
		const later = new Date(t0.getTime() + 16 * 60_000)
		expect(await signIn(mobile, PASSWORD, 'ip-other', later)).toMatchObject({ ok: true })
		// Success clears the account's counter.
		expect(await db.loginThrottle.findUnique({ where: { key: `acct:${mobile}` } })).toBeNull()
	})

	it('locks an unknown number exactly like a known one', async () => {
		const t0 = new Date('2026-11-28T03:00:00Z')
		let last
		for (let i = 0; i < ACCOUNT_THRESHOLD; i++) last = await signIn('13588889999', 'wrong', `ip-u-${i}`, t0)
		expect(last).toMatchObject({ ok: false, reason: 'locked' })
	})

	it(`locks an address after ${IP_THRESHOLD} failures across accounts`, async () => {
		const t0 = new Date('2026-11-28T04:00:00Z')
		let last
		for (let i = 0; i < IP_THRESHOLD; i++) last = await signIn(`1350000${String(i).padStart(4, '0')}`, 'wrong', 'ip-spray', t0)
		expect(last).toMatchObject({ ok: false, reason: 'locked' })
		expect(await signIn(w.b.manager.mobile, PASSWORD, 'ip-spray', t0)).toMatchObject({ reason: 'locked' })
		expect(await signIn(w.b.manager.mobile, PASSWORD, 'ip-elsewhere', t0)).toMatchObject({ ok: true })
	})

	it('answers 429 with a translated message through the route', async () => {
		const mobile = '13577776666'
		let res
		for (let i = 0; i < ACCOUNT_THRESHOLD; i++) res = await call(loginRoute.action, { url: '/login', form: { mobile, password: 'x' } })
		expect(res!.status).toBe(429)
		expect(res!.data).toMatchObject({ formErrors: [{ key: 'auth:locked' }] })
	})
})

describe('sessions and passwords', () => {
	it('signs out everywhere', async () => {
		const one = await cookieFor(w.b.worker.user.id)
		const two = await cookieFor(w.b.worker.user.id)
		await call(logoutRoute.action, { url: '/logout', cookie: one, form: { everywhere: '1' } })
		expect(await getActor(new Request('http://localhost/', { headers: { cookie: two } }))).toBeNull()
		expect(await db.session.count({ where: { userId: w.b.worker.user.id } })).toBe(0)
	})

	it('drops expired sessions', async () => {
		const cookie = await cookieFor(w.b.worker.user.id)
		const future = new Date(Date.now() + 2 * 3_600_000)
		expect(await getActor(new Request('http://localhost/', { headers: { cookie } }), future)).toBeNull()
	})

	it('a manager issues a temporary password; the worker must change it before anything else', async () => {
		const manager = await cookieFor(w.a.manager.user.id)
		const reset = await call(personRoute.action, { url: '/', cookie: manager, params: { personId: w.a.worker.person.id }, form: { intent: 'resetPassword' } })
		const temp = (reset.data as { tempPassword: string }).tempPassword
		expect(temp).toMatch(/^[a-z2-9]{10}$/)
		const stored = await db.user.findUniqueOrThrow({ where: { id: w.a.worker.user.id } })
		expect(stored.passwordHash.startsWith('scrypt$')).toBe(true)
		expect(stored.passwordHash).not.toContain(temp)
		expect(stored.mustChangePassword).toBe(true)

		const login = await call(loginRoute.action, { url: '/login', form: { mobile: w.a.worker.mobile, password: temp } })
		expect(login.headers.get('location')).toBe('/password')
		const cookie = sessionCookie(login.headers)
		const home = await call(homeRoute.loader, { url: '/home', cookie })
		expect(home.status).toBe(302)
		expect(home.headers.get('location')).toBe('/password')

		const weak = await call(passwordRoute.action, { url: '/password', cookie, form: { current: temp, password: 'abcdefgh', confirm: 'abcdefgh' } })
		expect(weak.status).toBe(400)
		expect(weak.data).toMatchObject({ fieldErrors: { password: [{ key: 'errors:passwordWeak' }] } })
		const ok = await call(passwordRoute.action, { url: '/password', cookie, form: { current: temp, password: 'NewPass123', confirm: 'NewPass123' } })
		expect(ok.status).toBe(302)
		const fresh = sessionCookie(ok.headers)
		expect((await call(homeRoute.loader, { url: '/home', cookie: fresh })).status).toBe(200)
		// The old session ended with the change.
		expect(await getActor(new Request('http://localhost/', { headers: { cookie } }))).toBeNull()
	})

	it('never logs a password', async () => {
		const spies = [vi.spyOn(console, 'log'), vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')]
		await call(loginRoute.action, { url: '/login', form: { mobile: w.b.manager.mobile, password: 'Secret-Guess-42' } })
		for (const s of spies) {
			expect(JSON.stringify(s.mock.calls)).not.toContain('Secret-Guess-42')
			s.mockRestore()
		}
	})

	it('a manager cannot take over the principal’s account', async () => {
		const manager = await cookieFor(w.b.manager.user.id)
		const res = await call(personRoute.action, { url: '/', cookie: manager, params: { personId: w.b.principal.person.id }, form: { intent: 'resetPassword' } })
		expect(res.status).toBe(400)
		expect(res.data).toMatchObject({ formErrors: [{ key: 'roster:resetPrincipal' }] })
	})
})
