import { db } from '~/utils/db.server.ts'

export async function loader() {
	await db.$queryRawUnsafe('SELECT 1')
	return new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
}
