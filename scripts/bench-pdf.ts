/**
 * npm run bench:pdf — how long one certificate and one 10-page 一人一档 archive take to render
 * and how large they are. Not a test: it prints figures. Data are synthetic (no database), so
 * the numbers are the PDF engine's own: font subsetting, layout, QR, compression.
 *
 *   npm run bench:pdf [-- --runs 20] [-- --out /tmp]   (--out also writes the two PDFs)
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { PDFDocument } from 'pdf-lib'
import type { ArchiveData } from '../app/domain/archive.server.ts'
import { certificateState } from '../app/domain/certificates.ts'
import { credentialStatus } from '../app/domain/credentials.ts'
import { requirementFor, DEFAULT_HOUR_RULE } from '../app/domain/learning/hours.ts'
import { renderArchivePdf } from '../app/domain/pdf/archive-pdf.server.ts'
import { renderCertificatePdf, type CertificateForPdf } from '../app/domain/pdf/certificate-pdf.server.ts'
import { scriptT } from './lib/node-i18n.ts'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, out: { type: 'string' } } })
const RUNS = Math.max(1, Number(values.runs))

const now = new Date('2026-11-28T04:00:00Z')
const certificate: CertificateForPdf = {
	serial: 'AX-2026-000123',
	verifyCode: 'k3j5q2m7x4w6y8z2a3b4c5d6e7f2g3h4',
	holderName: '刘海波',
	enterpriseName: '吕梁晋安精细化工有限公司',
	hours: 12,
	score: 92,
	issuedAt: new Date('2026-11-20T02:00:00Z'),
	validUntil: '2029-11-19',
	state: 'VALID',
	revokedAt: null,
	person: { idCard: '141122198503010011' },
	packVersion: { titleZh: '危险化学品企业特殊作业安全（GB 30871-2022）', titleEn: 'Special operations in hazardous-chemical enterprises', declaredVersion: 2, edition: 'GB 30871-2022' },
}

/** A worker with `n` classroom sessions (plus a few of everything else). */
function archive(n: number): ArchiveData {
	const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day, 2))
	const years = Array.from({ length: 8 }, (_, i) => 2019 + i).map((year) => ({
		year,
		onlineSeconds: 14 * 3600,
		classroomSeconds: 8 * 3600,
		offJobSeconds: 4 * 3600,
		totalSeconds: 22 * 3600,
		requirement: requirementFor(DEFAULT_HOUR_RULE, { managerial: false, hireDate: '2019-03-01' }, year),
	}))
	const pack = { titleZh: '危险化学品企业特殊作业安全', titleEn: 'Special operations', declaredVersion: 2 }
	return {
		generatedFor: '2026-11-28',
		enterprise: { id: 'e', name: '吕梁晋安精细化工有限公司', uscc: '91141122MA0K8JXN1X' },
		person: { id: 'p', name: '刘海波', idCardMasked: '141***********0011', mobileMasked: '139****0013', employmentType: 'EMPLOYEE', contractor: null, department: '硝化车间', post: '硝化工艺操作工', hireDate: '2019-03-01', dutyStatus: 'ON_POST', leftAt: null, roles: ['WORKER'] },
		years,
		assignments: Array.from({ length: 12 }, (_, i) => ({ reason: i ? 'ANNUAL' : 'ONBOARDING', dueDate: `${2019 + (i % 8)}-06-30`, status: 'COMPLETED', createdAt: d(2019 + (i % 8), 3, 1), completedAt: d(2019 + (i % 8), 5, 20), packVersion: pack })),
		classroom: Array.from({ length: n }, (_, i) => ({
			method: i % 2 ? 'QR' : 'MANUAL',
			session: { topic: `硝化工艺安全操作规程（第 ${i + 1} 讲）：开停车、紧急停车与联锁投用`, trainer: '韩立新', place: '综合楼三楼培训室', startsAt: d(2019 + (i % 8), (i % 12) + 1, 3), minutes: 240, offJob: i % 5 === 0 },
		})),
		attempts: Array.from({ length: 10 }, (_, i) => ({ purpose: i % 3 ? 'COURSE' : 'SPOT_CHECK', startedAt: d(2019 + (i % 8), 6, 1), submittedAt: d(2019 + (i % 8), 6, 1), score: 80 + i, maxScore: 100, passed: true, status: 'SUBMITTED', blueprint: { nameZh: '课程结业考试', nameEn: 'Course exam' } })),
		spotChecks: [],
		certificates: Array.from({ length: 4 }, (_, i) => ({ id: `c${i}`, serial: `AX-202${3 + i}-00001${i}`, hours: 12, issuedAt: d(2023 + i, 6, 2), validUntil: `${2026 + i}-06-01`, status: 'VALID', state: certificateState({ status: 'VALID', validUntil: `${2026 + i}-06-01` }, '2026-11-28'), packVersion: pack })),
		credentials: [{ type: 'HC_NITRATION', number: '141122198503010011', issuer: '吕梁市应急管理局', issueDate: '2022-05-10', expiryDate: '2028-05-09', nextReviewDate: '2025-05-10', status: credentialStatus({ expiryDate: '2028-05-09', nextReviewDate: '2025-05-10' }, '2026-11-28') }],
		violations: Array.from({ length: 3 }, (_, i) => ({ occurredAt: d(2024, i * 3 + 1, 10), type: 'OPERATION', place: '硝化车间二楼', description: '未按规定佩戴防护面罩进入加料区，且未执行加料前的双人确认。', area: { name: '硝化车间' } })),
		cases: [{ openedAt: d(2024, 1, 11), trigger: 'VIOLATION', requiredMinutes: 480, state: 'CLEARED', clearedAt: d(2024, 1, 25), escalatedAt: null }],
	} as unknown as ArchiveData
}

async function pages(pdf: Uint8Array) {
	return (await PDFDocument.load(pdf)).getPageCount()
}

function stats(ms: number[]) {
	const s = [...ms].sort((a, b) => a - b)
	return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s[s.length - 1]! }
}

async function time(fn: () => Promise<Uint8Array>) {
	const t0 = performance.now()
	const out = await fn()
	return { ms: performance.now() - t0, out }
}

const fmt = (n: number) => n.toFixed(1).padStart(7)
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

const t = await scriptT('zh-CN')
const opts = { locale: 'zh-CN' as const, t, generatedAt: now }

// First of all, so that it includes reading and parsing the font.
const cold = await time(() => renderCertificatePdf(certificate, { ...opts, origin: 'https://anxun.example.cn' }))

// Find the classroom-row count that fills exactly ten pages.
let rows = 60
let data = archive(rows)
for (;;) {
	const n = await pages(await renderArchivePdf(data, opts))
	if (n === 10) break
	rows += n < 10 ? 8 : -3
	data = archive(rows)
}

const certRuns: number[] = []
let cert = cold.out
for (let i = 0; i < RUNS; i++) {
	const r = await time(() => renderCertificatePdf(certificate, { ...opts, origin: 'https://anxun.example.cn' }))
	certRuns.push(r.ms)
	cert = r.out
}
const archRuns: number[] = []
let arch: Uint8Array = new Uint8Array()
for (let i = 0; i < RUNS; i++) {
	const r = await time(() => renderArchivePdf(data, opts))
	archRuns.push(r.ms)
	arch = r.out
}

const c = stats(certRuns)
const a = stats(archRuns)
console.log(`PDF benchmark (${RUNS} runs each, Node ${process.version}, ${process.arch}; warm = font already parsed)`)
console.log(`                          median      min      max     size   pages`)
console.log(`certificate (1 page)     ${fmt(c.median)} ms ${fmt(c.min)} ${fmt(c.max)}  ${kb(cert.length).padStart(8)}   ${await pages(cert)}`)
console.log(`archive (${String(rows).padStart(3)} sessions) ${fmt(a.median)} ms ${fmt(a.min)} ${fmt(a.max)}  ${kb(arch.length).padStart(8)}   ${await pages(arch)}`)
console.log(`first certificate in a fresh process (font read + parse + render): ${cold.ms.toFixed(0)} ms`)
if (values.out) {
	fs.writeFileSync(path.join(values.out, 'bench-certificate.pdf'), cert)
	fs.writeFileSync(path.join(values.out, 'bench-archive.pdf'), arch)
	console.log(`wrote ${path.join(values.out, 'bench-certificate.pdf')} and bench-archive.pdf`)
}
