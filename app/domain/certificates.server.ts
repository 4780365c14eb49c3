import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client.ts'
import { db } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { audit } from './audit.server.ts'
import { onAttemptGraded, type GradedAttempt } from './exam/hooks.server.ts'
import {
	base32,
	certificateState,
	certificateValidUntil,
	formatSerial,
	normalizeVerifyCode,
	parseSerialSeq,
	recordVerify,
	VERIFY_CODE_BYTES,
	verifyAllowed,
	type CertificateState,
} from './certificates.ts'
import { maskName } from './identifiers.ts'
import { hasRole, type Actor } from './policy.ts'
import { NotFoundError, RuleError } from './roster.server.ts'
import { shanghaiDate, shanghaiYear } from './time.ts'

type Tx = Prisma.TransactionClient

export function newVerifyCode(): string {
	return base32(randomBytes(VERIFY_CODE_BYTES))
}

async function nextSerial(tx: Tx, year: number): Promise<string> {
	const last = await tx.certificate.findFirst({ where: { serial: { startsWith: `AX-${year}-` } }, orderBy: { serial: 'desc' }, select: { serial: true } })
	return formatSerial(year, (last ? (parseSerialSeq(last.serial) ?? 0) : 0) + 1)
}

type GradedCourseAttempt = Pick<GradedAttempt, 'id' | 'personId' | 'purpose' | 'passed' | 'score' | 'subjectType' | 'subjectId' | 'submittedAt'>

/**
 * Issue the certificate for a passed course exam, inside the exam engine's grading
 * transaction. Everything printed comes from the attempt: the person, their enterprise, the
 * pack version studied (through the attempt's assignment) and the score. Returns null when the
 * attempt does not earn one (not a course exam, not passed, no assignment of that person);
 * returns the existing certificate when the attempt already has one, so a retried hook is harmless.
 */
export async function issueCertificateForAttempt(tx: Tx, attempt: GradedCourseAttempt) {
	if (attempt.purpose !== 'COURSE' || !attempt.passed) return null
	if (attempt.subjectType !== 'Assignment' || !attempt.subjectId) return null
	const existing = await tx.certificate.findUnique({ where: { examAttemptId: attempt.id } })
	if (existing) return existing
	const assignment = await tx.assignment.findUnique({ where: { id: attempt.subjectId }, select: { packVersionId: true, personId: true } })
	if (!assignment || assignment.personId !== attempt.personId) return null
	return createCertificate(tx, {
		personId: attempt.personId,
		packVersionId: assignment.packVersionId,
		examAttemptId: attempt.id,
		score: attempt.score,
		issuedAt: attempt.submittedAt,
	})
}

onAttemptGraded('COURSE', 'certificates:issue', async (tx, attempt) => {
	await issueCertificateForAttempt(tx, attempt)
})

type CertificateInput = {
	personId: string
	packVersionId: string
	examAttemptId: string
	score: number
	issuedAt: Date
}

/** The row itself; reached only through issueCertificateForAttempt. */
async function createCertificate(tx: Tx, input: CertificateInput) {
	const person = await tx.person.findUnique({ where: { id: input.personId }, select: { id: true, name: true, enterpriseId: true, enterprise: { select: { name: true, regionId: true } } } })
	if (!person) throw new NotFoundError()
	const pv = await tx.packVersion.findUnique({ where: { id: input.packVersionId }, select: { minutes: true } })
	if (!pv) throw new NotFoundError()
	const issueDate = shanghaiDate(input.issuedAt)
	const cert = await tx.certificate.create({
		data: {
			serial: await nextSerial(tx, shanghaiYear(input.issuedAt)),
			verifyCode: newVerifyCode(),
			enterpriseId: person.enterpriseId,
			personId: person.id,
			packVersionId: input.packVersionId,
			examAttemptId: input.examAttemptId,
			holderName: person.name,
			enterpriseName: person.enterprise.name,
			// The pack version's study time, in hours with one decimal.
			hours: Math.round((pv.minutes / 60) * 10) / 10,
			score: input.score,
			issuedAt: input.issuedAt,
			validUntil: certificateValidUntil(issueDate, getEnv().CERTIFICATE_VALIDITY_MONTHS),
		},
	})
	await audit(
		null,
		{
			action: 'certificate.issued',
			entityType: 'Certificate',
			entityId: cert.id,
			enterpriseId: person.enterpriseId,
			regionId: person.enterprise.regionId,
			data: { serial: cert.serial, personId: person.id, packVersionId: input.packVersionId, examAttemptId: input.examAttemptId },
		},
		tx,
	)
	return cert
}

const certificateInclude = {
	packVersion: { select: { packId: true, number: true, declaredVersion: true, edition: true, titleZh: true, titleEn: true, minutes: true } },
	person: { select: { id: true, name: true, idCard: true, enterpriseId: true } },
	enterprise: { select: { id: true, name: true, regionId: true } },
} satisfies Prisma.CertificateInclude

export type CertificateWithRelations = Prisma.CertificateGetPayload<{ include: typeof certificateInclude }>

function withState<T extends { status: string; validUntil: string }>(c: T, today: string): T & { state: CertificateState } {
	return { ...c, state: certificateState(c, today) }
}

/** The signed-in person's own certificates, newest first. */
export async function listMyCertificates(actor: Actor, now = new Date()) {
	if (!actor.personId) return []
	const rows = await db.certificate.findMany({ where: { personId: actor.personId }, include: certificateInclude, orderBy: { issuedAt: 'desc' } })
	const today = shanghaiDate(now)
	return rows.map((c) => withState(c, today))
}

export const CertificateFilterSchema = z.object({
	q: z.string().trim().max(50).optional().catch(undefined),
	state: z.enum(['VALID', 'EXPIRED', 'REVOKED']).optional().catch(undefined),
})
export type CertificateFilter = z.infer<typeof CertificateFilterSchema>

/** An enterprise's certificates for its safety managers and principal. */
export async function listEnterpriseCertificates(actor: Actor & { enterpriseId: string }, filter: CertificateFilter, now = new Date()) {
	const today = shanghaiDate(now)
	const where: Prisma.CertificateWhereInput = { enterpriseId: actor.enterpriseId }
	if (filter.q) where.OR = [{ holderName: { contains: filter.q } }, { serial: { contains: filter.q.toUpperCase() } }]
	if (filter.state === 'REVOKED') where.status = 'REVOKED'
	else if (filter.state === 'VALID') Object.assign(where, { status: 'VALID', validUntil: { gte: today } })
	else if (filter.state === 'EXPIRED') Object.assign(where, { status: 'VALID', validUntil: { lt: today } })
	const rows = await db.certificate.findMany({ where, include: certificateInclude, orderBy: { issuedAt: 'desc' }, take: 500 })
	return rows.map((c) => withState(c, today))
}

/**
 * One certificate if the actor may see it: its holder, the enterprise's managers and
 * principal, bureau staff of the region, an admin. Anything else is NotFoundError.
 */
export async function getCertificate(actor: Actor, id: string, now = new Date()) {
	const cert = await db.certificate.findUnique({ where: { id }, include: certificateInclude })
	if (!cert || !canSeeCertificate(actor, cert)) throw new NotFoundError()
	return withState(cert, shanghaiDate(now))
}

function canSeeCertificate(actor: Actor, cert: { personId: string; enterprise: { id: string; regionId: string } }): boolean {
	if (actor.personId && actor.personId === cert.personId) return true
	if (hasRole(actor, 'ADMIN')) return true
	if (hasRole(actor, 'SAFETY_MANAGER', 'PRINCIPAL') && actor.enterpriseId === cert.enterprise.id) return true
	if (hasRole(actor, 'INSPECTOR', 'REGULATOR')) return actor.regionIds.includes(cert.enterprise.regionId)
	return false
}

export const RevokeSchema = z.object({
	reason: z.string({ error: 'errors:required' }).trim().min(2, 'certificates:reasonRequired').max(200, 'errors:tooLong'),
})

/** Revocation by a safety manager of the certificate's enterprise; final, audit-logged. */
export async function revokeCertificate(actor: Actor & { enterpriseId: string }, id: string, reason: string, now = new Date()) {
	if (!hasRole(actor, 'SAFETY_MANAGER')) throw new NotFoundError()
	const cert = await db.certificate.findFirst({ where: { id, enterpriseId: actor.enterpriseId }, include: { enterprise: { select: { regionId: true } } } })
	if (!cert) throw new NotFoundError()
	if (cert.status === 'REVOKED') throw new RuleError(null, 'certificates:alreadyRevoked')
	return db.$transaction(async (tx) => {
		// Conditional update: two managers revoking at once cannot both succeed.
		const { count } = await tx.certificate.updateMany({
			where: { id, status: 'VALID' },
			data: { status: 'REVOKED', revokedAt: now, revokedReason: reason, revokedByUserId: actor.userId },
		})
		if (!count) throw new RuleError(null, 'certificates:alreadyRevoked')
		await audit(
			actor,
			{ action: 'certificate.revoked', entityType: 'Certificate', entityId: id, enterpriseId: actor.enterpriseId, regionId: cert.enterprise.regionId, data: { serial: cert.serial, reason } },
			tx,
		)
		return tx.certificate.findUniqueOrThrow({ where: { id } })
	})
}

// ── Public verification ──

export type VerifyResult =
	| { kind: 'throttled'; retryAfterSec: number }
	| { kind: 'miss' }
	| {
			kind: 'hit'
			state: CertificateState
			certificate: {
				serial: string
				holder: string
				enterprise: string
				packTitleZh: string
				packTitleEn: string
				packVersion: number
				hours: number
				issuedOn: string
				validUntil: string
				revokedOn: string | null
			}
	  }

/** A syntactically valid code that no certificate has, so malformed input costs a lookup too. */
const PLACEHOLDER_CODE = 'a'.repeat(32)

/**
 * Look a code up for the public verify page. Every request is counted for the client, hit or
 * miss, and takes the same path (one indexed lookup, one counter write), so a malformed code,
 * an unknown code and a found one differ only in what is returned. The holder's name is masked;
 * no ID number, phone or revocation reason leaves the server.
 */
export async function verifyCertificate(rawCode: string, clientKey: string, now = new Date()): Promise<VerifyResult> {
	const key = `verify:${clientKey.slice(0, 80)}`
	const state = await db.verifyThrottle.findUnique({ where: { key } })
	const allowed = verifyAllowed(state, now)
	if (!allowed.ok) return { kind: 'throttled', retryAfterSec: allowed.retryAfterSec }
	const code = normalizeVerifyCode(rawCode)
	const cert = await db.certificate.findUnique({
		where: { verifyCode: code ?? PLACEHOLDER_CODE },
		include: { packVersion: { select: { titleZh: true, titleEn: true, declaredVersion: true } } },
	})
	const hit = !!cert && !!code
	const next = recordVerify(state, now, !hit)
	await db.verifyThrottle.upsert({ where: { key }, create: { key, ...next }, update: next })
	if (!cert || !hit) return { kind: 'miss' }
	return {
		kind: 'hit',
		state: certificateState(cert, shanghaiDate(now)),
		certificate: {
			serial: cert.serial,
			holder: maskName(cert.holderName),
			enterprise: cert.enterpriseName,
			packTitleZh: cert.packVersion.titleZh,
			packTitleEn: cert.packVersion.titleEn,
			packVersion: cert.packVersion.declaredVersion,
			hours: cert.hours,
			issuedOn: shanghaiDate(cert.issuedAt),
			validUntil: cert.validUntil,
			revokedOn: cert.revokedAt ? shanghaiDate(cert.revokedAt) : null,
		},
	}
}
