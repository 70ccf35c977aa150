import { readFileSync } from 'node:fs'
import { dataPath, loadFixture } from '@gpt-trader/test-utils'
import { describe, expect, it } from 'vitest'
import { isBacktestError } from '../BacktestError.js'
import { formatDataQualityReport, isCleanReport } from './DataQualityReport.js'
import { formatCandlesCsv } from './formatCandlesCsv.js'
import { loadBars } from './loadBars.js'
import { parseCandlesCsv } from './parseCandlesCsv.js'
import { parseCandlesJson } from './parseCandlesJson.js'
import { aggregateTrades, parseTrades } from './parseTrades.js'

const iso = (t: number) => new Date(t).toISOString()

describe('real CryptoDataDownload files', () => {
  it('BTC-USD 1h: descending, banner, unix vs label mismatch, holes and duplicated hours reported', async () => {
    const s = await loadBars(dataPath('candles/coinbase_BTC-USD_1h_2017-07_2020-10_cdd.csv'))
    expect(s.format).toBe('cryptodatadownload-csv')
    expect(s.symbol).toBe('BTC-USD')
    expect(s.intervalMs).toBe(3_600_000)
    const r = s.report
    expect(r.banner).toEqual(['Timestamps are UTC timezone,https://www.CryptoDataDownload.com'])
    expect(r.order).toBe('descending')
    expect(r.rows).toBe(29_061)
    expect(r.bars).toBe(29_061 - 5)
    expect(iso(r.first)).toBe('2017-07-01T11:00:00.000Z')
    expect(iso(r.last)).toBe('2020-10-24T07:00:00.000Z')
    expect(r.gaps.map((g) => [iso(g.after), g.missingBars])).toEqual([
      ['2017-09-22T19:00:00.000Z', 4],
      ['2017-11-05T04:00:00.000Z', 1],
    ])
    expect(r.duplicates.map((d) => iso(d.time)).sort()).toEqual([
      '2017-11-12T04:00:00.000Z',
      '2017-11-12T05:00:00.000Z',
      '2017-11-12T06:00:00.000Z',
      '2017-11-12T07:00:00.000Z',
      '2017-11-12T08:00:00.000Z',
    ])
    expect(r.duplicates.every((d) => d.identical && d.lines.length === 2)).toBe(true)
    expect(r.zeroVolume).toHaveLength(35)
    expect(r.zeroVolume).toContain(Date.parse('2020-10-24T07:00:00Z'))
    expect(r.notes[0]).toMatch(/^1208 rows: the unix time and the date label disagree/)
    // Ascending after loading, prices kept as the source's strings.
    const bars = s.bars
    expect(bars.every((b, i) => i === 0 || b.time > bars[i - 1]!.time)).toBe(true)
    expect(bars[bars.length - 1]).toMatchObject({ open: '12965.84', close: '12953.2', volume: '0.0' })
    expect(bars[0]!.candle.close).toBe(2509.17)
  })

  it('ETH-USD 1h: date labels only, the five interleaved rows are reported out of order', async () => {
    const s = await loadBars(dataPath('candles/coinbase_ETH-USD_1h_2017-07_2020-08_cdd.csv'))
    expect(s.symbol).toBe('ETH-USD')
    expect(s.report.order).toBe('descending')
    expect(s.report.outOfOrder).toHaveLength(5)
    expect(s.report.zeroVolume).toHaveLength(15)
    expect(s.report.bars).toBe(27_149)
    expect(iso(s.report.last)).toBe('2020-08-05T15:00:00.000Z')
  })

  it('BTC-USD 1m: volto is the base volume, one missing minute', async () => {
    const s = await loadBars(dataPath('candles/coinbase_BTC-USD_1m_2020-11-22_2020-12-12_cdd.csv'))
    expect(s.report.bars).toBe(27_950)
    expect(s.report.gaps).toEqual([
      {
        after: Date.parse('2020-11-24T21:08:00Z'),
        before: Date.parse('2020-11-24T21:10:00Z'),
        missingBars: 1,
      },
    ])
    expect(s.bars[s.bars.length - 1]!.volume).toBe('0.13180145')
    expect(s.report.duplicates).toEqual([])
    expect(s.report.notes).toEqual([])
  })

  it('bitstamp/Coinbase 1d: unusual column order, ascending, no gaps', async () => {
    const s = await loadBars(dataPath('candles/bitstamp-coinbase_BTC-USD_1d_2011-08_2025-09.csv'), {
      symbol: 'BTC-USD',
    })
    expect(s.format).toBe('header-csv')
    expect(s.report.order).toBe('ascending')
    expect(s.report.gaps).toEqual([])
    expect(s.report.bars).toBe(5152)
    expect(s.bars[1]).toMatchObject({ open: '10.9', high: '11.85', low: '10.9', close: '11.69' })
    expect(s.bars[1]!.volume).toBe('1.9265781400000002')
    expect(s.report.inconsistent).toEqual([])
  })
})

describe('Lean files', () => {
  it('minute trade bars take the day from the file name; sparse minutes are gaps', async () => {
    const s = await loadBars(dataPath('candles/lean_coinbase/20161007_btcusd_minute_trade.csv'))
    expect(s.format).toBe('lean-trade-csv')
    expect(s.symbol).toBe('BTC-USD')
    expect(iso(s.bars[0]!.time)).toBe('2016-10-07T00:00:00.000Z')
    expect(s.bars[0]).toMatchObject({ open: '611.78', high: '611.91', close: '611.9', volume: '1.13872' })
    expect(iso(s.report.last)).toBe('2016-10-07T23:59:00.000Z')
    expect(s.report.bars).toBe(1419)
    expect(s.report.missingBars).toBe(1440 - 1419)
  })

  it('second bars use a one-second interval', async () => {
    const s = await loadBars(dataPath('candles/lean_coinbase/20161008_btcusd_second_trade.csv'))
    expect(s.intervalMs).toBe(1000)
    expect(s.report.bars).toBe(3453)
    expect(iso(s.report.first)).toBe('2016-10-08T00:00:01.000Z')
  })

  it('quote bars become bid/ask midpoints without volume', async () => {
    const s = await loadBars(dataPath('candles/lean_coinbase/20170903_btcusd_minute_quote.csv'))
    expect(s.format).toBe('lean-quote-csv')
    expect(s.bars[0]).toMatchObject({ open: '4646.185', volume: '0' })
    expect(s.report.zeroVolume).toEqual([])
    expect(s.report.notes[0]).toMatch(/midpoints/)
  })

  it('daily trade and quote files', async () => {
    const trade = await loadBars(dataPath('candles/lean_coinbase/btcusd_daily_trade.csv'))
    expect(trade.format).toBe('lean-daily-trade-csv')
    expect(trade.intervalMs).toBe(86_400_000)
    expect(trade.report.bars).toBe(1318)
    // 2014-12-01 → 2018-08-13 is 1352 days: 34 missing, in 8 holes.
    expect(trade.report.gaps).toHaveLength(8)
    expect(trade.report.missingBars).toBe(34)
    const quote = await loadBars(dataPath('candles/lean_coinbase/btcusd_daily_quote.csv'))
    expect(quote.format).toBe('lean-daily-quote-csv')
    expect(quote.report.missingBars).toBe(6)
  })

  it('an intraday file without a date in its name needs the date option', () => {
    const text = readFileSync(dataPath('candles/lean_coinbase/20170904_ethusd_minute_trade.csv'), 'utf8')
    expect(() => parseCandlesCsv(text)).toThrowErrorMatchingInlineSnapshot(
      `[BacktestError: Lean intraday CSV needs its day: pass a file name like 20161007_btcusd_minute_trade.csv or the date option.]`,
    )
    const s = parseCandlesCsv(text, { date: '2017-09-04', symbol: 'ETH-USD' })
    expect(iso(s.bars[0]!.time)).toBe('2017-09-04T00:00:00.000Z')
  })
})

describe('JSON and trades', () => {
  it('Coinbase REST candles (newest first, unix seconds as strings)', () => {
    const s = parseCandlesJson(loadFixture('rest/candles.json'), { symbol: 'BTC-USD' })
    expect(s.format).toBe('coinbase-candles-json')
    expect(s.report.order).toBe('descending')
    expect(s.bars.map((b) => b.time)).toEqual([1712188800000, 1712192400000])
    expect(s.bars[1]).toMatchObject({ open: '66312.4', close: '66181.6', volume: '355.82896243' })
  })

  it('legacy Exchange candle arrays', () => {
    const s = parseCandlesJson([
      [120, 1, 3, 2, 2.5, 10],
      [60, 1, 2, 1.5, 2, 5],
    ])
    expect(s.format).toBe('coinbase-exchange-candles-json')
    expect(s.bars.map((b) => [b.time, b.open, b.close])).toEqual([
      [60_000, '1.5', '2'],
      [120_000, '2', '2.5'],
    ])
  })

  it('rejects other JSON with a stable code', () => {
    expect(() => parseCandlesJson({ foo: 1 })).toThrowErrorMatchingInlineSnapshot(
      `
      [BacktestError: Unrecognised candle JSON: expected { candles: [...] } or an array of candles.

      Details: an object with keys foo]
    `,
    )
  })

  it('recorded REST trade pages aggregate to one-minute bars', async () => {
    const s = await loadBars(dataPath('trades/coinbase_BTC-USD_trades_2016-05-12_rest_pages.json'))
    expect(s.format).toBe('trades')
    expect(s.symbol).toBe('BTC-USD')
    expect(s.report.notes[0]).toBe('aggregated 1500 trades into 62 bars of 60000 ms')
    expect(iso(s.report.first)).toBe('2016-05-12T15:00:00.000Z')
    expect(iso(s.report.last)).toBe('2016-05-12T16:01:00.000Z')
    for (const b of s.bars) {
      expect(b.candle.high).toBeGreaterThanOrEqual(Math.max(b.candle.open, b.candle.close))
      expect(b.candle.low).toBeLessThanOrEqual(Math.min(b.candle.open, b.candle.close))
    }
  })

  it('trade aggregation: exact volume, open/close by time, duplicates counted once, empty minutes are gaps', () => {
    const t = (id: number, time: string, price: string, size: string) => ({
      trade_id: id,
      time,
      price,
      size,
      side: 'buy',
    })
    const parsed = parseTrades([
      t(3, '2024-01-01T00:00:30Z', '101', '0.1'),
      t(1, '2024-01-01T00:00:00Z', '100', '0.2'),
      t(2, '2024-01-01T00:00:10Z', '99', '0.3'),
      t(2, '2024-01-01T00:00:10Z', '99', '0.3'),
      t(4, '2024-01-01T00:03:00Z', '102', '1'),
    ])
    expect(parsed.duplicateIds).toEqual(['2'])
    const s = aggregateTrades(parsed)
    expect(s.bars.map((b) => [b.open, b.high, b.low, b.close, b.volume])).toEqual([
      ['100', '101', '99', '101', '0.6'],
      ['102', '102', '102', '102', '1'],
    ])
    expect(s.report.gaps).toEqual([
      {
        after: Date.parse('2024-01-01T00:00:00Z'),
        before: Date.parse('2024-01-01T00:03:00Z'),
        missingBars: 2,
      },
    ])
    expect(s.report.notes[1]).toBe('1 duplicate trade ids counted once: 2')
  })
})

describe('our CSV format', () => {
  it('round-trips through formatCandlesCsv and accepts unix seconds', () => {
    const text =
      'time,open,high,low,close,volume\n1704067200,1,2,0.5,1.5,10\n2024-01-01T00:01:00Z,1.5,2,1,1.25,3\n'
    const s = parseCandlesCsv(text)
    expect(s.format).toBe('header-csv')
    expect(isCleanReport(s.report)).toBe(true)
    const again = parseCandlesCsv(formatCandlesCsv(s.bars))
    expect(again.bars).toEqual(s.bars)
  })

  it('reports duplicates with different values, invalid rows and inconsistent OHLC without fixing them', () => {
    const text = [
      'time,open,high,low,close,volume',
      '2024-01-01T00:00:00Z,1,2,0.5,1.5,10',
      '2024-01-01T00:00:00Z,1,2,0.5,1.6,10',
      '2024-01-01T00:01:00Z,1,abc,0.5,1.5,10',
      '2024-01-01T00:02:00Z,1,1.2,0.5,1.5,0',
      'not-a-time,1,2,0.5,1.5,10',
    ].join('\n')
    const s = parseCandlesCsv(text)
    expect(s.bars.map((b) => b.close)).toEqual(['1.5', '1.5'])
    expect(s.report.duplicates).toEqual([
      { time: Date.parse('2024-01-01T00:00:00Z'), lines: [2, 3], identical: false },
    ])
    expect(s.report.invalid).toEqual([
      { line: 4, reason: 'high is not a number: "abc"' },
      { line: 6, reason: 'unreadable time' },
    ])
    expect(s.report.inconsistent).toEqual([5])
    expect(s.report.zeroVolume).toEqual([Date.parse('2024-01-01T00:02:00Z')])
    expect(formatDataQualityReport(s.report)).toMatchInlineSnapshot(`
      "5 rows, 2 bars, ascending, interval 120000 ms, 2024-01-01T00:00:00.000Z → 2024-01-01T00:02:00.000Z
      1 duplicate times: 2024-01-01T00:00:00.000Z lines 2,3
      1 zero-volume bars: 2024-01-01T00:02:00.000Z
      1 inconsistent OHLC rows: line 5
      2 invalid rows: line 4: high is not a number: "abc"; line 6: unreadable time"
    `)
  })

  it('rejects unknown layouts with DATA_FORMAT_UNKNOWN', () => {
    try {
      parseCandlesCsv('a,b,c\n1,2,3\n')
      expect.unreachable()
    } catch (error) {
      expect(isBacktestError(error)).toBe(true)
      expect((error as { code: string }).code).toBe('DATA_FORMAT_UNKNOWN')
    }
  })
})
