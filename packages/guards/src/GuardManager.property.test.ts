import { Decimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { GuardStatus } from './Guard.js'
import { GuardManager } from './GuardManager.js'

// Money-like values: integers of cents, as decimal strings.
const cents = fc.integer({ min: -50_000, max: 50_000 }).map((n) => new Decimal(n).div(100).toFixed())

describe('GuardManager state machine (property)', () => {
  it('matches a reference model: breach above T, hold until ≤ release, warn above the band', () => {
    fc.assert(
      fc.property(
        fc.array(cents, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 40_000 }),
        fc.integer({ min: 0, max: 100 }),
        (values, thresholdCents, releasePct) => {
          const T = new Decimal(thresholdCents).div(100)
          const release = T.mul(releasePct).div(100)
          const warn = T.minus(T.abs().mul('0.2')) // warningRatio 0.8
          let current = values[0]!
          const manager = new GuardManager({
            guards: [
              {
                name: 'loss',
                read: () => current,
                comparator: 'gt',
                threshold: T.toFixed(),
                releaseLevel: release.toFixed(),
                warningRatio: 0.8,
              },
            ],
          })
          const counts = { breach: 0, recover: 0, warning: 0 }
          manager.on('breach', () => counts.breach++)
          manager.on('recover', () => counts.recover++)
          manager.on('warning', () => counts.warning++)
          let model: GuardStatus = 'healthy'
          let breaches = 0
          let recovers = 0
          let warnings = 0
          for (const v of values) {
            current = v
            manager.evaluateSync()
            const d = new Decimal(v)
            const held: boolean = model === 'breached' && d.gt(release)
            const next: GuardStatus = d.gt(T) || held ? 'breached' : d.gt(warn) ? 'warning' : 'healthy'
            if (next === 'breached' && model !== 'breached') breaches++
            if ((model === 'breached' && next !== 'breached') || (model === 'warning' && next === 'healthy'))
              recovers++
            if (model === 'healthy' && next === 'warning') warnings++
            model = next
            expect(manager.get('loss')!.status).toBe(model)
          }
          expect(counts).toEqual({ breach: breaches, recover: recovers, warning: warnings })
          const state = manager.get('loss')!
          expect(state.successes + state.criticalFailures).toBe(values.length)
        },
      ),
      { numRuns: 300 },
    )
  })
})
