/**
 * Every route of the app, read from app/routes.ts at test time (so a route added tomorrow is
 * swept and matrix-tested without touching the tests), with its module, its URL params and what
 * its source says about its inputs: form field names, intents and query-string names.
 *
 * The source reading is a heuristic (regular expressions over the route file and the
 * app/components files it imports); the sweep adds every field that a schema later reports as
 * missing, so a field this misses is still found at run time.
 */
import fs from 'node:fs'
import path from 'node:path'

const APP_DIR = path.resolve(import.meta.dirname, '../../app')

type ConfigEntry = { id?: string; path?: string; index?: boolean; file: string; children?: ConfigEntry[] }

export type RouteFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown

export type RouteInfo = {
	/** The URL pattern, e.g. "roster/:personId/edit" ("" for the index route). */
	path: string
	file: string
	params: string[]
	loader?: RouteFn
	action?: RouteFn
	/** Field names a form of this route sends (name="…", formData.get('…'), schema keys). */
	fields: string[]
	/** Values of the `intent` field, when the action switches on one. */
	intents: string[]
	/** Query-string names its loader reads. */
	queryNames: string[]
}

function flatten(entries: ConfigEntry[], prefix = ''): { path: string; file: string }[] {
	const out: { path: string; file: string }[] = []
	for (const e of entries) {
		const own = e.path ? (prefix ? `${prefix}/${e.path}` : e.path) : prefix
		// A layout route (no path, has children) renders nothing of its own worth calling alone,
		// but its loader runs for every child: keep it under the children's common prefix.
		out.push({ path: own, file: e.file })
		if (e.children) out.push(...flatten(e.children, own))
	}
	return out
}

export function paramNames(pattern: string): string[] {
	return pattern
		.split('/')
		.filter((s) => s.startsWith(':') || s === '*')
		.map((s) => (s === '*' ? '*' : s.slice(1).replace(/\?$/, '')))
}

/** Fill a pattern with values ('*' takes the splat value). */
export function fillPath(pattern: string, values: Record<string, string>): string {
	return (
		'/' +
		pattern
			.split('/')
			.filter(Boolean)
			.map((s) => (s === '*' ? values['*'] ?? '' : s.startsWith(':') ? encodeURIComponent(values[s.slice(1).replace(/\?$/, '')] ?? '') : s))
			.join('/')
	)
}

function readSources(file: string): string {
	const main = path.join(APP_DIR, file)
	let text = fs.readFileSync(main, 'utf8')
	// Components that render this route's forms (person form, credential form …).
	for (const m of text.matchAll(/from\s+['"]~\/(components\/[^'"]+)['"]/g)) {
		const p = path.join(APP_DIR, m[1]!)
		if (!fs.existsSync(p)) continue
		const comp = fs.readFileSync(p, 'utf8')
		// A component whose form posts to another route (the language switch) is not this route's input.
		if (/<(?:form|Form)\b[^>]*\baction=["'{]\/?\w/.test(comp)) continue
		text += '\n' + comp
	}
	return text
}

const NOT_FIELDS = new Set(['viewport', 'description', 'robots', 'theme-color', 'referrer'])

function extractFields(src: string): string[] {
	const names = new Set<string>()
	for (const m of src.matchAll(/\bname=(?:"([A-Za-z_][\w.-]*)"|'([A-Za-z_][\w.-]*)'|\{\s*["'`]([A-Za-z_][\w.-]*)["'`]\s*\})/g)) names.add((m[1] ?? m[2] ?? m[3])!)
	for (const m of src.matchAll(/\b(?:form|formData|fd|body)\.(?:get|getAll|has)\(\s*["']([A-Za-z_][\w.-]*)["']/g)) names.add(m[1]!)
	// Keys of zod objects declared in the route file: `  key: z.` at the start of a line.
	for (const m of src.matchAll(/^\s*([A-Za-z_]\w*)\s*:\s*z\s*\./gm)) names.add(m[1]!)
	for (const n of NOT_FIELDS) names.delete(n)
	return [...names].sort()
}

function extractIntents(src: string): string[] {
	const out = new Set<string>()
	for (const m of src.matchAll(/intent\s*:\s*z\s*\.\s*enum\(\s*\[([^\]]*)\]/g)) for (const v of m[1]!.matchAll(/['"]([\w-]+)['"]/g)) out.add(v[1]!)
	for (const m of src.matchAll(/intent\s*:\s*z\s*\.\s*literal\(\s*['"]([\w-]+)['"]/g)) out.add(m[1]!)
	for (const m of src.matchAll(/name="intent"\s+value=(?:"([\w-]+)"|\{([^}]*)\})/g)) {
		if (m[1]) out.add(m[1])
		else for (const v of m[2]!.matchAll(/['"]([\w-]+)['"]/g)) out.add(v[1]!)
	}
	for (const m of src.matchAll(/intent\s*===?\s*['"]([\w-]+)['"]/g)) out.add(m[1]!)
	return [...out].sort()
}

function extractQueryNames(src: string): string[] {
	const out = new Set<string>()
	for (const m of src.matchAll(/searchParams\.(?:get|getAll|has)\(\s*['"]([\w.-]+)['"]/g)) out.add(m[1]!)
	for (const m of src.matchAll(/\b(?:url|u|search|sp|query)\.(?:get|getAll|has)\(\s*['"]([\w.-]+)['"]/g)) out.add(m[1]!)
	return [...out].sort()
}

let cache: RouteInfo[] | undefined

/** All routes of app/routes.ts, with their modules loaded. */
export async function loadRouteTable(): Promise<RouteInfo[]> {
	if (cache) return cache
	const config = (await import('~/routes.ts')).default as unknown as ConfigEntry[]
	const out: RouteInfo[] = []
	for (const r of flatten(config)) {
		const mod = (await import(/* @vite-ignore */ path.join(APP_DIR, r.file))) as { loader?: RouteFn; action?: RouteFn }
		const src = readSources(r.file)
		out.push({
			path: r.path,
			file: r.file,
			params: paramNames(r.path),
			loader: typeof mod.loader === 'function' ? mod.loader : undefined,
			action: typeof mod.action === 'function' ? mod.action : undefined,
			fields: extractFields(src),
			intents: extractIntents(src),
			queryNames: extractQueryNames(src),
		})
	}
	cache = out
	return out
}
