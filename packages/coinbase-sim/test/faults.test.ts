import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CoinbaseSim, parseFaultSpec, type SimCredential, startCoinbaseSim } from '../src/index.js'
import { call, mintJwt, pub } from './helpers.js'
import { openWs } from './wsClient.js'

let sim: CoinbaseSim
beforeEach(async () => {
  sim = await startCoinbaseSim()
})
afterEach(async () => {
  await sim.close()
})

describe('REST faults', () => {
  it('rateLimit answers 429 with an empty body, count times, for matching requests only', async () => {
    sim.control.injectFault({ kind: 'rateLimit', count: 2, match: { path: /\/time$/ } })
    const statuses = [
      (await pub(sim, '/time')).status,
      (await pub(sim, '/market/products')).status,
      (await pub(sim, '/time')).status,
      (await pub(sim, '/time')).status,
    ]
    expect(statuses).toEqual([429, 200, 429, 200])
  })

  it('serverError answers the given 5xx status', async () => {
    const remove = sim.control.injectFault({ kind: 'serverError', status: 503 })
    expect((await pub(sim, '/time')).status).toBe(503)
    remove()
    expect((await pub(sim, '/time')).status).toBe(200)
  })

  it('latency delays the answer', async () => {
    sim.control.injectFault({ kind: 'latency', ms: 60, match: { method: 'GET' } })
    const t = performance.now()
    await pub(sim, '/time')
    expect(performance.now() - t).toBeGreaterThanOrEqual(55)
  })

  it('hang never answers and does not process; dropResponse processes but never answers', async () => {
    sim.control.injectFault({ kind: 'hang', count: 1, match: { method: 'POST' } })
    const body = {
      client_order_id: 'h1',
      product_id: 'BTC-USD',
      side: 'BUY',
      order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: '50000.00' } },
    }
    const hung = await Promise.race([
      call(sim, 'POST', '/orders', body).then(() => 'answered'),
      new Promise((r) => setTimeout(() => r('timeout'), 150)),
    ])
    expect(hung).toBe('timeout')
    expect(sim.control.orders()).toHaveLength(0)
    sim.control.injectFault({
      kind: 'dropResponse',
      count: 1,
      match: { method: 'POST', path: '/api/v3/brokerage/orders' },
    })
    const dropped = await Promise.race([
      call(sim, 'POST', '/orders', { ...body, client_order_id: 'd1' }).then(() => 'answered'),
      new Promise((r) => setTimeout(() => r('timeout'), 150)),
    ])
    expect(dropped).toBe('timeout')
    expect(sim.control.orders()).toHaveLength(1)
    // Retrying with the same client_order_id returns the original order.
    const retry = await call(sim, 'POST', '/orders', { ...body, client_order_id: 'd1' })
    expect((retry.json as { order_id: string }).order_id).toBe(
      (sim.control.orders()[0] as { order_id: string }).order_id,
    )
    expect(sim.control.orders()).toHaveLength(1)
  })

  it('rate limits like Coinbase when enabled: 10 public req/s per IP, 30 private req/s per key', async () => {
    const limited = await startCoinbaseSim({ rateLimits: true })
    try {
      // Fired concurrently so that all of them land inside one one-second window.
      const publicStatuses = await Promise.all(
        Array.from({ length: 12 }, () => pub(limited, '/time').then((r) => r.status)),
      )
      expect(publicStatuses.filter((s) => s === 429)).toHaveLength(2)
      const host = new URL(limited.restUrl).host
      const cred = limited.credentials[1] as SimCredential
      const tokens = await Promise.all(
        Array.from({ length: 33 }, () =>
          mintJwt(cred, limited.control.now(), `GET ${host}/api/v3/brokerage/key_permissions`),
        ),
      )
      const privateStatuses = await Promise.all(
        tokens.map((t) =>
          fetch(`${limited.restUrl}/api/v3/brokerage/key_permissions`, {
            headers: { authorization: `Bearer ${t}` },
          }).then((r) => r.status),
        ),
      )
      expect(privateStatuses.filter((s) => s === 429)).toHaveLength(3)
    } finally {
      await limited.close()
    }
  })

  it('parses CLI fault specs', () => {
    expect(
      [
        'latency=200',
        'rateLimit=3',
        'serverError=502',
        'hang',
        'staleFeed=BTC-USD',
        'clockSkew=-5',
        'bogus',
      ].map(parseFaultSpec),
    ).toMatchInlineSnapshot(`
      [
        {
          "kind": "latency",
          "ms": 200,
        },
        {
          "count": 3,
          "kind": "rateLimit",
        },
        {
          "kind": "serverError",
          "status": 502,
        },
        {
          "kind": "hang",
        },
        {
          "kind": "staleFeed",
          "products": [
            "BTC-USD",
          ],
        },
        {
          "kind": "clockSkew",
          "ms": -5,
        },
        null,
      ]
    `)
  })
})

describe('WebSocket behaviour and faults', () => {
  it('closes a connection that does not subscribe within 5 s of sim time', async () => {
    const s = await openWs(sim.wsUrl)
    sim.control.advance(4_000)
    await new Promise((r) => setTimeout(r, 20))
    expect(s.ws.readyState).toBe(s.ws.OPEN)
    sim.control.advance(1_000)
    expect(await s.closed).toBe(1008)
  })

  it('sends heartbeats every sim second with an integer counter, one sequence across channels', async () => {
    const s = await openWs(sim.wsUrl)
    s.send({ type: 'subscribe', channel: 'heartbeats' })
    s.send({ type: 'subscribe', channel: 'market_trades', product_ids: ['BTC-USD'] })
    await s.waitFor(
      (f) =>
        f.channel === 'subscriptions' &&
        'market_trades' in ((f.events as { subscriptions: object }[])[0]?.subscriptions ?? {}),
    )
    sim.control.advance(3_000)
    const hb = await s.waitFor(
      (f) =>
        f.channel === 'heartbeats' &&
        (f.events as { heartbeat_counter: number }[])[0]?.heartbeat_counter === 3,
    )
    expect(hb.channel).toBe('heartbeats')
    const counters = (s.frames as { channel: string; events: { heartbeat_counter: number }[] }[])
      .filter((f) => f.channel === 'heartbeats')
      .map((f) => f.events[0]?.heartbeat_counter)
    expect(counters).toEqual([1, 2, 3])
    expect((s.frames as { sequence_num: number }[]).map((f) => f.sequence_num)).toEqual(
      s.frames.map((_, i) => i),
    )
    s.close()
  })

  it('level2 updates carry absolute quantities and "0" deletes; replaying them rebuilds the book', async () => {
    const s = await openWs(sim.wsUrl)
    s.send({ type: 'subscribe', channel: 'level2', product_ids: ['BTC-USD'] })
    await s.waitFor((f) => f.channel === 'subscriptions')
    sim.control.advance(3_000)
    await s.waitFor((f) => f.channel === 'l2_data' && (f.events as { type: string }[])[0]?.type === 'update')
    await new Promise((r) => setTimeout(r, 30))
    const book = { bid: new Map<string, string>(), offer: new Map<string, string>() }
    let sawDelete = false
    for (const f of s.frames as {
      channel: string
      events: { updates: { side: 'bid' | 'offer'; price_level: string; new_quantity: string }[] }[]
    }[]) {
      if (f.channel !== 'l2_data') continue
      for (const u of f.events[0]?.updates ?? []) {
        if (u.new_quantity === '0') {
          sawDelete = true
          book[u.side].delete(u.price_level)
        } else book[u.side].set(u.price_level, u.new_quantity)
      }
    }
    expect(sawDelete).toBe(true)
    const truth = sim.control.book('BTC-USD')
    expect(new Map(truth.bids)).toEqual(book.bid)
    expect(new Map(truth.asks)).toEqual(book.offer)
    s.close()
  })

  it('user channel sends cumulative order updates after the snapshot', async () => {
    const s = await openWs(sim.wsUserUrl)
    const { mintJwt } = await import('./helpers.js')
    s.send({ type: 'subscribe', channel: 'user', jwt: await mintJwt(sim.credentials[0]!, sim.control.now()) })
    await s.waitFor((f) => f.channel === 'subscriptions')
    const r = await call(sim, 'POST', '/orders', {
      client_order_id: 'u1',
      product_id: 'BTC-USD',
      side: 'BUY',
      order_configuration: { market_market_ioc: { base_size: '0.001' } },
    })
    const id = (r.json as { order_id: string }).order_id
    const upd = await s.waitFor(
      (f) => f.channel === 'user' && (f.events as { type: string }[])[0]?.type === 'update',
    )
    const order = (
      upd.events as {
        orders: { order_id: string; status: string; cumulative_quantity: string; leaves_quantity: string }[]
      }[]
    )[0]?.orders[0]
    expect(order).toMatchObject({
      order_id: id,
      status: 'FILLED',
      cumulative_quantity: '0.001',
      leaves_quantity: '0',
    })
    s.close()
  })

  it('wsSkipSequence, wsDuplicate and wsMalformed alter the next frames; wsDisconnect closes with 1001', async () => {
    const s = await openWs(sim.wsUrl)
    s.send({ type: 'subscribe', channel: 'heartbeats' })
    await s.waitFor((f) => f.channel === 'subscriptions')
    sim.control.injectFault({ kind: 'wsSkipSequence', count: 1 })
    sim.control.advance(1_000)
    sim.control.injectFault({ kind: 'wsDuplicate', count: 1 })
    sim.control.advance(1_000)
    sim.control.injectFault({ kind: 'wsMalformed', count: 1 })
    sim.control.advance(1_000)
    await new Promise((r) => setTimeout(r, 30))
    expect(s.frames.map((f) => (f as { sequence_num?: number } | undefined)?.sequence_num)).toEqual([
      0,
      2,
      3,
      3,
      undefined,
    ])
    sim.control.injectFault({ kind: 'wsDisconnect' })
    expect(await s.closed).toBe(1001)
  })

  it('staleFeed stops market updates while heartbeats continue', async () => {
    const s = await openWs(sim.wsUrl)
    s.send({ type: 'subscribe', channel: 'heartbeats' })
    s.send({ type: 'subscribe', channel: 'level2', product_ids: ['BTC-USD'] })
    await s.waitFor(
      (f) =>
        f.channel === 'subscriptions' &&
        'level2' in ((f.events as { subscriptions: object }[])[0]?.subscriptions ?? {}),
    )
    const before = s.frames.length
    sim.control.injectFault({ kind: 'staleFeed' })
    const bookBefore = sim.control.book('BTC-USD')
    sim.control.advance(3_000)
    await s.waitFor(
      (f) =>
        f.channel === 'heartbeats' &&
        (f.events as { heartbeat_counter: number }[])[0]?.heartbeat_counter === 3,
    )
    const after = (s.frames.slice(before) as { channel: string }[]).map((f) => f.channel)
    expect(after).toEqual(['heartbeats', 'heartbeats', 'heartbeats'])
    expect(sim.control.book('BTC-USD')).toEqual(bookBefore)
    s.close()
  })
})

describe('WebSocket subscription management', () => {
  it('unsubscribe removes products and answers with the remaining subscriptions; ticker_batch every 5 s', async () => {
    const s = await openWs(sim.wsUrl)
    s.send({ type: 'subscribe', channel: 'ticker_batch', product_ids: ['BTC-USD', 'ETH-USD'] })
    await s.waitFor((f) => f.channel === 'subscriptions')
    sim.control.advance(10_000)
    await s.waitFor(
      (f) => f.channel === 'ticker_batch' && (f.events as { type: string }[])[0]?.type === 'update',
    )
    const updates = (s.frames as { channel: string; events: { type: string }[] }[]).filter(
      (f) => f.channel === 'ticker_batch' && f.events[0]?.type === 'update',
    )
    expect(updates).toHaveLength(2)
    const from = s.frames.length
    s.send({ type: 'unsubscribe', channel: 'ticker_batch', product_ids: ['ETH-USD'] })
    const ack = await s.waitFor((f) => f.channel === 'subscriptions', from)
    expect((ack.events as { subscriptions: unknown }[])[0]?.subscriptions).toEqual({
      ticker_batch: ['BTC-USD'],
    })
    s.send({ type: 'unsubscribe', channel: 'ticker_batch' })
    const ack2 = await s.waitFor((f) => f.channel === 'subscriptions', from + 1)
    expect((ack2.events as { subscriptions: unknown }[])[0]?.subscriptions).toEqual({})
    s.close()
  })
})

describe('user channel snapshot batching', () => {
  it('sends open orders in snapshot batches of 50 before the ack', async () => {
    for (let i = 0; i < 60; i++)
      await call(sim, 'POST', '/orders', {
        client_order_id: `b${i}`,
        product_id: 'ETH-USD',
        side: 'BUY',
        order_configuration: { limit_limit_gtc: { base_size: '0.01', limit_price: `${1000 + i}.00` } },
      })
    const s = await openWs(sim.wsUserUrl)
    const { mintJwt: mint } = await import('./helpers.js')
    s.send({
      type: 'subscribe',
      channel: 'user',
      product_ids: ['ETH-USD'],
      jwt: await mint(sim.credentials[0] as SimCredential, sim.control.now()),
    })
    await s.waitFor((f) => f.channel === 'subscriptions')
    const channels = (s.frames as { channel: string; events: { orders?: unknown[] }[] }[]).map(
      (f) => `${f.channel}:${f.events[0]?.orders?.length ?? '-'}`,
    )
    expect(channels).toEqual(['user:50', 'user:10', 'subscriptions:-'])
    s.close()
  })
})
