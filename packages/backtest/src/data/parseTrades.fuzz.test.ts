import { readFileSync } from 'node:fs'
import { dataPath } from '@gpt-trader/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isBacktestError } from '../BacktestError.js'
import { parseTime } from './parseTime.js'
import { aggregateTrades, parseTrades } from './parseTrades.js'

// Fuzzing (issue #10 item 5): recorded trades. Trades with readable time/price/size, or a
// BacktestError; a trade with a bad field is reported by its trade id.

const RUNS = 150
const DECIMAL = /^\d+(\.\d+)?$/

const pages = JSON.parse(
  readFileSync(dataPath('trades/coinbase_BTC-USD_trades_2016-05-12_rest_pages.json'), 'utf8'),
) as { path: string; response: Record<string, unknown>[] }[]
const sample = pages.slice(0, 2).map((page) => ({ ...page, response: page.response.slice(0, 30) }))

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, 0, -1, 1e308, Number.NaN, {}, [], ''),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-1',
    '1e400',
    'abc',
    '__proto__',
    '9'.repeat(400),
    '2016-02-30T00:00:00Z',
  ),
  fc.string({ maxLength: 12 }),
)

function check(payload: unknown): ReturnType<typeof parseTrades> | undefined {
  let parsed: ReturnType<typeof parseTrades>
  try {
    parsed = parseTrades(payload)
  } catch (error) {
    expect(isBacktestError(error), String(error)).toBe(true)
    return undefined
  }
  for (const trade of parsed.trades) {
    expect(Number.isFinite(trade.time)).toBe(true)
    expect(trade.price).toMatch(DECIMAL)
    expect(trade.size).toMatch(DECIMAL)
  }
  try {
    const series = aggregateTrades(parsed, { intervalMs: 60_000 })
    for (const bar of series.bars) expect(bar.close).toMatch(DECIMAL)
  } catch (error) {
    expect(isBacktestError(error), String(error)).toBe(true)
  }
  return parsed
}

describe('parseTrades under fuzzing', () => {
  it('real recorded pages with one trade field dropped or replaced', () => {
    const fields = ['time', 'trade_id', 'price', 'size', 'side'] as const
    fc.assert(
      fc.property(
        fc.nat({ max: 1 }),
        fc.nat({ max: 29 }),
        fc.constantFrom(...fields),
        fc.boolean(),
        junk,
        (page, index, field, drop, value) => {
          const copy = structuredClone(sample)
          const trade = copy[page]?.response[index] as Record<string, unknown>
          if (drop) delete trade[field]
          else trade[field] = value
          const parsed = check(copy)
          const id = String(trade.trade_id)
          if (
            parsed &&
            (field === 'price' || field === 'size' || field === 'time') &&
            !parsed.trades.some((t) => t.tradeId === id)
          ) {
            expect(
              parsed.invalid.some((row) => row.reason.includes(`trade ${id}`)) ||
                parsed.duplicateIds.includes(id),
            ).toBe(true)
          }
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('structurally random payloads', () => {
    const hostile = fc.oneof(
      fc.json({ maxDepth: 4 }).map((text) => JSON.parse(text) as unknown),
      fc.anything({ maxDepth: 3, withNullPrototype: true }),
      fc.array(fc.record({ trade_id: junk, time: junk, price: junk, size: junk }, { requiredKeys: [] }), {
        maxLength: 10,
      }),
      fc.record({
        trades: fc.array(fc.record({ trade_id: junk, time: junk, price: junk, size: junk }), {
          maxLength: 5,
        }),
      }),
    )
    fc.assert(
      fc.property(hostile, (payload) => void check(payload)),
      { numRuns: RUNS },
    )
  })

  it('a trade price of 1e308 or a negative size is reported as invalid, not kept', () => {
    const parsed = parseTrades([
      { trade_id: 1, time: '2016-05-12T15:04:30Z', price: 1e308, size: '1' },
      { trade_id: 2, time: '2016-05-12T15:04:31Z', price: '1', size: -1 },
      { trade_id: 3, time: '2016-05-12T15:04:32Z', price: '1e-5', size: '2.5E1' },
    ])
    expect(parsed.trades.map((t) => [t.tradeId, t.price, t.size])).toEqual([['3', '0.00001', '25']])
    expect(parsed.invalid.map((r) => r.reason)).toMatchInlineSnapshot(`
      [
        "trade 1: unreadable time, price or size",
        "trade 2: price and size must be > 0",
      ]
    `)
  })

  it('parseTime returns a number (NaN when unreadable) for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.constantFrom('9'.repeat(400), '2021-02-31', '0050-01-01', '2020-01-01T25:00:00Z', '12-PM'),
        ),
        (text) => {
          expect(typeof parseTime(text)).toBe('number')
        },
      ),
      { numRuns: RUNS },
    )
  })
})
