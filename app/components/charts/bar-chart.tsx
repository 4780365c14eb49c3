import { ChartFrame, MaybeLink, type Tone } from './chart-frame.tsx'
import { CHART_WIDTH, fitText, round, share, textWidth } from './layout.ts'

export type Bar = { label: string; value: number; display?: string; href?: string | null; tone?: Tone }

const ROW = 42
const FONT = 14
const BAR_H = 13

/**
 * Horizontal bars, one per row: the label above its bar and the value at the right — the
 * layout that stays readable on a narrow phone with long Chinese names. `max` fixes the scale
 * (100 for percentages); otherwise the largest value fills the track.
 */
export function BarChart({
	title,
	bars,
	max,
	valueColumn,
	footer,
	testId,
}: {
	title: string
	bars: readonly Bar[]
	max?: number
	valueColumn: string
	footer?: React.ReactNode
	testId?: string
}) {
	const W = CHART_WIDTH
	const top = Math.max(1, max ?? Math.max(0, ...bars.map((b) => b.value)))
	const H = Math.max(ROW, bars.length * ROW) + 2
	return (
		<ChartFrame
			title={title}
			width={W}
			height={H}
			testId={testId}
			footer={footer}
			table={{ columns: ['', valueColumn], rows: bars.map((b) => [b.label, b.display ?? String(b.value)]) }}
		>
			{bars.map((b, i) => {
				const y = i * ROW
				const value = b.display ?? String(b.value)
				const vw = textWidth(value, FONT)
				return (
					<MaybeLink key={i} href={b.href} label={`${b.label} ${value}`}>
						<g className="chart-row">
							<rect x={0} y={y} width={W} height={ROW} className="chart-hit" />
							<text x={0} y={y + 15} fontSize={FONT} className="chart-label">
								{fitText(b.label, W - vw - 10, FONT)}
							</text>
							<text x={W} y={y + 15} fontSize={FONT} textAnchor="end" className="chart-value">
								{value}
							</text>
							<rect x={0} y={y + 22} width={W} height={BAR_H} rx={3} className="chart-track" />
							<rect x={0} y={y + 22} width={round(W * share(b.value, top))} height={BAR_H} rx={3} className={`chart-bar tone-${b.tone ?? 'info'}`} />
						</g>
					</MaybeLink>
				)
			})}
		</ChartFrame>
	)
}
