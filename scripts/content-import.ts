/**
 * npm run content:import [dir] — check content/ (or dir) and load every pack into DATABASE_URL
 * as immutable versions. Unchanged packs are left alone; with any fault nothing is written.
 */
import path from 'node:path'

import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'

import { PrismaClient } from '../app/generated/prisma/client.ts'
import { ContentFaultsError, importContent } from '../app/domain/content/import.server.ts'
import { formatFault } from '../app/domain/content/load.ts'
import { DEFAULT_CONTENT_DIR } from './content-check.ts'
import { PROJECT_ROOT, resolveDatabaseFile } from './migrate.ts'

export { importContent, ContentFaultsError } from '../app/domain/content/import.server.ts'

if (import.meta.url === `file://${process.argv[1]}`) {
	const dir = path.resolve(process.argv[2] ?? DEFAULT_CONTENT_DIR)
	const file = resolveDatabaseFile()
	const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file, timeout: 5000 }) })
	console.log(`Importing ${path.relative(PROJECT_ROOT, dir) || '.'} into ${file}`)
	const started = performance.now()
	try {
		const results = await importContent(db, dir, { log: console.log })
		const written = results.filter((r) => r.status !== 'unchanged').length
		console.log(`content:import: ${written} pack version(s) written, ${results.length - written} unchanged (${Math.round(performance.now() - started)} ms)`)
	} catch (e) {
		if (e instanceof ContentFaultsError) {
			for (const f of e.faults) console.error(formatFault(f, PROJECT_ROOT))
			console.error(`content:import: ${e.faults.length} fault(s); nothing was imported`)
		} else console.error(e)
		process.exitCode = 1
	} finally {
		await db.$disconnect()
	}
}
