import { type CoinbaseSim, startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { Decimal } from 'decimal.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caught } from '../../test/rest-helpers/caught.js'
import { makeEcKey } from '../../test/rest-helpers/keys.js'
import { getProduct } from '../actions/getProduct.js'
import type { InvalidOrder } from '../errors/ExchangeError.js'
import {
  isAuthenticationError,
  isBadSymbolError,
  isCredentialsRequiredError,
  isInsufficientFundsError,
  isInvalidOrderError,
} from '../errors/guards.js'
import { type CoinbaseClient, createCoinbaseClient } from './createCoinbaseClient.js'

let sim: CoinbaseSim
const delays: number[] = []
const instantSleep = async (ms: number) => {
  delays.push(ms)
}

function simClient(keyIndex: number, extra: Parameters<typeof createCoinbaseClient>[0] = {}): CoinbaseClient {
  return createCoinbaseClient({
    baseUrl: sim.restUrl,
    wsUrl: sim.wsUrl,
    wsUserUrl: sim.wsUserUrl,
    credentials: sim.credentials[keyIndex]!,
    // The sim checks JWT times against its own manual clock.
    clock: { now: () => sim.control.now() },
    sleep: instantSleep,
    timeoutMs: 2_000,
    ...extra,
  })
}

beforeAll(async () => {
  sim = await startCoinbaseSim({ derivatives: true })
  sim.control.advance(60_000)
})
afterAll(async () => {
  await sim.close()
})

describe('against @gpt-trader/coinbase-sim', () => {
  it('public market/* endpoints and /time work without credentials', async () => {
    const client = createCoinbaseClient({ baseUrl: sim.restUrl })
    const time = await client.getServerTime()
    expect(time.epochMillis).toBe(sim.control.now())
    const product = await client.getPublicProduct({ product_id: 'BTC-USD' })
    expect(product.price_increment.toFixed()).toBe('0.01')
    const { products } = await client.listPublicProducts()
    expect(products.map((p) => p.product_id)).toEqual(expect.arrayContaining(['BTC-USD', 'ETH-USD']))
    const book = await client.getPublicProductBook({ product_id: 'BTC-USD', limit: 5 })
    const simBook = sim.control.book('BTC-USD')
    expect(book.pricebook.bids[0]?.price.toFixed()).toBe(new Decimal(simBook.bids[0]![0]).toFixed())
    expect(book.pricebook.asks[0]!.price.gt(book.pricebook.bids[0]!.price)).toBe(true)
    const now = Math.floor(sim.control.now() / 1000)
    const candles = await client.getPublicCandles({
      product_id: 'BTC-USD',
      start: now - 3600,
      end: now,
      granularity: 'FIVE_MINUTE',
    })
    expect(candles.candles.length).toBeGreaterThan(0)
    expect(candles.candles[0]!.high.gte(candles.candles[0]!.low)).toBe(true)
    const trades = await client.getPublicMarketTrades({ product_id: 'BTC-USD', limit: 5 })
    expect(trades.trades.length).toBeLessThanOrEqual(5)
    const missing = await caught(client.getPublicProduct({ product_id: 'NOPE-USD' }))
    expect(isBadSymbolError(missing)).toBe(true)
    const privateCall = await caught(client.listAccounts())
    expect(isCredentialsRequiredError(privateCall)).toBe(true)
  })

  for (const [index, label] of [
    [0, 'ES256 (SEC1 PEM)'],
    [1, 'EdDSA (base64 seed+pub)'],
  ] as const) {
    it(`authenticated market data, accounts and fees with the ${label} key`, async () => {
      const client = simClient(index)
      expect(client.credentials?.algorithm).toBe(index === 0 ? 'ES256' : 'EdDSA')
      const product = await getProduct(client, { product_id: 'ETH-USD' })
      expect(product.product_id).toBe('ETH-USD')
      const { products } = await client.listProducts({ product_ids: ['BTC-USD'] })
      expect(products.map((p) => p.product_id)).toEqual(['BTC-USD'])
      const book = await client.getProductBook({ product_id: 'BTC-USD', limit: 3 })
      expect(book.pricebook.bids.length).toBeLessThanOrEqual(3)
      const bba = await client.getBestBidAsk({ product_ids: ['BTC-USD', 'ETH-USD'] })
      expect(bba.pricebooks).toHaveLength(2)
      const now = Math.floor(sim.control.now() / 1000)
      const candles = await client.getCandles({
        product_id: 'ETH-USD',
        start: now - 600,
        end: now,
        granularity: 'ONE_MINUTE',
      })
      expect(candles.candles.length).toBeGreaterThan(0)
      const trades = await client.getMarketTrades({ product_id: 'ETH-USD', limit: 3 })
      expect(Array.isArray(trades.trades)).toBe(true)
      const { accounts } = await client.listAccounts()
      const usd = accounts.find((a) => a.currency === 'USD')!
      expect(usd.available_balance.value.gt(0)).toBe(true)
      const { account } = await client.getAccount({ account_uuid: usd.uuid })
      expect(account.uuid).toBe(usd.uuid)
      const all: string[] = []
      for await (const a of client.iterateAccounts({ limit: 1 })) all.push(a.currency)
      expect(all.sort()).toEqual(accounts.map((a) => a.currency).sort())
      const summary = await client.getTransactionSummary()
      expect(summary.fee_tier.taker_fee_rate?.toFixed()).toBe('0.006')
      const { portfolios } = await client.listPortfolios()
      expect(portfolios.length).toBeGreaterThan(0)
      const permissions = await client.getKeyPermissions()
      expect(permissions.can_trade).toBe(true)
    })
  }

  it('order lifecycle: preview, create, get, list, edit, preview edit, cancel', async () => {
    const client = simClient(1)
    const { pricebook } = await client.getProductBook({ product_id: 'BTC-USD', limit: 1 })
    const farBid = pricebook.bids[0]!.price.mul('0.9').toDecimalPlaces(2, Decimal.ROUND_DOWN)
    const configuration = { limit_limit_gtc: { base_size: '0.001', limit_price: farBid, post_only: true } }
    const preview = await client.previewOrder({
      product_id: 'BTC-USD',
      side: 'BUY',
      order_configuration: configuration,
    })
    expect(preview.order_total?.gt(0)).toBe(true)
    const placed = await client.createOrder({
      product_id: 'BTC-USD',
      side: 'BUY',
      order_configuration: configuration,
    })
    expect(placed.recovered).toBe(false)
    const { order } = await client.getOrder({ order_id: placed.order_id })
    expect(order).toMatchObject({ status: 'OPEN', client_order_id: placed.client_order_id, side: 'BUY' })
    const found = await client.findOrderByClientOrderId({
      client_order_id: placed.client_order_id,
      product_id: 'BTC-USD',
    })
    expect(found?.order_id).toBe(placed.order_id)
    const open = await client.listOrders({ order_status: ['OPEN'], product_ids: ['BTC-USD'] })
    expect(open.orders.map((o) => o.order_id)).toContain(placed.order_id)
    const ids: string[] = []
    for await (const o of client.iterateOrders({ product_ids: ['BTC-USD'], limit: 1 })) ids.push(o.order_id)
    expect(ids).toContain(placed.order_id)
    const newPrice = farBid.minus(1)
    const editPreview = await client.previewEditOrder({
      order_id: placed.order_id,
      price: newPrice,
      size: '0.002',
    })
    expect(editPreview.errors ?? []).toEqual([])
    const edited = await client.editOrder({ order_id: placed.order_id, price: newPrice, size: '0.002' })
    expect(edited.success).toBe(true)
    const after = await client.getOrder({ order_id: placed.order_id })
    expect(after.order.order_configuration?.limit_limit_gtc?.limit_price?.toFixed()).toBe(newPrice.toFixed())
    const { results } = await client.cancelOrders({ order_ids: [placed.order_id, 'no-such-order'] })
    expect(results.map((r) => r.success)).toEqual([true, false])
    expect((await client.getOrder({ order_id: placed.order_id })).order.status).toBe('CANCELLED')
  })

  it('market orders fill; fills are listed and iterated across pages', async () => {
    const client = simClient(0)
    const placed = []
    for (let i = 0; i < 3; i++) {
      placed.push(
        await client.createOrder({
          product_id: 'ETH-USD',
          side: 'BUY',
          order_configuration: { market_market_ioc: { quote_size: '50' } },
        }),
      )
    }
    sim.control.advance(1_000)
    const page = await client.listFills({ order_ids: placed.map((p) => p.order_id) })
    expect(page.fills.length).toBeGreaterThanOrEqual(3)
    const iterated = []
    for await (const fill of client.iterateFills({ order_ids: placed.map((p) => p.order_id), limit: 1 })) {
      iterated.push(fill)
    }
    expect(iterated.length).toBe(page.fills.length)
    expect(new Set(iterated.map((f) => f.entry_id)).size).toBe(iterated.length)
    expect(iterated.every((f) => f.price.gt(0) && f.size.gt(0))).toBe(true)
  })

  it('refusals from the exchange are typed: precision → InvalidOrder, too big → InsufficientFunds', async () => {
    const client = simClient(0)
    const precision = (await caught(
      client.createOrder({
        product_id: 'BTC-USD',
        side: 'BUY',
        order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: '1000.001' } },
      }),
    )) as InvalidOrder
    expect(isInvalidOrderError(precision)).toBe(true)
    expect(precision.failureReason).toMatch(/PRECISION/)
    const funds = await caught(
      client.createOrder({
        product_id: 'BTC-USD',
        side: 'BUY',
        order_configuration: { limit_limit_gtc: { base_size: '1000', limit_price: '50000.00' } },
      }),
    )
    expect(isInsufficientFundsError(funds)).toBe(true)
  })

  it('futures endpoints (derivatives sim)', async () => {
    const client = simClient(0)
    const summary = await client.getFuturesBalanceSummary()
    expect(summary.balance_summary).toBeDefined()
    const { positions } = await client.listFuturesPositions()
    expect(Array.isArray(positions)).toBe(true)
  })

  it('429 from the exchange → backoff then success', async () => {
    const client = simClient(0)
    delays.length = 0
    const remove = sim.control.injectFault({
      kind: 'rateLimit',
      count: 2,
      match: { path: '/api/v3/brokerage/accounts' },
    })
    try {
      const { accounts } = await client.listAccounts()
      expect(accounts.length).toBeGreaterThan(0)
      expect(delays).toHaveLength(2)
      expect(delays[1]!).toBeGreaterThanOrEqual(delays[0]! / 2)
    } finally {
      remove()
    }
  })

  it('a wrong key gets 401, not retried', async () => {
    const key = makeEcKey()
    const client = createCoinbaseClient({
      baseUrl: sim.restUrl,
      credentials: { apiKeyName: sim.credentials[0]!.apiKeyName, privateKey: key.sec1Pem },
      clock: { now: () => sim.control.now() },
      sleep: instantSleep,
    })
    delays.length = 0
    const error = await caught(client.listAccounts())
    expect(isAuthenticationError(error)).toBe(true)
    expect(delays).toEqual([])
  })

  it('dropped answer on order create → recovered by client_order_id lookup; exactly one order exists', async () => {
    const client = simClient(0, { timeoutMs: 1_000 })
    const clientOrderId = '11111111-2222-4333-8444-555555555555'
    const remove = sim.control.injectFault({
      kind: 'dropResponse',
      count: 1,
      match: { method: 'POST', path: '/api/v3/brokerage/orders' },
    })
    try {
      const placed = await client.createOrder({
        client_order_id: clientOrderId,
        product_id: 'BTC-USD',
        side: 'BUY',
        order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: '1000.00' } },
      })
      expect(placed.recovered).toBe(true)
      const matching = sim.control
        .orders()
        .filter((o) => (o as { client_order_id?: string }).client_order_id === clientOrderId)
      expect(matching).toHaveLength(1)
      expect(placed.order_id).toBe((matching[0] as { order_id: string }).order_id)
    } finally {
      remove()
    }
  })

  it('hang on order create (not processed) → lookup finds nothing → same client_order_id re-sent once', async () => {
    const client = simClient(0, { timeoutMs: 1_000 })
    const clientOrderId = '21111111-2222-4333-8444-555555555555'
    const remove = sim.control.injectFault({
      kind: 'hang',
      count: 1,
      match: { method: 'POST', path: '/api/v3/brokerage/orders' },
    })
    try {
      const placed = await client.createOrder({
        client_order_id: clientOrderId,
        product_id: 'BTC-USD',
        side: 'BUY',
        order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: '1000.00' } },
      })
      expect(placed.recovered).toBe(false)
      const matching = sim.control
        .orders()
        .filter((o) => (o as { client_order_id?: string }).client_order_id === clientOrderId)
      expect(matching).toHaveLength(1)
    } finally {
      remove()
    }
  })
})
