import type { z } from 'zod'

/** A translatable message: an i18n key (namespace "errors" unless prefixed) and its values. */
export type Msg = { key: string; values?: Record<string, string | number> }
export type FieldErrors = Record<string, Msg[]>
export type FormFailure = { ok: false; fieldErrors: FieldErrors; formErrors: Msg[] }
export type FormResult<T> = { ok: true; data: T } | FormFailure

/**
 * Map a zod issue to a message key. Schemas give their own messages as keys that start with
 * "errors:"; zod's built-in English messages are replaced by keys per issue code.
 */
export function issueToMsg(issue: z.core.$ZodIssue): Msg {
	if (/^[a-zA-Z]+:[\w.]+$/.test(issue.message)) return { key: issue.message }
	switch (issue.code) {
		case 'invalid_type':
			return { key: issue.input === undefined || issue.input === '' ? 'errors:required' : 'errors:invalid' }
		case 'too_small':
			if (issue.origin === 'string')
				return Number(issue.minimum) <= 1
					? { key: 'errors:required' }
					: { key: 'errors:tooShort', values: { min: Number(issue.minimum) } }
			if (issue.origin === 'array' || issue.origin === 'set')
				return { key: 'errors:chooseAtLeast', values: { min: Number(issue.minimum) } }
			return { key: 'errors:tooSmall', values: { min: Number(issue.minimum) } }
		case 'too_big':
			if (issue.origin === 'string') return { key: 'errors:tooLong', values: { max: Number(issue.maximum) } }
			return { key: 'errors:tooBig', values: { max: Number(issue.maximum) } }
		case 'invalid_value':
			return { key: 'errors:invalidChoice' }
		case 'invalid_format':
			return { key: 'errors:invalidFormat' }
		default:
			return { key: 'errors:invalid' }
	}
}

export function zodFailure(error: z.ZodError): FormFailure {
	const fieldErrors: FieldErrors = {}
	const formErrors: Msg[] = []
	for (const issue of error.issues) {
		const msg = issueToMsg(issue)
		const field = issue.path.length ? String(issue.path[0]) : ''
		if (!field) formErrors.push(msg)
		else (fieldErrors[field] ??= []).push(msg)
	}
	return { ok: false, fieldErrors, formErrors }
}

/**
 * Characters nobody types into a form: C0 controls other than tab and line breaks, DEL, C1
 * controls, and the bidirectional overrides/isolates that can make a stored name display as
 * something else. Refused in every field (found by the bad-input sweep, issue 8).
 */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/

/** Parse a form (FormData or URLSearchParams) with a zod schema; repeated fields become arrays. */
export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData | URLSearchParams,
	arrayFields: readonly string[] = [],
): FormResult<z.output<S>> {
	const obj: Record<string, unknown> = {}
	const controls: FieldErrors = {}
	for (const key of new Set(form.keys())) {
		const values = form.getAll(key).filter((v): v is string => typeof v === 'string')
		if (values.some((v) => CONTROL_CHARACTERS.test(v))) controls[key] = [{ key: 'errors:controlCharacters' }]
		obj[key] = arrayFields.includes(key) ? values : values[0]
	}
	for (const key of arrayFields) obj[key] ??= []
	const parsed = schema.safeParse(obj)
	if (Object.keys(controls).length) {
		const rest = parsed.success ? { fieldErrors: {}, formErrors: [] } : zodFailure(parsed.error)
		return { ok: false, fieldErrors: { ...rest.fieldErrors, ...controls }, formErrors: rest.formErrors }
	}
	return parsed.success ? { ok: true, data: parsed.data } : zodFailure(parsed.error)
}

export function formFailure(field: string | null, key: string, values?: Msg['values']): FormFailure {
	const msg: Msg = { key, values }
	return field
		? { ok: false, fieldErrors: { [field]: [msg] }, formErrors: [] }
		: { ok: false, fieldErrors: {}, formErrors: [msg] }
}
