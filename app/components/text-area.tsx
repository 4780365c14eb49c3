import { useId, type ReactNode, type TextareaHTMLAttributes } from 'react'
import { useMsg } from '~/components/form.tsx'
import type { FieldErrors } from '~/utils/forms.ts'

/** A labelled textarea with its errors tied to it (the multi-line sibling of Field). */
export function TextAreaField({ label, name, errors, hint, ...rest }: { label: ReactNode; name: string; errors?: FieldErrors; hint?: ReactNode } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
	const id = useId()
	const msg = useMsg()
	const errs = errors?.[name]
	const describedBy = [hint ? `${id}-hint` : '', errs?.length ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			<textarea id={id} name={name} aria-invalid={errs?.length ? true : undefined} aria-describedby={describedBy} {...rest} />
			{hint ? (
				<p id={`${id}-hint`} className="field-hint">
					{hint}
				</p>
			) : null}
			{errs?.length ? (
				<p id={`${id}-err`} className="field-error" role="alert">
					{errs.map(msg).join(' ')}
				</p>
			) : null}
		</div>
	)
}
