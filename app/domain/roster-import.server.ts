import { db } from '~/utils/db.server.ts'
import { audit } from './audit.server.ts'
import { validateImport, type ImportResult, type ImportRow, type RawRow, type RowError } from './roster-import.ts'
import { insertPerson, type EnterpriseActor } from './roster.server.ts'

/**
 * Validate a parsed roster file against the enterprise's data. Besides the file's own rules,
 * a mobile number may not belong to a sign-in elsewhere (sign-in is by mobile, system-wide),
 * except the account of someone who has left, which the new person takes over.
 */
export async function checkImport(actor: EnterpriseActor, header: string[], rows: RawRow[], today: string): Promise<ImportResult> {
	const enterpriseId = actor.enterpriseId
	const [departments, contractors, people] = await Promise.all([
		db.department.findMany({ where: { enterpriseId }, select: { id: true, name: true } }),
		db.contractorCompany.findMany({ where: { enterpriseId }, select: { id: true, name: true } }),
		db.person.findMany({ where: { enterpriseId }, select: { mobile: true, idCard: true } }),
	])
	const result = validateImport(header, rows, {
		departments,
		contractors,
		existingMobiles: new Set(people.map((p) => p.mobile)),
		existingIdCards: new Set(people.flatMap((p) => (p.idCard ? [p.idCard] : []))),
		today,
	})
	if (!result.ok) return result
	const taken = await db.user.findMany({
		where: { mobile: { in: result.rows.map((r) => r.mobile) } },
		select: { mobile: true, person: { select: { dutyStatus: true } } },
	})
	const blocked = new Set(taken.filter((u) => !(u.person && u.person.dutyStatus === 'LEFT')).map((u) => u.mobile))
	const rowErrors: RowError[] = result.rows
		.filter((r) => blocked.has(r.mobile))
		.map((r) => ({ line: r.line, column: 'mobile', msg: { key: 'errors:mobileTaken' } }))
	return rowErrors.length ? { ok: false, fileErrors: [], rowErrors } : result
}

/** Insert every row in one transaction: all or nothing. */
export async function commitImport(actor: EnterpriseActor, rows: ImportRow[]): Promise<number> {
	await db.$transaction(
		async (tx) => {
			for (const row of rows) await insertPerson(tx, actor, row, { via: 'import' })
			await audit(actor, { action: 'roster.imported', entityType: 'Enterprise', entityId: actor.enterpriseId, enterpriseId: actor.enterpriseId, data: { count: rows.length } }, tx)
		},
		{ timeout: 60_000 },
	)
	return rows.length
}
