import type { Filter, FilterVerdict } from './FilterPipeline.js'
import { rsi } from './indicators.js'
import type { Signal, StrategyContext } from './Strategy.js'

/** Options of {@link MomentumFilter}. */
export interface MomentumFilterOptions {
  /** RSI period. Default 14. */
  period?: number | undefined
  /** No BUY at or above this RSI. Default 70. */
  overbought?: number | undefined
  /** No SELL at or below this RSI. Default 30. */
  oversold?: number | undefined
}

/**
 * Blocks buying into an overbought market and selling into an oversold one (RSI). Blocks while
 * there is not enough history.
 *
 * @example
 * new MomentumFilter({ overbought: 75 })
 */
export class MomentumFilter implements Filter {
  readonly name = 'momentum'
  readonly period: number
  readonly overbought: number
  readonly oversold: number

  constructor(options: MomentumFilterOptions = {}) {
    this.period = options.period ?? 14
    this.overbought = options.overbought ?? 70
    this.oversold = options.oversold ?? 30
  }

  check(signal: Signal, { snapshot }: StrategyContext): FilterVerdict {
    const value = rsi(
      snapshot.candles.map((c) => c.close),
      this.period,
    )
    if (value === undefined) {
      return {
        pass: false,
        reason: `not enough candles for RSI${this.period}: ${snapshot.candles.length} of ${this.period + 1}`,
      }
    }
    const shown = Math.round(value * 100) / 100
    if (signal.side === 'BUY' && value >= this.overbought) {
      return { pass: false, reason: `RSI${this.period} ${shown} ≥ ${this.overbought}: overbought, no BUY` }
    }
    if (signal.side === 'SELL' && value <= this.oversold) {
      return { pass: false, reason: `RSI${this.period} ${shown} ≤ ${this.oversold}: oversold, no SELL` }
    }
    return { pass: true, reason: `RSI${this.period} ${shown}` }
  }
}
