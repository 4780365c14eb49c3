import type { InspectionRecord } from '../records.server.ts'
import { formatDate, formatDateTime, startOfShanghaiDay } from '../time.ts'
import { COLORS, PdfBuilder, type PdfMeta } from './engine.server.ts'

function num(n: number | null | undefined): string {
	if (n === null || n === undefined) return '—'
	return Number.isInteger(n) ? String(n) : n.toFixed(1)
}

/**
 * 逢查必考 record for the inspector's file: the inspection, how examinees were drawn, each
 * examinee's score and result, the retraining each fail opened, and signature lines.
 */
export async function renderInspectionPdf(r: InspectionRecord, opts: Omit<PdfMeta, 'title' | 'enterpriseName'>): Promise<Uint8Array> {
	const { t, locale } = opts
	const i = r.inspection
	const title = t('pdf:inspection.title')
	const b = await PdfBuilder.create({ ...opts, title: `${title} · ${i.date}`, enterpriseName: i.enterprise.name, subject: title })
	const when = (x: Date | null) => (x ? formatDateTime(x, locale) : '—')

	b.heading(title, 1)
	b.paragraph(t('pdf:inspection.subtitle', { enterprise: i.enterprise.name, date: formatDate(startOfShanghaiDay(i.date), locale) }), { align: 'center', color: COLORS.muted, size: 9.5, gapAfter: 8 })
	b.heading(t('pdf:inspection.basics'))
	b.facts(
		[
			[t('pdf:inspection.enterprise'), i.enterprise.name],
			[t('pdf:inspection.uscc'), r.enterpriseDetails.uscc],
			[t('pdf:inspection.region'), locale === 'en' ? r.enterpriseDetails.region.nameEn : r.enterpriseDetails.region.name],
			[t('pdf:inspection.address'), r.enterpriseDetails.address || '—'],
			[t('pdf:inspection.date'), formatDate(startOfShanghaiDay(i.date), locale)],
			[t('pdf:inspection.method'), t(`pdf:inspectionMethod.${i.method}`)],
			[t('pdf:inspection.inspector'), r.inspector || '—'],
			[t('pdf:inspection.team'), i.team || '—'],
			[t('pdf:inspection.closedAt'), i.closedAt ? when(i.closedAt) : t('pdf:inspection.open')],
			[t('pdf:inspection.notes'), i.notes || '—'],
		],
		{ columns: 1, labelWidth: 120 },
	)
	if (r.draw) {
		b.heading(t('pdf:inspection.draw'), 3)
		b.paragraph(
			t('pdf:inspection.drawText', {
				count: r.draw.count,
				pool: r.draw.poolSize,
				seed: r.draw.seed,
				filter: [r.draw.department, r.draw.post].filter(Boolean).join(' · ') || t('pdf:inspection.noFilter'),
			}),
			{ size: 9.5 },
		)
		b.paragraph(r.draw.reproducible ? t('pdf:inspection.reproducible') : t('pdf:inspection.notReproducible'), { size: 9, color: r.draw.reproducible ? COLORS.muted : COLORS.red })
	}

	b.heading(t('pdf:inspection.results'))
	const c = r.counts
	b.paragraph(t('pdf:inspection.summary', { total: r.examinees.length, passed: c.PASSED, failed: c.FAILED, notStarted: c.NOT_STARTED + c.IN_PROGRESS }))
	b.table(
		[
			{ header: '#', width: 0.05, align: 'right' },
			{ header: t('pdf:inspection.name'), width: 0.13 },
			{ header: t('pdf:inspection.role'), width: 0.14 },
			{ header: t('pdf:inspection.post'), width: 0.2 },
			{ header: t('pdf:inspection.score'), width: 0.12, align: 'right' },
			{ header: t('pdf:inspection.result'), width: 0.13 },
			{ header: t('pdf:inspection.retraining'), width: 0.23 },
		],
		r.examinees.map((e, n) => [
			String(n + 1),
			e.person.name,
			t(`pdf:inspection.roleLabel.${e.role}`) + (e.drawn ? `\n${t('pdf:inspection.drawn')}` : ''),
			[e.person.department?.name, e.person.post, e.person.contractor?.name].filter(Boolean).join(' · ') || '—',
			e.score === null ? '—' : `${num(e.score)}${e.maxScore ? ` / ${num(e.maxScore)}` : ''}`,
			t(`pdf:examineeStatus.${e.status}`) + (e.flags.includes('TOO_FAST') ? `\n${t('pdf:inspection.tooFast')}` : ''),
			e.caseState ? t('pdf:inspection.caseOpened', { state: t(`pdf:retrainingState.${e.caseState}`) }) : e.status === 'FAILED' ? t('pdf:inspection.caseMissing') : '—',
		]),
		{ empty: t('pdf:inspection.noExaminees') },
	)
	b.paragraph(t('pdf:inspection.retrainingNote'), { size: 8.5, color: COLORS.muted })

	if (r.hiddenDanger.length) {
		b.heading(t('pdf:inspection.hiddenDanger'), 3)
		b.paragraph(t('pdf:inspection.hiddenDangerText', { names: r.hiddenDanger.map((h) => `${h.name}（${t(`pdf:inspection.roleLabel.${h.role}`)}）`).join('、') }), { color: COLORS.red })
	}

	b.ensure(150)
	b.heading(t('pdf:inspection.signatures'))
	b.signatures([t('pdf:inspection.signInspector'), t('pdf:inspection.signInspector2'), t('pdf:inspection.signEnterprise'), t('pdf:inspection.signSeal')])
	return b.finish()
}
