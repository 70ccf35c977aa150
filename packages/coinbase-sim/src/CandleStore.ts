import type { SimRandom } from './random.js'

/**
 * One-minute OHLCV buckets per product, for REST candles and the WS candles channel. Prices here
 * are display-only market data (never an order field), so they are kept as JS numbers and
 * formatted with the product's price scale on the way out.
 */
export interface MinuteCandle {
  start: number
  open: number
  high: number
  low: number
  close: number
  volume: number
}

export const GRANULARITY_SECONDS: Readonly<Record<string, number>> = {
  ONE_MINUTE: 60,
  FIVE_MINUTE: 300,
  FIFTEEN_MINUTE: 900,
  THIRTY_MINUTE: 1800,
  ONE_HOUR: 3600,
  TWO_HOUR: 7200,
  FOUR_HOUR: 14400,
  SIX_HOUR: 21600,
  ONE_DAY: 86400,
  ONE_WEEK: 604800,
}

/** Minute candles for one product. */
export class CandleStore {
  /** Oldest first; contiguous only where there was activity. */
  readonly minutes: MinuteCandle[] = []

  /** Fills `days` of deterministic history ending just before `endSec` at `price`. */
  seedHistory(endSec: number, price: number, volatility: number, days: number, random: SimRandom): void {
    const n = days * 1440
    const sigma = volatility / Math.sqrt(525600)
    const closes: number[] = new Array(n)
    let p = price
    for (let i = n - 1; i >= 0; i--) {
      closes[i] = p
      p = p / Math.exp(sigma * random.normal())
    }
    const first = Math.floor(endSec / 60) * 60 - n * 60
    let open = p
    for (let i = 0; i < n; i++) {
      const close = closes[i] as number
      const wiggle = Math.abs(close - open) * 0.5 + close * sigma * random.next()
      this.minutes.push({
        start: first + i * 60,
        open,
        close,
        high: Math.max(open, close) + wiggle * random.next(),
        low: Math.min(open, close) - wiggle * random.next(),
        volume: 0.5 + random.next() * 5,
      })
      open = close
    }
  }

  /** Records a price (and traded volume) at `sec`. */
  record(sec: number, price: number, volume: number): void {
    const start = Math.floor(sec / 60) * 60
    const last = this.minutes[this.minutes.length - 1]
    if (last && last.start === start) {
      last.high = Math.max(last.high, price)
      last.low = Math.min(last.low, price)
      last.close = price
      last.volume += volume
    } else if (!last || start > last.start) {
      this.minutes.push({ start, open: last?.close ?? price, high: price, low: price, close: price, volume })
      if (this.minutes.length > 60 * 24 * 60) this.minutes.splice(0, this.minutes.length - 60 * 24 * 60)
    }
  }

  /** Aggregated candles with `start` in [startSec, endSec), newest first. */
  query(startSec: number, endSec: number, granularity: number): MinuteCandle[] {
    const buckets = new Map<number, MinuteCandle>()
    for (const m of this.minutes) {
      if (m.start < startSec - granularity || m.start >= endSec) continue
      const b = Math.floor(m.start / granularity) * granularity
      if (b < Math.floor(startSec / granularity) * granularity) continue
      const c = buckets.get(b)
      if (!c) buckets.set(b, { ...m, start: b })
      else {
        c.high = Math.max(c.high, m.high)
        c.low = Math.min(c.low, m.low)
        c.close = m.close
        c.volume += m.volume
      }
    }
    return [...buckets.values()].sort((a, b) => b.start - a.start)
  }

  /** The last `count` minutes' stats (24h high/low/volume/open) for tickers. */
  window(
    nowSec: number,
    seconds: number,
  ): { open: number; high: number; low: number; volume: number } | null {
    let open: number | null = null
    let high = Number.NEGATIVE_INFINITY
    let low = Number.POSITIVE_INFINITY
    let volume = 0
    for (let i = this.minutes.length - 1; i >= 0; i--) {
      const m = this.minutes[i] as MinuteCandle
      if (m.start < nowSec - seconds) break
      open = m.open
      high = Math.max(high, m.high)
      low = Math.min(low, m.low)
      volume += m.volume
    }
    return open === null ? null : { open, high, low, volume }
  }
}
