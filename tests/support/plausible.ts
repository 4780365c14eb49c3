/** Plausible form values by field name, shared by the bad-input sweep and the tenant matrix. */
import { idCardCheckChar, orgCodeCheckChar, usccCheckChar } from '~/domain/identifiers.ts'
import { addDaysIso, today, uniqueMobile } from './tenants.ts'
import { PASSWORD } from './world.ts'

/** A value a real user might type into a field of this name. */
export function plausible(name: string, fields: string[]): string {
	const n = name
	if (/mobile|phone/i.test(n)) return uniqueMobile()
	if (n === 'idCard') {
		const first = `14112219900101${String(Math.floor(Math.random() * 1e3)).padStart(3, '0')}`
		return first + idCardCheckChar(first)
	}
	if (n === 'uscc') {
		const org = `MA0K${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`
		const first = `91141122${org}${orgCodeCheckChar(org)}`
		return first + usccCheckChar(first)
	}
	if (n === 'current') return PASSWORD
	if (n === 'password') return 'N3w-Passw0rd!'
	if (n === 'confirm') return fields.includes('current') ? 'N3w-Passw0rd!' : 'on'
	if (/^(issueDate|hireDate)$/.test(n)) return addDaysIso(today(), -100)
	if (/date$|Date$/i.test(n)) return addDaysIso(today(), 7)
	if (n === 'occurredAt') return `${today()}T00:01`
	if (n === 'start') return '08:00'
	if (n === 'end') return '17:00'
	if (/^(everywhere|manager|offJob|everyone|active|partialCredit|known|ack|all)$/.test(n)) return 'on'
	if (/^(choice|chosen)$/.test(n)) return 'A'
	if (/^(position|to|after)$/.test(n)) return '0'
	if (/count|hours|minutes|expected|accounted|Participants|Level|maxAttempts|passMark|points|Seconds|scroll/i.test(n)) return '1'
	if (n === 'redirectTo') return '/home'
	if (n === 'locale') return 'en'
	if (n === 'strata') return '[]'
	return `测试${Math.random().toString(36).slice(2, 7)}`
}

