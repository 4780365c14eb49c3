/**
 * Vitest setupFiles: runs in the test process before each test file, i.e. before the file (and
 * anything it imports, such as the Prisma client) is loaded. Gives the file its own copy of the
 * migrated template database through DATABASE_URL and deletes it afterwards.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, inject } from 'vitest'

import { deleteSqliteFile } from '../../scripts/lib/schema-engine.ts'

const template = inject('templateDbPath')
if (!template || !fs.existsSync(template)) {
	throw new Error('tests/setup/global-setup.ts did not provide a template database')
}

const file = path.join(path.dirname(template), `test-${process.pid}-${randomBytes(6).toString('hex')}.db`)
fs.copyFileSync(template, file)
process.env.DATABASE_URL = `file:${file}`

/** The app caches its Prisma client on globalThis (app/utils/db.server.ts). */
const appGlobals = globalThis as {
	__anxunDb?: { $disconnect(): Promise<void> }
	__anxunDbReady?: Promise<void>
}

afterAll(async () => {
	await appGlobals.__anxunDb?.$disconnect()
	delete appGlobals.__anxunDb
	delete appGlobals.__anxunDbReady
	await deleteSqliteFile(file)
})
