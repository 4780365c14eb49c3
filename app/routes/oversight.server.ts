import { ForbiddenError } from '~/domain/dashboard/scope.server.ts'
import { NotFoundError } from '~/domain/roster.server.ts'
import { notFound } from '~/utils/responses.server.ts'

/** Dashboard refusals as responses: out of scope → 404, wrong role → 403. */
export function oversightErrorResponse(error: unknown): never {
	if (error instanceof NotFoundError) throw notFound()
	if (error instanceof ForbiddenError) throw new Response('Forbidden', { status: 403 })
	throw error
}

/** A region id from the URL: an opaque id of bounded length, or nothing. */
export function regionParam(request: Request): string | null {
	const v = new URL(request.url).searchParams.get('region')?.trim()
	return v ? v.slice(0, 40) : null
}
