import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { signInWithCode, SignInCodeSchema } from '~/domain/learning/classroom.server.ts'
import { hoursFromSeconds } from '~/domain/learning/hours.ts'
import { RuleError } from '~/domain/roster.server.ts'
import { formatDateTime } from '~/domain/time.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { getLocale } from '~/utils/i18n.server.ts'
import { domainErrorResponse, notFound } from '~/utils/responses.server.ts'

export const handle = { title: 'learning:classSignIn' }

/**
 * Where the classroom QR code leads. Opening it while signed in signs the person in (once; a
 * second scan changes nothing). Signed-out phones go through the sign-in page and come back.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	const code = SignInCodeSchema.safeParse(params.code ?? '')
	if (!code.success) throw notFound()
	const locale = await getLocale(request)
	try {
		const r = await signInWithCode(actor, code.data)
		return {
			ok: true as const,
			already: r.already,
			session: { topic: r.session.topic, trainer: r.session.trainer, place: r.session.place, startsAt: formatDateTime(r.session.startsAt, locale), hours: hoursFromSeconds(r.session.minutes * 60) },
		}
	} catch (e) {
		if (e instanceof RuleError) return data({ ok: false as const, key: e.key }, { status: 400 })
		throw domainErrorResponse(e)
	}
}

export default function SignedIn() {
	const d = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	return (
		<>
			<h1>{t('learning:classSignIn')}</h1>
			{d.ok ? (
				<section className="card" data-testid="signed-in">
					<p className="alert alert-success" role="status">
						{d.already ? t('learning:signedInAlready') : t('learning:signedInNow')}
					</p>
					<dl className="facts">
						<dt>{t('learning:topic')}</dt>
						<dd>{d.session.topic}</dd>
						<dt>{t('learning:trainer')}</dt>
						<dd>{d.session.trainer}</dd>
						<dt>{t('learning:place')}</dt>
						<dd>{d.session.place}</dd>
						<dt>{t('learning:startsAt')}</dt>
						<dd>{d.session.startsAt}</dd>
						<dt>{t('learning:creditHours')}</dt>
						<dd>{t('learning:hoursValue', { hours: d.session.hours })}</dd>
					</dl>
				</section>
			) : (
				<p className="alert alert-error" role="alert">
					{t(d.key)}
				</p>
			)}
			<p>
				<Link className="btn" to="/learn">
					{t('learning:myLearning')}
				</Link>
			</p>
		</>
	)
}
