/**
 * Inspections with "test on every inspection" (逢查必考).
 *
 * An inspector creates an inspection at an enterprise of their region, draws the examinees
 * (./spot-check.ts) and hands each a one-time code: a QR link and an 8-character short code,
 * bound to the person and the inspection, valid for a few hours, usable on ONE device. Opening
 * it starts (or resumes) the person's paper in the exam engine and gives the device password-
 * less access to that attempt. In kiosk mode the inspector's own device is handed over and
 * comes back to the board after submission. A graded paper updates the examinee; a fail opens
 * a retraining case (./retraining.server.ts).
 */
import { createHash, randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { audit } from './audit.server.ts'
import { grantAttemptAccess, revokeAttemptAccess } from './exam/access.server.ts'
import { getAttemptSummaries, startAttempt, type AttemptSummary } from './exam/attempts.server.ts'
import { spotCheckBlueprintCode } from './exam/defaults.ts'
import { onAttemptGraded, type GradedAttempt, type Tx } from './exam/hooks.server.ts'
import type { PaperItem } from './exam/types.ts'
import { isLocked, recordFailure } from './lockout.ts'
import { canSeeEnterprise, hasRole, type Actor } from './policy.ts'
import { packsForFailedPaper } from './retraining.ts'
import { openRetrainingCase, TX_OPTIONS } from './retraining.server.ts'
import { NotFoundError, RuleError } from './roster.server.ts'
import {
	CODE_TTL_MS,
	codeState,
	DEFAULT_DRAW,
	drawExaminees,
	examineeStatus,
	hiddenDangerItem1,
	INSPECTION_METHODS,
	MAX_DRAW,
	normaliseShortCode,
	purposeFor,
	replayDraw,
	shortCodeFromBytes,
	type ExamineeRole,
	type ExamineeStatus,
	type InspectionMethod,
} from './spot-check.ts'
import { parseDateString, shanghaiDate, startOfShanghaiDay } from './time.ts'

export const DEVICE_COOKIE = 'anxun_sc_device'
/** Wrong short codes per address before a pause (the same back-off as sign-in). */
const CODE_GUESS_THRESHOLD = 10

function sha256(s: string) {
	return createHash('sha256').update(s).digest('hex')
}

// --- scope ------------------------------------------------------------------------------------

function requireInspector(actor: Actor) {
	if (!canRunInspections(actor)) throw new Response('Forbidden', { status: 403 })
}

/** Inspectors (and admins) run inspections; the region's regulators may read them and their records. */
export function canRunInspections(actor: Actor): boolean {
	return hasRole(actor, 'INSPECTOR', 'ADMIN')
}

function requireInspectionReader(actor: Actor) {
	if (!hasRole(actor, 'INSPECTOR', 'REGULATOR', 'ADMIN')) throw new Response('Forbidden', { status: 403 })
}

function inspectionScope(actor: Actor): Prisma.InspectionWhereInput {
	if (hasRole(actor, 'ADMIN')) return {}
	return { enterprise: { regionId: { in: actor.regionIds } } }
}

async function findInspection(actor: Actor, id: string, access: 'run' | 'read' = 'run') {
	if (access === 'read') requireInspectionReader(actor)
	else requireInspector(actor)
	const i = await db.inspection.findFirst({ where: { id, ...inspectionScope(actor) }, include: { enterprise: { select: { id: true, name: true, regionId: true } } } })
	if (!i) throw new NotFoundError()
	return i
}

// --- create and list --------------------------------------------------------------------------

export function inspectionInputSchema(now: Date) {
	const today = shanghaiDate(now)
	return z.object({
		enterpriseId: z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(40, 'errors:invalidChoice'),
		date: z
			.string({ error: 'errors:required' })
			.trim()
			.min(1, 'errors:required')
			.refine((v) => parseDateString(v) !== null, 'errors:dateInvalid')
			.refine((v) => !parseDateString(v) || startOfShanghaiDay(v).getTime() <= startOfShanghaiDay(today).getTime() + 30 * 86_400_000, 'inspections:dateTooLate')
			.refine((v) => !parseDateString(v) || startOfShanghaiDay(v).getTime() >= startOfShanghaiDay(today).getTime() - 366 * 86_400_000, 'inspections:dateTooEarly'),
		method: z.enum(INSPECTION_METHODS, { error: 'errors:invalidChoice' }),
		team: z.string().trim().max(200, 'errors:tooLong').optional().transform((v) => v ?? ''),
		notes: z.string().trim().max(2000, 'errors:tooLong').optional().transform((v) => v ?? ''),
	})
}
export type InspectionInput = z.output<ReturnType<typeof inspectionInputSchema>>

export async function createInspection(actor: Actor, input: InspectionInput, now = new Date()) {
	requireInspector(actor)
	const enterprise = await db.enterprise.findUnique({ where: { id: input.enterpriseId }, select: { id: true, regionId: true } })
	if (!enterprise || !canSeeEnterprise(actor, enterprise)) throw new RuleError('enterpriseId', 'errors:invalidChoice')
	return db.$transaction(async (tx) => {
		const i = await tx.inspection.create({
			data: { enterpriseId: enterprise.id, createdByUserId: actor.userId, date: input.date, method: input.method, team: input.team, notes: input.notes, createdAt: now },
		})
		await audit(actor, { action: 'inspection.created', entityType: 'Inspection', entityId: i.id, enterpriseId: enterprise.id, regionId: enterprise.regionId, data: { method: input.method, date: input.date }, at: now }, tx)
		return i
	}, TX_OPTIONS)
}

/** Enterprises the inspector may inspect (their region). */
export async function inspectableEnterprises(actor: Actor) {
	requireInspector(actor)
	return db.enterprise.findMany({
		where: hasRole(actor, 'ADMIN') ? {} : { regionId: { in: actor.regionIds } },
		orderBy: { name: 'asc' },
		select: { id: true, name: true },
	})
}

export async function listInspections(actor: Actor) {
	requireInspectionReader(actor)
	const rows = await db.inspection.findMany({
		where: inspectionScope(actor),
		orderBy: [{ date: 'desc' }, { createdAt: 'desc' }],
		take: 200,
		select: {
			id: true,
			date: true,
			method: true,
			closedAt: true,
			drawnAt: true,
			enterprise: { select: { id: true, name: true } },
			examinees: { select: { status: true, role: true } },
		},
	})
	return rows.map(({ examinees, ...r }) => ({
		...r,
		counts: {
			total: examinees.length,
			passed: examinees.filter((e) => e.status === 'PASSED').length,
			failed: examinees.filter((e) => e.status === 'FAILED').length,
		},
		hiddenDanger: hiddenDangerItem1(examinees.map((e) => ({ role: e.role as ExamineeRole, status: e.status as ExamineeStatus }))),
	}))
}

// --- the board --------------------------------------------------------------------------------

/** The inspection with every examinee's live status and every attempt (inspector's board). */
/** The board with every examinee's one-time code: for the inspector running the inspection. */
export async function getBoard(actor: Actor, id: string, now = new Date()) {
	return buildBoard(await findInspection(actor, id), now)
}

/** The board without the one-time codes (they open papers): for reading it, records and regulators. */
export async function readBoard(actor: Actor, id: string, now = new Date()) {
	const board = await buildBoard(await findInspection(actor, id, 'read'), now)
	return { ...board, examinees: board.examinees.map(({ code: _code, ...row }) => row) }
}

async function buildBoard(i: Awaited<ReturnType<typeof findInspection>>, now: Date) {
	const examinees = await db.spotCheckExaminee.findMany({
		where: { inspectionId: i.id },
		orderBy: { ord: 'asc' },
		include: {
			person: {
				select: { id: true, name: true, post: true, dutyStatus: true, employmentType: true, department: { select: { name: true } }, contractor: { select: { name: true } } },
			},
		},
	})
	const attemptRows = await db.examAttempt.findMany({
		where: { subjectType: 'SpotCheckExaminee', subjectId: { in: examinees.map((e) => e.id) } },
		orderBy: { startedAt: 'asc' },
		select: { id: true, subjectId: true },
	})
	const summaries = await getAttemptSummaries(attemptRows.map((a) => a.id), now)
	const byId = new Map(summaries.map((s) => [s.id, s]))
	const caseIds = examinees.map((e) => e.caseId).filter((x): x is string => !!x)
	const cases = await db.retrainingCase.findMany({ where: { id: { in: caseIds } }, select: { id: true, state: true } })
	const caseState = new Map(cases.map((c) => [c.id, c.state]))
	const rows = examinees.map((e) => {
		const attempts = attemptRows.filter((a) => a.subjectId === e.id).map((a) => byId.get(a.id)).filter((a): a is AttemptSummary => !!a)
		const latest = attempts[attempts.length - 1] ?? null
		const status = latest ? examineeStatus({ submitted: latest.status !== 'IN_PROGRESS', passed: latest.passed }) : (e.status as ExamineeStatus)
		return {
			id: e.id,
			role: e.role as ExamineeRole,
			purpose: e.purpose,
			drawn: e.drawn,
			person: e.person,
			status,
			score: latest?.score ?? e.score,
			maxScore: latest?.maxScore ?? null,
			answered: latest?.answeredCount ?? 0,
			questionCount: latest?.questionCount ?? 0,
			flags: latest?.flags ?? [],
			attempts: attempts.map((a) => ({ id: a.id, status: a.status, score: a.score, maxScore: a.maxScore, passed: a.passed, startedAt: a.startedAt, submittedAt: a.submittedAt, flags: a.flags })),
			code: {
				token: e.token,
				shortCode: e.shortCode,
				expiresAt: e.codeExpiresAt,
				bound: !!e.boundAt,
				expired: e.codeExpiresAt.getTime() <= now.getTime(),
			},
			caseId: e.caseId,
			caseState: e.caseId ? (caseState.get(e.caseId) ?? null) : null,
		}
	})
	const filter = JSON.parse(i.drawFilter) as { departmentId?: string | null; post?: string | null }
	const pool = JSON.parse(i.drawPool) as string[]
	const department = filter.departmentId ? await db.department.findUnique({ where: { id: filter.departmentId }, select: { name: true } }) : null
	return {
		inspection: {
			id: i.id,
			date: i.date,
			method: i.method as InspectionMethod,
			team: i.team,
			notes: i.notes,
			closedAt: i.closedAt,
			drawnAt: i.drawnAt,
			enterprise: { id: i.enterprise.id, name: i.enterprise.name },
		},
		draw: i.drawSeed
			? {
					seed: i.drawSeed,
					count: i.drawCount ?? 0,
					poolSize: pool.length,
					department: department?.name ?? null,
					post: filter.post ?? null,
					// the stored pool and seed still give the same workers
					reproducible: replayDraw(pool, i.drawSeed, i.drawCount ?? 0).join() === rows.filter((r) => r.drawn).map((r) => r.person.id).join(),
				}
			: null,
		examinees: rows,
		counts: {
			NOT_STARTED: rows.filter((r) => r.status === 'NOT_STARTED').length,
			IN_PROGRESS: rows.filter((r) => r.status === 'IN_PROGRESS').length,
			PASSED: rows.filter((r) => r.status === 'PASSED').length,
			FAILED: rows.filter((r) => r.status === 'FAILED').length,
		},
		hiddenDanger: rows.filter((r) => (r.role === 'PRINCIPAL' || r.role === 'SAFETY_MANAGER') && r.status === 'FAILED').map((r) => ({ role: r.role, name: r.person.name })),
		serverNow: now,
	}
}

/** Departments and posts of the enterprise, for the draw filters. */
export async function drawOptions(actor: Actor, id: string) {
	const i = await findInspection(actor, id)
	const [departments, posts, onPost] = await Promise.all([
		db.department.findMany({ where: { enterpriseId: i.enterpriseId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
		db.person.findMany({ where: { enterpriseId: i.enterpriseId, dutyStatus: 'ON_POST', post: { not: '' } }, distinct: ['post'], orderBy: { post: 'asc' }, select: { post: true } }),
		db.person.count({ where: { enterpriseId: i.enterpriseId, dutyStatus: 'ON_POST' } }),
	])
	return { departments, posts: posts.map((p) => p.post), onPost }
}

// --- the draw ---------------------------------------------------------------------------------

export const DrawInputSchema = z.object({
	count: z.coerce.number({ error: 'errors:required' }).int('errors:invalid').min(0, 'inspections:countRange').max(MAX_DRAW, 'inspections:countRange').default(DEFAULT_DRAW),
	departmentId: z.string().trim().max(40).optional().transform((v) => v || null),
	post: z.string().trim().max(50, 'errors:tooLong').optional().transform((v) => v || null),
})
export type DrawInput = z.output<typeof DrawInputSchema>

async function newCodes(tx: Tx) {
	for (let tries = 0; tries < 10; tries++) {
		const token = randomBytes(24).toString('base64url')
		const shortCode = shortCodeFromBytes(randomBytes(32))
		if (!shortCode) continue
		const clash = await tx.spotCheckExaminee.findFirst({ where: { OR: [{ token }, { shortCode }] }, select: { id: true } })
		if (!clash) return { token, shortCode }
	}
	throw new Error('could not generate a unique code')
}

/**
 * Draw the examinees once: principal, safety managers and `count` random on-post workers.
 * `seed` is for tests and demo data; on site it is always random.
 */
export async function drawForInspection(actor: Actor, id: string, input: DrawInput, now = new Date(), opts: { seed?: string } = {}) {
	const i = await findInspection(actor, id)
	if (i.closedAt) throw new RuleError(null, 'inspections:closed')
	if (i.drawnAt) throw new RuleError(null, 'inspections:alreadyDrawn')
	if (input.departmentId) {
		const d = await db.department.findFirst({ where: { id: input.departmentId, enterpriseId: i.enterpriseId } })
		if (!d) throw new RuleError('departmentId', 'errors:invalidChoice')
	}
	const people = await db.person.findMany({
		where: { enterpriseId: i.enterpriseId, dutyStatus: { not: 'LEFT' } },
		select: { id: true, dutyStatus: true, employmentType: true, departmentId: true, post: true, user: { select: { roles: { select: { role: true } } } } },
	})
	const roster = people.map((p) => ({ ...p, roles: p.user?.roles.map((r) => r.role) ?? [] }))
	const seed = opts.seed ?? randomBytes(6).toString('hex')
	const result = drawExaminees(roster, seed, input.count, { departmentId: input.departmentId, post: input.post })
	const picked: { personId: string; role: ExamineeRole; drawn: boolean }[] = [
		...result.principals.map((personId) => ({ personId, role: 'PRINCIPAL' as const, drawn: false })),
		...result.managers.map((personId) => ({ personId, role: 'SAFETY_MANAGER' as const, drawn: false })),
		...result.workers.map((personId) => ({ personId, role: 'WORKER' as const, drawn: true })),
	]
	if (!picked.length) throw new RuleError(null, 'inspections:nobodyToDraw')
	await db.$transaction(async (tx) => {
		const { count } = await tx.inspection.updateMany({
			where: { id: i.id, drawnAt: null },
			data: {
				drawSeed: seed,
				drawCount: input.count,
				drawFilter: JSON.stringify({ departmentId: input.departmentId, post: input.post }),
				drawPool: JSON.stringify(result.pool),
				drawnAt: now,
			},
		})
		if (count !== 1) throw new RuleError(null, 'inspections:alreadyDrawn')
		let ord = 0
		for (const p of picked) {
			const codes = await newCodes(tx)
			await tx.spotCheckExaminee.create({
				data: {
					inspectionId: i.id,
					personId: p.personId,
					role: p.role,
					purpose: purposeFor(p.role),
					drawn: p.drawn,
					ord: ord++,
					...codes,
					codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS),
					createdAt: now,
				},
			})
		}
		await audit(
			actor,
			{
				action: 'inspection.drawn',
				entityType: 'Inspection',
				entityId: i.id,
				enterpriseId: i.enterpriseId,
				regionId: i.enterprise.regionId,
				data: { seed, count: input.count, poolSize: result.pool.length, departmentId: input.departmentId, post: input.post, examinees: picked.map((p) => p.personId) },
			at: now,
		},
			tx,
		)
	}, TX_OPTIONS)
}

/** A new code for one examinee (lost phone, expired code): the old code and device stop working. */
export async function reissueCode(actor: Actor, inspectionId: string, examineeId: string, now = new Date()) {
	const i = await findInspection(actor, inspectionId)
	if (i.closedAt) throw new RuleError(null, 'inspections:closed')
	await db.$transaction(async (tx) => {
		const e = await tx.spotCheckExaminee.findFirst({ where: { id: examineeId, inspectionId: i.id } })
		if (!e) throw new NotFoundError()
		const codes = await newCodes(tx)
		await tx.spotCheckExaminee.update({ where: { id: e.id }, data: { ...codes, codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS), boundAt: null, deviceHash: null } })
		const attempts = await tx.examAttempt.findMany({ where: { subjectType: 'SpotCheckExaminee', subjectId: e.id }, select: { id: true } })
		for (const a of attempts) await revokeAttemptAccess(tx, a.id, now)
		await audit(actor, { action: 'inspection.codeReissued', entityType: 'SpotCheckExaminee', entityId: e.id, enterpriseId: i.enterpriseId, regionId: i.enterprise.regionId, at: now }, tx)
	}, TX_OPTIONS)
}

/** File the record: no new papers can be opened; papers already started run to their deadline. */
export async function closeInspection(actor: Actor, id: string, now = new Date()) {
	const i = await findInspection(actor, id)
	if (i.closedAt) return
	await db.$transaction(async (tx) => {
		await tx.inspection.update({ where: { id: i.id }, data: { closedAt: now } })
		await audit(actor, { action: 'inspection.closed', entityType: 'Inspection', entityId: i.id, enterpriseId: i.enterpriseId, regionId: i.enterprise.regionId, at: now }, tx)
	}, TX_OPTIONS)
}

// --- opening a paper --------------------------------------------------------------------------

const codeInclude = {
	person: { select: { id: true, name: true, enterpriseId: true, dutyStatus: true } },
	inspection: { select: { id: true, date: true, closedAt: true, enterprise: { select: { name: true, regionId: true } } } },
} satisfies Prisma.SpotCheckExamineeInclude

export async function findByToken(token: string) {
	if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null
	return db.spotCheckExaminee.findUnique({ where: { token }, include: codeInclude })
}

/**
 * Look up a typed short code. Wrong guesses count per client address with the sign-in back-off,
 * so the 31⁸ code space cannot be walked.
 */
export async function findByShortCode(input: string, ip: string, now = new Date()) {
	const key = `code:${ip}`
	const state = await db.loginThrottle.findUnique({ where: { key } })
	if (isLocked(state, now)) throw new RuleError('code', 'inspections:codeLocked')
	const code = normaliseShortCode(input)
	const found = code ? await db.spotCheckExaminee.findUnique({ where: { shortCode: code }, include: codeInclude }) : null
	if (!found) {
		const next = recordFailure(state, CODE_GUESS_THRESHOLD, now)
		await db.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next })
		throw new RuleError('code', 'inspections:codeUnknown')
	}
	return found
}

export type Examinee = NonNullable<Awaited<ReturnType<typeof findByToken>>>

/** What opening the code would do on this device, for the confirmation page. */
export function openState(e: Examinee, deviceSecret: string | null, now = new Date()) {
	if (e.inspection.closedAt && !e.boundAt) return 'CLOSED' as const
	if (e.person.dutyStatus === 'LEFT') return 'CLOSED' as const
	const state = codeState(e, deviceSecret ? sha256(deviceSecret) : null, now)
	// Handed in on this phone: the link now leads to the result.
	if (state === 'BOUND_HERE' && (e.status === 'PASSED' || e.status === 'FAILED')) return 'DONE' as const
	return state
}

async function startFor(client: typeof db, e: { id: string; personId: string; role: string; purpose: string; inspection: { id: string } }, actorUserId: string | null, now: Date) {
	return startAttempt(client, {
		personId: e.personId,
		blueprintCode: spotCheckBlueprintCode(e.role as ExamineeRole),
		purpose: e.purpose as 'SPOT_CHECK' | 'COMPETENCE',
		subjectType: 'SpotCheckExaminee',
		subjectId: e.id,
		actorUserId,
		// one paper per examinee and inspection; a fail is followed by retraining, not a retake
		maxAttempts: 1,
		now,
	})
}

/**
 * Open the paper on the examinee's own device: binds the code to the device on first use,
 * then starts or resumes the attempt and grants this device access to it.
 * Returns the attempt, the grant and the device secret to keep in a cookie.
 */
export async function openByCode(e: Examinee, deviceSecret: string | null, now = new Date()) {
	const state = openState(e, deviceSecret, now)
	if (state === 'CLOSED') throw new RuleError(null, 'inspections:codeClosed')
	if (state === 'EXPIRED') throw new RuleError(null, 'inspections:codeExpired')
	if (state === 'BOUND_ELSEWHERE') throw new RuleError(null, 'inspections:codeUsed')
	const secret = state === 'BOUND_HERE' || state === 'DONE' ? deviceSecret! : randomBytes(24).toString('base64url')
	if (state === 'VALID') {
		await db.$transaction(async (tx) => {
			const { count } = await tx.spotCheckExaminee.updateMany({ where: { id: e.id, boundAt: null }, data: { boundAt: now, deviceHash: sha256(secret) } })
			if (count !== 1) throw new RuleError(null, 'inspections:codeUsed')
			await audit(null, { action: 'inspection.codeUsed', entityType: 'SpotCheckExaminee', entityId: e.id, enterpriseId: e.person.enterpriseId, regionId: e.inspection.enterprise.regionId, at: now }, tx)
		}, TX_OPTIONS)
	}
	// The engine starts (or resumes) the paper in its own transaction; the code stays bound to
	// this device, so a failure here can simply be retried from the same phone.
	if (state === 'DONE' && e.attemptId) {
		const grant = await grantAttemptAccess(db, e.attemptId, { now })
		return { attemptId: e.attemptId, grant, deviceSecret: secret }
	}
	const started = await startFor(db, e, null, now)
	return db.$transaction(async (tx) => {
		await tx.spotCheckExaminee.update({ where: { id: e.id }, data: { attemptId: started.attemptId, status: 'IN_PROGRESS' } })
		const grant = await grantAttemptAccess(tx, started.attemptId, { now })
		return { attemptId: started.attemptId, grant, deviceSecret: secret }
	}, TX_OPTIONS)
}

/** Kiosk mode: the inspector hands their own device over; the result page returns to the board. */
export async function openKiosk(actor: Actor, inspectionId: string, examineeId: string, now = new Date()) {
	const i = await findInspection(actor, inspectionId)
	const e = await db.spotCheckExaminee.findFirst({ where: { id: examineeId, inspectionId: i.id }, include: codeInclude })
	if (!e) throw new NotFoundError()
	if (e.person.dutyStatus === 'LEFT') throw new RuleError(null, 'inspections:codeClosed')
	if (i.closedAt && !e.boundAt) throw new RuleError(null, 'inspections:closed')
	// The code is used up by the kiosk; the paper can still be resumed here.
	if (!e.boundAt) await db.spotCheckExaminee.updateMany({ where: { id: e.id, boundAt: null }, data: { boundAt: now, deviceHash: sha256(`kiosk:${randomBytes(16).toString('hex')}`) } })
	const started = await startFor(db, e, actor.userId, now)
	return db.$transaction(async (tx) => {
		await tx.spotCheckExaminee.update({ where: { id: e.id }, data: { attemptId: started.attemptId, status: 'IN_PROGRESS' } })
		const grant = await grantAttemptAccess(tx, started.attemptId, { now, returnTo: `/inspections/${i.id}`, actorUserId: actor.userId })
		await audit(actor, { action: 'inspection.kiosk', entityType: 'SpotCheckExaminee', entityId: e.id, enterpriseId: i.enterpriseId, regionId: i.enterprise.regionId, data: { attemptId: started.attemptId }, at: now }, tx)
		return { attemptId: started.attemptId, grant }
	}, TX_OPTIONS)
}

// --- grading ----------------------------------------------------------------------------------

/** Per-question pack and correctness of a graded paper (unanswered counts as wrong). */
async function paperItems(tx: Tx, attemptId: string) {
	const attempt = await tx.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { paper: true } })
	const paper = JSON.parse(attempt.paper) as PaperItem[]
	const [questions, answers] = await Promise.all([
		tx.question.findMany({ where: { id: { in: paper.map((p) => p.q) } }, select: { id: true, packVersion: { select: { packId: true } } } }),
		tx.attemptAnswer.findMany({ where: { attemptId }, select: { position: true, correct: true } }),
	])
	const pack = new Map(questions.map((q) => [q.id, q.packVersion.packId]))
	const correct = new Map(answers.map((a) => [a.position, !!a.correct]))
	return paper.map((item, pos) => ({ packId: pack.get(item.q) ?? 'unknown', correct: correct.get(pos) ?? false })).filter((x) => x.packId !== 'unknown')
}

/** A spot-check or competence paper was graded: record it; a fail opens a retraining case. */
export async function recordExamineeResult(tx: Tx, attempt: GradedAttempt, now: Date) {
	if (attempt.subjectType !== 'SpotCheckExaminee' || !attempt.subjectId) return
	const e = await tx.spotCheckExaminee.findUnique({ where: { id: attempt.subjectId }, include: { inspection: { select: { id: true, enterprise: { select: { regionId: true } } } } } })
	if (!e) return
	await tx.spotCheckExaminee.update({
		where: { id: e.id },
		data: { status: attempt.passed ? 'PASSED' : 'FAILED', score: attempt.score, attemptId: attempt.id, gradedAt: now },
	})
	await audit(
		null,
		{
			action: attempt.passed ? 'inspection.examineePassed' : 'inspection.examineeFailed',
			entityType: 'SpotCheckExaminee',
			entityId: e.id,
			enterpriseId: attempt.enterpriseId,
			regionId: e.inspection.enterprise.regionId,
			data: { attemptId: attempt.id, score: attempt.score, role: e.role },
			at: now,
		},
		tx,
	)
	if (attempt.passed || e.caseId) return
	const items = await paperItems(tx, attempt.id)
	const packIds = packsForFailedPaper(items, attempt.maxScore > 0 ? attempt.passMark / attempt.maxScore : 0.8)
	const c = await openRetrainingCase(
		tx,
		null,
		{
			enterpriseId: attempt.enterpriseId,
			personId: e.personId,
			trigger: e.purpose === 'COMPETENCE' ? 'COMPETENCE_FAIL' : 'SPOT_CHECK_FAIL',
			sourceType: 'SpotCheckExaminee',
			sourceId: e.id,
			blueprintId: attempt.blueprintId,
			packIds,
		},
		now,
	)
	if (c) await tx.spotCheckExaminee.update({ where: { id: e.id }, data: { caseId: c.id } })
}

onAttemptGraded(['SPOT_CHECK', 'COMPETENCE'], 'inspections:record-examinee', (tx, attempt, ctx) => recordExamineeResult(tx, attempt, ctx.now))

// --- the examinee's own view ------------------------------------------------------------------

/** Spot checks the signed-in person was drawn for with a code still to use (worker home). */
export async function myOpenSpotChecks(actor: Actor, now = new Date()) {
	if (!actor.personId) return []
	return db.spotCheckExaminee.findMany({
		where: { personId: actor.personId, status: { in: ['NOT_STARTED', 'IN_PROGRESS'] }, codeExpiresAt: { gt: now }, inspection: { closedAt: null } },
		select: { id: true, status: true, attemptId: true, inspection: { select: { date: true } } },
	})
}
