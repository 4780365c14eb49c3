/**
 * Browser side of taking an exam: the page frame, the countdown and the save queue.
 *
 * The save queue keeps every answer the person gives in localStorage until the server has
 * acknowledged it (HTTP 200 from /exam/:id/save, sent only after the commit). One request at a
 * time, in the order given; a newer answer to the same question replaces a queued older one.
 * Offline or on a server error it waits and retries (every few seconds and when the browser
 * comes back online); a 409 means the paper is closed and the server refused (and recorded)
 * the late answer.
 */
import { isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LocaleSwitch } from '~/components/locale-switch.tsx'
import { ErrorPage } from '~/root.tsx'

export function ExamShell({ title, children }: { title: string; children: ReactNode }) {
	return (
		<div className="exam-shell">
			<header className="topbar exam-topbar">
				<span className="brand-mark" aria-hidden="true">
					安
				</span>
				<span className="exam-title">{title}</span>
			</header>
			<main id="main" className="content exam-content">
				{children}
				<LocaleSwitch />
			</main>
		</div>
	)
}

export function ErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslation()
	return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} t={t} />
}

/** mm:ss (h:mm:ss from an hour up). */
export function formatClock(ms: number): string {
	const total = Math.max(0, Math.ceil(ms / 1000))
	const h = Math.floor(total / 3600)
	const m = Math.floor((total % 3600) / 60)
	const s = total % 60
	const mm = String(m).padStart(2, '0')
	const ss = String(s).padStart(2, '0')
	return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}

/** Milliseconds left, counting down from what the server said when the page was made. */
export function useCountdown(remainingMs: number): number {
	const [left, setLeft] = useState(remainingMs)
	useEffect(() => {
		const end = Date.now() + remainingMs
		setLeft(Math.max(0, end - Date.now()))
		const id = window.setInterval(() => setLeft(Math.max(0, end - Date.now())), 1000)
		return () => window.clearInterval(id)
	}, [remainingMs])
	return left
}

export type QueueEntry = { position: number; choice: string[]; at: number }
export type SaveState = 'saved' | 'saving' | 'offline' | 'error'

export function queueKey(attemptId: string): string {
	return `anxun-exam-queue:${attemptId}`
}

function readQueue(attemptId: string): QueueEntry[] {
	try {
		const v = JSON.parse(window.localStorage.getItem(queueKey(attemptId)) ?? '[]')
		return Array.isArray(v)
			? v.filter((e) => e && Number.isInteger(e.position) && Array.isArray(e.choice) && e.choice.every((k: unknown) => typeof k === 'string'))
			: []
	} catch {
		return []
	}
}

function writeQueue(attemptId: string, q: QueueEntry[]) {
	try {
		if (q.length) window.localStorage.setItem(queueKey(attemptId), JSON.stringify(q))
		else window.localStorage.removeItem(queueKey(attemptId))
	} catch {
		// Storage full or disabled (private mode): the in-memory queue still works for this page.
	}
}

const RETRY_MS = 5000

export function useSaveQueue(attemptId: string, onClosed: () => void) {
	const queue = useRef<QueueEntry[]>([])
	const loaded = useRef(false)
	const busy = useRef(false)
	const [pending, setPending] = useState(0)
	const [state, setState] = useState<SaveState>('saved')

	const load = () => {
		if (!loaded.current && typeof window !== 'undefined') {
			queue.current = readQueue(attemptId)
			loaded.current = true
		}
	}

	const flush = useCallback(async (): Promise<boolean> => {
		load()
		if (busy.current) {
			// Another flush is running: wait for it to finish, then report the outcome.
			while (busy.current) await new Promise((r) => setTimeout(r, 100))
			return queue.current.length === 0
		}
		busy.current = true
		try {
			while (queue.current.length) {
				const entry = queue.current[0]!
				setState('saving')
				const body = new URLSearchParams()
				body.set('position', String(entry.position))
				for (const k of entry.choice) body.append('choice', k)
				let res: Response
				try {
					res = await fetch(`/exam/${attemptId}/save`, { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } })
				} catch {
					setState('offline')
					return false
				}
				if (res.status === 200) {
					queue.current = queue.current.filter((e) => e !== entry)
				} else if (res.status === 409) {
					queue.current = []
					writeQueue(attemptId, [])
					onClosed()
					return false
				} else if (res.status === 400) {
					// Not a valid answer for this paper (cannot happen from this page): drop it.
					queue.current = queue.current.filter((e) => e !== entry)
					setState('error')
				} else if (res.status === 401 || res.status === 403 || res.status === 404) {
					setState('error')
					return false
				} else {
					setState('offline')
					return false
				}
				writeQueue(attemptId, queue.current)
				setPending(queue.current.length)
			}
			setState('saved')
			return true
		} finally {
			busy.current = false
			setPending(queue.current.length)
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [attemptId, onClosed])

	const enqueue = useCallback(
		(position: number, choice: string[]) => {
			load()
			queue.current = [...queue.current.filter((e) => e.position !== position), { position, choice, at: Date.now() }]
			writeQueue(attemptId, queue.current)
			setPending(queue.current.length)
			void flush()
		},
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[attemptId, flush],
	)

	const pendingEntries = useCallback(() => {
		load()
		return queue.current.slice()
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [attemptId])

	useEffect(() => {
		load()
		setPending(queue.current.length)
		if (queue.current.length) void flush()
		const retry = () => {
			if (queue.current.length && !busy.current) void flush()
		}
		window.addEventListener('online', retry)
		const id = window.setInterval(retry, RETRY_MS)
		return () => {
			window.removeEventListener('online', retry)
			window.clearInterval(id)
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [attemptId])

	return { state: pending > 0 && state === 'saved' ? 'saving' : state, pending, enqueue, flush, pendingEntries }
}

/** Forget answers queued on this device for an attempt that is closed. */
export function useClearQueue(attemptId: string) {
	useEffect(() => {
		try {
			window.localStorage.removeItem(queueKey(attemptId))
		} catch {
			// nothing stored
		}
	}, [attemptId])
}
