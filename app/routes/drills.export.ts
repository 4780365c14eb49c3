import type { LoaderFunctionArgs } from '@remix-run/node'
import { formatElapsed, toCsv } from '~/domain/drills.ts'
import { DrillFilterSchema, listDrillsForExport } from '~/domain/drills.server.ts'
import { formatDateTime, shanghaiDate } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { getT } from '~/utils/i18n.server.ts'
import { drillErrorResponse } from './drills.server.ts'

/** The filtered drill list as CSV (UTF-8 with BOM), headers and codes in the reader's language. */
export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const filter = DrillFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	const { t, locale } = await getT(request)
	try {
		const drills = await listDrillsForExport(actor, filter)
		const cols = ['area', 'areaKind', 'period', 'kind', 'form', 'scope', 'status', 'plannedDate', 'alarmAt', 'clearTime', 'assembleTime', 'expected', 'accounted', 'missing', 'missingNames', 'organiser', 'evaluator', 'actions', 'openActions', 'signedOffAt'] as const
		const when = (d: Date | null) => (d ? formatDateTime(d, locale) : '')
		const rows = drills.map((d) => [
			d.area.name,
			t(`areaKind.${d.area.kind}`),
			d.period,
			t(`drills:kind.${d.kind}`),
			t(`drills:form.${d.form}`),
			t(`drills:scope.${d.scope}`),
			t(`drills:status.${d.status}`),
			d.plannedDate,
			when(d.alarmAt),
			d.clearMs === null ? '' : formatElapsed(d.clearMs),
			d.assembleMs === null ? '' : formatElapsed(d.assembleMs),
			d.headcountExpected,
			d.headcountAccounted,
			d.missingNames.length,
			d.missingNames.join('、'),
			d.organiser?.name ?? '',
			d.evaluator?.name ?? '',
			d._count.actions,
			d.openActions,
			when(d.signedOffAt),
		])
		const body = toCsv([cols.map((c) => t(`drills:csv.${c}`)), ...rows])
		const name = t('drills:csv.fileName', { date: shanghaiDate(new Date()) })
		return new Response(body, {
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': `attachment; filename="drills.csv"; filename*=UTF-8''${encodeURIComponent(name)}.csv`,
				'Cache-Control': 'no-store',
			},
		})
	} catch (e) {
		throw drillErrorResponse(e)
	}
}
