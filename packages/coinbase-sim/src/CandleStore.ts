import type { SimRandom } from './random.js'

/**
 * One OHLCV bucket. Prices here are display-only market data (never an order field), so they are
 * kept as JS numbers and formatted with the product's price scale on the way out.
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

/**
 * The buckets a {@link CandleStore} keeps per product, finest first, and how many of each. Coinbase
 * returns at most 350 candles per request, so each tier holds 350 candles of the coarsest
 * granularity it serves (plus, for minutes, a full 24 h for tickers' 24 h statistics):
 *
 * | tier | slots | span | serves |
 * |---|---|---|---|
 * | 1 min | 1 800 | 30 h | ONE_MINUTE, FIVE_MINUTE, 24 h ticker stats |
 * | 15 min | 700 | 7.3 days | FIFTEEN_MINUTE, THIRTY_MINUTE |
 * | 1 h | 2 100 | 87.5 days | ONE_HOUR … SIX_HOUR |
 * | 1 day | 2 450 | 6.7 years | ONE_DAY, ONE_WEEK |
 *
 * A slot is six float64 (48 bytes), so a product costs at most ~340 KB whatever the run length.
 */
export const CANDLE_TIERS: readonly { readonly seconds: number; readonly capacity: number }[] = [
  { seconds: 60, capacity: 1_800 },
  { seconds: 900, capacity: 700 },
  { seconds: 3_600, capacity: 2_100 },
  { seconds: 86_400, capacity: 2_450 },
]

const FIELDS = 6
const START = 0
const OPEN = 1
const HIGH = 2
const LOW = 3
const CLOSE = 4
const VOLUME = 5

/**
 * A fixed-capacity ring of OHLCV buckets of one width, oldest overwritten first. Columns live in one
 * `Float64Array` (no object per candle); the buffer starts small and doubles up to `capacity`.
 */
class CandleRing {
  private data = new Float64Array(64 * FIELDS)
  /** Slot of the oldest bucket. */
  private head = 0
  size = 0

  constructor(
    readonly seconds: number,
    readonly capacity: number,
  ) {}

  /** Offset in `data` of the i-th bucket, 0 = oldest. */
  private at(i: number): number {
    const slots = this.data.length / FIELDS
    return ((this.head + i) % slots) * FIELDS
  }

  get(i: number, field: number): number {
    return this.data[this.at(i) + field] as number
  }

  /** Start of the oldest bucket kept, or null when empty. */
  oldestStart(): number | null {
    return this.size === 0 ? null : this.get(0, START)
  }

  /** Index of the first bucket with `start >= sec` (buckets are kept in ascending start order). */
  lowerBound(sec: number): number {
    let lo = 0
    let hi = this.size
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.get(mid, START) < sec) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Folds an OHLCV piece into the bucket starting at `start` (a new bucket when it is later than the last). */
  merge(start: number, open: number, high: number, low: number, close: number, volume: number): void {
    const d = this.data
    if (this.size > 0) {
      const o = this.at(this.size - 1)
      const lastStart = d[o + START] as number
      if (lastStart === start) {
        d[o + HIGH] = Math.max(d[o + HIGH] as number, high)
        d[o + LOW] = Math.min(d[o + LOW] as number, low)
        d[o + CLOSE] = close
        d[o + VOLUME] = (d[o + VOLUME] as number) + volume
        return
      }
      // Buckets only move forward: a late piece for an older bucket is ignored, as before.
      if (start < lastStart) return
    }
    this.push(start, open, high, low, close, volume)
  }

  private push(start: number, open: number, high: number, low: number, close: number, volume: number): void {
    const slots = this.data.length / FIELDS
    if (this.size === slots && slots < this.capacity) {
      // Still growing: nothing has wrapped (head is 0), so a plain copy keeps the order.
      const grown = new Float64Array(Math.min(this.capacity, slots * 2) * FIELDS)
      grown.set(this.data)
      this.data = grown
    }
    let o: number
    if (this.size < this.data.length / FIELDS) {
      o = this.at(this.size)
      this.size++
    } else {
      o = this.head * FIELDS
      this.head = (this.head + 1) % (this.data.length / FIELDS)
    }
    const d = this.data
    d[o + START] = start
    d[o + OPEN] = open
    d[o + HIGH] = high
    d[o + LOW] = low
    d[o + CLOSE] = close
    d[o + VOLUME] = volume
  }

  candle(i: number): MinuteCandle {
    const o = this.at(i)
    const d = this.data
    return {
      start: d[o + START] as number,
      open: d[o + OPEN] as number,
      high: d[o + HIGH] as number,
      low: d[o + LOW] as number,
      close: d[o + CLOSE] as number,
      volume: d[o + VOLUME] as number,
    }
  }
}

/**
 * Candles for one product, for REST candles, the WS candles channel and tickers' 24 h statistics.
 * Memory is bounded: one ring per {@link CANDLE_TIERS} tier, every tier updated on each record, and
 * a query served from the finest tier that divides the granularity and reaches back far enough.
 * Buckets exist only where there was activity (or seeded history), as on Coinbase.
 */
export class CandleStore {
  private readonly tiers: CandleRing[] = CANDLE_TIERS.map((t) => new CandleRing(t.seconds, t.capacity))

  /** Buckets currently kept per tier (finest first); each stays at or under its tier's capacity. */
  sizes(): number[] {
    return this.tiers.map((t) => t.size)
  }

  /** Fills `days` of deterministic history ending just before `endSec` at `price`. */
  seedHistory(endSec: number, price: number, volatility: number, days: number, random: SimRandom): void {
    const n = days * 1440
    const sigma = volatility / Math.sqrt(525600)
    const closes = new Float64Array(n)
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
      const high = Math.max(open, close) + wiggle * random.next()
      const low = Math.min(open, close) - wiggle * random.next()
      this.mergeAll(first + i * 60, open, high, low, close, 0.5 + random.next() * 5)
      open = close
    }
  }

  /** Records a price (and traded volume) at `sec`. */
  record(sec: number, price: number, volume: number): void {
    const minutes = this.tiers[0] as CandleRing
    const start = Math.floor(sec / 60) * 60
    const last = minutes.size > 0 ? minutes.size - 1 : -1
    const lastStart = last >= 0 ? minutes.get(last, START) : Number.NEGATIVE_INFINITY
    if (start < lastStart) return
    // A new minute opens at the previous close, as Coinbase's candles do.
    const open = start === lastStart ? minutes.get(last, OPEN) : last >= 0 ? minutes.get(last, CLOSE) : price
    this.mergeAll(start, open, price, price, price, volume)
  }

  private mergeAll(
    sec: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
  ): void {
    for (const t of this.tiers)
      t.merge(Math.floor(sec / t.seconds) * t.seconds, open, high, low, close, volume)
  }

  /** The finest tier serving `granularity` that reaches back to `fromSec` (else the one reaching furthest). */
  private tierFor(granularity: number, fromSec: number): CandleRing {
    let best: CandleRing | null = null
    for (const t of this.tiers) {
      if (granularity % t.seconds !== 0) continue
      const oldest = t.oldestStart()
      if (oldest === null) continue
      if (oldest <= fromSec) return t
      if (best === null || oldest < (best.oldestStart() as number)) best = t
    }
    return best ?? (this.tiers[0] as CandleRing)
  }

  /** Aggregated candles with `start` in [startSec, endSec), newest first. */
  query(startSec: number, endSec: number, granularity: number): MinuteCandle[] {
    const from = Math.floor(startSec / granularity) * granularity
    const tier = this.tierFor(granularity, from)
    const out: MinuteCandle[] = []
    let c: MinuteCandle | null = null
    for (let i = tier.lowerBound(from); i < tier.size; i++) {
      const start = tier.get(i, START)
      if (start >= endSec) break
      const b = Math.floor(start / granularity) * granularity
      if (c === null || c.start !== b) {
        c = { ...tier.candle(i), start: b }
        out.push(c)
      } else {
        c.high = Math.max(c.high, tier.get(i, HIGH))
        c.low = Math.min(c.low, tier.get(i, LOW))
        c.close = tier.get(i, CLOSE)
        c.volume += tier.get(i, VOLUME)
      }
    }
    return out.reverse()
  }

  /** Stats over the last `seconds` (24 h high/low/volume/open) for tickers, or null without data. */
  window(
    nowSec: number,
    seconds: number,
  ): { open: number; high: number; low: number; volume: number } | null {
    const from = nowSec - seconds
    const tier = this.tierFor(60, from)
    let open: number | null = null
    let high = Number.NEGATIVE_INFINITY
    let low = Number.POSITIVE_INFINITY
    let volume = 0
    for (let i = tier.size - 1; i >= 0; i--) {
      if (tier.get(i, START) < from) break
      open = tier.get(i, OPEN)
      high = Math.max(high, tier.get(i, HIGH))
      low = Math.min(low, tier.get(i, LOW))
      volume += tier.get(i, VOLUME)
    }
    return open === null ? null : { open, high, low, volume }
  }
}
