import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { heartbeat } from '~/domain/learning/study.server.ts'
import { NotFoundError } from '~/domain/roster.server.ts'
import { getActor } from '~/utils/auth.server.ts'
import { parseForm } from '~/utils/forms.ts'

/** Heartbeats of the lesson reader (fetch while visible, sendBeacon when hidden). JSON out. */
const BeatSchema = z.object({
	sessionId: z.string().trim().min(1).max(40),
	kind: z.enum(['beat', 'resume']),
	scroll: z.coerce.number().min(0).max(1).optional().catch(undefined),
})

export async function action({ request }: ActionFunctionArgs) {
	if (request.method !== 'POST') return Response.json({ ok: false }, { status: 405 })
	const actor = await getActor(request)
	if (!actor) return Response.json({ ok: false }, { status: 401 })
	const form = await request.formData().catch(() => null)
	if (!form) return Response.json({ ok: false }, { status: 400 })
	const parsed = parseForm(BeatSchema, form)
	if (!parsed.ok) return Response.json(parsed, { status: 400 })
	try {
		return Response.json(await heartbeat(actor, parsed.data.sessionId, parsed.data.kind, parsed.data.scroll ?? null))
	} catch (e) {
		if (e instanceof NotFoundError) return Response.json({ ok: false }, { status: 404 })
		throw e
	}
}

export function loader() {
	return Response.json({ ok: false }, { status: 405 })
}
