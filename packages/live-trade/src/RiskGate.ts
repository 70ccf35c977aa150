import type { Decimal, OrderSide, OrderType, ProductSpec, TradingState } from '@gpt-trader/validation'
import type { Order } from './Order.js'
import type { Position, PositionTracker } from './PositionTracker.js'
import type { MarketSnapshot } from './strategies/Strategy.js'

/** The order the trading loop is about to place, as the risk gate sees it. */
export interface RiskGateOrder {
  symbol: string
  side: OrderSide
  type: OrderType
  size: Decimal
  price?: Decimal | undefined
  /** True when the order only shrinks the current position (an exit). */
  reducing: boolean
}

/** Everything the trading loop knows when it asks the risk gate. */
export interface RiskGateContext {
  equity: Decimal
  position: Position
  positions: PositionTracker
  /** Working orders of the engine (all products). */
  openOrders: readonly Order[]
  snapshot: MarketSnapshot
  product: ProductSpec
  products: ReadonlyMap<string, ProductSpec>
  tradingState: TradingState
  now: number
}

/** Accept, reject with a code, or accept a smaller size. */
export type RiskGateVerdict =
  | { action: 'accept' }
  | { action: 'reject'; code: string; reason: string }
  | { action: 'clamp'; size: Decimal; reason: string }

/**
 * The pre-trade risk check as the trading loop needs it: one synchronous call per order. Wrap
 * `@gpt-trader/risk`'s `PreTradeValidator` with {@link preTradeRiskGate}, or write your own.
 *
 * @example
 * const maxOne: RiskGate = { check: (o) => o.size.gt(1) ? { action: 'clamp', size: new Decimal(1), reason: 'max 1' } : { action: 'accept' } }
 */
export interface RiskGate {
  check(order: RiskGateOrder, context: RiskGateContext): RiskGateVerdict
}
