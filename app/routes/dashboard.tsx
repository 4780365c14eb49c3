import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireActor } from '~/utils/auth.server.ts'
import { isBureau, isEnterpriseManager } from '~/domain/dashboard/scope.server.ts'

/** "My dashboard": the enterprise's for its principal and safety managers, the region's for bureau staff. */
export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	if (isBureau(actor)) throw redirect('/oversight')
	if (isEnterpriseManager(actor)) throw redirect(`/oversight/enterprises/${actor.enterpriseId}`)
	throw new Response('Forbidden', { status: 403 })
}
