import { describe, expect, test } from 'vitest'
import { fitText, labelIndices, linePath, niceMax, share, textWidth } from '../../app/components/charts/layout.ts'

describe('chart layout', () => {
	test('Chinese characters are one em wide, Latin about half', () => {
		expect(textWidth('生产区', 12)).toBe(36)
		expect(textWidth('ab', 10)).toBeCloseTo(11.6)
		expect(textWidth('（1/2）', 10)).toBeCloseTo(20 + 3 * 5.8)
	})

	test('labels are cut with an ellipsis to fit', () => {
		expect(fitText('吕梁晋安精细化工有限公司', 60, 12)).toBe('吕梁晋安…')
		expect(fitText('短', 60, 12)).toBe('短')
		expect(textWidth(fitText('A very long enterprise name indeed', 100, 12), 12)).toBeLessThanOrEqual(100)
	})

	test('nice axis maxima', () => {
		expect([niceMax(0), niceMax(1), niceMax(3), niceMax(7), niceMax(23), niceMax(180), niceMax(1001)]).toEqual([1, 1, 5, 10, 25, 200, 2000])
	})

	test('bar share is clamped', () => {
		expect([share(5, 10), share(20, 10), share(-1, 10), share(3, 0)]).toEqual([0.5, 1, 0, 0])
	})

	test('line paths lift the pen at missing values', () => {
		expect(linePath([1, 2, null, 4, 5], (i) => i * 10, (v) => v)).toBe('M0 1L10 2M30 4L40 5')
		expect(linePath([null, null], (i) => i, (v) => v)).toBe('')
	})

	test('x labels: about the number asked for, always the last', () => {
		expect(labelIndices(12, 6)).toEqual([1, 3, 5, 7, 9, 11])
		expect(labelIndices(12, 4)).toEqual([2, 5, 8, 11])
		expect(labelIndices(3, 6)).toEqual([0, 1, 2])
		expect(labelIndices(0, 6)).toEqual([])
	})
})
