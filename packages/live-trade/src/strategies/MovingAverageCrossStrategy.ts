import { sma } from './indicators.js'
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
    const closes = snapshot.candles.map((c) => c.close)
    const last = closes[closes.length - 1]
    const symbol = snapshot.symbol
    if (last !== undefined && position.quantity.gt(0)) {
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
    } else {
      this.#peaks.delete(symbol)
    }
    const need = this.longPeriod + 1
    if (closes.length < need) {
      return { side: 'HOLD', confidence: 0, reason: `warming up: ${closes.length} of ${need} candles` }
    }
    const shortNow = sma(closes, this.shortPeriod)!
    const longNow = sma(closes, this.longPeriod)!
    const shortPrev = sma(closes, this.shortPeriod, closes.length - 1)!
    const longPrev = sma(closes, this.longPeriod, closes.length - 1)!
    const gap = Math.abs(shortNow - longNow) / longNow
    const confidence = Math.min(1, 0.6 + gap * 40)
    const detail = `SMA${this.shortPeriod} ${round(shortNow)} vs SMA${this.longPeriod} ${round(longNow)}`
    if (shortPrev <= longPrev && shortNow > longNow) {
      return { side: 'BUY', confidence, reason: `bullish crossover: ${detail}` }
    }
    if (shortPrev >= longPrev && shortNow < longNow) {
      return { side: 'SELL', confidence, reason: `bearish crossover: ${detail}` }
    }
    return { side: 'HOLD', confidence: 0, reason: `no crossover: ${detail}` }
  }
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100)
}

function pct(fraction: number): string {
  return `${Math.round(fraction * 10_000) / 100} %`
}
