/**
 * Content hashes over the normalised pack: the parsed data, not the file bytes, so comments,
 * quoting, key order and which file a question sits in do not make a new version.
 */
import { createHash } from 'node:crypto'

import type { LoadedLesson, LoadedPack } from './load.ts'
import type { ContentQuestion } from './schema.ts'

/** JSON with object keys sorted at every level, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
	}
	return JSON.stringify(value ?? null)
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

export function questionContentHash(q: ContentQuestion): string {
	return sha256(canonicalJson(q))
}

function normalizedLesson(l: LoadedLesson) {
	return { ord: l.ord, id: l.id, title: l.title, titleEn: l.titleEn, minutes: l.minutes, sources: l.sources, body: l.body }
}

/** Independent of the lesson's position, so a lesson moved within its pack keeps its hash. */
export function lessonContentHash(l: LoadedLesson): string {
	const { ord: _ord, ...rest } = normalizedLesson(l)
	return sha256(canonicalJson(rest))
}

/** The normalised form a pack version is identified by. */
export function normalizedPack(pack: LoadedPack) {
	const m = pack.manifest
	return {
		manifest: {
			id: m.id,
			series: m.series,
			edition: m.edition.trim(),
			version: m.version,
			category: m.category,
			audiences: m.audiences,
			minutes: m.minutes,
			title: { zh: m.title.zh.trim(), en: m.title.en.trim() },
			summary: { zh: m.summary.zh.trim(), en: m.summary.en.trim() },
			notice: m.notice ? { zh: m.notice.zh.trim(), en: m.notice.en.trim() } : null,
			hazardItems: m.hazardItems ?? null,
		},
		lessons: pack.lessons.map(normalizedLesson),
		questions: pack.questions.map((q) => q.question).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
	}
}

export function packContentHash(pack: LoadedPack): string {
	return sha256(canonicalJson(normalizedPack(pack)))
}
