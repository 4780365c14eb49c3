/**
 * Two tenants (enterprise A in a park of county A, enterprise B in county B) with every role,
 * course content, exam blueprints, and a factory per kind of id a route can take — in the URL
 * (`:personId`) or in a form (`personId`, `ownerId`, …). The bad-input sweep and the
 * tenant-isolation matrix build real rows with these factories; a route param or form id field
 * without a factory fails those tests, so a new route must be added here.
 *
 * Set UPLOAD_DIR before importing this module (drill photos are written to disk).
 */
import { randomBytes } from 'node:crypto'
import { PNG } from 'pngjs'
import { createInspection, drawForInspection } from '~/domain/inspections.server.ts'
import { addPhoto, planDrill } from '~/domain/drills.server.ts'
import { createCredential } from '~/domain/credentials.server.ts'
import { CREDENTIAL_TYPE_CODES } from '~/domain/credentials.ts'
import { startAttempt } from '~/domain/exam/attempts.server.ts'
import { ensureDefaultBlueprints } from '~/domain/exam/blueprints.server.ts'
import { createClassroomSession, openSignIn } from '~/domain/learning/classroom.server.ts'
import { openLesson } from '~/domain/learning/study.server.ts'
import type { Actor } from '~/domain/policy.ts'
import type { EnterpriseActor } from '~/domain/roster.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { recordViolation } from '~/domain/violations.server.ts'
import { getActor } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import { passCourseExam } from '../../scripts/lib/demo-certificates.ts'
import { createPack, ensureShippedShapeBank } from './exam-fixtures.ts'
import { cookieFor, makeWorld } from './world.ts'

export type World = Awaited<ReturnType<typeof makeWorld>>
export type Side = 'A' | 'B'

export const ROLE_NAMES = ['workerA', 'principalA', 'managerA', 'inspectorA', 'regulatorA', 'admin', 'anonymous'] as const
export type RoleName = (typeof ROLE_NAMES)[number]

const rand = () => randomBytes(3).toString('hex')
let seq = 0
export function uniqueMobile(): string {
	seq++
	return `137${String(process.pid % 1000).padStart(3, '0')}${String(seq % 100000).padStart(5, '0')}`
}
export const today = () => shanghaiDate(new Date())
export function addDaysIso(date: string, n: number): string {
	const d = new Date(`${date}T00:00:00Z`)
	d.setUTCDate(d.getUTCDate() + n)
	return d.toISOString().slice(0, 10)
}

export type Tenants = Awaited<ReturnType<typeof buildTenants>>

async function actorOf(userId: string): Promise<Actor> {
	const cookie = await cookieFor(userId)
	const a = await getActor(new Request('http://localhost/', { headers: { cookie } }))
	if (!a) throw new Error('no actor')
	return a
}

/** The world, extra bureau users, content (a course pack with lessons and questions), blueprints. */
export async function buildTenants() {
	await ensureShippedShapeBank(db)
	await ensureDefaultBlueprints()
	const w = await makeWorld()
	const hashOf = await db.user.findUniqueOrThrow({ where: { id: w.admin.user.id }, select: { passwordHash: true } })
	async function bureau(role: string, regionId: string) {
		const mobile = uniqueMobile()
		const user = await db.user.create({ data: { mobile, displayName: `${role}-${rand()}`, passwordHash: hashOf.passwordHash, mustChangePassword: false, regionId, roles: { create: [{ role }] } } })
		return { user, mobile }
	}
	const regulatorA = await bureau('REGULATOR', w.countyA.id)
	const regulatorB = await bureau('REGULATOR', w.countyB.id)
	// A course pack (lessons + questions) for assignments, lessons, practice and certificates.
	const packId = `sweep-${process.pid}-${rand()}`
	const types = ['SINGLE', 'SINGLE', 'SINGLE', 'MULTIPLE', 'TRUEFALSE'] as const
	const packVersionId = await createPack(db, { id: packId, series: packId }, Array.from({ length: 30 }, (_, i) => ({ key: `${packId}-q${i}`, type: types[i % types.length]! })))
	for (const [i, key] of ['l1', 'l2'].entries()) {
		await db.lesson.create({ data: { packVersionId, key, ord: i + 1, titleZh: `第${i + 1}课`, titleEn: `Lesson ${i + 1}`, minutes: 5, body: `## 第${i + 1}课\n\n正文。` } })
	}
	const certPackId = `${packId}-cert`
	await createPack(db, { id: certPackId, series: certPackId }, Array.from({ length: 30 }, (_, i) => ({ key: `${certPackId}-q${i}`, type: types[i % types.length]! })))
	// Every enterprise needs on-post workers for a draw.
	for (const e of [w.a, w.b]) {
		for (let i = 0; i < 3; i++) {
			const mobile = uniqueMobile()
			const p = await db.person.create({ data: { enterpriseId: e.enterprise.id, name: `员工${rand()}`, mobile, employmentType: 'EMPLOYEE', departmentId: e.dept.id, post: '操作工' } })
			await db.user.create({ data: { mobile, displayName: p.name, passwordHash: '', mustChangePassword: false, personId: p.id, roles: { create: [{ role: 'WORKER' }] } } })
		}
	}
	const contractorA = await db.contractorCompany.create({ data: { enterpriseId: w.a.enterprise.id, name: `承包商甲${rand()}` } })
	const contractorB = await db.contractorCompany.create({ data: { enterpriseId: w.b.enterprise.id, name: `承包商乙${rand()}` } })
	const actors = {
		managerA: (await actorOf(w.a.manager.user.id)) as EnterpriseActor,
		managerB: (await actorOf(w.b.manager.user.id)) as EnterpriseActor,
		inspectorA: await actorOf(w.inspectorA.user.id),
		inspectorB: await actorOf(w.inspectorB.user.id),
	}
	return { w, regulatorA, regulatorB, packId, packVersionId, certPackId, contractor: { A: contractorA, B: contractorB }, actors }
}

/** User ids of the sweep's roles (anonymous: none). */
export function roleUsers(t: Tenants): Record<RoleName, string | null> {
	return {
		workerA: t.w.a.worker.user.id,
		principalA: t.w.a.principal.user.id,
		managerA: t.w.a.manager.user.id,
		inspectorA: t.w.inspectorA.user.id,
		regulatorA: t.regulatorA.user.id,
		admin: t.w.admin.user.id,
		anonymous: null,
	}
}

/** Fresh session cookies for the roles (sessions may be ended by logout or a password change). */
export async function roleCookies(t: Tenants): Promise<Record<RoleName, string | undefined>> {
	const out = {} as Record<RoleName, string | undefined>
	for (const [k, id] of Object.entries(roleUsers(t)) as [RoleName, string | null][]) out[k] = id ? await cookieFor(id) : undefined
	return out
}

// ---------------------------------------------------------------------------------------------
// Factories

export type FactoryCtx = {
	t: Tenants
	side: Side
	/** The person rows about a person belong to (default: a fresh worker of the side). */
	ownerPersonId?: string
	/** Values of the params built so far for this route (parents come first in a URL). */
	params: Record<string, string>
	/** The route's URL pattern, for params whose meaning depends on the route. */
	route: string
}
export type Factory = (ctx: FactoryCtx) => Promise<string>

function ent(ctx: FactoryCtx) {
	return ctx.side === 'A' ? ctx.t.w.a : ctx.t.w.b
}
function manager(ctx: FactoryCtx) {
	return ctx.side === 'A' ? ctx.t.actors.managerA : ctx.t.actors.managerB
}
function inspector(ctx: FactoryCtx) {
	return ctx.side === 'A' ? ctx.t.actors.inspectorA : ctx.t.actors.inspectorB
}

export async function freshPerson(ctx: Pick<FactoryCtx, 't' | 'side'>, name = `甲乙${rand()}`): Promise<string> {
	const e = ctx.side === 'A' ? ctx.t.w.a : ctx.t.w.b
	const mobile = uniqueMobile()
	const p = await db.person.create({ data: { enterpriseId: e.enterprise.id, name, mobile, employmentType: 'EMPLOYEE', departmentId: e.dept.id, post: '操作工' } })
	await db.user.create({ data: { mobile, displayName: name, passwordHash: '', mustChangePassword: false, personId: p.id, roles: { create: [{ role: 'WORKER' }] } } })
	return p.id
}

async function owner(ctx: FactoryCtx): Promise<string> {
	return ctx.ownerPersonId ?? (await freshPerson(ctx))
}

async function drill(ctx: FactoryCtx, status?: string): Promise<string> {
	const d = await planDrill(manager(ctx), {
		areaId: ent(ctx).area.id,
		kind: 'EVACUATION',
		form: 'LIVE',
		scope: 'SINGLE',
		plannedDate: addDaysIso(today(), 3),
		purpose: '检验疏散',
		scenarioEvent: '泄漏',
		scenarioPlace: '罐区',
		scenarioTime: '白班',
		scenarioScale: '小',
		expectedParticipants: 10,
		organiserId: null,
		evaluatorId: null,
	})
	if (status) await db.drill.update({ where: { id: d.id }, data: { status, alarmAt: new Date(Date.now() - 600_000) } })
	return d.id
}

async function inspection(ctx: FactoryCtx): Promise<string> {
	const i = await createInspection(inspector(ctx), { enterpriseId: ent(ctx).enterprise.id, date: today(), method: 'ROUTINE', team: '检查组', notes: '' })
	await drawForInspection(inspector(ctx), i.id, { count: 2, departmentId: null, post: null })
	return i.id
}

async function assignment(ctx: FactoryCtx): Promise<string> {
	const personId = await owner(ctx)
	const a = await db.assignment.create({
		data: { enterpriseId: ent(ctx).enterprise.id, personId, packVersionId: ctx.t.packVersionId, reason: 'ANNUAL', dueDate: addDaysIso(today(), 30) },
	})
	return a.id
}

async function classroom(ctx: FactoryCtx): Promise<string> {
	const s = await createClassroomSession(manager(ctx), {
		topic: `班组安全活动${rand()}`,
		trainer: '韩老师',
		place: '会议室',
		date: today(),
		start: '00:00',
		end: '23:59',
		hours: 1,
		offJob: undefined,
	} as never)
	return s.id
}

async function violation(ctx: FactoryCtx): Promise<{ id: string; caseId: string | null }> {
	const v = await recordViolation(manager(ctx), {
		personId: await owner(ctx),
		type: 'OPERATION',
		occurredAt: new Date(Date.now() - 3600_000),
		areaId: null,
		place: '硝化车间',
		description: '未办理作业票即动火。',
		foundBy: '安全员巡检',
	} as never)
	return { id: v.id, caseId: v.caseId }
}

/** A certificate earned through the exam engine (course exam passed). */
async function certificate(ctx: FactoryCtx) {
	const personId = await owner(ctx)
	// One open assignment per pack and person: close an earlier one of this pack.
	await db.assignment.updateMany({
		where: { personId, status: { in: ['ASSIGNED', 'IN_PROGRESS'] }, packVersion: { packId: ctx.t.certPackId } },
		data: { status: 'CANCELLED', cancelledAt: new Date() },
	})
	const r = await passCourseExam({ personId, packId: ctx.t.certPackId, at: new Date(Date.now() - 86_400_000) })
	if (!r.certificate) throw new Error(`no certificate issued: ${JSON.stringify(r.result)}`)
	return r.certificate
}

let credTypeIdx = 0
const PNG_BYTES = PNG.sync.write(new PNG({ width: 2, height: 2 }))

/**
 * Param/field name → factory. Keys are names; `<route pattern>#<name>` overrides a name for one
 * route (the same name means different things in different places, e.g. `code`).
 * `null` marks a field that looks like an id but names no row (nothing to cross).
 */
export const FACTORIES: Record<string, Factory | null> = {
	enterpriseId: async (ctx) => ent(ctx).enterprise.id,
	// A person row itself is always a fresh one (a route may end their employment).
	personId: (ctx) => freshPerson(ctx),
	ownerId: (ctx) => freshPerson(ctx),
	organiserId: (ctx) => freshPerson(ctx),
	evaluatorId: (ctx) => freshPerson(ctx),
	areaId: async (ctx) => (await db.area.create({ data: { enterpriseId: ent(ctx).enterprise.id, name: `区域${rand()}`, kind: 'OFFICE' } })).id,
	departmentId: async (ctx) => ent(ctx).dept.id,
	department: async (ctx) => ent(ctx).dept.id,
	dept: async (ctx) => ent(ctx).dept.id,
	contractorId: async (ctx) => ctx.t.contractor[ctx.side].id,
	'organisation#id': async (ctx) => ent(ctx).dept.id,
	drillId: (ctx) => drill(ctx),
	'drills/:drillId/run#drillId': (ctx) => drill(ctx, 'RUNNING'),
	'drills/:drillId/run/sync#drillId': (ctx) => drill(ctx, 'RUNNING'),
	actionId: async (ctx) => {
		const drillId = await drill(ctx, 'EVALUATING')
		const a = await db.correctiveAction.create({
			data: { drillId, enterpriseId: ent(ctx).enterprise.id, description: '补充疏散指示牌', ownerId: await owner(ctx), dueDate: addDaysIso(today(), 10) },
		})
		return a.id
	},
	photoId: async (ctx) => {
		const drillId = ctx.params.drillId ?? (await drill(ctx, 'RUNNING'))
		await db.drill.update({ where: { id: drillId }, data: { status: 'RUNNING', alarmAt: new Date(Date.now() - 600_000) } })
		const p = await addPhoto(manager(ctx), drillId, PNG_BYTES, '集合点')
		return p.id
	},
	inspectionId: inspection,
	examineeId: async (ctx) => {
		const inspectionId = ctx.params.inspectionId ?? (await inspection(ctx))
		return (await db.spotCheckExaminee.findFirstOrThrow({ where: { inspectionId }, orderBy: { ord: 'asc' } })).id
	},
	token: async (ctx) => {
		const inspectionId = await inspection(ctx)
		return (await db.spotCheckExaminee.findFirstOrThrow({ where: { inspectionId }, orderBy: { ord: 'asc' } })).token
	},
	attemptId: async (ctx) => {
		const r = await startAttempt(db, {
			personId: await owner(ctx),
			enterpriseId: ent(ctx).enterprise.id,
			blueprintCode: 'WORKER_SPOT_CHECK',
			purpose: 'SPOT_CHECK',
			subjectType: 'Test',
			subjectId: rand(),
		})
		return r.attemptId
	},
	assignmentId: assignment,
	lessonKey: async () => 'l1',
	'training/classroom/:sessionId#sessionId': classroom,
	sessionId: classroom,
	// learn/beat: the id of a study session (one opening of a lesson page)
	'learn/beat#sessionId': async (ctx) => {
		const ownerId = await owner(ctx)
		const assignmentId = await assignment({ ...ctx, ownerPersonId: ownerId })
		const user = await db.user.findUniqueOrThrow({ where: { personId: ownerId } })
		const r = await openLesson(await actorOf(user.id), assignmentId, 'l1')
		return (r as { sessionId: string }).sessionId
	},
	// The short code typed at /c, and the classroom code typed at /learn/sign.
	'c#code': async (ctx) => {
		const inspectionId = await inspection(ctx)
		return (await db.spotCheckExaminee.findFirstOrThrow({ where: { inspectionId }, orderBy: { ord: 'asc' } })).shortCode
	},
	'learn/sign#code': async (ctx) => {
		const id = await classroom(ctx)
		await openSignIn(manager(ctx), id)
		return (await db.classroomSession.findUniqueOrThrow({ where: { id } })).signInCode!
	},
	'learn/sign/:code#code': async (ctx) => {
		const id = await classroom(ctx)
		await openSignIn(manager(ctx), id)
		return (await db.classroomSession.findUniqueOrThrow({ where: { id } })).signInCode!
	},
	'verify/:code#code': async (ctx) => (await certificate(ctx)).verifyCode,
	certificateId: async (ctx) => (await certificate(ctx)).id,
	credentialId: async (ctx) => {
		const personId = ctx.params.personId ?? (await owner(ctx))
		const type = CREDENTIAL_TYPE_CODES[credTypeIdx++ % CREDENTIAL_TYPE_CODES.length]!
		await db.credential.deleteMany({ where: { personId, type } })
		const c = await createCredential(manager(ctx), personId, { type, number: `T${rand()}`, issuer: '应急管理局', issueDate: addDaysIso(today(), -100), expiryDate: null, nextReviewDate: null, note: '' }, today())
		return c.id
	},
	violationId: async (ctx) => (await violation(ctx)).id,
	caseId: async (ctx) => {
		const v = await violation(ctx)
		if (!v.caseId) throw new Error('the violation opened no case')
		return v.caseId
	},
	// Not tenant data: the same row whichever side asks.
	blueprintId: async () => (await db.examBlueprint.findUniqueOrThrow({ where: { code: 'WORKER_SPOT_CHECK' } })).id,
	packId: async (ctx) => ctx.t.packId,
	onboardingPack: async (ctx) => ctx.t.packId,
	strata: async () => (await db.examBlueprint.findUniqueOrThrow({ where: { code: 'WORKER_SPOT_CHECK' } })).strata,
	locale: async () => 'zh-CN',
	file: async () => 'common',
	questionId: async (ctx) => (await db.question.findFirstOrThrow({ where: { packVersionId: ctx.t.packVersionId }, orderBy: { key: 'asc' } })).id,
	regionId: async (ctx) => (ctx.side === 'A' ? ctx.t.w.countyA.id : ctx.t.w.countyB.id),
	region: async (ctx) => (ctx.side === 'A' ? ctx.t.w.countyA.id : ctx.t.w.countyB.id),
	'*': async () => 'no/such/page',
	// Look like ids, name no row of a tenant.
	clientId: null,
	// Drill photo delete: the photo id travels in the form of drills/:drillId.
	'drills/:drillId#photoId': async (ctx) => {
		const drillId = ctx.params.drillId!
		const existing = await db.drillPhoto.findFirst({ where: { drillId } })
		if (existing) return existing.id
		await db.drill.update({ where: { id: drillId }, data: { status: 'RUNNING', alarmAt: new Date(Date.now() - 600_000) } })
		return (await addPhoto(manager(ctx), drillId, PNG_BYTES, '集合点')).id
	},
}

/** Params of the kinds that are not tenant data (a cross-tenant check makes no sense). */
export const GLOBAL_KINDS = new Set(['blueprintId', 'packId', 'onboardingPack', 'strata', 'locale', 'file', 'questionId', 'lessonKey', 'region', 'regionId', '*'])

export function factoryFor(route: string, name: string): Factory | null | undefined {
	const key = `${route}#${name}`
	if (key in FACTORIES) return FACTORIES[key]
	return FACTORIES[name]
}

/** Field names that carry the id of a row. */
export function looksLikeId(name: string): boolean {
	return /^(id|ids)$|Id$|Ids$/.test(name)
}

/** Build values for a route's URL params in order (parents before children). */
export async function buildParams(t: Tenants, route: string, names: string[], side: Side, ownerPersonId?: string): Promise<Record<string, string>> {
	const params: Record<string, string> = {}
	for (const n of names) {
		const f = factoryFor(route, n)
		if (!f) throw new Error(`no fixture factory for param "${n}" of route "${route}" — add one to FACTORIES in tests/support/tenants.ts`)
		params[n] = await f({ t, side, ownerPersonId, params, route })
	}
	return params
}
