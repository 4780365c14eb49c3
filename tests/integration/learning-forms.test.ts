import { describe, expect, test } from 'vitest'
import { ClassroomInputSchema } from '../../app/domain/learning/classroom.server.ts'
import { HourRuleInputSchema } from '../../app/domain/learning/training.server.ts'
import { parseForm } from '../../app/utils/forms.ts'

function form(o: Record<string, string | string[]>) {
	const fd = new FormData()
	for (const [k, v] of Object.entries(o)) for (const x of Array.isArray(v) ? v : [v]) fd.append(k, x)
	return fd
}

describe('form schemas of the training pages', () => {
	test('hour rules: numbers required, whole, within bounds', () => {
		const r = parseForm(HourRuleInputSchema, form({ workerOnboardingHours: '', workerAnnualHours: '20.5', managerInitialHours: '-1', managerAnnualHours: 'abc' }), ['onboardingPack'])
		expect(r).toMatchObject({
			ok: false,
			fieldErrors: {
				workerOnboardingHours: [{ key: 'errors:required' }],
				workerAnnualHours: [{ key: 'learning:wholeHours' }],
				managerInitialHours: [{ key: 'errors:tooSmall' }],
				managerAnnualHours: [{ key: 'errors:invalid' }],
			},
		})
		expect(parseForm(HourRuleInputSchema, form({ workerOnboardingHours: '72', workerAnnualHours: '24', managerInitialHours: '48', managerAnnualHours: '16', onboardingPack: ['a', 'b'] }), ['onboardingPack'])).toEqual({
			ok: true,
			data: { workerOnboardingHours: 72, workerAnnualHours: 24, managerInitialHours: 48, managerAnnualHours: 16, onboardingPack: ['a', 'b'] },
		})
	})
	test('classroom session: times, hours in half-hour steps, end after start', () => {
		const base = { topic: '受限空间', trainer: '王工', place: '培训室', date: '2026-06-10', start: '09:00', end: '11:00', hours: '1.5' }
		expect(parseForm(ClassroomInputSchema, form(base))).toMatchObject({ ok: true, data: { hours: 1.5, start: '09:00' } })
		expect(parseForm(ClassroomInputSchema, form({ ...base, hours: '' }))).toMatchObject({ fieldErrors: { hours: [{ key: 'errors:required' }] } })
		expect(parseForm(ClassroomInputSchema, form({ ...base, hours: '1.2' }))).toMatchObject({ fieldErrors: { hours: [{ key: 'learning:hoursStep' }] } })
		expect(parseForm(ClassroomInputSchema, form({ ...base, start: '9点', date: '2026-02-30' }))).toMatchObject({
			fieldErrors: { start: [{ key: 'learning:timeFormat' }], date: [{ key: 'errors:dateInvalid' }] },
		})
		expect(parseForm(ClassroomInputSchema, form({ ...base, end: '08:00' }))).toMatchObject({ fieldErrors: { end: [{ key: 'learning:endBeforeStart' }] } })
	})
})
