import type { LoaderFunctionArgs } from '@remix-run/node'
import { readDrillPhoto } from '~/domain/drills.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { drillErrorResponse } from './drills.server.ts'

/** A drill photo, only for someone who may see the drill (404 otherwise); never a public file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	try {
		const photo = await readDrillPhoto(actor, params.drillId!, params.photoId!)
		const etag = `"${photo.sha256}"`
		const headers = {
			'Content-Type': photo.mime,
			'Cache-Control': 'private, max-age=3600',
			'Content-Disposition': 'inline',
			'X-Content-Type-Options': 'nosniff',
			'Content-Security-Policy': "default-src 'none'; img-src 'self'",
			ETag: etag,
		}
		if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers })
		return new Response(new Uint8Array(photo.bytes), { headers: { ...headers, 'Content-Length': String(photo.bytes.length) } })
	} catch (e) {
		throw drillErrorResponse(e)
	}
}
