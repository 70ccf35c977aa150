import { describe, expect, it } from 'vitest'
import { percentile, realizedVolatility, rollingVolatility } from './volatility.js'

describe('volatility statistics', () => {
  it('percentile interpolates like numpy', () => {
    expect(percentile([1, 2, 3, 4], 0.75)).toBe(3.25)
    expect(percentile([5], 0.75)).toBe(5)
    expect(percentile([], 0.5)).toBeNaN()
  })

  it('realized volatility is the annualised sample stdev of simple returns', () => {
    // returns +10 %, −10 %: mean 0, sample stdev = √(0.02) ≈ 0.1414
    expect(realizedVolatility([100, 110, 99], 1)).toBeCloseTo(Math.sqrt(0.02), 2)
    expect(realizedVolatility([100, 110, 99], 4)).toBeCloseTo(2 * realizedVolatility([100, 110, 99], 1), 12)
    expect(realizedVolatility([100, 101], 365)).toBeNaN()
  })

  it('rolling volatility has one entry per full window', () => {
    const prices = [100, 101, 100, 102, 100, 103]
    const out = rollingVolatility(prices, 3, 1)
    expect(out).toHaveLength(3)
    expect(out[2]).toBeCloseTo(realizedVolatility(prices.slice(2), 1), 12)
  })
})
