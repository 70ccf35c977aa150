import { loadFixture } from '@gpt-trader/test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CoinbaseSim, type SimCredential, startCoinbaseSim } from '../src/index.js'
import { call, mintJwt, pub } from './helpers.js'
import { shapeDiff } from './shape.js'
import { openWs, type TestWs } from './wsClient.js'

/**
 * Conformance: for each fixture with a sim counterpart, the sim's answer has the same keys, value
 * types and nesting (see ./shape.ts). Fixtures without a counterpart are listed in NO_COUNTERPART.
 */
const NO_COUNTERPART = {
  'rest/error_permission_denied.json': 'sim keys always carry every scope',
  'rest/move_portfolio_funds.json': 'the sim has one portfolio per account; move_funds is not served',
  'rest/intx_positions.json': 'INTX portfolio endpoints are not modelled',
  'ws/heartbeats_docs.json':
    'docs example with a string counter; the sim sends the live integer form (ws/heartbeats.json)',
  'ws/subscribe_level2_request.json': 'client → server message (used as input below)',
  'ws/subscribe_heartbeats_request.json': 'client → server message (used as input below)',
  'ws/subscribe_user_request.json': 'client → server message (used as input below)',
}

let sim: CoinbaseSim
let filledOrderId = ''
let openOrderId = ''

beforeAll(async () => {
  sim = await startCoinbaseSim({ derivatives: true })
  sim.control.advance(5_000)
  const buy = await call(sim, 'POST', '/orders', {
    client_order_id: 'c-1',
    product_id: 'BTC-USD',
    side: 'BUY',
    order_configuration: { market_market_ioc: { quote_size: '100' } },
  })
  filledOrderId = (buy.json as { order_id: string }).order_id
  const rest = await call(sim, 'POST', '/orders', {
    client_order_id: 'c-2',
    product_id: 'BTC-USD',
    side: 'BUY',
    order_configuration: {
      limit_limit_gtc: { base_size: '0.001', limit_price: '50000.00', post_only: false },
    },
  })
  openOrderId = (rest.json as { order_id: string }).order_id
})
afterAll(async () => {
  await sim.close()
})

const same = (fixture: string, actual: unknown): void => {
  expect(shapeDiff(loadFixture(fixture), actual), fixture).toEqual([])
}

describe('REST conformance', () => {
  it('server_time', async () => same('rest/server_time.json', (await pub(sim, '/time')).json))
  it('get_product (public and private)', async () => {
    same('rest/get_product.json', (await pub(sim, '/market/products/BTC-USD')).json)
    same('rest/get_product.json', (await call(sim, 'GET', '/products/BTC-USD')).json)
  })
  it('get_product_perp_intx', async () =>
    same('rest/get_product_perp_intx.json', (await call(sim, 'GET', '/products/BTC-PERP-INTX')).json))
  it('list_products', async () => same('rest/list_products.json', (await call(sim, 'GET', '/products')).json))
  it('product_book', async () => {
    same('rest/product_book.json', (await call(sim, 'GET', '/product_book?product_id=BTC-USD&limit=5')).json)
    same('rest/product_book.json', (await pub(sim, '/market/product_book?product_id=BTC-USD')).json)
  })
  it('best_bid_ask', async () =>
    same('rest/best_bid_ask.json', (await call(sim, 'GET', '/best_bid_ask?product_ids=BTC-USD')).json))
  it('candles', async () => {
    const end = Math.floor(sim.control.now() / 1000)
    const r = await call(
      sim,
      'GET',
      `/products/BTC-USD/candles?start=${end - 3600 * 10}&end=${end}&granularity=ONE_HOUR`,
    )
    expect((r.json as { candles: unknown[] }).candles.length).toBeGreaterThan(5)
    same('rest/candles.json', r.json)
  })
  it('market_trades (ticker)', async () => {
    const r = await pub(sim, '/market/products/BTC-USD/ticker?limit=5')
    expect((r.json as { trades: unknown[] }).trades.length).toBeGreaterThan(0)
    same('rest/market_trades.json', r.json)
  })
  it('list_accounts', async () => same('rest/list_accounts.json', (await call(sim, 'GET', '/accounts')).json))
  it('create_order_success', async () => {
    const r = await call(sim, 'POST', '/orders', {
      client_order_id: 'c-3',
      product_id: 'BTC-USD',
      side: 'SELL',
      order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: '99999.00' } },
    })
    same('rest/create_order_success.json', r.json)
  })
  it('create_order_failure (unsupported configuration)', async () => {
    const r = await call(sim, 'POST', '/orders', {
      client_order_id: 'c-4',
      product_id: 'BTC-USD',
      side: 'BUY',
      order_configuration: { limit_limit_gtc: { base_size: '100', limit_price: '40000', post_only: false } },
    })
    expect(r.status).toBe(200)
    expect((r.json as { success: boolean }).success).toBe(false)
    same('rest/create_order_failure.json', r.json)
  })
  it('create_order_failure_preview', async () => {
    const r = await call(sim, 'POST', '/orders', {
      client_order_id: 'c-5',
      product_id: 'BTC-USD',
      side: 'SELL',
      order_configuration: {
        stop_limit_stop_limit_gtc: {
          base_size: '0.0001',
          limit_price: '200000',
          stop_price: '200005',
          stop_direction: 'STOP_DIRECTION_STOP_DOWN',
          reduce_only: false,
        },
      },
    })
    expect(
      (r.json as { error_response: { preview_failure_reason: string } }).error_response
        .preview_failure_reason,
    ).toBe('PREVIEW_STOP_PRICE_ABOVE_LAST_TRADE_PRICE')
    same('rest/create_order_failure_preview.json', r.json)
  })
  it('create_order_failure_insufficient_fund', async () => {
    const r = await call(sim, 'POST', '/orders', {
      client_order_id: 'c-6',
      product_id: 'BTC-USD',
      side: 'SELL',
      order_configuration: { limit_limit_gtc: { base_size: '100', limit_price: '90000' } },
    })
    expect((r.json as { error_response: { error: string } }).error_response.error).toBe('INSUFFICIENT_FUND')
    same('rest/create_order_failure_insufficient_fund.json', r.json)
  })
  it('get_order', async () =>
    same('rest/get_order.json', (await call(sim, 'GET', `/orders/historical/${openOrderId}`)).json))
  it('list_orders (filled)', async () => {
    const sell = await call(sim, 'POST', '/orders', {
      client_order_id: 'c-sell',
      product_id: 'BTC-USD',
      side: 'SELL',
      order_configuration: { market_market_ioc: { base_size: '0.0001' } },
    })
    const id = (sell.json as { order_id: string }).order_id
    const r = await call(sim, 'GET', `/orders/historical/batch?order_status=FILLED&order_ids=${id}`)
    expect((r.json as { orders: { order_id: string }[] }).orders.map((o) => o.order_id)).toEqual([id])
    const all = await call(sim, 'GET', '/orders/historical/batch?order_status=FILLED')
    expect((all.json as { orders: { order_id: string }[] }).orders.map((o) => o.order_id)).toContain(
      filledOrderId,
    )
    same('rest/list_orders.json', r.json)
  })
  it('list_orders_open_empty', async () =>
    same(
      'rest/list_orders_open_empty.json',
      (await call(sim, 'GET', '/orders/historical/batch?order_status=OPEN&product_ids=ETH-USD')).json,
    ))
  it('list_fills', async () =>
    same('rest/list_fills.json', (await call(sim, 'GET', '/orders/historical/fills')).json))
  it('edit_order', async () =>
    same(
      'rest/edit_order.json',
      (await call(sim, 'POST', '/orders/edit', { order_id: openOrderId, price: '50001.00', size: '0.001' }))
        .json,
    ))
  it('cancel_orders', async () =>
    same(
      'rest/cancel_orders.json',
      (await call(sim, 'POST', '/orders/batch_cancel', { order_ids: [openOrderId] })).json,
    ))
  it('transaction_summary', async () =>
    same('rest/transaction_summary.json', (await call(sim, 'GET', '/transaction_summary')).json))
  it('payment_methods', async () => {
    const list = await call(sim, 'GET', '/payment_methods')
    same('rest/payment_methods.json', list.json)
    const id = (list.json as { payment_methods: { id: string }[] }).payment_methods[0]?.id
    same('rest/get_payment_method.json', (await call(sim, 'GET', `/payment_methods/${id}`)).json)
  })
  it('error_candles_too_many (exact body)', async () => {
    const r = await pub(sim, '/market/products/BTC-USD/candles?start=0&end=86400&granularity=ONE_MINUTE')
    expect(r.status).toBe(400)
    expect(r.json).toEqual(loadFixture('rest/error_candles_too_many.json'))
  })
  it('error_order_not_found', async () => {
    const r = await call(sim, 'GET', '/orders/historical/00000000-0000-0000-0000-000000000000')
    expect(r.status).toBe(404)
    expect(r.json).toEqual(loadFixture('rest/error_order_not_found.json'))
  })
  it('error_product_not_found', async () => {
    const r = await pub(sim, '/market/products/NOPE-USD')
    expect(r.status).toBe(404)
    same('rest/error_product_not_found.json', r.json)
    expect((r.json as { message: string }).message).toBe('Product NOPE-USD not supported')
  })
})

describe('WebSocket conformance', () => {
  const socks: TestWs[] = []
  afterAll(() => {
    for (const s of socks) s.close()
  })
  const open = async (url: string): Promise<TestWs> => {
    const s = await openWs(url)
    socks.push(s)
    return s
  }

  it('market channels: snapshots, acks, updates, heartbeats', async () => {
    const s = await open(sim.wsUrl)
    s.send(loadFixture('ws/subscribe_heartbeats_request.json'))
    s.send(loadFixture('ws/subscribe_level2_request.json'))
    for (const channel of ['market_trades', 'ticker', 'ticker_batch', 'candles', 'status'])
      s.send({ type: 'subscribe', channel, product_ids: ['BTC-USD'] })
    await s.waitFor(
      (f) =>
        f.channel === 'subscriptions' &&
        'status' in ((f.events as { subscriptions: object }[])[0]?.subscriptions ?? {}),
    )
    sim.control.advance(6_000)
    const get = (channel: string, type?: string) =>
      s.waitFor(
        (f) =>
          f.channel === channel &&
          (type === undefined || (f.events as { type?: string }[])[0]?.type === type),
      )
    same('ws/heartbeats.json', await get('heartbeats'))
    same('ws/level2_snapshot.json', await get('l2_data', 'snapshot'))
    same('ws/level2_docs.json', await get('l2_data', 'snapshot'))
    same('ws/level2_update.json', await get('l2_data', 'update'))
    same('ws/market_trades.json', await get('market_trades', 'update'))
    same('ws/market_trades_docs.json', await get('market_trades', 'snapshot'))
    same('ws/ticker.json', await get('ticker', 'snapshot'))
    same('ws/ticker.json', await get('ticker', 'update'))
    same('ws/ticker_batch.json', await get('ticker_batch', 'snapshot'))
    same('ws/candles.json', await get('candles', 'snapshot'))
    same('ws/status.json', await get('status', 'snapshot'))
    const acks = (s.frames as { channel: string }[]).filter((f) => f.channel === 'subscriptions')
    same('ws/subscriptions.json', acks[acks.length - 1])
    const seqs = (s.frames as { sequence_num: number }[]).map((f) => f.sequence_num)
    expect(seqs).toEqual(seqs.map((_, i) => i))
  })

  it('user endpoint: user snapshot, futures_balance_summary, ack, errors', async () => {
    const s = await open(sim.wsUserUrl)
    const cred = sim.credentials[1] as SimCredential
    s.send({
      ...(loadFixture('ws/subscribe_user_request.json') as object),
      jwt: await mintJwt(cred, sim.control.now()),
    })
    s.send({
      type: 'subscribe',
      channel: 'futures_balance_summary',
      jwt: await mintJwt(cred, sim.control.now()),
    })
    same('ws/user_snapshot_empty.json', await s.waitFor((f) => f.channel === 'user'))
    same('ws/subscriptions_user.json', await s.waitFor((f) => f.channel === 'subscriptions'))
    same('ws/futures_balance_summary.json', await s.waitFor((f) => f.channel === 'futures_balance_summary'))
    s.send({ type: 'subscribe', channel: 'user', jwt: 'not-a-jwt' })
    expect(await s.waitFor((f) => f.type === 'error')).toEqual(
      loadFixture('ws/error_authentication_failure.json'),
    )
  })

  it('user channel with an open order matches ws/user.json', async () => {
    const r = await call(sim, 'POST', '/orders', {
      client_order_id: 'ws-open',
      product_id: 'BTC-USD',
      side: 'BUY',
      order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: '40000.00' } },
    })
    expect((r.json as { success: boolean }).success).toBe(true)
    const s = await open(sim.wsUserUrl)
    s.send({
      type: 'subscribe',
      channel: 'user',
      jwt: await mintJwt(sim.credentials[0] as SimCredential, sim.control.now()),
    })
    const snap = await s.waitFor((f) => f.channel === 'user')
    expect((snap.events as { orders: unknown[] }[])[0]?.orders.length).toBeGreaterThanOrEqual(1)
    same('ws/user.json', snap)
  })

  it('too many L2 streams', async () => {
    const s = await open(sim.wsUrl)
    s.send({ type: 'subscribe', channel: 'level2', product_ids: Array.from({ length: 17 }, () => 'BTC-USD') })
    expect(await s.waitFor((f) => f.type === 'error')).toEqual(
      loadFixture('ws/error_too_many_l2_streams.json'),
    )
  })
})

describe('fixtures without a sim counterpart', () => {
  it('are documented', () => {
    expect(Object.keys(NO_COUNTERPART).sort()).toMatchInlineSnapshot(`
      [
        "rest/error_permission_denied.json",
        "rest/intx_positions.json",
        "rest/move_portfolio_funds.json",
        "ws/heartbeats_docs.json",
        "ws/subscribe_heartbeats_request.json",
        "ws/subscribe_level2_request.json",
        "ws/subscribe_user_request.json",
      ]
    `)
  })
})
