import { describe, expect, it } from 'vitest'
import {
	codeState,
	drawExaminees,
	examineeStatus,
	formatShortCode,
	hiddenDangerItem1,
	normaliseShortCode,
	purposeFor,
	replayDraw,
	seededSample,
	SHORT_CODE_ALPHABET,
	shortCodeFromBytes,
	type RosterEntry,
} from '~/domain/spot-check.ts'
import { seededRng } from '~/domain/exam/rng.ts'

function person(id: string, over: Partial<RosterEntry> = {}): RosterEntry {
	return { id, dutyStatus: 'ON_POST', employmentType: 'EMPLOYEE', roles: ['WORKER'], departmentId: 'd1', post: '操作工', ...over }
}

const roster: RosterEntry[] = [
	person('p-principal', { roles: ['WORKER', 'PRINCIPAL'], post: '总经理' }),
	person('p-manager', { roles: ['WORKER', 'SAFETY_MANAGER'], post: '安全员' }),
	person('p-manager2', { roles: ['WORKER', 'SAFETY_MANAGER'], post: '安全员', dutyStatus: 'SUSPENDED' }),
	...Array.from({ length: 20 }, (_, i) => person(`w${String(i).padStart(2, '0')}`, { departmentId: i % 2 ? 'd1' : 'd2', post: i % 3 ? '操作工' : '班长' })),
	person('c1', { employmentType: 'CONTRACTOR' }),
	person('c2', { employmentType: 'OUTSOURCED' }),
	person('s1', { dutyStatus: 'SUSPENDED' }),
	person('l1', { dutyStatus: 'LEFT' }),
]

describe('examinee draw', () => {
	it('includes principal and on-post managers, excludes suspended and left people', () => {
		const r = drawExaminees(roster, 'seed-1', 100)
		expect(r.principals).toEqual(['p-principal'])
		expect(r.managers).toEqual(['p-manager'])
		expect(r.pool).not.toContain('s1')
		expect(r.pool).not.toContain('l1')
		expect(r.pool).not.toContain('p-principal')
		expect(r.pool).not.toContain('p-manager')
		expect(r.pool).toContain('c1')
		expect(r.pool).toContain('c2')
		expect(r.pool.length).toBe(22)
		expect(new Set(r.workers)).toEqual(new Set(r.pool))
	})

	it('is reproducible from the seed, whatever the roster order', () => {
		const a = drawExaminees(roster, 'abc123', 5)
		const b = drawExaminees([...roster].reverse(), 'abc123', 5)
		expect(a.workers).toEqual(b.workers)
		expect(replayDraw(a.pool, 'abc123', 5)).toEqual(a.workers)
		expect(a.workers.length).toBe(5)
		expect(new Set(a.workers).size).toBe(5)
	})

	it('different seeds give different draws', () => {
		const draws = new Set(Array.from({ length: 20 }, (_, i) => drawExaminees(roster, `s${i}`, 5).workers.join(',')))
		expect(draws.size).toBeGreaterThan(15)
	})

	it('contractors are eligible and get drawn', () => {
		let hits = 0
		for (let i = 0; i < 200; i++) if (drawExaminees(roster, `c${i}`, 3).workers.some((w) => w === 'c1' || w === 'c2')) hits++
		expect(hits).toBeGreaterThan(20)
	})

	it('filters by department and post', () => {
		const d2 = drawExaminees(roster, 'x', 100, { departmentId: 'd2' })
		expect(d2.pool.every((id) => roster.find((p) => p.id === id)!.departmentId === 'd2')).toBe(true)
		const leads = drawExaminees(roster, 'x', 100, { post: ' 班长 ' })
		expect(leads.pool.length).toBe(7)
		expect(drawExaminees(roster, 'x', 3, { post: '没有这个岗位' }).workers).toEqual([])
	})

	it('count 0 draws nobody; count larger than the pool takes everyone', () => {
		expect(drawExaminees(roster, 'x', 0).workers).toEqual([])
		expect(drawExaminees(roster, 'x', 1000).workers.length).toBe(22)
	})

	it('the sampler is uniform enough', () => {
		const counts = new Map<number, number>()
		const list = Array.from({ length: 10 }, (_, i) => i)
		for (let i = 0; i < 5000; i++) for (const v of seededSample(list, 1, `u${i}`)) counts.set(v, (counts.get(v) ?? 0) + 1)
		for (const v of list) expect(counts.get(v)!).toBeGreaterThan(400)
		const r = seededRng('z')
		for (let i = 0; i < 1000; i++) {
			const x = r()
			expect(x).toBeGreaterThanOrEqual(0)
			expect(x).toBeLessThan(1)
		}
	})
})

describe('codes', () => {
	it('short codes: 8 characters of the alphabet, rejection sampling', () => {
		const bytes = new Uint8Array([0, 1, 2, 255, 250, 30, 31, 247, 100, 200])
		const code = shortCodeFromBytes(bytes)!
		expect(code).toHaveLength(8)
		for (const ch of code) expect(SHORT_CODE_ALPHABET).toContain(ch)
		expect(code[0]).toBe(SHORT_CODE_ALPHABET[0])
		expect(code[3]).toBe(SHORT_CODE_ALPHABET[30]) // 255 and 250 were skipped
		expect(shortCodeFromBytes(new Uint8Array([255, 255, 1]))).toBeNull()
	})
	it('normalises typed codes', () => {
		expect(normaliseShortCode('abcd-2345')).toBe('ABCD2345')
		expect(normaliseShortCode(' ab cd 23 45 ')).toBe('ABCD2345')
		expect(normaliseShortCode('ABCD234')).toBeNull()
		expect(normaliseShortCode('ABCD2340')).toBeNull() // 0 is not in the alphabet
		expect(formatShortCode('ABCD2345')).toBe('ABCD-2345')
	})
	it('code state: valid, expired, bound here, bound elsewhere', () => {
		const now = new Date('2026-11-20T02:00:00Z')
		const later = new Date('2026-11-20T06:00:00Z')
		const earlier = new Date('2026-11-20T01:00:00Z')
		expect(codeState({ codeExpiresAt: later, boundAt: null, deviceHash: null }, null, now)).toBe('VALID')
		expect(codeState({ codeExpiresAt: earlier, boundAt: null, deviceHash: null }, null, now)).toBe('EXPIRED')
		expect(codeState({ codeExpiresAt: earlier, boundAt: earlier, deviceHash: 'h' }, 'h', now)).toBe('BOUND_HERE')
		expect(codeState({ codeExpiresAt: later, boundAt: earlier, deviceHash: 'h' }, 'other', now)).toBe('BOUND_ELSEWHERE')
		expect(codeState({ codeExpiresAt: later, boundAt: earlier, deviceHash: 'h' }, null, now)).toBe('BOUND_ELSEWHERE')
	})
})

describe('board', () => {
	it('status from the attempt', () => {
		expect(examineeStatus(null)).toBe('NOT_STARTED')
		expect(examineeStatus({ submitted: false, passed: null })).toBe('IN_PROGRESS')
		expect(examineeStatus({ submitted: true, passed: true })).toBe('PASSED')
		expect(examineeStatus({ submitted: true, passed: false })).toBe('FAILED')
	})
	it('hidden-danger item 1 when the principal or a manager fails, not for workers', () => {
		expect(hiddenDangerItem1([{ role: 'PRINCIPAL', status: 'FAILED' }])).toBe(true)
		expect(hiddenDangerItem1([{ role: 'SAFETY_MANAGER', status: 'FAILED' }])).toBe(true)
		expect(hiddenDangerItem1([{ role: 'PRINCIPAL', status: 'PASSED' }, { role: 'WORKER', status: 'FAILED' }])).toBe(false)
		expect(hiddenDangerItem1([{ role: 'PRINCIPAL', status: 'IN_PROGRESS' }])).toBe(false)
	})
	it('principals sit the competence check', () => {
		expect(purposeFor('PRINCIPAL')).toBe('COMPETENCE')
		expect(purposeFor('SAFETY_MANAGER')).toBe('SPOT_CHECK')
		expect(purposeFor('WORKER')).toBe('SPOT_CHECK')
	})
})
