import { getEnv } from './env.server.ts'
import { getT } from './i18n.server.ts'

/** The public origin for links printed in documents (QR codes): PUBLIC_URL, else the request's. */
export function publicOrigin(request: Request): string {
	return (getEnv().PUBLIC_URL ?? new URL(request.url).origin).replace(/\/+$/, '')
}

/** What every PDF needs from the request: the reader's language, its messages, the time. */
export async function pdfContext(request: Request) {
	const { locale, t } = await getT(request)
	return { locale, t, generatedAt: new Date(), origin: publicOrigin(request) }
}
