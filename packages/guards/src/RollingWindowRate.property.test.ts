import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RollingWindowRate } from './RollingWindowRate.js'

describe('RollingWindowRate (property)', () => {
  it('agrees with a naive filter over the recorded outcomes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 3000 })), { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 8000 }),
        (steps, events, ms) => {
          const clock = { t: 0, now: () => clock.t }
          const rate = new RollingWindowRate({ events, ms, threshold: 0.5, minCount: 3, clock })
          const log: Array<[boolean, number]> = []
          for (const [ok, dt] of steps) {
            clock.t += dt
            rate.record(ok)
            log.push([ok, clock.t])
            const window = log.filter(([, at]) => clock.t - at < ms).slice(-events)
            const failures = window.filter(([o]) => !o).length
            expect(rate.count()).toBe(window.length)
            expect(rate.failures()).toBe(failures)
            expect(rate.tripped()).toBe(window.length >= 3 && failures / window.length > 0.5)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})
