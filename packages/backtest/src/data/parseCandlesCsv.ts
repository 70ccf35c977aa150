import { Decimal, formatDecimal } from '@gpt-trader/validation'
import { BacktestError } from '../BacktestError.js'
import { type BarSeries, buildSeries, decimalField, type RawRow } from './buildSeries.js'
import type { InvalidRow } from './DataQualityReport.js'
import { parseTime } from './parseTime.js'

/** Options of {@link parseCandlesCsv}. */
export interface ParseCandlesCsvOptions {
  /**
   * The file name (not the path is needed, but a path works). Lean files carry their date (and
   * `minute`/`second`) in the name: `20161007_btcusd_minute_trade.csv`.
   */
  fileName?: string | undefined
  /** UTC day (`YYYY-MM-DD` or `YYYYMMDD`) for Lean intraday files when the name does not say. */
  date?: string | undefined
  /** Product id to report, when the file does not name one. */
  symbol?: string | undefined
}

const DAY_MS = 86_400_000
const QUOTES = ['usd', 'usdc', 'usdt', 'eur', 'gbp']

/**
 * Parses candle CSV text in any of the supported layouts into ascending bars plus a
 * {@link DataQualityReport}:
 *
 * - **header CSVs**: any column order, header names matched case-insensitively: time from `unix`,
 *   `unix timestamp`, `unix_timestamp` (seconds or ms) or else `time`, `timestamp`, `date`, `start`
 *   (unix or a date string); `open`, `high`, `low`, `close`; base volume from `volume`, `volto`, or
 *   the first `volume <base>` column. This covers our own format (`time,open,high,low,close,volume`),
 *   the bitstamp/Coinbase daily file (`timestamp,open,close,volume,unix_timestamp,high,low`) and
 *   CryptoDataDownload exports (banner line, newest first, `2020-10-24 07-AM` labels; when a file
 *   has both a unix column and a date label, the unix column is used and disagreements are counted
 *   in `report.notes`).
 * - **Lean (QuantConnect) files, no header**: trade bars `ms_since_midnight,o,h,l,c,volume` (the day
 *   comes from the file name or `date`), quote bars (11 columns; bars are bid/ask midpoints, with no
 *   volume), and daily files starting `YYYYMMDD HH:MM`.
 *
 * Throws `DATA_FORMAT_UNKNOWN` when the layout is not recognised.
 *
 * @example
 * const series = parseCandlesCsv('time,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n')
 * series.bars[0].close // '1.5'
 */
export function parseCandlesCsv(text: string, options: ParseCandlesCsvOptions = {}): BarSeries {
  const lines = text.split(/\r?\n/)
  const banner: string[] = []
  let headerIndex = -1
  for (let i = 0; i < Math.min(lines.length, 5); i++) {
    const line = lines[i]!.trim()
    if (line === '') continue
    const cells = splitCells(line).map((c) => c.toLowerCase())
    if (cells.includes('open') && cells.includes('close')) {
      headerIndex = i
      break
    }
    if (/^-?\d/.test(cells[0] ?? '')) break // data starts: no header
    banner.push(lines[i]!)
  }
  if (headerIndex >= 0) return parseWithHeader(lines, headerIndex, banner, options)
  if (banner.length > 0) {
    throw new BacktestError(
      'Unrecognised candle CSV: no header row with open and close columns.',
      'DATA_FORMAT_UNKNOWN',
      {
        details: `first line: ${JSON.stringify(banner[0]!.slice(0, 80))}`,
      },
    )
  }
  return parseLean(lines, options)
}

function splitCells(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'))
}

function parseWithHeader(
  lines: readonly string[],
  headerIndex: number,
  banner: string[],
  options: ParseCandlesCsvOptions,
): BarSeries {
  const header = splitCells(lines[headerIndex]!).map((c) => c.toLowerCase())
  const col = (...names: string[]) => {
    for (const name of names) {
      const i = header.indexOf(name)
      if (i >= 0) return i
    }
    return -1
  }
  const unixCol = col('unix', 'unix timestamp', 'unix_timestamp', 'unix_time')
  const labelCol = col('time', 'timestamp', 'date', 'datetime', 'start')
  const timeCol = unixCol >= 0 ? unixCol : labelCol
  const open = col('open')
  const high = col('high')
  const low = col('low')
  const close = col('close')
  let volume = col('volume', 'volto')
  if (volume < 0) {
    volume = header.findIndex((h) => {
      const m = /^volume[ _]?(\w+)$/.exec(h)
      return m !== null && !QUOTES.includes(m[1]!)
    })
  }
  const missing = [
    ['time', timeCol],
    ['open', open],
    ['high', high],
    ['low', low],
    ['close', close],
    ['volume', volume],
  ].filter(([, i]) => i === -1)
  if (missing.length > 0) {
    throw new BacktestError(
      `Unrecognised candle CSV header: no ${missing.map(([n]) => n).join(', ')} column.`,
      'DATA_FORMAT_UNKNOWN',
      { details: `header: ${lines[headerIndex]!.slice(0, 200)}` },
    )
  }
  const symbolCol = col('symbol', 'product_id', 'product')
  const isCdd = banner.some((b) => /cryptodatadownload/i.test(b))
  const rows: RawRow[] = []
  const invalid: InvalidRow[] = []
  let mismatches = 0
  let firstMismatch: string | undefined
  let lastMismatch: string | undefined
  let symbol: string | undefined
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    const cells = splitCells(line)
    const lineNo = i + 1
    if (cells.length < header.length) {
      invalid.push({ line: lineNo, reason: `expected ${header.length} fields, got ${cells.length}` })
      continue
    }
    const time = parseTime(cells[timeCol]!)
    if (unixCol >= 0 && labelCol >= 0 && labelCol !== unixCol) {
      const label = parseTime(cells[labelCol]!)
      if (Number.isFinite(label) && label !== time) {
        mismatches++
        firstMismatch ??= cells[labelCol]
        lastMismatch = cells[labelCol]
      }
    }
    if (symbol === undefined && symbolCol >= 0) symbol = cells[symbolCol]
    rows.push(rawRow(lineNo, time, cells[open], cells[high], cells[low], cells[close], cells[volume]))
  }
  const notes: string[] = []
  if (mismatches > 0) {
    notes.push(
      `${mismatches} rows: the unix time and the date label disagree (labels ${firstMismatch} … ${lastMismatch}); the unix time was used`,
    )
  }
  return buildSeries(rows, {
    format: isCdd ? 'cryptodatadownload-csv' : 'header-csv',
    symbol: options.symbol ?? normaliseSymbol(symbol),
    invalid,
    banner,
    notes,
  })
}

function rawRow(
  line: number,
  time: number,
  open: string | undefined,
  high: string | undefined,
  low: string | undefined,
  close: string | undefined,
  volume: string | undefined,
): RawRow {
  return {
    line,
    time,
    open: decimalField(open) ?? String(open),
    high: decimalField(high) ?? String(high),
    low: decimalField(low) ?? String(low),
    close: decimalField(close) ?? String(close),
    volume: decimalField(volume) ?? String(volume),
  }
}

/** `BTCUSD`, `BTC/USD`, `btcusd` → `BTC-USD` for the common quotes; anything else as given. */
function normaliseSymbol(symbol: string | undefined): string | undefined {
  if (symbol === undefined || symbol === '') return undefined
  const s = symbol.toUpperCase().replace('/', '-')
  if (s.includes('-')) return s
  for (const quote of ['USDC', 'USDT', 'USD', 'EUR', 'GBP', 'BTC']) {
    if (s.endsWith(quote) && s.length > quote.length) return `${s.slice(0, -quote.length)}-${quote}`
  }
  return s
}

const LEAN_NAME = /(\d{8})_([a-z]+)_(minute|second|hour)_(trade|quote)/i
const LEAN_DAILY_NAME = /([a-z]+)_daily_(trade|quote)/i

function parseLean(lines: readonly string[], options: ParseCandlesCsvOptions): BarSeries {
  const first = lines.find((l) => l.trim() !== '')
  if (first === undefined) {
    throw new BacktestError('Empty candle CSV.', 'DATA_EMPTY')
  }
  const cells = splitCells(first)
  const name = options.fileName?.split(/[\\/]/).pop() ?? ''
  const nameMatch = LEAN_NAME.exec(name)
  const dailyMatch = LEAN_DAILY_NAME.exec(name)
  const daily = /^\d{8} \d{2}:\d{2}$/.test(cells[0]!)
  const quote = cells.length === 11
  if (!(cells.length === 6 || quote)) {
    throw new BacktestError(
      `Unrecognised candle CSV: no header and ${cells.length} columns (Lean files have 6 or 11).`,
      'DATA_FORMAT_UNKNOWN',
      { details: `first line: ${JSON.stringify(first.slice(0, 80))}` },
    )
  }
  let dayStart = 0
  if (!daily) {
    const day = options.date ?? nameMatch?.[1]
    dayStart =
      day === undefined
        ? Number.NaN
        : parseTime(day.length === 8 ? `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}` : day)
    if (!Number.isFinite(dayStart) || !/^\d+$/.test(cells[0]!)) {
      throw new BacktestError(
        'Lean intraday CSV needs its day: pass a file name like 20161007_btcusd_minute_trade.csv or the date option.',
        'DATA_FORMAT_UNKNOWN',
      )
    }
  }
  const symbolText = nameMatch?.[2] ?? dailyMatch?.[1]
  const resolution = nameMatch?.[3]
  const intervalMs = daily
    ? DAY_MS
    : resolution === 'second'
      ? 1000
      : resolution === 'hour'
        ? 3_600_000
        : undefined
  const rows: RawRow[] = []
  const invalid: InvalidRow[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.trim() === '') continue
    const c = splitCells(line)
    const lineNo = i + 1
    if (c.length !== cells.length) {
      invalid.push({ line: lineNo, reason: `expected ${cells.length} fields, got ${c.length}` })
      continue
    }
    const time = daily ? parseTime(c[0]!) : /^\d+$/.test(c[0]!) ? dayStart + Number(c[0]) : Number.NaN
    if (quote) {
      const mid = (a: string | undefined, b: string | undefined) => {
        const x = decimalField(a)
        const y = decimalField(b)
        return x === undefined || y === undefined ? 'NaN' : formatDecimal(new Decimal(x).plus(y).div(2))
      }
      // Quote bars: bid o,h,l,c,size, ask o,h,l,c,size. Midpoints; no traded volume exists.
      rows.push({
        line: lineNo,
        time,
        open: mid(c[1], c[6]),
        high: mid(c[2], c[7]),
        low: mid(c[3], c[8]),
        close: mid(c[4], c[9]),
        volume: '0',
      })
    } else {
      rows.push(rawRow(lineNo, time, c[1], c[2], c[3], c[4], c[5]))
    }
  }
  const format = daily
    ? quote
      ? 'lean-daily-quote-csv'
      : 'lean-daily-trade-csv'
    : quote
      ? 'lean-quote-csv'
      : 'lean-trade-csv'
  return buildSeries(rows, {
    format,
    symbol: options.symbol ?? normaliseSymbol(symbolText),
    invalid,
    notes: quote
      ? ['quote bars: OHLC are bid/ask midpoints and volume is 0 (quotes carry no traded volume)']
      : [],
    intervalMs,
    noVolume: quote,
  })
}
