import type { Decimal } from 'decimal.js'
import type { OrderBook } from '../book/OrderBook.js'
import type { L2Message } from '../book/parseL2Message.js'
import type { BaseError } from '../errors/BaseError.js'
import type { WsCandle, WsTicker, WsTrade, WsUserOrder } from './wsSchemas.js'

/** Which socket a frame or event belongs to. */
export type WsConnectionKind = 'market' | 'user'

/** Channels one can subscribe to (`level2` arrives as `l2_data`). */
export type WsChannel =
  | 'heartbeats'
  | 'ticker'
  | 'ticker_batch'
  | 'level2'
  | 'market_trades'
  | 'candles'
  | 'status'
  | 'user'
  | 'futures_balance_summary'

/** Envelope details passed with each channel event. */
export interface WsMeta {
  connection: WsConnectionKind
  channel: string
  /** `snapshot` or `update` (heartbeats and acks have none). */
  type?: 'snapshot' | 'update'
  /** Server timestamp as sent. */
  timestamp: string
  sequence: number
}

/** One fill derived from the user channel's cumulative order updates. */
export interface UserFill {
  /** Stable id: `${orderId}:${cumulativeQuantity}`; the same fill seen twice has the same id. */
  fillId: string
  orderId: string
  clientOrderId: string
  productId: string
  side: string
  /** Base quantity of this fill (Δ cumulative_quantity). */
  size: Decimal
  /** Average price of this fill (Δ filled value / Δ quantity). */
  price: Decimal
  /** Cumulative filled quantity after this fill. */
  cumulativeQuantity: Decimal
  /** Order status after this fill (`OPEN`, `FILLED`, ...). */
  status: string
  /** True when the order reached a terminal state (FILLED, CANCELLED, EXPIRED, FAILED). */
  terminal: boolean
}

/** Terminal order update from the user channel (emitted once per order). */
export interface UserOrderDone {
  orderId: string
  clientOrderId: string
  productId: string
  status: string
  cumulativeQuantity: Decimal
}

/** Every event the WebSocket client emits, with its listener arguments. */
export interface WsEvents {
  open: [info: { connection: WsConnectionKind; url: string }]
  close: [info: { connection: WsConnectionKind; code: number; reason: string; willReconnect: boolean }]
  reconnect: [info: { connection: WsConnectionKind; attempt: number; delayMs: number }]
  /** Typed errors only (`WebSocketError`, `ParseError`, `SchemaError`, ...); never thrown. */
  error: [error: BaseError]
  gap: [info: { connection: WsConnectionKind; expected: number; received: number }]
  /** Level2 data was lost (a sequence gap, or a level2 frame that could not be parsed): books resync. */
  resync: [info: { connection: WsConnectionKind; reason: 'gap' | 'malformed' }]
  heartbeat: [info: { counter: number; currentTime: string }, meta: WsMeta]
  ticker: [ticker: WsTicker, meta: WsMeta]
  l2: [message: L2Message, meta: WsMeta]
  /** From an `OrderBookFeed`: the book of `productId` changed. */
  book: [info: { productId: string; book: OrderBook; type: 'snapshot' | 'update' }]
  trades: [trade: WsTrade, meta: WsMeta]
  candles: [candle: WsCandle, meta: WsMeta]
  user: [event: { type: 'snapshot' | 'update'; orders: WsUserOrder[]; positions?: unknown }, meta: WsMeta]
  fill: [fill: UserFill]
  orderDone: [order: UserOrderDone]
  status: [products: { id: string; status: string; [k: string]: unknown }[], meta: WsMeta]
  subscriptions: [subscriptions: Record<string, string[]>, meta: WsMeta]
  futuresBalanceSummary: [summary: Record<string, unknown>, meta: WsMeta]
}

/** Timers used by the client (injectable so tests control time). */
export interface WsTimers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Counters kept per client. */
export interface WsStats {
  framesReceived: number
  duplicatesIgnored: number
  gaps: number
  malformed: number
  reconnects: number
  errorFrames: number
}
