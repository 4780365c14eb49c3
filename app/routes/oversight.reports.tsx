import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FormErrors, SelectField } from '~/components/form.tsx'
import { buildReport, canDownloadReports, ReportQuerySchema, type ReportQuery } from '~/domain/dashboard/report.server.ts'
import { REPORT_KINDS, rate, hours } from '~/domain/dashboard/report.ts'
import { allRegions, isBureau } from '~/domain/dashboard/scope.server.ts'
import { hasRole } from '~/domain/policy.ts'
import { shanghaiYear } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { parseForm, type FormFailure } from '~/utils/forms.ts'
import { oversightErrorResponse } from './oversight.server.ts'

export const handle = { title: 'oversight:report.pageTitle' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	if (!canDownloadReports(actor)) throw new Response('Forbidden', { status: 403 })
	const params = new URL(request.url).searchParams
	const thisYear = shanghaiYear(new Date())
	const bureau = isBureau(actor)
	const regions = bureau
		? (await allRegions()).filter((r) => hasRole(actor, 'ADMIN') || actor.regionIds.includes(r.id)).map((r) => ({ id: r.id, name: r.name, nameEn: r.nameEn, kind: r.kind }))
		: []
	const years = Array.from({ length: 6 }, (_, i) => thisYear - i)
	const parsed = parseForm(ReportQuerySchema, params)
	const base = { bureau, regions, years, thisYear, values: Object.fromEntries(params) }
	if (!parsed.ok) return data({ ...base, errors: parsed as FormFailure, report: null, query: '' }, { status: 400 })
	try {
		const report = await buildReport(actor, parsed.data)
		const subtotals = report.lines.filter((l) => l.kind !== 'enterprise')
		return { ...base, errors: null, query: queryString(parsed.data), report: { kind: report.kind, period: report.period, years: report.years, halfYears: report.halfYears, scopeName: report.scopeName, subtotals } }
	} catch (e) {
		oversightErrorResponse(e)
	}
}

function queryString(q: ReportQuery): string {
	const p = new URLSearchParams()
	p.set('kind', q.kind)
	if (q.year) p.set('year', String(q.year))
	if (q.from) p.set('from', q.from)
	if (q.to) p.set('to', q.to)
	if (q.region) p.set('region', q.region)
	if (q.enterprise) p.set('enterprise', q.enterprise)
	return p.toString()
}

export default function Reports() {
	const d = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const v = d.values as Record<string, string | undefined>
	const r = d.report
	const last = r?.years[r.years.length - 1]
	const name = (x: { name: string; nameEn: string }) => (i18n.language === 'en' ? x.nameEn : x.name)
	return (
		<>
			<h1>{t('oversight:report.pageTitle')}</h1>
			<p className="muted">{t('oversight:report.intro')}</p>
			<Form method="get" className="card" data-testid="report-form">
				<FormErrors errors={d.errors?.formErrors} />
				<fieldset>
					<legend>{t('oversight:report.kindLabel')}</legend>
					{REPORT_KINDS.map((k) => (
						<label key={k} className="check">
							<input type="radio" name="kind" value={k} defaultChecked={(v.kind ?? 'annual') === k} />
							{t(`oversight:report.kind.${k}`)}
						</label>
					))}
				</fieldset>
				<SelectField label={t('oversight:report.year')} name="year" defaultValue={v.year ?? String(d.thisYear)} errors={d.errors?.fieldErrors} options={d.years.map((y) => ({ value: String(y), label: String(y) }))} />
				<div className="ov-dates">
					<Field label={t('oversight:report.from')} name="from" type="date" defaultValue={v.from ?? ''} errors={d.errors?.fieldErrors} />
					<Field label={t('oversight:report.to')} name="to" type="date" defaultValue={v.to ?? ''} errors={d.errors?.fieldErrors} />
				</div>
				<p className="field-hint">{t('oversight:report.customHint')}</p>
				{d.bureau ? (
					<SelectField
						label={t('oversight:report.region')}
						name="region"
						defaultValue={v.region ?? ''}
						placeholder={t('oversight:report.allMine')}
						errors={d.errors?.fieldErrors}
						options={d.regions.map((x) => ({ value: x.id, label: `${name(x)}（${t(`regionKind.${x.kind}`)}）` }))}
					/>
				) : null}
				{v.enterprise ? <input type="hidden" name="enterprise" value={v.enterprise} /> : null}
				<button type="submit" className="btn btn-primary btn-block">
					{t('oversight:report.preview')}
				</button>
			</Form>
			{r ? (
				<section className="card" data-testid="report-preview">
					<h2>{t(`oversight:report.title.${r.kind}`, { scope: i18n.language === 'en' ? r.scopeName.en : r.scopeName.zh, from: r.period.from, to: r.period.to, year: r.period.from.slice(0, 4) })}</h2>
					<p className="muted small">
						{r.period.from} – {r.period.to}
					</p>
					<div className="actions">
						{(['xlsx', 'csv', 'pdf'] as const).map((f) => (
							<a key={f} className={`btn${f === 'xlsx' ? ' btn-primary' : ''}`} href={`/oversight/reports/file?${d.query}&format=${f}`} download data-format={f}>
								{t(`oversight:report.download.${f}`)}
							</a>
						))}
					</div>
					<div className="table-wrap ov-report-table">
						<table>
							<thead>
								<tr>
									<th scope="col">{t('oversight:report.col.county')}</th>
									<th scope="col">{t('oversight:report.col.enterprises')}</th>
									<th scope="col">{t('oversight:report.col.people')}</th>
									<th scope="col">{t('oversight:report.col.coverage', { year: last })}</th>
									<th scope="col">{t('oversight:report.col.studyHours')}</th>
									<th scope="col">{t('oversight:report.col.coursePassRate')}</th>
									<th scope="col">{t('oversight:report.col.spotPassRate')}</th>
									<th scope="col">{t('oversight:report.col.casesOpened')}</th>
									<th scope="col">{t('oversight:report.col.drillCompliance')}</th>
								</tr>
							</thead>
							<tbody>
								{r.subtotals.map((l, i) => {
									const c = l.counts
									const cov = c.coverage[String(last)]
									const p = (x: number | null) => (x === null ? t('oversight:noData') : `${x}%`)
									return (
										<tr key={i} className={l.kind === 'total' ? 'ov-total' : ''}>
											<th scope="row">{l.kind === 'total' ? t('oversight:report.totalShort') : l.county}</th>
											<td>{l.enterprises}</td>
											<td>{c.people}</td>
											<td>{p(rate(cov?.meeting ?? 0, cov?.people ?? 0))}</td>
											<td>{hours(c.studySeconds + c.classroomSeconds)}</td>
											<td>{p(rate(c.coursePassed, c.courseGraded))}</td>
											<td>{p(rate(c.spotGraded - c.spotFailed, c.spotGraded))}</td>
											<td>{c.casesOpened}</td>
											<td>{p(rate(c.areaPeriodsDone, c.areaPeriodsRequired))}</td>
										</tr>
									)
								})}
							</tbody>
						</table>
					</div>
					<p className="muted small">{t('oversight:report.previewNote', { halves: r.halfYears.join('、') || '—' })}</p>
				</section>
			) : null}
		</>
	)
}
