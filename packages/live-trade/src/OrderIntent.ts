import type { Decimal, OrderSide, OrderType, TimeInForce } from '@gpt-trader/validation'

/**
 * A sized, risk-checked decision to trade, before it has a client order id. Money is `Decimal`,
 * already quantized to the product's increments.
 *
 * @example
 * const intent: OrderIntent = { symbol: 'BTC-USD', side: 'BUY', type: 'LIMIT', size: new Decimal('0.01'), price: new Decimal('67000'), decisionId: 'ma:BTC-USD:1767225600000' }
 */
export interface OrderIntent {
  symbol: string
  side: OrderSide
  type: OrderType
  /** Base size. */
  size: Decimal
  /** Limit price (LIMIT, STOP_LIMIT). */
  price?: Decimal | undefined
  /** Stop trigger price (STOP_LIMIT). */
  stopPrice?: Decimal | undefined
  /** Default: GTC for limit orders, IOC for market orders. */
  timeInForce?: TimeInForce | undefined
  postOnly?: boolean | undefined
  /** Only allowed to shrink a position; the only kind of order accepted in REDUCE_ONLY. */
  reduceOnly?: boolean | undefined
  /**
   * Identifies the decision this order comes from (e.g. `strategy:symbol:candleTime`). The client
   * order id is derived from it, so the same decision placed twice (a retry, a restart) maps to the
   * same order and is never sent twice. Without it, every call gets a fresh random id.
   */
  decisionId?: string | undefined
  /** Name of the strategy that decided it, for the record. */
  strategy?: string | undefined
}
