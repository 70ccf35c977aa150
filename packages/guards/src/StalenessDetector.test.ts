import { describe, expect, it } from 'vitest'
import { GuardManager } from './GuardManager.js'
import { StalenessDetector } from './StalenessDetector.js'

describe('StalenessDetector', () => {
  it('is stale before the first update and when the last one is older than the limit', () => {
    const clock = { t: 1000, now: () => clock.t }
    const marks = new StalenessDetector({ maxAgeMs: 30_000, clock })
    expect(marks.isStale()).toBe(true)
    expect(marks.age()).toBe(Number.POSITIVE_INFINITY)
    marks.touch()
    clock.t += 30_000
    expect(marks.isStale()).toBe(false)
    clock.t += 1
    expect(marks.isStale()).toBe(true)
    marks.touch(500) // older than the last update: ignored
    expect(marks.lastUpdate).toBe(1000)
    expect(() => new StalenessDetector({ maxAgeMs: 0 })).toThrow(/maxAgeMs/)
  })

  it('works as a guard metric; a feed that never started is critical', () => {
    const clock = { t: 0, now: () => clock.t }
    const marks = new StalenessDetector({ maxAgeMs: 30_000, clock })
    const manager = new GuardManager({
      clock,
      guards: [
        {
          name: 'mark_age',
          label: 'mark age',
          units: 'ms',
          read: () => marks.age(),
          comparator: 'gt',
          threshold: 30_000,
        },
      ],
    })
    manager.evaluateSync()
    expect(manager.get('mark_age')?.criticalFailures).toBe(1)
    expect(manager.get('mark_age')?.lastError?.code).toBe('GUARD_DATA_CORRUPT')
    marks.touch()
    clock.t = 31_000
    manager.evaluateSync()
    expect(manager.get('mark_age')?.message).toBe('mark age exceeded 30000 ms (current: 31000 ms)')
  })
})
