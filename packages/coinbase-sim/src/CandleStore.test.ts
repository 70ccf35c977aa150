import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CANDLE_TIERS, CandleStore, type MinuteCandle } from './CandleStore.js'
import { createRandom } from './random.js'

const T0 = 1_767_225_600 // 2026-01-01T00:00:00Z

/** The unbounded reference: every minute kept, aggregated on demand (the store's old behaviour). */
class ReferenceCandles {
  readonly minutes: MinuteCandle[] = []
  record(sec: number, price: number, volume: number): void {
    const start = Math.floor(sec / 60) * 60
    const last = this.minutes[this.minutes.length - 1]
    if (last && last.start === start) {
      last.high = Math.max(last.high, price)
      last.low = Math.min(last.low, price)
      last.close = price
      last.volume += volume
    } else if (!last || start > last.start) {
      this.minutes.push({ start, open: last?.close ?? price, high: price, low: price, close: price, volume })
    }
  }
  query(startSec: number, endSec: number, g: number): MinuteCandle[] {
    const from = Math.floor(startSec / g) * g
    const buckets = new Map<number, MinuteCandle>()
    for (const m of this.minutes) {
      if (m.start < from || m.start >= endSec) continue
      const b = Math.floor(m.start / g) * g
      const c = buckets.get(b)
      if (!c) buckets.set(b, { ...m, start: b })
      else {
        c.high = Math.max(c.high, m.high)
        c.low = Math.min(c.low, m.low)
        c.close = m.close
        c.volume += m.volume
      }
    }
    return [...buckets.values()].sort((a, b) => b.start - a.start)
  }
}

const expectCandlesClose = (actual: MinuteCandle[], expected: MinuteCandle[]): void => {
  expect(actual.map((c) => c.start)).toEqual(expected.map((c) => c.start))
  for (const [i, c] of actual.entries()) {
    const e = expected[i] as MinuteCandle
    expect([c.open, c.high, c.low, c.close]).toEqual([e.open, e.high, e.low, e.close])
    // Coarser tiers sum volume in another order: equal up to float rounding.
    expect(c.volume).toBeCloseTo(e.volume, 9)
  }
}

describe('CandleStore', () => {
  it('answers like the unbounded minute list for any recorded path and granularity', () => {
    const granularities = [60, 300, 900, 1800, 3600, 7200, 14400, 21600, 86400]
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            gap: fc.integer({ min: 0, max: 400 }),
            price: fc.double({ min: 1, max: 1e5, noNaN: true }),
            volume: fc.double({ min: 0, max: 10, noNaN: true }),
          }),
          { minLength: 1, maxLength: 300 },
        ),
        fc.constantFrom(...granularities),
        fc.integer({ min: 0, max: 20 }),
        (steps, g, back) => {
          const store = new CandleStore()
          const ref = new ReferenceCandles()
          let sec = T0
          for (const s of steps) {
            sec += s.gap
            store.record(sec, s.price, s.volume)
            ref.record(sec, s.price, s.volume)
          }
          // Every recorded minute here fits in each tier, so every query must match exactly.
          const end = sec + 1
          const start = Math.max(T0 - g, end - g * (back + 1))
          expectCandlesClose(store.query(start, end, g), ref.query(start, end, g))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('keeps at most each tier capacity however long it runs, and still serves 350 candles', () => {
    const store = new CandleStore()
    // 400 simulated days, one record per simulated minute.
    const minutes = 400 * 1440
    for (let i = 0; i < minutes; i++) store.record(T0 + i * 60, 100 + (i % 97), 1)
    expect(store.sizes()).toEqual(CANDLE_TIERS.map((t) => t.capacity).map((c, i) => (i === 3 ? 400 : c)))
    const now = T0 + minutes * 60
    for (const [name, g] of [
      ['ONE_MINUTE', 60],
      ['FIVE_MINUTE', 300],
      ['FIFTEEN_MINUTE', 900],
      ['THIRTY_MINUTE', 1800],
      ['ONE_HOUR', 3600],
      ['SIX_HOUR', 21600],
      ['ONE_DAY', 86400],
    ] as const) {
      const list = store.query(now - 350 * g, now, g)
      expect([name, list.length]).toEqual([name, 350])
      expect(list[0]?.start).toBe(Math.floor((now - 1) / g) * g)
    }
  })

  it('seeds 14 days of history within the bounds and reports 24 h stats from minutes', () => {
    const store = new CandleStore()
    store.seedHistory(T0, 50_000, 0.5, 14, createRandom(7))
    expect(store.sizes()).toEqual([1_800, 700, 14 * 24, 14])
    const w = store.window(T0, 86_400)
    const day = store.query(T0 - 86_400, T0, 86_400)
    expect(w).not.toBeNull()
    expect(w?.high).toBe(day[0]?.high)
    expect(w?.low).toBe(day[0]?.low)
    expect(w?.open).toBe(day[0]?.open)
    expect(new CandleStore().window(T0, 86_400)).toBeNull()
  })

  it('ignores records older than the last bucket', () => {
    const store = new CandleStore()
    store.record(T0 + 120, 10, 1)
    store.record(T0 + 30, 99, 1)
    expect(store.query(T0, T0 + 600, 60)).toEqual([
      { start: T0 + 120, open: 10, high: 10, low: 10, close: 10, volume: 1 },
    ])
  })
})
