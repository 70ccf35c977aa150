import { createCoinbaseClient, createCoinbaseWebSocket } from '@gpt-trader/coinbase-client'
import { type CoinbaseSim, startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { Decimal } from '@gpt-trader/validation'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExecutionEngine } from '../ExecutionEngine.js'
import { isBrokerError } from '../errors.js'
import { InMemoryStore } from '../InMemoryStore.js'
import { Reconciler } from '../Reconciler.js'
import { CoinbaseBroker } from './CoinbaseBroker.js'

let sim: CoinbaseSim
let engines = 0
const d = (s: string) => new Decimal(s)

function client(timeoutMs = 5_000) {
  return createCoinbaseClient({
    baseUrl: sim.restUrl,
    credentials: sim.credentials[0]!,
    // The sim checks JWT times against its own manual clock.
    clock: { now: () => sim.control.now() },
    sleep: async () => undefined,
    timeoutMs,
  })
}

async function engineFor(
  broker: CoinbaseBroker,
  extra: Partial<ConstructorParameters<typeof ExecutionEngine>[0]> = {},
) {
  // One prefix per engine: the tests share one exchange, and a reconciliation adopts whatever
  // carries its own prefix.
  const engine = new ExecutionEngine({
    broker,
    store: new InMemoryStore(),
    clientIdPrefix: `t${++engines}-`,
    startingCash: '100000',
    clock: { now: () => sim.control.now() },
    sleep: async () => undefined,
    ...extra,
  })
  await engine.start()
  return engine
}

function bestBid(): Decimal {
  return d(sim.control.book('BTC-USD').bids[0]![0])
}

beforeAll(async () => {
  sim = await startCoinbaseSim()
  sim.control.advance(60_000)
})
afterAll(async () => {
  await sim.close()
})

describe('CoinbaseBroker against @gpt-trader/coinbase-sim', () => {
  it('reads products and balances as Decimals', async () => {
    const broker = new CoinbaseBroker({ client: client() })
    const spec = await broker.getProduct('BTC-USD')
    expect(spec.base_increment.toFixed()).toBe('0.00000001')
    expect(spec.price_increment.toFixed()).toBe('0.01')
    const usd = (await broker.getBalances()).find((b) => b.currency === 'USD')
    expect(usd?.available.gt(0)).toBe(true)
  })

  it('places a market order that fills, with the real trade ids counted once', async () => {
    const engine = await engineFor(new CoinbaseBroker({ client: client() }))
    const order = await engine.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      size: d('0.001'),
      decisionId: 'cb-market',
    })
    expect(order.status).toBe('FILLED')
    expect(order.filledSize.toFixed()).toBe('0.001')
    const fills = engine.fills({ clientOrderId: order.clientOrderId })
    expect(fills.length).toBeGreaterThan(0)
    expect(new Set(fills.map((f) => f.tradeId)).size).toBe(fills.length)
    expect(engine.positions.position('BTC-USD').quantity.toFixed()).toBe('0.001')
    // Asking again for the same order's fills changes nothing.
    const page = await engine.broker.getFillsSince(undefined, { exchangeOrderId: order.exchangeOrderId! })
    for (const fill of page.fills) expect(await engine.applyFill(fill)).toBe(false)
  })

  it('places, edits in place and cancels a resting GTC limit', async () => {
    const engine = await engineFor(new CoinbaseBroker({ client: client() }))
    const far = bestBid().times('0.9').toDecimalPlaces(2)
    const placed = await engine.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'LIMIT',
      size: d('0.002'),
      price: far,
      decisionId: 'cb-limit',
    })
    expect(placed.status).toBe('OPEN')
    const edited = await engine.edit(placed.clientOrderId, { price: far.minus(1) })
    expect(edited.price?.toFixed()).toBe(far.minus(1).toFixed())
    const atVenue = sim.control
      .orders()
      .find((o) => (o as { client_order_id?: string } | null)?.client_order_id === placed.clientOrderId) as {
      order_configuration: { limit_limit_gtc: { limit_price: string } }
    }
    expect(atVenue.order_configuration.limit_limit_gtc.limit_price).toBe(far.minus(1).toFixed(2))
    const cancelled = await engine.cancel(placed.clientOrderId)
    expect(cancelled.status).toBe('CANCELLED')
    expect(await engine.broker.getOpenOrders('BTC-USD')).toEqual([])
  })

  it('partial fill then cancel ends CANCELLED with the filled part kept', async () => {
    const engine = await engineFor(new CoinbaseBroker({ client: client() }))
    const book = sim.control.book('BTC-USD')
    const [askPrice, askSize] = book.asks[0]!
    // Buy more than the best ask holds, limited to it: part fills now, the rest rests.
    const size = d(askSize).plus('0.005')
    const placed = await engine.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'LIMIT',
      size,
      price: d(askPrice),
      decisionId: 'cb-partial',
    })
    expect(placed.status).toBe('PARTIALLY_FILLED')
    expect(placed.filledSize.toFixed()).toBe(d(askSize).toFixed())
    const cancelled = await engine.cancel(placed.clientOrderId)
    expect([cancelled.status, cancelled.filledSize.toFixed()]).toEqual(['CANCELLED', d(askSize).toFixed()])
  })

  it('a create whose answer is dropped becomes UNKNOWN, is resolved by lookup, and exists once at the venue', async () => {
    const broker = new CoinbaseBroker({ client: client(3_000) })
    const engine = await engineFor(broker, { submitTimeoutMs: 150 })
    const remove = sim.control.injectFault({
      kind: 'dropResponse',
      count: 1,
      match: { method: 'POST', path: '/api/v3/brokerage/orders' },
    })
    const price = bestBid().times('0.8').toDecimalPlaces(2)
    const order = await engine.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'LIMIT',
      size: d('0.001'),
      price,
      decisionId: 'cb-dropped',
    })
    remove()
    expect(engine.orders()).toHaveLength(1)
    expect(order.status).toBe('OPEN')
    expect(order.exchangeOrderId).toBeDefined()
    const atVenue = sim.control
      .orders()
      .filter((o) => (o as { client_order_id?: string } | null)?.client_order_id === order.clientOrderId)
    expect(atVenue).toHaveLength(1)
    // The journey went through UNKNOWN.
    const events = (engine.store as InMemoryStore).read()
    expect(events.flatMap((e) => (e.type === 'order.state' ? [e.to] : []))).toEqual([
      'PENDING',
      'UNKNOWN',
      'OPEN',
    ])
    await engine.cancel(order.clientOrderId)
  })

  it('a create the exchange never processed stays UNKNOWN, is not resent, and reconciliation marks it FAILED', async () => {
    const broker = new CoinbaseBroker({ client: client(300) })
    const engine = await engineFor(broker, { submitTimeoutMs: 100 })
    const remove = sim.control.injectFault({
      kind: 'hang',
      count: 1,
      match: { method: 'POST', path: '/api/v3/brokerage/orders' },
    })
    const order = await engine.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'LIMIT',
      size: d('0.001'),
      price: bestBid().times('0.8').toDecimalPlaces(2),
      decisionId: 'cb-hung',
    })
    remove()
    expect(order.status).toBe('UNKNOWN')
    const atVenue = () =>
      sim.control
        .orders()
        .filter((o) => (o as { client_order_id?: string } | null)?.client_order_id === order.clientOrderId)
    expect(atVenue()).toHaveLength(0)
    const report = await new Reconciler({ engine }).reconcile()
    expect(report.diffs.filter((x) => x.clientOrderId === order.clientOrderId).map((x) => x.kind)).toEqual([
      'MISSING_AT_EXCHANGE',
    ])
    expect(engine.order(order.clientOrderId)?.status).toBe('FAILED')
    expect(atVenue()).toHaveLength(0)
  })

  it('maps venue refusals to rejected with the failure reason', async () => {
    const broker = new CoinbaseBroker({ client: client() })
    const error = await broker
      .placeOrder({
        clientOrderId: 'gt-too-big',
        symbol: 'BTC-USD',
        side: 'BUY',
        type: 'LIMIT',
        size: d('10'),
        price: bestBid().times('0.5').toDecimalPlaces(2),
        timeInForce: 'GTC',
        postOnly: false,
      })
      .catch((e: unknown) => e)
    expect(isBrokerError(error) && [error.kind, error.code]).toEqual(['rejected', 'BROKER_REJECTED'])
    expect((error as { reason?: string }).reason).toMatch(/INSUFFICIENT_FUND/)
    const engine = await engineFor(broker)
    const rejected = await engine.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'LIMIT',
      size: d('10'),
      price: bestBid().times('0.5').toDecimalPlaces(2),
      decisionId: 'big',
    })
    expect(rejected.status).toBe('REJECTED')
  })

  it('a create refused with 429 is REJECTED (RATE_LIMITED) at once: never unknown, never at the venue', async () => {
    const broker = new CoinbaseBroker({ client: client() })
    const engine = await engineFor(broker)
    const remove = sim.control.injectFault({
      kind: 'rateLimit',
      count: 1,
      match: { method: 'POST', path: '/api/v3/brokerage/orders' },
    })
    const order = await engine.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      size: d('0.001'),
      decisionId: 'throttled',
    })
    remove()
    expect([order.status, order.statusReason]).toEqual(['REJECTED', 'RATE_LIMITED'])
    expect(JSON.stringify(sim.control.orders())).not.toContain(order.clientOrderId)
  })

  it('reconciliation adopts an order placed outside the engine with our prefix', async () => {
    const c = client()
    const broker = new CoinbaseBroker({ client: c })
    const engine = await engineFor(broker)
    const price = bestBid().times('0.85').toDecimalPlaces(2)
    await c.createOrder({
      client_order_id: `${engine.clientIdPrefix}placed-by-a-previous-run`,
      product_id: 'BTC-USD',
      side: 'BUY',
      order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: price.toFixed(2) } },
    })
    const report = await new Reconciler({ engine }).reconcile()
    expect(report.ok).toBe(true)
    expect(report.diffs.filter((x) => x.kind === 'ADOPTED_ORDER').map((x) => x.clientOrderId)).toEqual([
      `${engine.clientIdPrefix}placed-by-a-previous-run`,
    ])
    expect(engine.order(`${engine.clientIdPrefix}placed-by-a-previous-run`)?.status).toBe('OPEN')
    await engine.cancel(`${engine.clientIdPrefix}placed-by-a-previous-run`)
  })

  it('never lets a credential into an error, a stored event or a reason', async () => {
    const credential = sim.credentials[0]!
    // A key the sim does not know: every private call is refused with 401.
    const stranger = createCoinbaseClient({
      baseUrl: sim.restUrl,
      credentials: {
        ...credential,
        apiKeyName: 'organizations/00000000-0000-0000-0000-000000000000/apiKeys/unknown',
      },
      clock: { now: () => sim.control.now() },
      sleep: async () => undefined,
      timeoutMs: 2_000,
    })
    const broker = new CoinbaseBroker({ client: stranger })
    const error = await broker.getBalances().catch((e: unknown) => e)
    expect(isBrokerError(error)).toBe(true)
    const engine = await engineFor(broker)
    const order = await engine.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      size: d('0.001'),
      decisionId: 'secret',
    })
    const secretBody = credential.privateKey
      .replace(/-----[A-Z ]+-----/g, '')
      .replace(/\s+/g, '')
      .slice(0, 40)
    const seen = [
      (error as Error).message,
      (error as { details?: string }).details ?? '',
      String((error as Error).stack),
      JSON.stringify((engine.store as InMemoryStore).read()),
      order.statusReason ?? '',
    ].join('\n')
    expect(seen).not.toContain(secretBody)
    expect(seen).not.toContain('PRIVATE KEY')
    expect(order.status).toBe('REJECTED')
  })

  it('reconciliation adopts one of our orders that filled while the store did not know it, and counts its fills', async () => {
    const c = client()
    const engine = await engineFor(new CoinbaseBroker({ client: c }))
    const cursorBefore = (await engine.broker.getFillsSince()).cursor
    // The exchange's clock does not move: the new fill has the same time as the earlier ones, and the
    // cursor must still leave those out.
    await c.createOrder({
      client_order_id: `${engine.clientIdPrefix}filled-while-down`,
      product_id: 'BTC-USD',
      side: 'BUY',
      order_configuration: { market_market_ioc: { base_size: '0.001' } },
    })
    // Start from the cursor of an earlier run, so only the new fills are read.
    await engine.record({
      type: 'reconciliation.completed',
      at: sim.control.now(),
      ok: true,
      diffs: 0,
      fillsCursor: cursorBefore,
    })
    const report = await new Reconciler({ engine }).reconcile()
    expect(report.ok).toBe(true)
    expect(report.diffs.map((x) => [x.kind, x.clientOrderId])).toContainEqual([
      'ADOPTED_ORDER',
      `${engine.clientIdPrefix}filled-while-down`,
    ])
    expect(report.diffs.filter((x) => x.kind === 'FOREIGN_FILL')).toEqual([])
    const adopted = engine.order(`${engine.clientIdPrefix}filled-while-down`)!
    expect([adopted.status, adopted.filledSize.toFixed(), adopted.source]).toEqual([
      'FILLED',
      '0.001',
      'adopted',
    ])
    expect(engine.positions.position('BTC-USD').quantity.toFixed()).toBe('0.001')
  })

  it('restarts from the stored events with the same positions and open orders, and reconciles clean', async () => {
    const broker = new CoinbaseBroker({ client: client() })
    const store = new InMemoryStore()
    const first = await engineFor(broker, { store })
    await first.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      size: d('0.002'),
      decisionId: 'cb-r1',
    })
    const resting = await first.place({
      symbol: 'BTC-USD',
      side: 'SELL',
      type: 'LIMIT',
      size: d('0.001'),
      price: bestBid().times('1.5').toDecimalPlaces(2),
      decisionId: 'cb-r2',
    })
    await first.stop()
    const second = await engineFor(broker, { store })
    expect(second.positions.snapshot()).toEqual(first.positions.snapshot())
    expect(second.openOrders()).toEqual(first.openOrders())
    const report = await new Reconciler({ engine: second }).reconcile()
    expect(report.ok).toBe(true)
    expect(report.diffs.filter((x) => x.clientOrderId?.startsWith(second.clientIdPrefix))).toEqual([])
    await second.cancel(resting.clientOrderId)
  })

  it('follows the user channel: an order cancelled at the venue by someone else ends CANCELLED', async () => {
    const ws = createCoinbaseWebSocket({
      wsUrl: sim.wsUrl,
      wsUserUrl: sim.wsUserUrl,
      credentials: sim.credentials[0]!,
      clock: { now: () => sim.control.now() },
      watchdogMs: 60_000,
    })
    try {
      const c = client()
      const engine = await engineFor(new CoinbaseBroker({ client: c, ws }))
      const acks: Record<string, string[]>[] = []
      ws.on('subscriptions', (s) => acks.push(s))
      await ws.subscribe('user')
      await until(() => acks.some((a) => 'user' in a))
      const placed = await engine.place({
        symbol: 'BTC-USD',
        side: 'BUY',
        type: 'LIMIT',
        size: d('0.001'),
        price: bestBid().times('0.7').toDecimalPlaces(2),
        decisionId: 'cb-ws',
      })
      expect(placed.status).toBe('OPEN')
      await c.cancelOrders({ order_ids: [placed.exchangeOrderId!] })
      await until(() => engine.order(placed.clientOrderId)?.status === 'CANCELLED')
      expect(engine.order(placed.clientOrderId)?.status).toBe('CANCELLED')

      // Duplicated user frames (as after a reconnect replay) never count a fill twice.
      const frames: number[] = []
      ws.on('user', (e) => frames.push(e.orders.length))
      const remove = sim.control.injectFault({ kind: 'wsDuplicate', count: 20 })
      const bought = await engine.place({
        symbol: 'BTC-USD',
        side: 'BUY',
        type: 'MARKET',
        size: d('0.002'),
        decisionId: 'cb-ws-dup',
      })
      await until(() => frames.length >= 1)
      await engine.idle()
      remove()
      expect(engine.order(bought.clientOrderId)?.filledSize.toFixed()).toBe('0.002')
      const fills = engine.fills({ clientOrderId: bought.clientOrderId })
      expect(fills.reduce((sum, f) => sum.plus(f.size), d('0')).toFixed()).toBe('0.002')
      expect(engine.positions.position('BTC-USD').quantity.toFixed()).toBe('0.002')
    } finally {
      ws.close()
    }
  })
})

/** Waits (a few ms at a time, for I/O) until the predicate holds. */
async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (predicate()) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('condition not reached within 2 s')
}
