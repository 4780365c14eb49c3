/**
 * "Has the database changed?" for the sweep and the matrix: a content hash per table (every row
 * of every table, ordered by rowid), read through a second, read-only SQLite connection.
 * `changes()` asks the app's own connection for total_changes() first: when no row was written
 * since the last look, the hash cannot have moved and is not recomputed.
 */
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import { db } from '~/utils/db.server.ts'
import { databaseFile } from '~/utils/env.server.ts'

/**
 * Bookkeeping the app is meant to write whatever the input: sessions (sign-in/out, touched on
 * use), sign-in and verify-page throttles (failures are counted, that is their purpose).
 */
export const BOOKKEEPING_TABLES = new Set(['Session', 'LoginThrottle', 'VerifyThrottle', '_prisma_migrations'])

export type TableState = { count: number; hash: string; rows: Set<string> }
export type DbState = { tables: Map<string, TableState>; totalChanges: bigint }

let reader: Database.Database | undefined
function ro(): Database.Database {
	reader ??= new Database(databaseFile(process.env.DATABASE_URL!), { readonly: true, fileMustExist: true })
	return reader
}

export async function totalChanges(): Promise<bigint> {
	const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>('SELECT total_changes() AS n')
	return BigInt(rows[0]!.n)
}

function tableNames(): string[] {
	return (ro().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
		.map((r) => r.name)
		.filter((n) => !BOOKKEEPING_TABLES.has(n))
}

function replacer(_k: string, v: unknown) {
	if (typeof v === 'bigint') return v.toString()
	if (Buffer.isBuffer(v)) return `buf:${v.toString('hex')}`
	return v
}

export function hashTables(): Map<string, TableState> {
	const out = new Map<string, TableState>()
	for (const t of tableNames()) {
		const rows = ro().prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw(true).all()
		const h = createHash('sha256')
		const set = new Set<string>()
		for (const r of rows) {
			const line = JSON.stringify(r, replacer)
			set.add(line)
			h.update(line).update('\n')
		}
		out.set(t, { count: rows.length, hash: h.digest('hex'), rows: set })
	}
	return out
}

export async function captureState(): Promise<DbState> {
	return { totalChanges: await totalChanges(), tables: hashTables() }
}

export type Changes = {
	/** "Table(rows before→after)" for every table whose content differs. */
	changed: string[]
	/** Rows (as JSON text) that are new or were changed, per table. */
	added: Map<string, string[]>
}

/** What differs between `before` and now; returns the new state too. */
export async function changesSince(before: DbState): Promise<Changes & { after: DbState }> {
	const tc = await totalChanges()
	if (tc === before.totalChanges) return { changed: [], added: new Map(), after: before }
	const tables = hashTables()
	const changed: string[] = []
	const added = new Map<string, string[]>()
	for (const [t, v] of tables) {
		const b = before.tables.get(t)
		if (b && b.hash === v.hash) continue
		changed.push(`${t}(${b?.count ?? 0}→${v.count})`)
		added.set(t, [...v.rows].filter((row) => !b?.rows.has(row)))
	}
	return { changed, added, after: { totalChanges: tc, tables } }
}

/** Tables where a new or changed row contains one of the strings. */
export function storedIn(added: Map<string, string[]>, needles: string[]): { table: string; needle: string }[] {
	const out: { table: string; needle: string }[] = []
	for (const [table, rows] of added) for (const n of needles) if (rows.some((r) => r.includes(n))) out.push({ table, needle: n })
	return out
}

let last: DbState | undefined

/**
 * The state right now, recomputed only when something wrote since the last call (fixture
 * factories write between calls; the state before a call must include their rows).
 */
export async function currentState(): Promise<DbState> {
	const tc = await totalChanges()
	if (last && last.totalChanges === tc) return last
	last = { totalChanges: tc, tables: hashTables() }
	return last
}

/** Call `fn` and report which tables it changed. */
export async function watch<T>(fn: () => Promise<T>): Promise<{ result: T } & Changes> {
	const before = await currentState()
	const result = await fn()
	const { changed, added, after } = await changesSince(before)
	last = after
	return { result, changed, added }
}

export function closeReader() {
	reader?.close()
	reader = undefined
}
