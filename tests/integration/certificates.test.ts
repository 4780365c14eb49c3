import { beforeAll, describe, expect, it } from 'vitest'
import { getCertificate, issueCertificateForAttempt, listEnterpriseCertificates, listMyCertificates, revokeCertificate, verifyCertificate } from '~/domain/certificates.server.ts'
import { VERIFY_MISS_LIMIT, VERIFY_WINDOW_MS } from '~/domain/certificates.ts'
import { ensureDefaultBlueprints } from '~/domain/exam/blueprints.server.ts'
import { renderCertificatePdf } from '~/domain/pdf/certificate-pdf.server.ts'
import type { Actor } from '~/domain/policy.ts'
import { NotFoundError, RuleError } from '~/domain/roster.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import * as pdfRoute from '~/routes/certificates.$certificateId.pdf.ts'
import * as detailRoute from '~/routes/certificates.$certificateId.tsx'
import * as verifyRoute from '~/routes/verify.$code.tsx'
import { getActor } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import { getFixedT } from '~/utils/i18n.server.ts'
import { passCourseExam } from '../../scripts/lib/demo-certificates.ts'
import { createPack, type FixtureQuestion } from '../support/exam-fixtures.ts'
import { decodeQr, inkIn, inkRatio, pdfText, renderPages } from '../support/pdf.ts'
import { call, cookieFor, makeWorld, validIdCard } from '../support/world.ts'

let w: Awaited<ReturnType<typeof makeWorld>>
const cookies: Record<string, string> = {}
const actors: Record<string, Actor> = {}
const PACK = `cert-test-${process.pid}`

function bank(): FixtureQuestion[] {
	const types = ['SINGLE', 'SINGLE', 'SINGLE', 'MULTIPLE', 'TRUEFALSE'] as const
	return Array.from({ length: 30 }, (_, i) => ({ key: `ct-${i}`, type: types[i % types.length]! }))
}

async function actorFor(userId: string) {
	const cookie = await cookieFor(userId)
	const a = await getActor(new Request('http://localhost/', { headers: { cookie } }))
	if (!a) throw new Error('no actor')
	return { cookie, actor: a }
}

let valid: { id: string; verifyCode: string; serial: string }
let revoked: { id: string; verifyCode: string }
let expired: { id: string; verifyCode: string }

beforeAll(async () => {
	await ensureDefaultBlueprints()
	await createPack(db, { id: PACK, series: PACK }, bank())
	w = await makeWorld()
	await db.person.update({ where: { id: w.a.worker.person.id }, data: { name: '张小明', idCard: validIdCard(`1411221990010${String(process.pid % 10000).padStart(4, '0')}`) } })
	for (const [k, id] of Object.entries({
		workerA: w.a.worker.user.id,
		managerA: w.a.manager.user.id,
		principalA: w.a.principal.user.id,
		managerB: w.b.manager.user.id,
		workerB: w.b.worker.user.id,
		inspectorA: w.inspectorA.user.id,
		inspectorB: w.inspectorB.user.id,
	})) {
		const r = await actorFor(id)
		cookies[k] = r.cookie
		actors[k] = r.actor
	}
	const now = Date.now()
	const a = await passCourseExam({ personId: w.a.worker.person.id, packId: PACK, at: new Date(now - 2 * 86_400_000) })
	valid = a.certificate!
	const b = await passCourseExam({ personId: w.a.manager.person.id, packId: PACK, at: new Date(now - 5 * 86_400_000) })
	revoked = b.certificate!
	await revokeCertificate(actors.managerA as Actor & { enterpriseId: string }, revoked.id, '代考，撤销')
	const c = await passCourseExam({ personId: w.a.principal.person.id, packId: PACK, at: new Date(now - (3 * 366 + 5) * 86_400_000) })
	expired = c.certificate!
})

describe('issuing', () => {
	it('a passed course exam issues exactly one certificate, with the pack, hours, validity and an audit event', async () => {
		const cert = await db.certificate.findUniqueOrThrow({ where: { id: valid.id }, include: { packVersion: true } })
		expect(cert.personId).toBe(w.a.worker.person.id)
		expect(cert.enterpriseId).toBe(w.a.enterprise.id)
		expect(cert.packVersion.packId).toBe(PACK)
		expect(cert.hours).toBeCloseTo(cert.packVersion.minutes / 60, 1)
		expect(cert.serial).toMatch(/^AX-\d{4}-\d{6}$/)
		expect(cert.verifyCode).toMatch(/^[a-z2-7]{32}$/)
		// 36 months by default: issued D → valid through D + 3 years − 1 day.
		const issued = shanghaiDate(cert.issuedAt)
		const [y, m, d] = issued.split('-').map(Number) as [number, number, number]
		const expected = new Date(Date.UTC(y + 3, m - 1, d) - 86_400_000).toISOString().slice(0, 10)
		expect(cert.validUntil).toBe(expected)
		const events = await db.auditEvent.findMany({ where: { entityType: 'Certificate', entityId: cert.id } })
		expect(events.map((e) => e.action)).toContain('certificate.issued')
	})

	it('serials are unique and sequential within a year', async () => {
		const certs = await db.certificate.findMany({ where: { serial: { startsWith: `AX-${new Date().getUTCFullYear()}-` } }, select: { serial: true } })
		expect(new Set(certs.map((c) => c.serial)).size).toBe(certs.length)
	})

	it('the hook is idempotent: grading again returns the same certificate', async () => {
		const attempt = await db.examAttempt.findFirstOrThrow({ where: { id: (await db.certificate.findUniqueOrThrow({ where: { id: valid.id } })).examAttemptId! } })
		const again = await db.$transaction((tx) =>
			issueCertificateForAttempt(tx, { ...attempt, purpose: 'COURSE', passed: true, score: attempt.score ?? 0, submittedAt: attempt.submittedAt ?? new Date() }),
		)
		expect(again?.id).toBe(valid.id)
		expect(await db.certificate.count({ where: { examAttemptId: attempt.id } })).toBe(1)
	})

	it('a failed course exam issues nothing; neither does a passed exam of another purpose', async () => {
		const failed = await passCourseExam({ personId: w.b.worker.person.id, packId: PACK, at: new Date(), wrong: 30 })
		expect(failed.result.passed).toBe(false)
		expect(failed.certificate).toBeNull()
		const attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: failed.attemptId } })
		const other = await db.$transaction((tx) =>
			issueCertificateForAttempt(tx, { ...attempt, purpose: 'SPOT_CHECK', passed: true, score: 100, submittedAt: new Date() }),
		)
		expect(other).toBeNull()
		expect(await db.certificate.count({ where: { personId: w.b.worker.person.id } })).toBe(0)
	})
})

describe('who sees a certificate', () => {
	it('the holder, the enterprise managers and principal, inspectors of the region; nobody else', async () => {
		await expect(getCertificate(actors.workerA!, valid.id)).resolves.toMatchObject({ id: valid.id, state: 'VALID' })
		await expect(getCertificate(actors.managerA!, valid.id)).resolves.toBeTruthy()
		await expect(getCertificate(actors.principalA!, valid.id)).resolves.toBeTruthy()
		await expect(getCertificate(actors.inspectorA!, valid.id)).resolves.toBeTruthy()
		for (const k of ['managerB', 'workerB', 'inspectorB']) await expect(getCertificate(actors[k]!, valid.id)).rejects.toBeInstanceOf(NotFoundError)
		// A colleague without a management role cannot open another worker's certificate.
		const colleague = await db.person.create({ data: { enterpriseId: w.a.enterprise.id, name: '同事', mobile: `135${String(process.pid).padStart(8, '0').slice(-8)}`, employmentType: 'EMPLOYEE' } })
		const u = await db.user.create({ data: { mobile: colleague.mobile, displayName: '同事', passwordHash: '', mustChangePassword: false, personId: colleague.id, roles: { create: [{ role: 'WORKER' }] } } })
		const { actor } = await actorFor(u.id)
		await expect(getCertificate(actor, valid.id)).rejects.toBeInstanceOf(NotFoundError)
	})

	it('the PDF route answers 404 for a foreign certificate and a download for the holder', async () => {
		const foreign = await call(pdfRoute.loader, { url: `/certificates/${valid.id}/pdf`, cookie: cookies.managerB, params: { certificateId: valid.id } })
		expect(foreign.status).toBe(404)
		const res = (await pdfRoute.loader({ request: new Request(`http://localhost/certificates/${valid.id}/pdf`, { headers: { cookie: cookies.workerA! } }), params: { certificateId: valid.id }, context: {} })) as Response
		expect(res.status).toBe(200)
		expect(res.headers.get('content-type')).toBe('application/pdf')
		const cd = res.headers.get('content-disposition')!
		expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''/)
		expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toContain(valid.serial)
		const bytes = new Uint8Array(await res.arrayBuffer())
		expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
		expect(Number(res.headers.get('content-length'))).toBe(bytes.length)
	})

	it('workers list their own certificates; managers list the enterprise’s by state', async () => {
		const mine = await listMyCertificates(actors.workerA!)
		expect(mine.map((c) => c.id)).toEqual([valid.id])
		const all = await listEnterpriseCertificates(actors.managerA as Actor & { enterpriseId: string }, {})
		expect(all.map((c) => c.id).sort()).toEqual([valid.id, revoked.id, expired.id].sort())
		expect((await listEnterpriseCertificates(actors.managerA as Actor & { enterpriseId: string }, { state: 'REVOKED' })).map((c) => c.id)).toEqual([revoked.id])
		expect((await listEnterpriseCertificates(actors.managerA as Actor & { enterpriseId: string }, { state: 'EXPIRED' })).map((c) => c.id)).toEqual([expired.id])
		expect(await listEnterpriseCertificates(actors.managerB as Actor & { enterpriseId: string }, {})).toEqual([])
	})
})

describe('revocation', () => {
	it('only the enterprise’s safety manager, with a reason; audit-logged; not twice', async () => {
		const cert = await db.certificate.findUniqueOrThrow({ where: { id: revoked.id } })
		expect(cert.status).toBe('REVOKED')
		expect(cert.revokedReason).toBe('代考，撤销')
		const ev = await db.auditEvent.findFirst({ where: { entityId: revoked.id, action: 'certificate.revoked' } })
		expect(ev?.actorUserId).toBe(w.a.manager.user.id)
		await expect(revokeCertificate(actors.managerA as Actor & { enterpriseId: string }, revoked.id, '再次')).rejects.toBeInstanceOf(RuleError)
		await expect(revokeCertificate(actors.managerB as Actor & { enterpriseId: string }, valid.id, '越权')).rejects.toBeInstanceOf(NotFoundError)
		await expect(revokeCertificate(actors.principalA as Actor & { enterpriseId: string }, valid.id, '负责人')).rejects.toBeInstanceOf(NotFoundError)
	})

	it('the form refuses an empty reason with a 400 and changes nothing; a worker gets 403', async () => {
		const bad = await call(detailRoute.action, { url: `/certificates/${valid.id}`, cookie: cookies.managerA, params: { certificateId: valid.id }, form: { reason: ' ' } })
		expect(bad.status).toBe(400)
		expect(JSON.stringify(bad.data)).toContain('certificates:reasonRequired')
		const worker = await call(detailRoute.action, { url: `/certificates/${valid.id}`, cookie: cookies.workerA, params: { certificateId: valid.id }, form: { reason: '我想撤销' } })
		expect(worker.status).toBe(403)
		expect((await db.certificate.findUniqueOrThrow({ where: { id: valid.id } })).status).toBe('VALID')
	})
})

describe('the certificate PDF', () => {
	for (const locale of ['zh-CN', 'en'] as const) {
		it(`renders in ${locale} with the holder, serial and a QR code that decodes to the verify URL`, async () => {
			const cert = await getCertificate(actors.workerA!, valid.id)
			const t = getFixedT(locale)
			const pdf = await renderCertificatePdf(cert, { locale, t, generatedAt: new Date('2026-11-28T10:00:00Z'), origin: 'https://anxun.example.cn' })
			const text = pdfText(pdf)
			expect(text).toContain(cert.holderName)
			expect(text).toContain(cert.serial)
			expect(text).toContain(cert.enterpriseName)
			expect(text).toContain(locale === 'en' ? 'Training Certificate' : '培训合格证书')
			// pdftotext drops the spaces between CJK and digits: "第1页/共1页".
			expect(text).toMatch(locale === 'en' ? /Page 1 of 1/ : /第\s*1\s*页\s*\/\s*共\s*1\s*页/)
			// Generated-at in Shanghai time: 10:00 UTC is 18:00 in Beijing.
			expect(text).toContain('18:00')
			// The ID number is masked on the certificate.
			expect(text).not.toMatch(/\d{17}[\dX]/)
			const [page, ...rest] = renderPages(pdf, 150)
			expect(rest).toHaveLength(0)
			expect(inkRatio(page!)).toBeGreaterThan(0.01)
			// The title band is really drawn (glyph outlines survived subsetting), not just extractable.
			expect(inkIn(page!, { x: 0.25, y: 0.12, w: 0.5, h: 0.06 })).toBeGreaterThan(0.02)
			expect(decodeQr(page!)).toBe(`https://anxun.example.cn/verify/${valid.verifyCode}`)
		})
	}

	it('a revoked certificate carries the revoked stamp', async () => {
		const cert = await getCertificate(actors.managerA!, revoked.id)
		const pdf = await renderCertificatePdf(cert, { locale: 'zh-CN', t: getFixedT('zh-CN'), generatedAt: new Date(), origin: 'http://localhost' })
		expect(pdfText(pdf).match(/已撤销/g)?.length).toBeGreaterThanOrEqual(2)
	})
})

describe('the public verify page', () => {
	/** The loader as the server calls it, with the client address the throttle keys on. */
	async function verify(code: string, ip: string) {
		const out = (await verifyRoute.loader({ request: new Request(`http://localhost/verify/${code}`), params: { code }, context: { clientIp: ip } })) as unknown as {
			data: Record<string, unknown>
			init: { status?: number; headers?: Record<string, string> } | null
		}
		return { status: out.init?.status ?? 200, data: out.data, headers: out.init?.headers ?? {} }
	}
	let n = 0
	const ip = () => `192.0.2.${(process.pid + ++n) % 250}`

	it('a valid certificate: status and masked details, nothing personal', async () => {
		const r = await verify(valid.verifyCode, ip())
		expect(r.status).toBe(200)
		expect(r.data.result).toBe('VALID')
		const c = r.data.certificate as Record<string, unknown>
		expect(c.holder).toBe('张*明')
		expect(c.serial).toBe(valid.serial)
		expect(JSON.stringify(r.data)).not.toMatch(/idCard|mobile|141122|代考/)
		expect(r.headers['Cache-Control']).toBe('no-store')
	})

	it('codes are case-insensitive', async () => {
		expect((await verify(valid.verifyCode.toUpperCase(), ip())).data.result).toBe('VALID')
	})

	it('expired and revoked certificates say so (no revocation reason leaks)', async () => {
		const e = await verify(expired.verifyCode, ip())
		expect(e.status).toBe(200)
		expect(e.data.result).toBe('EXPIRED')
		const r = await verify(revoked.verifyCode, ip())
		expect(r.data.result).toBe('REVOKED')
		expect((r.data.certificate as Record<string, unknown>).revokedOn).toBeTruthy()
		expect(JSON.stringify(r.data)).not.toContain('代考')
	})

	it('an unknown code and a malformed one give exactly the same response', async () => {
		const unknownCode = 'a'.repeat(31) + 'b'
		const a = await verify(unknownCode, ip())
		const b = await verify('not-a-code', ip())
		const c = await verify(valid.verifyCode.slice(0, -1) + (valid.verifyCode.endsWith('a') ? 'b' : 'a'), ip())
		expect(a).toEqual(b)
		expect(a).toEqual(c)
		expect(a.status).toBe(404)
		expect(a.data).toEqual({ result: 'NOT_FOUND' })
	})

	it('repeated misses from one client are refused with 429 for the rest of the window, other clients are not', async () => {
		const me = '198.51.100.7'
		for (let i = 0; i < VERIFY_MISS_LIMIT; i++) expect((await verify(`${'b'.repeat(31)}${i % 8 + 2}`, me)).status).toBe(404)
		const blocked = await verify(valid.verifyCode, me)
		expect(blocked.status).toBe(429)
		expect(blocked.data.result).toBe('THROTTLED')
		expect(Number(blocked.headers['Retry-After'])).toBeGreaterThan(0)
		expect(Number(blocked.headers['Retry-After'])).toBeLessThanOrEqual(VERIFY_WINDOW_MS / 1000)
		expect((await verify(valid.verifyCode, '198.51.100.8')).status).toBe(200)
		// After the window the client may look up again.
		const later = await verifyCertificate(valid.verifyCode, me, new Date(Date.now() + VERIFY_WINDOW_MS + 1000))
		expect(later.kind).toBe('hit')
	})

	it('the certificate detail page shows the QR for the verify URL of the request origin', async () => {
		const r = await call(detailRoute.loader, { url: `/certificates/${valid.id}`, cookie: cookies.workerA, params: { certificateId: valid.id } })
		expect(r.status).toBe(200)
		expect((r.data as { verifyUrl: string }).verifyUrl).toBe(`http://localhost/verify/${valid.verifyCode}`)
		expect((r.data as { canRevoke: boolean }).canRevoke).toBe(false)
		const m = await call(detailRoute.loader, { url: `/certificates/${valid.id}`, cookie: cookies.managerA, params: { certificateId: valid.id } })
		expect((m.data as { canRevoke: boolean }).canRevoke).toBe(true)
	})
})
