/**
 * The archive (一人一档), the enterprise ZIP export, the inspection record and the drill record:
 * rendered for real, text checked with pdftotext and pages rendered with pdftoppm.
 */
import fs from 'node:fs'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getArchive, loadArchive } from '~/domain/archive.server.ts'
import { ensureDefaultBlueprints } from '~/domain/exam/blueprints.server.ts'
import { saveAnswer, submitAttempt } from '~/domain/exam/attempts.server.ts'
import { toDisplayKeys } from '~/domain/exam/paper.ts'
import type { PaperItem } from '~/domain/exam/types.ts'
import { uploadRoot } from '~/domain/drills.server.ts'
import { createInspection, drawForInspection, findByToken, openByCode } from '~/domain/inspections.server.ts'
import { renderArchivePdf } from '~/domain/pdf/archive-pdf.server.ts'
import type { Actor } from '~/domain/policy.ts'
import { NotFoundError } from '~/domain/roster.server.ts'
import * as archiveRoute from '~/routes/roster.$personId.archive.ts'
import * as zipRoute from '~/routes/archives.$enterpriseId.ts'
import * as drillPdfRoute from '~/routes/drills.$drillId.pdf.ts'
import * as inspectionPdfRoute from '~/routes/inspections.$inspectionId.pdf.ts'
import { getActor } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import { getFixedT } from '~/utils/i18n.server.ts'
import { passCourseExam } from '../../scripts/lib/demo-certificates.ts'
import { ensureShippedShapeBank } from '../support/exam-fixtures.ts'
import { inkRatio, pdfInfo, pdfText, renderPages } from '../support/pdf.ts'
import { call, cookieFor, makeWorld, validIdCard } from '../support/world.ts'

let w: Awaited<ReturnType<typeof makeWorld>>
const c: Record<string, string> = {}
const a: Record<string, Actor> = {}
const photoDir = path.join(uploadRoot(), `test-records-${process.pid}`)

async function fetchRoute(fn: (args: never) => unknown, url: string, cookie: string | undefined, params: Record<string, string>): Promise<Response> {
	try {
		return (await fn({ request: new Request(`http://localhost${url}`, { headers: cookie ? { cookie } : {} }), params, context: {} } as never)) as Response
	} catch (e) {
		if (e instanceof Response) return e
		throw e
	}
}

beforeAll(async () => {
	await ensureShippedShapeBank(db)
	await ensureDefaultBlueprints()
	w = await makeWorld()
	for (const [k, id] of Object.entries({
		managerA: w.a.manager.user.id,
		principalA: w.a.principal.user.id,
		workerA: w.a.worker.user.id,
		managerB: w.b.manager.user.id,
		inspectorA: w.inspectorA.user.id,
		inspectorB: w.inspectorB.user.id,
	})) {
		c[k] = await cookieFor(id)
		a[k] = (await getActor(new Request('http://localhost/', { headers: { cookie: c[k]! } })))!
	}
	// A long record for the worker: hired years ago, classroom sessions, violations, a case, credentials, certificates.
	const wk = w.a.worker.person
	await db.person.update({ where: { id: wk.id }, data: { name: '刘海波', hireDate: '2019-03-01', idCard: validIdCard('14112219850301001'), post: '硝化工艺操作工' } })
	for (let i = 0; i < 28; i++) {
		const startsAt = new Date(Date.UTC(2020 + (i % 7), i % 12, 3, 1, 0))
		const s = await db.classroomSession.create({
			data: { enterpriseId: w.a.enterprise.id, topic: `硝化工艺安全操作规程（第 ${i + 1} 讲）：开停车、紧急停车与联锁投用`, trainer: '韩立新', place: '综合楼三楼培训室', startsAt, endsAt: new Date(startsAt.getTime() + 4 * 3600_000), minutes: 240, offJob: i % 5 === 0, createdByUserId: w.a.manager.user.id },
		})
		await db.attendance.create({ data: { sessionId: s.id, personId: wk.id, method: i % 2 ? 'QR' : 'MANUAL', at: startsAt } })
	}
	for (let i = 0; i < 4; i++) {
		const v = await db.violation.create({
			data: { enterpriseId: w.a.enterprise.id, personId: wk.id, type: ['OPERATION', 'DISCIPLINE', 'OPERATION', 'COMMAND'][i]!, occurredAt: new Date(Date.UTC(2024, i * 2, 10, 2)), place: '硝化车间二楼', description: '未按规定佩戴防护面罩进入加料区，且未执行加料前的双人确认。', foundBy: '韩立新', recordedByUserId: w.a.manager.user.id },
		})
		if (i === 0) {
			const kase = await db.retrainingCase.create({ data: { enterpriseId: w.a.enterprise.id, personId: wk.id, trigger: 'VIOLATION', state: 'CLEARED', sourceType: 'Violation', sourceId: v.id, requiredMinutes: 480, openedAt: new Date(Date.UTC(2024, 0, 11)), clearedAt: new Date(Date.UTC(2024, 0, 25)) } })
			await db.violation.update({ where: { id: v.id }, data: { caseId: kase.id } })
		}
	}
	await db.credential.create({ data: { enterpriseId: w.a.enterprise.id, personId: wk.id, type: 'HC_NITRATION', number: '141122198503010011', issuer: '吕梁市应急管理局', issueDate: '2022-05-10', expiryDate: '2028-05-09', nextReviewDate: '2025-05-10' } })
	await passCourseExam({ personId: wk.id, packId: 'three-violations', at: new Date(Date.now() - 30 * 86_400_000) })
	await passCourseExam({ personId: wk.id, packId: 'evacuation-self-rescue', at: new Date(Date.now() - 10 * 86_400_000) })
})

afterAll(() => fs.rmSync(photoDir, { recursive: true, force: true }))

describe('一人一档 archive', () => {
	it('gathers every section from the models', async () => {
		const archive = await loadArchive(w.a.worker.person.id, new Date())
		expect(archive.person.idCardMasked).toMatch(/^141\*+\d{4}$/)
		expect(archive.classroom).toHaveLength(28)
		expect(archive.violations).toHaveLength(4)
		expect(archive.cases).toHaveLength(1)
		expect(archive.certificates).toHaveLength(2)
		expect(archive.attempts.filter((x) => x.purpose === 'COURSE' && x.passed)).toHaveLength(2)
		expect(archive.assignments).toHaveLength(2)
		expect(archive.credentials[0]?.status.state).toBe('REVIEW_OVERDUE')
		// One row per year from the hire year, with classroom hours where sessions were.
		const y2020 = archive.years.find((y) => y.year === 2020)!
		expect(archive.years[0]?.year).toBe(2019)
		expect(y2020.classroomSeconds).toBe(4 * 240 * 60)
		expect(y2020.requirement.hours).toBe(20)
		expect(archive.years[0]?.requirement).toMatchObject({ kind: 'ONBOARDING', hours: 72 })
	})

	for (const locale of ['zh-CN', 'en'] as const) {
		it(`renders several pages in ${locale}, each with page numbers, and the content is drawn`, async () => {
			const archive = await loadArchive(w.a.worker.person.id, new Date('2026-11-28T04:00:00Z'))
			const pdf = await renderArchivePdf(archive, { locale, t: getFixedT(locale), generatedAt: new Date('2026-11-28T04:00:00Z') })
			const pages = Number(pdfInfo(pdf).Pages)
			expect(pages).toBeGreaterThanOrEqual(3)
			const text = pdfText(pdf)
			const zh = locale === 'zh-CN'
			for (const s of zh
				? ['一人一档', '基本信息', '年度培训学时', '课堂培训签到', '考试记录', '“三违”记录', '脱产再培训', '硝化工艺作业', '培训合格证书', '本人签字', '甲化工']
				: ['Personal safety-training file', 'Training hours per year', 'Classroom sessions', 'Nitration process', 'Training certificates', 'Enterprise seal'])
				expect(text, s).toContain(s)
			expect(text).toContain('刘海波')
			expect(text).toContain('开停车')
			expect(text).not.toMatch(/\d{17}[\dX]/)
			for (let p = 1; p <= pages; p++) expect(text).toMatch(zh ? new RegExp(`第\\s*${p}\\s*页\\s*/\\s*共\\s*${pages}\\s*页`) : new RegExp(`Page ${p} of ${pages}`))
			expect(text).toContain(zh ? '2026-11-28 12:00' : '28 Nov 2026, 12:00')
			const rendered = renderPages(pdf, 50)
			expect(rendered).toHaveLength(pages)
			for (const page of rendered) expect(inkRatio(page)).toBeGreaterThan(0.005)
		})
	}

	it('who may download it: managers and principal of the enterprise, region inspectors, the person; others 404', async () => {
		const id = w.a.worker.person.id
		for (const k of ['managerA', 'principalA', 'inspectorA', 'workerA']) await expect(getArchive(a[k]!, id)).resolves.toBeTruthy()
		for (const k of ['managerB', 'inspectorB']) await expect(getArchive(a[k]!, id)).rejects.toBeInstanceOf(NotFoundError)
		await expect(getArchive(a.workerA!, w.a.manager.person.id)).rejects.toBeInstanceOf(NotFoundError)
		const res = await fetchRoute(archiveRoute.loader as never, `/roster/${id}/archive`, c.managerA, { personId: id })
		expect(res.status).toBe(200)
		expect(res.headers.get('content-type')).toBe('application/pdf')
		expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/^一人一档-刘海波-\d{4}-\d{2}-\d{2}\.pdf$/)
		expect((await fetchRoute(archiveRoute.loader as never, `/roster/${id}/archive`, c.managerB, { personId: id })).status).toBe(404)
		expect((await fetchRoute(archiveRoute.loader as never, `/roster/${id}/archive`, undefined, { personId: id })).status).toBe(302)
	})

	it('the enterprise export streams a ZIP with one archive PDF per current person', async () => {
		const res = await fetchRoute(zipRoute.loader as never, `/archives/${w.a.enterprise.id}`, c.managerA, { enterpriseId: w.a.enterprise.id })
		expect(res.status).toBe(200)
		expect(res.headers.get('content-type')).toBe('application/zip')
		expect(res.headers.get('content-length')).toBeNull()
		expect(res.body).toBeInstanceOf(ReadableStream)
		const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
		const names = Object.keys(files)
		const current = await db.person.count({ where: { enterpriseId: w.a.enterprise.id, dutyStatus: { not: 'LEFT' } } })
		expect(names).toHaveLength(current)
		expect(names.some((n) => n.endsWith('-刘海波.pdf'))).toBe(true)
		expect(names.every((n) => /^\d+-.*\.pdf$/.test(n))).toBe(true)
		for (const data of Object.values(files)) expect(Buffer.from(data.subarray(0, 5)).toString()).toBe('%PDF-')
		const one = Object.entries(files).find(([n]) => n.endsWith('-刘海波.pdf'))![1]
		expect(pdfText(one)).toContain('刘海波')
	})

	it('the export is refused to other tenants and to workers, and available to the region inspector', async () => {
		expect((await fetchRoute(zipRoute.loader as never, `/archives/${w.a.enterprise.id}`, c.managerB, { enterpriseId: w.a.enterprise.id })).status).toBe(404)
		expect((await fetchRoute(zipRoute.loader as never, `/archives/${w.a.enterprise.id}`, c.workerA, { enterpriseId: w.a.enterprise.id })).status).toBe(404)
		expect((await fetchRoute(zipRoute.loader as never, `/archives/${w.a.enterprise.id}`, c.inspectorB, { enterpriseId: w.a.enterprise.id })).status).toBe(404)
		const ok = await fetchRoute(zipRoute.loader as never, `/archives/${w.a.enterprise.id}`, c.inspectorA, { enterpriseId: w.a.enterprise.id })
		expect(ok.status).toBe(200)
		await ok.body?.cancel()
	})
})

describe('drill record PDF', () => {
	let drillId: string
	beforeAll(async () => {
		const alarm = new Date('2026-09-15T01:30:00Z')
		const d = await db.drill.create({
			data: {
				enterpriseId: w.a.enterprise.id,
				areaId: w.a.area.id,
				kind: 'EVACUATION',
				form: 'LIVE',
				scope: 'SINGLE',
				status: 'CLOSED',
				plannedDate: '2026-09-15',
				purpose: '检验疏散预案和疏散路线',
				scenarioEvent: '硝化车间二楼加料区起火',
				scenarioPlace: '生产区一',
				organiserId: w.a.manager.person.id,
				evaluatorId: w.a.principal.person.id,
				alarmAt: alarm,
				clearedAt: new Date(alarm.getTime() + 168_000),
				assembledAt: new Date(alarm.getTime() + 255_000),
				endedAt: new Date(alarm.getTime() + 1500_000),
				headcountExpected: 22,
				headcountAccounted: 21,
				problems: '疏散指示标志被展板遮挡。',
				causes: '展板摆放未考虑疏散标志。',
				lessons: '警报后立即撤离。',
				improvements: '移走展板，补充应急照明。',
				signedOffAt: new Date('2026-09-17T01:30:00Z'),
				signedOffByName: '负责人1',
			},
		})
		drillId = d.id
		await db.drillMissingPerson.create({ data: { drillId, personId: w.a.worker.person.id, note: '在更衣室未听到警报' } })
		await db.drillNote.create({ data: { drillId, at: new Date(alarm.getTime() + 60_000), text: '三号楼梯门被杂物堵住' } })
		await db.correctiveAction.create({ data: { drillId, enterpriseId: w.a.enterprise.id, description: '清理三号楼梯杂物并设禁放标识', ownerId: w.a.manager.person.id, dueDate: '2026-09-30', status: 'DONE', doneAt: new Date('2026-09-22T09:00:00Z') } })
		fs.mkdirSync(photoDir, { recursive: true })
		const png = new PNG({ width: 160, height: 100 })
		for (let i = 0; i < png.data.length; i += 4) png.data.set([20, 90, 170, 255], i)
		fs.writeFileSync(path.join(photoDir, 'assembly.png'), PNG.sync.write(png))
		const key = `${path.basename(photoDir)}/assembly.png`
		await db.drillPhoto.create({ data: { drillId, enterpriseId: w.a.enterprise.id, storageKey: key, mime: 'image/png', bytes: 1, sha256: 'x', caption: '集合点清点' } })
		await db.drillPhoto.create({ data: { drillId, enterpriseId: w.a.enterprise.id, storageKey: `${path.basename(photoDir)}/missing.webp`, mime: 'image/webp', bytes: 1, sha256: 'y', caption: '无法嵌入的照片' } })
	})

	it('renders the plan, run, evaluation, corrective actions, photos and signatures', async () => {
		const res = await fetchRoute(drillPdfRoute.loader as never, `/drills/${drillId}/pdf`, c.managerA, { drillId })
		expect(res.status).toBe(200)
		expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('演练记录-生产区一-2026-09-15.pdf')
		const pdf = new Uint8Array(await res.arrayBuffer())
		const text = pdfText(pdf)
		for (const s of ['应急演练记录', '硝化车间二楼加料区起火', '2:48', '4:15', '应到 22 人，实到 21 人', '在更衣室未听到警报', '三号楼梯门被杂物堵住', '疏散指示标志被展板遮挡', '清理三号楼梯杂物并设禁放标识', '集合点清点', '无法嵌入的照片', '评估人签字', '负责人1'])
			expect(text, s).toContain(s)
		const pages = renderPages(pdf, 60)
		expect(pages.length).toBeGreaterThanOrEqual(1)
		// The embedded photo is drawn: some page holds a block of its blue.
		const blue = pages.some((p) => {
			for (let i = 0; i < p.data.length; i += 4) if (p.data[i]! < 40 && p.data[i + 1]! > 70 && p.data[i + 1]! < 110 && p.data[i + 2]! > 150) return true
			return false
		})
		expect(blue).toBe(true)
	})

	it('is refused to another enterprise (404)', async () => {
		expect((await fetchRoute(drillPdfRoute.loader as never, `/drills/${drillId}/pdf`, c.managerB, { drillId })).status).toBe(404)
	})
})

describe('inspection record PDF', () => {
	let inspectionId: string
	beforeAll(async () => {
		const ins = await createInspection(a.inspectorA!, { enterpriseId: w.a.enterprise.id, date: '2026-11-20', method: 'FOUR_NO_TWO_STRAIGHT', team: '张三、李四', notes: '' })
		inspectionId = ins.id
		await drawForInspection(a.inspectorA!, ins.id, { count: 1, departmentId: null, post: null })
		const examinees = await db.spotCheckExaminee.findMany({ where: { inspectionId: ins.id }, orderBy: { ord: 'asc' } })
		for (const [n, e] of examinees.entries()) {
			const opened = await openByCode((await findByToken(e.token))!, null)
			const attempt = await db.examAttempt.findUniqueOrThrow({ where: { id: opened.attemptId } })
			const paper = JSON.parse(attempt.paper) as PaperItem[]
			const qs = await db.question.findMany({ where: { id: { in: paper.map((p) => p.q) } } })
			const ans = new Map(qs.map((q) => [q.id, JSON.parse(q.answer) as string[]]))
			const pass = n !== 0 // the first examinee (the principal) fails
			for (const [i, item] of paper.entries()) {
				const right = toDisplayKeys(item, ans.get(item.q)!)
				const wrong = item.t === 'TRUEFALSE' ? [right[0] === 'T' ? 'F' : 'T'] : [['A', 'B', 'C', 'D'].find((k) => !right.includes(k))!]
				await saveAnswer({ attemptId: attempt.id, personId: e.personId, position: i, choice: pass ? right : wrong })
			}
			await submitAttempt({ attemptId: attempt.id, personId: e.personId, now: new Date(Date.now() + 15 * 60_000) })
		}
	})

	it('lists examinees with scores, results and the retraining each fail opened', async () => {
		const res = await fetchRoute(inspectionPdfRoute.loader as never, `/inspections/${inspectionId}/pdf`, c.inspectorA, { inspectionId })
		expect(res.status).toBe(200)
		const pdf = new Uint8Array(await res.arrayBuffer())
		const text = pdfText(pdf)
		for (const s of ['逢查必考', '甲化工', '四不两直', '张三、李四', '甲县检查员', '负责人1', '安全员1', '合格', '不合格', '已立案停岗', '重大事故隐患提示', '检查人员签字'])
			expect(text, s).toContain(s)
		const examinees = await db.spotCheckExaminee.findMany({ where: { inspectionId } })
		expect(examinees.filter((e) => e.status === 'FAILED')).toHaveLength(1)
		expect(text).toMatch(/应考\s*\d+\s*人/)
		for (const page of renderPages(pdf, 50)) expect(inkRatio(page)).toBeGreaterThan(0.005)
	})

	it('in English too', async () => {
		const req = new Request(`http://localhost/inspections/${inspectionId}/pdf`, { headers: { cookie: c.inspectorA!, 'accept-language': 'en' } })
		const res = (await inspectionPdfRoute.loader({ request: req, params: { inspectionId }, context: {} } as never)) as Response
		const text = pdfText(new Uint8Array(await res.arrayBuffer()))
		expect(text).toContain('Inspection spot-check record')
		expect(text).toContain('Page 1 of')
	})

	it('is refused to another region’s inspector and to the enterprise (404 / 403)', async () => {
		const other = await fetchRoute(inspectionPdfRoute.loader as never, `/inspections/${inspectionId}/pdf`, c.inspectorB, { inspectionId })
		expect([403, 404]).toContain(other.status)
		const mgr = await fetchRoute(inspectionPdfRoute.loader as never, `/inspections/${inspectionId}/pdf`, c.managerA, { inspectionId })
		expect([403, 404]).toContain(mgr.status)
	})
})
