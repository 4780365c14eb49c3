// Starts the built app for e2e on a fresh, migrated database with the demo data set.
import { spawn, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const tmp = path.join(root, 'tests/.tmp')
fs.mkdirSync(tmp, { recursive: true })
// E2E_DB_PATH / E2E_PORT give a private run its own database and port.
const db = process.env.E2E_DB_PATH ?? path.join(tmp, 'e2e.db')
for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true })
const uploads = `${db}-uploads`
fs.rmSync(uploads, { recursive: true, force: true })

const env = { ...process.env, DATABASE_URL: `file:${db}`, UPLOAD_DIR: uploads, PORT: process.env.E2E_PORT ?? '3100', NODE_ENV: 'production', LOG_LEVEL: 'silent', HOST: '127.0.0.1' }
const tsx = path.join(root, 'node_modules/.bin/tsx')
execFileSync(tsx, ['scripts/migrate.ts', 'deploy'], { cwd: root, env, stdio: 'inherit' })
execFileSync(tsx, ['scripts/seed-demo.ts'], { cwd: root, env, stdio: 'inherit' })
if (!process.env.E2E_DB_PATH) fs.writeFileSync(path.join(tmp, 'e2e-db-path'), db)

const server = spawn(process.execPath, ['server.js'], { cwd: root, env, stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig))
server.on('exit', (code) => process.exit(code ?? 0))
