/**
 * Classroom sessions (线下 / 脱产培训): topic, trainer, time, place and credited minutes.
 * Attendees sign in by scanning a time-limited QR code with their own phone (signed in to
 * Anxun), or the safety manager ticks them; every attendee is credited the session's minutes
 * in the Shanghai year the session started.
 */
import { randomInt } from 'node:crypto'
import QRCode from 'qrcode'
import { z } from 'zod'
import { db } from '~/utils/db.server.ts'
import { audit } from '../audit.server.ts'
import type { Actor } from '../policy.ts'
import { NotFoundError, RuleError, type EnterpriseActor } from '../roster.server.ts'
import { parseDateString, startOfShanghaiDay } from '../time.ts'
import { SIGN_IN_VALID_MINUTES, SIGN_IN_WINDOW_MINUTES } from './classroom.ts'

/** Unambiguous characters (no 0/O, 1/I/L) so the code can also be typed. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const CODE_LENGTH = 8
export const SignInCodeSchema = z
	.string({ error: 'errors:required' })
	.trim()
	.toUpperCase()
	.min(1, 'errors:required')
	.regex(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`), 'learning:codeFormat')

function newCode(): string {
	let s = ''
	for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
	return s
}

const TimeSchema = z.string({ error: 'errors:required' }).trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'learning:timeFormat')

export const ClassroomInputSchema = z
	.object({
		topic: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(100, 'errors:tooLong'),
		trainer: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(50, 'errors:tooLong'),
		place: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(100, 'errors:tooLong'),
		date: z
			.string({ error: 'errors:required' })
			.trim()
			.min(1, 'errors:required')
			.refine((v) => parseDateString(v) !== null, 'errors:dateInvalid'),
		start: TimeSchema,
		end: TimeSchema,
		hours: z
			.string({ error: 'errors:required' })
			.trim()
			.min(1, 'errors:required')
			.pipe(
				z.coerce
					.number<string>({ error: 'errors:invalid' })
					.min(0.5, 'learning:hoursMin')
					.max(24, 'errors:tooBig')
					.refine((h) => Number.isInteger(h * 2), 'learning:hoursStep'),
			),
		offJob: z.literal('on').optional(),
	})
	.refine((v) => v.end > v.start, { path: ['end'], message: 'learning:endBeforeStart' })
export type ClassroomInput = z.output<typeof ClassroomInputSchema>

/** 'YYYY-MM-DD' + 'HH:MM' Shanghai wall-clock time → instant. */
function at(date: string, hm: string): Date {
	const [h, m] = hm.split(':').map(Number)
	return new Date(startOfShanghaiDay(date).getTime() + (h! * 60 + m!) * 60_000)
}

export async function createClassroomSession(actor: EnterpriseActor, input: ClassroomInput) {
	const startsAt = at(input.date, input.start)
	const endsAt = at(input.date, input.end)
	const minutes = Math.round(input.hours * 60)
	if (minutes > (endsAt.getTime() - startsAt.getTime()) / 60_000) throw new RuleError('hours', 'learning:hoursLongerThanSession')
	return db.$transaction(async (tx) => {
		const s = await tx.classroomSession.create({
			data: {
				enterpriseId: actor.enterpriseId,
				topic: input.topic,
				trainer: input.trainer,
				place: input.place,
				startsAt,
				endsAt,
				minutes,
				offJob: input.offJob === 'on',
				createdByUserId: actor.userId,
			},
		})
		await audit(actor, { action: 'classroom.created', entityType: 'ClassroomSession', entityId: s.id, enterpriseId: actor.enterpriseId, data: { topic: s.topic, minutes } }, tx)
		return s
	})
}

export async function listClassroomSessions(actor: EnterpriseActor) {
	return db.classroomSession.findMany({
		where: { enterpriseId: actor.enterpriseId },
		orderBy: { startsAt: 'desc' },
		take: 200,
		select: { id: true, topic: true, trainer: true, place: true, startsAt: true, endsAt: true, minutes: true, offJob: true, _count: { select: { attendances: true } } },
	})
}

async function ownSession(actor: EnterpriseActor, sessionId: string) {
	const s = await db.classroomSession.findFirst({ where: { id: sessionId, enterpriseId: actor.enterpriseId } })
	if (!s) throw new NotFoundError()
	return s
}

/** The session page: details, the QR code while sign-in is open, attendees and the roster to tick. */
export async function getClassroomSession(actor: EnterpriseActor, sessionId: string, origin: string, now = new Date()) {
	const s = await ownSession(actor, sessionId)
	const [attendances, people] = await Promise.all([
		db.attendance.findMany({
			where: { sessionId: s.id },
			orderBy: { at: 'asc' },
			select: { personId: true, method: true, at: true, person: { select: { name: true, post: true, employmentType: true } } },
		}),
		db.person.findMany({
			where: { enterpriseId: actor.enterpriseId, dutyStatus: { not: 'LEFT' } },
			orderBy: { name: 'asc' },
			select: { id: true, name: true, post: true, department: { select: { name: true } } },
		}),
	])
	const signInOpen = !!(s.signInCode && s.signInExpiresAt && s.signInExpiresAt > now)
	const url = signInOpen ? `${origin}/learn/sign/${s.signInCode}` : null
	return {
		session: { id: s.id, topic: s.topic, trainer: s.trainer, place: s.place, startsAt: s.startsAt, endsAt: s.endsAt, minutes: s.minutes, offJob: s.offJob },
		signIn: signInOpen ? { code: s.signInCode!, expiresAt: s.signInExpiresAt!, url: url!, qr: await QRCode.toDataURL(url!, { margin: 1, width: 320, errorCorrectionLevel: 'M' }) } : null,
		canOpenSignIn: canOpenSignIn(s, now),
		canRecordAttendance: canRecordAttendance(s, now),
		attendances,
		people,
	}
}

/** Attendance can be recorded once the session is about to start, never for one still ahead. */
function canRecordAttendance(s: { startsAt: Date }, now: Date): boolean {
	return now.getTime() >= s.startsAt.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000
}

function canOpenSignIn(s: { startsAt: Date; endsAt: Date }, now: Date): boolean {
	const w = SIGN_IN_WINDOW_MINUTES * 60_000
	return now.getTime() >= s.startsAt.getTime() - w && now.getTime() <= s.endsAt.getTime() + w
}

/** Show a fresh sign-in QR code valid for SIGN_IN_VALID_MINUTES (replaces any earlier one). */
export async function openSignIn(actor: EnterpriseActor, sessionId: string, now = new Date()) {
	const s = await ownSession(actor, sessionId)
	if (!canOpenSignIn(s, now)) throw new RuleError(null, 'learning:signInWindow', { minutes: SIGN_IN_WINDOW_MINUTES })
	for (let attempt = 0; attempt < 5; attempt++) {
		const code = newCode()
		if (await db.classroomSession.findUnique({ where: { signInCode: code } })) continue
		await db.classroomSession.update({ where: { id: s.id }, data: { signInCode: code, signInExpiresAt: new Date(now.getTime() + SIGN_IN_VALID_MINUTES * 60_000) } })
		return code
	}
	throw new Error('Could not draw a free sign-in code')
}

export async function closeSignIn(actor: EnterpriseActor, sessionId: string, now = new Date()) {
	const s = await ownSession(actor, sessionId)
	await db.classroomSession.update({ where: { id: s.id }, data: { signInExpiresAt: now } })
}

/**
 * The manager ticks attendees and unticks those who did not come. `known` are the attendees the
 * manager's page showed: only they can be unticked, so someone who scanned the QR code while the
 * manager was ticking stays signed in.
 */
export async function setAttendance(actor: EnterpriseActor, sessionId: string, personIds: readonly string[], known: readonly string[], now = new Date()) {
	const s = await ownSession(actor, sessionId)
	if (!canRecordAttendance(s, now)) throw new RuleError(null, 'learning:attendanceTooEarly')
	const wanted = [...new Set(personIds)]
	const found = await db.person.findMany({ where: { id: { in: wanted }, enterpriseId: actor.enterpriseId }, select: { id: true } })
	if (found.length !== wanted.length) throw new NotFoundError()
	return db.$transaction(async (tx) => {
		const current = await tx.attendance.findMany({ where: { sessionId: s.id }, select: { personId: true } })
		const have = new Set(current.map((c) => c.personId))
		const add = wanted.filter((id) => !have.has(id))
		const remove = [...have].filter((id) => known.includes(id) && !wanted.includes(id))
		if (remove.length) await tx.attendance.deleteMany({ where: { sessionId: s.id, personId: { in: remove } } })
		if (add.length) await tx.attendance.createMany({ data: add.map((personId) => ({ sessionId: s.id, personId, method: 'MANUAL', at: now, recordedByUserId: actor.userId })) })
		if (add.length || remove.length)
			await audit(actor, { action: 'classroom.attendance', entityType: 'ClassroomSession', entityId: s.id, enterpriseId: actor.enterpriseId, data: { added: add, removed: remove } }, tx)
		return { added: add.length, removed: remove.length }
	})
}

/** Who holds a sign-in code: the session, if it belongs to the actor's enterprise. */
export async function findSessionByCode(actor: Actor, code: string) {
	if (!actor.personId || !actor.enterpriseId) throw new NotFoundError()
	const s = await db.classroomSession.findUnique({ where: { signInCode: code } })
	// A code of another enterprise is as unknown as a wrong code.
	if (!s || s.enterpriseId !== actor.enterpriseId) throw new NotFoundError()
	const mine = await db.attendance.findUnique({ where: { sessionId_personId: { sessionId: s.id, personId: actor.personId } } })
	return { session: { id: s.id, topic: s.topic, trainer: s.trainer, place: s.place, startsAt: s.startsAt, endsAt: s.endsAt, minutes: s.minutes }, expiresAt: s.signInExpiresAt, signedInAt: mine?.at ?? null }
}

/** A learner signs in with the code from the QR (scanned while signed in to Anxun). */
export async function signInWithCode(actor: Actor, code: string, now = new Date()) {
	const found = await findSessionByCode(actor, code)
	if (found.signedInAt) return { ...found, already: true }
	if (!found.expiresAt || found.expiresAt <= now) throw new RuleError('code', 'learning:codeExpired')
	await db.$transaction(async (tx) => {
		await tx.attendance.upsert({
			where: { sessionId_personId: { sessionId: found.session.id, personId: actor.personId! } },
			create: { sessionId: found.session.id, personId: actor.personId!, method: 'QR', at: now },
			update: {},
		})
		await audit(actor, { action: 'classroom.signedIn', entityType: 'ClassroomSession', entityId: found.session.id, enterpriseId: actor.enterpriseId, data: { personId: actor.personId } }, tx)
	})
	return { ...found, signedInAt: now, already: false }
}
