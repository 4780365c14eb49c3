import { useId } from 'react'
import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field } from '~/components/form.tsx'
import { CREDENTIAL_GROUPS, CREDENTIAL_TYPES, displayCredentialNumber, type CredentialState } from '~/domain/credentials.ts'
import type { FieldErrors } from '~/utils/forms.ts'

/** The official catalogue as a grouped select. */
export function CredentialTypeSelect({
	name = 'type',
	label,
	defaultValue,
	errors,
	disabled,
	exclude = [],
}: {
	name?: string
	label: string
	defaultValue?: string
	errors?: FieldErrors
	disabled?: boolean
	exclude?: readonly string[]
}) {
	const { t } = useTranslation()
	const id = useId()
	// Errors are reported on "type" even when the shown select is a disabled copy.
	const errs = errors?.type
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			<select id={id} name={name} defaultValue={defaultValue ?? ''} required disabled={disabled} aria-invalid={errs?.length ? true : undefined} aria-describedby={errs?.length ? `${id}-err` : undefined}>
				<option value="">{t('credentials:credentialType')}…</option>
				{CREDENTIAL_GROUPS.map((g) => (
					<optgroup key={g} label={t(`credentials:group.${g}`)}>
						{CREDENTIAL_TYPES.filter((c) => c.group === g && !exclude.includes(c.code)).map((c) => (
							<option key={c.code} value={c.code}>
								{t(`credentials:type.${c.code}`)}
							</option>
						))}
					</optgroup>
				))}
			</select>
			{errs?.length ? (
				<p id={`${id}-err`} className="field-error" role="alert">
					{errs.map((e) => t(e.key, e.values ?? {})).join(' ')}
				</p>
			) : null}
		</div>
	)
}

export type CredentialFormValues = { type: string; number: string; issuer: string; issueDate: string; expiryDate: string; nextReviewDate: string | null; note: string }

export function CredentialFields({ values, errors, typeFixed }: { values?: Partial<CredentialFormValues>; errors?: FieldErrors; typeFixed?: boolean }) {
	const { t } = useTranslation()
	return (
		<>
			{typeFixed ? <input type="hidden" name="type" value={values?.type} /> : null}
			<CredentialTypeSelect label={t('credentials:credentialType')} defaultValue={values?.type} errors={errors} disabled={typeFixed} name={typeFixed ? 'typeShown' : 'type'} />
			<Field label={t('credentials:number')} name="number" defaultValue={values?.number} errors={errors} required maxLength={40} autoComplete="off" />
			<Field label={t('credentials:issuer')} name="issuer" defaultValue={values?.issuer} errors={errors} required maxLength={80} />
			<Field label={t('credentials:issueDate')} name="issueDate" type="date" defaultValue={values?.issueDate} errors={errors} required />
			<Field label={t('credentials:expiryDate')} name="expiryDate" type="date" defaultValue={values?.expiryDate} errors={errors} />
			<Field label={t('credentials:nextReviewDate')} name="nextReviewDate" type="date" defaultValue={values?.nextReviewDate ?? ''} errors={errors} hint={t('credentials:datesHint')} />
			<Field label={t('credentials:note')} name="note" defaultValue={values?.note} errors={errors} maxLength={200} />
		</>
	)
}

export function CredentialBadge({ state }: { state: CredentialState }) {
	const { t } = useTranslation()
	const kind = state === 'VALID' ? 'ok' : state === 'EXPIRED' || state === 'REVIEW_OVERDUE' ? 'bad' : 'warn'
	return <span className={`badge badge-${kind}`}>{t(`credentials:state.${state}`)}</span>
}

export function dueText(t: (k: string, o?: Record<string, unknown>) => string, status: { due: string | null; days: number | null }): string {
	if (status.due === null || status.days === null) return ''
	return status.days < 0 ? t('credentials:overdueBy', { days: -status.days, date: status.due }) : t('credentials:dueIn', { days: status.days, date: status.due })
}

export type PersonCredentialsView = {
	credentials: { id: string; type: string; number: string; issuer: string; issueDate: string; expiryDate: string; nextReviewDate: string | null; status: { state: CredentialState; due: string | null; days: number | null } }[]
	required: string[]
	missing: string[]
}

/** The 持证上岗 section of the person page. */
export function PersonCredentialsSection({ personId, view, canEdit }: { personId: string; view: PersonCredentialsView; canEdit: boolean }) {
	const { t } = useTranslation()
	return (
		<section className="card" id="credentials" data-testid="person-credentials">
			<div className="page-head">
				<h2>{t('credentials:title')}</h2>
				{canEdit ? (
					<Link className="btn" to={`/roster/${personId}/credentials`}>
						{t('credentials:add')}
					</Link>
				) : null}
			</div>
			{view.missing.length ? (
				<p className="alert alert-error" data-testid="credential-missing">
					{t('credentials:missing', { types: view.missing.map((m) => t(`credentials:type.${m}`)).join('、') })}
				</p>
			) : null}
			{view.credentials.length ? (
				<ul className="list">
					{view.credentials.map((c) => (
						<li key={c.id}>
							<div className="row">
								<span className="row-main">
									<span className="row-title">{t(`credentials:type.${c.type}`)}</span>
									<span className="row-sub">
										{displayCredentialNumber(c.number)} · {c.issuer} · {c.issueDate} – {c.expiryDate}
										{c.nextReviewDate ? ` · ${t('credentials:nextReviewDate')} ${c.nextReviewDate}` : ''}
									</span>
									{c.status.due ? <span className="row-sub">{dueText(t, c.status)}</span> : null}
								</span>
								<span className="actions">
									<CredentialBadge state={c.status.state} />
									{canEdit ? (
										<Link className="btn" to={`/roster/${personId}/credentials/${c.id}`} aria-label={`${t('edit')} ${t(`credentials:type.${c.type}`)}`}>
											{t('edit')}
										</Link>
									) : null}
								</span>
							</div>
						</li>
					))}
				</ul>
			) : (
				<p className="muted">{t('credentials:none')}</p>
			)}
			<h3>{t('credentials:required')}</h3>
			<p className="field-hint">{t('credentials:requiredHint')}</p>
			{view.required.length ? (
				<ul className="chips">
					{view.required.map((type) => (
						<li key={type}>
							<span>{t(`credentials:type.${type}`)}</span>
							{canEdit ? (
								<Form method="post" action={`/roster/${personId}/credentials`}>
									<input type="hidden" name="type" value={type} />
									<button type="submit" name="intent" value="removeRequirement" className="btn-link" aria-label={`${t('credentials:removeRequirement')} ${t(`credentials:type.${type}`)}`}>
										{t('credentials:removeRequirement')}
									</button>
								</Form>
							) : null}
						</li>
					))}
				</ul>
			) : (
				<p className="muted">{t('none')}</p>
			)}
			{canEdit ? (
				<Form method="post" action={`/roster/${personId}/credentials`} className="inline-form">
					<CredentialTypeSelect label={t('credentials:addRequirement')} exclude={view.required} />
					<button type="submit" name="intent" value="addRequirement" className="btn">
						{t('credentials:addRequirement')}
					</button>
				</Form>
			) : null}
		</section>
	)
}

type RemindersView = {
	items: { id: string; type: string; person: { id: string; name: string }; status: { state: CredentialState; due: string | null; days: number | null; urgent: boolean } }[]
	counts: { invalid: number; urgent: number; soon: number; missing: number }
}

/** Manager home: credentials expiring or due for review within 90 days (30 urgent), invalid ones, gaps. */
export function CredentialRemindersCard({ data }: { data: RemindersView }) {
	const { t } = useTranslation()
	const c = data.counts
	return (
		<section className="card" data-testid="credential-reminders">
			<div className="page-head">
				<h2>{t('credentials:reminders')}</h2>
				<Link to="/credentials">{t('credentials:viewAll')}</Link>
			</div>
			{c.invalid + c.urgent + c.soon + c.missing === 0 ? (
				<p className="muted">{t('credentials:remindersNone')}</p>
			) : (
				<>
					<div className="grid">
						<Link className="stat" to="/credentials?show=MISSING">
							<strong>{c.missing}</strong>
							<span>{t('credentials:countMissing')}</span>
						</Link>
						<Link className="stat" to="/credentials">
							<strong>{c.invalid}</strong>
							<span>{t('credentials:countInvalid')}</span>
						</Link>
						<Link className="stat" to="/credentials">
							<strong>{c.urgent}</strong>
							<span>{t('credentials:countUrgent')}</span>
						</Link>
						<Link className="stat" to="/credentials">
							<strong>{c.soon}</strong>
							<span>{t('credentials:countSoon')}</span>
						</Link>
					</div>
					{data.items.length ? (
						<ul className="list" style={{ marginTop: 12 }}>
							{data.items.map((i) => (
								<li key={i.id}>
									<Link className="row" to={`/roster/${i.person.id}#credentials`}>
										<span className="row-main">
											<span className="row-title">
												{i.person.name} · {t(`credentials:type.${i.type}`)}
											</span>
											<span className="row-sub">{dueText(t, i.status)}</span>
										</span>
										<CredentialBadge state={i.status.state} />
									</Link>
								</li>
							))}
						</ul>
					) : null}
				</>
			)}
		</section>
	)
}

/** Worker home: a way to the person's certificates. */
export function MyCertificatesCard({ count }: { count: number }) {
	const { t } = useTranslation()
	return (
		<section className="card" data-testid="home-certificates">
			<div className="page-head">
				<h2>{t('certificates:mine')}</h2>
				<strong>{count}</strong>
			</div>
			<Link className="btn btn-block" to="/certificates">
				{t('certificates:mine')}
			</Link>
		</section>
	)
}

type HiddenDangerView = {
	gaps: { person: { id: string; name: string; post: string }; missing: string[] }[]
	invalid: { person: { id: string; name: string; post: string }; type: string; state: CredentialState; due: string | null }[]
	required: number
}

/** Inspector's enterprise view: hidden-danger item 2 (special-trade operators without valid certificates). */
export function CredentialHiddenDangerCard({ data }: { data: HiddenDangerView }) {
	const { t } = useTranslation()
	const bad = data.gaps.length > 0
	return (
		<section className="card" data-testid="hidden-danger-2">
			<h2>{t('credentials:hiddenDanger')}</h2>
			<p className={bad ? 'alert alert-error' : 'alert alert-success'}>
				{bad ? t('credentials:hiddenDangerCount', { count: data.gaps.length }) : t('credentials:hiddenDangerNone')}
			</p>
			{bad ? (
				<ul className="list">
					{data.gaps.map((g) => (
						<li key={g.person.id}>
							<div className="row">
								<span className="row-main">
									<span className="row-title">{g.person.name}</span>
									<span className="row-sub">{[g.person.post, g.missing.map((m) => t(`credentials:type.${m}`)).join('、')].filter(Boolean).join(' · ')}</span>
								</span>
								<span className="badge badge-bad">{t('credentials:flag.MISSING')}</span>
							</div>
						</li>
					))}
				</ul>
			) : null}
			{data.invalid.length ? (
				<>
					<h3>{t('credentials:hiddenDangerInvalid')}</h3>
					<ul className="list">
						{data.invalid.map((i) => (
							<li key={`${i.person.id}-${i.type}`}>
								<div className="row">
									<span className="row-main">
										<span className="row-title">
											{i.person.name} · {t(`credentials:type.${i.type}`)}
										</span>
										<span className="row-sub">{i.due}</span>
									</span>
									<CredentialBadge state={i.state} />
								</div>
							</li>
						))}
					</ul>
				</>
			) : null}
			<p className="field-hint">{t('credentials:hiddenDangerNote', { count: data.required })}</p>
		</section>
	)
}
