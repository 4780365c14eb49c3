import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { SUPPORTED_LOCALES } from '~/i18n.ts'
import { localeCookie } from '~/utils/i18n.server.ts'
import { readFormData } from '~/utils/request.server.ts'

const LocaleSchema = z.object({ locale: z.enum(SUPPORTED_LOCALES), redirectTo: z.string().optional() })

export async function loader() {
	throw redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	const parsed = LocaleSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) throw new Response('Bad request', { status: 400 })
	const to = parsed.data.redirectTo
	const target = to && /^\/(?!\/)[\w\-./?=&%]*$/.test(to) ? to : '/'
	return redirect(target, { headers: { 'Set-Cookie': await localeCookie.serialize(parsed.data.locale) } })
}
