import path from 'node:path'
import fs from 'node:fs'
import { startServer, tempDatabase } from './lib/bench-server.ts'
const tmp = await tempDatabase('prof')
const hook = path.join(tmp.dir, 'exit.cjs'); fs.writeFileSync(hook, "process.on('SIGTERM', () => process.exit(0))\n")
const s = await startServer(tmp, {}, ['--require', hook, '--cpu-prof', '--cpu-prof-dir=/tmp/prof4'])
const t0 = Date.now()
let n = 0
while (Date.now() - t0 < 8000) { const r = await fetch(`${s.url}/login`); await r.text(); n++ }
console.log(n, 'renders', (8000 / n).toFixed(1), 'ms each')
await s.stop(); tmp.remove()
