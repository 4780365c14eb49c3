/**
 * content/ → database. Each pack becomes an immutable PackVersion with its own Lesson and
 * Question rows. An unchanged pack (same content hash as its latest version) is left alone; a
 * changed one gets the next version number. Older versions are never touched, because attempts,
 * study records and certificates point at their rows. Nothing is written while the content has
 * any fault.
 */
import type { PrismaClient } from '~/generated/prisma/client.ts'

import { lessonContentHash, packContentHash, questionContentHash } from './hash.ts'
import { formatFault, loadContent, type ContentFault, type LoadedPack } from './load.ts'
import type { ContentQuestion } from './schema.ts'

export class ContentFaultsError extends Error {
	constructor(readonly faults: ContentFault[]) {
		const shown = faults.slice(0, 20).map((f) => formatFault(f, process.cwd()))
		if (faults.length > shown.length) shown.push(`… and ${faults.length - shown.length} more (npm run content:check)`)
		super(`content has ${faults.length} fault(s); nothing was imported:\n${shown.join('\n')}`)
	}
}

export type PackImportStatus = 'created' | 'new-version' | 'unchanged'

export interface PackImportResult {
	packId: string
	status: PackImportStatus
	/** Version number in the database (1, 2, …). */
	number: number
	packVersionId: string
	lessons: number
	questions: number
	contentHash: string
	/** The content changed but pack.yaml's `version` was not raised. */
	versionNotBumped: boolean
}

export interface ImportOptions {
	log?: (line: string) => void
}

const DB_TYPE = { single: 'SINGLE', multiple: 'MULTIPLE', truefalse: 'TRUEFALSE' } as const

function questionRow(q: ContentQuestion, packVersionId: string, ord: number) {
	return {
		key: q.id,
		packVersionId,
		type: DB_TYPE[q.type],
		stem: q.stem,
		options: JSON.stringify(q.options),
		answer: JSON.stringify(q.answer),
		explanation: q.explanation,
		source: q.source,
		lessonKey: q.lesson,
		topic: q.tags.topic,
		operation: q.tags.operation,
		hazardItem: q.tags.hazardItem,
		violation: q.tags.violation,
		audiences: JSON.stringify(q.tags.audience),
		difficulty: q.difficulty,
		contentHash: questionContentHash(q),
		ord,
	}
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

async function importPack(tx: Tx, pack: LoadedPack): Promise<PackImportResult> {
	const m = pack.manifest
	const contentHash = packContentHash(pack)
	const latest = await tx.packVersion.findFirst({ where: { packId: m.id }, orderBy: { number: 'desc' } })
	const counts = { lessons: pack.lessons.length, questions: pack.questions.length }
	if (latest && latest.contentHash === contentHash) {
		return { packId: m.id, status: 'unchanged', number: latest.number, packVersionId: latest.id, contentHash, versionNotBumped: false, ...counts }
	}
	await tx.pack.upsert({
		where: { id: m.id },
		create: { id: m.id, series: m.series, category: m.category },
		update: { series: m.series, category: m.category },
	})
	const number = (latest?.number ?? 0) + 1
	const version = await tx.packVersion.create({
		data: {
			packId: m.id,
			number,
			contentHash,
			declaredVersion: m.version,
			edition: m.edition.trim(),
			titleZh: m.title.zh.trim(),
			titleEn: m.title.en.trim(),
			summaryZh: m.summary.zh.trim(),
			summaryEn: m.summary.en.trim(),
			noticeZh: m.notice?.zh.trim() ?? null,
			noticeEn: m.notice?.en.trim() ?? null,
			audiences: JSON.stringify(m.audiences),
			minutes: m.minutes,
		},
	})
	await tx.lesson.createMany({
		data: pack.lessons.map((l) => ({
			packVersionId: version.id,
			key: l.id,
			ord: l.ord,
			titleZh: l.title,
			titleEn: l.titleEn,
			minutes: l.minutes,
			sources: JSON.stringify(l.sources),
			body: l.body,
			contentHash: lessonContentHash(l),
		})),
	})
	await tx.question.createMany({ data: pack.questions.map((q, i) => questionRow(q.question, version.id, i + 1)) })
	return {
		packId: m.id,
		status: latest ? 'new-version' : 'created',
		number,
		packVersionId: version.id,
		contentHash,
		versionNotBumped: latest !== null && m.version <= latest.declaredVersion,
		...counts,
	}
}

/**
 * Check the content in `dir` and load every pack into the database in one transaction.
 * Throws ContentFaultsError (and writes nothing) when the content has faults.
 */
export async function importContent(db: PrismaClient, dir: string, options: ImportOptions = {}): Promise<PackImportResult[]> {
	const log = options.log ?? (() => {})
	const load = loadContent(dir)
	if (load.faults.length) throw new ContentFaultsError(load.faults)
	const results = await db.$transaction(
		async (tx) => {
			const out: PackImportResult[] = []
			for (const pack of load.packs) out.push(await importPack(tx, pack))
			return out
		},
		{ timeout: 120_000 },
	)
	for (const r of results) {
		const what = r.status === 'unchanged' ? `unchanged (version ${r.number})` : `${r.status === 'created' ? 'imported as' : 'changed → new'} version ${r.number}: ${r.lessons} lessons, ${r.questions} questions`
		log(`  ${r.packId}: ${what}${r.versionNotBumped ? ' (warning: content changed but pack.yaml version was not raised)' : ''}`)
	}
	return results
}

/** The version learners get today: the highest number of the pack. */
export function latestPackVersion(db: PrismaClient, packId: string) {
	return db.packVersion.findFirst({ where: { packId }, orderBy: { number: 'desc' } })
}
