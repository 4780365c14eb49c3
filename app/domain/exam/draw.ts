/**
 * Drawing a paper, pure: the same bank, blueprint, context and seed always give the same paper.
 *
 * Phases, so that no stratum's own questions are taken by another stratum's fallback:
 *   1. every stratum takes its planned count of each question type from its own filter;
 *   2. a stratum short of a type takes other types from its own filter;
 *   3. a stratum still short takes from its `widen` filter (same type first);
 *   4. a stratum still short borrows from the other strata's filters (same type first);
 *   5. whatever is still missing is the paper's shortfall (reported, the paper is shorter).
 * Within each choice the candidates are shuffled by the seeded RNG and then ranked: questions
 * for the blueprint's audience before others, questions the person has not seen recently before
 * recent ones — so recent questions come back only when the bank has nothing else.
 * No question key appears twice. Options of single and multiple choice are shuffled.
 */
import { seededRng, shuffle, type Rng } from './rng.ts'
import {
	QUESTION_TYPES,
	TRUEFALSE_KEYS,
	plannedCount,
	type BlueprintAudience,
	type Operation,
	type PaperItem,
	type Points,
	type QuestionFilter,
	type QuestionType,
	type Stratum,
} from './types.ts'

export type BankQuestion = {
	id: string
	key: string
	type: QuestionType
	packId: string
	series: string
	topic: string
	operation: string | null
	hazardItem: number | null
	violation: string | null
	audiences: readonly string[]
	/** the question's own option keys in stored order (ignored for true/false) */
	optionKeys: readonly string[]
}

export type DrawInput = {
	bank: readonly BankQuestion[]
	strata: readonly Stratum[]
	points: Points
	audience: BlueprintAudience
	/** what `operations: 'FOR_POST'` means for this examinee */
	postOperations: readonly Operation[]
	/** question keys of the person's recent attempts */
	recentKeys: ReadonlySet<string>
	seed: string
}

export type StratumReport = {
	key: string
	planned: number
	/** taken from the stratum's own filter (phases 1–2) */
	own: number
	/** taken from its widen filter (phase 3) */
	widened: number
	/** borrowed from the other strata (phase 4) */
	borrowed: number
	/** planned but not found anywhere */
	shortfall: number
}

export type DrawReport = {
	planned: number
	drawn: number
	shortfall: number
	/** questions the person had seen recently that had to be used again */
	recentReused: number
	strata: StratumReport[]
}

export type DrawResult = { items: PaperItem[]; report: DrawReport }

/** Not a single question of the bank fits the blueprint. */
export class EmptyBankError extends Error {
	constructor() {
		super('No question in the bank fits this blueprint')
		this.name = 'EmptyBankError'
	}
}

export function matchesFilter(q: BankQuestion, f: QuestionFilter, postOperations: readonly Operation[]): boolean {
	if (f.packs && !f.packs.includes(q.packId)) return false
	if (f.series && !f.series.includes(q.series)) return false
	if (f.topics && !f.topics.includes(q.topic)) return false
	if (f.operations) {
		const ops: readonly string[] = f.operations === 'FOR_POST' ? postOperations : f.operations
		if (!q.operation || !ops.includes(q.operation)) return false
	}
	if (f.hazardItems && (q.hazardItem == null || !f.hazardItems.includes(q.hazardItem))) return false
	if (f.anyHazardItem && q.hazardItem == null) return false
	if (f.violations && (!q.violation || !(f.violations as readonly string[]).includes(q.violation))) return false
	return true
}

type Slot = { stratum: number; question: BankQuestion }

export function drawPaper(input: DrawInput): DrawResult {
	const rng = seededRng(input.seed)
	// A stable starting order, whatever order the database returned the bank in.
	const seen = new Set<string>()
	const bank = input.bank
		.slice()
		.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		.filter((q) => (seen.has(q.key) ? false : (seen.add(q.key), true)))

	const rank = (q: BankQuestion) =>
		(input.audience !== 'ANY' && !q.audiences.includes(input.audience) ? 2 : 0) + (input.recentKeys.has(q.key) ? 1 : 0)
	const taken = new Set<string>()
	const slots: Slot[] = []
	const own = input.strata.map(() => 0)
	const widened = input.strata.map(() => 0)
	const borrowed = input.strata.map(() => 0)
	const missing = input.strata.map((s) => ({ ...s.counts }))

	const take = (stratum: number, pred: (q: BankQuestion) => boolean, type: QuestionType | null, n: number): number => {
		if (n <= 0) return 0
		const pool = bank.filter((q) => !taken.has(q.key) && (type === null || q.type === type) && pred(q))
		const ordered = shuffle(pool, rng)
			.map((q, i) => ({ q, r: rank(q), i }))
			.sort((a, b) => a.r - b.r || a.i - b.i)
			.slice(0, n)
		for (const { q } of ordered) {
			taken.add(q.key)
			slots.push({ stratum, question: q })
		}
		return ordered.length
	}
	const totalMissing = (i: number) => plannedCount(missing[i]!)
	/** Same type first, then any type, for what stratum i still lacks. */
	const fill = (i: number, pred: (q: BankQuestion) => boolean, counter: number[]) => {
		for (const t of QUESTION_TYPES) {
			const got = take(i, pred, t, missing[i]![t])
			missing[i]![t] -= got
			counter[i]! += got
		}
		const rest = totalMissing(i)
		if (rest > 0) {
			const got = take(i, pred, null, rest)
			counter[i]! += got
			consume(missing[i]!, got)
		}
	}

	const ownPred = input.strata.map((s) => (q: BankQuestion) => matchesFilter(q, s.filter, input.postOperations))
	// Phase 1: exact type counts from each stratum's own filter.
	input.strata.forEach((s, i) => {
		for (const t of QUESTION_TYPES) {
			const got = take(i, ownPred[i]!, t, s.counts[t])
			missing[i]![t] -= got
			own[i]! += got
		}
	})
	// Phase 2: other types from the stratum's own filter.
	input.strata.forEach((_, i) => {
		const rest = totalMissing(i)
		if (rest > 0) {
			const got = take(i, ownPred[i]!, null, rest)
			own[i]! += got
			consume(missing[i]!, got)
		}
	})
	// Phase 3: the stratum's widen filter.
	input.strata.forEach((s, i) => {
		if (s.widen && totalMissing(i) > 0) fill(i, (q) => matchesFilter(q, s.widen!, input.postOperations), widened)
	})
	// Phase 4: borrow from the other strata (their own or widened filters).
	input.strata.forEach((_, i) => {
		if (totalMissing(i) === 0) return
		const others = input.strata.filter((_, j) => j !== i)
		const pred = (q: BankQuestion) =>
			others.some((o) => matchesFilter(q, o.filter, input.postOperations) || (o.widen ? matchesFilter(q, o.widen, input.postOperations) : false))
		fill(i, pred, borrowed)
	})

	if (slots.length === 0) throw new EmptyBankError()

	// Paper order: single, multiple, true/false; shuffled within a type so strata are mixed.
	const items: PaperItem[] = []
	for (const t of QUESTION_TYPES) {
		for (const slot of shuffle(
			slots.filter((s) => s.question.type === t),
			rng,
		)) {
			items.push(toItem(slot, input, rng))
		}
	}
	const planned = input.strata.reduce((n, s) => n + plannedCount(s.counts), 0)
	return {
		items,
		report: {
			planned,
			drawn: items.length,
			shortfall: Math.max(0, planned - items.length),
			recentReused: items.filter((it) => input.recentKeys.has(it.k)).length,
			strata: input.strata.map((s, i) => ({
				key: s.key,
				planned: plannedCount(s.counts),
				own: own[i]!,
				widened: widened[i]!,
				borrowed: borrowed[i]!,
				shortfall: totalMissing(i),
			})),
		},
	}
}

/** Subtract `n` taken questions of any type from the missing counts. */
function consume(missing: Record<QuestionType, number>, n: number) {
	let left = n
	for (const t of QUESTION_TYPES) {
		const d = Math.min(missing[t], left)
		missing[t] -= d
		left -= d
	}
}

function toItem(slot: Slot, input: DrawInput, rng: Rng): PaperItem {
	const q = slot.question
	const options = q.type === 'TRUEFALSE' ? [...TRUEFALSE_KEYS] : shuffle(q.optionKeys, rng)
	return { q: q.id, k: q.key, t: q.type, o: options, p: input.points[q.type], s: input.strata[slot.stratum]!.key }
}
