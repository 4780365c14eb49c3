/**
 * npm run backup [-- <dir>] — an online, consistent copy of the SQLite database (SQLite's
 * backup API through better-sqlite3: safe while the server is writing) and of the uploads
 * folder, into <dir>/anxun-<UTC timestamp>/ (default dir: backups/).
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { PROJECT_ROOT, resolveDatabaseFile } from './migrate.ts'

export async function backup(dbFile: string, uploadsDir: string | null, targetRoot: string, now = new Date()): Promise<string> {
	const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
	const target = path.join(targetRoot, `anxun-${stamp}`)
	fs.mkdirSync(target, { recursive: true })
	const db = new Database(dbFile, { readonly: true, fileMustExist: true })
	try {
		await db.backup(path.join(target, 'anxun.db'))
	} finally {
		db.close()
	}
	if (uploadsDir && fs.existsSync(uploadsDir)) fs.cpSync(uploadsDir, path.join(target, 'uploads'), { recursive: true })
	return target
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const dbFile = resolveDatabaseFile()
	const uploads = path.resolve(PROJECT_ROOT, process.env.UPLOAD_DIR ?? 'data/uploads')
	const targetRoot = path.resolve(process.argv[2] ?? path.join(PROJECT_ROOT, 'backups'))
	backup(dbFile, uploads, targetRoot)
		.then((dir) => console.log(`Backup written to ${dir}`))
		.catch((e) => {
			console.error(`Backup failed: ${e instanceof Error ? e.message : e}`)
			process.exit(1)
		})
}
