import type { LoaderFunctionArgs } from '@remix-run/node'
import { maskIdCard } from '~/domain/identifiers.ts'
import { exportLabels, rosterToCsv, rosterToXlsx, type ExportRow } from '~/domain/roster-file.server.ts'
import { listPeopleForExport, PersonFilterSchema } from '~/domain/roster.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { getT } from '~/utils/i18n.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	const params = new URL(request.url).searchParams
	const format = params.get('format') === 'xlsx' ? 'xlsx' : 'csv'
	const filter = PersonFilterSchema.parse(Object.fromEntries(params))
	const { t } = await getT(request)
	const people = await listPeopleForExport(actor, filter)
	const rows: ExportRow[] = people.map((p) => ({
		name: p.name,
		mobile: p.mobile,
		idCardMasked: p.idCard ? maskIdCard(p.idCard) : null,
		employmentType: t(`employmentType.${p.employmentType}`),
		contractor: p.contractor?.name ?? null,
		department: p.department?.name ?? null,
		post: p.post,
		hireDate: p.hireDate,
		dutyStatus: t(`dutyStatus.${p.dutyStatus}`),
	}))
	const labels = exportLabels(t)
	const name = t('rosterImport:export.fileName', { date: shanghaiDate(new Date()) })
	const disposition = `attachment; filename="roster.${format}"; filename*=UTF-8''${encodeURIComponent(name)}.${format}`
	if (format === 'xlsx') {
		const body = await rosterToXlsx(rows, labels)
		return new Response(new Uint8Array(body), {
			headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': disposition, 'Cache-Control': 'no-store' },
		})
	}
	return new Response(rosterToCsv(rows, labels), {
		headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': disposition, 'Cache-Control': 'no-store' },
	})
}
