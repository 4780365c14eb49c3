import { createHash, randomBytes } from 'node:crypto'
import { redirect, type AppLoadContext } from "@remix-run/node"
import {
	ACCOUNT_THRESHOLD,
	IP_THRESHOLD,
	isLocked,
	recordFailure,
	retryAfterSeconds,
	type ThrottleState,
} from '~/domain/lockout.ts'
import { hasRole, isRole, regionDescendants, type Actor, type Role } from '~/domain/policy.ts'
import { db } from './db.server.ts'
import { getEnv } from './env.server.ts'
import { getDummyHash, verifyPassword } from './password.server.ts'
import { clientIp } from './request.server.ts'

export const SESSION_COOKIE = 'anxun_session'
const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000
const TOUCH_EVERY_MS = 60 * 60 * 1000

function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex')
}

function secureCookies(request: Request): boolean {
	const setting = getEnv().COOKIE_SECURE
	if (setting !== 'auto') return setting === 'true'
	return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https'
}

function sessionCookieHeader(request: Request, token: string, maxAgeSec: number): string {
	const parts = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSec}`]
	if (secureCookies(request)) parts.push('Secure')
	return parts.join('; ')
}

function readSessionToken(request: Request): string | null {
	const cookie = request.headers.get('cookie') ?? ''
	for (const part of cookie.split(/;\s*/)) {
		const eq = part.indexOf('=')
		if (eq > 0 && part.slice(0, eq) === SESSION_COOKIE) {
			const v = part.slice(eq + 1)
			return /^[A-Za-z0-9_-]{20,100}$/.test(v) ? v : null
		}
	}
	return null
}

export async function createSession(request: Request, context: AppLoadContext, userId: string, now = new Date()): Promise<string> {
	const token = randomBytes(32).toString('base64url')
	await db.session.create({
		data: {
			id: hashToken(token),
			userId,
			createdAt: now,
			lastSeenAt: now,
			expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
			ip: clientIp(context),
			userAgent: (request.headers.get('user-agent') ?? '').slice(0, 300),
		},
	})
	return sessionCookieHeader(request, token, SESSION_TTL_MS / 1000)
}

export function clearSessionCookie(request: Request): string {
	return sessionCookieHeader(request, '', 0)
}

export async function destroySession(request: Request): Promise<void> {
	const token = readSessionToken(request)
	if (token) await db.session.deleteMany({ where: { id: hashToken(token) } })
}

export async function destroyAllSessions(userId: string): Promise<number> {
	const { count } = await db.session.deleteMany({ where: { userId } })
	return count
}

export type SignInResult =
	| { ok: true; userId: string; mustChangePassword: boolean }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'locked'; retryAfterSec: number }

async function readThrottle(key: string): Promise<ThrottleState | null> {
	return db.loginThrottle.findUnique({ where: { key } })
}

/**
 * Check a mobile number and password. Unknown numbers, wrong passwords and disabled accounts
 * answer the same way and take the same time; failures count per number and per IP.
 */
export async function signIn(mobile: string, password: string, ip: string, now = new Date()): Promise<SignInResult> {
	const acctKey = `acct:${mobile}`
	const ipKey = `ip:${ip}`
	const [acct, byIp] = await Promise.all([readThrottle(acctKey), readThrottle(ipKey)])
	if (isLocked(acct, now) || isLocked(byIp, now)) {
		return {
			ok: false,
			reason: 'locked',
			retryAfterSec: Math.max(retryAfterSeconds(acct, now), retryAfterSeconds(byIp, now)),
		}
	}
	const user = await db.user.findUnique({ where: { mobile }, select: { id: true, passwordHash: true, disabledAt: true, mustChangePassword: true } })
	const valid = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()))
	if (user && valid && !user.disabledAt) {
		await db.loginThrottle.deleteMany({ where: { key: acctKey } })
		return { ok: true, userId: user.id, mustChangePassword: user.mustChangePassword }
	}
	const nextAcct = recordFailure(acct, ACCOUNT_THRESHOLD, now)
	const nextIp = recordFailure(byIp, IP_THRESHOLD, now)
	await db.$transaction([
		db.loginThrottle.upsert({ where: { key: acctKey }, create: { key: acctKey, ...nextAcct }, update: nextAcct }),
		db.loginThrottle.upsert({ where: { key: ipKey }, create: { key: ipKey, ...nextIp }, update: nextIp }),
	])
	if (isLocked(nextAcct, now) || isLocked(nextIp, now)) {
		return {
			ok: false,
			reason: 'locked',
			retryAfterSec: Math.max(retryAfterSeconds(nextAcct, now), retryAfterSeconds(nextIp, now)),
		}
	}
	return { ok: false, reason: 'invalid' }
}

let regionCache: { at: number; regions: { id: string; parentId: string | null }[] } | undefined

async function getRegions() {
	// The region tree changes rarely (admin only); a short cache keeps the per-request cost at zero.
	if (!regionCache || Date.now() - regionCache.at > 60_000) {
		regionCache = { at: Date.now(), regions: await db.region.findMany({ select: { id: true, parentId: true } }) }
	}
	return regionCache.regions
}

export function invalidateRegionCache() {
	regionCache = undefined
}

/** The signed-in actor, or null. Expired sessions are removed. */
export async function getActor(request: Request, now = new Date()): Promise<Actor | null> {
	const token = readSessionToken(request)
	if (!token) return null
	const session = await db.session.findUnique({
		where: { id: hashToken(token) },
		include: {
			user: { include: { roles: true, person: { select: { id: true, enterpriseId: true, dutyStatus: true } } } },
		},
	})
	if (!session) return null
	if (session.expiresAt <= now || session.user.disabledAt) {
		await db.session.deleteMany({ where: { id: session.id } })
		return null
	}
	if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
		await db.session.update({
			where: { id: session.id },
			data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
		})
	}
	const { user } = session
	const person = user.person && user.person.dutyStatus !== 'LEFT' ? user.person : null
	let roles = user.roles.map((r) => r.role).filter(isRole)
	// Enterprise roles need a current person; bureau roles need a region.
	roles = roles.filter((r) => {
		if (r === 'WORKER' || r === 'PRINCIPAL' || r === 'SAFETY_MANAGER') return !!person
		if (r === 'INSPECTOR' || r === 'REGULATOR') return !!user.regionId
		return true
	})
	if (!roles.length) return null
	const regionIds = user.regionId ? regionDescendants(await getRegions(), user.regionId) : []
	return {
		userId: user.id,
		displayName: user.displayName,
		roles,
		personId: person?.id ?? null,
		enterpriseId: person?.enterpriseId ?? null,
		regionId: user.regionId,
		regionIds,
		mustChangePassword: user.mustChangePassword,
	}
}

function safeRedirectTo(request: Request): string {
	const url = new URL(request.url)
	return url.pathname + url.search
}

/** The signed-in actor; otherwise a redirect to sign-in. A forced password change comes first. */
export async function requireActor(request: Request, opts: { allowPasswordChange?: boolean } = {}): Promise<Actor> {
	const actor = await getActor(request)
	if (!actor) {
		const to = safeRedirectTo(request)
		throw redirect(to === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(to)}`)
	}
	if (actor.mustChangePassword && !opts.allowPasswordChange) throw redirect('/password')
	return actor
}

/** The actor if they hold one of the roles; 403 otherwise. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<Actor> {
	const actor = await requireActor(request)
	if (!hasRole(actor, ...roles)) throw new Response('Forbidden', { status: 403 })
	return actor
}

/** A safety manager (or principal for reads) with their enterprise id. */
export async function requireEnterpriseRole(
	request: Request,
	...roles: Role[]
): Promise<Actor & { enterpriseId: string }> {
	const actor = await requireRole(request, ...roles)
	if (!actor.enterpriseId) throw new Response('Forbidden', { status: 403 })
	return actor as Actor & { enterpriseId: string }
}

export async function requireAnonymous(request: Request): Promise<void> {
	if (await getActor(request)) throw redirect('/')
}
