import { ChartFrame, MaybeLink, type Tone } from './chart-frame.tsx'
import { CHART_WIDTH, fitText, round, textWidth } from './layout.ts'

export type StackSeries = { key: string; label: string; tone: Tone }
export type StackRow = { label: string; values: Record<string, number>; href?: string | null }

const ROW = 44
const FONT = 14
const BAR_H = 16

/**
 * Horizontal stacked bars: each row's segments in series order, scaled to the largest row
 * total (or to each row's own total with `normalise`, for shares). The total is printed at
 * the right; segments wide enough carry their own number.
 */
export function StackedBarChart({
	title,
	series,
	rows,
	normalise = false,
	totalColumn,
	footer,
	testId,
}: {
	title: string
	series: readonly StackSeries[]
	rows: readonly StackRow[]
	normalise?: boolean
	totalColumn: string
	footer?: React.ReactNode
	testId?: string
}) {
	const W = CHART_WIDTH
	const totals = rows.map((r) => series.reduce((n, s) => n + (r.values[s.key] ?? 0), 0))
	const top = Math.max(1, ...totals)
	const H = Math.max(ROW, rows.length * ROW) + 2
	return (
		<ChartFrame
			title={title}
			width={W}
			height={H}
			testId={testId}
			footer={footer}
			legend={series.map((s) => ({ label: s.label, tone: s.tone }))}
			table={{
				columns: ['', ...series.map((s) => s.label), totalColumn],
				rows: rows.map((r, i) => [r.label, ...series.map((s) => r.values[s.key] ?? 0), totals[i]!]),
			}}
		>
			{rows.map((r, i) => {
				const y = i * ROW
				const total = totals[i]!
				const scale = normalise ? (total > 0 ? W / total : 0) : W / top
				const tw = textWidth(String(total), FONT)
				let x = 0
				return (
					<MaybeLink key={i} href={r.href} label={`${r.label} ${total}`}>
						<g className="chart-row">
							<rect x={0} y={y} width={W} height={ROW} className="chart-hit" />
							<text x={0} y={y + 15} fontSize={FONT} className="chart-label">
								{fitText(r.label, W - tw - 10, FONT)}
							</text>
							<text x={W} y={y + 15} fontSize={FONT} textAnchor="end" className="chart-value">
								{total}
							</text>
							<rect x={0} y={y + 22} width={W} height={BAR_H} rx={3} className="chart-track" />
							{series.map((s) => {
								const v = r.values[s.key] ?? 0
								if (v <= 0) return null
								const w = v * scale
								const seg = (
									<g key={s.key}>
										<rect x={round(x)} y={y + 22} width={round(w)} height={BAR_H} className={`chart-bar tone-${s.tone}`} />
										{w >= textWidth(String(v), 11) + 6 ? (
											<text x={round(x + w / 2)} y={y + 34} fontSize={11} textAnchor="middle" className="chart-seg-value">
												{v}
											</text>
										) : null}
									</g>
								)
								x += w
								return seg
							})}
						</g>
					</MaybeLink>
				)
			})}
		</ChartFrame>
	)
}
