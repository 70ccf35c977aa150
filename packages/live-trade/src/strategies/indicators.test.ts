import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { btcHourlyCandles } from '../../test/helpers.js'
import { adx, rsi, sma } from './indicators.js'

describe('indicators', () => {
  it('sma averages the last period values, optionally ending earlier', () => {
    expect(sma([1, 2, 3, 4], 2)).toBe(3.5)
    expect(sma([1, 2, 3, 4], 2, 3)).toBe(2.5)
    expect(sma([1], 2)).toBeUndefined()
  })

  it('rsi: 100 on a steady rise, 0 on a steady fall, 50 when flat, between 0 and 100 on real data', () => {
    const up = Array.from({ length: 30 }, (_, i) => 100 + i)
    expect(rsi(up)).toBe(100)
    expect(rsi([...up].reverse())).toBe(0)
    expect(rsi(Array(20).fill(5))).toBe(50)
    expect(rsi(up.slice(0, 14))).toBeUndefined()
    // Alternating equal moves: gains and losses balance out around 50.
    const zigzag = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 100 : 101))
    expect(rsi(zigzag)).toBeGreaterThan(45)
    expect(rsi(zigzag)).toBeLessThan(55)
    const closes = btcHourlyCandles(500).map((c) => c.close)
    for (let end = 15; end <= closes.length; end += 37) {
      const value = rsi(closes.slice(0, end))!
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThanOrEqual(100)
    }
  })

  it('adx is high in a steady trend and low in a range', () => {
    const n = 60
    const trendClose = Array.from({ length: n }, (_, i) => 100 + 2 * i)
    const trend = adx(
      trendClose.map((c) => c + 1),
      trendClose.map((c) => c - 1),
      trendClose,
    )!
    expect(trend).toBeGreaterThan(50)
    const rangeClose = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 100 : 102))
    const range = adx(
      rangeClose.map((c) => c + 1),
      rangeClose.map((c) => c - 1),
      rangeClose,
    )!
    expect(range).toBeLessThan(20)
    expect(adx([1], [1], [1])).toBeUndefined()
  })

  it('property: rsi and adx stay within 0..100', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 30, maxLength: 80 }),
        (closes) => {
          const r = rsi(closes)!
          const a = adx(
            closes.map((c) => c * 1.01),
            closes.map((c) => c * 0.99),
            closes,
          )!
          expect(r).toBeGreaterThanOrEqual(0)
          expect(r).toBeLessThanOrEqual(100)
          expect(a).toBeGreaterThanOrEqual(0)
          expect(a).toBeLessThanOrEqual(100 + 1e-9)
        },
      ),
      { numRuns: 100 },
    )
  })
})
