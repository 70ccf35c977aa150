import { D, type Dec, fmt, onGrid, parseDecimal, ZERO } from './money.js'
import type { ProductRules } from './products.js'
import type { SimRandom } from './random.js'
import type { EngineEvent, OrderType, Side, SimFill, SimOrder, SimTrade, TimeInForce } from './types.js'

/** Coinbase's failure triple for a rejected order. */
export interface OrderFailure {
  error: string
  message: string
  previewFailureReason: string
  newOrderFailureReason: string
}

/** A request to place an order (already JSON-decoded, still untrusted). */
export interface NewOrderRequest {
  clientOrderId: string
  productId: unknown
  side: unknown
  orderConfiguration: unknown
  /** Optional `attached_order_configuration` (only `trigger_bracket_gtc`, size omitted). */
  attachedOrderConfiguration?: unknown
}

/** Result of `placeOrder`. */
export type PlaceResult =
  | { ok: true; order: SimOrder; duplicate: boolean }
  | { ok: false; failure: OrderFailure; config: Record<string, unknown> | null }

/** A funded account inside the engine. */
export interface EngineAccount {
  id: string
  userId: string
  portfolioId: string
  /** Internal liquidity accounts skip balance checks (their balances may go negative). */
  unlimited: boolean
  makerFeeRate: Dec
  takerFeeRate: Dec
  balances: Map<string, { available: Dec; hold: Dec }>
}

/** Options of {@link MatchingEngine}. */
export interface EngineOptions {
  products: readonly ProductRules[]
  now: () => number
  random: SimRandom
  /** How much finished history stays in memory (defaults: {@link ENGINE_RETENTION}). */
  retention?: Partial<EngineRetention> | undefined
}

/** Bounds on the history a {@link MatchingEngine} keeps; open orders are always kept. */
export interface EngineRetention {
  /** Finished (filled, cancelled, expired, failed) user orders kept, newest first; older ones are forgotten. */
  terminalOrders: number
  /** User fills kept, newest first. */
  fills: number
  /** Public trades kept per product: what `GET /products/{id}/ticker` (limit ≤ 1000) can return at most. */
  tradesPerProduct: number
}

/**
 * Default history bounds, sized for a sim embedded in a long-running dev bot (an order every few
 * seconds, 10 products): about an hour of finished orders and fills (enough for get-order and
 * reconciliation, which only ask about recent ones) in ~2 MB, and the last 250 public trades per
 * product (~0.13 MB a product; `GET /products/{id}/ticker` returns at most that many, 100 by default).
 * A forgotten order answers 404 on get-order, drops out of list-orders and frees its
 * `client_order_id` for reuse. Pass `retention` for more history (up to 1,000 trades for the ticker's
 * `limit` cap).
 */
export const ENGINE_RETENTION: Readonly<EngineRetention> = {
  terminalOrders: 1_000,
  fills: 2_000,
  tradesPerProduct: 250,
}

/** Extra entries tolerated before a prune, so pruning runs once per `slack` additions, not on each. */
const slack = (keep: number): number => Math.max(16, Math.ceil(keep / 10))

const isTerminal = (o: SimOrder): boolean => o.status !== 'OPEN' && o.status !== 'PENDING'

interface Book {
  rules: ProductRules
  /** Best first: bids by price desc, asks by price asc; ties by seq. */
  bids: SimOrder[]
  asks: SimOrder[]
  bidLevels: Map<string, Dec>
  askLevels: Map<string, Dec>
  lastPrice: Dec | null
  pendingStops: SimOrder[]
  /** Resting bracket orders (watched for their stop trigger). */
  brackets: SimOrder[]
}

const failure = (
  newOrderFailureReason: string,
  previewFailureReason: string,
  message = '',
  error = newOrderFailureReason,
): OrderFailure => ({ error, message, previewFailureReason, newOrderFailureReason })

const PREVIEW_ONLY = (preview: string): OrderFailure =>
  failure('UNKNOWN_FAILURE_REASON', preview, '', 'UNKNOWN_FAILURE_REASON')

interface ParsedConfig {
  key: string
  echo: Record<string, string | boolean>
  orderType: OrderType
  tif: TimeInForce
  baseSize: Dec | null
  quoteSize: Dec | null
  limitPrice: Dec | null
  stopPrice: Dec | null
  stopDirection: SimOrder['stopDirection']
  stopTriggerPrice: Dec | null
  postOnly: boolean
  endTimeMs: number | null
}

const CONFIG_KINDS: Record<string, { type: OrderType; tif: TimeInForce; fields: readonly string[] }> = {
  market_market_ioc: { type: 'MARKET', tif: 'IMMEDIATE_OR_CANCEL', fields: [] },
  sor_limit_ioc: { type: 'LIMIT', tif: 'IMMEDIATE_OR_CANCEL', fields: ['limit_price'] },
  limit_limit_gtc: { type: 'LIMIT', tif: 'GOOD_UNTIL_CANCELLED', fields: ['limit_price'] },
  limit_limit_gtd: { type: 'LIMIT', tif: 'GOOD_UNTIL_DATE_TIME', fields: ['limit_price', 'end_time'] },
  limit_limit_fok: { type: 'LIMIT', tif: 'FILL_OR_KILL', fields: ['limit_price'] },
  stop_limit_stop_limit_gtc: {
    type: 'STOP_LIMIT',
    tif: 'GOOD_UNTIL_CANCELLED',
    fields: ['limit_price', 'stop_price', 'stop_direction'],
  },
  stop_limit_stop_limit_gtd: {
    type: 'STOP_LIMIT',
    tif: 'GOOD_UNTIL_DATE_TIME',
    fields: ['limit_price', 'stop_price', 'stop_direction', 'end_time'],
  },
  trigger_bracket_gtc: {
    type: 'BRACKET',
    tif: 'GOOD_UNTIL_CANCELLED',
    fields: ['limit_price', 'stop_trigger_price'],
  },
  trigger_bracket_gtd: {
    type: 'BRACKET',
    tif: 'GOOD_UNTIL_DATE_TIME',
    fields: ['limit_price', 'stop_trigger_price', 'end_time'],
  },
}

/** Bracket buys that stop out execute as a limit IOC capped this far above the trigger. */
const BRACKET_SLIPPAGE = new D('1.05')

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The exchange core: one price-time priority book per product, balances with holds, fees,
 * Coinbase's order types and failure reasons. Pure: no I/O, time comes from `now()`, ids from the
 * seeded random source; every change is reported through `subscribe` listeners synchronously.
 */
export class MatchingEngine {
  readonly books = new Map<string, Book>()
  readonly accounts = new Map<string, EngineAccount>()
  readonly orders = new Map<string, SimOrder>()
  /** User (non-internal) orders in creation order. */
  readonly userOrders: SimOrder[] = []
  readonly fills: SimFill[] = []
  readonly trades = new Map<string, SimTrade[]>()
  /** Fees collected by the exchange, per currency. */
  readonly feesCollected = new Map<string, Dec>()
  private readonly clientIds = new Map<string, string>()
  private readonly listeners: ((e: EngineEvent) => void)[] = []
  /** Entry orders whose attached bracket must be placed once the current operation ends. */
  private readonly attachQueue: SimOrder[] = []
  private seq = 0
  private tradeSeq = 100_000_000
  private fillSeq = 0
  private readonly now: () => number
  private readonly random: SimRandom
  readonly retention: Readonly<EngineRetention>
  /** User orders finished since the last prune (an upper bound: triggers the next prune). */
  private finishedSincePrune = 0

  constructor(options: EngineOptions) {
    this.now = options.now
    this.random = options.random
    this.retention = { ...ENGINE_RETENTION, ...options.retention }
    for (const rules of options.products) {
      this.books.set(rules.spec.productId, {
        rules,
        bids: [],
        asks: [],
        bidLevels: new Map(),
        askLevels: new Map(),
        lastPrice: null,
        pendingStops: [],
        brackets: [],
      })
      this.trades.set(rules.spec.productId, [])
    }
  }

  /** Registers a listener; returns a remover. */
  subscribe(listener: (e: EngineEvent) => void): () => void {
    this.listeners.push(listener)
    return () => {
      const i = this.listeners.indexOf(listener)
      if (i >= 0) this.listeners.splice(i, 1)
    }
  }

  private emit(e: EngineEvent): void {
    for (const l of this.listeners) l(e)
  }

  /** Adds an account with starting balances (decimal strings). */
  addAccount(a: {
    id: string
    userId: string
    portfolioId: string
    balances: Record<string, string>
    unlimited?: boolean
    makerFeeRate: string
    takerFeeRate: string
  }): EngineAccount {
    const balances = new Map<string, { available: Dec; hold: Dec }>()
    for (const [cur, v] of Object.entries(a.balances)) balances.set(cur, { available: new D(v), hold: ZERO })
    const acct: EngineAccount = {
      id: a.id,
      userId: a.userId,
      portfolioId: a.portfolioId,
      unlimited: a.unlimited ?? false,
      makerFeeRate: new D(a.makerFeeRate),
      takerFeeRate: new D(a.takerFeeRate),
      balances,
    }
    this.accounts.set(a.id, acct)
    return acct
  }

  /** Product ids the engine trades. */
  productIds(): string[] {
    return [...this.books.keys()]
  }

  rules(productId: string): ProductRules | undefined {
    return this.books.get(productId)?.rules
  }

  lastPrice(productId: string): Dec | null {
    return this.books.get(productId)?.lastPrice ?? null
  }

  /** Sets the last trade price (used by the market before the first trade). */
  seedLastPrice(productId: string, price: Dec): void {
    const b = this.books.get(productId)
    if (b && b.lastPrice === null) b.lastPrice = price
  }

  private bal(acct: EngineAccount, cur: string): { available: Dec; hold: Dec } {
    let b = acct.balances.get(cur)
    if (!b) {
      b = { available: ZERO, hold: ZERO }
      acct.balances.set(cur, b)
    }
    return b
  }

  /** Aggregated L2 levels, best first, at most `depth` per side. */
  level2(productId: string, depth = Number.POSITIVE_INFINITY): { bids: [Dec, Dec][]; asks: [Dec, Dec][] } {
    const b = this.books.get(productId)
    if (!b) return { bids: [], asks: [] }
    const agg = (orders: SimOrder[]): [Dec, Dec][] => {
      const out: [Dec, Dec][] = []
      for (const o of orders) {
        const price = o.limitPrice as Dec
        const rem = remaining(o)
        const last = out[out.length - 1]
        if (last?.[0].eq(price)) last[1] = last[1].plus(rem)
        else {
          if (out.length >= depth) break
          out.push([price, rem])
        }
      }
      return out
    }
    return { bids: agg(b.bids), asks: agg(b.asks) }
  }

  bestBid(productId: string): [Dec, Dec] | null {
    return this.level2(productId, 1).bids[0] ?? null
  }

  bestAsk(productId: string): [Dec, Dec] | null {
    return this.level2(productId, 1).asks[0] ?? null
  }

  /** Parses and validates an `order_configuration`; a failure or the parsed config. */
  private parseConfig(raw: unknown, rules: ProductRules, side: Side): ParsedConfig | OrderFailure {
    const unsupported = failure(
      'UNSUPPORTED_ORDER_CONFIGURATION',
      'PREVIEW_INVALID_ORDER_CONFIG',
      'Unsupported order configuration',
    )
    if (!isRecord(raw)) return unsupported
    const keys = Object.keys(raw)
    if (keys.length !== 1) return unsupported
    const key = keys[0] as string
    const kind = CONFIG_KINDS[key]
    const body = raw[key]
    if (!kind || !isRecord(body)) return unsupported
    const echo: Record<string, string | boolean> = {}
    for (const [k, v] of Object.entries(body)) {
      if (typeof v === 'string' || typeof v === 'boolean') echo[k] = v
      else if (v !== undefined && v !== null)
        return failure('INVALID_REQUEST', 'PREVIEW_INVALID_ORDER_CONFIG', `${k} must be a string`)
    }
    const dec = (field: string): Dec | null | 'bad' => {
      const v = body[field]
      if (v === undefined || v === null || v === '') return null
      return parseDecimal(v) ?? 'bad'
    }
    const baseSize = dec('base_size')
    const quoteSize = dec('quote_size')
    const limitPrice = dec('limit_price')
    const stopPrice = dec('stop_price')
    const stopTrigger = dec('stop_trigger_price')
    if (baseSize === 'bad' || quoteSize === 'bad')
      return failure('INVALID_SIZE_PRECISION', 'PREVIEW_INVALID_SIZE_PRECISION', 'Invalid size')
    if (limitPrice === 'bad' || stopPrice === 'bad' || stopTrigger === 'bad')
      return failure('INVALID_PRICE_PRECISION', 'PREVIEW_INVALID_PRICE_PRECISION', 'Invalid price')
    if ((baseSize === null) === (quoteSize === null)) return unsupported
    if (quoteSize !== null && (kind.type !== 'MARKET' || side === 'SELL')) {
      // Quote-sized orders are modelled for market buys only.
      return unsupported
    }
    for (const f of kind.fields) {
      if (f === 'end_time' || f === 'stop_direction') continue
      const v = f === 'limit_price' ? limitPrice : f === 'stop_price' ? stopPrice : stopTrigger
      if (v === null) return unsupported
    }
    const postOnly = body.post_only === true
    if (postOnly && kind.tif === 'FILL_OR_KILL')
      return failure('POST_ONLY_NOT_ALLOWED_WITH_FOK', 'PREVIEW_POST_ONLY_NOT_ALLOWED_WITH_FOK')
    let endTimeMs: number | null = null
    if (kind.fields.includes('end_time')) {
      const raw = body.end_time
      const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN
      if (Number.isNaN(ms))
        return failure('GTD_ORDERS_MUST_HAVE_END_TIME', 'PREVIEW_INVALID_END_TIME', 'Invalid end time')
      if (ms <= this.now())
        return failure('END_TIME_IS_IN_THE_PAST', 'PREVIEW_INVALID_END_TIME', 'End time is in the past')
      endTimeMs = ms
    }
    let stopDirection: SimOrder['stopDirection'] = null
    if (kind.type === 'STOP_LIMIT') {
      const sd = body.stop_direction
      if (sd !== 'STOP_DIRECTION_STOP_UP' && sd !== 'STOP_DIRECTION_STOP_DOWN') return unsupported
      stopDirection = sd
    }
    // Precision and size rules (off-grid values are rejected, never rounded).
    for (const p of [limitPrice, stopPrice, stopTrigger]) {
      if (p !== null && (p.lte(0) || !onGrid(p, rules.priceIncrement)))
        return failure(
          'INVALID_PRICE_PRECISION',
          'PREVIEW_INVALID_PRICE_PRECISION',
          'Invalid price precision',
        )
    }
    if (baseSize !== null) {
      if (baseSize.lte(0) || !onGrid(baseSize, rules.baseIncrement))
        return failure('INVALID_SIZE_PRECISION', 'PREVIEW_INVALID_SIZE_PRECISION', 'Invalid size precision')
      if (baseSize.lt(rules.baseMinSize)) return PREVIEW_ONLY('PREVIEW_INVALID_BASE_SIZE_TOO_SMALL')
      if (baseSize.gt(rules.baseMaxSize)) return PREVIEW_ONLY('PREVIEW_INVALID_BASE_SIZE_TOO_LARGE')
      if (limitPrice !== null && baseSize.mul(limitPrice).lt(rules.quoteMinSize))
        return PREVIEW_ONLY('PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL')
    }
    if (quoteSize !== null) {
      if (quoteSize.lte(0) || !onGrid(quoteSize, rules.quoteIncrement))
        return PREVIEW_ONLY('PREVIEW_INVALID_QUOTE_SIZE_PRECISION')
      if (quoteSize.lt(rules.quoteMinSize)) return PREVIEW_ONLY('PREVIEW_INVALID_QUOTE_SIZE_TOO_SMALL')
      if (quoteSize.gt(rules.quoteMaxSize)) return PREVIEW_ONLY('PREVIEW_INVALID_QUOTE_SIZE_TOO_LARGE')
    }
    return {
      key,
      echo,
      orderType: kind.type,
      tif: kind.tif,
      baseSize,
      quoteSize,
      limitPrice,
      stopPrice,
      stopDirection,
      stopTriggerPrice: stopTrigger,
      postOnly,
      endTimeMs,
    }
  }

  /** Estimated quote cost (incl. taker fee) to buy `size` now, and the base fillable. */
  private walkAsks(book: Book, size: Dec, limit: Dec | null, rate: Dec): { base: Dec; cost: Dec } {
    let base = ZERO
    let cost = ZERO
    for (const o of book.asks) {
      const p = o.limitPrice as Dec
      if (limit && p.gt(limit)) break
      const take = D.min(remaining(o), size.minus(base))
      base = base.plus(take)
      cost = cost.plus(take.mul(p).mul(rate.plus(1)))
      if (base.gte(size)) break
    }
    return { base, cost }
  }

  private fillableAgainst(book: Book, side: Side, size: Dec, limit: Dec | null): Dec {
    let base = ZERO
    for (const o of side === 'BUY' ? book.asks : book.bids) {
      const p = o.limitPrice as Dec
      if (limit && (side === 'BUY' ? p.gt(limit) : p.lt(limit))) break
      base = base.plus(remaining(o))
      if (base.gte(size)) return size
    }
    return base
  }

  /**
   * Validates an order against the book and the account without changing anything; returns the
   * failure, or the parsed config with the hold it would need.
   */
  check(
    accountId: string,
    req: NewOrderRequest,
  ):
    | { ok: false; failure: OrderFailure }
    | {
        ok: true
        cfg: ParsedConfig
        book: Book
        side: Side
        hold: Dec
        holdUnit: Dec | null
        acct: EngineAccount
        attached: SimOrder['attached']
      } {
    const acct = this.accounts.get(accountId)
    if (!acct)
      return {
        ok: false,
        failure: failure('INVALID_REQUEST', 'UNKNOWN_PREVIEW_FAILURE_REASON', 'Unknown account'),
      }
    const book = typeof req.productId === 'string' ? this.books.get(req.productId) : undefined
    if (!book)
      return {
        ok: false,
        failure: failure('INVALID_PRODUCT_ID', 'PREVIEW_INVALID_PRODUCT_ID', 'Invalid product_id'),
      }
    if (req.side !== 'BUY' && req.side !== 'SELL')
      return { ok: false, failure: failure('INVALID_SIDE', 'PREVIEW_INVALID_SIDE', 'Invalid side') }
    const side: Side = req.side
    const cfg = this.parseConfig(req.orderConfiguration, book.rules, side)
    if ('newOrderFailureReason' in cfg) return { ok: false, failure: cfg }
    const last = book.lastPrice
    if (cfg.orderType === 'STOP_LIMIT' && last && cfg.stopPrice) {
      if (cfg.stopDirection === 'STOP_DIRECTION_STOP_DOWN' && cfg.stopPrice.gte(last))
        return { ok: false, failure: PREVIEW_ONLY('PREVIEW_STOP_PRICE_ABOVE_LAST_TRADE_PRICE') }
      if (cfg.stopDirection === 'STOP_DIRECTION_STOP_UP' && cfg.stopPrice.lte(last))
        return { ok: false, failure: PREVIEW_ONLY('PREVIEW_STOP_PRICE_BELOW_LAST_TRADE_PRICE') }
    }
    if (cfg.orderType === 'BRACKET' && cfg.limitPrice && cfg.stopTriggerPrice) {
      const bad =
        side === 'SELL' ? cfg.stopTriggerPrice.gte(cfg.limitPrice) : cfg.stopTriggerPrice.lte(cfg.limitPrice)
      if (bad)
        return { ok: false, failure: failure('INVALID_BRACKET_PRICES', 'PREVIEW_INVALID_BRACKET_PRICES') }
    }
    if (cfg.postOnly && cfg.limitPrice) {
      const best = side === 'BUY' ? book.asks[0] : book.bids[0]
      const bp = best?.limitPrice
      if (bp && (side === 'BUY' ? cfg.limitPrice.gte(bp) : cfg.limitPrice.lte(bp)))
        return {
          ok: false,
          failure: failure(
            'INVALID_LIMIT_PRICE_POST_ONLY',
            'PREVIEW_INVALID_LIMIT_PRICE_POST_ONLY',
            'Post-only order would cross',
          ),
        }
    }
    if (cfg.orderType === 'MARKET') {
      const liquid = side === 'BUY' ? book.asks.length > 0 : book.bids.length > 0
      if (!liquid)
        return {
          ok: false,
          failure: failure('INVALID_NO_LIQUIDITY', 'PREVIEW_INVALID_NO_LIQUIDITY', 'No liquidity'),
        }
    }
    // Funds.
    let hold: Dec
    let holdUnit: Dec | null = null
    const taker1 = acct.takerFeeRate.plus(1)
    if (side === 'SELL') hold = cfg.baseSize as Dec
    else if (cfg.quoteSize) hold = cfg.quoteSize
    else if (cfg.orderType === 'MARKET')
      hold = this.walkAsks(book, cfg.baseSize as Dec, null, acct.takerFeeRate).cost
    else {
      let unit = cfg.limitPrice as Dec
      if (cfg.orderType === 'BRACKET' && cfg.stopTriggerPrice)
        unit = D.max(unit, cfg.stopTriggerPrice.mul(BRACKET_SLIPPAGE))
      holdUnit = unit.mul(taker1)
      hold = (cfg.baseSize as Dec).mul(holdUnit)
    }
    const cur = side === 'SELL' ? book.rules.spec.base : book.rules.spec.quote
    if (!acct.unlimited && this.bal(acct, cur).available.lt(hold))
      return {
        ok: false,
        failure: failure(
          'INSUFFICIENT_FUND',
          'UNKNOWN_PREVIEW_FAILURE_REASON',
          'Insufficient balance in source account',
        ),
      }
    const attached = this.parseAttached(req.attachedOrderConfiguration, book.rules, side)
    if (attached !== null && 'newOrderFailureReason' in attached) return { ok: false, failure: attached }
    return { ok: true, cfg, book, side, hold, holdUnit, acct, attached }
  }

  /** Validates `attached_order_configuration`: a size-less `trigger_bracket_gtc` for the exit side. */
  private parseAttached(
    raw: unknown,
    rules: ProductRules,
    entrySide: Side,
  ): SimOrder['attached'] | OrderFailure {
    if (raw === undefined || raw === null) return null
    const body = isRecord(raw) ? raw.trigger_bracket_gtc : undefined
    if (!isRecord(raw) || Object.keys(raw).length !== 1 || !isRecord(body))
      return failure(
        'UNSUPPORTED_ORDER_CONFIGURATION',
        'PREVIEW_INVALID_ORDER_CONFIG',
        'Only trigger_bracket_gtc can be attached',
      )
    if (body.base_size !== undefined || body.quote_size !== undefined)
      return failure('ATTACHED_ORDER_SIZE_MUST_BE_NIL', 'PREVIEW_INVALID_ORDER_CONFIG')
    const limitPrice = parseDecimal(body.limit_price)
    const stop = parseDecimal(body.stop_trigger_price)
    if (
      !limitPrice ||
      !stop ||
      !onGrid(limitPrice, rules.priceIncrement) ||
      !onGrid(stop, rules.priceIncrement) ||
      limitPrice.lte(0) ||
      stop.lte(0)
    )
      return failure('INVALID_BRACKET_PRICES', 'PREVIEW_INVALID_BRACKET_PRICES')
    // The exit is the opposite side: a SELL exit needs stop < limit, a BUY exit stop > limit.
    if (entrySide === 'BUY' ? stop.gte(limitPrice) : stop.lte(limitPrice))
      return failure('INVALID_BRACKET_PRICES', 'PREVIEW_INVALID_BRACKET_PRICES')
    const config: Record<string, string | boolean> = {
      limit_price: fmt(limitPrice),
      stop_trigger_price: fmt(stop),
    }
    return { limitPrice, stopTriggerPrice: stop, config }
  }

  /** Places the attached brackets of entry orders that finished during the last operation. */
  private drainAttached(): void {
    while (this.attachQueue.length > 0) {
      const entry = this.attachQueue.shift() as SimOrder
      const a = entry.attached
      if (!a || entry.attachedOrderId !== '' || entry.filledSize.lte(0)) continue
      const res = this.placeOrder(
        entry.accountId,
        {
          clientOrderId: `${entry.orderId}-attached`,
          productId: entry.productId,
          side: entry.side === 'BUY' ? 'SELL' : 'BUY',
          orderConfiguration: {
            trigger_bracket_gtc: {
              base_size: fmt(entry.filledSize),
              limit_price: fmt(a.limitPrice),
              stop_trigger_price: fmt(a.stopTriggerPrice),
            },
          },
        },
        { originatingOrderId: entry.orderId },
      )
      if (res.ok) {
        entry.attachedOrderId = res.order.orderId
        this.emit({ type: 'order', order: entry })
      }
    }
  }

  /**
   * Fast path for the synthetic market's own GTC limit quotes: price and size are built on-grid by
   * the caller, so config parsing and funds checks are skipped (the account is unlimited).
   */
  placeInternalLimit(accountId: string, productId: string, side: Side, price: Dec, size: Dec): void {
    const book = this.books.get(productId)
    const acct = this.accounts.get(accountId)
    if (!book || !acct) return
    const order: SimOrder = {
      orderId: `mm-${++this.seq}`,
      clientOrderId: '',
      accountId,
      userId: acct.userId,
      portfolioId: acct.portfolioId,
      productId,
      side,
      configKey: 'limit_limit_gtc',
      config: {},
      orderType: 'LIMIT',
      timeInForce: 'GOOD_UNTIL_CANCELLED',
      baseSize: size,
      quoteSize: null,
      limitPrice: price,
      stopPrice: null,
      stopDirection: null,
      stopTriggerPrice: null,
      postOnly: false,
      endTimeMs: null,
      status: 'OPEN',
      triggerStatus: 'INVALID_ORDER_TYPE',
      filledSize: ZERO,
      filledValue: ZERO,
      totalFees: ZERO,
      numberOfFills: 0,
      createdMs: this.now(),
      lastFillMs: null,
      hold: ZERO,
      holdCurrency: side === 'SELL' ? book.rules.spec.base : book.rules.spec.quote,
      holdUnit: price,
      seq: this.seq,
      editHistory: [],
      cancelMessage: '',
      rejectReason: 'REJECT_REASON_UNSPECIFIED',
      rejectMessage: '',
      resting: false,
      internal: true,
      attached: null,
      attachedOrderId: '',
      originatingOrderId: '',
    }
    this.orders.set(order.orderId, order)
    this.execute(book, order)
    this.runTriggers(book)
    this.drainAttached()
  }

  /** Places an order (idempotent on `client_order_id` per account). */
  placeOrder(
    accountId: string,
    req: NewOrderRequest,
    opts: { internal?: boolean; originatingOrderId?: string } = {},
  ): PlaceResult {
    this.pruneFinished()
    const idemKey = `${accountId}\u0000${req.clientOrderId}`
    if (req.clientOrderId !== '') {
      const existing = this.clientIds.get(idemKey)
      const order = existing === undefined ? undefined : this.orders.get(existing)
      if (order) return { ok: true, order, duplicate: true }
    }
    const c = this.check(accountId, req)
    if (!c.ok)
      return {
        ok: false,
        failure: c.failure,
        config: isRecord(req.orderConfiguration) ? req.orderConfiguration : null,
      }
    const { cfg, book, side, hold, holdUnit, acct } = c
    const now = this.now()
    const order: SimOrder = {
      orderId: this.random.uuid(),
      clientOrderId: req.clientOrderId,
      accountId,
      userId: acct.userId,
      portfolioId: acct.portfolioId,
      productId: book.rules.spec.productId,
      side,
      configKey: cfg.key,
      config: cfg.echo,
      orderType: cfg.orderType,
      timeInForce: cfg.tif,
      baseSize: cfg.baseSize,
      quoteSize: cfg.quoteSize,
      limitPrice: cfg.limitPrice,
      stopPrice: cfg.stopPrice,
      stopDirection: cfg.stopDirection,
      stopTriggerPrice: cfg.stopTriggerPrice,
      postOnly: cfg.postOnly,
      endTimeMs: cfg.endTimeMs,
      status: 'OPEN',
      triggerStatus:
        cfg.orderType === 'STOP_LIMIT' || cfg.orderType === 'BRACKET' ? 'STOP_PENDING' : 'INVALID_ORDER_TYPE',
      filledSize: ZERO,
      filledValue: ZERO,
      totalFees: ZERO,
      numberOfFills: 0,
      createdMs: now,
      lastFillMs: null,
      hold: ZERO,
      holdCurrency: side === 'SELL' ? book.rules.spec.base : book.rules.spec.quote,
      holdUnit,
      seq: ++this.seq,
      editHistory: [],
      cancelMessage: '',
      rejectReason: 'REJECT_REASON_UNSPECIFIED',
      rejectMessage: '',
      resting: false,
      internal: opts.internal ?? false,
      attached: c.attached,
      attachedOrderId: '',
      originatingOrderId: opts.originatingOrderId ?? '',
    }
    this.orders.set(order.orderId, order)
    if (!order.internal) this.userOrders.push(order)
    if (req.clientOrderId !== '') this.clientIds.set(idemKey, order.orderId)
    // Place the hold.
    const b = this.bal(acct, order.holdCurrency)
    b.available = b.available.minus(hold)
    b.hold = b.hold.plus(hold)
    order.hold = hold
    if (order.orderType === 'STOP_LIMIT') {
      book.pendingStops.push(order)
      this.emit({ type: 'order', order })
      return { ok: true, order, duplicate: false }
    }
    this.execute(book, order)
    this.runTriggers(book)
    this.drainAttached()
    return { ok: true, order, duplicate: false }
  }

  /**
   * Forgets the oldest finished user orders beyond `retention.terminalOrders` (with their
   * `client_order_id` entries). Runs at the start of a placement and only once enough orders
   * finished since the last pass, so its cost is amortised O(1) per order; the oldest go first, so
   * an order that finished in the current operation (say, an entry whose bracket is being
   * attached) is never among them unless the retention is zero.
   */
  private pruneFinished(): void {
    const keep = this.retention.terminalOrders
    if (this.finishedSincePrune <= slack(keep)) return
    this.finishedSincePrune = 0
    let drop = -keep
    for (const o of this.userOrders) if (isTerminal(o)) drop++
    if (drop <= 0) return
    let w = 0
    for (const o of this.userOrders) {
      if (drop > 0 && isTerminal(o)) {
        drop--
        this.orders.delete(o.orderId)
        const key = `${o.accountId}\u0000${o.clientOrderId}`
        if (o.clientOrderId !== '' && this.clientIds.get(key) === o.orderId) this.clientIds.delete(key)
        continue
      }
      this.userOrders[w++] = o
    }
    this.userOrders.length = w
  }

  /** Matches `order` against the book, then rests, kills or completes it. */
  private execute(book: Book, order: SimOrder): void {
    const fok = order.timeInForce === 'FILL_OR_KILL'
    if (fok) {
      const need = remaining(order)
      if (this.fillableAgainst(book, order.side, need, order.limitPrice).lt(need)) {
        this.finish(order, 'CANCELLED', 'Order could not be completely filled')
        return
      }
    }
    const bracketMarket = order.orderType === 'BRACKET' && order.triggerStatus === 'STOP_TRIGGERED'
    if (!order.postOnly) this.matchTaker(book, order, bracketMarket)
    if (order.status !== 'OPEN') return
    const done = order.quoteSize ? !this.canBuyMoreWithQuote(book, order) : remaining(order).lte(0)
    if (done) {
      this.finish(order, 'FILLED', '')
      return
    }
    if (order.orderType === 'MARKET' || order.timeInForce === 'IMMEDIATE_OR_CANCEL' || bracketMarket || fok) {
      this.finish(order, 'CANCELLED', 'IOC order remainder cancelled')
      return
    }
    this.rest(book, order)
    this.emit({ type: 'order', order })
  }

  private canBuyMoreWithQuote(book: Book, order: SimOrder): boolean {
    const ask = book.asks[0]
    if (!ask || !order.quoteSize) return false
    const acct = this.accounts.get(order.accountId) as EngineAccount
    const left = order.quoteSize.minus(order.filledValue).minus(order.totalFees)
    return left.gte((ask.limitPrice as Dec).mul(book.rules.baseIncrement).mul(acct.takerFeeRate.plus(1)))
  }

  private matchTaker(book: Book, taker: SimOrder, bracketMarket: boolean): void {
    const opposite = taker.side === 'BUY' ? book.asks : book.bids
    const acct = this.accounts.get(taker.accountId) as EngineAccount
    let limit = taker.orderType === 'MARKET' ? null : taker.limitPrice
    if (bracketMarket)
      limit = taker.side === 'BUY' && taker.holdUnit ? taker.holdUnit.div(acct.takerFeeRate.plus(1)) : null
    while (opposite.length > 0) {
      const maker = opposite[0] as SimOrder
      const price = maker.limitPrice as Dec
      if (limit && (taker.side === 'BUY' ? price.gt(limit) : price.lt(limit))) break
      let size: Dec
      if (taker.quoteSize) {
        const left = taker.quoteSize.minus(taker.filledValue).minus(taker.totalFees)
        const affordable = left.div(price.mul(acct.takerFeeRate.plus(1)))
        size = D.min(
          remaining(maker),
          affordable.div(book.rules.baseIncrement).floor().mul(book.rules.baseIncrement),
        )
      } else size = D.min(remaining(maker), remaining(taker))
      if (size.lte(0)) break
      this.fill(book, taker, maker, price, size)
      if (remaining(maker).lte(0)) {
        opposite.shift()
        maker.resting = false
        if (maker.orderType === 'BRACKET') book.brackets.splice(book.brackets.indexOf(maker), 1)
        this.finish(maker, 'FILLED', '')
      }
      if (!taker.quoteSize && remaining(taker).lte(0)) break
    }
  }

  private fill(book: Book, taker: SimOrder, maker: SimOrder, price: Dec, size: Dec): void {
    const now = this.now()
    const tradeId = String(++this.tradeSeq)
    const value = price.mul(size)
    const { base, quote } = book.rules.spec
    for (const [o, liq] of [
      [maker, 'MAKER'],
      [taker, 'TAKER'],
    ] as const) {
      const acct = this.accounts.get(o.accountId) as EngineAccount
      const rate = liq === 'MAKER' ? acct.makerFeeRate : acct.takerFeeRate
      const fee = value.mul(rate)
      const qb = this.bal(acct, quote)
      const bb = this.bal(acct, base)
      if (o.side === 'BUY') {
        // Release the hold slice for this fill, spend value + fee, return the excess.
        const release = o.quoteSize
          ? value.plus(value.mul(acct.takerFeeRate))
          : o.holdUnit
            ? size.mul(o.holdUnit)
            : value.plus(value.mul(acct.takerFeeRate))
        const rel = D.min(release, o.hold)
        o.hold = o.hold.minus(rel)
        qb.hold = qb.hold.minus(rel)
        qb.available = qb.available.plus(rel).minus(value).minus(fee)
        bb.available = bb.available.plus(size)
      } else {
        const rel = D.min(size, o.hold)
        o.hold = o.hold.minus(rel)
        bb.hold = bb.hold.minus(rel)
        bb.available = bb.available.plus(rel).minus(size)
        qb.available = qb.available.plus(value).minus(fee)
      }
      this.feesCollected.set(quote, (this.feesCollected.get(quote) ?? ZERO).plus(fee))
      o.filledSize = o.filledSize.plus(size)
      o.filledValue = o.filledValue.plus(value)
      o.totalFees = o.totalFees.plus(fee)
      o.numberOfFills++
      o.lastFillMs = now
      const f: SimFill = {
        entryId: `${tradeId}${liq === 'MAKER' ? 'm' : 't'}`,
        tradeId,
        orderId: o.orderId,
        accountId: o.accountId,
        userId: o.userId,
        productId: o.productId,
        side: o.side,
        price,
        size,
        commission: fee,
        liquidity: liq,
        timeMs: now,
        sizeInQuote: o.quoteSize !== null,
        seq: ++this.fillSeq,
      }
      if (!o.internal) {
        this.fills.push(f)
        if (this.fills.length > this.retention.fills + slack(this.retention.fills))
          this.fills.splice(0, this.fills.length - this.retention.fills)
      }
      this.emit({ type: 'fill', fill: f })
      if (o === maker) this.adjustLevel(book, maker.side, price, size.neg(), now)
    }
    book.lastPrice = price
    const trade: SimTrade = {
      tradeId,
      productId: book.rules.spec.productId,
      price,
      size,
      side: maker.side,
      timeMs: now,
    }
    const list = this.trades.get(trade.productId) as SimTrade[]
    list.push(trade)
    const keep = this.retention.tradesPerProduct
    if (list.length > keep + slack(keep)) list.splice(0, list.length - keep)
    this.emit({ type: 'trade', trade })
    if (!maker.internal && remaining(maker).gt(0)) this.emit({ type: 'order', order: maker })
  }

  private rest(book: Book, order: SimOrder): void {
    const side = order.side === 'BUY' ? book.bids : book.asks
    const price = order.limitPrice as Dec
    // Binary search for the first index that must come after `order`.
    let lo = 0
    let hi = side.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const p = (side[mid] as SimOrder).limitPrice as Dec
      const better = order.side === 'BUY' ? p.gt(price) : p.lt(price)
      if (better || (p.eq(price) && (side[mid] as SimOrder).seq < order.seq)) lo = mid + 1
      else hi = mid
    }
    side.splice(lo, 0, order)
    order.resting = true
    if (order.orderType === 'BRACKET') book.brackets.push(order)
    this.adjustLevel(book, order.side, price, remaining(order), this.now())
  }

  private unrest(book: Book, order: SimOrder): void {
    if (!order.resting) return
    const side = order.side === 'BUY' ? book.bids : book.asks
    const i = side.indexOf(order)
    if (i >= 0) side.splice(i, 1)
    order.resting = false
    const bi = book.brackets.indexOf(order)
    if (bi >= 0) book.brackets.splice(bi, 1)
    this.adjustLevel(book, order.side, order.limitPrice as Dec, remaining(order).neg(), this.now())
  }

  /** Adds `delta` to the aggregated level at `price` and reports the new absolute size. */
  private adjustLevel(book: Book, side: Side, price: Dec, delta: Dec, timeMs: number): void {
    if (delta.isZero()) return
    const levels = side === 'BUY' ? book.bidLevels : book.askLevels
    const key = price.toFixed()
    const size = (levels.get(key) ?? ZERO).plus(delta)
    if (size.lte(0)) levels.delete(key)
    else levels.set(key, size)
    this.emit({
      type: 'level',
      productId: book.rules.spec.productId,
      side: side === 'BUY' ? 'bid' : 'offer',
      price,
      size: size.lte(0) ? ZERO : size,
      timeMs,
    })
  }

  private finish(order: SimOrder, status: SimOrder['status'], message: string): void {
    const acct = this.accounts.get(order.accountId) as EngineAccount
    if (order.hold.gt(0)) {
      const b = this.bal(acct, order.holdCurrency)
      b.hold = b.hold.minus(order.hold)
      b.available = b.available.plus(order.hold)
      order.hold = ZERO
    }
    order.status = status
    if (status === 'CANCELLED' || status === 'EXPIRED') order.cancelMessage = message
    const book = this.books.get(order.productId)
    if (book && order.resting) this.unrest(book, order)
    if (book) {
      const i = book.pendingStops.indexOf(order)
      if (i >= 0) book.pendingStops.splice(i, 1)
    }
    if (order.attached && order.filledSize.gt(0)) this.attachQueue.push(order)
    // The synthetic market's finished orders are forgotten so memory stays flat.
    if (order.internal) this.orders.delete(order.orderId)
    else this.finishedSincePrune++
    this.emit({ type: 'order', order })
  }

  /** Fires stop-limit and bracket triggers crossed by the last trade price. */
  private runTriggers(book: Book): void {
    for (let guard = 0; guard < 1000; guard++) {
      const last = book.lastPrice
      if (!last) return
      const stop = book.pendingStops.find((o) =>
        o.stopDirection === 'STOP_DIRECTION_STOP_UP'
          ? last.gte(o.stopPrice as Dec)
          : last.lte(o.stopPrice as Dec),
      )
      if (stop) {
        book.pendingStops.splice(book.pendingStops.indexOf(stop), 1)
        stop.triggerStatus = 'STOP_TRIGGERED'
        this.execute(book, stop)
        continue
      }
      if (book.brackets.length === 0) return
      const bracket = book.brackets.find(
        (o) =>
          o.orderType === 'BRACKET' &&
          o.triggerStatus === 'STOP_PENDING' &&
          (o.side === 'SELL' ? last.lte(o.stopTriggerPrice as Dec) : last.gte(o.stopTriggerPrice as Dec)),
      )
      if (!bracket) return
      this.unrest(book, bracket)
      bracket.triggerStatus = 'STOP_TRIGGERED'
      this.execute(book, bracket)
    }
  }

  /** Cancels one order of `accountId`; Coinbase's cancel failure reason on failure. */
  cancelOrder(accountId: string, orderId: string): { success: boolean; failureReason: string } {
    const o = this.orders.get(orderId)
    if (!o || o.accountId !== accountId) return { success: false, failureReason: 'UNKNOWN_CANCEL_ORDER' }
    if (o.status === 'FILLED') return { success: false, failureReason: 'ORDER_IS_FULLY_FILLED' }
    if (o.status !== 'OPEN' && o.status !== 'PENDING')
      return { success: false, failureReason: 'DUPLICATE_CANCEL_REQUEST' }
    this.finish(o, 'CANCELLED', 'User requested cancel')
    this.drainAttached()
    return { success: true, failureReason: 'UNKNOWN_CANCEL_FAILURE_REASON' }
  }

  /**
   * Edits a resting GTC limit order (price and size both required). With `dryRun` only validates.
   * Returns '' on success or Coinbase's edit failure reason.
   */
  editOrder(accountId: string, orderId: string, price: unknown, size: unknown, dryRun: boolean): string {
    const o = this.orders.get(orderId)
    if (!o || o.accountId !== accountId) return 'ORDER_NOT_FOUND'
    if (o.configKey !== 'limit_limit_gtc') return 'ONLY_LIMIT_ORDER_EDITS_SUPPORTED'
    if (o.status !== 'OPEN') return 'ONLY_OPEN_ORDERS_CAN_BE_EDITED'
    const book = this.books.get(o.productId) as Book
    const p = parseDecimal(price)
    const s = parseDecimal(size)
    if (!p || p.lte(0) || !onGrid(p, book.rules.priceIncrement)) return 'INVALID_EDITED_PRICE'
    if (!s || s.lte(0) || !onGrid(s, book.rules.baseIncrement) || s.gt(book.rules.baseMaxSize))
      return 'INVALID_EDITED_SIZE'
    if (s.lte(o.filledSize)) return 'CANNOT_EDIT_TO_BELOW_FILLED_SIZE'
    if (p.eq(o.limitPrice as Dec) && s.eq(o.baseSize as Dec)) return 'EDIT_REQUEST_EQUAL_TO_ORIGINAL_REQUEST'
    const acct = this.accounts.get(accountId) as EngineAccount
    const newRemaining = s.minus(o.filledSize)
    const newUnit = o.side === 'BUY' ? p.mul(acct.takerFeeRate.plus(1)) : null
    const newHold = o.side === 'BUY' ? newRemaining.mul(newUnit as Dec) : newRemaining
    const b = this.bal(acct, o.holdCurrency)
    if (!acct.unlimited && b.available.plus(o.hold).lt(newHold)) return 'INSUFFICIENT_FUNDS'
    if (o.postOnly) {
      const best = o.side === 'BUY' ? book.asks[0] : book.bids[0]
      const bp = best?.limitPrice
      if (bp && (o.side === 'BUY' ? p.gte(bp) : p.lte(bp))) return 'INVALID_EDITED_PRICE'
    }
    if (dryRun) return ''
    const keepPriority = p.eq(o.limitPrice as Dec) && s.lt(o.baseSize as Dec)
    this.unrest(book, o)
    b.available = b.available.plus(o.hold).minus(newHold)
    b.hold = b.hold.minus(o.hold).plus(newHold)
    o.hold = newHold
    o.holdUnit = newUnit
    o.limitPrice = p
    o.baseSize = s
    // parseDecimal accepted them, so both are strings: echo them as the client wrote them.
    o.config = { ...o.config, base_size: size as string, limit_price: price as string }
    o.editHistory.push({
      price: price as string,
      size: size as string,
      replace_accept_timestamp: new Date(this.now()).toISOString(),
    })
    if (!keepPriority) o.seq = ++this.seq
    this.execute(book, o)
    this.runTriggers(book)
    this.drainAttached()
    return ''
  }

  /** Expires GTD orders whose end time has passed. */
  expire(nowMs: number): void {
    for (const book of this.books.values()) {
      const due = [...book.bids, ...book.asks, ...book.pendingStops].filter(
        (o) => o.endTimeMs !== null && o.endTimeMs <= nowMs,
      )
      for (const o of due) this.finish(o, 'EXPIRED', 'Order expired')
    }
    this.drainAttached()
  }

  /** Cancels every resting order of `accountId` on `productId` (used by the synthetic market). */
  cancelAllFor(accountId: string, productId: string): void {
    const book = this.books.get(productId)
    if (!book) return
    for (const o of [...book.bids, ...book.asks])
      if (o.accountId === accountId) this.finish(o, 'CANCELLED', '')
  }
}

/** Base size still open on an order. */
export function remaining(o: SimOrder): Dec {
  if (o.baseSize === null) return ZERO
  return o.baseSize.minus(o.filledSize)
}
