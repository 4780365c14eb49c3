import { z } from 'zod'
import { normalizeIdentifierInput, validateIdCard, validateMobile, validateUscc } from './identifiers.ts'
import { parseDateString, shanghaiDate } from './time.ts'

/** Shared field schemas; messages are i18n keys in the "errors" namespace. */
export const MobileSchema = z
	.string({ error: 'errors:required' })
	.trim()
	.min(1, 'errors:required')
	.transform((v, ctx) => {
		const r = validateMobile(v)
		if (!r.ok) {
			ctx.addIssue({ code: 'custom', message: 'errors:mobileInvalid' })
			return z.NEVER
		}
		return r.value
	})

export const OptionalIdCardSchema = z
	.string()
	.trim()
	.optional()
	.transform((v, ctx) => {
		if (!v) return null
		const r = validateIdCard(v, shanghaiDate(new Date()))
		if (!r.ok) {
			ctx.addIssue({ code: 'custom', message: `errors:idCard.${r.reason}` })
			return z.NEVER
		}
		return r.value
	})

export const UsccSchema = z
	.string({ error: 'errors:required' })
	.trim()
	.min(1, 'errors:required')
	.transform((v, ctx) => {
		const r = validateUscc(normalizeIdentifierInput(v))
		if (!r.ok) {
			ctx.addIssue({ code: 'custom', message: `errors:uscc.${r.reason}` })
			return z.NEVER
		}
		return r.value
	})

/** Passwords: 8–128 characters with at least one letter and one digit. */
export const NewPasswordSchema = z
	.string({ error: 'errors:required' })
	.min(8, 'errors:passwordTooShort')
	.max(128, 'errors:tooLong')
	.refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), 'errors:passwordWeak')

export const NameSchema = z.string({ error: 'errors:required' }).trim().min(1, 'errors:required').max(50, 'errors:tooLong')

export const OptionalDateSchema = z
	.string()
	.trim()
	.optional()
	.transform((v) => v || null)
	.refine((v) => v === null || parseDateString(v) !== null, 'errors:dateInvalid')
