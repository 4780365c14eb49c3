import { describe, expect, it } from 'vitest'
import { DEFAULT_BLUEPRINTS } from '~/domain/exam/defaults.ts'
import { drawPaper, EmptyBankError, matchesFilter, type BankQuestion, type DrawInput } from '~/domain/exam/draw.ts'
import { operationsForPost } from '~/domain/exam/post-operations.ts'
import { seededRng, shuffle } from '~/domain/exam/rng.ts'
import { OPERATIONS, QUESTION_TYPES, type Operation, type QuestionType, type Stratum } from '~/domain/exam/types.ts'

type Spec = { pack: string; series: string; type: QuestionType; n: number; operation?: Operation; hazardItem?: number; audiences?: string[]; prefix?: string }

function bankOf(...specs: Spec[]): BankQuestion[] {
	const out: BankQuestion[] = []
	for (const s of specs) {
		for (let i = 0; i < s.n; i++) {
			const key = `${s.prefix ?? s.pack}-${s.type.toLowerCase()}-${s.operation ?? 'x'}-${String(i).padStart(3, '0')}`
			out.push({
				id: `row-${key}`,
				key,
				type: s.type,
				packId: s.pack,
				series: s.series,
				topic: s.operation ? s.operation.toLowerCase().replace('_', '-') : 'topic',
				operation: s.operation ?? null,
				hazardItem: s.hazardItem ?? null,
				violation: null,
				audiences: s.audiences ?? ['WORKER', 'SAFETY_MANAGER', 'PRINCIPAL'],
				optionKeys: s.type === 'TRUEFALSE' ? [] : ['A', 'B', 'C', 'D'],
			})
		}
	}
	return out
}

/** A bank shaped like the shipped content: every pack with all three types. */
function fullBank(): BankQuestion[] {
	const specs: Spec[] = []
	for (const t of QUESTION_TYPES) {
		specs.push({ pack: 'hidden-danger-2017', series: 'hidden-danger-criteria', type: t, n: 15, hazardItem: 1 })
		specs.push({ pack: 'three-violations', series: 'three-violations', type: t, n: 10 })
		specs.push({ pack: 'evacuation-self-rescue', series: 'evacuation-self-rescue', type: t, n: 10 })
		specs.push({ pack: 'principal-duties', series: 'principal-duties', type: t, n: 20, audiences: ['PRINCIPAL', 'SAFETY_MANAGER'] })
		for (const op of OPERATIONS) specs.push({ pack: 'special-operations-2022', series: 'special-operations', type: t, n: 5, operation: op })
	}
	return bankOf(...specs)
}

const worker = DEFAULT_BLUEPRINTS.find((b) => b.code === 'WORKER_SPOT_CHECK')!
const principal = DEFAULT_BLUEPRINTS.find((b) => b.code === 'PRINCIPAL_COMPETENCE')!

function input(over: Partial<DrawInput> = {}): DrawInput {
	return {
		bank: fullBank(),
		strata: worker.strata,
		points: worker.points,
		audience: worker.audience,
		postOperations: operationsForPost('电工'),
		recentKeys: new Set(),
		seed: 'seed-1',
		...over,
	}
}

const countBy = <T,>(xs: T[], f: (x: T) => string) => xs.reduce<Record<string, number>>((m, x) => ((m[f(x)] = (m[f(x)] ?? 0) + 1), m), {})

describe('seeded RNG', () => {
	it('is reproducible and seed-dependent', () => {
		const a = seededRng('x')
		const b = seededRng('x')
		const c = seededRng('y')
		const sa = [a(), a(), a()]
		expect([b(), b(), b()]).toEqual(sa)
		expect([c(), c(), c()]).not.toEqual(sa)
		for (const v of sa) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThan(1)
	})
	it('shuffles into a permutation, roughly uniformly', () => {
		const rng = seededRng('uniform')
		const firsts: Record<number, number> = {}
		for (let i = 0; i < 4000; i++) {
			const s = shuffle([0, 1, 2, 3], rng)
			expect([...s].sort()).toEqual([0, 1, 2, 3])
			firsts[s[0]!] = (firsts[s[0]!] ?? 0) + 1
		}
		for (const k of [0, 1, 2, 3]) expect(firsts[k]).toBeGreaterThan(850) // 1000 expected
	})
})

describe('drawPaper: stratum counts', () => {
	it('gives each stratum exactly its planned count of each type (worker spot check)', () => {
		const bank = fullBank()
		const rows = new Map(bank.map((q) => [q.id, q]))
		const { items, report } = drawPaper(input({ bank }))
		expect(items).toHaveLength(20)
		expect(report).toMatchObject({ planned: 20, drawn: 20, shortfall: 0 })
		for (const s of worker.strata) {
			const mine = items.filter((i) => i.s === s.key)
			expect(countBy(mine, (i) => i.t)).toEqual(Object.fromEntries(QUESTION_TYPES.filter((t) => s.counts[t] > 0).map((t) => [t, s.counts[t]])))
		}
		// at least a third on the hidden-danger criteria and a third on the post's special operations
		expect(items.filter((i) => i.k.startsWith('hidden-danger')).length).toBeGreaterThanOrEqual(20 / 3)
		const ops = new Set(operationsForPost('电工'))
		const opItems = items.filter((i) => i.s === 'operations')
		expect(opItems.length).toBeGreaterThanOrEqual(20 / 3)
		for (const i of opItems) expect(ops.has(rows.get(i.q)!.operation as Operation)).toBe(true)
	})

	it('draws the operations stratum from the post\'s operations only when the bank allows', () => {
		const bank = fullBank()
		const { items } = drawPaper(input({ bank, postOperations: ['LIFTING', 'GENERAL'] }))
		const rows = new Map(bank.map((q) => [q.id, q]))
		for (const i of items.filter((x) => x.s === 'operations')) expect(['LIFTING', 'GENERAL']).toContain(rows.get(i.q)!.operation)
	})

	it('scores 100 points with 5 per question, orders single → multiple → true/false', () => {
		const { items } = drawPaper(input())
		expect(items.reduce((n, i) => n + i.p, 0)).toBe(100)
		const order = items.map((i) => QUESTION_TYPES.indexOf(i.t))
		expect(order).toEqual([...order].sort((a, b) => a - b))
	})

	it('principal competence check: 50 questions from duties, criteria and three violations', () => {
		const { items, report } = drawPaper(input({ strata: principal.strata, points: principal.points, audience: 'PRINCIPAL', postOperations: [] }))
		expect(report.drawn).toBe(50)
		expect(countBy(items, (i) => i.s)).toEqual({ duties: 25, hazard: 15, violations: 10 })
		expect(items.reduce((n, i) => n + i.p, 0)).toBe(100)
	})
})

describe('drawPaper: no duplicates, reproducible', () => {
	it('never repeats a question key, even when the bank holds two versions of a question', () => {
		const bank = fullBank()
		const twin = bank.map((q) => ({ ...q, id: `${q.id}-v2` }))
		for (const seed of ['a', 'b', 'c', 'd', 'e']) {
			const { items } = drawPaper(input({ bank: [...bank, ...twin], seed }))
			expect(new Set(items.map((i) => i.k)).size).toBe(items.length)
		}
	})

	it('same seed → same paper (questions, order, options), whatever the bank order', () => {
		const a = drawPaper(input({ seed: 's-42' }))
		const b = drawPaper(input({ seed: 's-42', bank: fullBank().reverse() }))
		expect(b).toEqual(a)
		const c = drawPaper(input({ seed: 's-43' }))
		expect(c.items.map((i) => i.k)).not.toEqual(a.items.map((i) => i.k))
	})

	it('shuffles options of choice questions and keeps true/false as T, F', () => {
		const { items } = drawPaper(input({ seed: 'opts' }))
		for (const i of items) {
			if (i.t === 'TRUEFALSE') expect(i.o).toEqual(['T', 'F'])
			else expect([...i.o].sort()).toEqual(['A', 'B', 'C', 'D'])
		}
		expect(items.filter((i) => i.t !== 'TRUEFALSE').some((i) => i.o.join('') !== 'ABCD')).toBe(true)
	})
})

describe('drawPaper: recent questions', () => {
	it('avoids questions seen recently when the bank allows', () => {
		const first = drawPaper(input({ seed: 'r1' }))
		const recent = new Set(first.items.map((i) => i.k))
		const second = drawPaper(input({ seed: 'r2', recentKeys: recent }))
		expect(second.items.filter((i) => recent.has(i.k))).toEqual([])
		expect(second.report.recentReused).toBe(0)
	})

	it('reuses recent questions only as far as needed', () => {
		const bank = bankOf({ pack: 'p', series: 's', type: 'SINGLE', n: 12 })
		const strata: Stratum[] = [{ key: 'all', labelZh: '全部', labelEn: 'All', filter: {}, counts: { SINGLE: 10, MULTIPLE: 0, TRUEFALSE: 0 } }]
		const recent = new Set(bank.slice(0, 10).map((q) => q.key))
		const { items, report } = drawPaper(input({ bank, strata, recentKeys: recent }))
		expect(items).toHaveLength(10)
		expect(report.recentReused).toBe(8)
		for (const q of bank.slice(10)) expect(items.map((i) => i.k)).toContain(q.key)
	})

	it('prefers questions for the blueprint audience', () => {
		const bank = [
			...bankOf({ pack: 'p', series: 's', type: 'SINGLE', n: 5, audiences: ['PRINCIPAL'], prefix: 'boss' }),
			...bankOf({ pack: 'p', series: 's', type: 'SINGLE', n: 5, audiences: ['WORKER'], prefix: 'crew' }),
		]
		const strata: Stratum[] = [{ key: 'all', labelZh: '全部', labelEn: 'All', filter: {}, counts: { SINGLE: 5, MULTIPLE: 0, TRUEFALSE: 0 } }]
		const { items } = drawPaper(input({ bank, strata, audience: 'WORKER' }))
		expect(items.every((i) => i.k.startsWith('crew'))).toBe(true)
	})
})

describe('drawPaper: small banks', () => {
	const strata: Stratum[] = [
		{ key: 'a', labelZh: 'A', labelEn: 'A', filter: { packs: ['pa'] }, counts: { SINGLE: 3, MULTIPLE: 2, TRUEFALSE: 1 } },
		{ key: 'b', labelZh: 'B', labelEn: 'B', filter: { packs: ['pb'] }, counts: { SINGLE: 2, MULTIPLE: 0, TRUEFALSE: 2 } },
	]

	it('a stratum short of one type takes other types from its own pool first', () => {
		const bank = bankOf(
			{ pack: 'pa', series: 'sa', type: 'SINGLE', n: 10 },
			{ pack: 'pa', series: 'sa', type: 'TRUEFALSE', n: 1 },
			{ pack: 'pb', series: 'sb', type: 'SINGLE', n: 5 },
			{ pack: 'pb', series: 'sb', type: 'TRUEFALSE', n: 5 },
		)
		const { items, report } = drawPaper(input({ bank, strata }))
		expect(report.shortfall).toBe(0)
		expect(items.filter((i) => i.s === 'a').every((i) => i.k.startsWith('pa'))).toBe(true)
		expect(countBy(items.filter((i) => i.s === 'a'), (i) => i.t)).toEqual({ SINGLE: 5, TRUEFALSE: 1 })
		expect(report.strata.find((s) => s.key === 'a')).toMatchObject({ own: 6, borrowed: 0, shortfall: 0 })
	})

	it('a stratum too small takes what exists, then borrows from the others (same type first), and reports it', () => {
		const bank = bankOf(
			{ pack: 'pa', series: 'sa', type: 'SINGLE', n: 2 },
			{ pack: 'pb', series: 'sb', type: 'SINGLE', n: 8 },
			{ pack: 'pb', series: 'sb', type: 'MULTIPLE', n: 3 },
			{ pack: 'pb', series: 'sb', type: 'TRUEFALSE', n: 4 },
		)
		const { items, report } = drawPaper(input({ bank, strata }))
		expect(items).toHaveLength(10)
		expect(report.shortfall).toBe(0)
		const a = report.strata.find((s) => s.key === 'a')!
		expect(a).toMatchObject({ planned: 6, own: 2, borrowed: 4, shortfall: 0 })
		expect(countBy(items.filter((i) => i.s === 'a'), (i) => i.t)).toEqual({ SINGLE: 3, MULTIPLE: 2, TRUEFALSE: 1 })
		expect(countBy(items.filter((i) => i.s === 'b'), (i) => i.t)).toEqual({ SINGLE: 2, TRUEFALSE: 2 })
	})

	it('uses the widen filter before borrowing from other strata', () => {
		const bank = bankOf(
			{ pack: 'so', series: 'special-operations', type: 'SINGLE', n: 1, operation: 'LIFTING' },
			{ pack: 'so', series: 'special-operations', type: 'SINGLE', n: 10, operation: 'HOT_WORK' },
			{ pack: 'other', series: 'other', type: 'SINGLE', n: 10 },
		)
		const st: Stratum[] = [
			{ key: 'ops', labelZh: 'o', labelEn: 'o', filter: { series: ['special-operations'], operations: 'FOR_POST' }, widen: { series: ['special-operations'] }, counts: { SINGLE: 4, MULTIPLE: 0, TRUEFALSE: 0 } },
			{ key: 'rest', labelZh: 'r', labelEn: 'r', filter: { packs: ['other'] }, counts: { SINGLE: 2, MULTIPLE: 0, TRUEFALSE: 0 } },
		]
		const { items, report } = drawPaper(input({ bank, strata: st, postOperations: ['LIFTING'] }))
		expect(report.strata[0]).toMatchObject({ own: 1, widened: 3, borrowed: 0, shortfall: 0 })
		expect(items.filter((i) => i.s === 'ops').every((i) => i.k.startsWith('so-'))).toBe(true)
	})

	it('a bank smaller than the paper gives a shorter paper and reports the shortfall', () => {
		const bank = bankOf({ pack: 'pa', series: 'sa', type: 'SINGLE', n: 3 }, { pack: 'pb', series: 'sb', type: 'TRUEFALSE', n: 2 })
		const { items, report } = drawPaper(input({ bank, strata }))
		expect(items).toHaveLength(5)
		expect(report).toMatchObject({ planned: 10, drawn: 5, shortfall: 5 })
		expect(report.strata.reduce((n, s) => n + s.shortfall, 0)).toBe(5)
	})

	it('questions outside every stratum are never used', () => {
		const bank = bankOf({ pack: 'pa', series: 'sa', type: 'SINGLE', n: 1 }, { pack: 'zz', series: 'zz', type: 'SINGLE', n: 50 })
		const { items } = drawPaper(input({ bank, strata }))
		expect(items.map((i) => i.k)).toEqual(['pa-single-x-000'])
	})

	it('an empty bank is a typed error', () => {
		expect(() => drawPaper(input({ bank: [], strata }))).toThrow(EmptyBankError)
		const unrelated = bankOf({ pack: 'zz', series: 'zz', type: 'SINGLE', n: 5 })
		expect(() => drawPaper(input({ bank: unrelated, strata }))).toThrow(EmptyBankError)
	})
})

describe('filters and post mapping', () => {
	const q = bankOf({ pack: 'hidden-danger-2017', series: 'hidden-danger-criteria', type: 'SINGLE', n: 1, hazardItem: 12, operation: 'HOT_WORK' })[0]!
	it.each([
		[{}, true],
		[{ packs: ['hidden-danger-2017'] }, true],
		[{ packs: ['x'] }, false],
		[{ series: ['hidden-danger-criteria'] }, true],
		[{ hazardItems: [12, 13] }, true],
		[{ hazardItems: [1] }, false],
		[{ anyHazardItem: true }, true],
		[{ operations: ['HOT_WORK'] as Operation[] }, true],
		[{ operations: 'FOR_POST' as const }, false],
		[{ violations: ['COMMAND'] as ('COMMAND' | 'OPERATION' | 'DISCIPLINE')[] }, false],
		[{ packs: ['hidden-danger-2017'], hazardItems: [1] }, false],
	])('filter %j → %s', (f, expected) => {
		expect(matchesFilter(q, f, ['LIFTING'])).toBe(expected)
	})

	it.each([
		['电工', ['HEIGHT', 'TEMP_POWER', 'GENERAL']],
		['维修电工', ['HOT_WORK', 'CONFINED_SPACE', 'BLINDING', 'HEIGHT', 'LIFTING', 'TEMP_POWER', 'GENERAL']],
		['硝化工艺操作工', ['HOT_WORK', 'CONFINED_SPACE', 'BLINDING', 'GENERAL']],
		['起重司索工', ['HEIGHT', 'LIFTING', 'GENERAL']],
		['行政专员', [...OPERATIONS]],
		['', [...OPERATIONS]],
	])('post %s → %j', (post, ops) => {
		expect(operationsForPost(post)).toEqual(ops)
	})
})
