import { readFileSync } from 'node:fs'
import { dataPath } from '@gpt-trader/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isBacktestError } from '../BacktestError.js'
import { backtestErrorCodes } from '../codes.js'
import type { BarSeries } from './buildSeries.js'
import { parseCandlesCsv } from './parseCandlesCsv.js'

// Fuzzing (issue #10 item 5): candle CSVs from the internet. parseCandlesCsv returns a series whose
// bars are all readable (bad rows go to report.invalid, naming the column) or throws a
// BacktestError; never a TypeError, never a hang.

const RUNS = 100
const CODES = new Set<string>(Object.values(backtestErrorCodes))
const DECIMAL = /^\d+(\.\d+)?$/

/** The banner, header and 40 data rows of real files. */
const SOURCES = [
  { file: 'candles/coinbase_BTC-USD_1h_2017-07_2020-10_cdd.csv', name: 'cdd.csv' },
  { file: 'candles/bitstamp-coinbase_BTC-USD_1d_2011-08_2025-09.csv', name: 'daily.csv' },
  {
    file: 'candles/lean_coinbase/20161007_btcusd_minute_trade.csv',
    name: '20161007_btcusd_minute_trade.csv',
  },
  {
    file: 'candles/lean_coinbase/20170903_btcusd_minute_quote.csv',
    name: '20170903_btcusd_minute_quote.csv',
  },
].map(({ file, name }) => ({ name, lines: readFileSync(dataPath(file), 'utf8').split('\n').slice(0, 42) }))

const badCell = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'NaN',
    'Infinity',
    '-1',
    '1e400',
    '1e25',
    '0x10',
    '1,5',
    '"',
    '""',
    'null',
    '__proto__',
  ),
  fc.constantFrom(
    '9'.repeat(400),
    `0.${'0'.repeat(400)}1`,
    '2021-02-31',
    '0000-01-01',
    '25-PM',
    '99999999999999999999',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
)

function expectSaneSeries(series: BarSeries): void {
  for (const bar of series.bars) {
    expect(Number.isFinite(bar.time), `time ${bar.time}`).toBe(true)
    for (const key of ['open', 'high', 'low', 'close', 'volume'] as const) {
      expect(bar[key]).toMatch(DECIMAL)
      expect(Number.isNaN(bar.candle[key]), `${key} ${bar[key]}`).toBe(false)
    }
  }
  expect(series.report.bars).toBe(series.bars.length)
}

function run(text: string, name: string): BarSeries | undefined {
  try {
    return parseCandlesCsv(text, { fileName: name })
  } catch (error) {
    expect(isBacktestError(error), String(error)).toBe(true)
    if (isBacktestError(error)) expect(CODES.has(error.code)).toBe(true)
    return undefined
  }
}

describe('parseCandlesCsv under fuzzing', () => {
  it('a real file with one cell replaced: the row is kept readable or reported invalid', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...SOURCES), fc.nat(), fc.nat(), badCell)
      .map(([source, row, col, value]) => {
        const lines = [...source.lines]
        const index = row % lines.length
        const cells = (lines[index] ?? '').split(',')
        const at = col % cells.length
        cells[at] = value
        lines[index] = cells.join(',')
        return { text: lines.join('\n'), name: source.name, line: index + 1 }
      })
    fc.assert(
      fc.property(mutated, ({ text, name }) => {
        const series = run(text, name)
        if (series === undefined) return
        expectSaneSeries(series)
        for (const row of series.report.invalid) expect(row.reason.length).toBeGreaterThan(0)
      }),
      { numRuns: RUNS },
    )
  })

  it('a non-decimal price names its column in the invalid-row reason', () => {
    const source = SOURCES[0]!
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.constantFrom(3, 4, 5, 6),
        fc.constantFrom('abc', 'NaN', '-1', ''),
        (row, col, value) => {
          const lines = [...source.lines]
          const cells = (lines[row - 1] ?? '').split(',')
          cells[col] = value
          lines[row - 1] = cells.join(',')
          const series = parseCandlesCsv(lines.join('\n'), { fileName: source.name })
          const column = ['open', 'high', 'low', 'close'][col - 3] as string
          const reported = series.report.invalid.find((r) => r.line === row)
          expect(reported?.reason).toContain(column)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('structurally random text: a series or a BacktestError', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc
        .array(
          fc.array(badCell, { maxLength: 12 }).map((cells) => cells.join(',')),
          { maxLength: 20 },
        )
        .map((l) => l.join('\n')),
      fc
        .array(
          fc.array(badCell, { maxLength: 8 }).map((cells) => cells.join(',')),
          { maxLength: 20 },
        )
        .map((l) => `time,open,high,low,close,volume\n${l.join('\r\n')}`),
      fc.constantFrom(
        '',
        '\n\n\n',
        ',,,,,',
        'open,close',
        `${'a,'.repeat(50_000)}open,close`,
        `t,open,high,low,close,volume\n${'1,1,1,1,1,1\n'.repeat(20_000)}`,
      ),
    )
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('x.csv', '20161007_btcusd_minute_trade.csv', 'btcusd_daily_quote.csv'),
        (input, name) => {
          const series = run(input, name)
          if (series) expectSaneSeries(series)
        },
      ),
      { numRuns: RUNS },
    )
  })
})
