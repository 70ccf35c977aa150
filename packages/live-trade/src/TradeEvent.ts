import type { OrderSide, OrderType, TimeInForce, TradingState } from '@gpt-trader/validation'
import type { DecisionTrace } from './DecisionTrace.js'
import type { Liquidity } from './Fill.js'
import type { OrderSource } from './Order.js'
import type { OrderStatus } from './OrderStatus.js'

/**
 * An order intent as stored: money as decimal strings so that any store (memory, SQLite, a server
 * database) can persist an event with `JSON.stringify` and read it back exactly.
 */
export interface StoredIntent {
  symbol: string
  side: OrderSide
  type: OrderType
  size: string
  price?: string | undefined
  stopPrice?: string | undefined
  timeInForce: TimeInForce
  postOnly: boolean
  reduceOnly: boolean
  decisionId?: string | undefined
  strategy?: string | undefined
}

/** A fill as stored (decimal strings). */
export interface StoredFill {
  tradeId: string
  exchangeOrderId?: string | undefined
  symbol: string
  side: OrderSide
  price: string
  size: string
  fee: string
  liquidity: Liquidity
  time: number
}

/** Kinds of difference the {@link Reconciler} can find between the store and the broker. */
export type ReconciliationDiffKind =
  /** An open order with our client-id prefix that the store did not know; now tracked. */
  | 'ADOPTED_ORDER'
  /** An open order without our prefix (placed by hand or by another bot); left alone. */
  | 'FOREIGN_ORDER'
  /** The venue reports a different status than the store; the store now follows the venue. */
  | 'STATUS_CHANGED'
  /** A working order the venue does not know at all; marked FAILED. */
  | 'MISSING_AT_EXCHANGE'
  /** A fill the store had not seen; now counted. */
  | 'MISSED_FILL'
  /** A fill for an order that is not ours; not counted in positions. */
  | 'FOREIGN_FILL'
  /** A balance differs from what the positions imply; recorded, never "fixed" by trading. */
  | 'BALANCE_MISMATCH'

/** The body of each event type (without `seq`), discriminated by `type`. */
export type TradeEventInput =
  | {
      type: 'order.intent'
      at: number
      clientOrderId: string
      intent: StoredIntent
      source: OrderSource
      /** Client order id of the order this one replaces (cancel-and-replace). */
      replaces?: string | undefined
    }
  | { type: 'order.submitted'; at: number; clientOrderId: string }
  | { type: 'order.acknowledged'; at: number; clientOrderId: string; exchangeOrderId: string }
  | { type: 'order.fill'; at: number; clientOrderId: string; fill: StoredFill }
  | {
      type: 'order.cancel'
      at: number
      clientOrderId: string
      phase: 'requested' | 'confirmed' | 'refused'
      reason?: string | undefined
    }
  | {
      type: 'order.edit'
      at: number
      clientOrderId: string
      phase: 'requested' | 'accepted' | 'refused'
      /** `edit`: the venue amends the order in place; `replace`: cancel, then a new order. */
      mode: 'edit' | 'replace'
      price?: string | undefined
      size?: string | undefined
      replacementClientOrderId?: string | undefined
      reason?: string | undefined
    }
  | {
      type: 'order.state'
      at: number
      clientOrderId: string
      from: OrderStatus
      to: OrderStatus
      reason?: string | undefined
    }
  | {
      type: 'reconciliation.diff'
      at: number
      kind: ReconciliationDiffKind
      clientOrderId?: string | undefined
      exchangeOrderId?: string | undefined
      details: string
    }
  | {
      type: 'reconciliation.completed'
      at: number
      ok: boolean
      diffs: number
      /** Broker cursor after the fills fetched in this run; the next run starts there. */
      fillsCursor?: string | undefined
      error?: string | undefined
    }
  | { type: 'trading_state'; at: number; state: TradingState; reason: string }
  | { type: 'decision'; at: number; trace: DecisionTrace }

/** A stored event: its body plus the sequence number the store gave it (1, 2, 3, …). */
export type TradeEvent = TradeEventInput & { seq: number }

/** The `type` of any {@link TradeEvent}. */
export type TradeEventType = TradeEvent['type']
