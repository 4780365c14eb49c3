import { describe, expect, it } from 'vitest'
import { BlueprintFormSchema, ensureDefaultBlueprints, findBlueprint, listBlueprints, previewBlueprint, updateBlueprint } from '~/domain/exam/blueprints.server.ts'
import { DEFAULT_BLUEPRINTS } from '~/domain/exam/defaults.ts'
import type { Actor } from '~/domain/policy.ts'
import { parseForm } from '~/utils/forms.ts'
import { db } from '~/utils/db.server.ts'
import { ensureShippedShapeBank } from '../support/exam-fixtures.ts'

const admin: Actor = { userId: 'admin-user', displayName: 'A', roles: ['ADMIN'], personId: null, enterpriseId: null, regionId: null, regionIds: [], mustChangePassword: false }
const manager: Actor = { ...admin, userId: 'm', roles: ['SAFETY_MANAGER'], personId: 'p', enterpriseId: 'e' }

function form(over: Record<string, string> = {}) {
	const bp = DEFAULT_BLUEPRINTS[0]!
	const f = new URLSearchParams({
		nameZh: bp.nameZh,
		nameEn: bp.nameEn,
		audience: bp.audience,
		pointsSingle: '5',
		pointsMultiple: '5',
		pointsTruefalse: '5',
		passMark: '80',
		timeLimitMinutes: '25',
		maxAttempts: '',
		retakeCooldownMinutes: '0',
		minSecondsPerQuestion: '5',
		active: 'on',
		strata: JSON.stringify(bp.strata),
		...over,
	})
	return f
}

describe('blueprints', () => {
	it('ships the defaults once and never overwrites an edit', async () => {
		expect(await ensureDefaultBlueprints()).toBe(DEFAULT_BLUEPRINTS.length)
		expect(await ensureDefaultBlueprints()).toBe(0)
		const worker = (await findBlueprint(db, { code: 'WORKER_SPOT_CHECK' }))!
		expect(worker).toMatchObject({ total: 100, passMark: 80, timeLimitMinutes: 20, maxAttempts: 1, active: true })
		const parsed = parseForm(BlueprintFormSchema, form())
		expect(parsed.ok).toBe(true)
		if (!parsed.ok) return
		await updateBlueprint(admin, worker.id, parsed.data)
		expect(await ensureDefaultBlueprints()).toBe(0)
		expect(await findBlueprint(db, { id: worker.id })).toMatchObject({ timeLimitMinutes: 25, maxAttempts: null })
		expect(await db.auditEvent.count({ where: { entityId: worker.id, action: 'exam.blueprintUpdated', actorUserId: 'admin-user' } })).toBe(1)
	})

	it.each([
		[{ strata: '{not json' }, 'strata', 'exam:bp.badJson'],
		[{ strata: '[]' }, 'strata', 'exam:bp.noStrata'],
		[{ strata: JSON.stringify([{ key: 'A b', labelZh: 'x', labelEn: 'x', filter: {}, counts: { SINGLE: 1, MULTIPLE: 0, TRUEFALSE: 0 } }]) }, 'strata', 'exam:bp.badStratumKey'],
		[{ strata: JSON.stringify([{ key: 'a', labelZh: 'x', labelEn: 'x', filter: { packs: ['x'] }, counts: { SINGLE: 0, MULTIPLE: 0, TRUEFALSE: 0 } }]) }, 'strata', 'exam:bp.noQuestions'],
		[{ strata: JSON.stringify([{ key: 'a', labelZh: 'x', labelEn: 'x', filter: { colour: 'red' }, counts: { SINGLE: 1, MULTIPLE: 0, TRUEFALSE: 0 } }]) }, 'strata', 'exam:bp.badStrata'],
		[{ passMark: '101' }, 'passMark', 'exam:bp.passMarkAboveTotal'],
		[{ timeLimitMinutes: '0' }, 'timeLimitMinutes', 'errors:tooSmall'],
		[{ audience: 'BOSS' }, 'audience', 'errors:invalidChoice'],
		[{ pointsSingle: 'abc' }, 'pointsSingle', 'errors:invalid'],
		[{ pointsSingle: '' }, 'pointsSingle', 'errors:required'],
		[{ maxAttempts: '0' }, 'maxAttempts', 'errors:tooSmall'],
		[{ maxAttempts: '1.5' }, 'maxAttempts', 'errors:invalid'],
	])('refuses %j on %s', (over, field, key) => {
		const r = parseForm(BlueprintFormSchema, form(over))
		expect(r.ok).toBe(false)
		if (r.ok) return
		expect(r.fieldErrors[field]?.[0]?.key).toBe(key)
	})

	it('is for administrators only; the preview draws without storing anything', async () => {
		await expect(listBlueprints(manager)).rejects.toMatchObject({ status: 403 })
		const worker = (await findBlueprint(db, { code: 'WORKER_SPOT_CHECK' }))!
		const parsed = parseForm(BlueprintFormSchema, form())
		if (!parsed.ok) throw new Error('form')
		await expect(updateBlueprint(manager, worker.id, parsed.data)).rejects.toMatchObject({ status: 403 })
		expect(await previewBlueprint(admin, worker.id)).toEqual({ ok: false, reason: 'emptyBank' })
		await ensureShippedShapeBank(db)
		const before = await db.examAttempt.count()
		const preview = await previewBlueprint(admin, worker.id)
		expect(preview.ok && preview.report).toMatchObject({ planned: 20, drawn: 20, shortfall: 0 })
		expect(await db.examAttempt.count()).toBe(before)
	})
})
