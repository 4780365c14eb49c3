import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getEnterprise } from '~/domain/enterprises.server.ts'
import { CredentialHiddenDangerCard } from '~/components/credentials.tsx'
import { credentialHiddenDanger } from '~/domain/credentials.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { requireRole } from '~/utils/auth.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'

export const handle = { title: 'enterprises:title' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'INSPECTOR', 'REGULATOR', 'ADMIN')
	try {
		const enterprise = await getEnterprise(actor, params.enterpriseId!)
		// issue 6: hidden-danger item 2, from the credential register
		const credentials = await credentialHiddenDanger(actor, enterprise.id, shanghaiDate(new Date()))
		return { enterprise, credentials }
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

export default function EnterprisePage() {
	const { enterprise: e, credentials } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	const byType = new Map<string, number>()
	let suspended = 0
	for (const p of e.people) {
		byType.set(p.type, (byType.get(p.type) ?? 0) + p.count)
		if (p.status === 'SUSPENDED') suspended += p.count
	}
	return (
		<>
			<p>
				<Link to="/enterprises">← {t('enterprises:title')}</Link>
			</p>
			<h1>{e.name}</h1>
			<section className="card">
				<dl className="facts">
					<dt>{t('enterprises:uscc')}</dt>
					<dd>{e.uscc}</dd>
					<dt>{t('enterprises:region')}</dt>
					<dd>{i18n.language === 'en' ? e.region.nameEn : e.region.name}</dd>
					<dt>{t('enterprises:category')}</dt>
					<dd>{t(`enterpriseCategory.${e.category}`)}</dd>
					<dt>{t('enterprises:hazard')}</dt>
					<dd>{e.majorHazardLevel ? t('hazardLevel', { level: e.majorHazardLevel }) : t('noHazard')}</dd>
					{e.keyProcesses.length ? (
						<>
							<dt>{t('enterprises:keyProcesses')}</dt>
							<dd>{e.keyProcesses.map((p) => t(`enterprises:process.${p}`)).join('、')}</dd>
						</>
					) : null}
					{e.address ? (
						<>
							<dt>{t('enterprises:address')}</dt>
							<dd>{e.address}</dd>
						</>
					) : null}
				</dl>
			</section>
			<section className="card">
				<h2>{t('enterprises:workforce')}</h2>
				<div className="grid">
					{[...byType.entries()].map(([type, count]) => (
						<div key={type} className="stat">
							<strong>{count}</strong>
							<span>{t(`employmentType.${type}`)}</span>
						</div>
					))}
					<div className="stat">
						<strong>{suspended}</strong>
						<span>{t('dutyStatus.SUSPENDED')}</span>
					</div>
				</div>
			</section>
			<CredentialHiddenDangerCard data={credentials} />
			<section className="card">
				<h2>{t('archives:title')}</h2>
				<p className="field-hint">{t('archives:bulkHint')}</p>
				<a className="btn" href={`/archives/${e.id}`} download>
					{t('archives:bulk')}
				</a>
			</section>
			<section className="card">
				<h2>{t('areas:title')}</h2>
				<p>
					<Link className="btn" to={`/drills/compliance/${e.id}`}>
						{t('drills:oversight.compliance')}
					</Link>
				</p>
				<ul className="list">
					{e.areas.map((a) => (
						<li key={a.id}>
							<div className="row">
								<span>{a.name}</span>
								<span className="badge">{t(`areaKind.${a.kind}`)}</span>
							</div>
						</li>
					))}
				</ul>
			</section>
		</>
	)
}
