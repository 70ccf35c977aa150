import { describe, expect, it } from 'vitest'
import { VolatilitySpikeDetector } from './VolatilitySpikeDetector.js'

describe('VolatilitySpikeDetector', () => {
  it('annualises the rolling stdev of returns and flags a spike', () => {
    const d = new VolatilitySpikeDetector({ window: 4, periodsPerYear: 365, threshold: 0.5 })
    for (const p of [100, 100.1, 100, 100.1]) d.update(p)
    expect(d.volatility()).toBeNaN() // 3 returns, window 4
    d.update(100)
    expect(d.count).toBe(4)
    expect(d.volatility()).toBeGreaterThan(0)
    expect(d.isSpike()).toBe(false)
    for (const p of [110, 95, 115, 90]) d.update(p)
    const returns = [110 / 100 - 1, 95 / 110 - 1, 115 / 95 - 1, 90 / 115 - 1]
    const mean = returns.reduce((a, b) => a + b) / 4
    const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / 3)
    expect(d.volatility()).toBeCloseTo(sd * Math.sqrt(365), 10)
    expect(d.isSpike()).toBe(true)
  })

  it('ignores bad prices and resets', () => {
    const d = new VolatilitySpikeDetector({ window: 2, periodsPerYear: 1, threshold: 1 })
    expect(d.update(Number.NaN)).toBe(false)
    expect(d.update(-1)).toBe(false)
    expect(d.update(1)).toBe(true)
    d.reset()
    expect(d.count).toBe(0)
    expect(() => new VolatilitySpikeDetector({ window: 1, periodsPerYear: 0, threshold: 0 })).toThrow(
      /3 validation issues/,
    )
  })
})
