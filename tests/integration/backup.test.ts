import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { db } from '~/utils/db.server.ts'
import { backup } from '../../scripts/backup.ts'
import { makeWorld } from '../support/world.ts'

describe('npm run backup', () => {
	it('copies a consistent database and the uploads, which restore into a fresh directory with the same data', async () => {
		await makeWorld()
		const dbFile = process.env.DATABASE_URL!.replace(/^file:/, '')
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anxun-backup-'))
		const uploads = path.join(tmp, 'uploads')
		fs.mkdirSync(path.join(uploads, 'drills'), { recursive: true })
		fs.writeFileSync(path.join(uploads, 'drills', 'photo.jpg'), 'jpeg-bytes')
		// A write that is still only in the WAL must be in the copy.
		await db.area.updateMany({ data: { description: 'after-checkpoint' } })
		const dir = await backup(dbFile, uploads, path.join(tmp, 'backups'), new Date('2026-11-28T10:00:00Z'))
		expect(path.basename(dir)).toBe('anxun-20261128T100000Z')

		const restored = path.join(tmp, 'restore')
		fs.mkdirSync(restored)
		fs.copyFileSync(path.join(dir, 'anxun.db'), path.join(restored, 'anxun.db'))
		fs.cpSync(path.join(dir, 'uploads'), path.join(restored, 'uploads'), { recursive: true })
		const copy = new Database(path.join(restored, 'anxun.db'), { readonly: true })
		const count = (t: string) => (copy.prepare(`SELECT COUNT(*) n FROM ${t}`).get() as { n: number }).n
		expect(count('Person')).toBe(await db.person.count())
		expect(count('User')).toBe(await db.user.count())
		expect(count('Enterprise')).toBe(await db.enterprise.count())
		expect((copy.prepare("SELECT COUNT(*) n FROM Area WHERE description = 'after-checkpoint'").get() as { n: number }).n).toBe(await db.area.count())
		expect((copy.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok')
		copy.close()
		expect(fs.readFileSync(path.join(restored, 'uploads', 'drills', 'photo.jpg'), 'utf8')).toBe('jpeg-bytes')
		fs.rmSync(tmp, { recursive: true, force: true })
	})
})
