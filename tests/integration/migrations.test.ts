/**
 * The offline migration path (scripts/migrate.ts over @prisma/schema-engine-wasm): the
 * committed migrations must build exactly the database that schema.prisma describes.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
	deployMigrations,
	diffDatabaseToSchema,
	MIGRATIONS_DIR,
	planMigration,
	PROJECT_ROOT,
	resetDatabase,
	resolveDatabaseFile,
} from '../../scripts/migrate.ts'

const workDir = path.join(PROJECT_ROOT, 'tests', '.tmp', `migrations-${process.pid}-${randomBytes(4).toString('hex')}`)

const migrationNames = fs
	.readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.map((d) => d.name)
	.sort()

let counter = 0
function freshDbFile(): string {
	return path.join(workDir, `db-${++counter}.db`)
}

function query<T>(file: string, sql: string): T[] {
	const db = new Database(file, { readonly: true })
	try {
		return db.prepare(sql).all() as T[]
	} finally {
		db.close()
	}
}

function exec(file: string, sql: string): void {
	const db = new Database(file)
	try {
		db.exec(sql)
	} finally {
		db.close()
	}
}

function userTables(file: string): string[] {
	return query<{ name: string }>(
		file,
		"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
	).map((r) => r.name)
}

function migrationRows(file: string) {
	return query<{ migration_name: string; checksum: string; finished_at: string | null; rolled_back_at: string | null }>(
		file,
		'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
	)
}

beforeAll(() => {
	fs.mkdirSync(workDir, { recursive: true })
})

afterAll(() => {
	fs.rmSync(workDir, { recursive: true, force: true })
})

describe('offline migrations', () => {
	it('has at least the initial migration and a lockfile', () => {
		expect(migrationNames.length).toBeGreaterThan(0)
		expect(migrationNames[0]).toMatch(/^\d{14}_init$/)
		expect(fs.readFileSync(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), 'utf8')).toContain('provider = "sqlite"')
	})

	it('deploys every migration to an empty database, leaving no diff against schema.prisma', async () => {
		const file = freshDbFile()
		expect(fs.existsSync(file)).toBe(false)

		const { applied } = await deployMigrations(file)

		expect(applied).toEqual(migrationNames)
		expect(userTables(file)).toEqual(expect.arrayContaining(['_prisma_migrations', 'Enterprise', 'Person', 'User']))
		const rows = migrationRows(file)
		expect(rows.map((r) => r.migration_name)).toEqual(migrationNames)
		expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true)
		expect(query<{ journal_mode: string }>(file, 'PRAGMA journal_mode')[0]?.journal_mode).toBe('wal')

		expect(await diffDatabaseToSchema(file)).toBe('')
	})

	it('deploying twice is a no-op', async () => {
		const file = freshDbFile()
		await deployMigrations(file)
		const before = migrationRows(file)

		const second = await deployMigrations(file)

		expect(second.applied).toEqual([])
		expect(migrationRows(file)).toEqual(before)
		expect(await diffDatabaseToSchema(file)).toBe('')
	})

	it('reset gives an empty, fully migrated database', async () => {
		const file = freshDbFile()
		await deployMigrations(file)
		exec(
			file,
			`INSERT INTO "LoginThrottle" ("key", "failures", "lastFailureAt") VALUES ('ip:203.0.113.7', 3, CURRENT_TIMESTAMP);
			 CREATE TABLE "Stray" ("id" INTEGER PRIMARY KEY);`,
		)
		expect(userTables(file)).toContain('Stray')

		const { applied } = await resetDatabase(file)

		expect(applied).toEqual(migrationNames)
		expect(userTables(file)).not.toContain('Stray')
		expect(query<{ n: number }>(file, 'SELECT COUNT(*) AS n FROM "LoginThrottle"')[0]?.n).toBe(0)
		expect(migrationRows(file).map((r) => r.migration_name)).toEqual(migrationNames)
		expect(await diffDatabaseToSchema(file)).toBe('')
	})

	it('diff reports drift between the database and schema.prisma', async () => {
		const file = freshDbFile()
		await deployMigrations(file)
		exec(file, 'DROP INDEX "Session_userId_idx"')

		const sql = await diffDatabaseToSchema(file)

		expect(sql).toContain('CREATE INDEX "Session_userId_idx"')
	})

	it('diff refuses a missing database file instead of creating it', async () => {
		const file = freshDbFile()
		await expect(diffDatabaseToSchema(file)).rejects.toThrow(/not found/)
		expect(fs.existsSync(file)).toBe(false)
	})

	it('create has nothing to write: the migrations already match schema.prisma', async () => {
		expect(await planMigration('drift_check')).toBeNull()
	})

	it("this file's per-worker database is a migrated copy of the template", async () => {
		const url = process.env.DATABASE_URL ?? ''
		expect(url).toMatch(/tests\/\.tmp\/test-\d+-[0-9a-f]+\.db$/)
		const file = resolveDatabaseFile(url)
		expect(migrationRows(file).map((r) => r.migration_name)).toEqual(migrationNames)
		expect(await diffDatabaseToSchema(file)).toBe('')
	})
})
