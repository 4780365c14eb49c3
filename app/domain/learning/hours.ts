/**
 * Training hours: the rules a person must meet in a year and the yearly ledger they are met
 * from. Pure. Years are Shanghai calendar years.
 *
 * Defaults follow 生产经营单位安全培训规定 (原国家安监总局令第3号, as amended) for hazardous
 * chemicals: principals and safety managers ≥ 48 h initial and ≥ 16 h each year after; workers
 * ≥ 72 h before starting work (三级安全教育) and ≥ 20 h each year after. Enterprises may set
 * higher (or, where a local rule says so, different) values: they are data, not law.
 */
import { parseDateString, shanghaiYear } from '../time.ts'

export type HourRuleValues = {
	workerOnboardingHours: number
	workerAnnualHours: number
	managerInitialHours: number
	managerAnnualHours: number
}

export const DEFAULT_HOUR_RULE: HourRuleValues = {
	workerOnboardingHours: 72,
	workerAnnualHours: 20,
	managerInitialHours: 48,
	managerAnnualHours: 16,
}

export const HOUR_RULE_MAX = 500

export type RequirementKind = 'ONBOARDING' | 'INITIAL' | 'ANNUAL'

export type Requirement = { kind: RequirementKind; hours: number; seconds: number }

/**
 * What a person must reach in `year`: someone hired that year needs the onboarding (workers) or
 * initial (principals, safety managers) hours; everyone else the annual refresher.
 */
export function requirementFor(rule: HourRuleValues, person: { managerial: boolean; hireDate: string | null }, year: number): Requirement {
	const hired = person.hireDate ? parseDateString(person.hireDate) : null
	const isNew = hired?.year === year
	const hours = person.managerial
		? isNew
			? rule.managerInitialHours
			: rule.managerAnnualHours
		: isNew
			? rule.workerOnboardingHours
			: rule.workerAnnualHours
	const kind: RequirementKind = isNew ? (person.managerial ? 'INITIAL' : 'ONBOARDING') : 'ANNUAL'
	return { kind, hours, seconds: hours * 3600 }
}

export type LedgerYear = {
	year: number
	onlineSeconds: number
	classroomSeconds: number
	/** Part of the classroom time that was off-job (脱产) training. */
	offJobSeconds: number
	totalSeconds: number
}

/** Yearly totals from online study records and classroom attendance. */
export function buildLedger(
	study: readonly { year: number; seconds: number }[],
	classroom: readonly { startsAt: Date; minutes: number; offJob: boolean }[],
): Map<number, LedgerYear> {
	const out = new Map<number, LedgerYear>()
	const row = (year: number) => {
		let r = out.get(year)
		if (!r) {
			r = { year, onlineSeconds: 0, classroomSeconds: 0, offJobSeconds: 0, totalSeconds: 0 }
			out.set(year, r)
		}
		return r
	}
	for (const s of study) {
		const r = row(s.year)
		r.onlineSeconds += s.seconds
		r.totalSeconds += s.seconds
	}
	for (const c of classroom) {
		const r = row(shanghaiYear(c.startsAt))
		const sec = c.minutes * 60
		r.classroomSeconds += sec
		if (c.offJob) r.offJobSeconds += sec
		r.totalSeconds += sec
	}
	return out
}

export function emptyLedgerYear(year: number): LedgerYear {
	return { year, onlineSeconds: 0, classroomSeconds: 0, offJobSeconds: 0, totalSeconds: 0 }
}

/** Hours with one decimal, rounded down so that "20.0" is only shown once 20 h are reached. */
export function hoursFromSeconds(seconds: number): number {
	return Math.floor(seconds / 360) / 10
}

export type CoveragePerson = {
	id: string
	name: string
	contractor: boolean
	requiredSeconds: number
	seconds: number
	overdue: number
	open: number
	assignedThisYear: boolean
}

export type CoverageGroup = { people: number; meeting: number; assigned: number; overdue: number }

export function meetsRule(p: Pick<CoveragePerson, 'seconds' | 'requiredSeconds'>): boolean {
	return p.seconds >= p.requiredSeconds
}

/** Counts for own staff and contractor staff (CONTRACTOR and OUTSOURCED people), separately. */
export function coverage(people: readonly CoveragePerson[]): { staff: CoverageGroup; contractors: CoverageGroup } {
	const group = (list: readonly CoveragePerson[]): CoverageGroup => ({
		people: list.length,
		meeting: list.filter(meetsRule).length,
		assigned: list.filter((p) => p.assignedThisYear).length,
		overdue: list.filter((p) => p.overdue > 0).length,
	})
	return { staff: group(people.filter((p) => !p.contractor)), contractors: group(people.filter((p) => p.contractor)) }
}

/** Overdue people first (most overdue courses first), then the furthest from their rule, then by name. */
export function sortForTrainingView<T extends CoveragePerson>(people: readonly T[]): T[] {
	const ratio = (p: CoveragePerson) => (p.requiredSeconds > 0 ? p.seconds / p.requiredSeconds : 1)
	return [...people].sort(
		(a, b) =>
			Number(b.overdue > 0) - Number(a.overdue > 0) ||
			b.overdue - a.overdue ||
			Number(meetsRule(a)) - Number(meetsRule(b)) ||
			ratio(a) - ratio(b) ||
			a.name.localeCompare(b.name, 'zh-CN'),
	)
}

export function percent(part: number, whole: number): number {
	return whole > 0 ? Math.round((part / whole) * 100) : 0
}
