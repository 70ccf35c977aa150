import { Decimal } from '@gpt-trader/validation'
import { type Bar, makeBar } from './Bar.js'
import type { DataQualityReport, DuplicateBar, InvalidRow, OutOfOrderRow } from './DataQualityReport.js'

/** One parsed source row before checks: time in ms and decimal strings. @internal */
export interface RawRow {
  line: number
  time: number
  open: string
  high: string
  low: string
  close: string
  volume: string
}

/** The result of every loader: bars ascending by time, and what was wrong with the source. */
export interface BarSeries {
  /** Product id when the source says (e.g. `BTC-USD`), else undefined. */
  symbol: string | undefined
  /** The detected source format. */
  format: DataFormat
  /** Bar spacing in ms (the most common one). */
  intervalMs: number
  bars: Bar[]
  report: DataQualityReport
}

/** Formats the loaders recognise. */
export type DataFormat =
  | 'cryptodatadownload-csv'
  | 'header-csv'
  | 'lean-trade-csv'
  | 'lean-quote-csv'
  | 'lean-daily-trade-csv'
  | 'lean-daily-quote-csv'
  | 'coinbase-candles-json'
  | 'coinbase-exchange-candles-json'
  | 'trades'

const DECIMAL = /^-?\d+(\.\d+)?$/
const SCIENTIFIC = /^-?\d+(\.\d+)?[eE][-+]?\d+$/

/**
 * Normalises a numeric field to a plain decimal string (`'1e-5'` → `'0.00001'`), or undefined when it
 * is not a number. @internal
 */
export function decimalField(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const s = text.trim()
  if (DECIMAL.test(s)) return s
  if (SCIENTIFIC.test(s)) {
    // Exact conversion to plain notation ('1e-5' → '0.00001'). A value that needs more than 40
    // digits (e.g. 1e308) is no price or volume: treat it as unreadable rather than carry it.
    const exponent = Number(s.slice(s.search(/[eE]/) + 1))
    if (!(Math.abs(exponent) <= 40)) return undefined
    return new Decimal(s).toFixed()
  }
  return undefined
}

/**
 * Checks, sorts and de-duplicates parsed rows into bars, and fills the quality report: order,
 * out-of-order rows, duplicates (first row kept), gaps at the most common interval (never filled),
 * zero volume, inconsistent OHLC. @internal
 */
export function buildSeries(
  rows: readonly RawRow[],
  options: {
    format: DataFormat
    symbol: string | undefined
    invalid?: InvalidRow[]
    banner?: string[]
    notes?: string[]
    /** Expected spacing; detected from the data when absent. */
    intervalMs?: number | undefined
    /** Skip the zero-volume list (quote bars carry no traded volume). */
    noVolume?: boolean
  },
): BarSeries {
  const invalid = options.invalid ?? []
  const valid: RawRow[] = []
  for (const row of rows) {
    const problem = checkRow(row)
    if (problem) invalid.push({ line: row.line, reason: problem })
    else valid.push(row)
  }
  // File order and the rows that go against it.
  let up = 0
  let down = 0
  for (let i = 1; i < valid.length; i++) {
    const d = valid[i]!.time - valid[i - 1]!.time
    if (d > 0) up++
    else if (d < 0) down++
  }
  const steps = up + down
  const order: DataQualityReport['order'] =
    valid.length < 2
      ? 'single'
      : up >= 0.99 * steps
        ? 'ascending'
        : down >= 0.99 * steps
          ? 'descending'
          : 'mixed'
  const outOfOrder: OutOfOrderRow[] = []
  const dominant = up >= down ? 1 : -1
  for (let i = 1; i < valid.length; i++) {
    const prev = valid[i - 1]!
    const row = valid[i]!
    const d = row.time - prev.time
    if (d !== 0 && Math.sign(d) !== dominant) {
      outOfOrder.push({ line: row.line, time: row.time, previousTime: prev.time })
    }
  }
  // Stable sort by time keeps file order among equal times, so the first row wins.
  const sorted = valid.map((row, index) => ({ row, index }))
  sorted.sort((a, b) => a.row.time - b.row.time || a.index - b.index)
  const bars: Bar[] = []
  const duplicates: DuplicateBar[] = []
  const inconsistent: number[] = []
  const zeroVolume: number[] = []
  let kept: RawRow | undefined
  let dup: DuplicateBar | undefined
  for (const { row } of sorted) {
    if (kept !== undefined && row.time === kept.time) {
      const same =
        row.open === kept.open &&
        row.high === kept.high &&
        row.low === kept.low &&
        row.close === kept.close &&
        row.volume === kept.volume
      if (dup === undefined || dup.time !== row.time) {
        dup = { time: row.time, lines: [kept.line], identical: true }
        duplicates.push(dup)
      }
      dup.lines.push(row.line)
      dup.identical &&= same
      continue
    }
    kept = row
    const bar = makeBar(row.time, row.open, row.high, row.low, row.close, row.volume)
    const c = bar.candle
    if (c.high < c.low || c.high < Math.max(c.open, c.close) || c.low > Math.min(c.open, c.close)) {
      inconsistent.push(row.line)
    }
    if (!options.noVolume && c.volume === 0) zeroVolume.push(row.time)
    bars.push(bar)
  }
  const intervalMs = options.intervalMs ?? detectInterval(bars)
  const gaps: DataQualityReport['gaps'] = []
  let missingBars = 0
  if (intervalMs > 0) {
    for (let i = 1; i < bars.length; i++) {
      const after = bars[i - 1]!.time
      const before = bars[i]!.time
      const missing = Math.floor((before - after) / intervalMs) - 1
      if (missing > 0) {
        gaps.push({ after, before, missingBars: missing })
        missingBars += missing
      }
    }
  }
  inconsistent.sort((a, b) => a - b)
  return {
    symbol: options.symbol,
    format: options.format,
    intervalMs,
    bars,
    report: {
      rows: rows.length,
      bars: bars.length,
      order,
      intervalMs,
      first: bars[0]?.time ?? Number.NaN,
      last: bars[bars.length - 1]?.time ?? Number.NaN,
      gaps,
      missingBars,
      duplicates,
      outOfOrder,
      zeroVolume,
      inconsistent,
      invalid,
      banner: options.banner ?? [],
      notes: options.notes ?? [],
    },
  }
}

function checkRow(row: RawRow): string | undefined {
  if (!Number.isFinite(row.time)) return 'unreadable time'
  for (const key of ['open', 'high', 'low', 'close', 'volume'] as const) {
    const v = row[key]
    if (!DECIMAL.test(v)) return `${key} is not a number: ${JSON.stringify(v.slice(0, 40))}`
    if (v.startsWith('-')) return `${key} is negative`
  }
  return undefined
}

/** The most common positive spacing between consecutive bars (ms). @internal */
export function detectInterval(bars: readonly { time: number }[]): number {
  const counts = new Map<number, number>()
  for (let i = 1; i < bars.length; i++) {
    const d = bars[i]!.time - bars[i - 1]!.time
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1)
  }
  let best = 0
  let bestCount = 0
  for (const [d, n] of counts) {
    if (n > bestCount || (n === bestCount && d < best)) {
      best = d
      bestCount = n
    }
  }
  return best
}
