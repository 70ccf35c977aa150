import { GRANULARITY_SECONDS } from './CandleStore.js'
import { rfc3339Micros, rfc3339Seconds } from './clock.js'
import { D, fmt } from './money.js'
import type { ExchangeAccount, SimExchange } from './SimExchange.js'
import type { SimOrder } from './types.js'
import { fillView, type Json, orderView } from './views.js'

/** What a handler gets. */
export interface RestContext {
  method: string
  path: string
  params: string[]
  query: URLSearchParams
  /** Parsed JSON body (POST) or undefined. */
  body: unknown
  account: ExchangeAccount | null
  key: { apiKeyName: string; accountId: string } | null
  nowMs: number
}

/** What a handler returns. */
export interface RestResult {
  status: number
  json?: Json
  text?: string
  /** Extra response headers (e.g. `Retry-After`). */
  headers?: Record<string, string>
}

/** One row of the route table. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  pattern: RegExp
  auth: boolean
  handler: (ctx: RestContext) => RestResult
}

const P = '/api/v3/brokerage'
const ok = (json: Json): RestResult => ({ status: 200, json })
const err = (status: number, error: string, message: string, details = message): RestResult => ({
  status,
  json: { error, error_details: details, message },
})
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** 404 body for an unknown product, as Coinbase sends it. */
export const productNotFound = (id: string): RestResult => ({
  status: 404,
  json: {
    error: 'NOT_FOUND',
    error_details: `Product ${id} not supported`,
    message: `Product ${id} not supported`,
  },
})

/** 400 INVALID_ARGUMENT. */
export const invalidArgument = (details: string): RestResult => err(400, 'INVALID_ARGUMENT', details)

function intParam(q: URLSearchParams, name: string, def: number, max: number): number | null {
  const raw = q.get(name)
  if (raw === null || raw === '') return def
  if (!/^\d+$/.test(raw)) return null
  return Math.min(Number(raw), max)
}

/** decodeURIComponent that never throws (bad %-escapes stay as they are). */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** Opaque cursor = base64 of an offset. */
const encodeCursor = (n: number): string => Buffer.from(`o:${n}`).toString('base64url')
/** Every value of a repeated query key (`product_ids=A&product_ids=B`) as a set, or null when absent. */
function querySet(q: URLSearchParams, name: string): Set<string> | null {
  const v = q.getAll(name)
  return v.length > 0 ? new Set(v) : null
}

/** `limit` + opaque offset `cursor`, as the cursor-paginated endpoints read them. */
function pageParams(
  q: URLSearchParams,
  def: number,
  max: number,
): { limit: number; offset: number } | { error: string } {
  const limit = intParam(q, 'limit', def, max)
  const offset = decodeCursor(q.get('cursor'))
  if (limit === null) return { error: 'limit must be an integer' }
  if (offset === null) return { error: 'cursor is invalid' }
  return { limit: limit || def, offset }
}

/** An optional RFC 3339 time range; `null` bounds are open, a malformed bound is an error. */
function timeRange(
  q: URLSearchParams,
  startKey: string,
  endKey: string,
): { startMs: number | null; endMs: number | null } | null {
  const start = q.get(startKey)
  const end = q.get(endKey)
  const startMs = start ? Date.parse(start) : null
  const endMs = end ? Date.parse(end) : null
  if ((startMs !== null && Number.isNaN(startMs)) || (endMs !== null && Number.isNaN(endMs))) return null
  return { startMs, endMs }
}

function decodeCursor(c: string | null): number | null {
  if (c === null || c === '') return 0
  const s = Buffer.from(c, 'base64url').toString()
  return /^o:\d+$/.test(s) ? Number(s.slice(2)) : null
}

/** Builds the route table for an exchange. */
export function buildRoutes(ex: SimExchange): Route[] {
  const productIdParam = (ctx: RestContext): string => safeDecode(ctx.params[0] ?? '')

  const listProducts = (ctx: RestContext): RestResult => {
    const ids = ctx.query.getAll('product_ids')
    const type = ctx.query.get('product_type')
    let list = ex.engine.productIds()
    if (ids.length > 0) list = list.filter((id) => ids.includes(id))
    if (type) list = list.filter((id) => ex.engine.rules(id)?.spec.productType === type)
    const limit = intParam(ctx.query, 'limit', list.length, 10_000)
    const offset = intParam(ctx.query, 'offset', 0, 1_000_000)
    if (limit === null || offset === null) return invalidArgument('limit and offset must be integers')
    const page = list.slice(offset, offset + (limit === 0 ? list.length : limit))
    return ok({
      products: page.map((id) => ex.productJson(id) as Json),
      num_products: list.length,
      pagination: null,
    })
  }

  const getProduct = (ctx: RestContext): RestResult => {
    const id = productIdParam(ctx)
    const p = ex.productJson(id)
    return p ? ok(p) : productNotFound(id)
  }

  const productBook = (ctx: RestContext): RestResult => {
    const id = ctx.query.get('product_id')
    if (!id) return invalidArgument('product_id is required')
    if (!ex.engine.rules(id)) return productNotFound(id)
    const limit = intParam(ctx.query, 'limit', 1000, 1000)
    if (limit === null) return invalidArgument('limit must be an integer')
    const book = ex.engine.level2(id, limit === 0 ? 1000 : limit)
    const bid = book.bids[0]?.[0]
    const ask = book.asks[0]?.[0]
    const mid = bid && ask ? bid.plus(ask).div(2) : null
    return ok({
      pricebook: {
        product_id: id,
        bids: book.bids.map(([p, s]) => ({ price: fmt(p), size: fmt(s) })),
        asks: book.asks.map(([p, s]) => ({ price: fmt(p), size: fmt(s) })),
        time: rfc3339Micros(ctx.nowMs),
      },
      last: mid ? fmt(mid) : '',
      mid_market: mid ? fmt(mid) : '',
      spread_bps: bid && ask && mid ? ask.minus(bid).div(mid).mul(10_000).toDecimalPlaces(12).toFixed() : '',
      spread_absolute: bid && ask ? fmt(ask.minus(bid)) : '',
    })
  }

  const bestBidAsk = (ctx: RestContext): RestResult => {
    const ids = ctx.query.getAll('product_ids')
    const list = ids.length > 0 ? ids : ex.engine.productIds()
    const unknown = list.find((id) => !ex.engine.rules(id))
    if (unknown) return productNotFound(unknown)
    return ok({
      pricebooks: list.map((id) => {
        const t = ex.top(id)
        return {
          product_id: id,
          bids: t.bid ? [{ price: t.bid, size: t.bidSize }] : [],
          asks: t.ask ? [{ price: t.ask, size: t.askSize }] : [],
          time: rfc3339Micros(ctx.nowMs),
        }
      }),
    })
  }

  const candles = (ctx: RestContext): RestResult => {
    const id = productIdParam(ctx)
    const store = ex.candles.get(id)
    if (!store) return productNotFound(id)
    const g = GRANULARITY_SECONDS[ctx.query.get('granularity') ?? '']
    if (g === undefined) return invalidArgument('granularity argument is invalid')
    const start = ctx.query.get('start')
    const end = ctx.query.get('end')
    if (!start || !end || !/^\d+$/.test(start) || !/^\d+$/.test(end))
      return invalidArgument('start and end argument is invalid - start and end are required unix seconds')
    const s = Number(start)
    const e = Number(end)
    if (e < s) return invalidArgument('start and end argument is invalid - end must be after start')
    const count = Math.ceil((e - s) / g)
    if (count > 350)
      return {
        status: 400,
        json: {
          error: 'INVALID_ARGUMENT',
          error_details:
            'start and end argument is invalid - number of candles requested should be less than 350',
        },
      }
    const limit = intParam(ctx.query, 'limit', 350, 350)
    if (limit === null) return invalidArgument('limit must be an integer')
    const scale = ex.priceScale(id)
    const list = store.query(s, e, g).slice(0, limit)
    return ok({
      candles: list.map((c) => ({
        start: String(c.start),
        low: c.low.toFixed(scale),
        high: c.high.toFixed(scale),
        open: c.open.toFixed(scale),
        close: c.close.toFixed(scale),
        volume: c.volume.toFixed(8),
      })),
    })
  }

  const ticker = (ctx: RestContext): RestResult => {
    const id = productIdParam(ctx)
    if (!ex.engine.rules(id)) return productNotFound(id)
    const limit = intParam(ctx.query, 'limit', 100, 1000)
    if (limit === null) return invalidArgument('limit must be an integer')
    const trades = [...(ex.engine.trades.get(id) ?? [])].reverse().slice(0, limit)
    const t = ex.top(id)
    return ok({
      trades: trades.map((tr) => ({
        trade_id: tr.tradeId,
        product_id: tr.productId,
        price: fmt(tr.price),
        size: fmt(tr.size),
        time: rfc3339Micros(tr.timeMs),
        side: tr.side,
        bid: '',
        ask: '',
        exchange: 'coinbase',
      })),
      best_bid: t.bid,
      best_ask: t.ask,
    })
  }

  const accountJson = (a: ExchangeAccount, currency: string, uuid: string): Json => {
    const b = ex.balances(a.id)[currency] ?? { available: '0', hold: '0' }
    return {
      uuid,
      name: currency === 'USD' ? 'Cash (USD)' : `${currency} Wallet`,
      currency,
      available_balance: { value: b.available, currency },
      default: false,
      active: true,
      created_at: rfc3339Micros(ex.startMs),
      updated_at: rfc3339Micros(ex.startMs),
      deleted_at: null,
      type:
        currency === 'USD' || currency === 'USDC' || currency === 'EUR'
          ? 'ACCOUNT_TYPE_FIAT'
          : 'ACCOUNT_TYPE_CRYPTO',
      ready: true,
      hold: { value: b.hold, currency },
      retail_portfolio_id: a.portfolioId,
      platform: 'ACCOUNT_PLATFORM_CONSUMER',
    }
  }

  const listAccounts = (ctx: RestContext): RestResult => {
    const a = ctx.account as ExchangeAccount
    const limit = intParam(ctx.query, 'limit', 49, 250)
    const offset = decodeCursor(ctx.query.get('cursor'))
    if (limit === null) return invalidArgument('limit must be an integer')
    if (offset === null) return invalidArgument('cursor is invalid')
    const all = [...a.wallets.entries()]
    const page = all.slice(offset, offset + (limit || 49))
    const hasNext = offset + page.length < all.length
    return ok({
      accounts: page.map(([c, uuid]) => accountJson(a, c, uuid)),
      has_next: hasNext,
      cursor: hasNext ? encodeCursor(offset + page.length) : '',
      size: page.length,
    })
  }

  const getAccount = (ctx: RestContext): RestResult => {
    const a = ctx.account as ExchangeAccount
    const uuid = safeDecode(ctx.params[0] ?? '')
    const found = [...a.wallets.entries()].find(([, u]) => u === uuid)
    if (!found) return err(404, 'NOT_FOUND', 'account not found')
    return ok({ account: accountJson(a, found[0], found[1]) })
  }

  const createOrder = (ctx: RestContext): RestResult => {
    if (!isRecord(ctx.body)) return invalidArgument('request body must be a JSON object')
    const req = ctx.body
    const cid = req.client_order_id
    if (cid !== undefined && typeof cid !== 'string')
      return invalidArgument('client_order_id must be a string')
    const a = ctx.account as ExchangeAccount
    const r = ex.engine.placeOrder(a.id, {
      clientOrderId: typeof cid === 'string' ? cid : '',
      productId: req.product_id,
      side: req.side,
      orderConfiguration: req.order_configuration,
      attachedOrderConfiguration: req.attached_order_configuration,
    })
    if (r.ok) {
      const o = r.order
      return ok({
        success: true,
        failure_reason: 'UNKNOWN_FAILURE_REASON',
        order_id: o.orderId,
        success_response: {
          order_id: o.orderId,
          product_id: o.productId,
          side: o.side,
          client_order_id: o.clientOrderId,
        },
        order_configuration: { [o.configKey]: o.config },
      })
    }
    const f = r.failure
    return ok({
      success: false,
      failure_reason: 'UNKNOWN_FAILURE_REASON',
      order_id: '',
      error_response: {
        error: f.error,
        message: f.message,
        error_details: '',
        preview_failure_reason: f.previewFailureReason,
        new_order_failure_reason: f.newOrderFailureReason,
      },
      order_configuration: (r.config as Json) ?? null,
    })
  }

  const previewOrder = (ctx: RestContext): RestResult => {
    if (!isRecord(ctx.body)) return invalidArgument('request body must be a JSON object')
    const req = ctx.body
    const a = ctx.account as ExchangeAccount
    const c = ex.engine.check(a.id, {
      clientOrderId: '',
      productId: req.product_id,
      side: req.side,
      orderConfiguration: req.order_configuration,
    })
    const pid = typeof req.product_id === 'string' ? req.product_id : ''
    const t = ex.engine.rules(pid) ? ex.top(pid) : { bid: '', ask: '' }
    const errs: Json[] = c.ok ? [] : [c.failure.previewFailureReason]
    let baseSize = '0'
    let quoteSize = '0'
    let total = '0'
    let commission = '0'
    if (c.ok) {
      const acct = ex.engine.accounts.get(a.id)
      const rate = acct?.takerFeeRate ?? new D(0)
      const px = c.cfg.limitPrice ?? new D(c.side === 'BUY' ? t.ask || '0' : t.bid || '0')
      const base =
        c.cfg.baseSize ??
        (c.cfg.quoteSize && px.gt(0)
          ? c.cfg.quoteSize.div(px.mul(rate.plus(1))).toDecimalPlaces(8)
          : new D(0))
      const quote = base.mul(px)
      const fee = quote.mul(rate)
      baseSize = fmt(base)
      quoteSize = fmt(quote)
      commission = fmt(fee)
      total = fmt(c.side === 'BUY' ? quote.plus(fee) : quote.minus(fee))
    }
    return ok({
      order_total: total,
      commission_total: commission,
      errs,
      warning: [],
      quote_size: quoteSize,
      base_size: baseSize,
      best_bid: t.bid,
      best_ask: t.ask,
      is_max: false,
      order_margin_total: '0',
      leverage: '1',
      long_leverage: '1',
      short_leverage: '1',
      slippage: '0',
      preview_id: ex.random.uuid(),
      current_liquidation_buffer: '0',
      projected_liquidation_buffer: '0',
      max_leverage: '1',
      pnl_configuration: null,
    })
  }

  const batchCancel = (ctx: RestContext): RestResult => {
    if (!isRecord(ctx.body)) return invalidArgument('request body must be a JSON object')
    const ids = ctx.body.order_ids
    if (!Array.isArray(ids) || ids.some((i) => typeof i !== 'string'))
      return invalidArgument('order_ids must be an array of strings')
    if (ids.length > 100) return invalidArgument('order_ids must have at most 100 elements')
    const a = ctx.account as ExchangeAccount
    return ok({
      results: (ids as string[]).map((id) => {
        const r = ex.engine.cancelOrder(a.id, id)
        return { success: r.success, failure_reason: r.failureReason, order_id: id }
      }),
    })
  }

  const edit =
    (dryRun: boolean) =>
    (ctx: RestContext): RestResult => {
      if (!isRecord(ctx.body)) return invalidArgument('request body must be a JSON object')
      const { order_id: orderId, price, size } = ctx.body
      if (typeof orderId !== 'string') return invalidArgument('order_id is required')
      if (price === undefined || size === undefined)
        return invalidArgument('price and size are both required')
      const a = ctx.account as ExchangeAccount
      const reason = ex.engine.editOrder(a.id, orderId, price, size, dryRun)
      const errors =
        reason === ''
          ? []
          : [{ edit_failure_reason: reason, preview_failure_reason: 'UNKNOWN_PREVIEW_FAILURE_REASON' }]
      // The recorded edit answer carries `errors` as one object (the docs schema says array).
      if (!dryRun)
        return ok({
          success: reason === '',
          errors: {
            edit_failure_reason: reason || 'UNKNOWN_EDIT_ORDER_FAILURE_REASON',
            preview_failure_reason: 'UNKNOWN_PREVIEW_FAILURE_REASON',
          },
        })
      const o = ex.engine.orders.get(orderId)
      const t = o ? ex.top(o.productId) : { bid: '', ask: '' }
      const p = typeof price === 'string' ? price : '0'
      const s = typeof size === 'string' ? size : '0'
      let quote = '0'
      let fee = '0'
      let total = '0'
      if (reason === '' && o) {
        const q = new D(p).mul(s)
        const f = q.mul(ex.engine.accounts.get(a.id)?.takerFeeRate ?? 0)
        quote = fmt(q)
        fee = fmt(f)
        total = fmt(o.side === 'BUY' ? q.plus(f) : q.minus(f))
      }
      return ok({
        errors,
        slippage: '0',
        order_total: total,
        commission_total: fee,
        quote_size: quote,
        base_size: reason === '' ? s : '0',
        best_bid: t.bid,
        best_ask: t.ask,
        average_filled_price: o
          ? fmt(o.filledSize.isZero() ? new D(0) : o.filledValue.div(o.filledSize).toDecimalPlaces(10))
          : '0',
      })
    }

  const userOrders = (a: ExchangeAccount): SimOrder[] =>
    ex.engine.userOrders.filter((o) => o.accountId === a.id)

  const listOrders = (ctx: RestContext): RestResult => {
    const a = ctx.account as ExchangeAccount
    const q = ctx.query
    const paging = pageParams(q, 1000, 1000)
    if ('error' in paging) return invalidArgument(paging.error)
    const { limit, offset } = paging
    const ids = querySet(q, 'order_ids')
    const products = querySet(q, 'product_ids')
    const statuses = querySet(q, 'order_status')
    const tifs = querySet(q, 'time_in_forces')
    const types = querySet(q, 'order_types')
    const side = q.get('order_side')
    const range = timeRange(q, 'start_date', 'end_date')
    if (!range) return invalidArgument('start_date and end_date must be RFC 3339')
    const { startMs, endMs } = range
    if (statuses?.has('OPEN') && statuses.size > 1)
      return invalidArgument('OPEN cannot be combined with other statuses')
    const list = userOrders(a)
      .filter(
        (o) =>
          (!ids || ids.has(o.orderId)) &&
          (!products || products.has(o.productId)) &&
          (!statuses || statuses.has(o.status)) &&
          (!tifs || tifs.has(o.timeInForce)) &&
          (!types || types.has(o.orderType)) &&
          (!side || side === o.side) &&
          (startMs === null || o.createdMs >= startMs) &&
          (endMs === null || o.createdMs <= endMs),
      )
      .reverse()
    const page = list.slice(offset, offset + limit)
    const hasNext = offset + page.length < list.length
    const cursor = hasNext ? encodeCursor(offset + page.length) : ''
    return ok({
      orders: page.map((o, i) => ({ ...orderView(o), cursor: encodeCursor(offset + i + 1) })),
      sequence: '0',
      has_next: hasNext,
      cursor,
      proof_token_required: false,
    })
  }

  const getOrder = (ctx: RestContext): RestResult => {
    const a = ctx.account as ExchangeAccount
    const id = safeDecode(ctx.params[0] ?? '')
    const o = ex.engine.orders.get(id)
    if (!o || o.accountId !== a.id) return err(404, 'unknown', 'order with this orderID was not found')
    return ok({ order: orderView(o) })
  }

  const listFills = (ctx: RestContext): RestResult => {
    const a = ctx.account as ExchangeAccount
    const q = ctx.query
    const paging = pageParams(q, 100, 1000)
    if ('error' in paging) return invalidArgument(paging.error)
    const { limit, offset } = paging
    const orderIds = querySet(q, 'order_ids')
    const tradeIds = querySet(q, 'trade_ids')
    const products = querySet(q, 'product_ids')
    const range = timeRange(q, 'start_sequence_timestamp', 'end_sequence_timestamp')
    if (!range) return invalidArgument('sequence timestamps must be RFC 3339')
    const { startMs: sMs, endMs: eMs } = range
    const list = ex.engine.fills
      .filter(
        (f) =>
          f.accountId === a.id &&
          (!orderIds || orderIds.has(f.orderId)) &&
          (!tradeIds || tradeIds.has(f.tradeId)) &&
          (!products || products.has(f.productId)) &&
          (sMs === null || f.timeMs >= sMs) &&
          (eMs === null || f.timeMs <= eMs),
      )
      .reverse()
    const page = list.slice(offset, offset + limit)
    const hasNext = offset + page.length < list.length
    return ok({ fills: page.map(fillView), cursor: hasNext ? encodeCursor(offset + page.length) : '' })
  }

  const transactionSummary = (ctx: RestContext): RestResult => {
    const a = ctx.account as ExchangeAccount
    const acct = ex.engine.accounts.get(a.id)
    const v = ex.volume(a.id)
    return ok({
      total_volume: v.volume,
      total_fees: v.fees,
      fee_tier: {
        pricing_tier: 'Advanced 1',
        usd_from: '0',
        usd_to: '10000',
        taker_fee_rate: acct ? fmt(acct.takerFeeRate) : '0',
        maker_fee_rate: acct ? fmt(acct.makerFeeRate) : '0',
        aop_from: '',
        aop_to: '',
      },
      margin_rate: null,
      goods_and_services_tax: null,
      advanced_trade_only_volume: v.volume,
      advanced_trade_only_fees: v.fees,
      coinbase_pro_volume: '0',
      coinbase_pro_fees: '0',
      total_balance: '',
      has_promo_fee: false,
    })
  }

  const portfolios = (ctx: RestContext): RestResult => {
    const a = ctx.account as ExchangeAccount
    return ok({ portfolios: [{ name: 'Default', uuid: a.portfolioId, type: 'DEFAULT', deleted: false }] })
  }

  const keyPermissions = (ctx: RestContext): RestResult => {
    const a = ctx.account as ExchangeAccount
    return ok({
      can_view: true,
      can_trade: true,
      can_transfer: false,
      portfolio_uuid: a.portfolioId,
      portfolio_type: 'DEFAULT',
    })
  }

  const time = (ctx: RestContext): RestResult =>
    ok({
      iso: rfc3339Seconds(ctx.nowMs),
      epochSeconds: String(Math.floor(ctx.nowMs / 1000)),
      epochMillis: String(ctx.nowMs),
    })

  const money = (value: string, currency = 'USD'): Json => ({ value, currency })
  const cfmBalance = (ctx: RestContext): RestResult => {
    const a = ctx.account as ExchangeAccount
    const usd = ex.balances(a.id).USD?.available ?? '0'
    return ok({
      balance_summary: {
        futures_buying_power: money(usd),
        total_usd_balance: money(usd),
        cbi_usd_balance: money(usd),
        cfm_usd_balance: money('0'),
        total_open_orders_hold_amount: money('0'),
        unrealized_pnl: money('0'),
        daily_realized_pnl: money('0'),
        initial_margin: money('0'),
        available_margin: money('0'),
        liquidation_threshold: money('0'),
        liquidation_buffer_amount: money('0'),
        liquidation_buffer_percentage: '1000',
      },
    })
  }

  const paymentMethod = (a: ExchangeAccount): Json => ({
    id: a.wallets.get('USD') ?? a.id,
    type: 'COINBASE_FIAT_ACCOUNT',
    name: 'USD Wallet',
    currency: 'USD',
    verified: true,
    allow_buy: true,
    allow_sell: true,
    allow_deposit: false,
    allow_withdraw: false,
    created_at: rfc3339Seconds(ex.startMs),
    updated_at: rfc3339Seconds(ex.startMs),
  })
  const listPaymentMethods = (ctx: RestContext): RestResult =>
    ok({ payment_methods: [paymentMethod(ctx.account as ExchangeAccount)] })
  const getPaymentMethod = (ctx: RestContext): RestResult => {
    const pm = paymentMethod(ctx.account as ExchangeAccount) as { id: string }
    return safeDecode(ctx.params[0] ?? '') === pm.id
      ? ok({ payment_method: pm as unknown as Json })
      : err(404, 'NOT_FOUND', 'payment method not found')
  }

  const routes: Route[] = [
    { method: 'GET', pattern: /^\/payment_methods$/, auth: true, handler: listPaymentMethods },
    { method: 'GET', pattern: /^\/payment_methods\/([^/]+)$/, auth: true, handler: getPaymentMethod },
    { method: 'GET', pattern: /^\/time$/, auth: false, handler: time },
    { method: 'GET', pattern: /^\/market\/products$/, auth: false, handler: listProducts },
    { method: 'GET', pattern: /^\/market\/products\/([^/]+)$/, auth: false, handler: getProduct },
    { method: 'GET', pattern: /^\/market\/product_book$/, auth: false, handler: productBook },
    { method: 'GET', pattern: /^\/market\/products\/([^/]+)\/candles$/, auth: false, handler: candles },
    { method: 'GET', pattern: /^\/market\/products\/([^/]+)\/ticker$/, auth: false, handler: ticker },
    { method: 'GET', pattern: /^\/accounts$/, auth: true, handler: listAccounts },
    { method: 'GET', pattern: /^\/accounts\/([^/]+)$/, auth: true, handler: getAccount },
    { method: 'GET', pattern: /^\/products$/, auth: true, handler: listProducts },
    { method: 'GET', pattern: /^\/products\/([^/]+)$/, auth: true, handler: getProduct },
    { method: 'GET', pattern: /^\/product_book$/, auth: true, handler: productBook },
    { method: 'GET', pattern: /^\/best_bid_ask$/, auth: true, handler: bestBidAsk },
    { method: 'GET', pattern: /^\/products\/([^/]+)\/candles$/, auth: true, handler: candles },
    { method: 'GET', pattern: /^\/products\/([^/]+)\/ticker$/, auth: true, handler: ticker },
    { method: 'POST', pattern: /^\/orders$/, auth: true, handler: createOrder },
    { method: 'POST', pattern: /^\/orders\/preview$/, auth: true, handler: previewOrder },
    { method: 'POST', pattern: /^\/orders\/batch_cancel$/, auth: true, handler: batchCancel },
    { method: 'POST', pattern: /^\/orders\/edit$/, auth: true, handler: edit(false) },
    { method: 'POST', pattern: /^\/orders\/edit_preview$/, auth: true, handler: edit(true) },
    { method: 'GET', pattern: /^\/orders\/historical\/batch$/, auth: true, handler: listOrders },
    { method: 'GET', pattern: /^\/orders\/historical\/fills$/, auth: true, handler: listFills },
    { method: 'GET', pattern: /^\/orders\/historical\/([^/]+)$/, auth: true, handler: getOrder },
    { method: 'GET', pattern: /^\/transaction_summary$/, auth: true, handler: transactionSummary },
    { method: 'GET', pattern: /^\/portfolios$/, auth: true, handler: portfolios },
    { method: 'GET', pattern: /^\/key_permissions$/, auth: true, handler: keyPermissions },
  ]
  if (ex.config.derivatives) {
    routes.push(
      { method: 'GET', pattern: /^\/cfm\/balance_summary$/, auth: true, handler: cfmBalance },
      { method: 'GET', pattern: /^\/cfm\/positions$/, auth: true, handler: () => ok({ positions: [] }) },
    )
  }
  return routes.map((r) => ({ ...r, pattern: new RegExp(`^${P}${r.pattern.source.slice(1)}`) }))
}

/** Finds the route for `method path`: the route, `'method'` if only the method is wrong, or null. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: string[] } | 'method' | null {
  let pathMatched = false
  for (const r of routes) {
    const m = r.pattern.exec(path)
    if (!m) continue
    // `/orders/historical/batch` must not be taken as an order id.
    pathMatched = true
    if (r.method === method) return { route: r, params: m.slice(1) }
  }
  return pathMatched ? 'method' : null
}
