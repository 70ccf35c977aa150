import {
  type CoinbaseClient,
  type Fill as CoinbaseFill,
  type Order as CoinbaseOrder,
  type Product as CoinbaseProduct,
  type CoinbaseWebSocket,
  createOrder,
  findOrderByClientOrderId,
  isExchangeError,
  isOrderNotFoundError,
  isRateLimitExceededError,
  type OrderConfiguration,
  type WsUserOrder,
} from '@gpt-trader/coinbase-client'
import {
  Decimal,
  formatDecimal,
  type OrderType,
  type ProductSpec,
  productSpec,
  type TimeInForce,
  toDecimal,
} from '@gpt-trader/validation'
import type {
  Balance,
  Broker,
  BrokerFill,
  BrokerListener,
  BrokerOrder,
  BrokerOrderStatus,
  BrokerPosition,
  FillsPage,
  PlaceOrderRequest,
} from '../Broker.js'
import { BrokerError } from '../errors.js'

/** Options of {@link CoinbaseBroker}. */
export interface CoinbaseBrokerOptions {
  /** A client from `createCoinbaseClient` (with credentials). */
  client: CoinbaseClient
  /**
   * A WebSocket from `createCoinbaseWebSocket` (with credentials) for the `user` channel's order
   * updates. Without it there is no order stream: the engine learns outcomes from its own lookups and
   * from the Reconciler.
   */
  ws?: CoinbaseWebSocket | undefined
  /** How far back lookups by client order id search. Default 24 h. */
  lookupWindowMs?: number | undefined
}

const ZERO = new Decimal(0)

/**
 * The {@link Broker} port over `@gpt-trader/coinbase-client` (Coinbase Advanced Trade, spot).
 *
 * - Places each order exactly once (`maxAttempts: 1`): when the answer is lost the client looks the
 *   order up by `client_order_id`; if it still cannot tell, the call fails with kind `unavailable`
 *   and the engine marks the order UNKNOWN and looks it up again — nothing is ever re-sent.
 * - Venue refusals (`InvalidOrder`, `InsufficientFunds`, …) fail with kind `rejected` and Coinbase's
 *   failure reason.
 * - Edits GTC limit orders in place (`POST /orders/edit`); the engine cancels and replaces others.
 * - Fills come from `GET /orders/historical/fills` with their real trade ids; the fills cursor is the
 *   latest trade time seen plus the trade ids at that instant, so a boundary fill is not read twice.
 * - Order updates stream from the `user` WebSocket channel when a `ws` is given.
 *
 * @example
 * import { createCoinbaseClient } from '@gpt-trader/coinbase-client'
 * import { CoinbaseBroker } from '@gpt-trader/live-trade/coinbase'
 * const broker = new CoinbaseBroker({ client: createCoinbaseClient({ credentials }) })
 */
export class CoinbaseBroker implements Broker {
  readonly name = 'coinbase'
  readonly client: CoinbaseClient
  #ws: CoinbaseWebSocket | undefined
  #lookupWindowMs: number
  #specs = new Map<string, ProductSpec>()
  #symbolOf = new Map<string, string>()

  constructor(options: CoinbaseBrokerOptions) {
    this.client = options.client
    this.#ws = options.ws
    this.#lookupWindowMs = options.lookupWindowMs ?? 24 * 3600 * 1000
  }

  async getProducts(): Promise<readonly ProductSpec[]> {
    const { products } = await this.#call(() => this.client.listProducts({ product_type: 'SPOT' }))
    return products.map((p) => this.#remember(p))
  }

  async getProduct(symbol: string): Promise<ProductSpec> {
    const cached = this.#specs.get(symbol)
    if (cached) return cached
    return this.#remember(await this.#call(() => this.client.getProduct({ product_id: symbol })))
  }

  async getBalances(): Promise<readonly Balance[]> {
    const out: Balance[] = []
    let cursor: string | undefined
    for (let page = 0; page < 50; page++) {
      const result = await this.#call(() =>
        this.client.listAccounts({ limit: 250, ...(cursor === undefined ? {} : { cursor }) }),
      )
      for (const account of result.accounts) {
        out.push({
          currency: account.currency,
          available: toDecimal(account.available_balance.value, 'available_balance'),
          hold: account.hold ? toDecimal(account.hold.value, 'hold') : ZERO,
        })
      }
      if (!result.has_next || !result.cursor) break
      cursor = result.cursor
    }
    return out
  }

  async getPositions(): Promise<readonly BrokerPosition[]> {
    return []
  }

  async placeOrder(request: PlaceOrderRequest): Promise<BrokerOrder> {
    this.#symbolOf.set(request.clientOrderId, request.symbol)
    const configuration = orderConfiguration(request)
    const placed = await this.#call(async () => {
      try {
        return await createOrder(
          this.client,
          {
            client_order_id: request.clientOrderId,
            product_id: request.symbol,
            side: request.side,
            order_configuration: configuration,
          },
          { maxAttempts: 1 },
        )
      } catch (error) {
        // A 429 is refused before any processing: the order certainly does not exist, so it is a
        // rejection (retry on a later decision), not an unknown outcome left for reconciliation.
        if (isRateLimitExceededError(error)) {
          throw new BrokerError('Order not placed: rate limited (HTTP 429)', 'rejected', {
            cause: error,
            reason: 'RATE_LIMITED',
          })
        }
        throw error
      }
    })
    try {
      return toBrokerOrder((await this.client.getOrder({ order_id: placed.order_id })).order)
    } catch {
      // Placed, but its state could not be read: report it pending; the stream or a lookup settles it.
      return {
        exchangeOrderId: placed.order_id,
        clientOrderId: request.clientOrderId,
        symbol: request.symbol,
        side: request.side,
        type: request.type,
        size: request.size,
        price: request.price,
        timeInForce: request.timeInForce,
        status: 'PENDING',
        filledSize: ZERO,
        fees: ZERO,
        createdAt: this.client.venueClock.now(),
      }
    }
  }

  async cancelOrder(order: { exchangeOrderId: string; clientOrderId: string }): Promise<void> {
    const { results } = await this.#call(() =>
      this.client.cancelOrders({ order_ids: [order.exchangeOrderId] }),
    )
    const result = results.find((r) => r.order_id === order.exchangeOrderId) ?? results[0]
    if (!result?.success) {
      const reason = result?.failure_reason ?? 'UNKNOWN_CANCEL_FAILURE_REASON'
      throw new BrokerError(
        `Coinbase refused to cancel ${order.clientOrderId}: ${reason}`,
        /NOT_FOUND/.test(reason) ? 'not_found' : 'rejected',
        { reason },
      )
    }
  }

  canEdit(order: { type: OrderType; timeInForce: TimeInForce; postOnly: boolean }): boolean {
    // Coinbase edits only good-till-cancelled limit orders.
    return order.type === 'LIMIT' && order.timeInForce === 'GTC'
  }

  async editOrder(request: {
    exchangeOrderId: string
    clientOrderId: string
    price: Decimal
    size: Decimal
  }): Promise<BrokerOrder> {
    const result = await this.#call(() =>
      this.client.editOrder({
        order_id: request.exchangeOrderId,
        price: formatDecimal(request.price),
        size: formatDecimal(request.size),
      }),
    )
    if (!result.success) {
      const first = result.errors?.[0] as
        | { edit_failure_reason?: string; preview_failure_reason?: string }
        | undefined
      const reason =
        first?.edit_failure_reason ?? first?.preview_failure_reason ?? 'UNKNOWN_EDIT_FAILURE_REASON'
      throw new BrokerError(`Coinbase refused to edit ${request.clientOrderId}: ${reason}`, 'rejected', {
        reason,
      })
    }
    return toBrokerOrder(
      (await this.#call(() => this.client.getOrder({ order_id: request.exchangeOrderId }))).order,
    )
  }

  async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
    const symbol = this.#symbolOf.get(clientOrderId)
    const found = await this.#call(() =>
      findOrderByClientOrderId(this.client, {
        client_order_id: clientOrderId,
        ...(symbol === undefined ? {} : { product_id: symbol }),
        since: new Date(this.client.venueClock.now() - this.#lookupWindowMs),
      }),
    )
    return found ? toBrokerOrder(found) : null
  }

  async getOrderById(exchangeOrderId: string): Promise<BrokerOrder | null> {
    try {
      return toBrokerOrder(
        (await this.#call(() => this.client.getOrder({ order_id: exchangeOrderId }))).order,
      )
    } catch (error) {
      if (error instanceof BrokerError && error.kind === 'not_found') return null
      throw error
    }
  }

  async getOpenOrders(symbol?: string): Promise<readonly BrokerOrder[]> {
    const out: BrokerOrder[] = []
    let cursor: string | undefined
    for (let page = 0; page < 50; page++) {
      const result = await this.#call(() =>
        this.client.listOrders({
          order_status: ['OPEN'],
          limit: 250,
          ...(symbol === undefined ? {} : { product_ids: [symbol] }),
          ...(cursor === undefined ? {} : { cursor }),
        }),
      )
      for (const order of result.orders) out.push(toBrokerOrder(order))
      if (!result.has_next || !result.cursor || result.cursor === cursor) break
      cursor = result.cursor
    }
    return out
  }

  async getFillsSince(cursor?: string, filter: { exchangeOrderId?: string } = {}): Promise<FillsPage> {
    // Cursor: `<ISO time of the newest fill seen>|<trade ids at exactly that time>`. The time filter of
    // Coinbase is inclusive, so fills at the boundary come back; the listed ids drop the ones seen.
    const byOrder = filter.exchangeOrderId !== undefined
    const parsed = byOrder || cursor === undefined ? undefined : parseFillsCursor(cursor)
    const fills: BrokerFill[] = []
    let page: string | undefined
    for (let i = 0; i < 100; i++) {
      const result = await this.#call(() =>
        this.client.listFills({
          limit: 250,
          ...(byOrder ? { order_ids: [filter.exchangeOrderId!] } : {}),
          ...(parsed === undefined ? {} : { start_sequence_timestamp: new Date(parsed.time) }),
          ...(page === undefined ? {} : { cursor: page }),
        }),
      )
      for (const fill of result.fills) {
        const mapped = this.#toBrokerFill(fill)
        if (
          parsed &&
          (mapped.time < parsed.time || (mapped.time === parsed.time && parsed.ids.has(mapped.tradeId)))
        ) {
          continue
        }
        fills.push(mapped)
      }
      if (!result.cursor || result.cursor === page) break
      page = result.cursor
    }
    fills.sort((a, b) => a.time - b.time || (a.tradeId < b.tradeId ? -1 : a.tradeId > b.tradeId ? 1 : 0))
    if (byOrder) return { fills, cursor: cursor ?? '' }
    const last = fills[fills.length - 1]
    if (last === undefined) return { fills, cursor: cursor ?? formatFillsCursor(0, []) }
    const atLast = fills.filter((f) => f.time === last.time).map((f) => f.tradeId)
    // Ids already seen at the same instant stay in the cursor too.
    const carried = parsed && parsed.time === last.time ? [...parsed.ids] : []
    return { fills, cursor: formatFillsCursor(last.time, [...carried, ...atLast]) }
  }

  subscribe(listener: BrokerListener): () => void {
    const ws = this.#ws
    if (!ws || !listener.order) return () => undefined
    const onUser = (event: { orders: WsUserOrder[] }) => {
      for (const order of event.orders) listener.order?.(fromWsOrder(order, this.client.venueClock.now()))
    }
    ws.on('user', onUser)
    return () => {
      ws.off('user', onUser)
    }
  }

  #remember(product: CoinbaseProduct): ProductSpec {
    const spec = toProductSpec(product)
    this.#specs.set(spec.product_id, spec)
    return spec
  }

  #toBrokerFill(fill: CoinbaseFill): BrokerFill {
    const time = (fill.sequence_timestamp ?? fill.trade_time)?.getTime() ?? 0
    return {
      tradeId: fill.trade_id,
      exchangeOrderId: fill.order_id,
      // Coinbase fills carry no client order id; the engine matches them by the exchange order id.
      clientOrderId: '',
      symbol: fill.product_id,
      side: fill.side === 'SELL' ? 'SELL' : 'BUY',
      price: toDecimal(fill.price, 'price'),
      size: toDecimal(fill.size, 'size'),
      fee: fill.commission ? toDecimal(fill.commission, 'commission') : ZERO,
      liquidity: fill.liquidity_indicator === 'MAKER' ? 'MAKER' : 'TAKER',
      time,
    }
  }

  async #call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      throw toBrokerError(error)
    }
  }
}

function formatFillsCursor(time: number, ids: readonly string[]): string {
  return `${new Date(time).toISOString()}|${ids.join(',')}`
}

function parseFillsCursor(cursor: string): { time: number; ids: Set<string> } | undefined {
  const [iso = '', ids = ''] = cursor.split('|')
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return undefined
  return { time, ids: new Set(ids ? ids.split(',') : []) }
}

function toBrokerError(error: unknown): BrokerError {
  if (error instanceof BrokerError) return error
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
  if (isOrderNotFoundError(error)) return new BrokerError(message, 'not_found', { cause: error })
  if (isExchangeError(error)) {
    const reason = (error as { failureReason?: string }).failureReason
    return new BrokerError(message, 'rejected', { cause: error, ...(reason === undefined ? {} : { reason }) })
  }
  // Network errors, timeouts, unknown order status, unreadable answers: the outcome is not known.
  return new BrokerError(message, 'unavailable', { cause: error })
}

function orderConfiguration(request: PlaceOrderRequest): OrderConfiguration {
  const base_size = formatDecimal(request.size)
  if (request.type === 'MARKET') return { market_market_ioc: { base_size } }
  const limit_price = request.price === undefined ? undefined : formatDecimal(request.price)
  if (request.type === 'LIMIT' && limit_price !== undefined) {
    if (request.timeInForce === 'GTC') {
      return { limit_limit_gtc: { base_size, limit_price, post_only: request.postOnly } }
    }
    if (request.timeInForce === 'FOK') return { limit_limit_fok: { base_size, limit_price } }
    if (request.timeInForce === 'IOC') return { sor_limit_ioc: { base_size, limit_price } }
  }
  if (request.type === 'STOP_LIMIT' && limit_price !== undefined && request.stopPrice !== undefined) {
    if (request.timeInForce === 'GTC') {
      return {
        stop_limit_stop_limit_gtc: {
          base_size,
          limit_price,
          stop_price: formatDecimal(request.stopPrice),
          stop_direction: request.side === 'BUY' ? 'STOP_DIRECTION_STOP_UP' : 'STOP_DIRECTION_STOP_DOWN',
        },
      }
    }
  }
  throw new BrokerError(
    `Order rejected locally: ${request.type} ${request.timeInForce} is not supported by the Coinbase adapter`,
    'rejected',
    { reason: 'UNSUPPORTED_ORDER_CONFIGURATION' },
  )
}

const STATUS: Record<string, BrokerOrderStatus> = {
  PENDING: 'PENDING',
  QUEUED: 'PENDING',
  OPEN: 'OPEN',
  // A cancel is on its way: the order can still fill until it is confirmed.
  CANCEL_QUEUED: 'OPEN',
  FILLED: 'FILLED',
  CANCELLED: 'CANCELLED',
  EXPIRED: 'EXPIRED',
  FAILED: 'FAILED',
  REJECTED: 'REJECTED',
}

function status(value: string): BrokerOrderStatus {
  return STATUS[value] ?? 'PENDING'
}

function orderShape(order: CoinbaseOrder): {
  type: OrderType
  timeInForce: TimeInForce
  size: Decimal
  price: Decimal | undefined
} {
  const [key, body] = Object.entries(order.order_configuration ?? {})[0] ?? ['', null]
  const size = body?.base_size ? toDecimal(body.base_size, 'base_size') : ZERO
  const price = body?.limit_price ? toDecimal(body.limit_price, 'limit_price') : undefined
  const type: OrderType = key.startsWith('market')
    ? 'MARKET'
    : key.startsWith('stop_limit')
      ? 'STOP_LIMIT'
      : 'LIMIT'
  const timeInForce: TimeInForce = key.endsWith('_gtd')
    ? 'GTD'
    : key.endsWith('_fok')
      ? 'FOK'
      : key.endsWith('_ioc') || key.startsWith('market')
        ? 'IOC'
        : 'GTC'
  return { type, timeInForce, size, price }
}

function toBrokerOrder(order: CoinbaseOrder): BrokerOrder {
  const shape = orderShape(order)
  const reason = order.reject_reason || order.reject_message || order.cancel_message || undefined
  return {
    exchangeOrderId: order.order_id,
    clientOrderId: order.client_order_id,
    symbol: order.product_id,
    side: order.side === 'SELL' ? 'SELL' : 'BUY',
    type: shape.type,
    size: shape.size,
    price: shape.price,
    timeInForce: shape.timeInForce,
    status: status(order.status),
    filledSize: order.filled_size ? toDecimal(order.filled_size, 'filled_size') : ZERO,
    averageFillPrice: order.average_filled_price
      ? toDecimal(order.average_filled_price, 'average_filled_price')
      : undefined,
    fees: order.total_fees ? toDecimal(order.total_fees, 'total_fees') : ZERO,
    createdAt: order.created_time?.getTime() ?? 0,
    reason,
  }
}

function fromWsOrder(order: WsUserOrder, now: number): BrokerOrder {
  const filled = order.cumulative_quantity
    ? toDecimal(order.cumulative_quantity, 'cumulative_quantity')
    : ZERO
  const leaves = order.leaves_quantity ? toDecimal(order.leaves_quantity, 'leaves_quantity') : ZERO
  return {
    exchangeOrderId: order.order_id,
    clientOrderId: order.client_order_id,
    symbol: order.product_id,
    side: order.order_side === 'SELL' ? 'SELL' : 'BUY',
    type:
      order.order_type === 'MARKET' ? 'MARKET' : order.order_type === 'STOP_LIMIT' ? 'STOP_LIMIT' : 'LIMIT',
    size: filled.plus(leaves),
    price: order.limit_price ? toDecimal(order.limit_price, 'limit_price') : undefined,
    status: status(order.status),
    filledSize: filled,
    averageFillPrice: order.avg_price ? toDecimal(order.avg_price, 'avg_price') : undefined,
    fees: order.total_fees ? toDecimal(order.total_fees, 'total_fees') : ZERO,
    createdAt: order.creation_time?.getTime() ?? now,
  }
}

function toProductSpec(product: CoinbaseProduct): ProductSpec {
  const text = (value: unknown): string | undefined =>
    value === undefined || value === null ? undefined : formatDecimal(toDecimal(value, 'product'))
  return productSpec.parse({
    ...product,
    base_increment: text(product.base_increment),
    quote_increment: text(product.quote_increment),
    price_increment: text(product.price_increment),
    base_min_size: text(product.base_min_size),
    base_max_size: text(product.base_max_size),
    quote_min_size: text(product.quote_min_size),
    quote_max_size: text(product.quote_max_size),
  })
}
