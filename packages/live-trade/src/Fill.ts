import type { Decimal, OrderSide } from '@gpt-trader/validation'

/** Whether a fill added liquidity (resting order) or took it. */
export type Liquidity = 'MAKER' | 'TAKER'

/**
 * One execution of an order. `tradeId` is unique per venue; the engine counts each trade id once,
 * however often the venue reports it.
 */
export interface Fill {
  tradeId: string
  clientOrderId: string
  exchangeOrderId?: string | undefined
  symbol: string
  side: OrderSide
  price: Decimal
  size: Decimal
  /** Commission in quote currency. */
  fee: Decimal
  liquidity: Liquidity
  /** Venue time of the trade, ms since the epoch. */
  time: number
}
