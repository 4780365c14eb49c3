import { AsyncLocalStorage } from 'node:async_hooks'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import type BetterSqlite3 from 'better-sqlite3'
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
	conn.prepare = (given: string) => {
		// Every transaction takes the write lock when it begins. A deferred one that reads and then
		// writes fails at once (SQLITE_BUSY, no waiting) when another connection — a script, a
		// backup, a test — wrote in between; an immediate one waits its turn (busy timeout).
		const sql = given === 'BEGIN' ? 'BEGIN IMMEDIATE' : given
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

/**
 * Orders work on the one connection (see serialiseWithTransactions). An interactive transaction
 * holds the connection from BEGIN to COMMIT/ROLLBACK, across awaits; nothing else may run on it
 * meanwhile. A plain statement (or a synchronous batch, directTransaction) runs to completion
 * the moment it is called, so plain work needs no order among itself — it only waits while a
 * transaction is open or queued. Turns alternate: when a transaction ends, every plain
 * operation waiting for it runs; when they are done, the next transaction opens. So neither side
 * starves, and a cheap statement (an answer save) never queues behind other cheap statements.
 */
class ConnectionGate {
	#open = false
	#running = 0
	#plain: (() => void)[] = []
	#tx: (() => void)[] = []
	#turn: 'plain' | 'tx' = 'plain'

	/** Run `fn` (a statement, or synchronous work) outside any transaction. */
	async plain<T>(fn: () => T | Promise<T>): Promise<T> {
		if (this.#open || this.#tx.length) await new Promise<void>((r) => this.#plain.push(r))
		else this.#running++
		try {
			return await fn()
		} finally {
			if (--this.#running === 0) this.#next()
		}
	}

	/** Wait until a transaction may begin; call the returned function when it has ended. */
	async transaction(): Promise<() => void> {
		if (this.#open || this.#running || this.#tx.length) await new Promise<void>((r) => this.#tx.push(r))
		else this.#open = true
		let ended = false
		return () => {
			if (ended) return
			ended = true
			this.#open = false
			this.#turn = 'plain'
			this.#next()
		}
	}

	#next(): void {
		if (this.#open || this.#running) return
		if (this.#plain.length && (this.#turn === 'plain' || !this.#tx.length)) {
			const admitted = this.#plain
			this.#plain = []
			this.#running += admitted.length
			this.#turn = 'tx'
			for (const go of admitted) go()
		} else if (this.#tx.length) {
			this.#open = true
			this.#turn = 'plain'
			this.#tx.shift()!()
		}
	}
}

type Queryable = { queryRaw(q: unknown): Promise<unknown>; executeRaw(q: unknown): Promise<unknown> }
type TxAdapter = Queryable & { startTransaction(isolation?: unknown): Promise<Queryable & { commit(): Promise<void>; rollback(): Promise<void> }> }

/**
 * One SQLite connection serves every request. The adapter serialises transactions with each
 * other, but a query outside a transaction ran straight away — inside whatever transaction
 * another request had open at that moment: it read that transaction's uncommitted rows, and its
 * writes were undone if that transaction rolled back, after its own caller was told they were
 * saved (found while profiling the exam-day benchmark, issue 8; ADR 0011). So queries outside a
 * transaction wait while one is open (ConnectionGate). Code inside a transaction must use the
 * transaction client (`tx`), never `db` — it would wait for itself (refused at once, below).
 */
function serialiseWithTransactions(adapter: TxAdapter, gate: ConnectionGate): void {
	for (const name of ['queryRaw', 'executeRaw'] as const) {
		const run = adapter[name].bind(adapter)
		adapter[name] = (q: unknown) => {
			refuseInsideTransaction()
			return gate.plain(() => run(q))
		}
	}
	const start = adapter.startTransaction.bind(adapter)
	adapter.startTransaction = async (isolation?: unknown) => {
		refuseInsideTransaction()
		const end = await gate.transaction()
		let tx: Awaited<ReturnType<typeof start>>
		try {
			tx = await start(isolation)
		} catch (e) {
			end()
			throw e
		}
		const commit = tx.commit.bind(tx)
		const rollback = tx.rollback.bind(tx)
		tx.commit = () => commit().finally(end)
		tx.rollback = () => rollback().finally(end)
		return tx
	}
}

/** Set while an interactive transaction's callback runs (see guardTransactions). */
const insideTransaction = new AsyncLocalStorage<{ open: boolean }>()

/**
 * `db` used inside `db.$transaction(async (tx) => …)` would wait for the gate its own transaction
 * holds — a silent hang until the transaction times out. Fail at once, naming the mistake.
 */
function refuseInsideTransaction(): void {
	if (insideTransaction.getStore()?.open) {
		throw new Error('db used inside db.$transaction(): use the transaction client passed to the callback')
	}
}

function guardTransactions(client: PrismaClient): void {
	type Start = (arg: unknown, options?: unknown) => Promise<unknown>
	const start = client.$transaction.bind(client) as Start
	const guarded: Start = (arg, options) => {
		if (typeof arg !== 'function') return start(arg, options)
		const scope = { open: false }
		const body = async (tx: unknown) => {
			scope.open = true
			try {
				return await (arg as (tx: unknown) => Promise<unknown>)(tx)
			} finally {
				scope.open = false
			}
		}
		return insideTransaction.run(scope, () => start(body, options))
	}
	;(client as unknown as { $transaction: Start }).$transaction = guarded
}

/** The open connection, for `directTransaction` (set on every connect). */
let direct: { conn: BetterSqlite3.Database; prepare: (sql: string) => BetterSqlite3.Statement; gate: ConnectionGate } | null = null

class CachedStatementsSqlite extends PrismaBetterSqlite3 {
	override async connect() {
		const adapter = await super.connect()
		const conn = (adapter as unknown as { client: BetterSqlite3.Database }).client
		const statements = new Map<string, BetterSqlite3.Statement>()
		const prepareOwn = conn.prepare.bind(conn)
		// The adapter turns on BigInt integers for the connection; our counts and positions are small.
		const prepare = (sql: string) => statements.get(sql) ?? statements.set(sql, prepareOwn(sql).safeIntegers(false)).get(sql)!
		cacheStatements(conn as unknown as SqliteConnection)
		const gate = new ConnectionGate()
		serialiseWithTransactions(adapter as unknown as TxAdapter, gate)
		direct = { conn, prepare, gate }
		return adapter
	}
}

/** Compiled statements for `directTransaction`; parameters are positional (`?`). */
export type DirectSql = {
	get<T>(sql: string, ...params: unknown[]): T | undefined
	run(sql: string, ...params: unknown[]): number
}

/**
 * A synchronous write transaction (BEGIN IMMEDIATE … COMMIT) straight on the connection, for
 * the one path where Prisma's interactive transaction costs more than the work: an exam
 * answer save (a thousand phones on an exam day; npm run bench:exam, issue 8). It takes its turn
 * at the same gate as every other query, so it never runs inside another request's open
 * transaction, and as `fn` is synchronous nothing else can run inside it. Values are stored as
 * the Prisma adapter stores them: dates as ISO text (`sqliteDate`), booleans as 0/1.
 */
export function directTransaction<T>(fn: (sql: DirectSql) => T): Promise<T> {
	return onConnection((sql, conn) => {
		sql.run('BEGIN IMMEDIATE')
		try {
			const result = fn(sql)
			sql.run('COMMIT')
			return result
		} catch (e) {
			if (conn.inTransaction) sql.run('ROLLBACK')
			throw e
		}
	})
}

/** Synchronous reads straight on the connection, at its turn (see directTransaction). */
export function directRead<T>(fn: (sql: DirectSql) => T): Promise<T> {
	return onConnection((sql) => fn(sql))
}

async function onConnection<T>(fn: (sql: DirectSql, conn: BetterSqlite3.Database) => T): Promise<T> {
	refuseInsideTransaction()
	if (!direct?.conn.open) await db.$connect()
	const { conn, prepare, gate } = direct!
	return gate.plain(() =>
		fn(
			{
				get: <R>(q: string, ...params: unknown[]) => prepare(q).get(...params) as R | undefined,
				run: (q: string, ...params: unknown[]) => prepare(q).run(...params).changes,
			},
			conn,
		),
	)
}

/** A date as the Prisma SQLite adapter writes it (ISO 8601 with an explicit +00:00). */
export function sqliteDate(d: Date): string {
	return d.toISOString().replace('Z', '+00:00')
}

function createClient(): PrismaClient {
	const file = databaseFile(process.env.DATABASE_URL ?? 'file:./data/anxun.db')
	// busy timeout 5 s: readers never block in WAL mode, a writer waits for the other writer.
	const adapter = new CachedStatementsSqlite({ url: file, timeout: 5000 })
	// One SQLite writer: under load a transaction may queue behind others for a while, so the
	// defaults (2 s to start, 5 s to run) are too tight for a busy exam day.
	const client = new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 30_000 } })
	guardTransactions(client)
	return client
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
