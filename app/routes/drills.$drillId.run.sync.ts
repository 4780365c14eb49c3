/**
 * JSON endpoint for the phone's offline queue (drills.$drillId.run.tsx). Each item carries its
 * age on the phone's clock, so the server places the tap on its own clock. Answers:
 * 200 {ok:true} (also for a retried item already stored), 400/403/404 {ok:false,message}
 * (final: the phone drops the item), 401 when the session is gone (the phone keeps it).
 */
import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { addNote, ForbiddenError, HeadcountSchema, MarkSchema, NoteSchema, recordMark, setHeadcount } from '~/domain/drills.server.ts'
import { NotFoundError, RuleError } from '~/domain/roster.server.ts'
import { getActor } from '~/utils/auth.server.ts'
import { parseForm, type FormFailure } from '~/utils/forms.ts'
import { getT } from '~/utils/i18n.server.ts'
import { readFormData } from '~/utils/request.server.ts'

const TypeSchema = z.object({ type: z.enum(['mark', 'note', 'headcount']) })

export async function action({ request, params }: ActionFunctionArgs) {
	const { t } = await getT(request)
	const json = (body: Record<string, unknown>, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } })
	const fail = (f: FormFailure) => {
		const msg = f.formErrors[0] ?? Object.values(f.fieldErrors)[0]?.[0]
		return json({ ok: false, message: msg ? t(msg.key, msg.values ?? {}) : t('errors:invalid'), fieldErrors: f.fieldErrors }, 400)
	}
	const actor = await getActor(request)
	if (!actor || actor.mustChangePassword) return json({ ok: false, message: t('drills:errors.signedOut') }, 401)
	const form = await readFormData(request)
	const type = parseForm(TypeSchema, form)
	if (!type.ok) return fail(type)
	const drillId = params.drillId!
	try {
		if (type.data.type === 'mark') {
			const p = parseForm(MarkSchema, form)
			if (!p.ok) return fail(p)
			const r = await recordMark(actor, drillId, p.data.mark, p.data.ageMs ?? null)
			return json({ ok: true, mark: r.mark, at: r.at.toISOString(), already: r.already })
		}
		if (type.data.type === 'note') {
			const p = parseForm(NoteSchema, form)
			if (!p.ok) return fail(p)
			const r = await addNote(actor, drillId, p.data)
			return json({ ok: true, noteId: r.note.id, already: r.already })
		}
		const p = parseForm(HeadcountSchema, form)
		if (!p.ok) return fail(p)
		await setHeadcount(actor, drillId, p.data)
		return json({ ok: true })
	} catch (e) {
		if (e instanceof NotFoundError) return json({ ok: false, message: t('common:errorPage.notFound.title') }, 404)
		if (e instanceof ForbiddenError) return json({ ok: false, message: t('common:errorPage.forbidden.title') }, 403)
		if (e instanceof RuleError) return json({ ok: false, message: t(e.key, e.values ?? {}) }, 400)
		throw e
	}
}
