import type { Decimal, OrderSide, OrderType, TimeInForce } from '@gpt-trader/validation'
import type { OrderStatus } from './OrderStatus.js'

/** Where an order known to the engine came from. */
export type OrderSource = 'engine' | 'replace' | 'adopted'

/**
 * An order as the engine knows it: the intent, the venue's ids, the status in the state machine and
 * the fills counted so far. A snapshot: the engine never mutates an object it has handed out.
 */
export interface Order {
  clientOrderId: string
  exchangeOrderId?: string | undefined
  symbol: string
  side: OrderSide
  type: OrderType
  size: Decimal
  price?: Decimal | undefined
  stopPrice?: Decimal | undefined
  timeInForce: TimeInForce
  postOnly: boolean
  reduceOnly: boolean
  status: OrderStatus
  /** Why the order reached its current status (venue reason, reconciliation, timeout). */
  statusReason?: string | undefined
  filledSize: Decimal
  /** Σ price × size over the fills. */
  filledNotional: Decimal
  /** filledNotional / filledSize, when something filled. */
  averageFillPrice?: Decimal | undefined
  /** Σ fees over the fills, quote currency. */
  fees: Decimal
  decisionId?: string | undefined
  strategy?: string | undefined
  source: OrderSource
  /** The order this one replaced (cancel-and-replace edit). */
  replaces?: string | undefined
  /** The order that replaced this one. */
  replacedBy?: string | undefined
  createdAt: number
  updatedAt: number
}
