import type { LoaderFunctionArgs } from '@remix-run/node'
import { isLocale } from '~/i18n.ts'
import { getMessageBundle } from '~/utils/i18n.server.ts'

/** /messages/<locale>/<hash>.json — the browser's translation bundle, cached for a year. */
export async function loader({ params }: LoaderFunctionArgs) {
	if (!isLocale(params.locale)) throw new Response('Not found', { status: 404 })
	const bundle = getMessageBundle(params.locale)
	if (params.file !== `${bundle.hash}.json`) throw new Response('Not found', { status: 404 })
	return new Response(bundle.body, {
		headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable' },
	})
}
