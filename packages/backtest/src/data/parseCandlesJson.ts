import { z } from 'zod'
import { BacktestError } from '../BacktestError.js'
import { type BarSeries, buildSeries, decimalField, type RawRow } from './buildSeries.js'
import { parseTime } from './parseTime.js'

const numberOrString = z.union([z.string(), z.number()])
const advancedCandle = z.object({
  start: numberOrString,
  low: numberOrString,
  high: numberOrString,
  open: numberOrString,
  close: numberOrString,
  volume: numberOrString,
})
const advancedPayload = z.union([z.object({ candles: z.array(advancedCandle) }), z.array(advancedCandle)])
// Legacy Coinbase Exchange `/products/{id}/candles`: `[[time, low, high, open, close, volume], …]`.
const exchangePayload = z.array(
  z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]),
)

/** Options of {@link parseCandlesJson}. */
export interface ParseCandlesJsonOptions {
  /** Product id to report (the payload does not carry one). */
  symbol?: string | undefined
}

/**
 * Parses Coinbase candle JSON (already `JSON.parse`d, so `unknown`) into ascending bars and a quality
 * report. Accepts the Advanced Trade shape `{ candles: [{ start, low, high, open, close, volume }] }`
 * (strings, `start` in unix seconds, newest first), a bare array of those, and the legacy Exchange
 * array of `[time, low, high, open, close, volume]`. Throws `DATA_FORMAT_UNKNOWN` for anything else.
 *
 * @example
 * const series = parseCandlesJson({ candles: [{ start: '1712192400', low: '1', high: '2', open: '1', close: '2', volume: '5' }] })
 * series.bars[0].time // 1712192400000
 */
export function parseCandlesJson(payload: unknown, options: ParseCandlesJsonOptions = {}): BarSeries {
  const advanced = advancedPayload.safeParse(payload)
  if (advanced.success) {
    const candles = Array.isArray(advanced.data) ? advanced.data : advanced.data.candles
    const rows: RawRow[] = candles.map((c, i) => ({
      line: i + 1,
      time: parseTime(String(c.start)),
      open: text(c.open),
      high: text(c.high),
      low: text(c.low),
      close: text(c.close),
      volume: text(c.volume),
    }))
    return buildSeries(rows, { format: 'coinbase-candles-json', symbol: options.symbol })
  }
  const exchange = exchangePayload.safeParse(payload)
  if (exchange.success) {
    const rows: RawRow[] = exchange.data.map(([time, low, high, open, close, volume], i) => ({
      line: i + 1,
      time: parseTime(String(time)),
      open: text(open),
      high: text(high),
      low: text(low),
      close: text(close),
      volume: text(volume),
    }))
    return buildSeries(rows, { format: 'coinbase-exchange-candles-json', symbol: options.symbol })
  }
  throw new BacktestError(
    'Unrecognised candle JSON: expected { candles: [...] } or an array of candles.',
    'DATA_FORMAT_UNKNOWN',
    { cause: advanced.error, details: describeShape(payload) },
  )
}

function text(value: string | number): string {
  return decimalField(String(value)) ?? String(value)
}

function describeShape(payload: unknown): string {
  if (Array.isArray(payload)) return `an array of ${payload.length} items`
  if (typeof payload === 'object' && payload !== null) {
    return `an object with keys ${Object.keys(payload).slice(0, 10).join(', ') || '(none)'}`
  }
  return `a ${typeof payload}`
}
