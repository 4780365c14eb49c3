import type { LoaderFunctionArgs } from '@remix-run/node'
import {
	buildReport,
	canDownloadReports,
	REPORT_FORMATS,
	reportFileName,
	ReportQuerySchema,
	reportToCsv,
	reportToPdf,
	reportToXlsx,
	type ReportFormat,
} from '~/domain/dashboard/report.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { fileResponse, PDF_TYPE } from '~/utils/download.ts'
import { parseForm } from '~/utils/forms.ts'
import { getT } from '~/utils/i18n.server.ts'
import { oversightErrorResponse } from './oversight.server.ts'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	if (!canDownloadReports(actor)) throw new Response('Forbidden', { status: 403 })
	const params = new URL(request.url).searchParams
	const { t, locale } = await getT(request)
	const format = params.get('format') as ReportFormat
	const parsed = parseForm(ReportQuerySchema, params)
	if (!(REPORT_FORMATS as readonly string[]).includes(format) || !parsed.ok) {
		const msgs = parsed.ok ? [t('oversight:report.errors.format')] : Object.values(parsed.fieldErrors).flat().concat(parsed.formErrors).map((m) => t(m.key, m.values ?? {}))
		return new Response(`${t('oversight:report.errors.title')}\n${msgs.join('\n')}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
	}
	let report
	try {
		report = await buildReport(actor, parsed.data)
	} catch (e) {
		oversightErrorResponse(e)
	}
	const fileName = reportFileName(report, t, locale, format)
	const ascii = `report-${report.period.from}-${report.period.to}.${format}`
	if (format === 'csv') return fileResponse(new TextEncoder().encode(reportToCsv(report, t)), { fileName, asciiFallback: ascii, contentType: 'text/csv; charset=utf-8' })
	if (format === 'xlsx') return fileResponse(await reportToXlsx(report, t, locale), { fileName, asciiFallback: ascii, contentType: XLSX_TYPE })
	return fileResponse(await reportToPdf(report, t, locale), { fileName, asciiFallback: ascii, contentType: PDF_TYPE })
}
