import { z } from 'zod'

const EnvSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	DATABASE_URL: z
		.string()
		.regex(/^file:.+/, 'DATABASE_URL must be an SQLite file URL such as file:./data/anxun.db')
		.default('file:./data/anxun.db'),
	PUBLIC_URL: z.url().optional(),
	UPLOAD_DIR: z.string().min(1).optional(),
	LOG_LEVEL: z.enum(['silent', 'info', 'debug']).default('info'),
	COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
	/** Validity of a training certificate from its issue date (issue 6). */
	CERTIFICATE_VALIDITY_MONTHS: z.coerce.number().int().min(1).max(240).default(36),
})

export type Env = z.infer<typeof EnvSchema>

let cached: Env | undefined

/** Validated environment; a bad value stops the server at start-up with a readable message. */
export function getEnv(): Env {
	if (cached) return cached
	const parsed = EnvSchema.safeParse(process.env)
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
		throw new Error(`Invalid environment:\n${lines.join('\n')}`)
	}
	cached = parsed.data
	return cached
}

/** Resolve the SQLite file path from DATABASE_URL (relative to the working directory). */
export function databaseFile(url = getEnv().DATABASE_URL): string {
	return url.replace(/^file:/, '')
}
