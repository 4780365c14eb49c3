import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors } from '~/components/form.tsx'
import { answerPractice, getPractice } from '~/domain/learning/practice.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'learning:practice' }

const QuerySchema = z.object({
	mode: z.enum(['all', 'wrong']).catch('all'),
	after: z.string().max(40).optional().catch(undefined),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const q = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
	try {
		return await getPractice(actor, params.assignmentId!, q.mode, q.after ?? null)
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

const AnswerSchema = z.object({
	questionId: z.string({ error: 'errors:required' }).trim().min(1).max(40),
	chosen: z.array(z.string().trim().min(1).max(2)).min(1, 'learning:chooseAnswer').max(6),
	mode: z.enum(['all', 'wrong']).catch('all'),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireActor(request)
	const parsed = parseForm(AnswerSchema, await readFormData(request), ['chosen'])
	if (!parsed.ok) return data(parsed, { status: 400 })
	try {
		const r = await answerPractice(actor, params.assignmentId!, parsed.data.questionId, parsed.data.chosen)
		return { ok: true as const, mode: parsed.data.mode, ...r }
	} catch (e) {
		return domainErrorResponse(e)
	}
}

type Option = { key: string; text: string }

function optionLabel(t: (k: string) => string, type: string, o: Option) {
	if (type === 'TRUEFALSE') return o.key === 'T' ? t('learning:true') : t('learning:false')
	return `${o.key}. ${o.text}`
}

export default function Practice() {
	const p = useLoaderData<typeof loader>()
	const fb = useActionData<typeof action>()
	const nav = useNavigation()
	const { t, i18n } = useTranslation()
	const en = i18n.language === 'en'
	const base = `/learn/${p.assignmentId}`
	const feedback = fb && fb.ok ? fb : null
	const errors = fb && !fb.ok ? fb : null
	return (
		<>
			<p>
				<Link to={base}>← {en ? p.pack.titleEn : p.pack.titleZh}</Link>
			</p>
			<div className="page-head">
				<h1>{p.mode === 'wrong' ? t('learning:wrongBook') : t('learning:practice')}</h1>
				<nav className="actions" aria-label={t('learning:practiceModes')}>
					<Link className={`btn${p.mode === 'all' ? ' btn-primary' : ''}`} to={`${base}/practice`}>
						{t('learning:practiceAll')}
					</Link>
					<Link className={`btn${p.mode === 'wrong' ? ' btn-primary' : ''}`} to={`${base}/practice?mode=wrong`} data-testid="wrong-book-link">
						{t('learning:wrongBookCount', { count: p.wrongCount })}
					</Link>
				</nav>
			</div>
			<p className="small muted" data-testid="practice-tally">
				{t('learning:practiceTally', { answered: p.answered, correct: p.correct, total: p.total })}
			</p>
			{feedback ? (
				<section className="card practice-card" data-testid="practice-feedback">
					<p className={`alert ${feedback.correct ? 'alert-success' : 'alert-error'}`} role="status">
						{feedback.correct ? t('learning:answerRight') : t('learning:answerWrong')}
					</p>
					<p className="question-stem">{feedback.question.stem}</p>
					<ul className="choices choices-result">
						{feedback.question.options.map((o) => {
							const right = feedback.answer.includes(o.key)
							const picked = feedback.chosen.includes(o.key)
							return (
								<li key={o.key} className={right ? 'choice-right' : picked ? 'choice-wrong' : undefined}>
									<span>{optionLabel(t, feedback.question.type, o)}</span>
									{right ? <span className="badge badge-ok">{t('learning:correctAnswer')}</span> : null}
									{picked && !right ? <span className="badge badge-bad">{t('learning:yourChoice')}</span> : null}
									{picked && right ? <span className="visually-hidden">{t('learning:yourChoice')}</span> : null}
								</li>
							)
						})}
					</ul>
					<div className="explanation">
						<p>
							<strong>{t('learning:explanation')}</strong> {feedback.explanation}
						</p>
						<p className="small muted">{t('learning:source', { source: feedback.source })}</p>
					</div>
					<Link
						className="btn btn-primary btn-block"
						to={`${base}/practice?${new URLSearchParams({ mode: feedback.mode, after: feedback.question.id })}`}
						data-testid="next-question"
					>
						{t('learning:nextQuestion')}
					</Link>
				</section>
			) : p.question ? (
				<Form method="post" className="card practice-card" key={p.question.id} replace>
					<input type="hidden" name="questionId" value={p.question.id} />
					<input type="hidden" name="mode" value={p.mode} />
					<p className="small muted">{t(`learning:qtype.${p.question.type}`)}</p>
					<fieldset className="choices">
						<legend className="question-stem">{p.question.stem}</legend>
						{p.question.options.map((o) => (
							<label key={o.key} className="choice">
								<input type={p.question!.type === 'MULTIPLE' ? 'checkbox' : 'radio'} name="chosen" value={o.key} required={p.question!.type !== 'MULTIPLE'} />
								<span>{optionLabel(t, p.question!.type, o)}</span>
							</label>
						))}
					</fieldset>
					<FormErrors errors={errors ? [...errors.formErrors, ...Object.values(errors.fieldErrors).flat()] : undefined} />
					<button type="submit" className="btn btn-primary btn-block" disabled={nav.state === 'submitting'}>
						{t('learning:checkAnswer')}
					</button>
				</Form>
			) : (
				<p className="card" data-testid="practice-done">
					{p.mode === 'wrong' ? t('learning:wrongBookEmpty') : p.total ? t('learning:practiceDone') : t('learning:noQuestions')}
				</p>
			)}
		</>
	)
}
