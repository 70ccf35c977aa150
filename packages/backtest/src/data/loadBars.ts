import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { BacktestError } from '../BacktestError.js'
import type { BarSeries } from './buildSeries.js'
import { parseCandlesCsv } from './parseCandlesCsv.js'
import { parseCandlesJson } from './parseCandlesJson.js'
import { aggregateTrades, parseTrades } from './parseTrades.js'

/** Options of {@link loadBars}. */
export interface LoadBarsOptions {
  /** Product id to report when the file does not name one. */
  symbol?: string | undefined
  /** Bar length for trade files (default one minute). */
  intervalMs?: number | undefined
  /** UTC day for Lean intraday files whose name does not carry it. */
  date?: string | undefined
}

/**
 * Reads a candle or trade file and returns ascending bars with a data-quality report. `.json` files
 * are Coinbase candle payloads or recorded trades (aggregated to bars); anything else is parsed as
 * candle CSV ({@link parseCandlesCsv}).
 *
 * @example
 * const series = await loadBars('data/coinbase_BTC-USD_1m.csv')
 * console.log(formatDataQualityReport(series.report))
 */
export async function loadBars(path: string, options: LoadBarsOptions = {}): Promise<BarSeries> {
  const text = await readFile(path, 'utf8')
  const name = basename(path)
  if (/\.json$/i.test(name)) {
    let payload: unknown
    try {
      payload = JSON.parse(text)
    } catch (cause) {
      throw new BacktestError(`${name} is not valid JSON.`, 'DATA_FORMAT_UNKNOWN', { cause })
    }
    if (looksLikeTrades(payload)) {
      return aggregateTrades(parseTrades(payload), { intervalMs: options.intervalMs, symbol: options.symbol })
    }
    return parseCandlesJson(payload, { symbol: options.symbol })
  }
  return parseCandlesCsv(text, { fileName: name, date: options.date, symbol: options.symbol })
}

function looksLikeTrades(payload: unknown): boolean {
  const first = Array.isArray(payload)
    ? payload[0]
    : typeof payload === 'object' && payload !== null
      ? (payload as { trades?: unknown[] }).trades?.[0]
      : undefined
  if (typeof first !== 'object' || first === null) return false
  return 'response' in first || 'trade_id' in first
}
