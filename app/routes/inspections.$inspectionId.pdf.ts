import type { LoaderFunctionArgs } from '@remix-run/node'
import { renderInspectionPdf } from '~/domain/pdf/inspection-pdf.server.ts'
import { getInspectionRecord } from '~/domain/records.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { fileResponse, PDF_TYPE } from '~/utils/download.ts'
import { pdfContext } from '~/utils/pdf.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'

/** The 逢查必考 record of an inspection as a PDF, for the inspector's file (issue 4 decides who). */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const ctx = await pdfContext(request)
	let record
	try {
		record = await getInspectionRecord(actor, params.inspectionId!, ctx.generatedAt)
	} catch (e) {
		throw domainErrorResponse(e)
	}
	const pdf = await renderInspectionPdf(record, ctx)
	return fileResponse(pdf, {
		fileName: ctx.t('pdf:fileNames.inspection', { enterprise: record.inspection.enterprise.name, date: record.inspection.date }),
		asciiFallback: `inspection-record-${record.inspection.date}.pdf`,
		contentType: PDF_TYPE,
	})
}
