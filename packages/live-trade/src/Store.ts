import type { FillFilter, OrderFilter } from './EventProjection.js'
import type { Fill } from './Fill.js'
import type { Order } from './Order.js'
import type { TradeEvent, TradeEventInput } from './TradeEvent.js'

/** A value or a promise of it: a synchronous store (better-sqlite3, memory) need not allocate promises. */
export type Awaitable<T> = T | Promise<T>

/**
 * The durable state port: an append-only event log plus order and fill views. The engine appends an
 * event **before** acting on it (write-ahead), so after a crash the log says what was about to
 * happen, and a restart replays it. `InMemoryStore` implements it here; the bot's SQLite store lives
 * in `apps/bot`. Implementations can keep their views with {@link EventProjection}.
 *
 * @example
 * const event = await store.append({ type: 'order.submitted', at: Date.now(), clientOrderId })
 * event.seq // 1, 2, 3, … in append order
 */
export interface Store {
  /** Appends an event and returns it with its sequence number. Must be durable when it resolves. */
  append(event: TradeEventInput): Awaitable<TradeEvent>
  /** Events with `seq > afterSeq` (all when omitted), in order. */
  read(afterSeq?: number): Awaitable<readonly TradeEvent[]>
  getOrder(clientOrderId: string): Awaitable<Order | undefined>
  listOrders(filter?: OrderFilter): Awaitable<readonly Order[]>
  listFills(filter?: FillFilter): Awaitable<readonly Fill[]>
  /** True if a fill with this trade id is in the log. */
  hasFill(tradeId: string): Awaitable<boolean>
}
