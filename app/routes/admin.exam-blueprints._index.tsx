/** Exam blueprints (ADMIN): the shipped defaults and their settings at a glance. */
import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listBlueprints } from '~/domain/exam/blueprints.server.ts'
import { plannedCount } from '~/domain/exam/types.ts'
import { requireRole } from '~/utils/auth.server.ts'

export const handle = { title: 'exam:bpAdmin.title' }

export async function loader({ request }: LoaderFunctionArgs) {
	const actor = await requireRole(request, 'ADMIN')
	const list = await listBlueprints(actor)
	return {
		blueprints: list
			.filter((b) => !b.code.startsWith('E2E-'))
			.map((b) => ({
				id: b.id,
				code: b.code,
				nameZh: b.nameZh,
				nameEn: b.nameEn,
				questions: b.strata.reduce((n, s) => n + plannedCount(s.counts), 0),
				total: b.total,
				passMark: b.passMark,
				minutes: b.timeLimitMinutes,
				active: b.active,
			})),
	}
}

export default function BlueprintList() {
	const { blueprints } = useLoaderData<typeof loader>()
	const { t, i18n } = useTranslation()
	return (
		<>
			<h1>{t('exam:bpAdmin.title')}</h1>
			<p className="muted">{t('exam:bpAdmin.intro')}</p>
			<ul className="list">
				{blueprints.map((b) => (
					<li key={b.id}>
						<Link className="row" to={`/admin/exam-blueprints/${b.id}`}>
							<span className="row-main">
								<span className="row-title">{i18n.language === 'en' ? b.nameEn : b.nameZh}</span>
								<span className="row-sub">
									{t('exam:bpAdmin.summary', { questions: b.questions, total: b.total, pass: b.passMark, minutes: b.minutes })}
								</span>
							</span>
							<span className={`badge ${b.active ? 'badge-ok' : ''}`}>{t(b.active ? 'exam:bpAdmin.active' : 'exam:bpAdmin.inactive')}</span>
						</Link>
					</li>
				))}
			</ul>
		</>
	)
}
