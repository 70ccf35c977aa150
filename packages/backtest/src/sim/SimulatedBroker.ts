import type { Clock } from '@gpt-trader/guards'
import {
  type Balance,
  type Broker,
  BrokerError,
  type BrokerFill,
  type BrokerListener,
  type BrokerOrder,
  type BrokerPosition,
  type FeeSchedule,
  type FillBalances,
  FillModel,
  type FillsPage,
  type PlaceOrderRequest,
  type SlippageModel,
} from '@gpt-trader/live-trade'
import {
  Decimal,
  type DecimalInput,
  formatDecimal,
  type OrderType,
  type ProductSpec,
  parseProductId,
  type TimeInForce,
  toDecimal,
  validateOrder,
} from '@gpt-trader/validation'
import type { Bar } from '../data/Bar.js'

/** Delay between a decision and the moment the order reaches the simulated venue. */
export interface LatencyModel {
  /** Fixed delay in ms. Default 0. */
  ms?: number | undefined
  /** Extra delay drawn uniformly from [0, jitterMs) with the seeded generator. Default 0. */
  jitterMs?: number | undefined
}

/** Options of {@link SimulatedBroker}. */
export interface SimulatedBrokerOptions {
  product: ProductSpec
  /** Starting quote balance. */
  cash: DecimalInput
  fees?: FeeSchedule | undefined
  slippage?: SlippageModel | undefined
  latency?: LatencyModel | undefined
  /** Largest share of a bar's volume one bar may fill, across orders, in (0, 1]. Default: no cap. */
  participation?: number | undefined
  /** Uniform [0, 1) source (seeded). */
  random: () => number
  clock: Clock
}

interface SimOrder {
  order: BrokerOrder
  remaining: Decimal
  notional: Decimal
  /** The order reaches the venue at this time; it trades from the first bar starting at or after it. */
  activeFrom: number
  /** False until the order has seen its first bar (the marketable check happens there). */
  seenBar: boolean
  postOnly: boolean
  fills: BrokerFill[]
}

const ZERO = new Decimal(0)
const ORDER_PREFIX = 'bt-order-'
/** The fills of an order without any (shared: replaced, never pushed to, on the first fill). */
const NO_FILLS: BrokerFill[] = []

/**
 * A simulated venue behind live-trade's `Broker` port, driven bar by bar by the backtest. Prices,
 * caps, fees and the bookkeeping of each fill come from live-trade's `FillModel` (the same model as
 * the `PaperBroker`); this class adds the bar semantics (see the README):
 *
 * - an order reaches the venue `latency` ms after the decision and trades from the first bar that
 *   starts at or after that moment;
 * - MARKET orders fill at that bar's open plus slippage (taker); whatever the participation cap or the
 *   cash does not allow is cancelled (IOC);
 * - LIMIT orders that are marketable at that open fill at the open plus slippage, capped at the limit
 *   (taker); otherwise they rest and fill at their limit (maker) on a bar that trades **through** the
 *   price (low < buy limit, high > sell limit); GTC remainders keep resting, IOC / FOK ones cancel;
 * - every bar can fill at most `participation` × its volume in total (partial fills);
 * - fees by tier on the trailing volume, charged in quote currency on each fill.
 *
 * @example
 * const broker = new SimulatedBroker({ product, cash: '10000', random: seededRandom(1), clock })
 * broker.onBar(bar) // fills what this bar allows and reports it to subscribers
 */
export class SimulatedBroker implements Broker {
  readonly name = 'backtest'
  readonly #product: ProductSpec
  readonly #symbol: string
  readonly #base: string
  readonly #quote: string
  readonly #model: FillModel
  readonly #latencyMs: number
  readonly #jitterMs: number
  readonly #participation: Decimal | undefined
  readonly #random: () => number
  readonly #clock: Clock
  readonly #priceIncrement: Decimal
  readonly #baseIncrement: Decimal
  /** Quote (cash) and base balances, updated in place by the fill model. */
  readonly #balances: FillBalances
  #working: SimOrder[] = []
  readonly #byClientId = new Map<string, SimOrder>()
  /** Orders by number: `bt-order-N` is `#orders[N - 1]` (an array push instead of a map insert). */
  readonly #orders: SimOrder[] = []
  readonly #fills: BrokerFill[] = []
  readonly #listeners = new Set<BrokerListener>()
  /** The listeners as an array, replaced on (un)subscribe: emitting iterates it without a Set iterator. */
  #listenerList: readonly BrokerListener[] = []
  #lastClose: string | Decimal | undefined
  #nextOrder = 1
  #nextTrade = 1

  constructor(options: SimulatedBrokerOptions) {
    this.#product = options.product
    this.#symbol = options.product.product_id
    const { base, quote } = parseProductId(this.#symbol)
    this.#base = base
    this.#quote = quote
    this.#model = new FillModel({ fees: options.fees, slippage: options.slippage, random: options.random })
    this.#latencyMs = options.latency?.ms ?? 0
    this.#jitterMs = options.latency?.jitterMs ?? 0
    this.#participation =
      options.participation === undefined ? undefined : new Decimal(String(options.participation))
    this.#random = options.random
    this.#clock = options.clock
    this.#balances = { base: ZERO, quote: toDecimal(options.cash, 'cash') }
    this.#priceIncrement = toDecimal(this.#product.price_increment, 'price_increment')
    this.#baseIncrement = toDecimal(this.#product.base_increment, 'base_increment')
  }

  /** Quote balance now (fills included). */
  get cash(): Decimal {
    return this.#balances.quote
  }

  /** Base balance now. */
  get baseBalance(): Decimal {
    return this.#balances.base
  }

  /** True while some order rests or waits for its bar. */
  get hasWorkingOrders(): boolean {
    return this.#working.length > 0
  }

  /** Tells the venue the last close (reference price for buy-side fund checks). */
  setLastClose(close: string | Decimal): void {
    this.#lastClose = close
  }

  /**
   * Lets one bar trade against the working orders. Returns true when something changed (a fill or
   * a final status), so the caller knows to wait for the engine.
   */
  onBar(bar: Bar): boolean {
    if (this.#working.length === 0) return false
    let changed = false
    let capacity: Decimal | undefined
    if (this.#participation !== undefined) {
      capacity = this.#model.capacity(new Decimal(bar.volume), this.#participation, this.#baseIncrement)
    }
    const still: SimOrder[] = []
    for (const so of this.#working) {
      if (so.activeFrom > bar.time) {
        still.push(so)
        continue
      }
      const before = so.remaining
      const result = this.#trade(so, bar, capacity)
      if (capacity !== undefined) capacity = capacity.minus(before.minus(so.remaining))
      if (result !== 'working') changed = true
      else if (!so.remaining.eq(before)) changed = true
      if (result === 'working') still.push(so)
    }
    this.#working = still
    return changed
  }

  #trade(so: SimOrder, bar: Bar, capacity: Decimal | undefined): 'working' | 'done' {
    const o = so.order
    const buy = o.side === 'BUY'
    const first = !so.seenBar
    so.seenBar = true
    const model = this.#model
    const open = new Decimal(bar.open)
    let price: Decimal | undefined
    let liquidity: 'MAKER' | 'TAKER' = 'TAKER'
    if (o.type === 'MARKET') {
      price = model.takerPrice(open, o.side, this.#priceIncrement)
    } else {
      const limit = o.price!
      const marketable = buy ? open.lte(limit) : open.gte(limit)
      if (first && marketable) {
        if (so.postOnly) return this.#close(so, 'CANCELLED', 'POST_ONLY_WOULD_CROSS')
        price = model.takerPrice(open, o.side, this.#priceIncrement, limit)
      } else if (model.reaches(o.side, limit, new Decimal(buy ? bar.low : bar.high), 'through')) {
        price = limit
        liquidity = 'MAKER'
      }
    }
    if (price !== undefined) {
      const rate = model.rate(bar.time, liquidity)
      const { size, reason } = model.allowed(so, price, rate, {
        baseIncrement: this.#baseIncrement,
        capacity,
        balances: this.#balances,
      })
      if (o.timeInForce === 'FOK' && size.lt(so.remaining))
        return this.#close(so, 'CANCELLED', reason ?? 'FOK_NOT_FILLED')
      if (size.gt(0)) {
        // The fill price stays with the fill, the order and the engine's copies for the whole run: a
        // copy with a digit array of exactly its length (a parsed Decimal has room for 17 words) is
        // cheaper for the young-generation GC to copy and promote. Same value, same class.
        const kept = new Decimal(price)
        const fill = model.fill(
          so,
          { price: kept, size, liquidity, rate, time: bar.time, tradeId: `bt-${this.#nextTrade++}` },
          this.#balances,
        )
        // Most orders fill once: a one-element array rather than an empty one grown by push (which
        // V8 gives room for 17), since the order keeps it for the whole run.
        if (so.fills.length === 0) so.fills = [fill]
        else so.fills.push(fill)
        this.#fills.push(fill)
        const listeners = this.#listenerList
        for (let i = 0; i < listeners.length; i++) listeners[i]!.fill?.(fill)
      }
      if (so.remaining.isZero()) return this.#close(so, 'FILLED')
      if (o.type === 'MARKET' || o.timeInForce === 'IOC' || reason === 'INSUFFICIENT_FUND') {
        return this.#close(so, 'CANCELLED', reason ?? 'REMAINDER_CANCELLED')
      }
      return 'working'
    }
    if (o.timeInForce === 'IOC' || o.timeInForce === 'FOK') return this.#close(so, 'CANCELLED', 'NOT_FILLED')
    return 'working'
  }

  #close(so: SimOrder, status: 'FILLED' | 'CANCELLED', reason?: string): 'done' {
    so.order.status = status
    if (reason !== undefined) so.order.reason = reason
    this.#emitOrder(so)
    return 'done'
  }

  #emitOrder(so: SimOrder): void {
    const snapshot = this.#model.snapshot(so.order)
    const listeners = this.#listenerList
    for (let i = 0; i < listeners.length; i++) listeners[i]!.order?.(snapshot)
  }

  // ----- Broker port -----

  async getProducts(): Promise<readonly ProductSpec[]> {
    return [this.#product]
  }

  async getProduct(symbol: string): Promise<ProductSpec> {
    if (symbol !== this.#symbol) {
      throw new BrokerError(`Unknown product ${symbol}`, 'rejected', { reason: 'UNKNOWN_PRODUCT' })
    }
    return this.#product
  }

  async getBalances(): Promise<readonly Balance[]> {
    let quoteHold = ZERO
    let baseHold = ZERO
    for (const so of this.#working) {
      if (so.order.side === 'SELL') baseHold = baseHold.plus(so.remaining)
      else if (so.order.price !== undefined) quoteHold = quoteHold.plus(so.order.price.times(so.remaining))
    }
    return [
      { currency: this.#base, available: this.#balances.base.minus(baseHold), hold: baseHold },
      { currency: this.#quote, available: this.#balances.quote.minus(quoteHold), hold: quoteHold },
    ].sort((a, b) => (a.currency < b.currency ? -1 : 1))
  }

  async getPositions(): Promise<readonly BrokerPosition[]> {
    return []
  }

  async placeOrder(request: PlaceOrderRequest): Promise<BrokerOrder> {
    const known = this.#byClientId.get(request.clientOrderId)
    if (known) return this.#model.snapshot(known.order)
    if (request.symbol !== this.#symbol) {
      throw new BrokerError(`Unknown product ${request.symbol}`, 'rejected', { reason: 'UNKNOWN_PRODUCT' })
    }
    const issues = validateOrder(
      {
        productId: request.symbol,
        side: request.side,
        type: request.type,
        size: request.size,
        price: request.price,
        stopPrice: request.stopPrice,
        postOnly: request.postOnly,
        timeInForce: request.timeInForce,
      },
      this.#product,
    )
    if (issues.length > 0) {
      throw new BrokerError(`Order rejected: ${issues[0]!.message}`, 'rejected', { reason: issues[0]!.code })
    }
    if (request.type !== 'MARKET' && request.type !== 'LIMIT') {
      throw new BrokerError(
        `Order rejected: the backtest broker does not support ${request.type}`,
        'rejected',
        {
          reason: 'UNSUPPORTED_ORDER_TYPE',
        },
      )
    }
    this.#checkFunds(request)
    const now = this.#clock.now()
    const jitter = this.#jitterMs > 0 ? Math.floor(this.#random() * this.#jitterMs) : 0
    const so: SimOrder = {
      order: {
        exchangeOrderId: ORDER_PREFIX + this.#nextOrder++,
        clientOrderId: request.clientOrderId,
        symbol: request.symbol,
        side: request.side,
        type: request.type,
        size: request.size,
        price: request.type === 'LIMIT' ? request.price : undefined,
        timeInForce: request.timeInForce,
        status: 'OPEN',
        filledSize: ZERO,
        // Present from the start (set on the first fill, and on close): the order keeps the shape it
        // was created with instead of growing an out-of-object property store.
        averageFillPrice: undefined,
        fees: ZERO,
        createdAt: now,
        reason: undefined,
      },
      remaining: request.size,
      notional: ZERO,
      activeFrom: now + this.#latencyMs + jitter,
      seenBar: false,
      postOnly: request.postOnly,
      fills: NO_FILLS,
    }
    this.#working.push(so)
    this.#byClientId.set(request.clientOrderId, so)
    this.#orders.push(so)
    return this.#model.snapshot(so.order)
  }

  #checkFunds(request: PlaceOrderRequest): void {
    let pendingBase = ZERO
    let pendingQuote = ZERO
    for (const so of this.#working) {
      if (so.order.side === 'SELL') pendingBase = pendingBase.plus(so.remaining)
      else pendingQuote = pendingQuote.plus((so.order.price ?? this.#reference()).times(so.remaining))
    }
    if (request.side === 'SELL') {
      const available = this.#balances.base.minus(pendingBase)
      if (available.lt(request.size)) {
        throw new BrokerError(
          `Order rejected: needs ${formatDecimal(request.size)} ${this.#base}, ${formatDecimal(available)} available`,
          'rejected',
          { reason: 'INSUFFICIENT_FUND' },
        )
      }
      return
    }
    const price = request.price ?? this.#reference()
    const need = price.times(request.size)
    const available = this.#balances.quote.minus(pendingQuote)
    if (available.lt(need)) {
      throw new BrokerError(
        `Order rejected: needs ${formatDecimal(need)} ${this.#quote}, ${formatDecimal(available)} available`,
        'rejected',
        { reason: 'INSUFFICIENT_FUND' },
      )
    }
  }

  /** The order with this venue id, if it is one of ours. */
  #byId(exchangeOrderId: string): SimOrder | undefined {
    if (typeof exchangeOrderId !== 'string' || !exchangeOrderId.startsWith(ORDER_PREFIX)) return undefined
    const digits = exchangeOrderId.slice(ORDER_PREFIX.length)
    // Only the canonical spelling of a number names an order ('bt-order-01' does not).
    const n = Number(digits)
    if (!Number.isSafeInteger(n) || n < 1 || String(n) !== digits) return undefined
    return this.#orders[n - 1]
  }

  #reference(): Decimal {
    const close = this.#lastClose
    return close === undefined ? ZERO : typeof close === 'string' ? new Decimal(close) : close
  }

  async cancelOrder(ref: { exchangeOrderId: string; clientOrderId: string }): Promise<void> {
    const so = this.#byId(ref.exchangeOrderId) ?? this.#byClientId.get(ref.clientOrderId)
    if (!so) throw new BrokerError(`Order ${ref.clientOrderId} not found`, 'not_found')
    if (so.order.status !== 'OPEN') {
      throw new BrokerError(`Order ${ref.clientOrderId} is ${so.order.status}, not open`, 'rejected', {
        reason: 'ORDER_NOT_OPEN',
      })
    }
    this.#working = this.#working.filter((w) => w !== so)
    this.#close(so, 'CANCELLED', 'USER_CANCELLED')
  }

  canEdit(order: { type: OrderType; timeInForce: TimeInForce; postOnly: boolean }): boolean {
    return order.type === 'LIMIT' && order.timeInForce === 'GTC'
  }

  async editOrder(request: {
    exchangeOrderId: string
    clientOrderId: string
    price: Decimal
    size: Decimal
  }): Promise<BrokerOrder> {
    const so = this.#byId(request.exchangeOrderId)
    if (!so) throw new BrokerError(`Order ${request.clientOrderId} not found`, 'not_found')
    const o = so.order
    if (o.status !== 'OPEN' || o.type !== 'LIMIT' || request.size.lte(o.filledSize)) {
      throw new BrokerError(`Order ${request.clientOrderId} cannot be edited`, 'rejected', {
        reason: 'ORDER_NOT_EDITABLE',
      })
    }
    o.price = request.price
    o.size = request.size
    so.remaining = request.size.minus(o.filledSize)
    this.#emitOrder(so)
    return this.#model.snapshot(o)
  }

  async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    const so = this.#byClientId.get(clientOrderId)
    return so ? this.#model.snapshot(so.order) : null
  }

  async getOpenOrders(symbol?: string): Promise<readonly BrokerOrder[]> {
    return this.#working
      .filter((so) => symbol === undefined || so.order.symbol === symbol)
      .map((so) => this.#model.snapshot(so.order))
  }

  async getFillsSince(cursor?: string, filter: { exchangeOrderId?: string } = {}): Promise<FillsPage> {
    if (filter.exchangeOrderId !== undefined) {
      const so = this.#byId(filter.exchangeOrderId)
      return { fills: so ? [...so.fills] : [], cursor: String(this.#fills.length) }
    }
    const start = cursor === undefined ? 0 : Number.parseInt(cursor, 10)
    return {
      fills: this.#fills.slice(Number.isFinite(start) ? start : 0),
      cursor: String(this.#fills.length),
    }
  }

  subscribe(listener: BrokerListener): () => void {
    this.#listeners.add(listener)
    this.#listenerList = [...this.#listeners]
    return () => {
      this.#listeners.delete(listener)
      this.#listenerList = [...this.#listeners]
    }
  }
}
