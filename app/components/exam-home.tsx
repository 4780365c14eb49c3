import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '~/domain/time.ts'

type OpenExam = { id: string; purpose: string; deadlineAt: string; nameZh: string; nameEn: string }

/** Issue 4: a paper in progress is the most urgent thing on a home page. */
export function OpenExamCards({ exams }: { exams: { open: OpenExam[] } }) {
	const { t, i18n } = useTranslation()
	const locale = i18n.language === 'en' ? 'en' : 'zh-CN'
	return (
		<>
			{exams.open.map((a) => (
				<section key={a.id} className="card alert-warning" data-testid="home-open-exam">
					<h2>{t('exam:home.inProgress')}</h2>
					<p>
						{locale === 'en' ? a.nameEn : a.nameZh} · {t(`exam:purpose.${a.purpose}`)}
						<br />
						<span className="muted small">{t('exam:deadlineAt', { time: formatDateTime(new Date(a.deadlineAt), locale) })}</span>
					</p>
					<Link className="btn btn-primary btn-block" to={`/exam/${a.id}`}>
						{t('exam:my.continue')}
					</Link>
				</section>
			))}
		</>
	)
}
