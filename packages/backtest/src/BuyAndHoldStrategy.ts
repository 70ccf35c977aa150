import type { Signal, Strategy, StrategyContext } from '@gpt-trader/live-trade'

/**
 * The benchmark strategy: BUY with full confidence at the first bar's close while flat, then hold
 * forever. With sizing that allows the whole portfolio and zero fees, a backtest of it returns exactly
 * last close / first fill price − 1 (the package's built-in correctness check).
 *
 * @example
 * await runBacktest({ data, strategy: new BuyAndHoldStrategy(), sizing: allInSizing(), risk: false })
 */
export class BuyAndHoldStrategy implements Strategy {
  readonly name = 'buy-and-hold'
  #bought = new Set<string>()

  decide({ snapshot, position }: StrategyContext): Signal {
    if (this.#bought.has(snapshot.symbol) || position.quantity.gt(0)) {
      this.#bought.add(snapshot.symbol)
      return { side: 'HOLD', confidence: 0, reason: 'holding' }
    }
    this.#bought.add(snapshot.symbol)
    return { side: 'BUY', confidence: 1, reason: 'buy and hold: enter once' }
  }
}
