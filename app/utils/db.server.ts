import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '~/generated/prisma/client.ts'
import { databaseFile } from './env.server.ts'

export type Db = PrismaClient

type SqliteStatement = {
	reader: boolean
	run(params?: unknown[]): unknown
	columns(): unknown[]
	raw(on?: boolean): SqliteStatement
	all(params?: unknown[]): unknown[]
	get(params?: unknown[]): unknown
}
type SqliteConnection = { prepare(sql: string): SqliteStatement }

/**
 * The adapter prepares (compiles) every SQL statement anew on each query; the app sends the
 * same few hundred statements again and again (an answer save is nine of them). Keep compiled
 * statements per connection and hand the adapter a fresh binding each time: better-sqlite3 lets
 * a statement be bound only once, so `bind(args)` returns a view that passes the arguments to
 * each call instead. Measured with npm run bench:exam (issue 8).
 */
function cacheStatements(conn: SqliteConnection, max = 2000): void {
	const prepare = conn.prepare.bind(conn)
	const cache = new Map<string, SqliteStatement>()
	const view = (stmt: SqliteStatement, args: unknown[]) => ({
		get reader() {
			return stmt.reader
		},
		bind: (next: unknown[]) => view(stmt, next),
		run: () => stmt.run(args),
		columns: () => stmt.columns(),
		raw: (on = true) => ({ all: () => stmt.raw(on).all(args), get: () => stmt.raw(on).get(args) }),
		all: () => stmt.raw(false).all(args),
		get: () => stmt.raw(false).get(args),
	})
	conn.prepare = (sql: string) => {
		let stmt = cache.get(sql)
		if (stmt) {
			cache.delete(sql)
		} else {
			stmt = prepare(sql)
			if (cache.size >= max) cache.delete(cache.keys().next().value!)
		}
		cache.set(sql, stmt)
		return view(stmt, []) as unknown as SqliteStatement
	}
}

class CachedStatementsSqlite extends PrismaBetterSqlite3 {
	override async connect() {
		const adapter = await super.connect()
		cacheStatements((adapter as unknown as { client: SqliteConnection }).client)
		return adapter
	}
}

function createClient(): PrismaClient {
	const file = databaseFile(process.env.DATABASE_URL ?? 'file:./data/anxun.db')
	// busy timeout 5 s: readers never block in WAL mode, a writer waits for the other writer.
	const adapter = new CachedStatementsSqlite({ url: file, timeout: 5000 })
	// One SQLite writer: under load a transaction may queue behind others for a while, so the
	// defaults (2 s to start, 5 s to run) are too tight for a busy exam day.
	return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 30_000 } })
}

const globalForDb = globalThis as unknown as { __anxunDb?: PrismaClient; __anxunDbReady?: Promise<void> }

export const db: PrismaClient = (globalForDb.__anxunDb ??= createClient())

/**
 * Per-connection pragmas. journal_mode=WAL is persistent in the file (set by the migration
 * script too); synchronous=NORMAL is safe in WAL against process crashes and much faster.
 */
export function ensureDbReady(): Promise<void> {
	globalForDb.__anxunDbReady ??= (async () => {
		await db.$queryRawUnsafe('PRAGMA journal_mode = WAL')
		await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
		await db.$executeRawUnsafe('PRAGMA foreign_keys = ON')
	})()
	return globalForDb.__anxunDbReady
}
