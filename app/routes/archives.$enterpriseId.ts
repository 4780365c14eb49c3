import type { LoaderFunctionArgs } from '@remix-run/node'
import { archivePeople, loadArchive } from '~/domain/archive.server.ts'
import { renderArchivePdf } from '~/domain/pdf/archive-pdf.server.ts'
import { zipStream, type ZipEntry } from '~/domain/pdf/zip.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { fileResponse, safeFileName, ZIP_TYPE } from '~/utils/download.ts'
import { pdfContext } from '~/utils/pdf.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'

/**
 * Every person's 一人一档 of one enterprise in a ZIP, streamed as it is generated. Current staff
 * by default; ?left=1 adds people who have left. Managers and principal of the enterprise,
 * bureau staff of its region, admins.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const includeLeft = new URL(request.url).searchParams.get('left') === '1'
	let found
	try {
		found = await archivePeople(actor, params.enterpriseId!, includeLeft)
	} catch (e) {
		throw domainErrorResponse(e)
	}
	const ctx = await pdfContext(request)
	const { enterprise, people } = found
	const width = String(people.length).length
	async function* entries(): AsyncGenerator<ZipEntry> {
		let i = 0
		for (const p of people) {
			i++
			const archive = await loadArchive(p.id, ctx.generatedAt)
			const data = await renderArchivePdf(archive, ctx)
			yield { name: safeFileName(`${String(i).padStart(width, '0')}-${p.department?.name ?? ''}-${p.name}.pdf`), data }
		}
	}
	const date = shanghaiDate(ctx.generatedAt)
	return fileResponse(zipStream(entries(), ctx.generatedAt), {
		fileName: ctx.t('archives:zipName', { enterprise: enterprise.name, date }),
		asciiFallback: `archives-${date}.zip`,
		contentType: ZIP_TYPE,
	})
}
