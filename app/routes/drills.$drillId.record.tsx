/**
 * The printable drill record (AQ/T 9007-2019 contents: purpose, time, place, participants,
 * scenario, run, problems and causes, lessons, improvements, photos). It renders
 * getDrillRecord(): the PDF for the Certificates issue should render that same object.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { periodLabel, useDisplayLocale, useFormatDay } from '~/components/drills.tsx'
import { formatElapsed, shanghaiClock } from '~/domain/drills.ts'
import { getDrillRecord } from '~/domain/drills.server.ts'
import { formatDateTime } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { drillErrorResponse } from './drills.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.enterprise.name} · ${data.area.name}` : 'Anxun' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	try {
		const record = await getDrillRecord(actor, params.drillId!)
		// File paths are for a server-side PDF renderer, never for the browser.
		return { ...record, photos: record.photos.map(({ filePath: _omit, ...p }) => p) }
	} catch (e) {
		throw drillErrorResponse(e)
	}
}

export default function DrillRecordPage() {
	const r = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const locale = useDisplayLocale()
	const day = useFormatDay()
	const d = r.drill
	const when = (x: Date | null) => (x ? formatDateTime(x, locale) : '—')
	const rel = (ms: number | null, at: Date | null) => (ms === null || !at ? '—' : `${shanghaiClock(at)}（${formatElapsed(ms)}）`)
	const person = (p: { name: string; post: string; department: string } | null) => (p ? [p.name, p.department, p.post].filter(Boolean).join(' · ') : '—')
	return (
		<main className="drill-record" data-testid="drill-record">
			<p className="no-print drill-record-tools">
				<Link to={`/drills/${d.id}`}>← {t('drills:detail.back')}</Link>
				<button type="button" className="btn" onClick={() => window.print()}>
					{t('drills:record.print')}
				</button>
				{/* issue 6: the same record as a PDF */}
				<a className="btn" href={`/drills/${d.id}/pdf`} download data-testid="drill-pdf">
					{t('pdf:downloadPdf')}
				</a>
			</p>
			<header>
				<p className="drill-record-org">{r.enterprise.name}</p>
				<h1>{t('drills:record.title')}</h1>
				<p className="muted">
					{t('drills:record.number', { id: d.id })} · {t(`drills:status.${d.status}`)}
				</p>
			</header>
			<table className="drill-record-table">
				<tbody>
					<Row label={t('drills:record.enterprise')}>
						{r.enterprise.name}（{r.enterprise.uscc}）{r.enterprise.address ? ` ${r.enterprise.address}` : ''}
					</Row>
					<Row label={t('drills:record.region')}>{i18n.language === 'en' ? r.enterprise.region.nameEn : r.enterprise.region.name}</Row>
					<Row label={t('drills:fields.area')}>
						{r.area.name}（{t(`areaKind.${r.area.kind}`)}）
					</Row>
					<Row label={t('drills:fields.kind')}>
						{t(`drills:kind.${d.kind}`)} · {t(`drills:form.${d.form}`)} · {t(`drills:scope.${d.scope}`)}
					</Row>
					<Row label={t('drills:list.period')}>
						{periodLabel(t, d.period)} · {d.countsTowardCompliance ? t('drills:record.counts') : t('drills:record.notCounting')}
					</Row>
					<Row label={t('drills:fields.plannedDate')}>{day(d.plannedDate)}</Row>
					<Row label={t('drills:fields.purpose')}>{d.purpose || '—'}</Row>
					<Row label={t('drills:fields.scenarioEvent')}>{d.scenario.event || '—'}</Row>
					<Row label={t('drills:fields.scenarioPlace')}>{d.scenario.place || '—'}</Row>
					<Row label={t('drills:fields.scenarioTime')}>{d.scenario.time || '—'}</Row>
					<Row label={t('drills:fields.scenarioScale')}>{d.scenario.scale || '—'}</Row>
					<Row label={t('drills:fields.organiser')}>{person(d.organiser)}</Row>
					<Row label={t('drills:fields.evaluator')}>{person(d.evaluator)}</Row>
				</tbody>
			</table>

			<h2>{t('drills:detail.run')}</h2>
			<table className="drill-record-table">
				<tbody>
					<Row label={t('drills:run.alarm')}>{when(d.alarmAt)}</Row>
					<Row label={t('drills:run.clear')}>{rel(d.clearMs, d.clearedAt)}</Row>
					<Row label={t('drills:run.assembled')}>{rel(d.assembleMs, d.assembledAt)}</Row>
					<Row label={t('drills:record.ended')}>{when(d.endedAt)}</Row>
					<Row label={t('drills:run.headcount')}>
						{t('drills:run.headcountValue', { accounted: d.headcountAccounted ?? '—', expected: d.headcountExpected ?? '—' })}
					</Row>
					<Row label={t('drills:run.missing')}>
						{r.missing.length ? r.missing.map((m) => [m.name, m.department, m.note].filter(Boolean).join(' · ')).join('；') : t('none')}
					</Row>
				</tbody>
			</table>
			{r.notes.length ? (
				<>
					<h3>{t('drills:run.notes')}</h3>
					<ul className="drill-notes">
						{r.notes.map((n, i) => (
							<li key={i}>
								<span className="drill-note-time">{shanghaiClock(n.at)}</span> {n.text}
							</li>
						))}
					</ul>
				</>
			) : null}

			<h2>{t('drills:evaluation.title')}</h2>
			<table className="drill-record-table">
				<tbody>
					{(['problems', 'causes', 'lessons', 'improvements'] as const).map((f) => (
						<Row key={f} label={t(`drills:evaluation.${f}`)}>
							<span className="pre">{d.evaluation[f] || '—'}</span>
						</Row>
					))}
				</tbody>
			</table>

			<h2>{t('drills:actions.title')}</h2>
			{r.actions.length ? (
				<table className="drill-record-table drill-record-actions">
					<thead>
						<tr>
							<th>{t('drills:actions.description')}</th>
							<th>{t('drills:actions.owner')}</th>
							<th>{t('drills:actions.dueDate')}</th>
							<th>{t('drills:list.status')}</th>
						</tr>
					</thead>
					<tbody>
						{r.actions.map((a) => (
							<tr key={a.id}>
								<td>{a.description}</td>
								<td>{person(a.owner)}</td>
								<td>{day(a.dueDate)}</td>
								<td>
									{t(`drills:actionStatus.${a.status}`)}
									{a.doneAt ? ` · ${when(a.doneAt)}` : ''}
									{a.doneNote ? ` · ${a.doneNote}` : ''}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			) : (
				<p>{t('drills:actions.none')}</p>
			)}

			{r.photos.length ? (
				<>
					<h2>{t('drills:photos.title')}</h2>
					<div className="drill-record-photos">
						{r.photos.map((p) => (
							<figure key={p.id}>
								<img src={p.url} alt={p.caption || t('drills:photos.alt')} />
								{p.caption ? <figcaption>{p.caption}</figcaption> : null}
							</figure>
						))}
					</div>
				</>
			) : null}

			<footer className="drill-record-sign">
				<p>
					{t('drills:record.signedOff')}：{d.signedOffAt ? `${d.signedOffByName} · ${when(d.signedOffAt)}` : t('drills:record.notSigned')}
				</p>
				{d.cancelledAt ? (
					<p>
						{t('drills:status.CANCELLED')}：{when(d.cancelledAt)} · {d.cancelReason}
					</p>
				) : null}
				<p className="muted small">{t('drills:record.generated', { at: when(r.generatedAt) })}</p>
			</footer>
		</main>
	)
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
	return (
		<tr>
			<th scope="row">{label}</th>
			<td>{children}</td>
		</tr>
	)
}
