import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { CredentialFields } from '~/components/credentials.tsx'
import { FormErrors } from '~/components/form.tsx'
import { CredentialInputSchema, deleteCredential, getCredential, updateCredential } from '~/domain/credentials.server.ts'
import { NotFoundError } from '~/domain/roster.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { parseForm } from '~/utils/forms.ts'
import { domainErrorResponse } from '~/utils/responses.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'credentials:title' }

async function load(actor: Parameters<typeof getCredential>[0], personId: string, credentialId: string) {
	const c = await getCredential(actor, credentialId, shanghaiDate(new Date()))
	// The URL's person must be the credential's person.
	if (c.personId !== personId) throw new NotFoundError()
	return c
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	try {
		const c = await load(actor, params.personId!, params.credentialId!)
		return {
			person: c.person,
			credential: { id: c.id, type: c.type, number: c.number, issuer: c.issuer, issueDate: c.issueDate, expiryDate: c.expiryDate, nextReviewDate: c.nextReviewDate, note: c.note },
		}
	} catch (e) {
		throw domainErrorResponse(e)
	}
}

const IntentSchema = z
	.object({ intent: z.enum(['update', 'delete'], { error: 'errors:invalidChoice' }), confirm: z.literal('on').optional() })
	.refine((v) => v.intent !== 'delete' || v.confirm === 'on', { message: 'credentials:confirmDelete', path: ['confirm'] })

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const form = await readFormData(request)
	const intent = parseForm(IntentSchema, form)
	if (!intent.ok) return data(intent, { status: 400 })
	const back = `/roster/${params.personId}#credentials`
	try {
		await load(actor, params.personId!, params.credentialId!)
		if (intent.data.intent === 'delete') {
			await deleteCredential(actor, params.credentialId!)
			return redirect(back, { headers: await flashHeaders({ key: 'credentials:deleted' }) })
		}
		const parsed = parseForm(CredentialInputSchema, form)
		if (!parsed.ok) return data(parsed, { status: 400 })
		await updateCredential(actor, params.credentialId!, parsed.data, shanghaiDate(new Date()))
		return redirect(back, { headers: await flashHeaders({ key: 'credentials:updated' }) })
	} catch (e) {
		return domainErrorResponse(e)
	}
}

export default function EditCredential() {
	const { person, credential } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const busy = useNavigation().state !== 'idle'
	const { t } = useTranslation()
	const errors = actionData && !actionData.ok ? actionData : undefined
	return (
		<>
			<p>
				<Link to={`/roster/${person.id}`}>← {person.name}</Link>
			</p>
			<h1>{t('credentials:editTitle', { name: person.name })}</h1>
			<FormErrors errors={errors?.formErrors} />
			<Form method="post" className="card form-narrow">
				<CredentialFields values={credential} errors={errors?.fieldErrors} typeFixed />
				<div className="actions">
					<button type="submit" name="intent" value="update" className="btn btn-primary" disabled={busy}>
						{t('credentials:save')}
					</button>
					<Link className="btn" to={`/roster/${person.id}`}>
						{t('credentials:cancel')}
					</Link>
				</div>
			</Form>
			<Form method="post" className="card">
				<h2>{t('credentials:delete')}</h2>
				<p className="field-hint">{t('credentials:deleteHint')}</p>
				<label className="check">
					<input type="checkbox" name="confirm" required /> {t('credentials:confirmDelete')}
				</label>
				{errors?.fieldErrors?.confirm ? (
					<p className="field-error" role="alert">
						{t('credentials:confirmDelete')}
					</p>
				) : null}
				<button type="submit" name="intent" value="delete" className="btn btn-danger" disabled={busy}>
					{t('credentials:delete')}
				</button>
			</Form>
		</>
	)
}
