import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import type { FieldErrors, Msg } from '~/utils/forms.ts'

export function useMsg() {
	const { t } = useTranslation()
	return (m: Msg) => t(m.key, m.values ?? {})
}

function ErrorText({ id, errors }: { id: string; errors?: Msg[] }) {
	const msg = useMsg()
	if (!errors?.length) return null
	return (
		<p id={id} className="field-error" role="alert">
			{errors.map(msg).join(' ')}
		</p>
	)
}

type FieldProps = {
	label: ReactNode
	name: string
	errors?: FieldErrors
	hint?: ReactNode
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>

/** A labelled input whose hint and errors are tied to it for screen readers. */
export function Field({ label, name, errors, hint, ...input }: FieldProps) {
	const id = useId()
	const errs = errors?.[name]
	const describedBy = [hint ? `${id}-hint` : '', errs?.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			<input id={id} name={name} aria-invalid={errs?.length ? true : undefined} aria-describedby={describedBy} {...input} />
			{hint ? (
				<p id={`${id}-hint`} className="field-hint">
					{hint}
				</p>
			) : null}
			<ErrorText id={`${id}-err`} errors={errs} />
		</div>
	)
}

type SelectProps = {
	label: ReactNode
	name: string
	errors?: FieldErrors
	options: { value: string; label: string }[]
	placeholder?: string
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>

export function SelectField({ label, name, errors, options, placeholder, ...select }: SelectProps) {
	const id = useId()
	const errs = errors?.[name]
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			<select id={id} name={name} aria-invalid={errs?.length ? true : undefined} aria-describedby={errs?.length ? `${id}-err` : undefined} {...select}>
				{placeholder !== undefined ? <option value="">{placeholder}</option> : null}
				{options.map((o) => (
					<option key={o.value} value={o.value}>
						{o.label}
					</option>
				))}
			</select>
			<ErrorText id={`${id}-err`} errors={errs} />
		</div>
	)
}

export function FormErrors({ errors }: { errors?: Msg[] }) {
	const msg = useMsg()
	if (!errors?.length) return null
	return (
		<div className="alert alert-error" role="alert">
			{errors.map((e, i) => (
				<p key={i}>{msg(e)}</p>
			))}
		</div>
	)
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning' | 'error'; children: ReactNode }) {
	return (
		<div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
			{children}
		</div>
	)
}
