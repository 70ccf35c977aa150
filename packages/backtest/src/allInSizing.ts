import type { SizingInputs } from '@gpt-trader/live-trade'
import type { DecimalInput } from '@gpt-trader/validation'

/**
 * Sizing inputs that make `@gpt-trader/sizing` put the whole portfolio in one position: a track
 * record whose Kelly fraction exceeds 1, full Kelly, and `maxPositionFraction` 1. Pass `maxNotional`
 * to keep room for the fee (cash / (1 + taker rate)). For benchmarks and checks, not for trading.
 *
 * @example
 * runBacktest({ data, strategy: new BuyAndHoldStrategy(), sizing: allInSizing() })
 */
export function allInSizing(options: { maxNotional?: DecimalInput | undefined } = {}): SizingInputs {
  return {
    winRate: '0.99',
    avgWin: '1',
    avgLoss: '-0.01',
    marketRegime: 'sideways_quiet',
    config: {
      kellyFraction: '1',
      maxPositionFraction: '1',
      minPositionFraction: '0',
      confidenceThreshold: '0',
    },
    ...(options.maxNotional === undefined ? {} : { maxNotional: options.maxNotional }),
  }
}
