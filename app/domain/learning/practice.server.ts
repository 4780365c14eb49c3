/**
 * Practice mode for an assigned pack: one question at a time, checked on the server, with the
 * explanation shown after the answer; wrong answers collect in the wrong-answer book (错题本).
 * The correct answer never leaves the server before the learner has answered.
 */
import { db } from '~/utils/db.server.ts'
import type { Actor } from '../policy.ts'
import { NotFoundError, RuleError } from '../roster.server.ts'
import { isCorrectChoice, nextPracticeQuestion, wrongBook } from './rules.ts'

export type PracticeMode = 'all' | 'wrong'

type Option = { key: string; text: string }

function parseOptions(type: string, json: string): Option[] {
	if (type === 'TRUEFALSE') return [{ key: 'T', text: '' }, { key: 'F', text: '' }]
	try {
		const v: unknown = JSON.parse(json)
		if (!Array.isArray(v)) return []
		return v.filter((o): o is Option => !!o && typeof o.key === 'string' && typeof o.text === 'string')
	} catch {
		return []
	}
}

function parseKeys(json: string): string[] {
	try {
		const v: unknown = JSON.parse(json)
		return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
	} catch {
		return []
	}
}

async function practiceContext(actor: Actor, assignmentId: string) {
	if (!actor.personId) throw new NotFoundError()
	const a = await db.assignment.findFirst({
		where: { id: assignmentId, personId: actor.personId, status: { not: 'CANCELLED' } },
		select: { id: true, packVersionId: true, packVersion: { select: { titleZh: true, titleEn: true, packId: true } } },
	})
	if (!a) throw new NotFoundError()
	const questions = await db.question.findMany({ where: { packVersionId: a.packVersionId }, orderBy: { key: 'asc' }, select: { id: true } })
	const answers = await db.practiceAnswer.findMany({
		where: { personId: actor.personId, packVersionId: a.packVersionId },
		select: { questionId: true, correct: true, at: true },
	})
	return { personId: actor.personId, a, ids: questions.map((q) => q.id), answers }
}

/** Public view of a question: stem and options, no answer. */
async function questionView(questionId: string) {
	const q = await db.question.findUniqueOrThrow({ where: { id: questionId }, select: { id: true, key: true, type: true, stem: true, options: true } })
	return { id: q.id, key: q.key, type: q.type as 'SINGLE' | 'MULTIPLE' | 'TRUEFALSE', stem: q.stem, options: parseOptions(q.type, q.options) }
}

/** The practice page: the next question of the chosen mode and the learner's tallies. */
export async function getPractice(actor: Actor, assignmentId: string, mode: PracticeMode, afterId: string | null) {
	const ctx = await practiceContext(actor, assignmentId)
	const correctIds = new Set(ctx.answers.filter((x) => x.correct).map((x) => x.questionId))
	const wrong = wrongBook(ctx.answers)
	const answered = new Set(ctx.answers.map((x) => x.questionId))
	let nextId: string | null
	if (mode === 'wrong') {
		// Cycle through the book, oldest mistake last answered → newest; skip the one just seen.
		const pool = afterId && wrong.length > 1 ? wrong.filter((id) => id !== afterId) : wrong
		nextId = pool[0] ?? null
	} else {
		nextId = nextPracticeQuestion(ctx.ids, correctIds, afterId && ctx.ids.includes(afterId) ? afterId : null)
	}
	return {
		assignmentId: ctx.a.id,
		pack: { titleZh: ctx.a.packVersion.titleZh, titleEn: ctx.a.packVersion.titleEn },
		mode,
		total: ctx.ids.length,
		answered: ctx.ids.filter((id) => answered.has(id)).length,
		correct: ctx.ids.filter((id) => correctIds.has(id)).length,
		wrongCount: wrong.length,
		question: nextId ? await questionView(nextId) : null,
	}
}

/** Check one practice answer, record it, and reveal the correct answer with its explanation. */
export async function answerPractice(actor: Actor, assignmentId: string, questionId: string, chosen: string[], now = new Date()) {
	const ctx = await practiceContext(actor, assignmentId)
	if (!ctx.ids.includes(questionId)) throw new NotFoundError()
	const q = await db.question.findUniqueOrThrow({ where: { id: questionId } })
	const options = parseOptions(q.type, q.options).map((o) => o.key)
	const picked = [...new Set(chosen)]
	if (!picked.length) throw new RuleError('chosen', 'learning:chooseAnswer')
	if (picked.some((k) => !options.includes(k))) throw new RuleError('chosen', 'errors:invalidChoice')
	if (q.type !== 'MULTIPLE' && picked.length > 1) throw new RuleError('chosen', 'learning:chooseOne')
	const answer = parseKeys(q.answer)
	const correct = isCorrectChoice(answer, picked)
	await db.practiceAnswer.create({
		data: { personId: ctx.personId, packVersionId: ctx.a.packVersionId, questionId, chosen: JSON.stringify(picked), correct, at: now },
	})
	return {
		question: await questionView(questionId),
		chosen: picked,
		correct,
		answer,
		explanation: q.explanation,
		source: q.source,
	}
}
