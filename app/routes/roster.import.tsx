import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormErrors, useMsg } from '~/components/form.tsx'
import { MAX_IMPORT_ROWS, type ImportRow, type RowError } from '~/domain/roster-import.ts'
import { checkImport, commitImport } from '~/domain/roster-import.server.ts'
import { readRosterFile } from '~/domain/roster-file.server.ts'
import { shanghaiDate } from '~/domain/time.ts'
import { requireEnterpriseRole } from '~/utils/auth.server.ts'
import { db } from '~/utils/db.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { formFailure, type Msg } from '~/utils/forms.ts'
import { getT } from '~/utils/i18n.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'roster:import' }

export async function loader({ request }: LoaderFunctionArgs) {
	await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const url = new URL(request.url)
	if (url.searchParams.get('template') === 'csv') {
		const { t } = await getT(request)
		const cols = ['name', 'mobile', 'idCard', 'employmentType', 'contractor', 'department', 'post', 'hireDate']
		const header = cols.map((c) => t(`rosterImport:columns.${c}`)).join(',')
		return new Response(`\uFEFF${header}\r\n`, {
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': `attachment; filename="roster-template.csv"; filename*=UTF-8''${encodeURIComponent(t('rosterImport:templateFile'))}.csv`,
			},
		})
	}
	return { maxRows: MAX_IMPORT_ROWS }
}

const PayloadSchema = z.object({
	header: z.array(z.string().max(200)).max(60),
	rows: z.array(z.object({ line: z.number().int().min(1), cells: z.array(z.string().max(500)).max(60) })).max(MAX_IMPORT_ROWS),
})

type CheckResult =
	| { ok: false; stage: 'errors'; fileErrors: Msg[]; rowErrors: RowError[] }
	| { ok: true; stage: 'preview'; count: number; sample: ImportRow[]; payload: string; names: { departments: Record<string, string>; contractors: Record<string, string> } }

export async function action({ request }: ActionFunctionArgs) {
	const actor = await requireEnterpriseRole(request, 'SAFETY_MANAGER')
	const form = await readFormData(request)
	const intent = form.get('intent')
	const today = shanghaiDate(new Date())

	if (intent === 'commit') {
		let payload: z.infer<typeof PayloadSchema>
		try {
			payload = PayloadSchema.parse(JSON.parse(String(form.get('payload') ?? '')))
		} catch {
			return data(formFailure(null, 'rosterImport:payloadExpired'), { status: 400 })
		}
		// Everything is checked again: the roster may have changed since the preview.
		const result = await checkImport(actor, payload.header, payload.rows, today)
		if (!result.ok) return data({ ok: false as const, stage: 'errors' as const, fileErrors: result.fileErrors, rowErrors: result.rowErrors }, { status: 400 })
		const count = await commitImport(actor, result.rows)
		return redirect('/roster', { headers: await flashHeaders({ key: 'rosterImport:summary.imported', values: { count } }) })
	}

	const file = form.get('file')
	if (!(file instanceof File) || file.size === 0) return data(formFailure('file', 'rosterImport:noFile'), { status: 400 })
	const read = await readRosterFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })
	if (!read.ok) return data({ ok: false as const, stage: 'errors' as const, fileErrors: [read.msg], rowErrors: [] }, { status: 400 })
	const result = await checkImport(actor, read.header, read.rows, today)
	if (!result.ok) return data({ ok: false as const, stage: 'errors' as const, fileErrors: result.fileErrors, rowErrors: result.rowErrors } satisfies CheckResult, { status: 400 })
	const [departments, contractors] = await Promise.all([
		db.department.findMany({ where: { enterpriseId: actor.enterpriseId }, select: { id: true, name: true } }),
		db.contractorCompany.findMany({ where: { enterpriseId: actor.enterpriseId }, select: { id: true, name: true } }),
	])
	return data({
		ok: true as const,
		stage: 'preview' as const,
		count: result.rows.length,
		sample: result.rows.slice(0, 20),
		payload: JSON.stringify({ header: read.header, rows: read.rows }),
		names: {
			departments: Object.fromEntries(departments.map((d) => [d.id, d.name])),
			contractors: Object.fromEntries(contractors.map((c) => [c.id, c.name])),
		},
	} satisfies CheckResult)
}

export default function RosterImport() {
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const msg = useMsg()
	const busy = useNavigation().state === 'submitting'
	const result = actionData && 'stage' in actionData ? actionData : null
	const failure = actionData && !('stage' in actionData) && !actionData.ok ? actionData : null
	return (
		<>
			<p>
				<Link to="/roster">← {t('roster:title')}</Link>
			</p>
			<h1>{t('roster:import')}</h1>
			{result?.stage === 'preview' ? (
				<section className="card" data-testid="import-preview">
					<div className="alert alert-success" role="status">
						{t('rosterImport:summary.ready', { count: result.count })}
					</div>
					<div className="table-wrap">
						<table>
							<thead>
								<tr>
									<th>{t('rosterImport:line')}</th>
									<th>{t('rosterImport:columns.name')}</th>
									<th>{t('rosterImport:columns.mobile')}</th>
									<th>{t('rosterImport:columns.employmentType')}</th>
									<th>{t('rosterImport:columns.department')}</th>
									<th>{t('rosterImport:columns.post')}</th>
								</tr>
							</thead>
							<tbody>
								{result.sample.map((r) => (
									<tr key={r.line}>
										<td>{r.line}</td>
										<td>{r.name}</td>
										<td>{r.mobile}</td>
										<td>
											{t(`employmentType.${r.employmentType}`)}
											{r.contractorId ? ` · ${result.names.contractors[r.contractorId] ?? ''}` : ''}
										</td>
										<td>{r.departmentId ? result.names.departments[r.departmentId] : ''}</td>
										<td>{r.post}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
					{result.count > result.sample.length ? <p className="muted small">{t('rosterImport:moreRows', { count: result.count - result.sample.length })}</p> : null}
					<Form method="post" className="actions" style={{ marginTop: 12 }}>
						<input type="hidden" name="payload" value={result.payload} />
						<button type="submit" name="intent" value="commit" className="btn btn-primary" disabled={busy}>
							{t('rosterImport:confirm', { count: result.count })}
						</button>
						<Link to="/roster/import" className="btn">
							{t('cancel')}
						</Link>
					</Form>
				</section>
			) : null}
			{result?.stage === 'errors' ? (
				<section className="card" data-testid="import-errors">
					<div className="alert alert-error" role="alert">
						{t('rosterImport:summary.failed', { count: result.fileErrors.length + result.rowErrors.length })}
					</div>
					{result.fileErrors.map((e, i) => (
						<p key={i} className="field-error">
							{msg(e)}
						</p>
					))}
					{result.rowErrors.length ? (
						<ul className="list">
							{result.rowErrors.map((e, i) => (
								<li key={i}>
									<div className="row">
										<span className="row-main">
											<span className="row-title">{t('rosterImport:rowPrefix', { line: e.line })}</span>
											<span className="row-sub">{msg(e.msg)}</span>
										</span>
									</div>
								</li>
							))}
						</ul>
					) : null}
				</section>
			) : null}
			{result?.stage !== 'preview' ? (
				<Form method="post" encType="multipart/form-data" className="card">
					<FormErrors errors={failure?.formErrors} />
					<div className="field">
						<label htmlFor="roster-file">{t('rosterImport:chooseFile')}</label>
						<input
							id="roster-file"
							name="file"
							type="file"
							required
							accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
							aria-invalid={failure?.fieldErrors.file ? true : undefined}
						/>
						{failure?.fieldErrors.file ? <p className="field-error">{msg(failure.fieldErrors.file[0]!)}</p> : null}
					</div>
					<button type="submit" name="intent" value="check" className="btn btn-primary btn-block" disabled={busy}>
						{t('rosterImport:check')}
					</button>
					<p className="field-hint">{t('rosterImport:nothingUntilClean')}</p>
				</Form>
			) : null}
			<section className="card">
				<h2>{t('rosterImport:howTo')}</h2>
				<ul>
					<li>{t('rosterImport:help.formats', { max: MAX_IMPORT_ROWS })}</li>
					<li>{t('rosterImport:help.required')}</li>
					<li>{t('rosterImport:help.contractor')}</li>
					<li>{t('rosterImport:help.dates')}</li>
					<li>{t('rosterImport:help.text')}</li>
					<li>{t('rosterImport:help.reimport')}</li>
				</ul>
				<p>
					<a href="/roster/import?template=csv" download>
						{t('rosterImport:downloadTemplate')}
					</a>
				</p>
			</section>
		</>
	)
}
