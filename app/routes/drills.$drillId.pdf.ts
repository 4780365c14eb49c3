import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDrillRecord } from '~/domain/drills.server.ts'
import { renderDrillPdf } from '~/domain/pdf/drill-pdf.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { fileResponse, PDF_TYPE } from '~/utils/download.ts'
import { pdfContext } from '~/utils/pdf.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'

/** The drill record as a PDF, for anyone who may see the drill (issue 5 decides who). */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const ctx = await pdfContext(request)
	let record
	try {
		record = await getDrillRecord(actor, params.drillId!, ctx.generatedAt)
	} catch (e) {
		throw domainErrorResponse(e)
	}
	const pdf = await renderDrillPdf(record, ctx)
	return fileResponse(pdf, {
		fileName: ctx.t('pdf:fileNames.drill', { area: record.area.name, date: record.drill.plannedDate }),
		asciiFallback: `drill-record-${record.drill.plannedDate}.pdf`,
		contentType: PDF_TYPE,
	})
}
