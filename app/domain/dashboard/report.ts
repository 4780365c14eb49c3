/**
 * The county report (seed plan §四: 年度工作总结, and the 2024–2026 三年行动评估), pure: one line
 * per enterprise, a subtotal per county (county-level city, district) and a grand total. Counts
 * add up; rates are recomputed from the summed counts, never averaged.
 */
import { VIOLATION_KINDS, type Period, type ViolationKind } from './figures.ts'

export const REPORT_KINDS = ['annual', 'evaluation', 'custom'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

/** The seed plan's period (治本攻坚三年行动 2024–2026). */
export const EVALUATION_PERIOD: Period = { from: '2024-01-01', to: '2026-12-31' }

export type ReportCounts = {
	people: number
	contractors: number
	/** Per calendar year of the period: people meeting their hours rule / people (current roster). */
	coverage: Record<string, { meeting: number; people: number }>
	studySeconds: number
	classroomSeconds: number
	offJobSeconds: number
	courseGraded: number
	coursePassed: number
	spotGraded: number
	spotFailed: number
	principalFailed: number
	violations: Record<ViolationKind, number>
	casesOpened: number
	casesCleared: number
	casesOpenNow: number
	drillsDone: number
	areaPeriodsRequired: number
	areaPeriodsDone: number
	credentialsInvalid: number
	uncertified: number
}

export function emptyCounts(years: readonly number[]): ReportCounts {
	return {
		people: 0,
		contractors: 0,
		coverage: Object.fromEntries(years.map((y) => [String(y), { meeting: 0, people: 0 }])),
		studySeconds: 0,
		classroomSeconds: 0,
		offJobSeconds: 0,
		courseGraded: 0,
		coursePassed: 0,
		spotGraded: 0,
		spotFailed: 0,
		principalFailed: 0,
		violations: { COMMAND: 0, OPERATION: 0, DISCIPLINE: 0 },
		casesOpened: 0,
		casesCleared: 0,
		casesOpenNow: 0,
		drillsDone: 0,
		areaPeriodsRequired: 0,
		areaPeriodsDone: 0,
		credentialsInvalid: 0,
		uncertified: 0,
	}
}

const SIMPLE = [
	'people',
	'contractors',
	'studySeconds',
	'classroomSeconds',
	'offJobSeconds',
	'courseGraded',
	'coursePassed',
	'spotGraded',
	'spotFailed',
	'principalFailed',
	'casesOpened',
	'casesCleared',
	'casesOpenNow',
	'drillsDone',
	'areaPeriodsRequired',
	'areaPeriodsDone',
	'credentialsInvalid',
	'uncertified',
] as const satisfies readonly (keyof ReportCounts)[]

export function addCounts(into: ReportCounts, add: ReportCounts): ReportCounts {
	for (const k of SIMPLE) into[k] += add[k]
	for (const [y, c] of Object.entries(add.coverage)) {
		const slot = (into.coverage[y] ??= { meeting: 0, people: 0 })
		slot.meeting += c.meeting
		slot.people += c.people
	}
	for (const v of VIOLATION_KINDS) into.violations[v] += add.violations[v]
	return into
}

export type ReportEnterprise = { county: string; park: string; name: string; uscc: string; counts: ReportCounts }
export type ReportLine = { kind: 'enterprise' | 'subtotal' | 'total'; county: string; park: string; name: string; uscc: string; counts: ReportCounts; enterprises: number }

/**
 * Lines in county order (then park, then enterprise name), each county closed by its subtotal,
 * the grand total last. A county with one enterprise still gets its subtotal line, so every
 * county's figures can be read off the same place.
 */
export function reportLines(list: readonly ReportEnterprise[], years: readonly number[]): ReportLine[] {
	const cmp = (a: string, b: string) => a.localeCompare(b, 'zh-CN')
	const sorted = [...list].sort((a, b) => cmp(a.county, b.county) || cmp(a.park, b.park) || cmp(a.name, b.name))
	const out: ReportLine[] = []
	const total = emptyCounts(years)
	let current: { county: string; counts: ReportCounts; n: number } | null = null
	const close = () => {
		if (current) out.push({ kind: 'subtotal', county: current.county, park: '', name: '', uscc: '', counts: current.counts, enterprises: current.n })
	}
	for (const e of sorted) {
		if (!current || current.county !== e.county) {
			close()
			current = { county: e.county, counts: emptyCounts(years), n: 0 }
		}
		addCounts(current.counts, e.counts)
		current.n++
		addCounts(total, e.counts)
		out.push({ kind: 'enterprise', county: e.county, park: e.park, name: e.name, uscc: e.uscc, counts: e.counts, enterprises: 1 })
	}
	close()
	out.push({ kind: 'total', county: '', park: '', name: '', uscc: '', counts: total, enterprises: sorted.length })
	return out
}

/** Percentage with one decimal, or null without a denominator. */
export function rate(part: number, whole: number): number | null {
	return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null
}

export function hours(seconds: number): number {
	return Math.round(seconds / 360) / 10
}

export type ReportColumn = {
	key: string
	/** i18n key (oversight:report.col.*) and interpolation values. */
	label: { key: string; values?: Record<string, string | number> }
	kind: 'text' | 'count' | 'rate' | 'hours'
	value: (l: ReportLine) => string | number | null
	/** Which table of the PDF the column belongs to (the PDF page is too narrow for all). */
	part: 1 | 2
}

/** Every column of the report, per-year coverage columns for each year of the period. */
export function reportColumns(years: readonly number[]): ReportColumn[] {
	const c = (key: string, kind: ReportColumn['kind'], part: 1 | 2, value: ReportColumn['value'], values?: Record<string, string | number>): ReportColumn => ({
		key,
		label: { key: `oversight:report.col.${key}`, values },
		kind,
		value,
		part,
	})
	return [
		c('county', 'text', 1, (l) => l.county),
		c('park', 'text', 1, (l) => l.park),
		c('enterprise', 'text', 1, (l) => l.name),
		c('uscc', 'text', 1, (l) => l.uscc),
		c('people', 'count', 1, (l) => l.counts.people),
		c('contractors', 'count', 1, (l) => l.counts.contractors),
		...years.flatMap((y) => [
			c(`meeting${y}`, 'count', 1, (l) => l.counts.coverage[String(y)]?.meeting ?? 0, { year: y }),
			c(`coverage${y}`, 'rate', 1, (l) => rate(l.counts.coverage[String(y)]?.meeting ?? 0, l.counts.coverage[String(y)]?.people ?? 0), { year: y }),
		]).map((col) => ({ ...col, label: { key: `oversight:report.col.${col.key.replace(/\d+$/, '')}`, values: col.label.values } })),
		c('studyHours', 'hours', 1, (l) => hours(l.counts.studySeconds)),
		c('classroomHours', 'hours', 1, (l) => hours(l.counts.classroomSeconds)),
		c('offJobHours', 'hours', 1, (l) => hours(l.counts.offJobSeconds)),
		c('courseGraded', 'count', 1, (l) => l.counts.courseGraded),
		c('coursePassRate', 'rate', 1, (l) => rate(l.counts.coursePassed, l.counts.courseGraded)),
		c('spotGraded', 'count', 2, (l) => l.counts.spotGraded),
		c('spotFailed', 'count', 2, (l) => l.counts.spotFailed),
		c('spotPassRate', 'rate', 2, (l) => rate(l.counts.spotGraded - l.counts.spotFailed, l.counts.spotGraded)),
		c('principalFailed', 'count', 2, (l) => l.counts.principalFailed),
		...VIOLATION_KINDS.map((v) => c(`violations${v}`, 'count', 2, (l) => l.counts.violations[v])),
		c('casesOpened', 'count', 2, (l) => l.counts.casesOpened),
		c('casesCleared', 'count', 2, (l) => l.counts.casesCleared),
		c('casesOpenNow', 'count', 2, (l) => l.counts.casesOpenNow),
		c('drillsDone', 'count', 2, (l) => l.counts.drillsDone),
		c('drillCompliance', 'rate', 2, (l) => rate(l.counts.areaPeriodsDone, l.counts.areaPeriodsRequired)),
		c('credentialsInvalid', 'count', 2, (l) => l.counts.credentialsInvalid),
		c('uncertified', 'count', 2, (l) => l.counts.uncertified),
	]
}
