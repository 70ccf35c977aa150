import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fakeTime } from '../../test/rest-helpers/timing.js'
import { backoffDelay, parseRetryAfter } from './backoff.js'
import { createTokenBucket } from './createTokenBucket.js'
import { randomUuid } from './randomUuid.js'

describe('createTokenBucket', () => {
  it('allows a burst, then paces at the rate, in call order', async () => {
    const t = fakeTime(0)
    const bucket = createTokenBucket({ perSecond: 30, clock: t.clock, sleep: t.sleep })
    const order: number[] = []
    await Promise.all(Array.from({ length: 40 }, (_, i) => bucket.take().then(() => order.push(i))))
    expect(order).toEqual(Array.from({ length: 40 }, (_, i) => i))
    // 30 immediately, then 10 more at one per 1/30 s.
    expect(t.clock.now()).toBeGreaterThanOrEqual(Math.floor((10 * 1000) / 30))
    expect(t.clock.now()).toBeLessThanOrEqual(Math.ceil((10 * 1000) / 30) + 10)
  })

  it('refills over time and never exceeds the burst', () => {
    let now = 0
    const bucket = createTokenBucket({ perSecond: 10, burst: 2, clock: { now: () => now } })
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false])
    now += 100
    expect(bucket.tryTake()).toBe(true)
    now += 10_000
    expect(bucket.available()).toBe(2)
  })

  it('an aborted waiter rejects and does not block the queue', async () => {
    const t = fakeTime(0)
    const bucket = createTokenBucket({ perSecond: 1, burst: 1, clock: t.clock, sleep: t.sleep })
    await bucket.take()
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(bucket.take(controller.signal)).rejects.toThrow('stop')
    await expect(bucket.take()).resolves.toBeUndefined()
  })

  it('refuses a non-positive rate', () => {
    expect(() => createTokenBucket({ perSecond: 0 })).toThrow(RangeError)
  })
})

describe('backoff', () => {
  it('grows exponentially, is capped, and jitter stays within [exp/2, exp]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (n, r) => {
          const exp = Math.min(8000, 250 * 2 ** n)
          const d = backoffDelay(n, {}, () => r)
          return d >= Math.floor(exp / 2) && d <= exp
        },
      ),
      { numRuns: 200 },
    )
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, { baseDelayMs: 100 }, () => 0))).toEqual([
      50, 100, 200, 400,
    ])
  })

  it('parses Retry-After as seconds or an HTTP date', () => {
    const clock = { now: () => Date.parse('2026-01-01T00:00:00Z') }
    expect(parseRetryAfter('3', clock)).toBe(3000)
    expect(parseRetryAfter('0.5', clock)).toBe(500)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', clock)).toBe(10_000)
    expect(parseRetryAfter('soon', clock)).toBeUndefined()
    expect(parseRetryAfter(null, clock)).toBeUndefined()
  })
})

describe('randomUuid', () => {
  it('produces distinct v4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 200 }, () => randomUuid()))
    expect(ids.size).toBe(200)
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
