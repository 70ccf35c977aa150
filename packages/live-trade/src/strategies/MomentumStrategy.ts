import { rsi } from './indicators.js'
import type { Signal, Strategy, StrategyContext } from './Strategy.js'

/** Options of {@link MomentumStrategy}. */
export interface MomentumStrategyOptions {
  /** RSI period. Default 14. */
  period?: number | undefined
  /** BUY below this RSI. Default 30. */
  oversold?: number | undefined
  /** SELL above this RSI. Default 70. */
  overbought?: number | undefined
}

/**
 * RSI momentum: BUY when RSI(14) is below 30 (oversold), SELL when above 70 (overbought), HOLD in
 * between. Confidence is 0.6 at the threshold, rising linearly to 1 at RSI 0 (or 100).
 *
 * @example
 * new MomentumStrategy({ period: 14, oversold: 30, overbought: 70 })
 */
export class MomentumStrategy implements Strategy {
  readonly name = 'rsi-momentum'
  readonly period: number
  readonly oversold: number
  readonly overbought: number

  constructor(options: MomentumStrategyOptions = {}) {
    this.period = options.period ?? 14
    this.oversold = options.oversold ?? 30
    this.overbought = options.overbought ?? 70
    if (
      !(this.period >= 1 && this.oversold >= 0 && this.oversold < this.overbought && this.overbought <= 100)
    ) {
      throw new RangeError(
        `need period ≥ 1 and 0 ≤ oversold < overbought ≤ 100, got ${this.period}, ${this.oversold}, ${this.overbought}`,
      )
    }
  }

  decide({ snapshot }: StrategyContext): Signal {
    const closes = snapshot.candles.map((c) => c.close)
    const value = rsi(closes, this.period)
    if (value === undefined) {
      return {
        side: 'HOLD',
        confidence: 0,
        reason: `warming up: ${closes.length} of ${this.period + 1} candles`,
      }
    }
    const shown = Math.round(value * 100) / 100
    if (value < this.oversold) {
      const confidence = 0.6 + (0.4 * (this.oversold - value)) / this.oversold
      return { side: 'BUY', confidence, reason: `RSI${this.period} ${shown} < ${this.oversold}: oversold` }
    }
    if (value > this.overbought) {
      const confidence = 0.6 + (0.4 * (value - this.overbought)) / (100 - this.overbought)
      return {
        side: 'SELL',
        confidence,
        reason: `RSI${this.period} ${shown} > ${this.overbought}: overbought`,
      }
    }
    return { side: 'HOLD', confidence: 0, reason: `RSI${this.period} ${shown} is neutral` }
  }
}
