import type { LoaderFunctionArgs } from '@remix-run/node'
import { getCertificate } from '~/domain/certificates.server.ts'
import { renderCertificatePdf } from '~/domain/pdf/certificate-pdf.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { fileResponse, PDF_TYPE } from '~/utils/download.ts'
import { pdfContext } from '~/utils/pdf.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	let cert
	try {
		cert = await getCertificate(actor, params.certificateId!)
	} catch (e) {
		throw domainErrorResponse(e)
	}
	const ctx = await pdfContext(request)
	const pdf = await renderCertificatePdf(cert, ctx)
	return fileResponse(pdf, {
		fileName: `${ctx.t('pdf:certificate.title')}-${cert.holderName}-${cert.serial}.pdf`,
		asciiFallback: `certificate-${cert.serial}.pdf`,
		contentType: PDF_TYPE,
	})
}
