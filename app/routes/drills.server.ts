import { ForbiddenError } from '~/domain/drills.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'

/** Domain refusals of the drill module as responses: 403 for a visible drill one may not change. */
export function drillErrorResponse(error: unknown) {
	if (error instanceof ForbiddenError) throw new Response('Forbidden', { status: 403 })
	return domainErrorResponse(error)
}

/** A local path to go back to after a POST; anything else falls back. */
export function safeLocalPath(value: FormDataEntryValue | null, fallback: string): string {
	return typeof value === 'string' && /^\/(?![/\\])[\w\-/?=&.%]*$/.test(value) ? value : fallback
}
