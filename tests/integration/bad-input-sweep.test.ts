/**
 * Bad-input sweep (issue 8). Every route of app/routes.ts — enumerated at test time, so new routes
 * are covered without touching this file — is called as every role (worker, principal and safety
 * manager of enterprise A; inspector and regulator of region A; admin; nobody signed in) with:
 *   actions: empty and missing bodies, a body of the wrong content type, a broken multipart body,
 *     only the intent, unknown fields, wrong types, 1 MB strings, control characters, SQL- and
 *     HTML-looking text, ids of the other tenant (B), a plausible form "solved" against the
 *     route's own zod schemas until it is accepted, each sent twice (repeated submission);
 *     URL params filled with junk and with B's ids;
 *   loaders: junk and B ids in the URL params and junk query strings.
 * Asserts: never a 5xx (a thrown non-Response error is a 500); bad input answers 4xx or a
 * redirect, never a 2xx with a refusal in it; a redirect never leaves the site; the database is
 * unchanged (row counts and a content hash of every table) whenever the answer is a refusal or
 * the input was bad; B's ids never end up stored by A's users.
 */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
	process.env.UPLOAD_DIR = `${process.env.TMPDIR ?? '/tmp'}/anxun-sweep-uploads-${process.pid}-${Date.now()}`
})

/** Every zod issue a route reported (the solver reads enum values and bounds from them). */
const zodLog = vi.hoisted(() => ({ issues: [] as { path: PropertyKey[]; code: string; values?: unknown[]; minimum?: unknown; maximum?: unknown; origin?: string; expected?: string; message: string }[] }))
vi.mock('~/utils/forms.ts', async (importOriginal) => {
	const m = await importOriginal<typeof import('~/utils/forms.ts')>()
	return {
		...m,
		zodFailure: (error: import('zod').ZodError) => {
			zodLog.issues.push(...(error.issues as never[]))
			return m.zodFailure(error)
		},
		parseForm: (schema: import('zod').ZodType, form: FormData | URLSearchParams, arrayFields: readonly string[] = []) => {
			const r = m.parseForm(schema, form, arrayFields)
			if (!r.ok) {
				const obj: Record<string, unknown> = {}
				for (const key of new Set(form.keys())) {
					const values = form.getAll(key).filter((v): v is string => typeof v === 'string')
					obj[key] = arrayFields.includes(key) ? values : values[0]
				}
				for (const key of arrayFields) obj[key] ??= []
				const p = schema.safeParse(obj)
				if (!p.success) zodLog.issues.push(...(p.error.issues as never[]))
			}
			return r
		},
	}
})

import { closeReader, storedIn, watch } from '../support/db-state.ts'
import { invoke, looksLikeFailure, type Body, type Outcome } from '../support/invoke.ts'
import { fillPath, loadRouteTable, type RouteInfo } from '../support/route-table.ts'
import {
	buildParams,
	buildTenants,
	factoryFor,
	GLOBAL_KINDS,
	looksLikeId,
	ROLE_NAMES,
	roleCookies,
	type RoleName,
	type Tenants,
} from '../support/tenants.ts'
import { plausible } from '../support/plausible.ts'

const routes = await loadRouteTable()

/** Routes that show data to anyone by design (a B id there is not a leak). */
const PUBLIC_BY_DESIGN = new Set([
	'verify/:code', // public certificate verification
	'c/:token', // the spot-check QR link: the unguessable token is the examinee's credential
])

let t: Tenants
beforeAll(async () => {
	t = await buildTenants()
}, 180_000)

const counts = { routes: 0, actionRoutes: 0, loaderRoutes: 0, actionCalls: 0, loaderCalls: 0, accepted: 0, solvedForms: 0 }
const acceptedBy = new Map<string, number>()

afterAll(() => {
	closeReader()
	fs.rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true })
	console.log(
		`[bad-input sweep] ${counts.routes} routes: ${counts.actionRoutes} with an action × ${ROLE_NAMES.length} roles → ${counts.actionCalls} action calls ` +
			`(${counts.accepted} accepted as valid; ${counts.solvedForms} plausible forms solved to acceptance); ` +
			`${counts.loaderRoutes} with a loader → ${counts.loaderCalls} loader calls. Total ${counts.actionCalls + counts.loaderCalls} inputs.`,
	)
	const never = routes.filter((r) => r.action && !acceptedBy.has(r.path)).map((r) => r.path)
	console.log(`[bad-input sweep] actions that wrote on some input: ${[...acceptedBy].map(([p, n]) => `${p} ${n}`).join('; ')}`)
	console.log(`[bad-input sweep] actions no input got through (validation only): ${never.join('; ')}`)
})

// ---------------------------------------------------------------------------------------------
// Inputs

const MB = 'x'.repeat(1024 * 1024)
const CONTROL = 'a\u0000b\u0001\u0007\b\u001b[2J\u202e\ufeff\r\n\t\u2028z'
const SQL = `' OR '1'='1'; DROP TABLE "Person"; --`
const HTML = '<script>alert(1)</script><img src=x onerror=alert(1)>'
const JUNK_PARAMS = [`' OR 1=1--`, 'x'.repeat(3000), '../../../etc/passwd', '\u0000%00', '-1', '<b>x</b>']
const JUNK_QUERY = ['?page=-1&year=99999&from=abc&to=2026-02-30&status=%00&q=%27%20OR%201%3D1--&sort=__proto__&format=exe', `?q=${encodeURIComponent(HTML)}&page=1e309&limit=100000000&half=H9&period=x`]


type Form = [string, string][]

/** Form id values per route run (a factory may be limited, e.g. photos per drill). */
const idCache = new Map<string, Promise<string | null>>()

function idValue(r: RouteInfo, name: string, side: 'A' | 'B', params: Record<string, string>): Promise<string | null> {
	const key = `${r.path}#${name}#${side}#${JSON.stringify(params)}`
	let v = idCache.get(key)
	if (!v) {
		v = makeIdValue(r, name, side, params)
		idCache.set(key, v)
	}
	return v
}

async function makeIdValue(r: RouteInfo, name: string, side: 'A' | 'B', params: Record<string, string>): Promise<string | null> {
	const f = factoryFor(r.path, name)
	if (f === undefined) throw new Error(`no fixture factory for the id field "${name}" of route "${r.path}" — add one to FACTORIES in tests/support/tenants.ts`)
	if (f === null) return null
	// Rows about a person belong to the signed-in worker of that side (their own papers, sessions).
	return f({ t, side, params, route: r.path, ownerPersonId: side === 'A' ? t.w.a.worker.person.id : t.w.b.worker.person.id })
}

async function plausibleForm(r: RouteInfo, fields: string[], intent: string | null, params: Record<string, string>): Promise<Form> {
	const out: Form = []
	if (intent) out.push(['intent', intent])
	for (const f of fields) {
		if (f === 'intent' || f === 'file' || f === 'photo') continue
		if (looksLikeId(f) || factoryFor(r.path, f)) {
			const v = await idValue(r, f, 'A', params)
			out.push([f, v ?? plausible(f, fields)])
		} else out.push([f, plausible(f, fields)])
	}
	return out
}

/** Change the form so that the issues the schema reported go away (one round). */
function solveRound(form: Form, issues: typeof zodLog.issues): { form: Form; progressed: boolean } {
	const next = new Map<string, string[]>()
	for (const [k, v] of form) next.set(k, [...(next.get(k) ?? []), v])
	let progressed = false
	for (const is of issues) {
		const key = String(is.path[0] ?? '')
		if (!key || key === 'intent') continue
		const cur = next.get(key)?.[0]
		let val: string | undefined
		if (is.code === 'invalid_value' && Array.isArray(is.values) && is.values.length) val = String(is.values.find((x) => x !== '' && x !== null) ?? is.values[0])
		else if (is.code === 'too_small' && is.origin === 'string') val = 'x'.repeat(Number(is.minimum ?? 1))
		else if (is.code === 'too_small') val = String(Math.ceil(Number(is.minimum ?? 1)))
		else if (is.code === 'too_big' && is.origin !== 'string' && is.origin !== 'array') val = String(Math.floor(Number(is.maximum ?? 1)))
		else if (is.code === 'too_big' && is.origin === 'string') val = (cur ?? 'x').slice(0, Number(is.maximum ?? 1))
		else if (is.code === 'invalid_type' && (is.expected === 'number' || is.expected === 'int')) val = '1'
		else if (is.code === 'invalid_type' && cur === undefined) val = plausible(key, [...next.keys()])
		else if (is.code === 'invalid_union') val = ''
		if (val !== undefined && val !== cur) {
			next.set(key, [val])
			progressed = true
		}
	}
	return { form: [...next].flatMap(([k, vs]) => vs.map((v) => [k, v] as [string, string])), progressed }
}

// ---------------------------------------------------------------------------------------------
// Checks

type Expect = 'any' | 'reject' | 'refuse-url' | 'no-huge' | 'no-control'

function offSite(loc: string | null): boolean {
	return !!loc && (/^[a-z][a-z0-9+.-]*:/i.test(loc) || loc.startsWith('//') || loc.startsWith('/\\'))
}

function checkOutcome(
	failures: string[],
	label: string,
	kind: 'action' | 'loader',
	o: Outcome,
	changed: string[],
	added: Map<string, string[]>,
	expect_: Expect,
	foreignIds: string[] = [],
): void {
	const where = `${label} → ${o.status}`
	if (o.crash) {
		failures.push(`${where}: threw ${String((o.crash as Error)?.message ?? o.crash).slice(0, 300)}`)
		return
	}
	if (o.status >= 500) failures.push(`${where}: server error ${o.text.slice(0, 200)}`)
	if (offSite(o.location)) failures.push(`${where}: redirects off-site to ${o.location}`)
	if (o.status >= 400 && changed.length) failures.push(`${where}: refused but wrote ${changed.join(', ')}`)
	if (kind === 'action' && o.status < 300 && looksLikeFailure(o.data)) failures.push(`${where}: a refusal answered with ${o.status}: ${o.text.slice(0, 200)}`)
	if (expect_ === 'reject') {
		if (changed.length) failures.push(`${where}: bad input changed ${changed.join(', ')}`)
		if (o.status < 300 && !looksLikeFailure(o.data)) failures.push(`${where}: bad input accepted with ${o.status}`)
	}
	// Rows are JSON text: a stored control character shows as its escape.
	if (expect_ === 'no-control') for (const s of storedIn(added, ['\\u0000', '\\u0001', '\\u0007', '\\u001b'])) failures.push(`${where}: stored a control character in ${s.table}`)
	if (expect_ === 'no-huge') for (const s of storedIn(added, ['x'.repeat(100_000)])) failures.push(`${where}: stored a 1 MB string in ${s.table}`)
	if (expect_ === 'refuse-url') {
		if (o.status < 300) failures.push(`${where}: junk or foreign URL params answered ${o.status}`)
		if (changed.length) failures.push(`${where}: junk or foreign URL params changed ${changed.join(', ')}`)
	}
	for (const s of storedIn(added, foreignIds)) failures.push(`${where}: stored B's id ${s.needle} in ${s.table}`)
}

// ---------------------------------------------------------------------------------------------
// The sweep

async function send(
	failures: string[],
	r: RouteInfo,
	role: RoleName,
	cookie: string | undefined,
	params: Record<string, string>,
	label: string,
	body: Body,
	expect_: Expect,
	foreignIds: string[] = [],
): Promise<Outcome> {
	const { result: o, changed, added } = await watch(() => {
		zodLog.issues.length = 0
		return invoke(r.action!, { url: fillPath(r.path, params), cookie, params, body })
	})
	counts.actionCalls++
	if (o.status < 400 && changed.length) {
		counts.accepted++
		acceptedBy.set(r.path, (acceptedBy.get(r.path) ?? 0) + 1)
	}
	checkOutcome(failures, `POST /${r.path} as ${role} [${label}]`, 'action', o, changed, added, expect_, foreignIds)
	return o
}

async function sweepAction(r: RouteInfo, failures: string[]) {
	const cookies = await roleCookies(t)
	const worker = t.w.a.worker.person.id
	const paramsA = await buildParams(t, r.path, r.params, 'A', worker)
	const paramsB = await buildParams(t, r.path, r.params, 'B', t.w.b.worker.person.id)
	const crossable = r.params.filter((p) => !GLOBAL_KINDS.has(p))
	const fields = r.fields.filter((f) => f !== 'intent')
	const takesInput = fields.length > 0 || r.intents.length > 0
	const intents: (string | null)[] = r.intents.length ? r.intents : [null]
	const fileFields = r.fields.filter((f) => f === 'file' || f === 'photo')

	for (const role of ROLE_NAMES) {
		const cookie = cookies[role]
		const go = (label: string, body: Body, ex: Expect, params = paramsA, foreign: string[] = []) => send(failures, r, role, cookie, params, label, body, ex, foreign)
		const bodyExpect: Expect = takesInput ? 'reject' : 'any'
		// Bodies that are not a form at all.
		await go('empty form', { kind: 'form', fields: [] }, bodyExpect)
		await go('no body', { kind: 'raw', body: null, contentType: null }, bodyExpect)
		await go('JSON body', { kind: 'raw', body: '{"intent":"save","__proto__":{"admin":true}}', contentType: 'application/json' }, bodyExpect)
		await go('broken multipart', { kind: 'raw', body: '--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\nb', contentType: 'multipart/form-data; boundary=xx' }, bodyExpect)
		await go('text/plain', { kind: 'raw', body: 'intent=save&name=x', contentType: 'text/plain' }, bodyExpect)

		for (const intent of intents) {
			const tag = intent ? `${intent}: ` : ''
			const base = await plausibleForm(r, fields, intent, paramsA)
			const ids = new Set(base.filter(([k]) => looksLikeId(k)).map(([k]) => k))
			const replaceText = (v: string): Form => base.map(([k, x]) => [k, k === 'intent' || ids.has(k) ? x : v])
			// Only the intent: valid for an intent that needs nothing else, so any answer but a 5xx.
			const first = await go(`${tag}missing fields`, { kind: 'form', fields: intent ? [['intent', intent]] : [] }, 'any')
			const refusedRole = first.status === 401 || first.status === 403 || (first.status >= 300 && first.status < 400 && /login/.test(first.location ?? ''))
			await go(`${tag}unknown fields`, { kind: 'form', fields: [...base, ['zzz_unknown', '1'], ['__proto__', 'x'], ['constructor', 'y'], ['a[b]', 'c']] }, 'any')
			for (const v of ['NaN', '-99999999999999999999', '1e309']) await go(`${tag}wrong type ${v}`, { kind: 'form', fields: base.map(([k, x]) => [k, k === 'intent' ? x : v]) }, 'any')
			await go(`${tag}arrays for scalars`, { kind: 'form', fields: [...base, ...base.filter(([k]) => k !== 'intent').map(([k]) => [k, '2'] as [string, string])] }, 'any')
			if (fields.length) {
				const huge: Form = refusedRole ? base.map(([k, x], i) => [k, i === (intent ? 1 : 0) ? MB : x]) : base.map(([k, x]) => [k, k === 'intent' ? x : MB])
				// A field the intent does not read may carry anything; nothing that long is ever stored.
				await go(`${tag}1 MB strings`, { kind: 'form', fields: huge }, 'no-huge')
			}
			await go(`${tag}control characters`, { kind: 'form', fields: replaceText(CONTROL) }, 'no-control')
			await go(`${tag}SQL-looking text`, { kind: 'form', fields: base.map(([k, x]) => [k, k === 'intent' ? x : SQL]) }, 'any')
			await go(`${tag}HTML-looking text`, { kind: 'form', fields: replaceText(HTML) }, 'any')
			// Ids of the other tenant in every id field.
			if (ids.size) {
				const foreign: string[] = []
				const withB: Form = []
				for (const [k, x] of base) {
					if (!ids.has(k) || GLOBAL_KINDS.has(k)) {
						withB.push([k, x])
						continue
					}
					const b = await idValue(r, k, 'B', paramsB)
					if (b) foreign.push(b)
					withB.push([k, b ?? x])
				}
				if (foreign.length) await go(`${tag}B's ids in the form`, { kind: 'form', fields: withB }, 'any', paramsA, foreign)
			}
			for (const f of fileFields) {
				await go(`${tag}${f}: not an image / not a sheet`, { kind: 'multipart', fields: [...base, [f, new File(['<?php echo 1; ?>'], 'x.png', { type: 'image/png' })]] }, 'any')
				await go(`${tag}${f}: 1 MB of junk`, { kind: 'multipart', fields: [...base, [f, new File([MB], 'x.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })]] }, 'any')
			}
			// A plausible form, solved against the route's own schema, sent twice.
			let form = base
			let o = await go(`${tag}plausible`, { kind: 'form', fields: form }, 'any')
			for (let round = 0; round < 8 && o.status === 400 && zodLog.issues.length; round++) {
				const s = solveRound(form, zodLog.issues)
				if (!s.progressed) break
				form = s.form
				o = await go(`${tag}plausible, solved ×${round + 1}`, { kind: 'form', fields: form }, 'any')
			}
			const solved = o.status < 400 && !(o.location ?? '').startsWith('/login')
			if (solved) counts.solvedForms++
			if (process.env.SWEEP_DEBUG) fs.appendFileSync(process.env.SWEEP_DEBUG, `${r.path} ${role} ${intent ?? ''} → ${o.status} ${o.location ?? ''} ${o.text.slice(0, 160)} | ${JSON.stringify(form).slice(0, 300)}\n`)
			await go(`${tag}plausible, repeated`, { kind: 'form', fields: form }, 'any')
			// The accepted form with control characters in one field at a time: refused, or never stored.
			if (solved) {
				for (const [i, [k, v]] of form.entries()) {
					if (k === 'intent' || looksLikeId(k)) continue
					const bad = form.map(([k2, v2], j) => [k2, j === i ? `${v.slice(0, 20)}${CONTROL}` : v2] as [string, string])
					await go(`${tag}control characters in ${k}`, { kind: 'form', fields: bad }, 'no-control')
				}
			}
			// Junk and foreign ids in the URL, with that form.
			if (r.params.length && !refusedRole) {
				for (const junk of JUNK_PARAMS.slice(0, 3)) {
					const p = Object.fromEntries(r.params.map((n) => [n, junk]))
					await go(`${tag}junk params ${JSON.stringify(junk.slice(0, 20))}`, { kind: 'form', fields: form }, 'refuse-url', p)
				}
				// The admin may act on every tenant by design.
				if (role !== 'admin' && crossable.length && !PUBLIC_BY_DESIGN.has(r.path)) {
					const mixed = { ...paramsA, ...Object.fromEntries(crossable.map((n) => [n, paramsB[n]!])) }
					await go(`${tag}B's ids in the URL`, { kind: 'form', fields: form }, 'refuse-url', mixed, crossable.map((n) => paramsB[n]!))
				}
			}
		}
	}
}

async function sweepLoader(r: RouteInfo, failures: string[]) {
	const cookies = await roleCookies(t)
	const paramsA = await buildParams(t, r.path, r.params, 'A', t.w.a.worker.person.id)
	const paramsB = await buildParams(t, r.path, r.params, 'B', t.w.b.worker.person.id)
	const crossable = r.params.filter((p) => !GLOBAL_KINDS.has(p))
	const names = [...new Set([...r.queryNames, ...r.fields.filter((f) => f !== 'intent')])]
	for (const role of ROLE_NAMES) {
		const cookie = cookies[role]
		const get = async (label: string, params: Record<string, string>, query: string, ex: Expect) => {
			const { result: o, changed, added } = await watch(() => invoke(r.loader!, { url: fillPath(r.path, params) + query, cookie, params }))
			counts.loaderCalls++
			// A loader may legitimately record a visit (a lesson opening, a verify counter); with
			// junk or foreign params it must refuse and write nothing.
			checkOutcome(failures, `GET /${r.path}${query.slice(0, 60)} as ${role} [${label}]`, 'loader', o, ex === 'any' ? [] : changed, added, ex)
		}
		await get('plain', paramsA, '', 'any')
		for (const q of JUNK_QUERY) await get('junk query', paramsA, q, 'any')
		if (names.length) {
			const q = '?' + names.map((n) => `${encodeURIComponent(n)}=${encodeURIComponent(looksLikeId(n) ? (paramsB[n] ?? t.w.b.enterprise.id) : SQL)}`).join('&')
			await get('junk values for every query name', paramsA, q, 'any')
			await get('1 MB query value', paramsA, `?${encodeURIComponent(names[0]!)}=${'y'.repeat(64 * 1024)}`, 'any')
		}
		if (r.params.length) {
			for (const junk of JUNK_PARAMS) {
				const p = Object.fromEntries(r.params.map((n) => [n, junk]))
				await get(`junk params ${JSON.stringify(junk.slice(0, 20))}`, p, '', 'refuse-url')
			}
			// The admin sees every tenant by design.
			if (role !== 'admin' && crossable.length && !PUBLIC_BY_DESIGN.has(r.path) && !crossable.every((p) => p === '*')) {
				await get("B's ids in the URL", { ...paramsA, ...Object.fromEntries(crossable.map((n) => [n, paramsB[n]!])) }, '', 'refuse-url')
			}
		}
	}
}

/** SWEEP_FAILURES=<file> appends every failure there (the assertion shows the first 40). */
function report(failures: string[]) {
	if (process.env.SWEEP_FAILURES && failures.length) fs.appendFileSync(process.env.SWEEP_FAILURES, failures.join('\n') + '\n')
}

describe('bad-input sweep over every route of app/routes.ts', () => {
	it('finds the routes', () => {
		counts.routes = routes.length
		expect(routes.length).toBeGreaterThan(40)
		expect(routes.filter((r) => r.action).length).toBeGreaterThan(20)
	})

	for (const r of routes) {
		if (r.action) {
			it(`action /${r.path}`, async () => {
				counts.actionRoutes++
				const failures: string[] = []
				await sweepAction(r, failures)
				report(failures)
				expect(failures.slice(0, 40), `${failures.length} failure(s)`).toEqual([])
			}, 600_000)
		}
		if (r.loader) {
			it(`loader /${r.path}`, async () => {
				counts.loaderRoutes++
				const failures: string[] = []
				await sweepLoader(r, failures)
				report(failures)
				expect(failures.slice(0, 40), `${failures.length} failure(s)`).toEqual([])
			}, 600_000)
		}
	}
})
