/**
 * A small hand-made world for integration tests: two counties (one with a park), two
 * enterprises in different counties, people in every enterprise role, bureau users, and
 * helpers to call route loaders/actions as a signed-in user.
 */
import { createHash, randomBytes } from 'node:crypto'
import { idCardCheckChar, usccCheckChar } from '~/domain/identifiers.ts'
import { db } from '~/utils/db.server.ts'
import { hashPassword } from '~/utils/password.server.ts'

export const PASSWORD = 'Passw0rd!'

let seq = 0
function mobile(): string {
	seq++
	return `136${String(process.pid % 1000).padStart(3, '0')}${String(seq).padStart(5, '0')}`
}

export function validIdCard(first17 = '14112219900101001'): string {
	return first17 + idCardCheckChar(first17)
}

export async function makeWorld() {
	const hash = await hashPassword(PASSWORD)
	const tag = randomBytes(3).toString('hex')
	const city = await db.region.create({ data: { code: `C-${tag}`, name: '测试市', nameEn: 'Test City', kind: 'CITY' } })
	const countyA = await db.region.create({ data: { code: `A-${tag}`, name: '甲县', nameEn: 'County A', kind: 'COUNTY', parentId: city.id } })
	const parkA = await db.region.create({ data: { code: `P-${tag}`, name: '甲园区', nameEn: 'Park A', kind: 'PARK', parentId: countyA.id } })
	const countyB = await db.region.create({ data: { code: `B-${tag}`, name: '乙县', nameEn: 'County B', kind: 'COUNTY', parentId: city.id } })

	async function enterprise(name: string, regionId: string, n: number) {
		const base = `91141122MA0K${tag.slice(0, 4).toUpperCase().replace(/[IOZSV]/g, '1')}${n}`.slice(0, 17).padEnd(17, '0')
		const e = await db.enterprise.create({ data: { name, uscc: base + usccCheckChar(base), regionId, category: 'CHEMICAL' } })
		const dept = await db.department.create({ data: { enterpriseId: e.id, name: '生产部' } })
		const area = await db.area.create({ data: { enterpriseId: e.id, name: '生产区一', kind: 'PRODUCTION' } })
		async function person(name: string, roles: string[]) {
			const m = mobile()
			const p = await db.person.create({ data: { enterpriseId: e.id, name, mobile: m, employmentType: 'EMPLOYEE', departmentId: dept.id, post: '操作工' } })
			const u = await db.user.create({
				data: { mobile: m, displayName: name, passwordHash: hash, mustChangePassword: false, personId: p.id, roles: { create: roles.map((role) => ({ role })) } },
			})
			return { person: p, user: u, mobile: m }
		}
		return {
			enterprise: e,
			dept,
			area,
			principal: await person('负责人' + n, ['WORKER', 'PRINCIPAL']),
			manager: await person('安全员' + n, ['WORKER', 'SAFETY_MANAGER']),
			worker: await person('操作工' + n, ['WORKER']),
		}
	}

	async function bureau(name: string, role: string, regionId: string | null) {
		const m = mobile()
		const u = await db.user.create({
			data: { mobile: m, displayName: name, passwordHash: hash, mustChangePassword: false, regionId, roles: { create: [{ role }] } },
		})
		return { user: u, mobile: m }
	}

	return {
		city,
		countyA,
		parkA,
		countyB,
		a: await enterprise('甲化工', parkA.id, 1),
		b: await enterprise('乙化工', countyB.id, 2),
		inspectorA: await bureau('甲县检查员', 'INSPECTOR', countyA.id),
		inspectorB: await bureau('乙县检查员', 'INSPECTOR', countyB.id),
		cityRegulator: await bureau('市监管', 'REGULATOR', city.id),
		admin: await bureau('管理员', 'ADMIN', null),
	}
}

/** A session cookie for the user, written straight into the database. */
export async function cookieFor(userId: string): Promise<string> {
	const token = randomBytes(32).toString('base64url')
	await db.session.create({
		data: { id: createHash('sha256').update(token).digest('hex'), userId, expiresAt: new Date(Date.now() + 3_600_000) },
	})
	return `anxun_session=${token}`
}

type RouteFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown

/** Call a route loader/action; a thrown Response is returned, so tests can assert its status. */
export async function call(
	fn: RouteFn | undefined,
	opts: { url: string; cookie?: string; params?: Record<string, string>; form?: Record<string, string | string[]> | FormData; method?: string },
): Promise<{ status: number; data: unknown; headers: Headers }> {
	if (!fn) throw new Error('route has no such function')
	let body: FormData | undefined
	if (opts.form instanceof FormData) body = opts.form
	else if (opts.form) {
		body = new FormData()
		for (const [k, v] of Object.entries(opts.form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x)
	}
	const request = new Request(new URL(opts.url, 'http://localhost'), {
		method: opts.method ?? (body ? 'POST' : 'GET'),
		headers: opts.cookie ? { cookie: opts.cookie } : {},
		body,
	})
	try {
		const out = await fn({ request, params: opts.params ?? {}, context: { clientIp: '10.0.0.1' } })
		if (out instanceof Response) return { status: out.status, data: null, headers: out.headers }
		if (out && typeof out === 'object' && 'init' in out && 'data' in out && (out as { type?: string }).type === 'DataWithResponseInit') {
			const d = out as unknown as { data: unknown; init: ResponseInit | null }
			return { status: d.init?.status ?? 200, data: d.data, headers: new Headers(d.init?.headers) }
		}
		return { status: 200, data: out, headers: new Headers() }
	} catch (e) {
		if (e instanceof Response) return { status: e.status, data: null, headers: e.headers }
		throw e
	}
}
