import fs from 'node:fs'
import type { DrillRecord } from '../drills.server.ts'
import { formatElapsed, shanghaiClock } from '../drills.ts'
import { parseHalfYearKey, formatDate, formatDateTime, startOfShanghaiDay } from '../time.ts'
import { COLORS, PdfBuilder, type PdfMeta } from './engine.server.ts'

/**
 * The drill record (AQ/T 9007-2019 contents) as a PDF: renders the same object as the printable
 * page (getDrillRecord), with the drills namespace's labels, plus photos and signature lines.
 */
export async function renderDrillPdf(r: DrillRecord, opts: Omit<PdfMeta, 'title' | 'enterpriseName'>): Promise<Uint8Array> {
	const { t, locale } = opts
	const d = r.drill
	const title = t('drills:record.title')
	const b = await PdfBuilder.create({ ...opts, title: `${title} · ${r.area.name}`, enterpriseName: r.enterprise.name, subject: title })
	const when = (x: Date | null) => (x ? formatDateTime(x, locale) : '—')
	const day = (s: string) => formatDate(startOfShanghaiDay(s), locale)
	const rel = (ms: number | null, at: Date | null) => (ms === null || !at ? '—' : `${shanghaiClock(at)} (${formatElapsed(ms)})`)
	const person = (p: { name: string; post: string; department: string } | null) => (p ? [p.name, p.department, p.post].filter(Boolean).join(' · ') : '—')
	const half = parseHalfYearKey(d.period)
	const period = half ? t(`pdf:drill.period${half.half}`, { year: half.year }) : '—'

	b.heading(title, 1)
	b.paragraph(`${t('drills:record.number', { id: d.id })} · ${t(`drills:status.${d.status}`)}`, { align: 'center', color: COLORS.muted, size: 9.5, gapAfter: 8 })
	b.facts(
		[
			[t('drills:record.enterprise'), `${r.enterprise.name} (${r.enterprise.uscc})${r.enterprise.address ? ` ${r.enterprise.address}` : ''}`],
			[t('drills:record.region'), locale === 'en' ? r.enterprise.region.nameEn : r.enterprise.region.name],
			[t('drills:fields.area'), `${r.area.name} (${t(`common:areaKind.${r.area.kind}`)})`],
			[t('drills:fields.kind'), `${t(`drills:kind.${d.kind}`)} · ${t(`drills:form.${d.form}`)} · ${t(`drills:scope.${d.scope}`)}`],
			[t('drills:list.period'), `${period} · ${d.countsTowardCompliance ? t('drills:record.counts') : t('drills:record.notCounting')}`],
			[t('drills:fields.plannedDate'), day(d.plannedDate)],
			[t('drills:fields.purpose'), d.purpose || '—'],
			[t('drills:fields.scenarioEvent'), d.scenario.event || '—'],
			[t('drills:fields.scenarioPlace'), d.scenario.place || '—'],
			[t('drills:fields.scenarioTime'), d.scenario.time || '—'],
			[t('drills:fields.scenarioScale'), d.scenario.scale || '—'],
			[t('drills:fields.expectedParticipants'), d.expectedParticipants === null ? '—' : String(d.expectedParticipants)],
			[t('drills:fields.organiser'), person(d.organiser)],
			[t('drills:fields.evaluator'), person(d.evaluator)],
		],
		{ columns: 1, labelWidth: 110 },
	)

	b.heading(t('drills:detail.run'))
	b.facts(
		[
			[t('drills:run.alarm'), when(d.alarmAt)],
			[t('drills:run.clear'), rel(d.clearMs, d.clearedAt)],
			[t('drills:run.assembled'), rel(d.assembleMs, d.assembledAt)],
			[t('drills:record.ended'), when(d.endedAt)],
			[t('drills:run.headcount'), t('drills:run.headcountValue', { accounted: d.headcountAccounted ?? '—', expected: d.headcountExpected ?? '—' })],
		],
		{ columns: 1, labelWidth: 110 },
	)
	b.heading(t('drills:run.missing'), 3)
	b.table(
		[
			{ header: t('pdf:drill.name'), width: 0.22 },
			{ header: t('pdf:drill.department'), width: 0.28 },
			{ header: t('pdf:drill.note'), width: 0.5 },
		],
		r.missing.map((m) => [m.name, [m.department, m.post].filter(Boolean).join(' · '), m.note]),
		{ empty: t('drills:run.noneMissing') },
	)
	if (r.notes.length) {
		b.heading(t('drills:run.notes'), 3)
		b.table(
			[
				{ header: t('pdf:drill.time'), width: 0.16 },
				{ header: t('pdf:drill.note'), width: 0.84 },
			],
			r.notes.map((n) => [shanghaiClock(n.at), n.text]),
		)
	}

	b.heading(t('drills:evaluation.title'))
	for (const f of ['problems', 'causes', 'lessons', 'improvements'] as const) {
		b.heading(t(`drills:evaluation.${f}`), 3)
		b.paragraph(d.evaluation[f] || '—')
	}

	b.heading(t('drills:actions.title'))
	b.table(
		[
			{ header: t('drills:actions.description'), width: 0.4 },
			{ header: t('drills:actions.owner'), width: 0.22 },
			{ header: t('drills:actions.dueDate'), width: 0.16 },
			{ header: t('drills:list.status'), width: 0.22 },
		],
		r.actions.map((a) => [
			a.description,
			person(a.owner),
			day(a.dueDate),
			[t(`drills:actionStatus.${a.status}`), a.doneAt ? when(a.doneAt) : '', a.doneNote].filter(Boolean).join(' · '),
		]),
		{ empty: t('drills:actions.none') },
	)

	if (r.photos.length) {
		b.heading(t('drills:photos.title'))
		await drawPhotos(b, r.photos, t('pdf:drill.photoNotEmbedded'))
	}

	b.ensure(150)
	b.heading(t('pdf:drill.signatures'))
	b.paragraph(t('pdf:labelValue', { label: t('drills:record.signedOff'), value: d.signedOffAt ? `${d.signedOffByName} · ${when(d.signedOffAt)}` : t('drills:record.notSigned') }))
	if (d.cancelledAt) b.paragraph(t('pdf:labelValue', { label: t('drills:status.CANCELLED'), value: `${when(d.cancelledAt)} · ${d.cancelReason}` }), { color: COLORS.red })
	b.signatures([t('pdf:drill.signOrganiser'), t('pdf:drill.signEvaluator'), t('pdf:drill.signPrincipal')])
	return b.finish()
}

/** Photos two per row, scaled to fit; formats pdf-lib cannot embed (WebP) are listed by caption. */
async function drawPhotos(b: PdfBuilder, photos: DrillRecord['photos'], notEmbedded: string) {
	const gap = 12
	const cellW = (b.width - gap) / 2
	const maxH = 170
	let col = 0
	let rowH = 0
	for (const p of photos) {
		let bytes: Buffer | null = null
		try {
			bytes = fs.readFileSync(p.filePath)
		} catch {
			bytes = null
		}
		const image = bytes && p.mime === 'image/jpeg' ? await b.doc.embedJpg(bytes) : bytes && p.mime === 'image/png' ? await b.doc.embedPng(bytes) : null
		if (!image) {
			b.paragraph(`${p.caption || p.id} — ${notEmbedded}`, { size: 9, color: COLORS.muted })
			continue
		}
		const scale = Math.min(cellW / image.width, maxH / image.height, 1)
		const w = image.width * scale
		const h = image.height * scale
		if (col === 0) {
			b.ensure(maxH + 24)
			rowH = 0
		}
		const x = b.left + col * (cellW + gap)
		b.page.drawImage(image, { x, y: b.y - h, width: w, height: h })
		if (p.caption) b.wrap(p.caption, 8.5, cellW).slice(0, 2).forEach((l, i) => b.drawLine(l, x, b.y - h - 4 - i * 11, 8.5, COLORS.muted))
		rowH = Math.max(rowH, h + (p.caption ? 28 : 8))
		col = (col + 1) % 2
		if (col === 0) b.space(rowH + 6)
	}
	if (col !== 0) b.space(rowH + 6)
}
