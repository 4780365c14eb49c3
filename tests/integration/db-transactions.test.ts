/**
 * One SQLite connection serves every request (app/utils/db.server.ts). A query outside a
 * transaction must neither see another request's uncommitted rows nor be undone when that
 * transaction rolls back (found while profiling the exam-day benchmark, issue 8).
 */
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { db, directTransaction } from '~/utils/db.server.ts'
import { databaseFile } from '~/utils/env.server.ts'

const code = (p: string) => `${p}-${randomBytes(4).toString('hex')}`

describe('queries outside a transaction wait for the open one', () => {
	it('no dirty read, and a write outside survives the other transaction’s rollback', async () => {
		const inside = code('IN')
		const outside = code('OUT')
		let began!: () => void
		const begun = new Promise<void>((r) => (began = r))
		let finish!: () => void
		const proceed = new Promise<void>((r) => (finish = r))
		const tx = db
			.$transaction(async (t) => {
				await t.region.create({ data: { code: inside, name: '事务内', nameEn: 'inside', kind: 'CITY' } })
				began()
				await proceed
				throw new Error('roll back')
			})
			.catch((e: Error) => e.message)
		await begun
		let readDone = false
		const read = db.region.findUnique({ where: { code: inside } }).then((r) => ((readDone = true), r))
		const write = db.region.create({ data: { code: outside, name: '事务外', nameEn: 'outside', kind: 'CITY' } })
		await new Promise((r) => setTimeout(r, 30))
		expect(readDone).toBe(false) // waits while the transaction is open
		finish()
		expect(await tx).toBe('roll back')
		expect(await read).toBeNull() // never saw the uncommitted row
		await write
		expect(await db.region.findUnique({ where: { code: outside } })).not.toBeNull()
		expect(await db.region.findUnique({ where: { code: inside } })).toBeNull()
	})

	it('transactions and plain queries interleave without deadlock, in order', async () => {
		const ids = Array.from({ length: 20 }, (_, i) => code(`MIX${i}`))
		await Promise.all(
			ids.map((c, i) =>
				i % 2
					? db.$transaction(async (t) => {
							await t.region.create({ data: { code: c, name: c, nameEn: c, kind: 'CITY' } })
							await t.region.findUnique({ where: { code: c } })
						})
					: db.region.create({ data: { code: c, name: c, nameEn: c, kind: 'CITY' } }),
			),
		)
		expect(await db.region.count({ where: { code: { in: ids } } })).toBe(20)
	})
})

describe('db used inside its own transaction', () => {
	it('fails at once with a message instead of waiting for itself', async () => {
		const c = code('SELF')
		const outcome = await db
			.$transaction(async (t) => {
				await t.region.create({ data: { code: c, name: c, nameEn: c, kind: 'CITY' } })
				await db.region.count()
			})
			.then(
				() => 'committed',
				(e: Error) => e.message,
			)
		expect(outcome).toMatch(/use the transaction client/)
		expect(await db.region.findUnique({ where: { code: c } })).toBeNull()
		// After the transaction, db works again in the same async context.
		expect(await db.region.count()).toBeGreaterThan(0)
	})
})

describe('directTransaction (the answer save path)', () => {
	it('waits for an open interactive transaction and rolls back entirely when it throws', async () => {
		const inside = code('TXD')
		let began!: () => void
		const begun = new Promise<void>((r) => (began = r))
		let finish!: () => void
		const proceed = new Promise<void>((r) => (finish = r))
		const tx = db.$transaction(async (t) => {
			await t.region.create({ data: { code: inside, name: inside, nameEn: inside, kind: 'CITY' } })
			began()
			await proceed
			throw new Error('roll back')
		}).catch((e: Error) => e.message)
		await begun
		const seen = directTransaction((sql) => sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Region" WHERE "code" = ?', inside)!.n)
		finish()
		expect(await tx).toBe('roll back')
		expect(await seen).toBe(0) // ran after the rollback, never inside the other transaction

		const half = code('HALF')
		const failed = await directTransaction((sql) => {
			sql.run('INSERT INTO "Region" ("id", "code", "name", "nameEn", "kind") VALUES (?, ?, ?, ?, ?)', half, half, half, half, 'CITY')
			throw new Error('after the insert')
		}).catch((e: Error) => e.message)
		expect(failed).toBe('after the insert')
		expect(await db.region.findUnique({ where: { code: half } })).toBeNull()
	})
})

describe('turns on the connection', () => {
	it('plain queries waiting for a transaction run before the next transaction, which then runs before later plain queries', async () => {
		const order: string[] = []
		let releaseA!: () => void
		const holdA = new Promise<void>((r) => (releaseA = r))
		let aBegan!: () => void
		const aBegun = new Promise<void>((r) => (aBegan = r))
		const a = db.$transaction(async (t) => {
			await t.region.count()
			aBegan()
			await holdA
			order.push('A')
		})
		await aBegun
		const b = db.$transaction(async (t) => {
			await t.region.count()
			order.push('B')
		})
		const early = [1, 2, 3].map((i) => db.region.count().then(() => order.push(`p${i}`)))
		await new Promise((r) => setTimeout(r, 20))
		expect(order).toEqual([]) // everyone waits for A
		releaseA()
		await a
		await Promise.all(early)
		// The plain queries queued behind A ran as soon as A ended, before B opened.
		expect(order.slice(0, 4)).toEqual(['A', 'p1', 'p2', 'p3'])
		await b
		expect(order).toEqual(['A', 'p1', 'p2', 'p3', 'B'])
	})
})

describe('another connection on the same file (a script, a backup)', () => {
	it('a transaction holds the write lock from its start, so its later write cannot fail on a stale snapshot', async () => {
		const other = new Database(databaseFile(process.env.DATABASE_URL!), { timeout: 0 })
		const c = code('LOCK')
		let otherWrite = 'not tried'
		await db.$transaction(async (t) => {
			await t.region.count() // a read first …
			try {
				other.prepare('INSERT INTO "Region" ("id", "code", "name", "nameEn", "kind") VALUES (?, ?, ?, ?, ?)').run(c, c, c, c, 'CITY')
				otherWrite = 'written'
			} catch (e) {
				otherWrite = (e as { code?: string }).code ?? 'error'
			}
			// … then a write: with a deferred BEGIN the other connection's commit would make this fail.
			await t.region.create({ data: { code: `${c}-tx`, name: c, nameEn: c, kind: 'CITY' } })
		})
		other.close()
		expect(otherWrite).toBe('SQLITE_BUSY')
		expect(await db.region.findUnique({ where: { code: `${c}-tx` } })).not.toBeNull()
	})
})
