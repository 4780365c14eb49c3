/**
 * Background save of one answer (the exam page's JS queue). POST form fields `position`
 * (0-based) and `choice` (repeated display keys; none withdraws the answer).
 * 200 { ok: true } only after the answer is committed; 409 { ok: false, reason: LATE | CLOSED }
 * when refused (recorded); 400 bad input; 401 not signed in; 404 not this person's attempt.
 */
import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { resolveExamViewer } from '~/domain/exam/access.server.ts'
import { saveAnswer } from '~/domain/exam/attempts.server.ts'
import { NotFoundError, RuleError } from '~/domain/roster.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { readFormData } from '~/utils/request.server.ts'

const SaveSchema = z.object({
	position: z.coerce.number().int().min(0).max(499),
	choice: z.array(z.string().regex(/^[A-FT]$/)).max(6),
})

const noStore = { 'Cache-Control': 'no-store' }

/** A resource route answers with a plain Response (status and body exactly as given). */
function json(body: unknown, init: ResponseInit = {}): Response {
	return Response.json(body, init)
}

export async function loader() {
	return json({ ok: false, reason: 'METHOD' }, { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request, params }: ActionFunctionArgs) {
	if (request.method !== 'POST') return json({ ok: false, reason: 'METHOD' }, { status: 405, headers: { Allow: 'POST' } })
	const attemptId = params.attemptId!
	try {
		const viewer = await resolveExamViewer(request, attemptId)
		if (!viewer) return json({ ok: false, reason: 'AUTH' }, { status: 401, headers: noStore })
		if (viewer.kind !== 'taker') return json({ ok: false, reason: 'NOT_FOUND' }, { status: 404, headers: noStore })
		const parsed = parseForm(SaveSchema, await readFormData(request), ['choice'])
		if (!parsed.ok) return json({ ok: false, reason: 'INVALID', errors: parsed }, { status: 400, headers: noStore })
		const r = await saveAnswer({ attemptId, personId: viewer.personId, position: parsed.data.position, choice: parsed.data.choice })
		if (!r.ok) return json({ ok: false, reason: r.reason }, { status: 409, headers: noStore })
		return json({ ok: true, position: r.position, savedAt: r.savedAt.toISOString(), answeredCount: r.answeredCount }, { headers: noStore })
	} catch (e) {
		if (e instanceof NotFoundError) return json({ ok: false, reason: 'NOT_FOUND' }, { status: 404, headers: noStore })
		if (e instanceof RuleError) return json({ ok: false, reason: 'INVALID', key: e.key }, { status: 400, headers: noStore })
		throw e
	}
}
