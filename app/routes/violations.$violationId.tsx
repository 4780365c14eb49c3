import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PersonName } from '~/components/person-name.tsx'
import { formatDateTime } from '~/domain/time.ts'
import { acknowledgeViolation, getViolation } from '~/domain/violations.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'

export const handle = { title: 'violations:detail' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	try {
		const { violation: v, self, recorderName } = await getViolation(actor, params.violationId!)
		const locale = await getLocale(request)
		return {
			self,
			recorderName,
			v: {
				id: v.id,
				type: v.type,
				occurredAt: formatDateTime(v.occurredAt, locale),
				recordedAt: formatDateTime(v.createdAt, locale),
				acknowledgedAt: v.acknowledgedAt ? formatDateTime(v.acknowledgedAt, locale) : null,
				area: v.area,
				place: v.place,
				description: v.description,
				foundBy: v.foundBy,
				person: v.person,
				case: v.case,
			},
		}
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireActor(request)
	try {
		await acknowledgeViolation(actor, params.violationId!)
		return redirect(`/violations/${params.violationId}`, { headers: await flashHeaders({ key: 'violations:acknowledged' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function ViolationPage() {
	const { v, self, recorderName } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<>
			{!self ? (
				<p>
					<Link to="/violations">← {t('violations:title')}</Link>
				</p>
			) : null}
			<div className="page-head">
				<h1>{t(`violations:types.${v.type}`)}</h1>
				<span className={`badge ${v.acknowledgedAt ? 'badge-ok' : 'badge-warn'}`} data-testid="ack-state">
					{v.acknowledgedAt ? t('violations:ackDone') : t('violations:ackPending')}
				</span>
			</div>
			{self && !v.acknowledgedAt ? <p className="alert alert-warning">{t('violations:selfIntro')}</p> : null}
			<section className="card">
				<dl className="facts">
					<dt>{t('violations:person')}</dt>
					<dd>
						<PersonName name={v.person.name} dutyStatus={v.person.dutyStatus} always />
						{v.person.post ? <span className="muted"> · {v.person.post}</span> : null}
					</dd>
					<dt>{t('violations:occurredAt')}</dt>
					<dd>{v.occurredAt}</dd>
					<dt>{t('violations:where')}</dt>
					<dd>{[v.area ? `${v.area.name}（${t(`areaKind.${v.area.kind}`)}）` : null, v.place].filter(Boolean).join(' · ')}</dd>
					<dt>{t('violations:description')}</dt>
					<dd className="prewrap">{v.description}</dd>
					<dt>{t('violations:foundBy')}</dt>
					<dd>{v.foundBy}</dd>
					<dt>{t('violations:recordedBy')}</dt>
					<dd>{[recorderName, v.recordedAt].filter(Boolean).join(' · ')}</dd>
					{v.acknowledgedAt ? (
						<>
							<dt>{t('violations:acknowledgedAt')}</dt>
							<dd>{v.acknowledgedAt}</dd>
						</>
					) : null}
				</dl>
			</section>
			{v.case ? (
				<section className="card">
					<h2>{t('violations:retraining')}</h2>
					<p>{t('violations:retrainingIntro')}</p>
					<p>
						<Link className="btn" to={`/retraining/${v.case.id}`}>
							{t('violations:caseLink', { state: t(`retraining:state.${v.case.state}`) })}
						</Link>
					</p>
				</section>
			) : null}
			{self && !v.acknowledgedAt ? (
				<Form method="post" className="card">
					<p className="small">{t('violations:ackStatement')}</p>
					<button type="submit" className="btn btn-primary btn-block">
						{t('violations:acknowledge')}
					</button>
				</Form>
			) : null}
		</>
	)
}
