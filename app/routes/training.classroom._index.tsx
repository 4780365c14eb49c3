import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listClassroomSessions } from '~/domain/learning/classroom.server.ts'
import { hoursFromSeconds } from '~/domain/learning/hours.ts'
import { hasRole } from '~/domain/policy.ts'
import { formatDateTime } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'

export const handle = { title: 'learning:classroom' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER', 'PRINCIPAL')
	const locale = await getLocale(request)
	const sessions = await listClassroomSessions(actor)
	return {
		sessions: sessions.map((s) => ({
			id: s.id,
			topic: s.topic,
			trainer: s.trainer,
			place: s.place,
			when: formatDateTime(s.startsAt, locale),
			hours: hoursFromSeconds(s.minutes * 60),
			offJob: s.offJob,
			attendees: s._count.attendances,
		})),
		canEdit: hasRole(actor, 'SAFETY_MANAGER'),
	}
}

export default function ClassroomList() {
	const { sessions, canEdit } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<>
			<p>
				<Link to="/training">← {t('learning:trainingTitle')}</Link>
			</p>
			<div className="page-head">
				<h1>{t('learning:classroom')}</h1>
				{canEdit ? (
					<Link className="btn btn-primary" to="/training/classroom/new">
						{t('learning:newSession')}
					</Link>
				) : null}
			</div>
			{sessions.length ? (
				<ul className="list" data-testid="classroom-list">
					{sessions.map((s) => (
						<li key={s.id}>
							<Link className="row" to={`/training/classroom/${s.id}`}>
								<span className="row-main">
									<span className="row-title">{s.topic}</span>
									<span className="row-sub">
										{s.when} · {s.place} · {s.trainer}
									</span>
									<span className="row-sub">
										{t('learning:hoursValue', { hours: s.hours })} · {t('learning:attendeesCount', { count: s.attendees })}
									</span>
								</span>
								{s.offJob ? <span className="badge badge-warn">{t('learning:offJob')}</span> : null}
							</Link>
						</li>
					))}
				</ul>
			) : (
				<p className="card muted">{t('learning:noSessions')}</p>
			)}
		</>
	)
}
