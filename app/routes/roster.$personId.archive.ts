import type { LoaderFunctionArgs } from '@remix-run/node'
import { getArchive } from '~/domain/archive.server.ts'
import { renderArchivePdf } from '~/domain/pdf/archive-pdf.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { fileResponse, PDF_TYPE } from '~/utils/download.ts'
import { pdfContext } from '~/utils/pdf.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'

/** 一人一档 as a PDF: the enterprise's managers and principal, bureau staff in scope, or the person. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const ctx = await pdfContext(request)
	let archive
	try {
		archive = await getArchive(actor, params.personId!, ctx.generatedAt)
	} catch (e) {
		throw domainErrorResponse(e)
	}
	const pdf = await renderArchivePdf(archive, ctx)
	return fileResponse(pdf, {
		fileName: ctx.t('archives:fileName', { name: archive.person.name, date: archive.generatedFor }),
		asciiFallback: `archive-${archive.person.id}-${archive.generatedFor}.pdf`,
		contentType: PDF_TYPE,
	})
}
