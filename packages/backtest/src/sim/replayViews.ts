import type { Candle, MarketSnapshot, Position } from '@gpt-trader/live-trade'
import { Decimal } from '@gpt-trader/validation'

/**
 * The market snapshot of one replayed bar. `mark` (the close, a Decimal) is built on first read:
 * most bars only feed indicators, and a Decimal per bar would dominate the replay's cost. @internal
 */
export class BarSnapshot implements MarketSnapshot {
  readonly symbol: string
  readonly at: number
  readonly candles: readonly Candle[]
  readonly bestBid = undefined
  readonly bestAsk = undefined
  readonly #close: string
  #mark: Decimal | undefined

  constructor(symbol: string, at: number, close: string, candles: readonly Candle[]) {
    this.symbol = symbol
    this.at = at
    this.#close = close
    this.candles = candles
  }

  get mark(): Decimal {
    this.#mark ??= new Decimal(this.#close)
    return this.#mark
  }
}

/**
 * The position the strategy sees at a bar's close: the counted fills (from the engine's
 * PositionTracker) marked at this close. Derived fields are computed on first read. @internal
 */
export class BarPosition implements Position {
  readonly #base: Position
  readonly #snapshot: BarSnapshot
  #marketValue: Decimal | undefined

  constructor(base: Position, snapshot: BarSnapshot) {
    this.#base = base
    this.#snapshot = snapshot
  }

  get symbol(): string {
    return this.#base.symbol
  }
  get quantity(): Decimal {
    return this.#base.quantity
  }
  get costBasis(): Decimal {
    return this.#base.costBasis
  }
  get averageEntryPrice(): Decimal | undefined {
    return this.#base.averageEntryPrice
  }
  get realizedPnl(): Decimal {
    return this.#base.realizedPnl
  }
  get fees(): Decimal {
    return this.#base.fees
  }
  get realizedPnlNet(): Decimal {
    return this.#base.realizedPnlNet
  }
  get mark(): Decimal {
    return this.#snapshot.mark
  }
  get marketValue(): Decimal {
    this.#marketValue ??= this.#base.quantity.times(this.#snapshot.mark)
    return this.#marketValue
  }
  get unrealizedPnl(): Decimal {
    return this.marketValue.minus(this.#base.costBasis)
  }
}
