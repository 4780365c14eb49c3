/**
 * Exam engine: attempts. This header is the contract for the features built on the engine
 * (course exams, spot checks, competence checks, re-exams).
 *
 * ## Model
 * ExamBlueprint (how to draw and grade; shipped defaults by code: WORKER_SPOT_CHECK,
 * SAFETY_MANAGER_CHECK, PRINCIPAL_COMPETENCE, COURSE_EXAM — ./defaults.ts) → ExamAttempt (one
 * person, one frozen paper: Question row ids in order, option order, points; the blueprint's
 * grading settings frozen as `config`) → AttemptAnswer (latest answer per position) and
 * AttemptEvent (journal: every save, refused late answers, repeated submits, access grants).
 * Status: IN_PROGRESS → SUBMITTED (by the person) | EXPIRED (closed by the server at the
 * deadline, graded with what was saved). State machine and clock: ./deadline.ts.
 *
 * ## Starting (your feature decides when)
 *   const { attemptId, resumed } = await startAttempt(tx or db, {
 *     personId, enterpriseId,                 // the person must belong to the enterprise
 *     blueprintCode: 'WORKER_SPOT_CHECK',     // or blueprintId
 *     scope: { packIds: ['three-violations'] }, // optional: narrow every stratum (course exam);
 *                                             // or { packVersionIds: [...] } for exact versions
 *     purpose: 'SPOT_CHECK',                  // COURSE | SPOT_CHECK | COMPETENCE | REEXAM
 *     subjectType: 'SpotCheckExaminee', subjectId: examinee.id,  // links the attempt to you
 *     actorUserId,                            // who started it (audit), optional
 *     maxAttempts,                            // optional override of the blueprint's retake rule
 *     now,
 *   })
 * - An IN_PROGRESS attempt for the same person + blueprint + purpose + subject is resumed, not
 *   duplicated (double clicks, a second device).
 * - Refusals are RuleError (turn them into a 400 with domainErrorResponse):
 *   exam:errors.emptyBank (no question fits), exam:errors.alreadyPassed (this subject was
 *   passed), exam:errors.noAttemptsLeft (retake rule: maxAttempts per subject),
 *   exam:errors.cooldown, exam:errors.blueprintInactive, exam:errors.personLeft.
 *   A missing person/blueprint, or a person of another enterprise, is NotFoundError.
 * - Retake rule: blueprint.maxAttempts counts finished attempts per person + blueprint +
 *   purpose + subject (null = unlimited). A re-exam whose state machine lives elsewhere
 *   (retraining) passes `maxAttempts: null` and decides itself.
 * - Send the person to `/exam/${attemptId}`. A device without a password gets in through
 *   `grantAttemptAccess` (./access.server.ts).
 *
 * ## Taking (used by the /exam routes; available to you)
 * - getAttemptForTaker(attemptId, personId, now) → the paper WITHOUT answers or explanations.
 * - saveAnswer({ attemptId, personId, position, choice, now }) → { ok: true, savedAt } only
 *   after the transaction committed; { ok: false, reason: 'LATE' | 'CLOSED' } when refused
 *   (the refused answer is recorded as a LATE_ANSWER event). `choice` uses display keys (A, B…;
 *   T/F for true/false); [] withdraws the answer.
 * - submitAttempt({ attemptId, personId, now, actorUserId }) → graded result; idempotent: a
 *   second submit returns the same result with `repeated: true`.
 * - expireOverdueAttempts(now) closes every IN_PROGRESS attempt whose deadline + grace
 *   (30 s) has passed. The server runs it every minute; call it (or getAttemptSummaries) before
 *   showing statuses.
 *
 * ## Reading results
 * - getAttemptSummaries(ids, now) → status, answered count, score, passed, flags (for boards;
 *   expires overdue ones first). getAttemptResult(attemptId, now) → full review after
 *   submission only (the routes check who may see it: ./access.server.ts).
 *
 * ## Reacting to grades
 * onAttemptGraded(purpose, name, handler) in ./hooks.server.ts: called inside the grading
 * transaction with the score, pass/fail, flags and the weak topics.
 *
 * ## Also
 * - spotCheckBlueprintCode(role) (./defaults.ts) picks the shipped blueprint for an examinee.
 * - Tests: tests/support/exam-fixtures.ts builds a bank shaped like the shipped packs
 *   (ensureShippedShapeBank) and people with accounts (createPerson); pass a fixed `seed` and
 *   `now` for reproducible papers and clocks.
 * - Design and trade-offs: docs/decisions/0009-exam-engine.md.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { db, directTransaction, sqliteDate, type DirectSql } from '~/utils/db.server.ts'
import { audit } from '../audit.server.ts'
import { NotFoundError, RuleError } from '../roster.server.ts'
import { loadBank } from './bank.server.ts'
import { findBlueprint, type Client } from './blueprints.server.ts'
import { closesAt, deadlineFor, isTooFast, phaseAt, remainingMs, transition } from './deadline.ts'
import { drawPaper, EmptyBankError, type DrawReport } from './draw.ts'
import { gradePaper } from './grading.ts'
import './hook-registrations.server.ts'
import { runGradedHandlers, type GradedAttempt, type Tx } from './hooks.server.ts'
import { displayKeys, fromDisplayKeys, toDisplayKeys } from './paper.ts'
import { operationsForPost } from './post-operations.ts'
import {
	GRACE_SECONDS,
	type AttemptConfig,
	type AttemptFlag,
	type AttemptPurpose,
	type AttemptStatus,
	type Operation,
	type PaperItem,
	type QuestionType,
	type Scope,
} from './types.ts'

export type { Client }

/** How many of the person's latest attempts (within RECENT_DAYS) count as "seen recently". */
export const RECENT_ATTEMPTS = 5
export const RECENT_DAYS = 180

/** Every transaction begins IMMEDIATE (app/utils/db.server.ts), so a read-then-write is safe. */
function writeTx<T>(fn: (tx: Tx) => Promise<T>, client: typeof db = db): Promise<T> {
	return client.$transaction(fn)
}

async function inTx<T>(client: Client, fn: (tx: Tx) => Promise<T>): Promise<T> {
	// A transaction client has no $transaction: we are inside the caller's transaction.
	if ('$transaction' in client) return writeTx(fn, client as typeof db)
	return fn(client)
}

function parseJson<T>(text: string, fallback: T): T {
	try {
		return JSON.parse(text) as T
	} catch {
		return fallback
	}
}

// ---------------------------------------------------------------------------------------------
// Start

export type StartAttemptInput = {
	personId: string
	/** when given, the person must belong to it */
	enterpriseId?: string
	blueprintId?: string
	blueprintCode?: string
	scope?: Scope | null
	purpose: AttemptPurpose
	subjectType?: string | null
	subjectId?: string | null
	actorUserId?: string | null
	/** overrides the blueprint's retake rule (null = unlimited) */
	maxAttempts?: number | null
	now?: Date
	/** fixed seed (tests, reproductions); random otherwise */
	seed?: string
}

export type StartAttemptResult = { attemptId: string; resumed: boolean; deadlineAt: Date; report: DrawReport | null }

export async function startAttempt(client: Client, input: StartAttemptInput): Promise<StartAttemptResult> {
	const now = input.now ?? new Date()
	return inTx(client, async (tx) => {
		const person = await tx.person.findUnique({ where: { id: input.personId }, select: { id: true, enterpriseId: true, post: true, dutyStatus: true } })
		if (!person || (input.enterpriseId && person.enterpriseId !== input.enterpriseId)) throw new NotFoundError()
		if (person.dutyStatus === 'LEFT') throw new RuleError(null, 'exam:errors.personLeft')
		const bp = await findBlueprint(tx, { id: input.blueprintId, code: input.blueprintCode })
		if (!bp) throw new NotFoundError()
		if (!bp.active) throw new RuleError(null, 'exam:errors.blueprintInactive')

		const subject = { subjectType: input.subjectType ?? null, subjectId: input.subjectId ?? null }
		const same = { personId: person.id, blueprintId: bp.id, purpose: input.purpose, ...subject }
		await expireInTx(tx, { personId: person.id }, now)
		const open = await tx.examAttempt.findFirst({ where: { ...same, status: 'IN_PROGRESS' }, select: { id: true, deadlineAt: true } })
		if (open) return { attemptId: open.id, resumed: true, deadlineAt: open.deadlineAt, report: null }

		const finished = await tx.examAttempt.findMany({
			where: { ...same, status: { not: 'IN_PROGRESS' } },
			select: { passed: true, submittedAt: true },
			orderBy: { submittedAt: 'desc' },
		})
		if (finished.some((a) => a.passed)) throw new RuleError(null, 'exam:errors.alreadyPassed')
		const maxAttempts = input.maxAttempts !== undefined ? input.maxAttempts : bp.maxAttempts
		if (maxAttempts != null && finished.length >= maxAttempts) throw new RuleError(null, 'exam:errors.noAttemptsLeft', { max: maxAttempts })
		const last = finished[0]?.submittedAt
		if (last && bp.retakeCooldownMinutes > 0) {
			const wait = last.getTime() + bp.retakeCooldownMinutes * 60_000 - now.getTime()
			if (wait > 0) throw new RuleError(null, 'exam:errors.cooldown', { minutes: Math.ceil(wait / 60_000) })
		}

		const bank = await loadBank(tx, input.scope ?? null)
		const recentKeys = await recentQuestionKeys(tx, person.id, now)
		const usesPost = bp.strata.some((s) => s.filter.operations === 'FOR_POST' || s.widen?.operations === 'FOR_POST')
		const postOperations: Operation[] = usesPost ? operationsForPost(person.post) : []
		const seed = input.seed ?? randomBytes(8).toString('hex')
		let drawn
		try {
			drawn = drawPaper({ bank: bank.questions, strata: bp.strata, points: bp.points, audience: bp.audience, postOperations, recentKeys, seed })
		} catch (e) {
			if (e instanceof EmptyBankError) throw new RuleError(null, 'exam:errors.emptyBank')
			throw e
		}
		const config: AttemptConfig = {
			blueprintCode: bp.code,
			points: bp.points,
			total: bp.total,
			passMark: bp.passMark,
			partialCredit: bp.partialCredit,
			timeLimitMinutes: bp.timeLimitMinutes,
			minSecondsPerQuestion: bp.minSecondsPerQuestion,
			scope: input.scope ?? null,
			postOperations,
		}
		const deadlineAt = deadlineFor(now, bp.timeLimitMinutes)
		const attempt = await tx.examAttempt.create({
			data: {
				...same,
				enterpriseId: person.enterpriseId,
				seed,
				config: JSON.stringify(config),
				paper: JSON.stringify(drawn.items),
				drawReport: JSON.stringify({ ...drawn.report, recentKeys: recentKeys.size }),
				questionCount: drawn.items.length,
				startedAt: now,
				deadlineAt,
				startedByUserId: input.actorUserId ?? null,
			},
			select: { id: true },
		})
		await audit(
			input.actorUserId ? { userId: input.actorUserId } : null,
			{
				action: 'exam.attemptStarted',
				entityType: 'ExamAttempt',
				entityId: attempt.id,
				enterpriseId: person.enterpriseId,
				data: { personId: person.id, blueprint: bp.code, purpose: input.purpose, ...subject, questions: drawn.items.length, shortfall: drawn.report.shortfall },
			},
			tx,
		)
		return { attemptId: attempt.id, resumed: false, deadlineAt, report: drawn.report }
	})
}

async function recentQuestionKeys(tx: Tx, personId: string, now: Date): Promise<Set<string>> {
	const rows = await tx.examAttempt.findMany({
		where: { personId, startedAt: { gte: new Date(now.getTime() - RECENT_DAYS * 86_400_000) } },
		orderBy: { startedAt: 'desc' },
		take: RECENT_ATTEMPTS,
		select: { paper: true },
	})
	const keys = new Set<string>()
	for (const r of rows) for (const item of parseJson<PaperItem[]>(r.paper, [])) keys.add(item.k)
	return keys
}

// ---------------------------------------------------------------------------------------------
// Taking

export type TakerQuestion = {
	position: number
	type: QuestionType
	stem: string
	/** in display order; text is empty for true/false (the page shows 正确 / 错误) */
	options: { key: string; text: string }[]
	points: number
	/** display keys of the saved answer */
	chosen: string[]
}

export type TakerView = {
	id: string
	status: AttemptStatus
	purpose: AttemptPurpose
	blueprint: { code: string; nameZh: string; nameEn: string }
	startedAt: string
	deadlineAt: string
	/** saves are accepted until then */
	closesAt: string
	serverNow: string
	remainingMs: number
	graceSeconds: number
	total: number
	passMark: number
	questionCount: number
	answeredCount: number
	questions: TakerQuestion[]
}

function optionTexts(optionsJson: string): Map<string, string> {
	const list = parseJson<{ key?: unknown; text?: unknown }[]>(optionsJson, [])
	return new Map(Array.isArray(list) ? list.map((o) => [String(o?.key ?? ''), String(o?.text ?? '')]) : [])
}

function shownOptions(item: PaperItem, texts: Map<string, string>) {
	const keys = displayKeys(item)
	return item.o.map((own, i) => ({ key: keys[i]!, text: item.t === 'TRUEFALSE' ? '' : (texts.get(own) ?? '') }))
}

/**
 * The paper as the person sees it: stems, options in display order, their saved answers, the
 * server clock. Never the correct answers or explanations. An overdue attempt is closed first
 * (its status then says so). NotFoundError unless the attempt is this person's.
 */
export async function getAttemptForTaker(attemptId: string, personId: string, now = new Date()): Promise<TakerView> {
	let attempt = await db.examAttempt.findUnique({ where: { id: attemptId }, include: { blueprint: { select: { code: true, nameZh: true, nameEn: true } } } })
	if (!attempt || attempt.personId !== personId) throw new NotFoundError()
	if (attempt.status === 'IN_PROGRESS' && phaseAt(attempt.deadlineAt, now) === 'CLOSED') {
		await expireOverdueAttempts(now, { attemptIds: [attemptId] })
		attempt = (await db.examAttempt.findUnique({ where: { id: attemptId }, include: { blueprint: { select: { code: true, nameZh: true, nameEn: true } } } }))!
	}
	const paper = parseJson<PaperItem[]>(attempt.paper, [])
	const config = parseJson<AttemptConfig>(attempt.config, {} as AttemptConfig)
	const [questions, answers] = await Promise.all([
		db.question.findMany({ where: { id: { in: paper.map((p) => p.q) } }, select: { id: true, stem: true, options: true } }),
		db.attemptAnswer.findMany({ where: { attemptId }, select: { position: true, chosen: true } }),
	])
	const qById = new Map(questions.map((q) => [q.id, q]))
	const chosenByPos = new Map(answers.map((a) => [a.position, parseJson<string[]>(a.chosen, [])]))
	return {
		id: attempt.id,
		status: attempt.status as AttemptStatus,
		purpose: attempt.purpose as AttemptPurpose,
		blueprint: attempt.blueprint,
		startedAt: attempt.startedAt.toISOString(),
		deadlineAt: attempt.deadlineAt.toISOString(),
		closesAt: closesAt(attempt.deadlineAt).toISOString(),
		serverNow: now.toISOString(),
		remainingMs: remainingMs(attempt.deadlineAt, now),
		graceSeconds: GRACE_SECONDS,
		total: config.total,
		passMark: config.passMark,
		questionCount: paper.length,
		answeredCount: answers.length,
		questions: paper.map((item, position) => {
			const q = qById.get(item.q)
			return {
				position,
				type: item.t,
				stem: q?.stem ?? '',
				options: shownOptions(item, optionTexts(q?.options ?? '[]')),
				points: item.p,
				chosen: toDisplayKeys(item, chosenByPos.get(position) ?? []),
			}
		}),
	}
}

export type SaveAnswerInput = {
	attemptId: string
	personId: string
	/** 0-based */
	position: number
	/** display keys; [] withdraws the answer */
	choice: string[]
	now?: Date
}

export type SaveAnswerResult =
	| { ok: true; position: number; savedAt: Date; answeredCount: number }
	| { ok: false; reason: 'LATE' | 'CLOSED' }

/**
 * Save one answer. Resolves only after the transaction has committed, so the caller may tell
 * the person "saved". Refused after the deadline + grace or once the attempt is closed; the
 * refused answer is recorded (LATE_ANSWER) and an overdue attempt is then closed.
 */
export async function saveAnswer(input: SaveAnswerInput): Promise<SaveAnswerResult> {
	const now = input.now ?? new Date()
	const saved = await directTransaction((sql) => saveInTransaction(sql, input, now))
	if (saved) return saved
	const refused = await recordRefusedAnswer(input, now)
	if (refused.reason === 'LATE') await expireOverdueAttempts(now, { attemptIds: [input.attemptId] })
	return refused
}

/**
 * The answer save, on the connection directly (no Prisma: this is the request an exam day is made
 * of, see directTransaction). Returns null, writing nothing, when the paper no longer takes
 * answers; the refusal is then recorded by recordRefusedAnswer.
 */
function saveInTransaction(sql: DirectSql, input: SaveAnswerInput, now: Date): Extract<SaveAnswerResult, { ok: true }> | null {
	const attempt = sql.get<{ personId: string; status: string; deadlineAt: string | number; paper: string }>(
		'SELECT "personId", "status", "deadlineAt", "paper" FROM "ExamAttempt" WHERE "id" = ?',
		input.attemptId,
	)
	if (!attempt || attempt.personId !== input.personId) throw new NotFoundError()
	const own = ownChoice(attempt.paper, input)
	if (!transition(attempt.status as AttemptStatus, 'SAVE', new Date(attempt.deadlineAt), now).ok) return null
	const at = sqliteDate(now)
	if (own.chosen.length === 0) {
		sql.run('DELETE FROM "AttemptAnswer" WHERE "attemptId" = ? AND "position" = ?', input.attemptId, input.position)
	} else {
		sql.run(
			`INSERT INTO "AttemptAnswer" ("id", "attemptId", "position", "questionId", "chosen", "savedAt") VALUES (?, ?, ?, ?, ?, ?)
			 ON CONFLICT ("attemptId", "position") DO UPDATE SET "chosen" = excluded."chosen", "savedAt" = excluded."savedAt"`,
			randomUUID(),
			input.attemptId,
			input.position,
			own.questionId,
			JSON.stringify(own.chosen),
			at,
		)
	}
	sql.run(
		'INSERT INTO "AttemptEvent" ("id", "attemptId", "at", "kind", "data") VALUES (?, ?, ?, ?, ?)',
		randomUUID(),
		input.attemptId,
		at,
		'ANSWER',
		JSON.stringify({ position: input.position, chosen: own.chosen }),
	)
	const answeredCount = sql.get<{ n: number }>('SELECT COUNT(*) AS "n" FROM "AttemptAnswer" WHERE "attemptId" = ?', input.attemptId)!.n
	return { ok: true, position: input.position, savedAt: now, answeredCount }
}

/** The paper's question at the position and the choice in its own option keys, or a RuleError. */
function ownChoice(paperJson: string, input: SaveAnswerInput): { questionId: string; chosen: string[] } {
	const paper = parseJson<PaperItem[]>(paperJson, [])
	const item = Number.isInteger(input.position) ? paper[input.position] : undefined
	if (!item) throw new RuleError('position', 'exam:errors.badPosition')
	const chosen = fromDisplayKeys(item, input.choice)
	if (!chosen) throw new RuleError('choice', 'exam:errors.badChoice')
	return { questionId: item.q, chosen }
}

/** A refused answer is kept in the attempt's journal (LATE_ANSWER) and audited. */
async function recordRefusedAnswer(input: SaveAnswerInput, now: Date): Promise<Extract<SaveAnswerResult, { ok: false }>> {
	return writeTx(async (tx) => {
		const attempt = await tx.examAttempt.findUnique({
			where: { id: input.attemptId },
			select: { id: true, personId: true, enterpriseId: true, status: true, deadlineAt: true, paper: true },
		})
		if (!attempt || attempt.personId !== input.personId) throw new NotFoundError()
		const own = ownChoice(attempt.paper, input)
		const step = transition(attempt.status as AttemptStatus, 'SAVE', attempt.deadlineAt, now)
		// A paper that stopped taking answers never takes them again.
		if (step.ok) throw new Error('unreachable: a refused answer became acceptable')
		await tx.attemptEvent.create({
			data: { attemptId: attempt.id, at: now, kind: 'LATE_ANSWER', data: JSON.stringify({ position: input.position, chosen: own.chosen, reason: step.reason }) },
		})
		await audit(
			null,
			{ action: 'exam.lateAnswerRefused', entityType: 'ExamAttempt', entityId: attempt.id, enterpriseId: attempt.enterpriseId, data: { position: input.position, reason: step.reason } },
			tx,
		)
		return { ok: false, reason: step.reason === 'LATE' ? 'LATE' : 'CLOSED' }
	})
}

export type SubmitResult = {
	status: Exclude<AttemptStatus, 'IN_PROGRESS'>
	score: number
	maxScore: number
	passed: boolean
	/** true when the attempt had already been closed (a double submit) */
	repeated: boolean
}

/** Hand the paper in and grade it. Harmless to call twice. */
export async function submitAttempt(input: { attemptId: string; personId: string; actorUserId?: string | null; now?: Date }): Promise<SubmitResult> {
	const now = input.now ?? new Date()
	return writeTx(
		async (tx) => {
			const attempt = await tx.examAttempt.findUnique({
				where: { id: input.attemptId },
				select: { id: true, personId: true, status: true, deadlineAt: true, score: true, maxScore: true, passed: true },
			})
			if (!attempt || attempt.personId !== input.personId) throw new NotFoundError()
			const step = transition(attempt.status as AttemptStatus, 'SUBMIT', attempt.deadlineAt, now)
			if (!step.ok) throw new Error('unreachable: submit is always allowed')
			if (!step.changed) {
				await tx.attemptEvent.create({ data: { attemptId: attempt.id, at: now, kind: 'SUBMIT_REPEAT', data: '{}' } })
				return { status: attempt.status as SubmitResult['status'], score: attempt.score ?? 0, maxScore: attempt.maxScore ?? 0, passed: !!attempt.passed, repeated: true }
			}
			const graded = await gradeInTx(tx, attempt.id, step.to as SubmitResult['status'], now, input.actorUserId ?? null)
			return { status: graded.status, score: graded.score, maxScore: graded.maxScore, passed: graded.passed, repeated: false }
		},
	)
}

/**
 * Close every IN_PROGRESS attempt whose deadline + grace has passed (optionally only some),
 * grading it with what was saved. Each attempt in its own transaction. Returns how many.
 */
export async function expireOverdueAttempts(now = new Date(), filter: { attemptIds?: string[]; personId?: string } = {}): Promise<number> {
	const due = await db.examAttempt.findMany({
		where: {
			status: 'IN_PROGRESS',
			deadlineAt: { lt: new Date(now.getTime() - GRACE_SECONDS * 1000) },
			...(filter.attemptIds ? { id: { in: filter.attemptIds } } : {}),
			...(filter.personId ? { personId: filter.personId } : {}),
		},
		select: { id: true },
		take: 500,
	})
	let n = 0
	for (const { id } of due) {
		const done = await writeTx((tx) => expireOne(tx, id, now))
		if (done) n++
	}
	return n
}

async function expireInTx(tx: Tx, filter: { personId: string }, now: Date): Promise<void> {
	const due = await tx.examAttempt.findMany({
		where: { status: 'IN_PROGRESS', personId: filter.personId, deadlineAt: { lt: new Date(now.getTime() - GRACE_SECONDS * 1000) } },
		select: { id: true },
	})
	for (const { id } of due) await expireOne(tx, id, now)
}

async function expireOne(tx: Tx, attemptId: string, now: Date): Promise<boolean> {
	const a = await tx.examAttempt.findUnique({ where: { id: attemptId }, select: { status: true, deadlineAt: true } })
	if (!a) return false
	const step = transition(a.status as AttemptStatus, 'EXPIRE', a.deadlineAt, now)
	if (!step.ok || !step.changed) return false
	await gradeInTx(tx, attemptId, 'EXPIRED', now, null)
	return true
}

/** Grade an IN_PROGRESS attempt, close it, audit, run the graded handlers. */
async function gradeInTx(tx: Tx, attemptId: string, to: 'SUBMITTED' | 'EXPIRED', now: Date, actorUserId: string | null): Promise<GradedAttempt> {
	const attempt = await tx.examAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { blueprint: { select: { code: true } } } })
	const paper = parseJson<PaperItem[]>(attempt.paper, [])
	const config = parseJson<AttemptConfig>(attempt.config, {} as AttemptConfig)
	const [answers, questions] = await Promise.all([
		tx.attemptAnswer.findMany({ where: { attemptId } }),
		tx.question.findMany({
			where: { id: { in: paper.map((p) => p.q) } },
			select: { id: true, answer: true, topic: true, packVersion: { select: { packId: true } } },
		}),
	])
	const qById = new Map(questions.map((q) => [q.id, q]))
	const byPos = new Map(answers.map((a) => [a.position, a]))
	const grade = gradePaper(
		paper.map((item, pos) => ({
			type: item.t,
			points: item.p,
			answer: parseJson<string[]>(qById.get(item.q)?.answer ?? '[]', []),
			chosen: byPos.has(pos) ? parseJson<string[]>(byPos.get(pos)!.chosen, []) : null,
		})),
		{ partialCredit: config.partialCredit, total: config.total, passMark: config.passMark },
	)
	const submittedAt = to === 'SUBMITTED' ? now : new Date(Math.min(now.getTime(), closesAt(attempt.deadlineAt).getTime()))
	const lastSave = answers.reduce<Date | null>((m, a) => (!m || a.savedAt > m ? a.savedAt : m), null)
	const flags: AttemptFlag[] = []
	if (
		isTooFast({
			startedAt: attempt.startedAt,
			finishedAt: to === 'SUBMITTED' ? submittedAt : (lastSave ?? submittedAt),
			answered: grade.answeredCount,
			minSecondsPerQuestion: config.minSecondsPerQuestion,
		})
	)
		flags.push('TOO_FAST')

	for (const a of answers) {
		const g = grade.items[a.position]
		if (g) await tx.attemptAnswer.update({ where: { id: a.id }, data: { correct: g.correct, earned: g.earned } })
	}
	const { count } = await tx.examAttempt.updateMany({
		where: { id: attemptId, status: 'IN_PROGRESS' },
		data: { status: to, submittedAt, score: grade.score, maxScore: grade.maxScore, passed: grade.passed, flags: JSON.stringify(flags) },
	})
	if (count !== 1) throw new Error(`Attempt ${attemptId} was closed concurrently`)

	const weak = new Map<string, { packId: string; topic: string; wrong: number; total: number }>()
	paper.forEach((item, pos) => {
		const q = qById.get(item.q)
		if (!q) return
		const k = `${q.packVersion.packId}\u0000${q.topic}`
		const w = weak.get(k) ?? { packId: q.packVersion.packId, topic: q.topic, wrong: 0, total: 0 }
		w.total++
		if (!grade.items[pos]!.correct) w.wrong++
		weak.set(k, w)
	})
	const graded: GradedAttempt = {
		id: attempt.id,
		personId: attempt.personId,
		enterpriseId: attempt.enterpriseId,
		blueprintId: attempt.blueprintId,
		blueprintCode: attempt.blueprint.code,
		purpose: attempt.purpose as AttemptPurpose,
		subjectType: attempt.subjectType,
		subjectId: attempt.subjectId,
		status: to,
		startedAt: attempt.startedAt,
		submittedAt,
		score: grade.score,
		maxScore: grade.maxScore,
		passMark: config.passMark,
		passed: grade.passed,
		flags,
		questionCount: paper.length,
		correctCount: grade.correctCount,
		weakTopics: [...weak.values()].filter((w) => w.wrong > 0).sort((a, b) => b.wrong - a.wrong),
	}
	await audit(
		actorUserId ? { userId: actorUserId } : null,
		{
			action: to === 'SUBMITTED' ? 'exam.attemptSubmitted' : 'exam.attemptExpired',
			entityType: 'ExamAttempt',
			entityId: attempt.id,
			enterpriseId: attempt.enterpriseId,
			data: { personId: attempt.personId, purpose: attempt.purpose, score: grade.score, maxScore: grade.maxScore, passed: grade.passed, answered: grade.answeredCount, flags },
		},
		tx,
	)
	await runGradedHandlers(tx, graded, { actorUserId, now })
	return graded
}

// ---------------------------------------------------------------------------------------------
// Reading

export type AttemptSummary = {
	id: string
	personId: string
	purpose: AttemptPurpose
	status: AttemptStatus
	blueprintCode: string
	questionCount: number
	answeredCount: number
	startedAt: Date
	deadlineAt: Date
	submittedAt: Date | null
	score: number | null
	maxScore: number | null
	passed: boolean | null
	flags: AttemptFlag[]
}

/** Statuses for a board: closes overdue attempts first. No answers, no paper. */
export async function getAttemptSummaries(attemptIds: string[], now = new Date()): Promise<AttemptSummary[]> {
	if (attemptIds.length === 0) return []
	await expireOverdueAttempts(now, { attemptIds })
	const [rows, counts] = await Promise.all([
		db.examAttempt.findMany({ where: { id: { in: attemptIds } }, include: { blueprint: { select: { code: true } } } }),
		db.attemptAnswer.groupBy({ by: ['attemptId'], where: { attemptId: { in: attemptIds } }, _count: true }),
	])
	const answered = new Map(counts.map((c) => [c.attemptId, c._count]))
	return rows.map((r) => ({
		id: r.id,
		personId: r.personId,
		purpose: r.purpose as AttemptPurpose,
		status: r.status as AttemptStatus,
		blueprintCode: r.blueprint.code,
		questionCount: r.questionCount,
		answeredCount: answered.get(r.id) ?? 0,
		startedAt: r.startedAt,
		deadlineAt: r.deadlineAt,
		submittedAt: r.submittedAt,
		score: r.score,
		maxScore: r.maxScore,
		passed: r.passed,
		flags: parseJson<AttemptFlag[]>(r.flags, []),
	}))
}

/** The person's own attempts, newest first. */
export async function listAttemptsForPerson(personId: string, now = new Date(), take = 50) {
	await expireOverdueAttempts(now, { personId })
	const rows = await db.examAttempt.findMany({
		where: { personId },
		orderBy: { startedAt: 'desc' },
		take,
		select: {
			id: true,
			purpose: true,
			status: true,
			startedAt: true,
			deadlineAt: true,
			submittedAt: true,
			score: true,
			maxScore: true,
			passed: true,
			questionCount: true,
			blueprint: { select: { code: true, nameZh: true, nameEn: true } },
		},
	})
	return rows
}

export type ResultQuestion = TakerQuestion & {
	/** display keys of the correct answer */
	answer: string[]
	correct: boolean
	earned: number
	explanation: string
	source: string
}

export type ResultView = {
	id: string
	status: Exclude<AttemptStatus, 'IN_PROGRESS'>
	purpose: AttemptPurpose
	blueprint: { code: string; nameZh: string; nameEn: string }
	person: { name: string }
	startedAt: string
	submittedAt: string
	durationSeconds: number
	score: number
	maxScore: number
	passMark: number
	passed: boolean
	flags: AttemptFlag[]
	questionCount: number
	answeredCount: number
	correctCount: number
	lateAnswers: number
	questions: ResultQuestion[]
}

/**
 * The graded paper with correct answers and explanations. Only after the attempt is closed:
 * RuleError exam:errors.notSubmitted before. The caller has checked who may see it.
 */
export async function getAttemptResult(attemptId: string, now = new Date()): Promise<ResultView> {
	await expireOverdueAttempts(now, { attemptIds: [attemptId] })
	const attempt = await db.examAttempt.findUnique({
		where: { id: attemptId },
		include: { blueprint: { select: { code: true, nameZh: true, nameEn: true } }, person: { select: { name: true } } },
	})
	if (!attempt) throw new NotFoundError()
	if (attempt.status === 'IN_PROGRESS' || !attempt.submittedAt) throw new RuleError(null, 'exam:errors.notSubmitted')
	const paper = parseJson<PaperItem[]>(attempt.paper, [])
	const config = parseJson<AttemptConfig>(attempt.config, {} as AttemptConfig)
	const [questions, answers, late] = await Promise.all([
		db.question.findMany({ where: { id: { in: paper.map((p) => p.q) } }, select: { id: true, stem: true, options: true, answer: true, explanation: true, source: true } }),
		db.attemptAnswer.findMany({ where: { attemptId } }),
		db.attemptEvent.count({ where: { attemptId, kind: 'LATE_ANSWER' } }),
	])
	const qById = new Map(questions.map((q) => [q.id, q]))
	const byPos = new Map(answers.map((a) => [a.position, a]))
	const items: ResultQuestion[] = paper.map((item, position) => {
		const q = qById.get(item.q)
		const a = byPos.get(position)
		return {
			position,
			type: item.t,
			stem: q?.stem ?? '',
			options: shownOptions(item, optionTexts(q?.options ?? '[]')),
			points: item.p,
			chosen: toDisplayKeys(item, a ? parseJson<string[]>(a.chosen, []) : []),
			answer: toDisplayKeys(item, parseJson<string[]>(q?.answer ?? '[]', [])),
			correct: !!a?.correct,
			earned: a?.earned ?? 0,
			explanation: q?.explanation ?? '',
			source: q?.source ?? '',
		}
	})
	return {
		id: attempt.id,
		status: attempt.status as ResultView['status'],
		purpose: attempt.purpose as AttemptPurpose,
		blueprint: attempt.blueprint,
		person: attempt.person,
		startedAt: attempt.startedAt.toISOString(),
		submittedAt: attempt.submittedAt.toISOString(),
		durationSeconds: Math.round((attempt.submittedAt.getTime() - attempt.startedAt.getTime()) / 1000),
		score: attempt.score ?? 0,
		maxScore: attempt.maxScore ?? config.total,
		passMark: config.passMark,
		passed: !!attempt.passed,
		flags: parseJson<AttemptFlag[]>(attempt.flags, []),
		questionCount: paper.length,
		answeredCount: answers.length,
		correctCount: items.filter((i) => i.correct).length,
		lateAnswers: late,
		questions: items,
	}
}

let sweep: ReturnType<typeof setInterval> | undefined

/** Close overdue attempts every minute in this process (server start-up calls it once). */
export function startExpirySweep(everyMs = 60_000): void {
	if (sweep) return
	sweep = setInterval(() => {
		expireOverdueAttempts(new Date()).catch((e) => console.error(JSON.stringify({ level: 'error', msg: 'exam expiry sweep failed', error: String(e) })))
	}, everyMs)
	sweep.unref?.()
}
