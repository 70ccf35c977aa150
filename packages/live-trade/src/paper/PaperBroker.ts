import type { Clock } from '@gpt-trader/guards'
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
import type {
  Balance,
  Broker,
  BrokerFill,
  BrokerListener,
  BrokerOrder,
  BrokerPosition,
  FillsPage,
  MarketUpdate,
  PlaceOrderRequest,
} from '../Broker.js'
import { BrokerError } from '../errors.js'
import type { Liquidity } from '../Fill.js'
import { type FillBalances, FillModel } from './FillModel.js'
import type { FeeSchedule } from './feeSchedule.js'
import { type BookSnapshot, L2Book } from './L2Book.js'

const ZERO = new Decimal(0)

/** Options of {@link PaperBroker}. */
export interface PaperBrokerOptions {
  /** Tradable products (parsed with `productSpec` from `@gpt-trader/validation`). */
  products: readonly ProductSpec[]
  /** Starting balances per currency, e.g. `{ USD: '10000', BTC: '0' }`. */
  balances?: Readonly<Record<string, DecimalInput>> | undefined
  /** Default 0.004 (Coinbase's entry tier). Ignored when `fees` is given. */
  makerFeeRate?: DecimalInput | undefined
  /** Default 0.006. Ignored when `fees` is given. */
  takerFeeRate?: DecimalInput | undefined
  /** Fee schedule (flat or volume tiers) of the shared `FillModel`; overrides the two rates above. */
  fees?: FeeSchedule | undefined
  /** Time source for order and fill timestamps. Default `Date.now`. */
  clock?: Clock | undefined
}

interface PaperOrder {
  order: BrokerOrder
  remaining: Decimal
  notional: Decimal
  quote: string
  base: string
}

/**
 * A broker that fills against an internal level-2 book: market orders walk the book, limit orders
 * take what crosses and rest the remainder until the book (or a trade print) crosses them, partial
 * fills are reported as they happen, maker and taker fees are charged, and balances (with holds for
 * resting orders) are kept. Fees and the bookkeeping of each fill come from the shared
 * {@link FillModel} (the backtest's simulated venue uses the same one). Ids and timestamps come from counters and the injected clock, so the same
 * input stream always produces the same orders and fills.
 *
 * Feed it with {@link PaperBroker.setBook} (snapshots), {@link PaperBroker.setLevel} (updates) or
 * {@link PaperBroker.trade} (prints that fill resting orders at their limit).
 *
 * @example
 * const broker = new PaperBroker({ products: [spec], balances: { USD: '10000' } })
 * broker.setBook('BTC-USD', { bids: [['66999', '1']], asks: [['67001', '1']] })
 */
export class PaperBroker implements Broker {
  readonly name = 'paper'
  #products = new Map<string, ProductSpec>()
  #books = new Map<string, L2Book>()
  #balances = new Map<string, Decimal>()
  /** Resting orders only, oldest first: matching and holds never scan finished orders. */
  #open = new Set<PaperOrder>()
  #byClientId = new Map<string, PaperOrder>()
  #byId = new Map<string, PaperOrder>()
  #fills: BrokerFill[] = []
  #fillsByOrder = new Map<string, BrokerFill[]>()
  #listeners = new Set<BrokerListener>()
  #nextOrder = 1
  #nextTrade = 1
  #model: FillModel
  #clock: Clock

  constructor(options: PaperBrokerOptions) {
    for (const spec of options.products) this.#products.set(spec.product_id, spec)
    for (const [currency, amount] of Object.entries(options.balances ?? {})) {
      this.#balances.set(currency, toDecimal(amount, `balances.${currency}`))
    }
    this.#model = new FillModel({
      fees: options.fees ?? {
        maker: toDecimal(options.makerFeeRate ?? '0.004', 'makerFeeRate'),
        taker: toDecimal(options.takerFeeRate ?? '0.006', 'takerFeeRate'),
      },
    })
    this.#clock = options.clock ?? { now: () => Date.now() }
  }

  /** Replaces a product's book with a snapshot, then fills resting orders it crosses. */
  setBook(symbol: string, snapshot: BookSnapshot): void {
    this.#book(symbol).replace(snapshot)
    this.#afterBookChange(symbol)
  }

  /** Sets one level (`side` BUY = bid), then fills resting orders it crosses. */
  setLevel(symbol: string, side: 'BUY' | 'SELL', price: DecimalInput, size: DecimalInput): void {
    this.#book(symbol).set(side, price, size)
    this.#afterBookChange(symbol)
  }

  /**
   * A trade printed at the venue: resting orders at or better than `price` fill (as makers, at their
   * own limit) up to `size` in total, oldest first.
   */
  trade(symbol: string, priceInput: DecimalInput, sizeInput: DecimalInput): void {
    const price = toDecimal(priceInput, 'price')
    let left = toDecimal(sizeInput, 'size')
    for (const po of [...this.#open]) {
      if (left.isZero()) break
      const o = po.order
      if (o.symbol !== symbol || o.status !== 'OPEN' || o.price === undefined) continue
      if (!this.#model.reaches(o.side, o.price, price, 'touch')) continue
      const qty = Decimal.min(left, po.remaining)
      this.#execute(po, o.price, qty, 'MAKER')
      left = left.minus(qty)
      this.#finishIfDone(po)
    }
    this.#emitMarket({ symbol, last: price, time: this.#clock.now() })
  }

  /** The internal book of a product (read it, do not change it). */
  book(symbol: string): L2Book {
    return this.#book(symbol)
  }

  async getProducts(): Promise<readonly ProductSpec[]> {
    return [...this.#products.values()]
  }

  async getProduct(symbol: string): Promise<ProductSpec> {
    return this.#spec(symbol)
  }

  async getBalances(): Promise<readonly Balance[]> {
    const holds = this.#holds()
    const currencies = new Set([...this.#balances.keys(), ...holds.keys()])
    return [...currencies].sort().map((currency) => {
      const total = this.#balances.get(currency) ?? ZERO
      const hold = holds.get(currency) ?? ZERO
      return { currency, available: total.minus(hold), hold }
    })
  }

  async getPositions(): Promise<readonly BrokerPosition[]> {
    return []
  }

  async placeOrder(request: PlaceOrderRequest): Promise<BrokerOrder> {
    const known = this.#byClientId.get(request.clientOrderId)
    // Like Coinbase, a repeated client order id returns the existing order instead of a second one.
    if (known) return this.#model.snapshot(known.order)
    const spec = this.#spec(request.symbol)
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
      spec,
    )
    if (issues.length > 0) {
      throw new BrokerError(`Order rejected: ${issues[0]!.message}`, 'rejected', {
        reason: issues[0]!.code,
      })
    }
    if (request.type !== 'MARKET' && request.type !== 'LIMIT') {
      throw new BrokerError(`Order rejected: the paper broker does not support ${request.type}`, 'rejected', {
        reason: 'UNSUPPORTED_ORDER_TYPE',
      })
    }
    const book = this.#book(request.symbol)
    const limit = request.type === 'LIMIT' ? request.price : undefined
    const { base, quote } = parseProductId(request.symbol)
    if (request.postOnly && limit !== undefined) {
      const opposite = request.side === 'BUY' ? book.bestAsk() : book.bestBid()
      if (opposite && (request.side === 'BUY' ? opposite.price.lte(limit) : opposite.price.gte(limit))) {
        throw new BrokerError('Order rejected: a post-only order would cross the book', 'rejected', {
          reason: 'INVALID_LIMIT_PRICE_POST_ONLY',
        })
      }
    }
    this.#checkFunds(request, base, quote, book)
    const now = this.#clock.now()
    const po: PaperOrder = {
      order: {
        exchangeOrderId: `paper-${this.#nextOrder++}`,
        clientOrderId: request.clientOrderId,
        symbol: request.symbol,
        side: request.side,
        type: request.type,
        size: request.size,
        price: limit,
        timeInForce: request.timeInForce,
        status: 'OPEN',
        filledSize: ZERO,
        fees: ZERO,
        createdAt: now,
      },
      remaining: request.size,
      notional: ZERO,
      base,
      quote,
    }
    if (request.timeInForce === 'FOK' && book.available(request.side, limit).lt(request.size)) {
      po.order.status = 'CANCELLED'
      po.order.reason = 'FOK_NOT_FILLED'
      this.#register(po)
      this.#emitOrder(po)
      return this.#model.snapshot(po.order)
    }
    this.#register(po)
    for (const level of book.take(request.side, request.size, limit)) {
      this.#execute(po, level.price, level.size, 'TAKER')
    }
    if (po.remaining.isZero()) {
      po.order.status = 'FILLED'
    } else if (request.type === 'MARKET' || request.timeInForce === 'IOC' || request.timeInForce === 'FOK') {
      po.order.status = 'CANCELLED'
      po.order.reason = po.order.filledSize.isZero() ? 'NO_LIQUIDITY' : 'REMAINDER_CANCELLED'
    }
    this.#emitOrder(po)
    this.#emitBook(request.symbol)
    return this.#model.snapshot(po.order)
  }

  async cancelOrder(ref: { exchangeOrderId: string; clientOrderId: string }): Promise<void> {
    const po = this.#byId.get(ref.exchangeOrderId) ?? this.#byClientId.get(ref.clientOrderId)
    if (!po) throw new BrokerError(`Order ${ref.clientOrderId} not found`, 'not_found')
    if (po.order.status !== 'OPEN') {
      throw new BrokerError(`Order ${ref.clientOrderId} is ${po.order.status}, not open`, 'rejected', {
        reason: 'ORDER_NOT_OPEN',
      })
    }
    po.order.status = 'CANCELLED'
    po.order.reason = 'USER_CANCELLED'
    this.#emitOrder(po)
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
    const po = this.#byId.get(request.exchangeOrderId)
    if (!po) throw new BrokerError(`Order ${request.clientOrderId} not found`, 'not_found')
    const o = po.order
    if (
      o.status !== 'OPEN' ||
      !this.canEdit({ type: o.type, timeInForce: o.timeInForce ?? 'GTC', postOnly: false })
    ) {
      throw new BrokerError(`Order ${request.clientOrderId} cannot be edited`, 'rejected', {
        reason: 'ORDER_NOT_EDITABLE',
      })
    }
    if (request.size.lte(o.filledSize)) {
      throw new BrokerError('Edit rejected: the new size is not above the filled size', 'rejected', {
        reason: 'INVALID_EDITED_SIZE',
      })
    }
    const book = this.#book(o.symbol)
    const opposite = o.side === 'BUY' ? book.bestAsk() : book.bestBid()
    if (
      opposite &&
      (o.side === 'BUY' ? opposite.price.lte(request.price) : opposite.price.gte(request.price))
    ) {
      throw new BrokerError('Edit rejected: the new price would cross the book', 'rejected', {
        reason: 'EDIT_WOULD_CROSS',
      })
    }
    o.price = request.price
    o.size = request.size
    po.remaining = request.size.minus(o.filledSize)
    this.#emitOrder(po)
    return this.#model.snapshot(o)
  }

  async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    const po = this.#byClientId.get(clientOrderId)
    return po ? this.#model.snapshot(po.order) : null
  }

  async getOrderById(exchangeOrderId: string): Promise<BrokerOrder | null> {
    const po = this.#byId.get(exchangeOrderId)
    return po ? this.#model.snapshot(po.order) : null
  }

  async getOpenOrders(symbol?: string): Promise<readonly BrokerOrder[]> {
    return [...this.#open]
      .filter((po) => symbol === undefined || po.order.symbol === symbol)
      .map((po) => this.#model.snapshot(po.order))
  }

  async getFillsSince(cursor?: string, filter: { exchangeOrderId?: string } = {}): Promise<FillsPage> {
    const start = cursor === undefined ? 0 : Number.parseInt(cursor, 10)
    const from = Number.isFinite(start) ? start : 0
    if (filter.exchangeOrderId !== undefined) {
      const own = this.#fillsByOrder.get(filter.exchangeOrderId) ?? []
      return { fills: own.filter((f) => this.#fills.indexOf(f) >= from), cursor: String(this.#fills.length) }
    }
    return { fills: this.#fills.slice(from), cursor: String(this.#fills.length) }
  }

  subscribe(listener: BrokerListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  #spec(symbol: string): ProductSpec {
    const spec = this.#products.get(symbol)
    if (!spec) throw new BrokerError(`Unknown product ${symbol}`, 'rejected', { reason: 'UNKNOWN_PRODUCT' })
    return spec
  }

  #book(symbol: string): L2Book {
    let book = this.#books.get(symbol)
    if (!book) {
      this.#spec(symbol)
      book = new L2Book()
      this.#books.set(symbol, book)
    }
    return book
  }

  #register(po: PaperOrder): void {
    if (po.order.status === 'OPEN') this.#open.add(po)
    this.#byClientId.set(po.order.clientOrderId, po)
    this.#byId.set(po.order.exchangeOrderId, po)
  }

  /** Holds of resting orders: quote for buys (price × remaining, plus the taker fee), base for sells. */
  #holds(): Map<string, Decimal> {
    const holds = new Map<string, Decimal>()
    for (const po of this.#open) {
      const o = po.order
      if (o.side === 'BUY' && o.price !== undefined) {
        const amount = o.price.times(po.remaining).times(this.#takerRate().plus(1))
        holds.set(po.quote, (holds.get(po.quote) ?? ZERO).plus(amount))
      } else if (o.side === 'SELL') {
        holds.set(po.base, (holds.get(po.base) ?? ZERO).plus(po.remaining))
      }
    }
    return holds
  }

  #checkFunds(request: PlaceOrderRequest, base: string, quote: string, book: L2Book): void {
    const holds = this.#holds()
    const available = (currency: string) =>
      (this.#balances.get(currency) ?? ZERO).minus(holds.get(currency) ?? ZERO)
    let need: Decimal
    let currency: string
    if (request.side === 'SELL') {
      need = request.size
      currency = base
    } else {
      const price = request.price ?? undefined
      const cost = price !== undefined ? price.times(request.size) : book.cost('BUY', request.size)
      if (cost === undefined) {
        throw new BrokerError('Order rejected: not enough liquidity for the market order', 'rejected', {
          reason: 'NO_LIQUIDITY',
        })
      }
      need = cost.times(this.#takerRate().plus(1))
      currency = quote
    }
    if (available(currency).lt(need)) {
      throw new BrokerError(
        `Order rejected: needs ${formatDecimal(need)} ${currency}, ${formatDecimal(available(currency))} available`,
        'rejected',
        { reason: 'INSUFFICIENT_FUND' },
      )
    }
  }

  #takerRate(): Decimal {
    return this.#model.rate(this.#clock.now(), 'TAKER')
  }

  #execute(po: PaperOrder, price: Decimal, size: Decimal, liquidity: Liquidity): void {
    const o = po.order
    const balances: FillBalances = {
      base: this.#balances.get(po.base) ?? ZERO,
      quote: this.#balances.get(po.quote) ?? ZERO,
    }
    const time = this.#clock.now()
    const rate = this.#model.rate(time, liquidity)
    const tradeId = `paper-trade-${this.#nextTrade++}`
    const fill = this.#model.fill(po, { price, size, liquidity, rate, time, tradeId }, balances)
    this.#balances.set(po.base, balances.base)
    this.#balances.set(po.quote, balances.quote)
    this.#fills.push(fill)
    const own = this.#fillsByOrder.get(o.exchangeOrderId)
    if (own) own.push(fill)
    else this.#fillsByOrder.set(o.exchangeOrderId, [fill])
    for (const listener of [...this.#listeners]) listener.fill?.(fill)
  }

  #finishIfDone(po: PaperOrder): void {
    if (po.remaining.isZero()) po.order.status = 'FILLED'
    this.#emitOrder(po)
  }

  #afterBookChange(symbol: string): void {
    const book = this.#book(symbol)
    for (const po of [...this.#open]) {
      const o = po.order
      if (o.symbol !== symbol || o.status !== 'OPEN' || o.price === undefined) continue
      const taken = book.take(o.side, po.remaining, o.price)
      if (taken.length === 0) continue
      // The resting order was there first: it fills at its own price, as the maker.
      for (const level of taken) this.#execute(po, o.price, level.size, 'MAKER')
      this.#finishIfDone(po)
    }
    this.#emitBook(symbol)
  }

  #emitOrder(po: PaperOrder): void {
    if (po.order.status !== 'OPEN') this.#open.delete(po)
    const snapshot = this.#model.snapshot(po.order)
    for (const listener of [...this.#listeners]) listener.order?.(snapshot)
  }

  #emitBook(symbol: string): void {
    const book = this.#book(symbol)
    this.#emitMarket({
      symbol,
      bestBid: book.bestBid()?.price,
      bestAsk: book.bestAsk()?.price,
      time: this.#clock.now(),
    })
  }

  #emitMarket(update: MarketUpdate): void {
    for (const listener of [...this.#listeners]) listener.market?.(update)
  }
}
