import { describe, expect, it } from 'vitest'
import { RollingWindowRate } from './RollingWindowRate.js'

describe('RollingWindowRate', () => {
  it('keeps the last N events and needs a minimum count to trip', () => {
    const rate = new RollingWindowRate({ events: 4, threshold: 0.5, minCount: 3 })
    rate.record(false)
    rate.record(false)
    expect(rate.rate()).toBe(1)
    expect(rate.tripped()).toBe(false) // only 2 events
    rate.record(true)
    expect(rate.tripped()).toBe(true) // 2/3 > 0.5
    rate.record(true)
    expect(rate.tripped()).toBe(false) // 2/4 is not above 0.5
    rate.record(true) // the first failure falls out
    expect([rate.count(), rate.failures(), rate.rate()]).toEqual([4, 1, 0.25])
    rate.reset()
    expect(rate.count()).toBe(0)
    expect(rate.rate()).toBe(0)
  })

  it('keeps only the last T milliseconds', () => {
    const clock = { t: 0, now: () => clock.t }
    const rate = new RollingWindowRate({ ms: 10_000, threshold: 0.5, minCount: 2, clock })
    rate.record(false)
    clock.t = 5000
    rate.record(false)
    expect(rate.tripped()).toBe(true)
    clock.t = 10_000 // the first failure is now 10 s old and leaves the window
    expect([rate.count(), rate.failures()]).toEqual([1, 1])
    expect(rate.tripped()).toBe(false)
    clock.t = 20_000
    expect(rate.count()).toBe(0)
  })

  it('validates its options', () => {
    expect(() => new RollingWindowRate({ threshold: 2 })).toThrow(/give events, ms, or both/)
  })
})
