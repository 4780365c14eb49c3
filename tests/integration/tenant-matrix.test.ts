/**
 * Tenant-isolation matrix (issue 8). For every route of app/routes.ts (read at test time) that
 * takes the id of a row — in its URL (`:personId`, `:drillId` …) or in a form field (`personId`,
 * `areaId` …) — real rows are built in enterprise A / region A with the factories of
 * tests/support/tenants.ts, owned by a worker of A. Then:
 *   - users of enterprise B (worker, principal, safety manager), the inspector and the regulator
 *     of region B, and
 *   - a worker of A who is not the rows' owner (the manager's pages, another person's papers)
 * call the loader and every intent of the action with A's ids. Each must answer 401/403/404
 * (an action may also refuse its form with 400), must not change the database and must not
 * show anything of A (names, ids). In forms, A's ids sent by B's safety manager from B's own
 * pages are refused the same way and never stored.
 * A param or an id field without a factory fails the test: add it to FACTORIES.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
	process.env.UPLOAD_DIR = `${process.env.TMPDIR ?? '/tmp'}/anxun-matrix-uploads-${process.pid}-${Date.now()}`
})

import { db } from '~/utils/db.server.ts'
import { closeReader, storedIn, watch } from '../support/db-state.ts'
import { invoke, type Outcome } from '../support/invoke.ts'
import { plausible } from '../support/plausible.ts'
import { fillPath, loadRouteTable, type RouteInfo } from '../support/route-table.ts'
import { buildParams, buildTenants, factoryFor, freshPerson, GLOBAL_KINDS, looksLikeId, type Tenants } from '../support/tenants.ts'
import { cookieFor } from '../support/world.ts'

const routes = await loadRouteTable()

/**
 * Routes that show a row to whoever holds its unguessable handle, by design: the public
 * certificate check and the spot-check QR link (the token is the examinee's credential).
 */
const BEARER_ROUTES = new Set(['verify/:code', 'c/:token'])
/** Routes every person of the enterprise may use with the id (the classroom QR sign-in). */
const SAME_ENTERPRISE_OPEN = new Set(['learn/sign/:code'])

/** Ids in the URL that name tenant rows. */
function urlIds(r: RouteInfo): string[] {
	return r.params.filter((p) => !GLOBAL_KINDS.has(p))
}
/** Form fields that carry tenant ids. */
function formIds(r: RouteInfo): string[] {
	return r.fields.filter((f) => looksLikeId(f) && !GLOBAL_KINDS.has(f) && factoryFor(r.path, f) !== null)
}

const covered = routes.filter((r) => (r.loader || r.action) && (urlIds(r).length > 0 || (r.action && formIds(r).length > 0)))

let t: Tenants
const callers: Record<string, string> = {}
beforeAll(async () => {
	t = await buildTenants()
}, 180_000)

const stats = { routes: 0, calls: 0, controls: 0 }
/** Loaders that show nothing to anybody (a method-not-allowed resource route, a bare redirect). */
const NO_CONTROL = new Set(['exam/:attemptId/save', 'drills/actions/:actionId'])
afterAll(() => {
	closeReader()
	fs.rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true })
	console.log(`[tenant matrix] ${stats.routes} routes with ids in the URL or a form × callers → ${stats.calls} cross-tenant calls; ${stats.controls} loaders shown to an entitled user as a control`)
})

async function refreshCallers() {
	callers.managerB = await cookieFor(t.w.b.manager.user.id)
	callers.principalB = await cookieFor(t.w.b.principal.user.id)
	callers.workerB = await cookieFor(t.w.b.worker.user.id)
	callers.inspectorB = await cookieFor(t.w.inspectorB.user.id)
	callers.regulatorB = await cookieFor(t.regulatorB.user.id)
	callers.workerA = await cookieFor(t.w.a.worker.user.id)
}

/** Strings that would show A's data: the enterprise's name, the owner's name and mobile, the ids. */
async function markersOf(ownerId: string, params: Record<string, string>): Promise<string[]> {
	const owner = await db.person.findUniqueOrThrow({ where: { id: ownerId } })
	return [t.w.a.enterprise.name, owner.name, owner.mobile, ...Object.values(params).filter((v) => v.length >= 8)]
}

function check(failures: string[], label: string, o: Outcome, changed: string[], markers: string[], allowed: number[]) {
	const where = `${label} → ${o.status}`
	if (o.crash) return void failures.push(`${where}: threw ${String((o.crash as Error)?.message ?? o.crash).slice(0, 200)}`)
	// A redirect to a page that names none of A's rows (home, sign-in) shows nothing.
	const harmlessRedirect = o.status >= 300 && o.status < 400 && !!o.location && !markers.some((m) => o.location!.includes(m))
	if (!allowed.includes(o.status) && !harmlessRedirect) failures.push(`${where}: expected ${allowed.join('/')}${o.location ? ` (redirect to ${o.location})` : ''}`)
	if (changed.length) failures.push(`${where}: changed ${changed.join(', ')}`)
	for (const m of markers) if (o.text.includes(m)) failures.push(`${where}: shows A's data "${m.slice(0, 40)}"`)
}

async function plausibleForm(r: RouteInfo, intent: string | null, params: Record<string, string>, side: 'A' | 'B', ownerId: string): Promise<[string, string][]> {
	const out: [string, string][] = intent ? [['intent', intent]] : []
	for (const f of r.fields) {
		if (f === 'intent' || f === 'file' || f === 'photo') continue
		if (looksLikeId(f)) {
			const fac = factoryFor(r.path, f)
			if (fac === undefined) throw new Error(`no fixture factory for the id field "${f}" of route "${r.path}" — add one to FACTORIES in tests/support/tenants.ts`)
			out.push([f, fac ? await fac({ t, side, params, route: r.path, ownerPersonId: ownerId }) : plausible(f, r.fields)])
		} else out.push([f, plausible(f, r.fields)])
	}
	return out
}

async function matrix(r: RouteInfo): Promise<string[]> {
	const failures: string[] = []
	await refreshCallers()
	const ids = urlIds(r)
	const outsiders = ['managerB', 'principalB', 'workerB', 'inspectorB', 'regulatorB']
	// Rows of A, owned by a worker of A who is not the caller "workerA".
	const ownerId = await freshPerson({ t, side: 'A' }, `甲某${Math.random().toString(36).slice(2, 6)}`)
	const params = await buildParams(t, r.path, r.params, 'A', ownerId)
	const markers = await markersOf(ownerId, params)
	const intents: (string | null)[] = r.intents.length ? r.intents : [null]

	// Control: someone entitled to the rows does see them (else a 404 below would prove nothing).
	if (r.loader && ids.length) {
		const owner = await db.user.findUniqueOrThrow({ where: { personId: ownerId } })
		const entitled = {
			owner: await cookieFor(owner.id),
			managerA: await cookieFor(t.w.a.manager.user.id),
			principalA: await cookieFor(t.w.a.principal.user.id),
			inspectorA: await cookieFor(t.w.inspectorA.user.id),
			admin: await cookieFor(t.w.admin.user.id),
			anonymous: undefined,
		}
		const seen: string[] = []
		for (const [who, cookie] of Object.entries(entitled)) {
			const o = await invoke(r.loader, { url: fillPath(r.path, params), cookie, params })
			if (o.status < 300 || (o.status < 400 && o.location && !/\/(login|home)\b/.test(o.location))) seen.push(who)
		}
		stats.controls += seen.length ? 1 : 0
		if (!seen.length && !NO_CONTROL.has(r.path)) failures.push(`GET /${r.path}: nobody entitled (owner, managerA, principalA, inspectorA, admin) sees A's rows — the fixtures are broken`)
	}

	if (ids.length && !BEARER_ROUTES.has(r.path)) {
		for (const who of SAME_ENTERPRISE_OPEN.has(r.path) ? outsiders : [...outsiders, 'workerA']) {
			const cookie = callers[who]
			if (r.loader) {
				const { result: o, changed } = await watch(() => invoke(r.loader!, { url: fillPath(r.path, params), cookie, params }))
				stats.calls++
				check(failures, `GET /${r.path} as ${who}`, o, changed, markers, [401, 403, 404, 405])
			}
			if (r.action) {
				for (const intent of intents) {
					const form = await plausibleForm(r, intent, params, 'A', ownerId)
					const { result: o, changed } = await watch(() => invoke(r.action!, { url: fillPath(r.path, params), cookie, params, body: { kind: 'form', fields: form } }))
					stats.calls++
					check(failures, `POST /${r.path}${intent ? ` [${intent}]` : ''} as ${who}`, o, changed, markers, [400, 401, 403, 404, 405])
				}
			}
		}
	}

	// A's ids in the form, sent by B's safety manager (and B's inspector) on B's own pages.
	const fids = formIds(r)
	if (r.action && fids.length) {
		const paramsB = await buildParams(t, r.path, r.params, 'B', t.w.b.worker.person.id)
		for (const who of ['managerB', 'inspectorB']) {
			for (const intent of intents) {
				const base = await plausibleForm(r, intent, paramsB, 'B', t.w.b.worker.person.id)
				const aIds: string[] = []
				const form: [string, string][] = []
				for (const [k, v] of base) {
					if (!fids.includes(k)) {
						form.push([k, v])
						continue
					}
					const a = await factoryFor(r.path, k)!({ t, side: 'A', params, route: r.path, ownerPersonId: ownerId })
					aIds.push(a)
					form.push([k, a])
				}
				const { result: o, added } = await watch(() => invoke(r.action!, { url: fillPath(r.path, paramsB), cookie: callers[who], params: paramsB, body: { kind: 'form', fields: form } }))
				stats.calls++
				const label = `POST /${r.path}${intent ? ` [${intent}]` : ''} as ${who} with A's ${fids.join(', ')}`
				if (o.crash || o.status >= 500) failures.push(`${label} → ${o.status}: ${o.text.slice(0, 200)}`)
				for (const s of storedIn(added, aIds)) failures.push(`${label} → ${o.status}: stored A's id in ${s.table}`)
				for (const m of [t.w.a.enterprise.name]) if (o.text.includes(m)) failures.push(`${label} → ${o.status}: shows A's data "${m}"`)
			}
		}
	}
	return failures
}

describe('tenant-isolation matrix over every route of app/routes.ts with an id', () => {
	it('every id param and id field has a fixture factory', () => {
		const missing: string[] = []
		for (const r of routes) {
			for (const p of r.params) if (factoryFor(r.path, p) === undefined) missing.push(`${r.path} :${p}`)
			if (r.action) for (const f of r.fields) if (looksLikeId(f) && factoryFor(r.path, f) === undefined) missing.push(`${r.path} field ${f}`)
		}
		expect(missing, 'add these to FACTORIES in tests/support/tenants.ts').toEqual([])
		expect(covered.length).toBeGreaterThan(25)
	})

	for (const r of covered) {
		it(`/${r.path}`, async () => {
			stats.routes++
			const failures = await matrix(r)
			expect(failures.slice(0, 40), `${failures.length} failure(s)`).toEqual([])
		}, 300_000)
	}
})
