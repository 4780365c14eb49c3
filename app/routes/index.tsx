import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { getActor } from '~/utils/auth.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await getActor(request)
	throw redirect(actor ? '/home' : '/login')
}
