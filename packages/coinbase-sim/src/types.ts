import type { Dec } from './money.js'

/** BUY or SELL, as Coinbase spells it. */
export type Side = 'BUY' | 'SELL'

/** Order statuses the sim produces. */
export type OrderStatus = 'PENDING' | 'OPEN' | 'FILLED' | 'CANCELLED' | 'EXPIRED' | 'FAILED'

/** Coinbase REST order types the sim produces. */
export type OrderType = 'MARKET' | 'LIMIT' | 'STOP_LIMIT' | 'BRACKET'

/** Coinbase time-in-force values. */
export type TimeInForce =
  | 'GOOD_UNTIL_CANCELLED'
  | 'GOOD_UNTIL_DATE_TIME'
  | 'IMMEDIATE_OR_CANCEL'
  | 'FILL_OR_KILL'

/** One order as the engine keeps it (money as Decimal). */
export interface SimOrder {
  orderId: string
  clientOrderId: string
  accountId: string
  userId: string
  portfolioId: string
  productId: string
  side: Side
  /** The `order_configuration` key, e.g. `limit_limit_gtc`. */
  configKey: string
  /** The `order_configuration` value as the client sent it (normalised strings). */
  config: Record<string, string | boolean>
  orderType: OrderType
  timeInForce: TimeInForce
  baseSize: Dec | null
  quoteSize: Dec | null
  limitPrice: Dec | null
  stopPrice: Dec | null
  stopDirection: 'STOP_DIRECTION_STOP_UP' | 'STOP_DIRECTION_STOP_DOWN' | null
  stopTriggerPrice: Dec | null
  postOnly: boolean
  endTimeMs: number | null
  status: OrderStatus
  triggerStatus: 'INVALID_ORDER_TYPE' | 'STOP_PENDING' | 'STOP_TRIGGERED'
  filledSize: Dec
  filledValue: Dec
  totalFees: Dec
  numberOfFills: number
  createdMs: number
  lastFillMs: number | null
  /** Quote (buy) or base (sell) still held for this order. */
  hold: Dec
  holdCurrency: string
  /** Price per base unit used to size the hold of a buy (limit price or a cap), incl. taker fee. */
  holdUnit: Dec | null
  /** Time priority; lower is older. */
  seq: number
  editHistory: { price: string; size: string; replace_accept_timestamp: string }[]
  cancelMessage: string
  rejectReason: string
  rejectMessage: string
  /** True while the order sits in the book. */
  resting: boolean
  /** True for the synthetic market's own orders (never shown to API clients). */
  internal: boolean
  /** Attached take-profit/stop-loss (`attached_order_configuration.trigger_bracket_gtc`). */
  attached: { limitPrice: Dec; stopTriggerPrice: Dec; config: Record<string, string | boolean> } | null
  /** The bracket order created from `attached` once this order filled. */
  attachedOrderId: string
  /** For an attached bracket: the entry order it protects. */
  originatingOrderId: string
}

/** One fill of one order. */
export interface SimFill {
  entryId: string
  tradeId: string
  orderId: string
  accountId: string
  userId: string
  productId: string
  side: Side
  price: Dec
  size: Dec
  commission: Dec
  liquidity: 'MAKER' | 'TAKER'
  timeMs: number
  sizeInQuote: boolean
  seq: number
}

/** One public trade (a taker against a maker). */
export interface SimTrade {
  tradeId: string
  productId: string
  price: Dec
  size: Dec
  /** The maker's side, as Coinbase reports it on market_trades. */
  side: Side
  timeMs: number
}

/** Events the engine emits synchronously. */
export type EngineEvent =
  | { type: 'trade'; trade: SimTrade }
  | { type: 'level'; productId: string; side: 'bid' | 'offer'; price: Dec; size: Dec; timeMs: number }
  | { type: 'order'; order: SimOrder }
  | { type: 'fill'; fill: SimFill }
