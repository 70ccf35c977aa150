import { loadFixture } from '@gpt-trader/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isBacktestError } from '../BacktestError.js'
import { parseCandlesJson } from './parseCandlesJson.js'

// Fuzzing (issue #10 item 5): candle JSON (Coinbase Advanced Trade or legacy Exchange arrays).
// A series of readable bars, or a BacktestError; a mutated candle lands in report.invalid.

const RUNS = 200
const DECIMAL = /^\d+(\.\d+)?$/

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, {}, [], ''),
  fc.constantFrom('NaN', 'Infinity', '-1', '1e400', 'abc', '__proto__', '9'.repeat(400), '2021-02-31'),
  fc.string({ maxLength: 12 }),
  fc.anything({ maxDepth: 2, maxKeys: 3 }),
)

function check(payload: unknown): void {
  let series: ReturnType<typeof parseCandlesJson>
  try {
    series = parseCandlesJson(payload)
  } catch (error) {
    expect(isBacktestError(error), String(error)).toBe(true)
    if (isBacktestError(error)) expect(error.code).toBe('DATA_FORMAT_UNKNOWN')
    return
  }
  for (const bar of series.bars) {
    expect(Number.isFinite(bar.time)).toBe(true)
    for (const key of ['open', 'high', 'low', 'close', 'volume'] as const) expect(bar[key]).toMatch(DECIMAL)
  }
}

describe('parseCandlesJson under fuzzing', () => {
  it('the real GET /candles payload with one field dropped or replaced', () => {
    const fixture = loadFixture('rest/candles.json') as { candles: Record<string, unknown>[] }
    const fields = ['start', 'low', 'high', 'open', 'close', 'volume', '__proto__'] as const
    fc.assert(
      fc.property(
        fc.nat({ max: fixture.candles.length - 1 }),
        fc.constantFrom(...fields),
        fc.boolean(),
        junk,
        (index, field, drop, value) => {
          const copy = structuredClone(fixture)
          const candle = copy.candles[index] as Record<string, unknown>
          if (drop) delete candle[field]
          else
            Object.defineProperty(candle, field, {
              value,
              enumerable: true,
              writable: true,
              configurable: true,
            })
          check(copy)
          check(copy.candles)
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('structurally random JSON and legacy arrays', () => {
    const hostile = fc.oneof(
      fc.json({ maxDepth: 4 }).map((text) => JSON.parse(text) as unknown),
      fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true }),
      fc.array(fc.tuple(fc.double(), fc.double(), fc.double(), fc.double(), fc.double(), fc.double()), {
        maxLength: 20,
      }),
      fc.dictionary(fc.constantFrom('candles', '__proto__', 'constructor'), junk),
    )
    fc.assert(fc.property(hostile, check), { numRuns: RUNS })
  })
})
