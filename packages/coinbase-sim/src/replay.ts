import { readFileSync } from 'node:fs'
import { CoinbaseSimError } from './CoinbaseSimError.js'
import { simErrorCodes } from './codes.js'

/** One replayed candle: epoch seconds plus OHLC as decimal strings. */
export interface ReplayCandle {
  start: number
  open: string
  high: string
  low: string
  close: string
  volume: string
}

const NUM = /^-?\d+(?:\.\d+)?$/

/**
 * Parses a candle CSV: Coinbase's columns (`start,low,high,open,close,volume`) or a
 * CryptoDataDownload export (banner line, `Unix Timestamp,Date,Symbol,Open,High,Low,Close,Volume …`).
 * Rows come back oldest first.
 *
 * @example
 * ```ts
 * const candles = parseCandleCsv('start,low,high,open,close,volume\n1700000000,1,2,1,2,3\n')
 * ```
 */
export function parseCandleCsv(text: string): ReplayCandle[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '')
  const headerIndex = lines.findIndex((l) => /open/i.test(l) && /close/i.test(l))
  if (headerIndex < 0)
    throw new CoinbaseSimError('Replay CSV has no header with open/close columns.', {
      code: simErrorCodes.REPLAY_INVALID,
    })
  const header = (lines[headerIndex] as string).split(',').map((h) => h.trim().toLowerCase())
  const col = (...names: string[]): number =>
    header.findIndex((h) => names.some((n) => h === n || h.startsWith(n)))
  const iTime = col('unix timestamp', 'unix', 'start', 'timestamp', 'time', 'date')
  const iOpen = col('open')
  const iHigh = col('high')
  const iLow = col('low')
  const iClose = col('close')
  const iVol = col('volume')
  if ([iTime, iOpen, iHigh, iLow, iClose].some((i) => i < 0))
    throw new CoinbaseSimError('Replay CSV lacks one of the time/open/high/low/close columns.', {
      code: simErrorCodes.REPLAY_INVALID,
    })
  const out: ReplayCandle[] = []
  for (const line of lines.slice(headerIndex + 1)) {
    const cells = line.split(',').map((c) => c.trim())
    const rawTime = cells[iTime] ?? ''
    // Epoch values are read as numbers: time is not money.
    let sec = NUM.test(rawTime) ? Number(rawTime) : Date.parse(rawTime) / 1000
    if (sec > 1e11) sec = sec / 1000
    const get = (i: number): string | null => {
      const v = cells[i]
      return v !== undefined && NUM.test(v) ? v : null
    }
    const open = get(iOpen)
    const high = get(iHigh)
    const low = get(iLow)
    const close = get(iClose)
    if (!Number.isFinite(sec) || !open || !high || !low || !close) continue
    out.push({
      start: Math.floor(sec),
      open,
      high,
      low,
      close,
      volume: (iVol >= 0 ? get(iVol) : null) ?? '0',
    })
  }
  if (out.length === 0)
    throw new CoinbaseSimError('Replay CSV has no usable rows.', { code: simErrorCodes.REPLAY_INVALID })
  out.sort((a, b) => a.start - b.start)
  return out
}

/** Reads and parses a candle CSV file. */
export function loadCandleCsv(path: string): ReplayCandle[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new CoinbaseSimError('Cannot read the replay CSV.', { code: simErrorCodes.REPLAY_INVALID, cause })
  }
  return parseCandleCsv(text)
}
