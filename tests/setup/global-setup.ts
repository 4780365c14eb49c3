/**
 * Vitest globalSetup: migrate a template database once per run. Every test file then starts
 * from a copy of it (tests/setup/per-worker.ts), which is much faster than migrating per file.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { TestProject } from 'vitest/node'

import { deleteSqliteFile } from '../../scripts/lib/schema-engine.ts'
import { deployMigrations, PROJECT_ROOT } from '../../scripts/migrate.ts'

declare module 'vitest' {
	export interface ProvidedContext {
		/** Absolute path of the migrated template database. */
		templateDbPath: string
	}
}

const TMP_DIR = path.join(PROJECT_ROOT, 'tests', '.tmp')

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0)
		return true
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM'
	}
}

/** Per-file copies left behind by a crashed run (their process is gone). */
async function removeStaleCopies(): Promise<void> {
	for (const name of fs.readdirSync(TMP_DIR)) {
		const match = /^test-(\d+)-[^.]+\.db$/.exec(name)
		if (match && !isAlive(Number(match[1]))) await deleteSqliteFile(path.join(TMP_DIR, name))
	}
}

export default async function setup(project: TestProject): Promise<void> {
	fs.mkdirSync(TMP_DIR, { recursive: true })
	await removeStaleCopies()
	const template = path.join(TMP_DIR, 'template.db')
	await deleteSqliteFile(template)
	const started = Date.now()
	const { applied } = await deployMigrations(template)
	if (process.env.DEBUG_TEST_DB) {
		console.log(`[global-setup] template.db: ${applied.length} migration(s) in ${Date.now() - started} ms`)
	}
	project.provide('templateDbPath', template)
}
