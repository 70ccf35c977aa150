import type { Clock } from '@gpt-trader/guards'
import { Decimal, type DecimalInput, formatDecimal, type TradingState } from '@gpt-trader/validation'
import { EventEmitter } from 'eventemitter3'
import type { Broker, BrokerFill, BrokerOrder, MarketUpdate, PlaceOrderRequest } from './Broker.js'
import { deriveClientOrderId } from './clientOrderId.js'
import {
  EventProjection,
  type FillFilter,
  type FillTotals,
  type IntentAmounts,
  type OrderFilter,
} from './EventProjection.js'
import { BrokerError, isBrokerError, LiveTradeError } from './errors.js'
import type { Fill } from './Fill.js'
import type { Order, OrderSource } from './Order.js'
import type { OrderIntent } from './OrderIntent.js'
import { canTransition, isTerminalStatus, type OrderStatus } from './OrderStatus.js'
import { PositionTracker } from './PositionTracker.js'
import type { Store } from './Store.js'
import type { StoredIntent, TradeEvent, TradeEventInput } from './TradeEvent.js'

/** Options of {@link ExecutionEngine}. */
export interface ExecutionEngineOptions {
  broker: Broker
  store: Store
  /** Prefix of every client order id this engine assigns. Default `'gt-'`. */
  clientIdPrefix?: string | undefined
  /** Quote cash before the first fill, for equity. Default `'0'`. */
  startingCash?: DecimalInput | undefined
  clock?: Clock | undefined
  /** A placement with no answer after this long becomes UNKNOWN. Default 10 000 ms. */
  submitTimeoutMs?: number | undefined
  /** Lookups by client order id after an ambiguous outcome. Default 3. */
  lookupAttempts?: number | undefined
  /** Wait between lookups. Default 250 ms. */
  lookupDelayMs?: number | undefined
  /** How to wait (inject for tests). Default `setTimeout`. */
  sleep?: ((ms: number) => Promise<void>) | undefined
  /** Id source for intents without a `decisionId`. Default `crypto.randomUUID`. */
  randomId?: (() => string) | undefined
  /**
   * Finished orders kept in memory (with their fills) besides the open ones; older finished orders
   * are forgotten by `order()`, `orders()` and `fills()` but stay in the store, which the engine asks
   * when it meets one again (a repeated decision, a late fill, an adoption). Default `Infinity`; a
   * long-running process should bound it (e.g. 1000). See {@link EventProjection}.
   */
  retainTerminalOrders?: number | undefined
}

/** Events the engine emits (eventemitter3). */
export interface ExecutionEngineEvents {
  /** An order changed (status, fills, ids). */
  order: [order: Order]
  /** A new fill was counted. */
  fill: [fill: Fill]
  /** A stream update could not be applied; the engine keeps running. */
  error: [error: Error]
  tradingState: [state: TradingState, reason: string]
  /** An order update or fill for an order this engine does not know. */
  unknownOrder: [update: BrokerOrder | BrokerFill]
}

/** Edit request: new limit price and/or new total size. */
export interface EditRequest {
  price?: Decimal | undefined
  size?: Decimal | undefined
}

const timeoutMarker = Symbol('timeout')

/**
 * Turns sized, risk-checked intents into orders at a {@link Broker}, safely:
 *
 * - assigns the client order id (prefix + hash of the decision id: stable per decision), and places a
 *   decision only once — the same decision again returns the existing order;
 * - appends the intent and the submission to the store **before** the request (write-ahead);
 * - tracks every order through the state machine (illegal moves are never written);
 * - a timeout or a network error makes the order UNKNOWN and triggers a lookup by client order id —
 *   it never resends;
 * - counts each fill once by trade id, however often the venue reports it;
 * - cancels, and edits (in place when the broker can, else cancel-and-replace);
 * - restarts from the stored events with the same orders, fills and positions.
 *
 * Stream updates are applied one at a time, in arrival order, after the current operation.
 *
 * @example
 * const engine = new ExecutionEngine({ broker, store, startingCash: '10000' })
 * await engine.start()
 * const order = await engine.place({ symbol: 'BTC-USD', side: 'BUY', type: 'MARKET', size: new Decimal('0.01'), decisionId: 'd1' })
 */
export class ExecutionEngine extends EventEmitter<ExecutionEngineEvents> {
  readonly broker: Broker
  readonly store: Store
  readonly clientIdPrefix: string
  #view = new EventProjection()
  #positions: PositionTracker
  #startingCash: DecimalInput
  #clock: Clock
  #timeoutMs: number
  #lookupAttempts: number
  #lookupDelayMs: number
  #sleep: (ms: number) => Promise<void>
  #randomId: () => string
  #retainTerminalOrders: number | undefined
  #queue: Promise<unknown> = Promise.resolve()
  #unsubscribe: (() => void) | undefined
  #started = false

  constructor(options: ExecutionEngineOptions) {
    super()
    this.broker = options.broker
    this.store = options.store
    this.clientIdPrefix = options.clientIdPrefix ?? 'gt-'
    this.#startingCash = options.startingCash ?? '0'
    this.#positions = new PositionTracker({ startingCash: this.#startingCash })
    this.#clock = options.clock ?? { now: () => Date.now() }
    this.#timeoutMs = options.submitTimeoutMs ?? 10_000
    this.#lookupAttempts = options.lookupAttempts ?? 3
    this.#lookupDelayMs = options.lookupDelayMs ?? 250
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.#randomId = options.randomId ?? (() => globalThis.crypto.randomUUID())
    this.#retainTerminalOrders = options.retainTerminalOrders
    this.#view = new EventProjection({ retainTerminalOrders: this.#retainTerminalOrders })
  }

  /**
   * Replays the store (orders, fills, positions, trading state) and subscribes to the broker's
   * streams. Call the `Reconciler` next to catch up with what happened while the engine was down.
   */
  async start(): Promise<void> {
    if (this.#started) return
    const events = await this.store.read()
    this.#view = new EventProjection({ retainTerminalOrders: this.#retainTerminalOrders })
    this.#positions = new PositionTracker({ startingCash: this.#startingCash })
    for (const event of events) this.#project(event)
    this.#unsubscribe = this.broker.subscribe({
      order: (order) => this.#serialStream(() => this.#onOrderUpdate(order)),
      fill: (fill) => this.#serialStream(() => this.#applyFill(fill)),
      market: (update) => this.#onMarket(update),
    })
    this.#started = true
  }

  /** Unsubscribes from the broker; waits for queued updates. */
  async stop(): Promise<void> {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
    this.#started = false
    await this.idle()
  }

  /** Resolves when every queued operation and stream update has been applied. */
  idle(): Promise<void> {
    const current = this.#queue
    // The queue never rejects (#serial stores it with its rejection caught): no catch needed. Whatever
    // was queued meanwhile is waited for too. One promise per wait, not an async function's three.
    return current.then(() => (current === this.#queue ? undefined : this.idle()))
  }

  /** Positions, cash and PnL from the counted fills. */
  get positions(): PositionTracker {
    return this.#positions
  }

  /** Current trading state and why. */
  get tradingState(): { state: TradingState; reason: string } {
    return this.#view.tradingState
  }

  /** Fills cursor of the last successful reconciliation. */
  get fillsCursor(): string | undefined {
    return this.#view.fillsCursor
  }

  order(clientOrderId: string): Order | undefined {
    return this.#view.order(clientOrderId)
  }

  orders(filter?: OrderFilter): Order[] {
    return this.#view.orders(filter)
  }

  /** Orders that are not terminal. */
  openOrders(symbol?: string): Order[] {
    return this.#view.orders({ status: 'open', symbol })
  }

  fills(filter?: FillFilter): Fill[] {
    return this.#view.fills(filter)
  }

  /**
   * The order with this client order id, from memory or, if the engine has forgotten it
   * (`retainTerminalOrders`), from the store.
   */
  async lookupOrder(clientOrderId: string): Promise<Order | undefined> {
    return (
      this.#view.order(clientOrderId) ??
      (this.#view.forgottenOrders > 0 ? await this.store.getOrder(clientOrderId) : undefined)
    )
  }

  /** Per-symbol sums over the fills the engine has forgotten (see `retainTerminalOrders`). */
  forgottenFillTotals(): FillTotals[] {
    return this.#view.forgottenFillTotals()
  }

  /** The client order id a decision maps to. */
  clientOrderIdFor(decisionId: string): string {
    return deriveClientOrderId(this.clientIdPrefix, decisionId)
  }

  /** True if the id carries this engine's prefix. */
  isOwnClientOrderId(clientOrderId: string): boolean {
    return clientOrderId.startsWith(this.clientIdPrefix)
  }

  /** Records a trading-state change (REDUCE_ONLY and HALTED gate new orders). */
  setTradingState(state: TradingState, reason: string): Promise<void> {
    return this.#serial(async () => {
      await this.#append({ type: 'trading_state', at: this.#clock.now(), state, reason })
      this.emit('tradingState', state, reason)
    })
  }

  /** Appends an event that is not about one order (reconciliation results, decision traces). */
  record(
    event: Extract<
      TradeEventInput,
      { type: 'reconciliation.diff' | 'reconciliation.completed' | 'decision' }
    >,
  ): Promise<TradeEvent> {
    return this.#serial(() => this.#append(event))
  }

  /**
   * Places an intent. Returns the order after the broker's answer (or after the lookup that resolved
   * an ambiguous answer). A decision already placed returns the existing order; nothing is sent.
   * Throws `TRADING_STATE_BLOCKED` in HALTED, and in REDUCE_ONLY for an order that would not shrink a
   * position. A venue rejection does not throw: the order comes back REJECTED with the reason.
   */
  place(intent: OrderIntent): Promise<Order> {
    return this.#serial(() => this.#place(intent, 'engine', undefined))
  }

  /** Cancels a working order; resolves with its status after the venue answered. */
  cancel(clientOrderId: string): Promise<Order> {
    return this.#serial(() => this.#cancel(clientOrderId))
  }

  /**
   * Changes a working limit order's price and/or total size: in place when the broker can edit it
   * (Coinbase: GTC limits), else by cancel-and-replace (the replacement carries the unfilled rest and
   * is returned).
   */
  edit(clientOrderId: string, request: EditRequest): Promise<Order> {
    return this.#serial(() => this.#edit(clientOrderId, request))
  }

  /** Looks an order up at the venue by client order id and applies what the venue says. */
  resolve(clientOrderId: string): Promise<Order> {
    return this.#serial(() => this.#resolve(clientOrderId))
  }

  /** Applies the venue's view of one of our orders (used by the Reconciler). */
  syncOrder(brokerOrder: BrokerOrder, reason?: string): Promise<Order | undefined> {
    return this.#serial(() => this.#syncOrder(brokerOrder, reason))
  }

  /** Counts a fill unless its trade id was already counted. Resolves true if it was new. */
  applyFill(fill: BrokerFill): Promise<boolean> {
    return this.#serial(() => this.#applyFill(fill))
  }

  /**
   * Starts tracking an order that exists at the venue but not in the store (the Reconciler adopts
   * orders that carry this engine's prefix).
   */
  adopt(brokerOrder: BrokerOrder): Promise<Order> {
    return this.#serial(async () => {
      const existing =
        this.#view.order(brokerOrder.clientOrderId) ??
        (this.#view.forgottenOrders > 0 ? await this.store.getOrder(brokerOrder.clientOrderId) : undefined)
      if (existing) return existing
      const at = this.#clock.now()
      await this.#append({
        type: 'order.intent',
        at,
        clientOrderId: brokerOrder.clientOrderId,
        source: 'adopted',
        intent: {
          symbol: brokerOrder.symbol,
          side: brokerOrder.side,
          type: brokerOrder.type,
          size: formatDecimal(brokerOrder.size),
          price: brokerOrder.price === undefined ? undefined : formatDecimal(brokerOrder.price),
          timeInForce: brokerOrder.timeInForce ?? (brokerOrder.type === 'MARKET' ? 'IOC' : 'GTC'),
          postOnly: false,
          reduceOnly: false,
        },
      })
      await this.#transition(brokerOrder.clientOrderId, 'PENDING', 'adopted by reconciliation')
      await this.#append({
        type: 'order.acknowledged',
        at,
        clientOrderId: brokerOrder.clientOrderId,
        exchangeOrderId: brokerOrder.exchangeOrderId,
      })
      return (
        (await this.#syncOrder(brokerOrder, 'adopted by reconciliation')) ??
        this.#need(brokerOrder.clientOrderId)
      )
    })
  }

  /**
   * Finalises a working order the venue does not know at all (used by the Reconciler): NEW, PENDING
   * and UNKNOWN orders become FAILED; an order that was acknowledged goes through UNKNOWN to FAILED.
   */
  markMissing(clientOrderId: string, reason: string): Promise<Order> {
    return this.#serial(async () => {
      const order = this.#need(clientOrderId)
      if (isTerminalStatus(order.status)) return order
      if (!canTransition(order.status, 'FAILED')) await this.#transition(clientOrderId, 'UNKNOWN', reason)
      return this.#transition(clientOrderId, 'FAILED', reason)
    })
  }

  // ----- internals (all run inside #serial) -----

  #serial<T>(task: () => T | Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task)
    this.#queue = run.catch(() => undefined)
    return run
  }

  /**
   * `#serial` for a stream update, which nobody awaits: the queue's own catch reports its failure, so
   * an update costs one promise less than `#serial(task).catch(report)` (same tick, same order).
   */
  #serialStream(task: () => unknown): void {
    const run = this.#queue.then(task, task)
    this.#queue = run.then(undefined, this.#onStreamError)
  }

  /**
   * `#fail` as one function for every stream update (rather than a closure per update). It is the
   * queue's own catch, and the queue never rejects: an 'error' listener that throws still surfaces (as
   * an uncaught exception, where it used to be an unhandled rejection) without breaking the queue.
   */
  readonly #onStreamError = (error: unknown): void => {
    try {
      this.#fail(error)
    } catch (thrown) {
      queueMicrotask(() => {
        throw thrown
      })
    }
  }

  #fail(error: unknown): void {
    this.emit('error', error instanceof Error ? error : new Error(String(error)))
  }

  /**
   * Appends and projects. With a synchronous store (memory, better-sqlite3, the backtest's) nothing
   * here allocates a promise: the event is projected at once and returned as is.
   */
  #append(event: TradeEventInput, parsed?: Fill | IntentAmounts): TradeEvent | Promise<TradeEvent> {
    const stored = this.store.append(event)
    if (isThenable(stored)) {
      return Promise.resolve(stored).then((done) => {
        this.#project(done, parsed)
        return done
      })
    }
    this.#project(stored, parsed)
    return stored
  }

  #project(event: TradeEvent, parsed?: Fill | IntentAmounts): void {
    this.#view.apply(event, parsed)
    // The projection has just parsed the fill: count that same object (it is only read).
    if (event.type === 'order.fill') this.#positions.applyFill(this.#view.lastFill!)
  }

  #need(clientOrderId: string): Order {
    const order = this.#view.order(clientOrderId)
    if (!order) throw new LiveTradeError(`No order with client order id ${clientOrderId}.`, 'ORDER_NOT_FOUND')
    return order
  }

  #requireStarted(): void {
    if (!this.#started) throw new LiveTradeError('The execution engine is not started.', 'NOT_STARTED')
  }

  #transition(clientOrderId: string, to: OrderStatus, reason?: string): Order | Promise<Order> {
    const order = this.#need(clientOrderId)
    if (order.status === to) return order
    if (!canTransition(order.status, to)) {
      // Never written: an impossible report is surfaced, the stored state stays consistent.
      this.#fail(
        new LiveTradeError(
          `Ignored illegal order transition ${order.status} → ${to} for ${clientOrderId}.`,
          'ILLEGAL_TRANSITION',
          reason === undefined ? {} : { details: reason },
        ),
      )
      return order
    }
    const appended = this.#append({
      type: 'order.state',
      at: this.#clock.now(),
      clientOrderId,
      from: order.status,
      to,
      reason,
    })
    // Synchronous store: no promise for the transition either (every caller awaits the result).
    if (isThenable(appended)) return appended.then(() => this.#transitioned(clientOrderId))
    return this.#transitioned(clientOrderId)
  }

  #transitioned(clientOrderId: string): Order {
    const updated = this.#need(clientOrderId)
    this.emit('order', updated)
    return updated
  }

  #gate(intent: OrderIntent): void {
    const { state, reason } = this.#view.tradingState
    if (state === 'HALTED') {
      throw new LiveTradeError(`Trading is HALTED (${reason}); no new orders.`, 'TRADING_STATE_BLOCKED')
    }
    if (state === 'REDUCE_ONLY' || intent.reduceOnly) {
      const qty = this.#positions.quantity(intent.symbol)
      // Working orders on the same side count too: together they must not take the position through zero.
      let pending = intent.size
      for (const o of this.#view.orders({ status: 'open', symbol: intent.symbol })) {
        if (o.side === intent.side) pending = pending.plus(o.size.minus(o.filledSize))
      }
      const reduces =
        (intent.side === 'SELL' && qty.gt(0) && pending.lte(qty)) ||
        (intent.side === 'BUY' && qty.lt(0) && pending.lte(qty.neg()))
      if (!reduces) {
        throw new LiveTradeError(
          state === 'REDUCE_ONLY'
            ? `Trading is REDUCE_ONLY (${reason}); a ${intent.side} of ${formatDecimal(intent.size)} ${intent.symbol} would not reduce the position.`
            : `A reduce-only ${intent.side} of ${formatDecimal(intent.size)} ${intent.symbol} would not reduce the position.`,
          'TRADING_STATE_BLOCKED',
        )
      }
    }
  }

  async #place(
    intent: OrderIntent,
    source: OrderSource,
    replaces: string | undefined,
    explicitId?: string,
  ): Promise<Order> {
    this.#requireStarted()
    const clientOrderId =
      explicitId ??
      (intent.decisionId !== undefined
        ? deriveClientOrderId(this.clientIdPrefix, intent.decisionId)
        : this.clientIdPrefix + this.#randomId())
    // The store is asked only once the view has forgotten orders (a repeated decision of long ago).
    const existing =
      this.#view.order(clientOrderId) ??
      (this.#view.forgottenOrders > 0 ? await this.store.getOrder(clientOrderId) : undefined)
    if (existing) return existing
    this.#gate(intent)
    const stored: StoredIntent = {
      symbol: intent.symbol,
      side: intent.side,
      type: intent.type,
      size: formatDecimal(intent.size),
      price: intent.price === undefined ? undefined : formatDecimal(intent.price),
      stopPrice: intent.stopPrice === undefined ? undefined : formatDecimal(intent.stopPrice),
      timeInForce: intent.timeInForce ?? (intent.type === 'MARKET' ? 'IOC' : 'GTC'),
      postOnly: intent.postOnly ?? false,
      reduceOnly: intent.reduceOnly ?? false,
      decisionId: intent.decisionId,
      strategy: intent.strategy,
    }
    const at = this.#clock.now()
    // The projection gets the amounts as the Decimals they were formatted from (as parsing the stored
    // strings would give them), rather than parsing its own copies.
    const amounts: IntentAmounts = {
      size: plainZero(intent.size),
      price: intent.price === undefined ? undefined : plainZero(intent.price),
      stopPrice: intent.stopPrice === undefined ? undefined : plainZero(intent.stopPrice),
    }
    // Write-ahead: the intent and the submission are durable before the request leaves. A synchronous
    // store's results are used as they are: awaiting a plain value costs a promise and a microtask.
    const intentEvent = this.#append(
      { type: 'order.intent', at, clientOrderId, intent: stored, source, replaces },
      amounts,
    )
    if (isThenable(intentEvent)) await intentEvent
    const submitted = this.#append({ type: 'order.submitted', at, clientOrderId })
    if (isThenable(submitted)) await submitted
    const pending = this.#transition(clientOrderId, 'PENDING')
    if (isThenable(pending)) await pending
    const request: PlaceOrderRequest = {
      clientOrderId,
      symbol: intent.symbol,
      side: intent.side,
      type: intent.type,
      size: intent.size,
      price: intent.price,
      stopPrice: intent.stopPrice,
      timeInForce: stored.timeInForce,
      postOnly: stored.postOnly,
    }
    let answer: BrokerOrder | typeof timeoutMarker
    try {
      answer = await this.#withTimeout(this.broker.placeOrder(request))
    } catch (error) {
      if (isBrokerError(error) && error.kind === 'rejected') {
        return this.#transition(clientOrderId, 'REJECTED', error.reason ?? error.shortMessage)
      }
      await this.#transition(clientOrderId, 'UNKNOWN', `placement failed: ${describe(error)}`)
      return this.#resolve(clientOrderId)
    }
    if (answer === timeoutMarker) {
      await this.#transition(clientOrderId, 'UNKNOWN', `no answer within ${this.#timeoutMs} ms`)
      return this.#resolve(clientOrderId)
    }
    const synced = this.#syncOrder(answer)
    return (isThenable(synced) ? await synced : synced) ?? this.#need(clientOrderId)
  }

  async #withTimeout<T>(promise: Promise<T>): Promise<T | typeof timeoutMarker> {
    // A broker that answers at once (paper, backtest, a synchronous adapter) settles within one
    // microtask: no timer is armed for it. Only a pending answer gets the timeout race. A settled
    // answer is returned (or thrown) as its value: returning the promise itself would cost the
    // caller two more microtasks to adopt it.
    let settled = 'no' as 'no' | 'fulfilled' | 'rejected'
    let value: T | undefined
    let reason: unknown
    promise.then(
      (v) => {
        settled = 'fulfilled'
        value = v
      },
      (e: unknown) => {
        settled = 'rejected'
        reason = e
      },
    )
    await undefined
    if (settled === 'fulfilled') return value as T
    if (settled === 'rejected') throw reason
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<typeof timeoutMarker>((resolve) => {
      timer = setTimeout(() => resolve(timeoutMarker), this.#timeoutMs)
    })
    // A late answer after the timeout is dropped here; the lookup by client id decides.
    promise.catch(() => undefined)
    try {
      return await Promise.race([promise, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  async #resolve(clientOrderId: string): Promise<Order> {
    const order = this.#need(clientOrderId)
    if (isTerminalStatus(order.status)) return order
    let lastError: unknown
    for (let attempt = 1; attempt <= this.#lookupAttempts; attempt++) {
      try {
        const found = await this.broker.getOrderByClientId(clientOrderId)
        if (found) return (await this.#syncOrder(found, 'resolved by lookup')) ?? this.#need(clientOrderId)
        lastError = undefined
      } catch (error) {
        lastError = error
      }
      if (attempt < this.#lookupAttempts) await this.#sleep(this.#lookupDelayMs)
    }
    // Still ambiguous: stay UNKNOWN (the Reconciler finalises it later). Never resend.
    this.#fail(
      new LiveTradeError(
        `Order ${clientOrderId} is still unresolved after ${this.#lookupAttempts} lookups.`,
        'ORDER_NOT_FOUND',
        lastError === undefined ? {} : { cause: lastError },
      ),
    )
    return this.#need(clientOrderId)
  }

  #onOrderUpdate(update: BrokerOrder): void | Promise<void> {
    const result = this.#syncOrder(update)
    if (isThenable(result)) {
      return result.then((order) => {
        if (order === undefined) this.emit('unknownOrder', update)
      })
    }
    if (result === undefined) this.emit('unknownOrder', update)
  }

  #findOrder(clientOrderId: string, exchangeOrderId: string | undefined): Order | undefined {
    return (
      (clientOrderId ? this.#view.order(clientOrderId) : undefined) ??
      (exchangeOrderId ? this.#view.orderByExchangeId(exchangeOrderId) : undefined)
    )
  }

  /**
   * Applies the venue's view of an order. Synchronous (no promise) while the store is and no fills
   * need fetching — the usual answer of a placement or a stream update; every caller awaits the result,
   * so a throw here is the same as the rejection of an async version.
   */
  #syncOrder(venue: BrokerOrder, reason?: string): Order | undefined | Promise<Order | undefined> {
    const known = this.#findOrder(venue.clientOrderId, venue.exchangeOrderId)
    if (!known) return undefined
    const id = known.clientOrderId
    if (known.exchangeOrderId === undefined && venue.exchangeOrderId) {
      const acknowledged = this.#append({
        type: 'order.acknowledged',
        at: this.#clock.now(),
        clientOrderId: id,
        exchangeOrderId: venue.exchangeOrderId,
      })
      if (isThenable(acknowledged)) return acknowledged.then(() => this.#syncFills(venue, reason, id))
    }
    return this.#syncFills(venue, reason, id)
  }

  #syncFills(venue: BrokerOrder, reason: string | undefined, id: string): Order | Promise<Order> {
    if (venue.filledSize.gt(this.#need(id).filledSize) && venue.exchangeOrderId) {
      return this.#fetchFills(venue.exchangeOrderId).then(() => this.#syncStatus(venue, reason, id))
    }
    return this.#syncStatus(venue, reason, id)
  }

  /**
   * The venue counted fills we have not seen yet: fetch them for this order (deduplicated by trade id).
   * If that fails the status still follows the venue; the Reconciler counts the fills later.
   */
  async #fetchFills(exchangeOrderId: string): Promise<void> {
    try {
      const page = await this.broker.getFillsSince(undefined, { exchangeOrderId })
      for (const fill of page.fills) await this.#applyFill(fill)
    } catch (error) {
      this.#fail(error)
    }
  }

  #syncStatus(venue: BrokerOrder, reason: string | undefined, id: string): Order | Promise<Order> {
    const order = this.#need(id)
    const why = venue.reason ?? reason
    switch (venue.status) {
      case 'PENDING':
        return order
      case 'OPEN': {
        // While our cancel is in flight the venue may still show it open: keep CANCEL_PENDING.
        if (order.status === 'CANCEL_PENDING' || isTerminalStatus(order.status)) return order
        return this.#transition(id, order.filledSize.gt(0) ? 'PARTIALLY_FILLED' : 'OPEN', reason)
      }
      case 'FILLED':
        return this.#transition(id, 'FILLED', reason)
      case 'CANCELLED': {
        if (order.status === 'CANCEL_PENDING') {
          const confirmed = this.#append({
            type: 'order.cancel',
            at: this.#clock.now(),
            clientOrderId: id,
            phase: 'confirmed',
          })
          if (isThenable(confirmed)) return confirmed.then(() => this.#transition(id, 'CANCELLED', why))
        }
        return this.#transition(id, 'CANCELLED', why)
      }
      case 'EXPIRED':
      case 'REJECTED':
      case 'FAILED':
        return this.#transition(id, venue.status, why)
    }
  }

  /**
   * Counts a fill. Synchronous (no promise) with a synchronous store; every caller awaits the result,
   * so a throw here is the same as the rejection of an async version.
   */
  #applyFill(venueFill: BrokerFill): boolean | Promise<boolean> {
    if (this.#view.hasFill(venueFill.tradeId)) return false
    const order = this.#findOrder(venueFill.clientOrderId, venueFill.exchangeOrderId)
    if (!order) return this.#unknownFill(venueFill)
    // The stored fill holds exact decimal strings; the projection is handed the same values as
    // Decimals so it need not parse them back (a zero is normalised as parsing would: no −0).
    const parsed: Fill = {
      tradeId: venueFill.tradeId,
      clientOrderId: order.clientOrderId,
      exchangeOrderId: venueFill.exchangeOrderId,
      symbol: venueFill.symbol,
      side: venueFill.side,
      price: plainZero(venueFill.price),
      size: plainZero(venueFill.size),
      fee: plainZero(venueFill.fee),
      liquidity: venueFill.liquidity,
      time: venueFill.time,
    }
    // The size first: a whole fill's size is the order's size, the value printed last (the intent).
    const size = formatDecimal(parsed.size)
    const appended = this.#append(
      {
        type: 'order.fill',
        at: this.#clock.now(),
        clientOrderId: order.clientOrderId,
        fill: {
          tradeId: venueFill.tradeId,
          exchangeOrderId: venueFill.exchangeOrderId,
          symbol: venueFill.symbol,
          side: venueFill.side,
          price: formatDecimal(parsed.price),
          size,
          fee: formatDecimal(parsed.fee),
          liquidity: venueFill.liquidity,
          time: venueFill.time,
        },
      },
      parsed,
    )
    const id = order.clientOrderId
    if (isThenable(appended)) return appended.then(() => this.#filled(id))
    return this.#filled(id)
  }

  /** After a fill was counted: tells the listeners and moves the order on. */
  #filled(clientOrderId: string): boolean | Promise<boolean> {
    this.emit('fill', this.#view.lastFill!)
    const updated = this.#need(clientOrderId)
    const complete = updated.filledSize.gte(updated.size)
    let moved: Order | Promise<Order> | undefined
    if (complete && canTransition(updated.status, 'FILLED')) moved = this.#transition(clientOrderId, 'FILLED')
    else if (
      !complete &&
      (updated.status === 'PENDING' || updated.status === 'OPEN' || updated.status === 'UNKNOWN')
    ) {
      moved = this.#transition(clientOrderId, 'PARTIALLY_FILLED')
    } else this.emit('order', updated)
    return isThenable(moved) ? moved.then(() => true) : true
  }

  /** A fill for no order we know: a duplicate of a forgotten order's fill, or an unknown order. */
  async #unknownFill(venueFill: BrokerFill): Promise<boolean> {
    // A fill of a forgotten order that the store has counted: a duplicate, not an unknown order.
    if (this.#view.forgottenOrders > 0 && (await this.store.hasFill(venueFill.tradeId))) return false
    this.emit('unknownOrder', venueFill)
    return false
  }

  async #cancel(clientOrderId: string): Promise<Order> {
    this.#requireStarted()
    let order = this.#need(clientOrderId)
    if (order.status === 'PENDING' || order.status === 'UNKNOWN') order = await this.#resolve(clientOrderId)
    if (isTerminalStatus(order.status)) return order
    if (order.status === 'NEW' || order.exchangeOrderId === undefined) {
      throw new LiveTradeError(
        `Order ${clientOrderId} is ${order.status} and has no venue id yet; cannot cancel.`,
        'INVALID_ORDER_STATE',
      )
    }
    const exchangeOrderId = order.exchangeOrderId
    await this.#append({ type: 'order.cancel', at: this.#clock.now(), clientOrderId, phase: 'requested' })
    const before = order.status
    await this.#transition(clientOrderId, 'CANCEL_PENDING')
    try {
      await this.broker.cancelOrder({ exchangeOrderId, clientOrderId })
    } catch (error) {
      if (isBrokerError(error) && error.kind !== 'unavailable') {
        await this.#append({
          type: 'order.cancel',
          at: this.#clock.now(),
          clientOrderId,
          phase: 'refused',
          reason: error.reason ?? error.shortMessage,
        })
        const venue = await this.broker.getOrderByClientId(clientOrderId).catch(() => null)
        if (venue?.status === 'OPEN') {
          // The venue still works it: back to where it was.
          return this.#transition(
            clientOrderId,
            before === 'CANCEL_PENDING' ? 'OPEN' : before,
            'cancel refused',
          )
        }
        if (venue) return (await this.#syncOrder(venue, 'cancel refused')) ?? this.#need(clientOrderId)
        return this.#need(clientOrderId)
      }
      // Unavailable: the cancel may or may not have happened; ask.
    }
    const venue = await this.broker.getOrderByClientId(clientOrderId).catch(() => null)
    if (venue) return (await this.#syncOrder(venue)) ?? this.#need(clientOrderId)
    return this.#need(clientOrderId)
  }

  async #edit(clientOrderId: string, request: EditRequest): Promise<Order> {
    this.#requireStarted()
    const order = this.#need(clientOrderId)
    if (
      order.type !== 'LIMIT' ||
      order.exchangeOrderId === undefined ||
      !(order.status === 'OPEN' || order.status === 'PARTIALLY_FILLED')
    ) {
      throw new LiveTradeError(
        `Order ${clientOrderId} (${order.type}, ${order.status}) cannot be edited; only working limit orders can.`,
        'INVALID_ORDER_STATE',
      )
    }
    const price = request.price ?? order.price!
    const size = request.size ?? order.size
    const at = this.#clock.now()
    if (this.broker.canEdit(order)) {
      const body = {
        clientOrderId,
        mode: 'edit' as const,
        price: formatDecimal(price),
        size: formatDecimal(size),
      }
      await this.#append({ type: 'order.edit', at, phase: 'requested', ...body })
      try {
        const venue = await this.broker.editOrder({
          exchangeOrderId: order.exchangeOrderId,
          clientOrderId,
          price,
          size,
        })
        await this.#append({ type: 'order.edit', at: this.#clock.now(), phase: 'accepted', ...body })
        return (await this.#syncOrder(venue)) ?? this.#need(clientOrderId)
      } catch (error) {
        if (isBrokerError(error) && error.kind !== 'unavailable') {
          await this.#append({
            type: 'order.edit',
            at: this.#clock.now(),
            phase: 'refused',
            ...body,
            reason: error.reason ?? error.shortMessage,
          })
          throw error
        }
        // Unknown outcome: the venue's order says whether the edit took.
        const venue = await this.broker.getOrderByClientId(clientOrderId)
        if (venue?.price?.eq(price) && venue.size.eq(size)) {
          await this.#append({ type: 'order.edit', at: this.#clock.now(), phase: 'accepted', ...body })
        } else {
          await this.#append({
            type: 'order.edit',
            at: this.#clock.now(),
            phase: 'refused',
            ...body,
            reason: describe(error),
          })
        }
        return (venue ? await this.#syncOrder(venue) : undefined) ?? this.#need(clientOrderId)
      }
    }
    // Cancel-and-replace: the replacement carries the unfilled rest of the new size.
    const replacementId = `${clientOrderId}-r${this.#view.orders().filter((o) => o.replaces === clientOrderId).length + 1}`
    const body = {
      clientOrderId,
      mode: 'replace' as const,
      price: formatDecimal(price),
      size: formatDecimal(size),
      replacementClientOrderId: replacementId,
    }
    await this.#append({ type: 'order.edit', at, phase: 'requested', ...body })
    const cancelled = await this.#cancel(clientOrderId)
    const rest = size.minus(cancelled.filledSize)
    if (cancelled.status !== 'CANCELLED' || !rest.gt(0)) {
      await this.#append({
        type: 'order.edit',
        at: this.#clock.now(),
        phase: 'refused',
        ...body,
        reason:
          cancelled.status !== 'CANCELLED' ? `original is ${cancelled.status}` : 'nothing left to replace',
      })
      return cancelled
    }
    await this.#append({ type: 'order.edit', at: this.#clock.now(), phase: 'accepted', ...body })
    return this.#place(
      {
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        size: rest,
        price,
        timeInForce: order.timeInForce,
        postOnly: order.postOnly,
        reduceOnly: order.reduceOnly,
        strategy: order.strategy,
      },
      'replace',
      clientOrderId,
      replacementId,
    )
  }

  #onMarket(update: MarketUpdate): void {
    const mark =
      update.last ??
      (update.bestBid !== undefined && update.bestAsk !== undefined
        ? update.bestBid.plus(update.bestAsk).div(2)
        : undefined)
    if (mark !== undefined) this.#positions.mark(update.symbol, mark)
  }
}

const ZERO = new Decimal(0)

/** A promise (of any realm or library) rather than a plain value. */
function isThenable<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function'
}

/** The value as this package's Decimal, as parsing its stored string would give it (no −0). */
function plainZero(value: Decimal): Decimal {
  // A broker built on another Decimal constructor (a clone, another copy of decimal.js) hands over
  // instances that carry that constructor: go through the string, as a restart would.
  if (value.constructor !== Decimal) return new Decimal(formatDecimal(value))
  return value.isZero() ? ZERO : value
}

function describe(error: unknown): string {
  if (error instanceof BrokerError) return error.shortMessage
  if (error instanceof Error) return error.message
  return String(error)
}
