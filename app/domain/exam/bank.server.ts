/**
 * The question bank an attempt draws from: the latest imported version of every pack (or the
 * exact pack versions a scope names), as plain rows for the pure drawing code.
 */
import { QUESTION_TYPES, type QuestionType, type Scope } from './types.ts'
import type { BankQuestion } from './draw.ts'
import type { Client } from './blueprints.server.ts'

function parseJsonArray(text: string): unknown[] {
	try {
		const v = JSON.parse(text)
		return Array.isArray(v) ? v : []
	} catch {
		return []
	}
}

/** Option keys of a stored question (`options` is JSON [{ key, text }]). */
export function optionKeysOf(optionsJson: string): string[] {
	return parseJsonArray(optionsJson)
		.map((o) => (o && typeof o === 'object' && 'key' in o ? String((o as { key: unknown }).key) : ''))
		.filter(Boolean)
}

/** Questions per pack version (immutable once imported), with the row count they were read at. */
const bankCache = new Map<string, { count: number; questions: BankQuestion[] }>()
const BANK_CACHE_VERSIONS = 500

export async function loadBank(client: Client, scope: Scope | null): Promise<{ questions: BankQuestion[]; packVersionIds: string[] }> {
	const versions = await client.packVersion.findMany({ select: { id: true, packId: true, number: true, pack: { select: { series: true } } } })
	let chosen: typeof versions
	if (scope?.packVersionIds?.length) {
		chosen = versions.filter((v) => scope.packVersionIds!.includes(v.id))
	} else {
		const latest = new Map<string, (typeof versions)[number]>()
		for (const v of versions) {
			const cur = latest.get(v.packId)
			if (!cur || v.number > cur.number) latest.set(v.packId, v)
		}
		chosen = [...latest.values()]
	}
	if (scope?.packIds?.length) chosen = chosen.filter((v) => scope.packIds!.includes(v.packId))
	const byId = new Map(chosen.map((v) => [v.id, v]))
	const ids = [...byId.keys()]
	// A pack version's questions never change once imported: keep them in memory, checked by a
	// cheap count, instead of reading ~the whole bank inside every start's write transaction.
	const counts = ids.length
		? await client.question.groupBy({ by: ['packVersionId'], where: { packVersionId: { in: ids } }, _count: { _all: true } })
		: []
	const countOf = new Map(counts.map((c) => [c.packVersionId, c._count._all]))
	const stale = ids.filter((id) => bankCache.get(id)?.count !== (countOf.get(id) ?? 0))
	if (stale.length) {
		const rows = await client.question.findMany({
			where: { packVersionId: { in: stale } },
			select: { id: true, key: true, type: true, packVersionId: true, topic: true, operation: true, hazardItem: true, violation: true, audiences: true, options: true },
		})
		const fresh = new Map<string, BankQuestion[]>(stale.map((id) => [id, []]))
		for (const r of rows) {
			if (!(QUESTION_TYPES as readonly string[]).includes(r.type)) continue
			const v = byId.get(r.packVersionId)!
			const optionKeys = r.type === 'TRUEFALSE' ? [] : optionKeysOf(r.options)
			if (r.type !== 'TRUEFALSE' && optionKeys.length < 2) continue
			fresh.get(r.packVersionId)!.push(
				Object.freeze({
					id: r.id,
					key: r.key,
					type: r.type as QuestionType,
					packId: v.packId,
					series: v.pack.series,
					topic: r.topic,
					operation: r.operation,
					hazardItem: r.hazardItem,
					violation: r.violation,
					audiences: Object.freeze(parseJsonArray(r.audiences).map(String)) as string[],
					optionKeys: Object.freeze(optionKeys),
				}),
			)
		}
		for (const id of stale) {
			bankCache.delete(id)
			bankCache.set(id, { count: countOf.get(id) ?? 0, questions: fresh.get(id)! })
		}
		while (bankCache.size > BANK_CACHE_VERSIONS) bankCache.delete(bankCache.keys().next().value!)
	}
	const questions: BankQuestion[] = ids.flatMap((id) => bankCache.get(id)?.questions ?? [])
	return { questions, packVersionIds: [...byId.keys()] }
}
