import { Decimal, type TradingState } from '@gpt-trader/validation'
import { add, product } from './decimalMath.js'
import { LiveTradeError } from './errors.js'
import type { Fill } from './Fill.js'
import type { Order } from './Order.js'
import { isTerminalStatus } from './OrderStatus.js'
import type { StoredFill, StoredIntent, TradeEvent } from './TradeEvent.js'

const ZERO = new Decimal(0)

/** Filter for {@link EventProjection.orders} and `Store.listOrders`. */
export interface OrderFilter {
  /** `open`: not terminal; `terminal`: FILLED, CANCELLED, EXPIRED, REJECTED or FAILED. */
  status?: 'open' | 'terminal' | 'all' | undefined
  symbol?: string | undefined
}

/** Filter for {@link EventProjection.fills} and `Store.listFills`. */
export interface FillFilter {
  symbol?: string | undefined
  clientOrderId?: string | undefined
}

/** Options of {@link EventProjection}. */
export interface EventProjectionOptions {
  /**
   * How many finished orders (FILLED, CANCELLED, EXPIRED, REJECTED, FAILED) stay in memory with their
   * fills, besides every open order. When an order is created and more than this many have finished,
   * the ones that finished first are forgotten. Default `Infinity`: keep everything (what a store's
   * view needs; the engine of a long-running process should set a bound).
   */
  retainTerminalOrders?: number | undefined
}

/**
 * Sums over the fills of one symbol that a bounded {@link EventProjection} has forgotten, so totals
 * over all fills (e.g. the balances the Reconciler expects) stay exact.
 */
export interface FillTotals {
  symbol: string
  /** Number of forgotten fills. */
  count: number
  /** Base size bought minus base size sold. */
  netSize: Decimal
  /** Quote notional (price × size) of the buys minus that of the sells. */
  netNotional: Decimal
  /** Fees paid (quote currency). */
  fees: Decimal
}

/**
 * Folds the event log into order and fill views. It is the one definition of what the events mean:
 * the engine, the in-memory store and any other store (the bot's SQLite store) apply the same events
 * with it, so a restart rebuilds exactly the state that was there before.
 *
 * Applying is strict: an event for an unknown order, or a state change whose `from` does not match,
 * throws `STORE_CORRUPT` rather than guessing.
 *
 * Bounded (`retainTerminalOrders`), it keeps every open order, the newest finished ones and their
 * fills, and forgets older finished orders with their fills, venue ids and trade ids (the store still
 * has them): `order()`, `orders()`, `fills()` and `hasFill()` then answer for what is kept, and
 * {@link EventProjection.forgottenFillTotals} sums what was dropped. Once it has forgotten an order
 * it cannot tell an event for a forgotten order from one for an order that never existed, so such an
 * event is no longer `STORE_CORRUPT`: a fill still becomes {@link EventProjection.lastFill} (positions
 * count it as before) and is added to the forgotten totals; any other event for it is ignored.
 *
 * @example
 * const view = new EventProjection()
 * for (const event of await store.read()) view.apply(event)
 * view.orders({ status: 'open' })
 *
 * // a long-running engine's view: open orders plus the last 1000 finished ones
 * const bounded = new EventProjection({ retainTerminalOrders: 1000 })
 */
export class EventProjection {
  #orders = new Map<string, Order>()
  /** Client order ids of orders that are not terminal (kept so open-order queries do not scan history). */
  #open = new Set<string>()
  #byExchangeId = new Map<string, string>()
  /** Kept fills by trade id, in the order they were recorded (also the dedupe set). */
  #fills = new Map<string, Fill>()
  #lastFill: Fill | undefined
  #fillsByOrder = new Map<string, Fill[]>()
  #lastSeq = 0
  readonly #retain: number
  /** Client order ids in the order they became terminal; `#terminalHead` is the oldest still kept. */
  #terminal: string[] = []
  #terminalHead = 0
  #forgottenOrders = 0
  #forgottenFills = new Map<string, FillTotals>()

  constructor(options: EventProjectionOptions = {}) {
    const retain = options.retainTerminalOrders ?? Number.POSITIVE_INFINITY
    if (!(retain >= 0) || (Number.isFinite(retain) && !Number.isInteger(retain))) {
      throw new LiveTradeError(
        `retainTerminalOrders must be a whole number ≥ 0 or Infinity, got ${retain}.`,
        'INVALID_OPTIONS',
      )
    }
    this.#retain = retain
  }

  /** The `retainTerminalOrders` bound (`Infinity` when unbounded). */
  get retainTerminalOrders(): number {
    return this.#retain
  }

  /** How much is in memory: all kept orders, the open ones among them, and kept fills. */
  get retained(): { orders: number; openOrders: number; fills: number } {
    return { orders: this.#orders.size, openOrders: this.#open.size, fills: this.#fills.size }
  }

  /** Number of finished orders forgotten so far (0 when unbounded). */
  get forgottenOrders(): number {
    return this.#forgottenOrders
  }

  /** Per-symbol sums over the fills forgotten so far (empty when nothing was forgotten). */
  forgottenFillTotals(): FillTotals[] {
    return [...this.#forgottenFills.values()].map((t) => ({ ...t }))
  }
  #tradingState: { state: TradingState; reason: string } = { state: 'ACTIVE', reason: 'initial' }
  #fillsCursor: string | undefined

  /** Sequence number of the last applied event (0 before any). */
  get lastSeq(): number {
    return this.#lastSeq
  }

  /** The last recorded trading state (ACTIVE until a `trading_state` event says otherwise). */
  get tradingState(): { state: TradingState; reason: string } {
    return this.#tradingState
  }

  /** Broker fills cursor saved by the last successful reconciliation. */
  get fillsCursor(): string | undefined {
    return this.#fillsCursor
  }

  /**
   * Applies one event. Events must come in `seq` order. `parsed` (internal: the engine passes the
   * fill it has just formatted into an `order.fill` event, or the amounts it has just formatted into
   * an `order.intent` event) must equal what the event holds; it saves parsing the stored decimal
   * strings back.
   */
  apply(event: TradeEvent, parsed?: Fill | IntentAmounts): void {
    this.#lastSeq = event.seq
    switch (event.type) {
      case 'order.intent': {
        if (this.#orders.has(event.clientOrderId)) {
          throw corrupt(event, `duplicate intent for ${event.clientOrderId}`)
        }
        this.#orders.set(
          event.clientOrderId,
          orderFromIntent(event.clientOrderId, event.intent, event, parsed as IntentAmounts | undefined),
        )
        this.#open.add(event.clientOrderId)
        if (event.replaces !== undefined) {
          const old = this.#orders.get(event.replaces)
          if (old) {
            const updated = copyOrder(old)
            updated.replacedBy = event.clientOrderId
            this.#orders.set(old.clientOrderId, updated)
          }
        }
        // Forgetting happens only here, after the new order is in: within one operation on an order
        // (its transitions, its fills, a replacement's intent) nothing it touches disappears.
        if (this.#terminal.length - this.#terminalHead > this.#retain) this.#forget()
        return
      }
      case 'order.submitted':
        this.#need(event, event.clientOrderId)
        return
      case 'order.acknowledged': {
        const known = this.#need(event, event.clientOrderId)
        if (known === undefined) return
        const order = copyOrder(known)
        order.exchangeOrderId = event.exchangeOrderId
        order.updatedAt = event.at
        this.#orders.set(order.clientOrderId, order)
        this.#byExchangeId.set(event.exchangeOrderId, order.clientOrderId)
        return
      }
      case 'order.fill': {
        const order = this.#need(event, event.clientOrderId)
        if (this.#fills.has(event.fill.tradeId))
          throw corrupt(event, `fill ${event.fill.tradeId} counted twice`)
        const fill = (parsed as Fill | undefined) ?? fillFromStored(event.clientOrderId, event.fill)
        this.#lastFill = fill
        if (order === undefined) {
          // A fill of a forgotten order (written while it was still known): it counts, it is not kept.
          this.#addForgotten(fill)
          return
        }
        this.#fills.set(fill.tradeId, fill)
        const own = this.#fillsByOrder.get(order.clientOrderId)
        if (own) own.push(fill)
        else this.#fillsByOrder.set(order.clientOrderId, [fill])
        if (order.exchangeOrderId === undefined && fill.exchangeOrderId !== undefined) {
          this.#byExchangeId.set(fill.exchangeOrderId, order.clientOrderId)
        }
        const filledSize = add(order.filledSize, fill.size)
        const filledNotional = add(order.filledNotional, product(fill.price, fill.size))
        const updated = copyOrder(order)
        updated.exchangeOrderId = order.exchangeOrderId ?? fill.exchangeOrderId
        updated.filledSize = filledSize
        updated.filledNotional = filledNotional
        // One fill making up the whole filled size (the common case) is its own average: no division.
        updated.averageFillPrice = order.filledSize.isZero() ? fill.price : filledNotional.div(filledSize)
        updated.fees = add(order.fees, fill.fee)
        updated.updatedAt = event.at
        this.#orders.set(order.clientOrderId, updated)
        return
      }
      case 'order.cancel':
        this.#need(event, event.clientOrderId)
        return
      case 'order.edit': {
        const order = this.#need(event, event.clientOrderId)
        if (order !== undefined && event.phase === 'accepted' && event.mode === 'edit') {
          const updated = copyOrder(order)
          if (event.price !== undefined) updated.price = new Decimal(event.price)
          if (event.size !== undefined) updated.size = new Decimal(event.size)
          updated.updatedAt = event.at
          this.#orders.set(order.clientOrderId, updated)
        }
        return
      }
      case 'order.state': {
        const order = this.#need(event, event.clientOrderId)
        if (order === undefined) return
        if (order.status !== event.from) {
          throw corrupt(event, `${event.clientOrderId} is ${order.status}, event says ${event.from}`)
        }
        const updated = copyOrder(order)
        updated.status = event.to
        updated.statusReason = event.reason
        updated.updatedAt = event.at
        this.#orders.set(order.clientOrderId, updated)
        if (isTerminalStatus(event.to)) {
          if (this.#open.delete(order.clientOrderId) && this.#retain !== Number.POSITIVE_INFINITY) {
            this.#terminal.push(order.clientOrderId)
          }
        } else if (isTerminalStatus(order.status)) {
          // Out of a terminal status (never written by the engine): working again, so kept.
          this.#open.add(order.clientOrderId)
        }
        return
      }
      case 'trading_state':
        this.#tradingState = { state: event.state, reason: event.reason }
        return
      case 'reconciliation.completed':
        if (event.ok && event.fillsCursor !== undefined) this.#fillsCursor = event.fillsCursor
        return
      case 'reconciliation.diff':
      case 'decision':
        return
    }
  }

  /**
   * The fill of the last applied `order.fill` event (the engine feeds it to its position tracker
   * instead of parsing the stored decimals a second time). @internal
   */
  get lastFill(): Fill | undefined {
    return this.#lastFill
  }

  /** The order with this client order id. */
  order(clientOrderId: string): Order | undefined {
    return this.#orders.get(clientOrderId)
  }

  /** The order with this venue id. */
  orderByExchangeId(exchangeOrderId: string): Order | undefined {
    const id = this.#byExchangeId.get(exchangeOrderId)
    return id === undefined ? undefined : this.#orders.get(id)
  }

  /** Orders in creation order. */
  orders(filter: OrderFilter = {}): Order[] {
    const out: Order[] = []
    if (filter.status === 'open') {
      for (const id of this.#open) {
        const order = this.#orders.get(id)!
        if (filter.symbol === undefined || order.symbol === filter.symbol) out.push(order)
      }
      return out
    }
    for (const order of this.#orders.values()) {
      if (filter.symbol !== undefined && order.symbol !== filter.symbol) continue
      const terminal = isTerminalStatus(order.status)
      if (filter.status === 'terminal' && !terminal) continue
      out.push(order)
    }
    return out
  }

  /** Fills in the order they were recorded. */
  fills(filter: FillFilter = {}): Fill[] {
    if (filter.clientOrderId !== undefined) {
      const own = this.#fillsByOrder.get(filter.clientOrderId) ?? []
      return filter.symbol === undefined ? [...own] : own.filter((fill) => fill.symbol === filter.symbol)
    }
    const out: Fill[] = []
    for (const fill of this.#fills.values()) {
      if (filter.symbol === undefined || fill.symbol === filter.symbol) out.push(fill)
    }
    return out
  }

  /** True if a fill with this trade id has been counted (and, when bounded, is still kept). */
  hasFill(tradeId: string): boolean {
    return this.#fills.has(tradeId)
  }

  /**
   * The order, or (once orders have been forgotten) undefined for an order that may be a forgotten
   * one: see the class comment.
   */
  #need(event: TradeEvent, clientOrderId: string): Order | undefined {
    const order = this.#orders.get(clientOrderId)
    if (!order && this.#forgottenOrders === 0) throw corrupt(event, `no intent for ${clientOrderId}`)
    return order
  }

  /** Forgets the orders that finished first, with their fills, until `#retain` finished ones are left. */
  #forget(): void {
    while (this.#terminal.length - this.#terminalHead > this.#retain) {
      const id = this.#terminal[this.#terminalHead++]!
      const order = this.#orders.get(id)
      // Gone already, or working again: not a finished order to forget.
      if (order === undefined || !isTerminalStatus(order.status)) continue
      this.#orders.delete(id)
      this.#forgottenOrders++
      if (order.exchangeOrderId !== undefined && this.#byExchangeId.get(order.exchangeOrderId) === id) {
        this.#byExchangeId.delete(order.exchangeOrderId)
      }
      const own = this.#fillsByOrder.get(id)
      if (own === undefined) continue
      this.#fillsByOrder.delete(id)
      for (const fill of own) {
        this.#fills.delete(fill.tradeId)
        if (fill.exchangeOrderId !== undefined && this.#byExchangeId.get(fill.exchangeOrderId) === id) {
          this.#byExchangeId.delete(fill.exchangeOrderId)
        }
        this.#addForgotten(fill)
      }
    }
    // Drop the consumed head of the queue now and then (amortised O(1) per order).
    if (this.#terminalHead > 1024 && this.#terminalHead * 2 > this.#terminal.length) {
      this.#terminal = this.#terminal.slice(this.#terminalHead)
      this.#terminalHead = 0
    }
  }

  #addForgotten(fill: Fill): void {
    const notional = fill.price.times(fill.size)
    const t = this.#forgottenFills.get(fill.symbol)
    const buy = fill.side === 'BUY'
    if (t === undefined) {
      this.#forgottenFills.set(fill.symbol, {
        symbol: fill.symbol,
        count: 1,
        netSize: buy ? fill.size : fill.size.neg(),
        netNotional: buy ? notional : notional.neg(),
        fees: fill.fee,
      })
      return
    }
    t.count++
    t.netSize = buy ? t.netSize.plus(fill.size) : t.netSize.minus(fill.size)
    t.netNotional = buy ? t.netNotional.plus(notional) : t.netNotional.minus(notional)
    t.fees = t.fees.plus(fill.fee)
  }
}

function corrupt(event: TradeEvent, why: string): LiveTradeError {
  return new LiveTradeError(`Cannot apply event #${event.seq} (${event.type}): ${why}.`, 'STORE_CORRUPT')
}

/**
 * The amounts of an `order.intent` event as Decimals, exactly as parsing its decimal strings gives
 * them (the engine hands them over with the event it has just formatted them into). @internal
 */
export interface IntentAmounts {
  size: Decimal
  price: Decimal | undefined
  stopPrice: Decimal | undefined
}

function orderFromIntent(
  clientOrderId: string,
  intent: StoredIntent,
  event: { at: number; source: Order['source']; replaces?: string | undefined },
  parsed: IntentAmounts | undefined,
): Order {
  // Every key is present (undefined when unset) and in the same order as in copyOrder, so all orders
  // share one object shape.
  return {
    clientOrderId,
    exchangeOrderId: undefined,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    size: parsed ? parsed.size : new Decimal(intent.size),
    price: parsed ? parsed.price : intent.price === undefined ? undefined : new Decimal(intent.price),
    stopPrice: parsed
      ? parsed.stopPrice
      : intent.stopPrice === undefined
        ? undefined
        : new Decimal(intent.stopPrice),
    timeInForce: intent.timeInForce,
    postOnly: intent.postOnly,
    reduceOnly: intent.reduceOnly,
    status: 'NEW',
    statusReason: undefined,
    filledSize: ZERO,
    filledNotional: ZERO,
    averageFillPrice: undefined,
    fees: ZERO,
    decisionId: intent.decisionId,
    strategy: intent.strategy,
    source: event.source,
    replaces: event.replaces,
    replacedBy: undefined,
    createdAt: event.at,
    updatedAt: event.at,
  }
}

/**
 * A copy of an order to change before it replaces the old one (orders handed out are never mutated).
 * Spelled out field by field: object spread of a 24-field object costs microseconds in V8, this a
 * fraction of one.
 */
function copyOrder(o: Order): Order {
  return {
    clientOrderId: o.clientOrderId,
    exchangeOrderId: o.exchangeOrderId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    size: o.size,
    price: o.price,
    stopPrice: o.stopPrice,
    timeInForce: o.timeInForce,
    postOnly: o.postOnly,
    reduceOnly: o.reduceOnly,
    status: o.status,
    statusReason: o.statusReason,
    filledSize: o.filledSize,
    filledNotional: o.filledNotional,
    averageFillPrice: o.averageFillPrice,
    fees: o.fees,
    decisionId: o.decisionId,
    strategy: o.strategy,
    source: o.source,
    replaces: o.replaces,
    replacedBy: o.replacedBy,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  }
}

/** @internal Converts a stored fill (decimal strings) to a {@link Fill}. */
export function fillFromStored(clientOrderId: string, fill: StoredFill): Fill {
  return {
    tradeId: fill.tradeId,
    clientOrderId,
    exchangeOrderId: fill.exchangeOrderId,
    symbol: fill.symbol,
    side: fill.side,
    price: new Decimal(fill.price),
    size: new Decimal(fill.size),
    fee: new Decimal(fill.fee),
    liquidity: fill.liquidity,
    time: fill.time,
  }
}
