/**
 * Offline driver for Prisma's schema engine (migrations) on SQLite.
 *
 * The Prisma CLI wants a native schema-engine binary that cannot be downloaded here, so we run
 * `@prisma/schema-engine-wasm` (pinned to the engines hash of the installed Prisma) ourselves,
 * connected to the database through the better-sqlite3 driver adapter. Migration folders and the
 * `_prisma_migrations` table are exactly Prisma's own. See docs/decisions/0002.
 *
 * Two traps are handled here (see /work/shared/docs/stack-notes.md):
 *  1. When the engine replays migrations on the shadow database it sends the whole
 *     multi-statement migration.sql through `executeRaw` with no arguments. better-sqlite3 can
 *     only prepare one statement at a time (→ `P3006 … External error`), so such calls are
 *     routed to `executeScript` (`Database#exec`).
 *  2. `engine.reset()` leaves tables in place on SQLite, so never use it: delete the file
 *     (and its -wal/-shm/-journal) instead — see `deleteSqliteFile`.
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import {
	bindMigrationAwareSqlAdapterFactory,
	type SqlDriverAdapter,
	type SqlMigrationAwareDriverAdapterFactory,
	type SqlQuery,
	type Transaction,
} from '@prisma/driver-adapter-utils'
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { MigrationList, SchemaEngine, SchemaFilter, SchemasContainer } from '@prisma/schema-engine-wasm'

export type { MigrationList, SchemaEngine, SchemasContainer } from '@prisma/schema-engine-wasm'

/** No externally managed tables or enums (prisma.config.ts has no `tables.external`). */
export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] }

const MIGRATION_FILE = 'migration.sql'
const LOCKFILE = 'migration_lock.toml'

// ---------------------------------------------------------------------------------------------
// Wasm loading

let wasmReady = false

/**
 * The package's entry does `import * as wasm from "./schema_engine_bg.wasm"` (ES module
 * integration for Wasm), which Node 20 only supports behind `--experimental-wasm-modules`.
 * Instantiate the module by hand instead, like prisma-engines' own test executor does.
 */
function ensureWasmLoaded(): void {
	if (wasmReady) return
	const require = createRequire(import.meta.url)
	const bgJs = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
	const bytes = fs.readFileSync(path.join(path.dirname(bgJs), 'schema_engine_bg.wasm'))
	const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
		'./schema_engine_bg.js': wasmBindings as unknown as WebAssembly.ModuleImports,
	})
	wasmBindings.__wbg_set_wasm(instance.exports)
	;(instance.exports.__wbindgen_start as () => void)()
	wasmReady = true
}

/** Version (engines commit hash) of the loaded schema engine. */
export function schemaEngineVersion(): string {
	ensureWasmLoaded()
	return wasmBindings.version()
}

// ---------------------------------------------------------------------------------------------
// Adapter shim (trap 1)

type Log = (line: string) => void

const MULTI_STATEMENT = /more than one statement/i

/**
 * better-sqlite3 refuses to prepare a string with several statements and throws before running
 * any of them, so retrying the same SQL as a script is safe.
 */
async function executeRawOrScript(
	run: (q: SqlQuery) => Promise<number>,
	script: (sql: string) => Promise<void>,
	query: SqlQuery,
	log: Log,
): Promise<number> {
	try {
		return await run(query)
	} catch (error) {
		if (query.args.length === 0 && error instanceof Error && MULTI_STATEMENT.test(error.message)) {
			log(`executeRaw got a multi-statement script (${query.sql.length} chars): running it with executeScript`)
			await script(query.sql)
			return 0
		}
		throw error
	}
}

function shimTransaction(tx: Transaction, script: (sql: string) => Promise<void>, log: Log): Transaction {
	const shim = Object.create(tx) as Transaction
	shim.executeRaw = (q) => executeRawOrScript((x) => tx.executeRaw(x), script, q, log)
	return shim
}

function shimAdapter(adapter: SqlDriverAdapter, opened: SqlDriverAdapter[], log: Log): SqlDriverAdapter {
	opened.push(adapter)
	const script = (sql: string) => adapter.executeScript(sql)
	const shim = Object.create(adapter) as SqlDriverAdapter
	shim.executeRaw = (q) => executeRawOrScript((x) => adapter.executeRaw(x), script, q, log)
	shim.startTransaction = async (level) => shimTransaction(await adapter.startTransaction(level), script, log)
	return shim
}

class ShimmedSqliteFactory implements SqlMigrationAwareDriverAdapterFactory {
	readonly provider = 'sqlite' as const
	readonly adapterName: string
	/** Every connection handed to the engine, so that `close()` can release the file handles. */
	readonly opened: SqlDriverAdapter[] = []

	constructor(
		private readonly inner: PrismaBetterSqlite3,
		private readonly log: Log,
	) {
		this.adapterName = inner.adapterName
	}

	async connect(): Promise<SqlDriverAdapter> {
		return shimAdapter(await this.inner.connect(), this.opened, this.log)
	}

	async connectToShadowDb(): Promise<SqlDriverAdapter> {
		// The adapter's shadow database is `:memory:` unless `shadowDatabaseUrl` is given.
		return shimAdapter(await this.inner.connectToShadowDb(), this.opened, this.log)
	}
}

// ---------------------------------------------------------------------------------------------
// Engine handle

export interface EngineHandle {
	engine: SchemaEngine
	/** Free the Wasm engine and close every SQLite connection it opened. Idempotent. */
	close(): Promise<void>
}

export interface OpenEngineOptions {
	/** Prisma schema files to hand to the engine at start (optional). */
	schema?: SchemasContainer
	/** Log the engine's debug output to stderr (also on with DEBUG=prisma:schemaEngine*). */
	debug?: boolean
}

/**
 * Start a schema engine whose main database is `dbFile` (an absolute path, or `:memory:`).
 * The caller must `close()` it — better-sqlite3 keeps the file open until then.
 */
export async function openSchemaEngine(dbFile: string, options: OpenEngineOptions = {}): Promise<EngineHandle> {
	ensureWasmLoaded()
	const debug = options.debug ?? /prisma:schemaEngine|prisma:\*|^\*$/.test(process.env.DEBUG ?? '')
	const log: Log = debug ? (line) => process.stderr.write(`[schema-engine] ${line}\n`) : () => {}
	const factory = new ShimmedSqliteFactory(new PrismaBetterSqlite3({ url: dbFile }), log)
	const bound = bindMigrationAwareSqlAdapterFactory(factory)
	const datamodels = options.schema?.files.map((f) => [f.path, f.content] as [string, string])

	let engine: SchemaEngine
	try {
		engine = await wasmBindings.SchemaEngine.new({ datamodels }, log, bound)
	} catch (error) {
		await disposeAll(factory.opened)
		throw translateEngineError(error)
	}

	let closed = false
	return {
		engine: wrapErrors(engine),
		async close() {
			if (closed) return
			closed = true
			engine.free()
			await disposeAll(factory.opened)
		},
	}
}

async function disposeAll(adapters: SqlDriverAdapter[]): Promise<void> {
	for (const adapter of adapters.splice(0)) {
		// better-sqlite3's close() is a no-op on a closed database.
		await adapter.dispose().catch(() => {})
	}
}

/**
 * Engine errors arrive as objects with a Prisma code (P3006 …) and a message. Turn them into a
 * readable `Error` that keeps the code.
 */
function translateEngineError(error: unknown): Error {
	const e = (error ?? {}) as { code?: unknown; message?: unknown }
	const code = typeof e.code === 'string' ? e.code : undefined
	const message = typeof e.message === 'string' ? e.message : String(error)
	const out = new Error(code ? `${code}: ${message}` : message, { cause: error })
	if (code) Object.assign(out, { code })
	return out
}

/** Proxy that keeps `this` bound to the Wasm object and rewrites errors. */
function wrapErrors(engine: SchemaEngine): SchemaEngine {
	return new Proxy(engine, {
		get(target, prop, receiver) {
			const value = Reflect.get(target, prop, receiver) as unknown
			if (typeof value !== 'function') return value
			return (...args: unknown[]) => {
				try {
					const result = (value as (...a: unknown[]) => unknown).apply(target, args)
					return result instanceof Promise
						? result.catch((error: unknown) => {
								throw translateEngineError(error)
							})
						: result
				} catch (error) {
					throw translateEngineError(error)
				}
			}
		},
	})
}

// ---------------------------------------------------------------------------------------------
// Files

/** Read a migrations folder exactly like the Prisma CLI does (sorted sub-folders, lockfile). */
export async function loadMigrationsList(migrationsDir: string, shadowDbInitScript = ''): Promise<MigrationList> {
	const baseDir = path.resolve(migrationsDir)
	const lockContent = await fsp.readFile(path.join(baseDir, LOCKFILE), 'utf8').catch(() => null)
	const entries = await fsp.readdir(baseDir, { withFileTypes: true }).catch(() => [])
	const dirs = entries.filter((d) => d.isDirectory()).map((d) => d.name)
	dirs.sort((a, b) => a.localeCompare(b))
	const migrationDirectories = await Promise.all(
		dirs.map(async (name) => ({
			path: name,
			migrationFile: {
				path: MIGRATION_FILE,
				content: await fsp
					.readFile(path.join(baseDir, name, MIGRATION_FILE), 'utf8')
					.then((value) => ({ tag: 'ok' as const, value }))
					.catch((error: Error) => ({ tag: 'error' as const, value: error.message })),
			},
		})),
	)
	return { baseDir, lockfile: { path: LOCKFILE, content: lockContent }, shadowDbInitScript, migrationDirectories }
}

/** The schema file(s) as the engine wants them. */
export async function loadSchema(schemaPath: string): Promise<SchemasContainer> {
	const abs = path.resolve(schemaPath)
	return { files: [{ path: abs, content: await fsp.readFile(abs, 'utf8') }] }
}

/** Same text as the lockfile `prisma migrate dev` writes. */
export function lockfileContent(provider: string): string {
	return (
		'# Please do not edit this file manually\n' +
		'# It should be added in your version-control system (e.g., Git)\n' +
		`provider = "${provider}"\n`
	)
}

/** Delete an SQLite database and its side files. Trap 2: the engine's own reset leaves tables. */
export async function deleteSqliteFile(dbFile: string): Promise<void> {
	for (const suffix of ['', '-wal', '-shm', '-journal']) {
		await fsp.rm(dbFile + suffix, { force: true })
	}
}
