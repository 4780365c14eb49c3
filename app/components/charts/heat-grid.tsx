import { ChartFrame, MaybeLink, type Tone } from './chart-frame.tsx'
import { CHART_WIDTH, fitText, round } from './layout.ts'

export type HeatCell = { tone: Tone; text: string; title: string; href?: string | null }
export type HeatRow = { label: string; href?: string | null; cells: readonly HeatCell[] }

const ROW = 38
const HEAD = 26
const FONT = 13

/**
 * A grid of coloured cells — rows (areas, regions) × columns (half-years, area kinds). Each
 * cell carries a short text as well as its colour, so the grid reads without colour vision.
 */
export function HeatGrid({
	title,
	columns,
	rows,
	labelWidth = 112,
	legend,
	footer,
	testId,
}: {
	title: string
	columns: readonly string[]
	rows: readonly HeatRow[]
	labelWidth?: number
	legend?: readonly { label: string; tone: Tone }[]
	footer?: React.ReactNode
	testId?: string
}) {
	const W = CHART_WIDTH
	const cellW = (W - labelWidth) / Math.max(1, columns.length)
	const H = HEAD + Math.max(1, rows.length) * ROW + 2
	return (
		<ChartFrame
			title={title}
			width={W}
			height={H}
			testId={testId}
			footer={footer}
			legend={legend}
			table={{ columns: ['', ...columns], rows: rows.map((r) => [r.label, ...r.cells.map((c) => c.title)]) }}
		>
			{columns.map((c, j) => (
				<text key={j} x={round(labelWidth + cellW * j + cellW / 2)} y={17} fontSize={FONT} textAnchor="middle" className="chart-axis">
					{fitText(c, cellW - 4, FONT)}
				</text>
			))}
			{rows.map((r, i) => {
				const y = HEAD + i * ROW
				return (
					<g key={i}>
						<MaybeLink href={r.href} label={r.label}>
							<text x={0} y={y + ROW / 2 + 5} fontSize={FONT} className="chart-label">
								{fitText(r.label, labelWidth - 6, FONT)}
							</text>
						</MaybeLink>
						{r.cells.map((c, j) => (
							<MaybeLink key={j} href={c.href} label={`${r.label} ${columns[j] ?? ''} ${c.title}`}>
								<rect x={round(labelWidth + cellW * j + 1.5)} y={y + 2} width={round(cellW - 3)} height={ROW - 4} rx={4} className={`chart-cell tone-${c.tone}`}>
									<title>{`${r.label} · ${columns[j] ?? ''}: ${c.title}`}</title>
								</rect>
								<text x={round(labelWidth + cellW * j + cellW / 2)} y={y + ROW / 2 + 5} fontSize={FONT + 1} textAnchor="middle" className={`chart-cell-text tone-${c.tone}`}>
									{c.text}
								</text>
							</MaybeLink>
						))}
					</g>
				)
			})}
		</ChartFrame>
	)
}
