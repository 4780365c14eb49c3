/**
 * An answer save is acknowledged only after it is committed: start the production server on a
 * copy of the e2e database, send answers over HTTP, kill -9 the server right after a batch of
 * acknowledged saves (more requests still in flight), restart it, and check that every
 * acknowledged answer is there — through the restarted server and in the database file.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import { openDb } from './fixtures.ts'

const root = path.resolve(import.meta.dirname, '../..')

async function waitHealthy(base: string, ms = 30_000) {
	const until = Date.now() + ms
	while (Date.now() < until) {
		try {
			if ((await fetch(`${base}/healthz`)).ok) return
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 150))
	}
	throw new Error(`server at ${base} did not start`)
}

function startServer(dbFile: string, port: number): ChildProcess {
	const child = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: `file:${dbFile}`, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'silent' },
		stdio: ['ignore', 'ignore', 'pipe'],
	})
	return child
}

function exited(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())))
}

test('killing the server mid-exam loses no acknowledged answer', async ({}, testInfo) => {
	test.setTimeout(120_000)
	const tmp = path.join(root, 'tests/.tmp')
	const dbFile = path.join(tmp, `kill-${process.pid}-${randomBytes(3).toString('hex')}.db`)
	// A consistent copy of the e2e database (migrated, demo data, content) through SQLite's backup API.
	const src = openDb()
	await src.backup(dbFile)
	src.close()

	const out = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['tests/e2e/support/exam-attempt.ts', JSON.stringify({ blueprintCode: 'PRINCIPAL_COMPETENCE', post: '安全员' })], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: `file:${dbFile}`, NODE_ENV: 'test' },
		encoding: 'utf8',
	})
	const { attemptId, mobile } = JSON.parse(out.trim().split('\n').pop()!) as { attemptId: string; mobile: string }
	const token = randomBytes(32).toString('base64url')
	{
		const db = new Database(dbFile)
		const user = db.prepare('SELECT id FROM User WHERE mobile = ?').get(mobile) as { id: string }
		const now = new Date()
		db.prepare('INSERT INTO Session (id, userId, createdAt, expiresAt, lastSeenAt, ip, userAgent) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
			createHash('sha256').update(token).digest('hex'),
			user.id,
			now.toISOString(),
			new Date(now.getTime() + 86_400_000).toISOString(),
			now.toISOString(),
			'kill',
			'kill',
		)
		db.close()
	}
	const paper = (() => {
		const db = new Database(dbFile, { readonly: true })
		const row = db.prepare('SELECT paper FROM ExamAttempt WHERE id = ?').get(attemptId) as { paper: string }
		db.close()
		return JSON.parse(row.paper) as { t: string; o: string[] }[]
	})()
	expect(paper).toHaveLength(50)
	const choiceFor = (pos: number) => (paper[pos]!.t === 'TRUEFALSE' ? (pos % 2 ? 'T' : 'F') : 'ABCD'[pos % 4]!)
	const ownKey = (pos: number) => {
		const item = paper[pos]!
		const shown = choiceFor(pos)
		return item.t === 'TRUEFALSE' ? shown : item.o['ABCD'.indexOf(shown)]!
	}

	// Away from the e2e server's own port (E2E_PORT, 3100 by default).
	const port = Number(process.env.E2E_PORT ?? 3100) + 50 + testInfo.workerIndex * 2
	const base = `http://127.0.0.1:${port}`
	const headers = { cookie: `anxun_session=${token}`, 'content-type': 'application/x-www-form-urlencoded' }
	let server = startServer(dbFile, port)
	const stderr: string[] = []
	server.stderr!.on('data', (d) => stderr.push(String(d)))
	try {
		await waitHealthy(base)
		const acked = new Set<number>()
		const failed = new Set<number>()
		const KILL_AFTER = 30
		let killedAt = -1
		const send = async (pos: number) => {
			try {
				const res = await fetch(`${base}/exam/${attemptId}/save`, { method: 'POST', headers, body: `position=${pos}&choice=${choiceFor(pos)}` })
				if (res.status === 200) {
					acked.add(pos)
					if (acked.size === KILL_AFTER && killedAt < 0) {
						killedAt = pos
						server.kill('SIGKILL')
					}
				} else failed.add(pos)
			} catch {
				failed.add(pos)
			}
		}
		// Waves of eight concurrent saves until the kill; the rest are in flight or refused.
		for (let start = 0; start < 50; start += 8) {
			await Promise.all(Array.from({ length: Math.min(8, 50 - start) }, (_, i) => send(start + i)))
		}
		await exited(server)
		expect(server.signalCode).toBe('SIGKILL')
		expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER)
		expect(failed.size).toBeGreaterThan(0) // some requests really were cut off by the kill

		server = startServer(dbFile, port)
		await waitHealthy(base)
		// Through the restarted server: the page counts every acknowledged answer.
		const html = await (await fetch(`${base}/exam/${attemptId}`, { headers })).text()
		const m = /已答 (?:<!-- -->)?(\d+)(?:<!-- -->)?\/(?:<!-- -->)?50/.exec(html)
		expect(m, 'answered count on the page').not.toBeNull()
		expect(Number(m![1])).toBeGreaterThanOrEqual(acked.size)
		// And the restarted server keeps taking answers.
		const again = await fetch(`${base}/exam/${attemptId}/save`, { method: 'POST', headers, body: `position=49&choice=${choiceFor(49)}` })
		expect(again.status).toBe(200)

		const db = new Database(dbFile, { readonly: true })
		const rows = db.prepare('SELECT position, chosen FROM AttemptAnswer WHERE attemptId = ?').all(attemptId) as { position: number; chosen: string }[]
		db.close()
		const stored = new Map(rows.map((r) => [r.position, JSON.parse(r.chosen) as string[]]))
		for (const pos of acked) expect(stored.get(pos), `acknowledged answer ${pos}`).toEqual([ownKey(pos)])
		testInfo.annotations.push({ type: 'kill', description: `acked ${acked.size}, cut off ${failed.size}, stored ${stored.size}` })
	} finally {
		server.kill('SIGKILL')
		await exited(server)
		for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true })
	}
})
