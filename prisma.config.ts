import path from 'node:path'
import { defineConfig } from 'prisma/config'

// The native schema engine cannot be downloaded here; point the CLI at a stub that exits 1 so
// `prisma generate`/`validate` work and an accidental `prisma migrate` fails loudly.
// Migrations run through scripts/migrate.ts (schema-engine-wasm); see docs/decisions/0002.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('prisma/schema-engine-stub.sh')

export default defineConfig({
	schema: 'prisma/schema.prisma',
	migrations: { path: 'prisma/migrations' },
	datasource: { url: process.env.DATABASE_URL ?? 'file:./data/anxun.db' },
})
