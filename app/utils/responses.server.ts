import { data } from '@remix-run/node'
import { NotFoundError, RuleError } from '~/domain/roster.server.ts'
import { formFailure } from './forms.ts'

/** 404 in the shape Remix error boundaries expect. */
export function notFound(): Response {
	return new Response('Not found', { status: 404 })
}

export function invariantResponse(condition: unknown, status = 404): asserts condition {
	if (!condition) throw new Response(status === 404 ? 'Not found' : 'Bad request', { status })
}

/** Turn a domain refusal into a response: not-found → 404, a rule → 400 with a message. */
export function domainErrorResponse(error: unknown) {
	if (error instanceof NotFoundError) throw notFound()
	if (error instanceof RuleError) return data(formFailure(error.field, error.key, error.values), { status: 400 })
	throw error
}
