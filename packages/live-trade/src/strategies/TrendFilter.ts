import type { Filter, FilterVerdict } from './FilterPipeline.js'
import { adx } from './indicators.js'
import type { Signal, StrategyContext } from './Strategy.js'

/** Options of {@link TrendFilter}. */
export interface TrendFilterOptions {
  /** ADX period. Default 14. */
  period?: number | undefined
  /** Block when ADX is below this (no trend to follow). Default 20. */
  minAdx?: number | undefined
}

/**
 * Blocks signals when the market has no trend: ADX(14) below 20. Blocks while there is not enough
 * history (2 × period candles).
 *
 * @example
 * new TrendFilter({ minAdx: 25 })
 */
export class TrendFilter implements Filter {
  readonly name = 'trend'
  readonly period: number
  readonly minAdx: number

  constructor(options: TrendFilterOptions = {}) {
    this.period = options.period ?? 14
    this.minAdx = options.minAdx ?? 20
  }

  check(_signal: Signal, { snapshot }: StrategyContext): FilterVerdict {
    const c = snapshot.candles
    const value = adx(
      c.map((x) => x.high),
      c.map((x) => x.low),
      c.map((x) => x.close),
      this.period,
    )
    if (value === undefined) {
      return {
        pass: false,
        reason: `not enough candles for ADX${this.period}: ${c.length} of ${2 * this.period}`,
      }
    }
    const shown = Math.round(value * 100) / 100
    if (value < this.minAdx)
      return { pass: false, reason: `ADX${this.period} ${shown} < ${this.minAdx}: no trend` }
    return { pass: true, reason: `ADX${this.period} ${shown}` }
  }
}
