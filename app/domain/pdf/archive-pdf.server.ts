import type { ArchiveData } from '../archive.server.ts'
import { displayCredentialNumber } from '../credentials.ts'
import { hoursFromSeconds } from '../learning/hours.ts'
import { formatDate, formatDateTime } from '../time.ts'
import { COLORS, PdfBuilder, type PdfMeta } from './engine.server.ts'

function num(n: number | null | undefined): string {
	if (n === null || n === undefined) return '—'
	return Number.isInteger(n) ? String(n) : n.toFixed(1)
}

/** 一人一档: the person's safety-training archive, one section per kind of record. */
export async function renderArchivePdf(a: ArchiveData, opts: Omit<PdfMeta, 'title' | 'enterpriseName'>): Promise<Uint8Array> {
	const { t, locale } = opts
	const d = (x: Date | null | undefined) => (x ? formatDate(x, locale) : '—')
	const zh = locale !== 'en'
	const title = t('pdf:archive.title')
	const b = await PdfBuilder.create({ ...opts, title: `${title} · ${a.person.name}`, enterpriseName: a.enterprise.name, subject: title })
	const p = a.person

	b.heading(title, 1)
	b.paragraph(t('pdf:archive.intro', { name: p.name, enterprise: a.enterprise.name }), { align: 'center', color: COLORS.muted, size: 9.5, gapAfter: 8 })

	b.heading(t('pdf:archive.identity'))
	b.facts([
		[t('pdf:archive.name'), p.name],
		[t('pdf:archive.idCard'), p.idCardMasked ?? t('pdf:none')],
		[t('pdf:archive.mobile'), p.mobileMasked],
		[t('pdf:archive.employmentType'), t(`common:employmentType.${p.employmentType}`)],
		[t('pdf:archive.contractor'), p.contractor ?? t('pdf:none')],
		[t('pdf:archive.department'), p.department ?? t('pdf:none')],
		[t('pdf:archive.post'), p.post || t('pdf:none')],
		[t('pdf:archive.hireDate'), p.hireDate ?? t('pdf:none')],
		[t('pdf:archive.dutyStatus'), t(`common:dutyStatus.${p.dutyStatus}`) + (p.leftAt ? ` (${d(p.leftAt)})` : '')],
		[t('pdf:archive.roles'), p.roles.map((r) => t(`common:roles.${r}`)).join(zh ? '、' : ', ') || t('pdf:none')],
		[t('pdf:archive.enterprise'), a.enterprise.name],
		[t('pdf:archive.uscc'), a.enterprise.uscc],
	])

	b.heading(t('pdf:archive.hours'))
	b.table(
		[
			{ header: t('pdf:archive.year'), width: 0.1 },
			{ header: t('pdf:archive.online'), width: 0.14, align: 'right' },
			{ header: t('pdf:archive.classroomHours'), width: 0.14, align: 'right' },
			{ header: t('pdf:archive.offJob'), width: 0.14, align: 'right' },
			{ header: t('pdf:archive.total'), width: 0.12, align: 'right' },
			{ header: t('pdf:archive.required'), width: 0.24 },
			{ header: t('pdf:archive.met'), width: 0.12, align: 'center' },
		],
		a.years.map((y) => [
			String(y.year),
			num(hoursFromSeconds(y.onlineSeconds)),
			num(hoursFromSeconds(y.classroomSeconds)),
			num(hoursFromSeconds(y.offJobSeconds)),
			num(hoursFromSeconds(y.totalSeconds)),
			t('pdf:archive.requirement', { hours: y.requirement.hours, kind: t(`pdf:archive.requirementKind.${y.requirement.kind}`) }),
			y.totalSeconds >= y.requirement.seconds ? t('pdf:archive.yes') : t('pdf:archive.no'),
		]),
	)
	b.paragraph(t('pdf:archive.hoursNote'), { size: 8.5, color: COLORS.muted })

	b.heading(t('pdf:archive.courses'))
	b.table(
		[
			{ header: t('pdf:archive.course'), width: 0.38 },
			{ header: t('pdf:archive.reason'), width: 0.14 },
			{ header: t('pdf:archive.assigned'), width: 0.16 },
			{ header: t('pdf:archive.due'), width: 0.14 },
			{ header: t('pdf:archive.status'), width: 0.18 },
		],
		a.assignments.map((x) => [
			`${zh ? x.packVersion.titleZh : x.packVersion.titleEn} (v${x.packVersion.declaredVersion})`,
			t(`pdf:archive.assignmentReason.${x.reason}`, { defaultValue: x.reason }),
			d(x.createdAt),
			x.dueDate,
			t(`pdf:archive.assignmentStatus.${x.status}`, { defaultValue: x.status }) + (x.completedAt ? ` ${d(x.completedAt)}` : ''),
		]),
	)

	b.heading(t('pdf:archive.classroom'))
	b.table(
		[
			{ header: t('pdf:archive.when'), width: 0.2 },
			{ header: t('pdf:archive.topic'), width: 0.32 },
			{ header: t('pdf:archive.trainer'), width: 0.14 },
			{ header: t('pdf:archive.place'), width: 0.16 },
			{ header: t('pdf:archive.minutes'), width: 0.1, align: 'right' },
			{ header: t('pdf:archive.offJobShort'), width: 0.08, align: 'center' },
		],
		a.classroom.map((c) => [
			formatDateTime(c.session.startsAt, locale),
			c.session.topic,
			c.session.trainer,
			c.session.place,
			String(c.session.minutes),
			c.session.offJob ? t('pdf:archive.yes') : '',
		]),
	)

	b.heading(t('pdf:archive.exams'))
	b.table(
		[
			{ header: t('pdf:archive.when'), width: 0.2 },
			{ header: t('pdf:archive.exam'), width: 0.36 },
			{ header: t('pdf:archive.purpose'), width: 0.16 },
			{ header: t('pdf:archive.score'), width: 0.14, align: 'right' },
			{ header: t('pdf:archive.result'), width: 0.14, align: 'center' },
		],
		a.attempts.map((x) => [
			formatDateTime(x.submittedAt ?? x.startedAt, locale),
			zh ? x.blueprint.nameZh : x.blueprint.nameEn,
			t(`pdf:archive.purposeLabel.${x.purpose}`, { defaultValue: x.purpose }),
			x.score === null ? '—' : `${num(x.score)} / ${num(x.maxScore)}`,
			x.passed === null ? '—' : x.passed ? t('pdf:archive.passed') : t('pdf:archive.failed'),
		]),
	)

	if (a.spotChecks.length) {
		b.heading(t('pdf:archive.spotChecks'), 3)
		b.table(
			[
				{ header: t('pdf:archive.inspectionDate'), width: 0.22 },
				{ header: t('pdf:archive.method'), width: 0.3 },
				{ header: t('pdf:archive.score'), width: 0.2, align: 'right' },
				{ header: t('pdf:archive.result'), width: 0.28 },
			],
			a.spotChecks.map((s) => [
				s.inspection.date,
				t(`pdf:inspectionMethod.${s.inspection.method}`, { defaultValue: s.inspection.method }),
				num(s.score),
				t(`pdf:examineeStatus.${s.status}`, { defaultValue: s.status }),
			]),
		)
	}

	b.heading(t('pdf:archive.violations'))
	b.table(
		[
			{ header: t('pdf:archive.when'), width: 0.2 },
			{ header: t('pdf:archive.violationType'), width: 0.16 },
			{ header: t('pdf:archive.place'), width: 0.18 },
			{ header: t('pdf:archive.description'), width: 0.46 },
		],
		a.violations.map((v) => [
			formatDateTime(v.occurredAt, locale),
			t(`pdf:violationType.${v.type}`, { defaultValue: v.type }),
			[v.area?.name, v.place].filter(Boolean).join(' · ') || '—',
			v.description,
		]),
	)

	b.heading(t('pdf:archive.retraining'))
	b.table(
		[
			{ header: t('pdf:archive.opened'), width: 0.18 },
			{ header: t('pdf:archive.trigger'), width: 0.22 },
			{ header: t('pdf:archive.requiredHours'), width: 0.14, align: 'right' },
			{ header: t('pdf:archive.caseState'), width: 0.2 },
			{ header: t('pdf:archive.cleared'), width: 0.26 },
		],
		a.cases.map((c) => [
			d(c.openedAt),
			t(`pdf:retrainingTrigger.${c.trigger}`, { defaultValue: c.trigger }),
			num(c.requiredMinutes / 60),
			t(`pdf:retrainingState.${c.state}`, { defaultValue: c.state }),
			c.clearedAt ? d(c.clearedAt) : c.escalatedAt ? t('pdf:archive.escalatedOn', { date: d(c.escalatedAt) }) : '—',
		]),
	)

	b.heading(t('pdf:archive.credentials'))
	b.table(
		[
			{ header: t('pdf:archive.credentialType'), width: 0.26 },
			{ header: t('pdf:archive.number'), width: 0.2 },
			{ header: t('pdf:archive.issuer'), width: 0.18 },
			{ header: t('pdf:archive.validity'), width: 0.2 },
			{ header: t('pdf:archive.status'), width: 0.16 },
		],
		a.credentials.map((c) => [
			t(`credentials:type.${c.type}`),
			displayCredentialNumber(c.number),
			c.issuer,
			`${c.issueDate} – ${c.expiryDate}${c.nextReviewDate ? `\n${t('pdf:archive.review', { date: c.nextReviewDate })}` : ''}`,
			t(`credentials:state.${c.status.state}`),
		]),
	)

	b.heading(t('pdf:archive.certificates'))
	b.table(
		[
			{ header: t('pdf:archive.serial'), width: 0.2 },
			{ header: t('pdf:archive.course'), width: 0.34 },
			{ header: t('pdf:archive.hoursShort'), width: 0.1, align: 'right' },
			{ header: t('pdf:archive.issued'), width: 0.18 },
			{ header: t('pdf:archive.status'), width: 0.18 },
		],
		a.certificates.map((c) => [
			c.serial,
			zh ? c.packVersion.titleZh : c.packVersion.titleEn,
			num(c.hours),
			`${d(c.issuedAt)}\n${t('pdf:archive.until', { date: c.validUntil })}`,
			t(`pdf:certificate.state.${c.state}`),
		]),
	)

	// Heading, declaration and signature lines stay on one page.
	b.ensure(180)
	b.heading(t('pdf:archive.signatures'))
	b.paragraph(t('pdf:archive.declaration'), { size: 9.5 })
	b.signatures([t('pdf:archive.signPerson'), t('pdf:archive.signManager'), t('pdf:archive.signPrincipal'), t('pdf:archive.signSeal')])
	return b.finish()
}
