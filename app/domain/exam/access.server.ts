/**
 * Who may open an attempt.
 *
 * - The taker: the signed-in person the attempt belongs to, or a device holding an access
 *   cookie for it. `grantAttemptAccess` gives such a cookie to a device without a password
 *   (a spot-check QR code, the inspector's handed-over phone in kiosk mode): the caller has
 *   checked its own one-time code first, then calls
 *
 *     const { token, expiresAt } = await grantAttemptAccess(tx, attemptId, { returnTo: '/inspections/…' })
 *     return redirect(`/exam/${attemptId}`, { headers: { 'Set-Cookie': examAccessCookie(request, token, expiresAt) } })
 *
 *   The cookie (path /exam, HttpOnly) holds one token; a new grant on the same device replaces
 *   the previous one. `returnTo` (a local path) becomes a "back" button on the result page.
 * - Reviewers, after submission only: ADMIN; the enterprise's safety managers and principal;
 *   inspectors and regulators whose region covers the enterprise.
 */
import { createHash, randomBytes } from 'node:crypto'
import { getActor } from '~/utils/auth.server.ts'
import { db, directRead } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { audit } from '../audit.server.ts'
import { hasRole, type Actor } from '../policy.ts'
import { NotFoundError } from '../roster.server.ts'
import { closesAt } from './deadline.ts'
import type { Client } from './blueprints.server.ts'

export const EXAM_ACCESS_COOKIE = 'anxun_exam'
/** How long after the attempt closes the device may still read its result. */
const RESULT_VIEW_MS = 2 * 60 * 60 * 1000

function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex')
}

function isLocalPath(p: string): boolean {
	return /^\/(?!\/)[\w\-./?=&%]*$/.test(p) && !p.includes('\\')
}

/**
 * Let a device open one attempt without signing in. Valid until the attempt closes plus two
 * hours for the result, unless `expiresAt` says otherwise. Returns the token for the cookie.
 */
export async function grantAttemptAccess(
	client: Client,
	attemptId: string,
	opts: { now?: Date; expiresAt?: Date; returnTo?: string | null; actorUserId?: string | null } = {},
): Promise<{ token: string; expiresAt: Date }> {
	const now = opts.now ?? new Date()
	const attempt = await client.examAttempt.findUnique({ where: { id: attemptId }, select: { id: true, deadlineAt: true, enterpriseId: true } })
	if (!attempt) throw new NotFoundError()
	const token = randomBytes(32).toString('base64url')
	const expiresAt = opts.expiresAt ?? new Date(Math.max(closesAt(attempt.deadlineAt).getTime(), now.getTime()) + RESULT_VIEW_MS)
	const returnTo = opts.returnTo && isLocalPath(opts.returnTo) ? opts.returnTo : null
	await client.attemptAccess.create({ data: { id: hashToken(token), attemptId, createdAt: now, expiresAt, returnTo } })
	await client.attemptEvent.create({ data: { attemptId, at: now, kind: 'ACCESS_GRANTED', data: JSON.stringify({ expiresAt, returnTo }) } })
	await audit(
		opts.actorUserId ? { userId: opts.actorUserId } : null,
		{ action: 'exam.accessGranted', entityType: 'ExamAttempt', entityId: attemptId, enterpriseId: attempt.enterpriseId, data: { expiresAt } },
		client,
	)
	return { token, expiresAt }
}

/** Withdraw every password-less access to an attempt (e.g. the inspector re-issues a code). */
export async function revokeAttemptAccess(client: Client, attemptId: string, now = new Date()): Promise<number> {
	const { count } = await client.attemptAccess.updateMany({ where: { attemptId, revokedAt: null }, data: { revokedAt: now } })
	return count
}

function secure(request: Request): boolean {
	const setting = getEnv().COOKIE_SECURE
	if (setting !== 'auto') return setting === 'true'
	return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https'
}

/** The Set-Cookie value that carries an access token to /exam/… on this device. */
export function examAccessCookie(request: Request, token: string, expiresAt: Date, now = new Date()): string {
	const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000))
	const parts = [`${EXAM_ACCESS_COOKIE}=${token}`, 'Path=/exam', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAge}`]
	if (secure(request)) parts.push('Secure')
	return parts.join('; ')
}

function readToken(request: Request): string | null {
	for (const part of (request.headers.get('cookie') ?? '').split(/;\s*/)) {
		const eq = part.indexOf('=')
		if (eq > 0 && part.slice(0, eq) === EXAM_ACCESS_COOKIE) {
			const v = part.slice(eq + 1)
			return /^[A-Za-z0-9_-]{20,100}$/.test(v) ? v : null
		}
	}
	return null
}

type AccessRow = { attemptId: string; revokedAt: string | number | null; expiresAt: string | number; returnTo: string | null; personId: string }

function findAccess(id: string): Promise<AccessRow | undefined> {
	return directRead((sql) =>
		sql.get<AccessRow>(
			`SELECT a."attemptId", a."revokedAt", a."expiresAt", a."returnTo", e."personId"
			 FROM "AttemptAccess" a JOIN "ExamAttempt" e ON e."id" = a."attemptId" WHERE a."id" = ?`,
			id,
		),
	)
}

export type ExamViewer =
	| { kind: 'taker'; personId: string; actor: Actor | null; returnTo: string | null; via: 'session' | 'token' }
	| { kind: 'reviewer'; actor: Actor }

/**
 * Resolve who is asking for an attempt. Returns null when nobody is signed in and no valid
 * access cookie exists (the route sends them to sign in); throws NotFoundError for anyone who
 * may not see it (a foreign id looks exactly like a missing one).
 */
export async function resolveExamViewer(request: Request, attemptId: string, now = new Date()): Promise<ExamViewer | null> {
	const token = readToken(request)
	// The access row and its attempt's owner in one read: this runs on every answer save.
	const [actor, access] = await Promise.all([getActor(request, now), token ? findAccess(hashToken(token)) : null])
	if (access && access.attemptId === attemptId && !access.revokedAt && new Date(access.expiresAt) > now) {
		return { kind: 'taker', personId: access.personId, actor, returnTo: access.returnTo, via: 'token' }
	}
	if (!actor) return null
	const attempt = await db.examAttempt.findUnique({ where: { id: attemptId }, select: { personId: true, enterpriseId: true, status: true } })
	if (!attempt) throw new NotFoundError()
	if (actor.personId === attempt.personId) return { kind: 'taker', personId: attempt.personId, actor, returnTo: null, via: 'session' }
	if (attempt.status !== 'IN_PROGRESS') {
		const enterprise = await db.enterprise.findUnique({ where: { id: attempt.enterpriseId }, select: { regionId: true } })
		if (enterprise && canReview(actor, { enterpriseId: attempt.enterpriseId, regionId: enterprise.regionId })) return { kind: 'reviewer', actor }
	}
	throw new NotFoundError()
}

/** Reviewers of an attempt's result (never of the paper in progress). */
export function canReview(actor: Actor, e: { enterpriseId: string; regionId: string }): boolean {
	if (hasRole(actor, 'ADMIN')) return true
	if (actor.enterpriseId === e.enterpriseId && hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL')) return true
	if (hasRole(actor, 'INSPECTOR', 'REGULATOR')) return actor.regionIds.includes(e.regionId)
	return false
}
