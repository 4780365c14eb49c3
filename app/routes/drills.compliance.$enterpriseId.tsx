import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ComplianceMatrix, periodLabel, StatusCounts, useFormatDay } from '~/components/drills.tsx'
import { getEnterpriseCompliance } from '~/domain/drills.server.ts'
import { requireRole } from '~/utils/auth.server.ts'
import { drillErrorResponse } from './drills.server.ts'

export const handle = { title: 'drills:oversight.title' }

/** One enterprise's compliance for inspectors and regulators of its region (404 elsewhere). */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'INSPECTOR', 'REGULATOR', 'ADMIN')
	try {
		return await getEnterpriseCompliance(actor, params.enterpriseId!)
	} catch (e) {
		throw drillErrorResponse(e)
	}
}

export default function EnterpriseCompliance() {
	const c = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const day = useFormatDay()
	return (
		<>
			<p>
				<Link to="/drills/oversight">← {t('drills:oversight.title')}</Link>
			</p>
			<h1>{c.enterprise.name}</h1>
			<p className="muted">{i18n.language === 'en' ? c.enterprise.region.nameEn : c.enterprise.region.name}</p>
			<h2>{t('drills:currentPeriod', { period: periodLabel(t, c.periods[0]!), end: day(c.periodEnd) })}</h2>
			<StatusCounts counts={c.current} />
			<div className="actions">
				<Link className="btn" to={`/drills/list?enterprise=${c.enterprise.id}`}>
					{t('drills:list.title')}
				</Link>
				<Link className="btn" to={`/enterprises/${c.enterprise.id}`}>
					{t('drills:oversight.enterprise')}
				</Link>
			</div>
			<h2>{t('drills:matrix.title')}</h2>
			<ComplianceMatrix periods={c.periods} rows={c.rows} planLinks={false} />
		</>
	)
}
