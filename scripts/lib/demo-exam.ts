/**
 * Exam engine demo data (issue 4): the shipped exam blueprints. Idempotent: a blueprint that
 * exists (possibly edited by an administrator) is left alone. Attempts are not invented here —
 * they come from the features that start them (course exams, inspections).
 */
import type { PrismaClient } from '../../app/generated/prisma/client.ts'
import { ensureDefaultBlueprints } from '../../app/domain/exam/blueprints.server.ts'

export async function seedDemoExam(db: PrismaClient, opts: { log?: (s: string) => void } = {}): Promise<void> {
	const created = await ensureDefaultBlueprints(db)
	opts.log?.(created ? `Exam blueprints: ${created} created.` : 'Exam blueprints: present.')
}
