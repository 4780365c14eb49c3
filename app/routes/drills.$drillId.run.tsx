/**
 * Drill mode on a phone: a big stopwatch from the alarm, "area clear" and "last person at the
 * assembly point" marks, headcount, missing people, notes.
 *
 * Without JavaScript every button is a plain form post and the server stamps its own time.
 * With JavaScript a tap is stamped on the phone, put in a localStorage queue and sent to
 * /drills/:id/run/sync with its age; the queue survives reloads and lost connections and is
 * retried until the server has it (see useRunQueue below).
 */
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState, type FormEvent, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { DrillStatusBadge, personLabel } from '~/components/drills.tsx'
import { FormErrors } from '~/components/form.tsx'
import { formatElapsed, MARKS, shanghaiClock, stepAllowed, type Mark } from '~/domain/drills.ts'
import {
	addMissing,
	addNote,
	finishRun,
	getDrill,
	getPickablePeople,
	HeadcountSchema,
	MarkSchema,
	MissingSchema,
	NoteSchema,
	recordMark,
	removeMissing,
	setHeadcount,
	undoMark,
} from '~/domain/drills.server.ts'
import { requireActor } from '~/utils/auth.server.ts'
import { flashHeaders } from '~/utils/flash.server.ts'
import { formFailure, parseForm, type Msg } from '~/utils/forms.ts'
import { drillErrorResponse } from './drills.server.ts'
import { readFormData } from '~/utils/request.server.ts'

export const handle = { title: 'drills:run.title' }

export async function loader({ request, params }: LoaderFunctionArgs) {
	const actor = await requireActor(request)
	try {
		const view = await getDrill(actor, params.drillId!)
		if (!view.can.run) throw new Response('Forbidden', { status: 403 })
		const url = new URL(request.url)
		const q = url.searchParams.get('q')?.trim().slice(0, 30) || undefined
		const department = url.searchParams.get('dept')?.slice(0, 40) || undefined
		const picking = stepAllowed(view.drill.status, 'missing') && (q || department || url.searchParams.has('pick'))
		const pick = picking ? await getPickablePeople(view.drill.enterpriseId, { q, department }, 30) : null
		const departments = stepAllowed(view.drill.status, 'missing') ? (await getPickablePeople(view.drill.enterpriseId, {}, 0)).departments : []
		return { drill: view.drill, pick: pick?.people ?? null, departments, serverNow: Date.now() }
	} catch (e) {
		throw drillErrorResponse(e)
	}
}

const IntentSchema = z.object({ intent: z.enum(['mark', 'undo', 'headcount', 'note', 'addMissing', 'removeMissing', 'finish']) })

export async function action({ request, params }: ActionFunctionArgs) {
	const actor = await requireActor(request)
	const drillId = params.drillId!
	const form = await readFormData(request)
	const intent = parseForm(IntentSchema, form)
	if (!intent.ok) return data(intent, { status: 400 })
	const url = new URL(request.url)
	const back = async (key: string, values?: Msg['values']) => redirect(`/drills/${drillId}/run${url.search}`, { headers: await flashHeaders({ key, values }) })
	try {
		switch (intent.data.intent) {
			case 'mark': {
				const p = parseForm(MarkSchema, form)
				if (!p.ok) return data(p, { status: 400 })
				// A plain form post: the server's clock is the time of the tap.
				const r = await recordMark(actor, drillId, p.data.mark, null)
				return back(r.already ? 'drills:run.alreadyMarked' : `drills:run.marked.${p.data.mark}`)
			}
			case 'undo': {
				const p = parseForm(MarkSchema, form)
				if (!p.ok) return data(p, { status: 400 })
				await undoMark(actor, drillId, p.data.mark)
				return back('drills:run.undone')
			}
			case 'headcount': {
				const p = parseForm(HeadcountSchema, form)
				if (!p.ok) return data(p, { status: 400 })
				await setHeadcount(actor, drillId, p.data)
				return back('common:saved')
			}
			case 'note': {
				const p = parseForm(NoteSchema, form)
				if (!p.ok) return data(p, { status: 400 })
				await addNote(actor, drillId, { ...p.data, ageMs: undefined })
				return back('drills:run.noteAdded')
			}
			case 'addMissing': {
				const p = parseForm(MissingSchema, form)
				if (!p.ok) return data(p, { status: 400 })
				const person = await addMissing(actor, drillId, p.data)
				return back('drills:run.missingAdded', { name: person.name })
			}
			case 'removeMissing': {
				const personId = form.get('personId')
				if (typeof personId !== 'string' || !personId) return data(formFailure(null, 'errors:invalid'), { status: 400 })
				await removeMissing(actor, drillId, personId)
				return back('drills:run.missingRemoved')
			}
			case 'finish':
				await finishRun(actor, drillId)
				return redirect(`/drills/${drillId}#evaluation`, { headers: await flashHeaders({ key: 'drills:run.finished' }) })
		}
	} catch (e) {
		return drillErrorResponse(e)
	}
}

// ── The offline queue ─────────────────────────────────────────────────────────────────────

const QUEUE_KEY = 'anxun.drillQueue.v1'

type QueueItem = {
	id: string
	drillId: string
	type: 'mark' | 'note' | 'headcount'
	mark?: Mark
	text?: string
	expected?: string
	accounted?: string
	/** The phone's clock at the tap; only ever compared with the same phone's clock. */
	tappedAt: number
}

function readQueue(): QueueItem[] {
	try {
		const v = JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]')
		return Array.isArray(v) ? v : []
	} catch {
		return []
	}
}

function writeQueue(items: QueueItem[]) {
	try {
		localStorage.setItem(QUEUE_KEY, JSON.stringify(items))
	} catch {
		// Storage full or blocked (private mode): the in-memory copy still gets sent.
	}
}

function newId(): string {
	const c = globalThis.crypto
	return c && 'randomUUID' in c ? c.randomUUID().replace(/-/g, '') : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`
}

/**
 * Queue a tap, then send everything queued for this drill in order. A 4xx answer is final (the
 * item is dropped and the message shown); no answer, 401 or 5xx keeps it and retries with
 * back-off and whenever the browser says it is online again.
 */
function useRunQueue(drillId: string) {
	const revalidator = useRevalidator()
	const [pending, setPending] = useState<QueueItem[]>([])
	const [problem, setProblem] = useState<string | null>(null)
	const [offline, setOffline] = useState(false)
	const [ready, setReady] = useState(false)
	/** Server times of marks the server confirmed, until the page data catches up. */
	const [acked, setAcked] = useState<Partial<Record<Mark, number>>>({})
	const flushing = useRef(false)
	const retryDelay = useRef(2000)
	const timer = useRef<ReturnType<typeof setTimeout>>()
	const memory = useRef<QueueItem[]>([])

	const load = useCallback(() => {
		const stored = readQueue()
		const ids = new Set(stored.map((i) => i.id))
		// Items only in memory (storage blocked) are kept too.
		const all = [...stored, ...memory.current.filter((i) => !ids.has(i.id))]
		memory.current = all
		setPending(all.filter((i) => i.drillId === drillId))
		return all
	}, [drillId])

	const remove = useCallback(
		(id: string) => {
			const rest = readQueue().filter((i) => i.id !== id)
			memory.current = memory.current.filter((i) => i.id !== id)
			writeQueue(rest)
			load()
		},
		[load],
	)

	const flush = useCallback(async () => {
		if (flushing.current) return
		flushing.current = true
		clearTimeout(timer.current)
		let changed = false
		try {
			// One item at a time, re-reading the queue: taps made meanwhile are picked up too.
			for (;;) {
				const item = load().find((i) => i.drillId === drillId)
				if (!item) break
				const body = new URLSearchParams({ type: item.type, clientId: item.id, ageMs: String(Math.max(0, Date.now() - item.tappedAt)) })
				if (item.mark) body.set('mark', item.mark)
				if (item.text !== undefined) body.set('text', item.text)
				if (item.expected !== undefined) body.set('expected', item.expected)
				if (item.accounted !== undefined) body.set('accounted', item.accounted)
				let res: Response
				try {
					res = await fetch(`/drills/${drillId}/run/sync`, { method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin' })
				} catch {
					res = new Response(null, { status: 599 })
				}
				const json = (res.headers.get('content-type') ?? '').includes('application/json')
					? ((await res.json().catch(() => null)) as { ok?: boolean; message?: string; mark?: Mark; at?: string } | null)
					: null
				if (res.ok && json?.ok) {
					if (json.mark && json.at) setAcked((a) => ({ ...a, [json.mark!]: Date.parse(json.at!) }))
					remove(item.id)
					changed = true
					continue
				}
				if (json && res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 429) {
					remove(item.id)
					setProblem(json.message ?? null)
					changed = true
					continue
				}
				setOffline(true)
				timer.current = setTimeout(() => void flush(), retryDelay.current)
				retryDelay.current = Math.min(retryDelay.current * 2, 30_000)
				return
			}
			setOffline(false)
			retryDelay.current = 2000
		} finally {
			flushing.current = false
			if (changed) revalidator.revalidate()
		}
	}, [drillId, load, remove, revalidator])

	const enqueue = useCallback(
		(item: Omit<QueueItem, 'id' | 'drillId' | 'tappedAt'>) => {
			const full: QueueItem = { ...item, id: newId(), drillId, tappedAt: Date.now() }
			memory.current = [...memory.current, full]
			writeQueue([...readQueue(), full])
			setProblem(null)
			load()
			void flush()
		},
		[drillId, flush, load],
	)

	useEffect(() => {
		setReady(true)
		load()
		void flush()
		const online = () => void flush()
		window.addEventListener('online', online)
		return () => {
			window.removeEventListener('online', online)
			clearTimeout(timer.current)
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [drillId])

	return { ready, pending, problem, offline, enqueue, acked }
}

function useNow(active: boolean) {
	const [now, setNow] = useState(() => Date.now())
	useEffect(() => {
		if (!active) return
		const id = setInterval(() => setNow(Date.now()), 250)
		return () => clearInterval(id)
	}, [active])
	return now
}

// ── Page ──────────────────────────────────────────────────────────────────────────────────

export default function RunPage() {
	const { drill: d, pick, departments, serverNow } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const errors = actionData && !actionData.ok ? actionData : undefined
	const { t } = useTranslation()
	const [params] = useSearchParams()
	const queue = useRunQueue(d.id)

	// Server clock minus phone clock, measured when the data arrived.
	const skew = useRef(0)
	useEffect(() => {
		skew.current = serverNow - Date.now()
	}, [serverNow])

	const pendingMark = (m: Mark) => queue.pending.find((i) => i.type === 'mark' && i.mark === m)
	const field = { alarm: d.alarmAt, clear: d.clearedAt, assembled: d.assembledAt } as const
	/** A mark as an instant on the phone's clock: the server's (corrected for skew) or the queued tap. */
	const markLocal = (m: Mark): number | null => {
		const s = field[m]?.getTime() ?? queue.acked[m]
		if (s !== undefined) return s - skew.current
		return pendingMark(m)?.tappedAt ?? null
	}
	const alarm = markLocal('alarm')
	const assembled = markLocal('assembled')
	const running = d.status === 'RUNNING' || (d.status === 'PLANNED' && !!pendingMark('alarm'))
	const now = useNow(queue.ready && running && !assembled)
	const elapsed = alarm === null ? 0 : (assembled ?? (queue.ready ? now : serverNow)) - alarm

	const onMark = (m: Mark) => (e: MouseEvent<HTMLButtonElement>) => {
		if (!queue.ready) return
		e.preventDefault()
		if (markLocal(m) !== null) return
		queue.enqueue({ type: 'mark', mark: m })
	}
	const onNote = (e: FormEvent<HTMLFormElement>) => {
		if (!queue.ready) return
		e.preventDefault()
		const form = e.currentTarget
		const text = String(new FormData(form).get('text') ?? '').trim()
		if (!text) return
		queue.enqueue({ type: 'note', text })
		form.reset()
	}
	const onHeadcount = (e: FormEvent<HTMLFormElement>) => {
		if (!queue.ready) return
		e.preventDefault()
		const f = new FormData(e.currentTarget)
		queue.enqueue({ type: 'headcount', expected: String(f.get('expected') ?? ''), accounted: String(f.get('accounted') ?? '') })
	}

	const markTime = (m: Mark) => {
		const ackedAt = (x: Mark) => (queue.acked[x] !== undefined ? new Date(queue.acked[x]!) : null)
		const s = field[m] ?? ackedAt(m)
		const serverAlarm = d.alarmAt ?? ackedAt('alarm')
		if (s && serverAlarm) return `${shanghaiClock(s)} · +${formatElapsed(s.getTime() - serverAlarm.getTime())}`
		const p = pendingMark(m)
		if (p && alarm !== null) return `+${formatElapsed(p.tappedAt - alarm)} · ${t('drills:run.queued')}`
		return null
	}
	const canMark = d.status === 'RUNNING' || d.status === 'PLANNED'
	const pendingNotes = queue.pending.filter((i) => i.type === 'note')
	const pendingHead = queue.pending.filter((i) => i.type === 'headcount').at(-1)
	const gap = d.headcountExpected !== null && d.headcountAccounted !== null ? d.headcountExpected - d.headcountAccounted : null
	const missingAllowed = stepAllowed(d.status, 'missing')
	const pickQuery = params.toString() ? `?${params}` : ''

	return (
		<div className="drill-run">
			<p>
				<Link to={`/drills/${d.id}`}>← {t('drills:detail.back')}</Link>
			</p>
			<div className="page-head">
				<h1>{d.area.name}</h1>
				<DrillStatusBadge status={d.status} />
			</div>
			<FormErrors errors={errors?.formErrors} />
			{queue.problem ? <p className="alert alert-error" role="alert">{queue.problem}</p> : null}
			{queue.pending.length ? (
				<p className={`alert ${queue.offline ? 'alert-warning' : 'alert-info'}`} role="status" data-testid="queue-status">
					{t(queue.offline ? 'drills:run.offlineQueued' : 'drills:run.sending', { count: queue.pending.length })}
				</p>
			) : null}

			<section className="drill-stopwatch" aria-live="off">
				<span className="drill-stopwatch-label">{t(assembled ? 'drills:run.totalTime' : 'drills:run.sinceAlarm')}</span>
				<output className="drill-stopwatch-time" data-testid="stopwatch" suppressHydrationWarning>
					{formatElapsed(elapsed)}
				</output>
				{d.alarmAt ? <span className="drill-stopwatch-sub">{t('drills:run.alarmAt', { time: shanghaiClock(d.alarmAt) })}</span> : null}
			</section>

			{canMark ? (
				<form method="post" action={`/drills/${d.id}/run`} className="drill-marks">
					<input type="hidden" name="intent" value="mark" />
					{MARKS.map((m) => {
						const time = markTime(m)
						const done = time !== null
						const disabled = done || (m !== 'alarm' && alarm === null)
						return (
							<div key={m} className="drill-mark">
								<button
									type="submit"
									name="mark"
									value={m}
									className={`btn btn-block drill-mark-btn drill-mark-${m}${done ? ' is-done' : ''}`}
									disabled={disabled}
									onClick={onMark(m)}
									data-testid={`mark-${m}`}
								>
									{done ? '✓ ' : ''}
									{t(`drills:run.button.${m}`)}
								</button>
								{time ? (
									<span className="drill-mark-time" data-testid={`mark-${m}-time`}>
										{t(`drills:run.${m === 'clear' ? 'clear' : m}`)}: {time}
									</span>
								) : null}
							</div>
						)
					})}
				</form>
			) : null}
			{d.status === 'RUNNING' && (d.clearedAt || d.assembledAt) ? (
				<Form method="post" className="drill-undo">
					<input type="hidden" name="intent" value="undo" />
					{d.clearedAt ? (
						<button type="submit" name="mark" value="clear" className="btn-link small">
							{t('drills:run.undo.clear')}
						</button>
					) : null}
					{d.assembledAt ? (
						<button type="submit" name="mark" value="assembled" className="btn-link small">
							{t('drills:run.undo.assembled')}
						</button>
					) : null}
				</Form>
			) : null}

			{stepAllowed(d.status, 'headcount') || pendingMark('alarm') ? (
				<section className="card" data-testid="headcount-card">
					<h2>{t('drills:run.headcount')}</h2>
					<p data-testid="headcount">
						{t('drills:run.headcountValue', {
							accounted: pendingHead ? pendingHead.accounted || '—' : (d.headcountAccounted ?? '—'),
							expected: pendingHead ? pendingHead.expected || '—' : (d.headcountExpected ?? '—'),
						})}
						{gap !== null && gap > 0 ? ` · ${t('drills:run.gap', { count: gap })}` : ''}
					</p>
					<form method="post" action={`/drills/${d.id}/run`} onSubmit={onHeadcount} className="drill-two" noValidate>
						<input type="hidden" name="intent" value="headcount" />
						<div className="field">
							<label htmlFor="hc-expected">{t('drills:run.expected')}</label>
							<input id="hc-expected" name="expected" type="number" inputMode="numeric" min={0} defaultValue={d.headcountExpected ?? d.expectedParticipants ?? ''} />
						</div>
						<div className="field">
							<label htmlFor="hc-accounted">{t('drills:run.accounted')}</label>
							<input
								id="hc-accounted"
								name="accounted"
								type="number"
								inputMode="numeric"
								min={0}
								defaultValue={d.headcountAccounted ?? ''}
								aria-invalid={errors?.fieldErrors?.accounted ? true : undefined}
							/>
						</div>
						{errors?.fieldErrors?.accounted || errors?.fieldErrors?.expected ? (
							<p className="field-error wide" role="alert">
								{[...(errors.fieldErrors.expected ?? []), ...(errors.fieldErrors.accounted ?? [])].map((m) => t(m.key, m.values ?? {})).join(' ')}
							</p>
						) : null}
						<button type="submit" className="btn btn-block wide">
							{t('drills:run.saveHeadcount')}
						</button>
					</form>
				</section>
			) : null}

			{missingAllowed ? (
				<section className="card" data-testid="missing-card">
					<h2>{t('drills:run.missing')}</h2>
					{d.missing.length ? (
						<ul className="list" data-testid="missing-list">
							{d.missing.map((m) => (
								<li key={m.personId}>
									<div className="row">
										<span className="row-main">
											<span className="row-title">{m.person.name}</span>
											<span className="row-sub">{[m.person.department?.name, m.person.post, m.note].filter(Boolean).join(' · ')}</span>
										</span>
										<Form method="post">
											<input type="hidden" name="intent" value="removeMissing" />
											<input type="hidden" name="personId" value={m.personId} />
											<button type="submit" className="btn">
												{t('drills:run.found')}
											</button>
										</Form>
									</div>
								</li>
							))}
						</ul>
					) : (
						<p className="muted">{t('drills:run.noneMissing')}</p>
					)}
					{gap !== null && gap !== d.missing.length ? <p className="alert alert-warning small">{t('drills:run.gapMismatch', { gap, names: d.missing.length })}</p> : null}
					<h3>{t('drills:run.addMissing')}</h3>
					<p className="muted small">{t('drills:run.pickHint')}</p>
					<Form method="get" className="filters" role="search">
						<input type="hidden" name="pick" value="1" />
						<div className="field">
							<label htmlFor="pick-dept">{t('roster:department')}</label>
							<select id="pick-dept" name="dept" defaultValue={params.get('dept') ?? ''}>
								<option value="">{t('all')}</option>
								{departments.map((dep) => (
									<option key={dep.id} value={dep.id}>
										{dep.name}
									</option>
								))}
							</select>
						</div>
						<div className="field">
							<label htmlFor="pick-q">{t('drills:run.searchName')}</label>
							<input id="pick-q" name="q" type="search" defaultValue={params.get('q') ?? ''} />
						</div>
						<button type="submit" className="btn wide">
							{t('search')}
						</button>
					</Form>
					{pick ? (
						pick.length ? (
							<ul className="list" data-testid="pick-list">
								{pick.map((p) => {
									const already = d.missing.some((m) => m.personId === p.id)
									return (
										<li key={p.id}>
											<Form method="post" action={`/drills/${d.id}/run${pickQuery}`} className="row">
												<input type="hidden" name="intent" value="addMissing" />
												<input type="hidden" name="personId" value={p.id} />
												<span className="row-main">
													<span className="row-title">{p.name}</span>
													<span className="row-sub">{personLabel(p).slice(p.name.length)}</span>
												</span>
												<button type="submit" className="btn" disabled={already} aria-label={t('drills:run.markMissingFor', { name: p.name })}>
													{t(already ? 'drills:run.isMissing' : 'drills:run.markMissing')}
												</button>
											</Form>
										</li>
									)
								})}
							</ul>
						) : (
							<p className="muted">{t('drills:run.noMatch')}</p>
						)
					) : null}
				</section>
			) : null}

			{stepAllowed(d.status, 'notes') || pendingMark('alarm') ? (
				<section className="card" data-testid="notes-card">
					<h2>{t('drills:run.notes')}</h2>
					<ul className="drill-notes" data-testid="notes">
						{d.notes.map((n) => (
							<li key={n.id}>
								<span className="drill-note-time">{shanghaiClock(n.at)}</span> {n.text}
							</li>
						))}
						{pendingNotes.map((n) => (
							<li key={n.id} className="is-pending">
								<span className="drill-note-time">{t('drills:run.queued')}</span> {n.text}
							</li>
						))}
					</ul>
					<form method="post" action={`/drills/${d.id}/run`} onSubmit={onNote} noValidate>
						<input type="hidden" name="intent" value="note" />
						<div className="field">
							<label htmlFor="note-text">{t('drills:run.noteLabel')}</label>
							<textarea id="note-text" name="text" maxLength={500} rows={2} />
							{errors?.fieldErrors?.text ? (
								<p className="field-error" role="alert">
									{errors.fieldErrors.text.map((m) => t(m.key, m.values ?? {})).join(' ')}
								</p>
							) : null}
						</div>
						<button type="submit" className="btn btn-block">
							{t('drills:run.addNote')}
						</button>
					</form>
				</section>
			) : null}

			{d.status === 'RUNNING' ? (
				<Form method="post" className="card">
					<p className="muted small">{t('drills:run.finishHint')}</p>
					<button type="submit" name="intent" value="finish" className="btn btn-primary btn-block" disabled={queue.pending.length > 0} data-testid="finish">
						{t('drills:run.finish')}
					</button>
				</Form>
			) : null}
			{d.status === 'EVALUATING' ? (
				<Link className="btn btn-primary btn-block" to={`/drills/${d.id}#evaluation`}>
					{t('drills:run.toEvaluation')}
				</Link>
			) : null}
		</div>
	)
}
