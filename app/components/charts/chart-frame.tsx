import { useId, type ReactNode } from 'react'

/** Colour roles; the palette lives in app.css (".tone-…"), so charts follow the theme. */
export type Tone = 'good' | 'bad' | 'warn' | 'info' | 'muted' | 'none' | 's1' | 's2' | 's3' | 's4' | 's5'

export type ChartTable = { columns: readonly string[]; rows: readonly (readonly (string | number)[])[] }

export type LegendItem = { label: string; tone: Tone }

/**
 * A chart's frame: a visible title, an optional legend (HTML, so it wraps on a phone), the SVG
 * (an image named by the title) and the same numbers as a table only screen readers see.
 */
export function ChartFrame({
	title,
	legend,
	table,
	width,
	height,
	children,
	footer,
	testId,
}: {
	title: string
	legend?: readonly LegendItem[]
	table: ChartTable
	width: number
	height: number
	children: ReactNode
	footer?: ReactNode
	testId?: string
}) {
	const id = useId()
	return (
		<figure className="chart" data-testid={testId}>
			<figcaption className="chart-title" id={`${id}-t`}>
				{title}
			</figcaption>
			{legend?.length ? (
				<ul className="chart-legend" aria-hidden="true">
					{legend.map((l) => (
						<li key={l.label}>
							<span className={`chart-swatch tone-${l.tone}`} />
							{l.label}
						</li>
					))}
				</ul>
			) : null}
			<svg
				className="chart-svg"
				viewBox={`0 0 ${width} ${height}`}
				width="100%"
				preserveAspectRatio="xMinYMin meet"
				role="img"
				aria-labelledby={`${id}-t`}
				style={{ aspectRatio: `${width} / ${height}` }}
			>
				<title>{title}</title>
				{children}
			</svg>
			{/* A table ignores width: 1px, so the hiding box is a div around it. */}
			<div className="visually-hidden">
				<table>
					<caption>{title}</caption>
					<thead>
						<tr>
							{table.columns.map((c, i) => (
								<th key={i} scope="col">
									{c}
								</th>
							))}
						</tr>
					</thead>
					<tbody>
						{table.rows.map((r, i) => (
							<tr key={i}>
								{r.map((cell, j) =>
									j === 0 ? (
										<th key={j} scope="row">
											{cell}
										</th>
									) : (
										<td key={j}>{cell}</td>
									),
								)}
							</tr>
						))}
					</tbody>
				</table>
			</div>
			{footer}
		</figure>
	)
}

/** An SVG link when there is somewhere to go, plain content otherwise. */
export function MaybeLink({ href, label, children }: { href?: string | null; label?: string; children: ReactNode }) {
	if (!href) return <>{children}</>
	return (
		// Not focusable: inside role="img" it is hidden from assistive tech; every chart has the
		// same links as HTML next to it.
		<a href={href} aria-label={label} className="chart-link" tabIndex={-1}>
			{children}
		</a>
	)
}
