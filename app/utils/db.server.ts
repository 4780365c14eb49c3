import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaClient } from '~/generated/prisma/client.ts'
import { databaseFile } from './env.server.ts'

export type Db = PrismaClient

function createClient(): PrismaClient {
	const file = databaseFile(process.env.DATABASE_URL ?? 'file:./data/anxun.db')
	// busy timeout 5 s: readers never block in WAL mode, a writer waits for the other writer.
	const adapter = new PrismaBetterSqlite3({ url: file, timeout: 5000 })
	return new PrismaClient({ adapter })
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
