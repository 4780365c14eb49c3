import { it } from 'vitest'
import { loadRouteTable } from '../support/route-table.ts'
it('probe', async () => {
	const t = await loadRouteTable()
	for (const r of t) console.log(JSON.stringify({ p: r.path, f: r.file.replace('routes/',''), L: !!r.loader, A: !!r.action, fields: r.fields, intents: r.intents, q: r.queryNames }))
}, 120000)
