import type { Signal, Strategy, StrategyContext } from './Strategy.js'

/** Options of {@link MovingAverageCrossStrategy}. */
export interface MovingAverageCrossOptions {
  /** Short moving-average period. Default 5. */
  shortPeriod?: number | undefined
  /** Long moving-average period. Default 20. */
  longPeriod?: number | undefined
  /** Trailing stop as a fraction below the peak since entry. Default 0.01 (1 %). */
  trailingStop?: number | undefined
}

/**
 * The seed's baseline strategy: BUY when the short moving average of closes crosses above the long
 * one, SELL when it crosses below, and SELL when a long position falls `trailingStop` below its peak
 * close since entry. Confidence is 0.6 at a bare cross, rising linearly to 1 when the averages are 1 %
 * apart; a trailing stop always has confidence 1.
 *
 * @example
 * const strategy = new MovingAverageCrossStrategy() // 5 / 20, trailing stop 1 %
 * strategy.decide({ snapshot, position }).side // 'BUY' | 'SELL' | 'HOLD'
 */
export class MovingAverageCrossStrategy implements Strategy {
  readonly name = 'ma-cross'
  readonly shortPeriod: number
  readonly longPeriod: number
  readonly trailingStop: number
  #peaks = new Map<string, number>()

  constructor(options: MovingAverageCrossOptions = {}) {
    this.shortPeriod = options.shortPeriod ?? 5
    this.longPeriod = options.longPeriod ?? 20
    this.trailingStop = options.trailingStop ?? 0.01
    if (!(this.shortPeriod >= 1 && this.longPeriod > this.shortPeriod)) {
      throw new RangeError(`need 1 ≤ shortPeriod < longPeriod, got ${this.shortPeriod} / ${this.longPeriod}`)
    }
  }

  decide({ snapshot, position }: StrategyContext): Signal {
    // Hot path (a backtest calls this once per bar): read the closes in place, allocate no arrays,
    // and build the human-readable reason only when someone reads it.
    const candles = snapshot.candles
    const n = candles.length
    const last = n > 0 ? candles[n - 1]!.close : undefined
    const symbol = snapshot.symbol
    const qty = position.quantity
    if (last !== undefined && qty.isPositive() && !qty.isZero()) {
      const peak = Math.max(this.#peaks.get(symbol) ?? last, last)
      this.#peaks.set(symbol, peak)
      const stop = peak * (1 - this.trailingStop)
      if (last <= stop) {
        this.#peaks.delete(symbol)
        return {
          side: 'SELL',
          confidence: 1,
          reason: `trailing stop: close ${last} is ${pct(1 - last / peak)} below the peak ${peak}`,
        }
      }
    } else if (this.#peaks.size > 0) {
      this.#peaks.delete(symbol)
    }
    const need = this.longPeriod + 1
    if (n < need) {
      return { side: 'HOLD', confidence: 0, reason: `warming up: ${n} of ${need} candles` }
    }
    const shortNow = windowMean(candles, this.shortPeriod, n)
    const longNow = windowMean(candles, this.longPeriod, n)
    const shortPrev = windowMean(candles, this.shortPeriod, n - 1)
    const longPrev = windowMean(candles, this.longPeriod, n - 1)
    if (shortPrev <= longPrev && shortNow > longNow) {
      const reason = `bullish crossover: ${detail(this, shortNow, longNow)}`
      return { side: 'BUY', confidence: confidenceOf(shortNow, longNow), reason }
    }
    if (shortPrev >= longPrev && shortNow < longNow) {
      const reason = `bearish crossover: ${detail(this, shortNow, longNow)}`
      return { side: 'SELL', confidence: confidenceOf(shortNow, longNow), reason }
    }
    // Formatting two numbers costs more than the whole decision, and most HOLD reasons are never
    // read: the reason is built when read.
    return new NoCrossover(this, shortNow, longNow)
  }
}

/**
 * A HOLD signal whose reason is formatted when read (a getter; `toJSON` includes it, so logs and
 * stored traces keep it).
 */
class NoCrossover implements Signal {
  readonly side = 'HOLD'
  readonly confidence = 0
  readonly #periods: { shortPeriod: number; longPeriod: number }
  readonly #shortNow: number
  readonly #longNow: number

  constructor(periods: { shortPeriod: number; longPeriod: number }, shortNow: number, longNow: number) {
    this.#periods = periods
    this.#shortNow = shortNow
    this.#longNow = longNow
  }

  get reason(): string {
    return `no crossover: ${detail(this.#periods, this.#shortNow, this.#longNow)}`
  }

  toJSON(): Signal {
    return { side: this.side, confidence: this.confidence, reason: this.reason }
  }
}

function detail(
  periods: { shortPeriod: number; longPeriod: number },
  shortNow: number,
  longNow: number,
): string {
  return `SMA${periods.shortPeriod} ${round(shortNow)} vs SMA${periods.longPeriod} ${round(longNow)}`
}

/**
 * Mean of the closes of `candles[end - period .. end)`, summed oldest first exactly like
 * `sma(closes, period, end)` (same additions in the same order, so the same float result). Numbers
 * are fine here: the averages only pick a side and a confidence, never an order field.
 */
function windowMean(candles: readonly { close: number }[], period: number, end: number): number {
  let sum = 0
  for (let i = end - period; i < end; i++) sum += candles[i]!.close
  return sum / period
}

function confidenceOf(shortNow: number, longNow: number): number {
  const gap = Math.abs(shortNow - longNow) / longNow
  return Math.min(1, 0.6 + gap * 40)
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100)
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 10_000) / 100} %`
}
