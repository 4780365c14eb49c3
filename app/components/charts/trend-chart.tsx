import { ChartFrame, type Tone } from './chart-frame.tsx'
import { CHART_WIDTH, labelIndices, linePath, niceMax, round } from './layout.ts'

export type TrendSeries = { key: string; label: string; tone: Tone; values: readonly (number | null)[] }

const H = 184
const LEFT = 34
const RIGHT = 8
const TOP = 8
const BOTTOM = 26
const FONT = 12

/**
 * Month trend lines. Missing values (null) leave a gap. `percent` fixes the axis at 0–100 %.
 * The x axis prints about six month labels so they never collide at 320 units.
 */
export function TrendChart({
	title,
	xLabels,
	series,
	percent = false,
	footer,
	testId,
}: {
	title: string
	/** One short label per point, e.g. "3月" / "Mar". */
	xLabels: readonly string[]
	series: readonly TrendSeries[]
	percent?: boolean
	footer?: React.ReactNode
	testId?: string
}) {
	const W = CHART_WIDTH
	const count = xLabels.length
	const max = percent ? 100 : niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))))
	const plotW = W - LEFT - RIGHT
	const plotH = H - TOP - BOTTOM
	const x = (i: number) => LEFT + (count > 1 ? (plotW * i) / (count - 1) : plotW / 2)
	const y = (v: number) => TOP + plotH - (plotH * Math.min(v, max)) / max
	// Counts get whole-number ticks only: a "2.5 violations" gridline reads as an error.
	const ticks = percent || Number.isInteger(max / 2) ? [0, max / 2, max] : [0, max]
	const fmt = (v: number) => (percent ? `${v}%` : Number.isInteger(v) ? String(v) : v.toFixed(1))
	return (
		<ChartFrame
			title={title}
			width={W}
			height={H}
			testId={testId}
			footer={footer}
			legend={series.map((s) => ({ label: s.label, tone: s.tone }))}
			table={{
				columns: ['', ...series.map((s) => s.label)],
				rows: xLabels.map((l, i) => [l, ...series.map((s) => (s.values[i] === null || s.values[i] === undefined ? '—' : fmt(s.values[i]!)))]),
			}}
		>
			{ticks.map((t) => (
				<g key={t}>
					<line x1={LEFT} x2={W - RIGHT} y1={round(y(t))} y2={round(y(t))} className="chart-grid" />
					<text x={LEFT - 4} y={round(y(t)) + 4} fontSize={FONT} textAnchor="end" className="chart-axis">
						{fmt(t)}
					</text>
				</g>
			))}
			{labelIndices(count, 6).map((i) => (
				<text key={i} x={round(x(i))} y={H - 7} fontSize={FONT} textAnchor="middle" className="chart-axis">
					{xLabels[i]}
				</text>
			))}
			{series.map((s) => (
				<g key={s.key} className={`chart-series tone-${s.tone}`}>
					<path d={linePath(s.values, x, y)} className="chart-line" fill="none" />
					{s.values.map((v, i) => (v === null ? null : <circle key={i} cx={round(x(i))} cy={round(y(v))} r={2.6} className="chart-dot" />))}
				</g>
			))}
		</ChartFrame>
	)
}
