import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { audit } from '~/domain/audit.server.ts'
import { clearSessionCookie, destroyAllSessions, destroySession, getActor } from '~/utils/auth.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export async function loader() {
	throw redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	const form = await readFormData(request)
	const actor = await getActor(request)
	if (actor && form.get('everywhere') === '1') {
		const count = await destroyAllSessions(actor.userId)
		await audit(actor, { action: 'auth.signOutEverywhere', entityType: 'User', entityId: actor.userId, data: { sessions: count } })
	} else {
		await destroySession(request)
	}
	return redirect('/login', { headers: { 'Set-Cookie': clearSessionCookie(request) } })
}
