import { Decimal, formatDecimal } from '@gpt-trader/validation'
import { z } from 'zod'
import { BacktestError } from '../BacktestError.js'
import { type BarSeries, buildSeries, decimalField, type RawRow } from './buildSeries.js'
import type { InvalidRow } from './DataQualityReport.js'
import { parseTime } from './parseTime.js'

/** One executed trade (tick) from a recording. */
export interface Trade {
  tradeId: string
  /** ms since the epoch. */
  time: number
  price: string
  size: string
  /** As recorded (Coinbase Exchange REST: the maker side). */
  side: string
}

const idSchema = z.union([z.string(), z.number()])
const tradeSchema = z.object({
  trade_id: idSchema,
  time: z.string(),
  price: z.union([z.string(), z.number()]),
  size: z.union([z.string(), z.number()]),
  side: z.string().optional(),
  product_id: z.string().optional(),
})
// nock-style recording of REST pages: [{ path, response: [trades] }, …]
const pagesSchema = z.array(z.object({ path: z.string().optional(), response: z.array(tradeSchema) }))
const tradeListSchema = z.union([z.array(tradeSchema), z.object({ trades: z.array(tradeSchema) })])

/** Trades after de-duplication by trade id, oldest first, and what was dropped. */
export interface ParsedTrades {
  trades: Trade[]
  /** Trade ids seen more than once (kept once). */
  duplicateIds: string[]
  invalid: InvalidRow[]
  symbol: string | undefined
}

/**
 * Parses recorded trades (already `JSON.parse`d): recorded REST pages `[{ response: [trade, …] }]`
 * (Coinbase Exchange `/products/{id}/trades`, newest first per page), a bare array of trades, or the
 * Advanced Trade `{ trades: [...] }` shape. Trades are de-duplicated by `trade_id` and sorted by time,
 * then id.
 *
 * @example
 * parseTrades([{ trade_id: 1, time: '2016-05-12T15:00:01.029Z', price: '453.3', size: '0.1', side: 'buy' }]).trades.length // 1
 */
export function parseTrades(payload: unknown): ParsedTrades {
  let raw: z.infer<typeof tradeSchema>[]
  let symbol: string | undefined
  const pages = pagesSchema.safeParse(payload)
  if (pages.success) {
    raw = pages.data.flatMap((p) => p.response)
    symbol = /\/products\/([A-Za-z0-9]+-[A-Za-z0-9]+)\//.exec(pages.data[0]?.path ?? '')?.[1]
  } else {
    const list = tradeListSchema.safeParse(payload)
    if (!list.success) {
      throw new BacktestError(
        'Unrecognised trades JSON: expected recorded REST pages, an array of trades or { trades: [...] }.',
        'DATA_FORMAT_UNKNOWN',
        {
          cause: list.error,
          details: Array.isArray(payload)
            ? 'an array without trade_id/time/price/size items'
            : `a ${typeof payload}`,
        },
      )
    }
    raw = Array.isArray(list.data) ? list.data : list.data.trades
  }
  const seen = new Set<string>()
  const duplicateIds: string[] = []
  const invalid: InvalidRow[] = []
  const trades: Trade[] = []
  raw.forEach((t, i) => {
    const tradeId = String(t.trade_id)
    if (seen.has(tradeId)) {
      duplicateIds.push(tradeId)
      return
    }
    seen.add(tradeId)
    const time = parseTime(t.time)
    const price = decimalField(String(t.price))
    const size = decimalField(String(t.size))
    if (!Number.isFinite(time) || price === undefined || size === undefined) {
      invalid.push({ line: i + 1, reason: `trade ${tradeId}: unreadable time, price or size` })
      return
    }
    if (price.startsWith('-') || /^[0.]+$/.test(price) || size.startsWith('-') || /^[0.]+$/.test(size)) {
      invalid.push({ line: i + 1, reason: `trade ${tradeId}: price and size must be > 0` })
      return
    }
    symbol ??= t.product_id
    trades.push({ tradeId, time, price, size, side: t.side ?? '' })
  })
  trades.sort((a, b) => a.time - b.time || compareIds(a.tradeId, b.tradeId))
  return { trades, duplicateIds, invalid, symbol }
}

function compareIds(a: string, b: string): number {
  const x = Number(a)
  const y = Number(b)
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : a < b ? -1 : a > b ? 1 : 0
}

/** Options of {@link aggregateTrades}. */
export interface AggregateTradesOptions {
  /** Bar length in ms. Default 60 000 (one minute). */
  intervalMs?: number | undefined
  symbol?: string | undefined
}

/**
 * Aggregates trades into OHLCV bars aligned to multiples of `intervalMs` since the epoch: open = first
 * trade's price, close = last, volume = Σ size (exact). Intervals without trades produce no bar; they
 * are reported as gaps, never filled. Duplicate trade ids and unreadable trades are reported in the
 * notes and `invalid`.
 *
 * @example
 * const series = aggregateTrades(parseTrades(json), { intervalMs: 60_000 })
 */
export function aggregateTrades(parsed: ParsedTrades, options: AggregateTradesOptions = {}): BarSeries {
  const intervalMs = options.intervalMs ?? 60_000
  if (!(Number.isInteger(intervalMs) && intervalMs > 0)) {
    throw new BacktestError(`intervalMs must be a positive integer, got ${intervalMs}.`, 'INVALID_OPTIONS')
  }
  const rows: RawRow[] = []
  let current:
    | { start: number; open: string; high: Decimal; low: Decimal; close: string; volume: Decimal }
    | undefined
  const flush = () => {
    if (!current) return
    rows.push({
      line: rows.length + 1,
      time: current.start,
      open: current.open,
      high: formatDecimal(current.high),
      low: formatDecimal(current.low),
      close: current.close,
      volume: formatDecimal(current.volume),
    })
  }
  for (const t of parsed.trades) {
    const start = Math.floor(t.time / intervalMs) * intervalMs
    const price = new Decimal(t.price)
    if (current === undefined || current.start !== start) {
      flush()
      current = { start, open: t.price, high: price, low: price, close: t.price, volume: new Decimal(t.size) }
    } else {
      if (price.gt(current.high)) current.high = price
      if (price.lt(current.low)) current.low = price
      current.close = t.price
      current.volume = current.volume.plus(t.size)
    }
  }
  flush()
  const notes = [`aggregated ${parsed.trades.length} trades into ${rows.length} bars of ${intervalMs} ms`]
  if (parsed.duplicateIds.length > 0) {
    notes.push(
      `${parsed.duplicateIds.length} duplicate trade ids counted once: ${parsed.duplicateIds.slice(0, 5).join(', ')}`,
    )
  }
  return buildSeries(rows, {
    format: 'trades',
    symbol: options.symbol ?? parsed.symbol,
    invalid: [...parsed.invalid],
    notes,
    intervalMs,
  })
}
