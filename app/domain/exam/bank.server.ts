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
	const rows = await client.question.findMany({
		where: { packVersionId: { in: [...byId.keys()] } },
		select: { id: true, key: true, type: true, packVersionId: true, topic: true, operation: true, hazardItem: true, violation: true, audiences: true, options: true },
	})
	const questions: BankQuestion[] = []
	for (const r of rows) {
		if (!(QUESTION_TYPES as readonly string[]).includes(r.type)) continue
		const v = byId.get(r.packVersionId)!
		const optionKeys = r.type === 'TRUEFALSE' ? [] : optionKeysOf(r.options)
		if (r.type !== 'TRUEFALSE' && optionKeys.length < 2) continue
		questions.push({
			id: r.id,
			key: r.key,
			type: r.type as QuestionType,
			packId: v.packId,
			series: v.pack.series,
			topic: r.topic,
			operation: r.operation,
			hazardItem: r.hazardItem,
			violation: r.violation,
			audiences: parseJsonArray(r.audiences).map(String),
			optionKeys,
		})
	}
	return { questions, packVersionIds: [...byId.keys()] }
}
