/**
 * Offline replacement for `prisma migrate` on SQLite (the native schema engine cannot be
 * downloaded here; see docs/decisions/0002-offline-prisma-migrations.md).
 *
 *   npx tsx scripts/migrate.ts deploy          apply pending migrations, then journal_mode=WAL
 *   npx tsx scripts/migrate.ts create <name>   write prisma/migrations/<UTC timestamp>_<name>/
 *   npx tsx scripts/migrate.ts diff            SQL from the database to schema.prisma;
 *                                              exit 0 = in sync, 1 = drift, 2 = error
 *   npx tsx scripts/migrate.ts reset           delete the database file(s), then deploy
 *
 * The database is DATABASE_URL (`file:<path>`, default file:./data/anxun.db); a relative path
 * is relative to the project root, as Prisma resolves it for prisma.config.ts.
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import Database from 'better-sqlite3'

import {
	deleteSqliteFile,
	loadMigrationsList,
	loadSchema,
	lockfileContent,
	NO_FILTER,
	openSchemaEngine,
	type MigrationList,
} from './lib/schema-engine.ts'

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SCHEMA_PATH = path.join(PROJECT_ROOT, 'prisma', 'schema.prisma')
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations')
export const DEFAULT_DATABASE_URL = 'file:./data/anxun.db'

const PROVIDER = 'sqlite'

export interface MigrateOptions {
	/** Defaults to prisma/migrations. */
	migrationsDir?: string
	/** Defaults to prisma/schema.prisma. */
	schemaPath?: string
}

/** `file:./data/anxun.db` → absolute path; relative paths are relative to the project root. */
export function resolveDatabaseFile(url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
	if (!url.startsWith('file:')) {
		throw new Error(`DATABASE_URL must be an SQLite file URL such as ${DEFAULT_DATABASE_URL} (got "${url}")`)
	}
	const file = url
		.slice('file:'.length)
		.replace(/^\/\/(?=\/)/, '') // file:///abs/path → /abs/path
		.replace(/\?.*$/, '') // drop connection parameters
	if (!file || file === ':memory:') throw new Error(`DATABASE_URL must name a database file (got "${url}")`)
	return path.resolve(PROJECT_ROOT, file)
}

// ---------------------------------------------------------------------------------------------

export interface DeployResult {
	/** Names of the migrations applied by this call (empty when already up to date). */
	applied: string[]
}

/**
 * `prisma migrate deploy`: create the database (and its folder) if missing, apply every pending
 * migration, then switch the file to WAL. Idempotent.
 */
export async function deployMigrations(dbFile: string, options: MigrateOptions = {}): Promise<DeployResult> {
	const file = path.resolve(dbFile)
	await fsp.mkdir(path.dirname(file), { recursive: true })
	const migrationsList = await loadMigrationsList(options.migrationsDir ?? MIGRATIONS_DIR)

	const handle = await openSchemaEngine(file)
	let applied: string[]
	try {
		;({ appliedMigrationNames: applied } = await handle.engine.applyMigrations({
			migrationsList,
			filters: NO_FILTER,
		}))
	} finally {
		await handle.close()
	}

	// journal_mode=WAL is persistent in the file. Closing the last connection checkpoints and
	// removes the -wal file, so the .db file alone is complete (tests copy it).
	const db = new Database(file)
	try {
		db.pragma('journal_mode = WAL')
	} finally {
		db.close()
	}
	return { applied }
}

/** `migrate reset` without the engine's reset (it leaves tables on SQLite): delete, then deploy. */
export async function resetDatabase(dbFile: string, options: MigrateOptions = {}): Promise<DeployResult> {
	await deleteSqliteFile(path.resolve(dbFile))
	return deployMigrations(dbFile, options)
}

/**
 * SQL that takes the database at `dbFile` to the state described by schema.prisma; '' when they
 * agree. Read-only. The file must exist.
 */
export async function diffDatabaseToSchema(dbFile: string, options: MigrateOptions = {}): Promise<string> {
	const file = path.resolve(dbFile)
	if (!fs.existsSync(file)) throw new Error(`Database file not found: ${file} (run deploy first)`)
	const schema = await loadSchema(options.schemaPath ?? SCHEMA_PATH)

	const handle = await openSchemaEngine(file)
	try {
		const result = await handle.engine.diff({
			// The Wasm engine reads a "datasource" target through the adapter, i.e. from `file`.
			from: { tag: 'schemaDatasource', files: schema.files, configDir: PROJECT_ROOT },
			to: { tag: 'schemaDatamodel', files: schema.files },
			script: true,
			exitCode: true,
			filters: NO_FILTER,
		})
		return result.exitCode === 2 ? (result.stdout ?? '') : ''
	} finally {
		await handle.close()
	}
}

/** The lockfile Prisma requires to diff from a migrations folder; virtual until the first one. */
function withLockfile(list: MigrationList): MigrationList {
	return { ...list, lockfile: { ...list.lockfile, content: list.lockfile.content ?? lockfileContent(PROVIDER) } }
}

/** SQL that takes the state after all migrations to schema.prisma; '' when nothing changed. */
export async function diffMigrationsToSchema(options: MigrateOptions = {}): Promise<string> {
	const migrationsList = withLockfile(await loadMigrationsList(options.migrationsDir ?? MIGRATIONS_DIR))
	const schema = await loadSchema(options.schemaPath ?? SCHEMA_PATH)

	// The main connection is unused here: migrations are replayed on the adapter's in-memory
	// shadow database. (`engine.createMigration` cannot be used: on the Wasm engine it is not
	// given the adapter's shadow-database factory and fails for SQLite.)
	const handle = await openSchemaEngine(':memory:')
	try {
		const result = await handle.engine.diff({
			from: { tag: 'migrations', ...migrationsList },
			to: { tag: 'schemaDatamodel', files: schema.files },
			script: true,
			exitCode: true,
			filters: NO_FILTER,
		})
		return result.exitCode === 2 ? (result.stdout ?? '') : ''
	} finally {
		await handle.close()
	}
}

/** `20250102030405` in UTC, like Prisma's generated migration names. */
export function migrationTimestamp(date = new Date()): string {
	return date.toISOString().replace(/\D/g, '').slice(0, 14)
}

/** Lower-case snake_case, as safe in a folder name as Prisma's own. */
export function normalizeMigrationName(name: string): string {
	const normalized = name
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.slice(0, 100)
	if (!normalized) throw new Error(`Invalid migration name "${name}": use letters, digits and _`)
	return normalized
}

export interface PlannedMigration {
	/** Folder name, `<timestamp>_<name>`. */
	name: string
	script: string
}

/** What `create` would write, or null when schema.prisma matches the migrations. Writes nothing. */
export async function planMigration(
	name: string,
	options: MigrateOptions & { now?: Date } = {},
): Promise<PlannedMigration | null> {
	const folder = `${migrationTimestamp(options.now)}_${normalizeMigrationName(name)}`
	const script = await diffMigrationsToSchema(options)
	return script ? { name: folder, script } : null
}

export interface CreatedMigration extends PlannedMigration {
	/** Absolute path of the new migration folder. */
	dir: string
}

/** `prisma migrate dev --create-only`: write the next migration folder and the lockfile. */
export async function createMigration(
	name: string,
	options: MigrateOptions & { now?: Date } = {},
): Promise<CreatedMigration | null> {
	const planned = await planMigration(name, options)
	if (!planned) return null
	const baseDir = path.resolve(options.migrationsDir ?? MIGRATIONS_DIR)
	const existing = (await loadMigrationsList(baseDir)).migrationDirectories.map((d) => d.path)
	const last = existing.at(-1)
	if (last !== undefined && last.localeCompare(planned.name) >= 0) {
		throw new Error(`Migration ${planned.name} would not sort after the latest one (${last})`)
	}
	const dir = path.join(baseDir, planned.name)
	await fsp.mkdir(dir, { recursive: true })
	await fsp.writeFile(path.join(dir, 'migration.sql'), planned.script, 'utf8')
	await fsp.writeFile(path.join(baseDir, 'migration_lock.toml'), lockfileContent(PROVIDER), 'utf8')
	return { ...planned, dir }
}

// ---------------------------------------------------------------------------------------------
// CLI

const USAGE = `Usage: npx tsx scripts/migrate.ts <command>

  deploy          Apply all pending migrations to DATABASE_URL (creates the file), set WAL
  create <name>   Write prisma/migrations/<timestamp>_<name>/migration.sql from schema.prisma
  diff            Print the SQL from DATABASE_URL to schema.prisma (exit 1 if any, 2 on error)
  reset           Delete the database file (+ -wal, -shm) and deploy

DATABASE_URL: file:<path>, relative to the project root (default ${DEFAULT_DATABASE_URL})`

function rel(file: string): string {
	const r = path.relative(process.cwd(), file)
	return r && !r.startsWith('..') ? r : file
}

function printDeploy(file: string, { applied }: DeployResult, ms: number): void {
	if (applied.length === 0) {
		console.log(`No pending migrations: ${rel(file)} is up to date (${ms} ms).`)
		return
	}
	console.log(`Applied ${applied.length} migration(s) to ${rel(file)} (${ms} ms):`)
	for (const name of applied) console.log(`  ${name}`)
}

export async function main(argv: string[]): Promise<number> {
	const [command, ...args] = argv
	const started = Date.now()
	const elapsed = () => Date.now() - started
	switch (command) {
		case 'deploy': {
			const file = resolveDatabaseFile()
			printDeploy(file, await deployMigrations(file), elapsed())
			return 0
		}
		case 'reset': {
			const file = resolveDatabaseFile()
			const result = await resetDatabase(file)
			console.log(`Deleted ${rel(file)} (and -wal, -shm).`)
			printDeploy(file, result, elapsed())
			return 0
		}
		case 'create': {
			const [name, ...rest] = args
			if (!name || rest.length > 0) {
				console.error(USAGE)
				return 1
			}
			const created = await createMigration(name)
			if (!created) {
				console.log('No changes: schema.prisma matches prisma/migrations; nothing written.')
				return 0
			}
			console.log(`Created ${rel(path.join(created.dir, 'migration.sql'))} (${elapsed()} ms).`)
			console.log('Review it, then run deploy.')
			return 0
		}
		case 'diff': {
			try {
				const sql = await diffDatabaseToSchema(resolveDatabaseFile())
				if (!sql) {
					console.error(`No difference between the database and schema.prisma (${elapsed()} ms).`)
					return 0
				}
				process.stdout.write(sql.endsWith('\n') ? sql : `${sql}\n`)
				console.error(`The database differs from schema.prisma (${elapsed()} ms).`)
				return 1
			} catch (error) {
				console.error(error instanceof Error ? error.message : error)
				return 2
			}
		}
		default:
			console.error(USAGE)
			return command === undefined || command === '--help' || command === '-h' ? 0 : 1
	}
}

const invokedDirectly =
	process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)

if (invokedDirectly) {
	main(process.argv.slice(2)).then(
		(code) => {
			process.exitCode = code
		},
		(error: unknown) => {
			console.error(error instanceof Error ? error.message : error)
			process.exitCode = 1
		},
	)
}
