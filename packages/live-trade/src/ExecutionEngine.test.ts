import { Decimal } from '@gpt-trader/validation'
import { describe, expect, it } from 'vitest'
import { faultyBroker, manualClock, spec } from '../test/helpers.js'
import type { Broker, BrokerFill } from './Broker.js'
import { ExecutionEngine } from './ExecutionEngine.js'
import { isLiveTradeError } from './errors.js'
import { InMemoryStore } from './InMemoryStore.js'
import type { OrderIntent } from './OrderIntent.js'
import { PaperBroker } from './paper/PaperBroker.js'
import type { Store } from './Store.js'

const d = (s: string) => new Decimal(s)

function paper() {
  const broker = new PaperBroker({
    products: [spec('BTC-USD')],
    balances: { USD: '100000', BTC: '0' },
    clock: manualClock(),
  })
  broker.setBook('BTC-USD', {
    bids: [
      ['99', '1'],
      ['98', '2'],
    ],
    asks: [
      ['101', '1'],
      ['102', '2'],
    ],
  })
  return broker
}

async function engineFor(
  broker: Broker,
  store = new InMemoryStore(),
  extra: Partial<ConstructorParameters<typeof ExecutionEngine>[0]> = {},
) {
  const engine = new ExecutionEngine({
    broker,
    store,
    startingCash: '100000',
    clock: manualClock(),
    sleep: async () => undefined,
    ...extra,
  })
  await engine.start()
  return engine
}

const market: OrderIntent = {
  symbol: 'BTC-USD',
  side: 'BUY',
  type: 'MARKET',
  size: d('1.5'),
  decisionId: 'd-market',
}
const limit: OrderIntent = {
  symbol: 'BTC-USD',
  side: 'BUY',
  type: 'LIMIT',
  size: d('2'),
  price: d('100'),
  decisionId: 'd-limit',
}

describe('ExecutionEngine with the PaperBroker', () => {
  it('writes the intent and the submission before the request, then fills a market order', async () => {
    const store = new InMemoryStore()
    const inner = paper()
    const seenAtSend: string[] = []
    const broker = faultyBroker(inner, {
      onPlace: () =>
        seenAtSend.push(
          ...store.read().map((e) => (e.type === 'order.state' ? `${e.type}:${e.to}` : e.type)),
        ),
    })
    const engine = await engineFor(broker, store)
    const placed = await engine.place(market)
    await engine.idle()
    expect(seenAtSend).toEqual(['order.intent', 'order.submitted', 'order.state:PENDING'])
    expect(placed.clientOrderId).toBe(engine.clientOrderIdFor('d-market'))
    expect(placed.clientOrderId).toMatch(/^gt-[0-9a-f]{16}$/)
    const order = engine.order(placed.clientOrderId)!
    expect(order.status).toBe('FILLED')
    expect(order.filledSize.toFixed()).toBe('1.5')
    expect(engine.fills().map((f) => f.tradeId)).toEqual(['paper-trade-1', 'paper-trade-2'])
    const position = engine.positions.position('BTC-USD')
    expect(position.quantity.toFixed()).toBe('1.5')
    expect(engine.positions.cash.toFixed()).toBe('99847.088')
  })

  it('places the same decision only once', async () => {
    const broker = faultyBroker(paper(), {})
    const engine = await engineFor(broker)
    const a = await engine.place(market)
    const b = await engine.place(market)
    expect(b.clientOrderId).toBe(a.clientOrderId)
    expect(broker.placed).toBe(1)
    expect(engine.orders()).toHaveLength(1)
  })

  it('partial fill then cancel ends CANCELLED with the filled part kept', async () => {
    const broker = paper()
    const store = new InMemoryStore()
    const engine = await engineFor(broker, store)
    const placed = await engine.place(limit)
    expect(placed.status).toBe('OPEN')
    broker.setLevel('BTC-USD', 'SELL', '99.5', '0.5')
    await engine.idle()
    expect(engine.order(placed.clientOrderId)?.status).toBe('PARTIALLY_FILLED')
    const cancelled = await engine.cancel(placed.clientOrderId)
    expect(cancelled.status).toBe('CANCELLED')
    expect(cancelled.filledSize.toFixed()).toBe('0.5')
    expect(engine.positions.position('BTC-USD').quantity.toFixed()).toBe('0.5')
    const states = store.read()
    expect(states.flatMap((e) => (e.type === 'order.state' ? [e.to] : []))).toEqual([
      'PENDING',
      'OPEN',
      'PARTIALLY_FILLED',
      'CANCEL_PENDING',
      'CANCELLED',
    ])
    expect(states.flatMap((e) => (e.type === 'order.cancel' ? [e.phase] : []))).toEqual([
      'requested',
      'confirmed',
    ])
  })

  it('edits a GTC limit in place', async () => {
    const broker = paper()
    const engine = await engineFor(broker)
    const placed = await engine.place(limit)
    const edited = await engine.edit(placed.clientOrderId, { price: d('99.5'), size: d('1') })
    expect([edited.clientOrderId, edited.price?.toFixed(), edited.size.toFixed(), edited.status]).toEqual([
      placed.clientOrderId,
      '99.5',
      '1',
      'OPEN',
    ])
    expect((await broker.getOrderByClientId(placed.clientOrderId))?.price?.toFixed()).toBe('99.5')
  })

  it('edits by cancel-and-replace when the broker cannot edit, keeping what filled', async () => {
    const inner = paper()
    const broker = faultyBroker(inner, {}, false)
    const engine = await engineFor(broker)
    const placed = await engine.place(limit)
    inner.setLevel('BTC-USD', 'SELL', '99.5', '0.5')
    await engine.idle()
    const replacement = await engine.edit(placed.clientOrderId, { price: d('99.8') })
    await engine.idle()
    expect(replacement.clientOrderId).toBe(`${placed.clientOrderId}-r1`)
    expect(replacement.replaces).toBe(placed.clientOrderId)
    expect(replacement.size.toFixed()).toBe('1.5')
    expect(replacement.price?.toFixed()).toBe('99.8')
    const original = engine.order(placed.clientOrderId)!
    expect([original.status, original.filledSize.toFixed(), original.replacedBy]).toEqual([
      'CANCELLED',
      '0.5',
      replacement.clientOrderId,
    ])
    expect((await inner.getOpenOrders()).map((o) => o.clientOrderId)).toEqual([replacement.clientOrderId])
  })

  it('counts duplicate fill frames once', async () => {
    const broker = paper()
    // Every fill frame arrives twice, as after a WebSocket reconnect replay.
    broker.subscribe({ fill: (f) => void engine.applyFill(f) })
    const engine = await engineFor(broker)
    await engine.place(market)
    await engine.idle()
    const frame: BrokerFill = (await broker.getFillsSince()).fills[0]!
    expect(await engine.applyFill(frame)).toBe(false)
    expect(engine.fills()).toHaveLength(2)
    expect(engine.positions.position('BTC-USD').quantity.toFixed()).toBe('1.5')
  })

  it('a dropped response makes the order UNKNOWN, a lookup resolves it, nothing is resent', async () => {
    const inner = paper()
    const broker = faultyBroker(inner, { drop: 1 })
    const store = new InMemoryStore()
    const engine = await engineFor(broker, store, { submitTimeoutMs: 20 })
    const order = await engine.place(limit)
    expect(order.status).toBe('OPEN')
    expect(order.exchangeOrderId).toBe('paper-1')
    expect(broker.placed).toBe(1)
    expect(await inner.getOpenOrders()).toHaveLength(1)
    const transitions = store.read().flatMap((e) => (e.type === 'order.state' ? [[e.to, e.reason]] : []))
    expect(transitions).toEqual([
      ['PENDING', undefined],
      ['UNKNOWN', 'no answer within 20 ms'],
      ['OPEN', 'resolved by lookup'],
    ])
  })

  it('a network error after processing is resolved by lookup; before processing the order stays UNKNOWN', async () => {
    const inner = paper()
    const broker = faultyBroker(inner, { failAfter: 1, failBefore: 0 })
    const engine = await engineFor(broker)
    const filled = await engine.place(market)
    await engine.idle()
    expect(engine.order(filled.clientOrderId)?.status).toBe('FILLED')
    expect(engine.positions.position('BTC-USD').quantity.toFixed()).toBe('1.5')

    const broker2 = faultyBroker(paper(), { failBefore: 1 })
    const errors: string[] = []
    const engine2 = await engineFor(broker2)
    engine2.on('error', (e) => errors.push(e.message))
    const lost = await engine2.place(market)
    expect(lost.status).toBe('UNKNOWN')
    expect(broker2.placed).toBe(1)
    expect(errors).toEqual([`Order ${lost.clientOrderId} is still unresolved after 3 lookups.`])
  })

  it('marks a venue rejection REJECTED with the reason', async () => {
    const engine = await engineFor(paper())
    const order = await engine.place({ ...market, size: d('0.0001'), decisionId: 'tiny' })
    expect([order.status, order.statusReason]).toEqual(['REJECTED', 'SIZE_BELOW_MIN'])
  })

  it('restarts from the stored events with the same positions and open orders', async () => {
    const broker = paper()
    const store = new InMemoryStore()
    const engine = await engineFor(broker, store)
    await engine.place(market)
    await engine.place(limit)
    await engine.place({ ...limit, side: 'SELL', price: d('120'), size: d('0.5'), decisionId: 'd-sell' })
    broker.setLevel('BTC-USD', 'SELL', '99', '0.25')
    await engine.idle()
    await engine.stop()

    const restarted = await engineFor(broker, store)
    expect(restarted.positions.snapshot()).toEqual(engine.positions.snapshot())
    expect(restarted.openOrders()).toEqual(engine.openOrders())
    expect(restarted.openOrders().map((o) => [o.status, o.filledSize.toFixed()])).toEqual([
      ['PARTIALLY_FILLED', '0.25'],
      ['OPEN', '0'],
    ])
    // And it keeps working: the restarted engine sees new fills.
    broker.setLevel('BTC-USD', 'SELL', '99', '2')
    await restarted.idle()
    expect(restarted.order(restarted.clientOrderIdFor('d-limit'))?.status).toBe('FILLED')
  })

  it('in REDUCE_ONLY accepts only orders that shrink a position; HALTED accepts none', async () => {
    const engine = await engineFor(paper())
    await engine.place(market)
    await engine.idle()
    await engine.setTradingState('REDUCE_ONLY', 'reconciliation failed')
    const error = await engine.place({ ...market, decisionId: 'more' }).catch((e: unknown) => e)
    expect(isLiveTradeError(error) && error.code).toBe('TRADING_STATE_BLOCKED')
    expect((error as Error).message).toMatchInlineSnapshot(
      `"Trading is REDUCE_ONLY (reconciliation failed); a BUY of 1.5 BTC-USD would not reduce the position."`,
    )
    // A resting sell of 1 plus another of 1 would take the 1.5 position through zero.
    const resting = await engine.place({
      ...limit,
      side: 'SELL',
      size: d('1'),
      price: d('150'),
      decisionId: 'rest',
    })
    expect(resting.status).toBe('OPEN')
    await expect(
      engine.place({ ...market, side: 'SELL', size: d('1'), decisionId: 'too-much' }),
    ).rejects.toThrow(/would not reduce/)
    await engine.cancel(resting.clientOrderId)
    const sell = await engine.place({ ...market, side: 'SELL', size: d('1'), decisionId: 'reduce' })
    expect(sell.status).toBe('FILLED')
    await engine.setTradingState('HALTED', 'daily loss')
    await expect(
      engine.place({ ...market, side: 'SELL', size: d('0.1'), decisionId: 'x' }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[LiveTradeError: Trading is HALTED (daily loss); no new orders.]`,
    )
  })

  it('refuses to work before start and to edit what cannot be edited', async () => {
    const engine = new ExecutionEngine({ broker: paper(), store: new InMemoryStore() })
    await expect(engine.place(market)).rejects.toThrowErrorMatchingInlineSnapshot(
      `[LiveTradeError: The execution engine is not started.]`,
    )
    await engine.start()
    const order = await engine.place(market)
    await expect(engine.edit(order.clientOrderId, { price: d('1') })).rejects.toThrowError(/cannot be edited/)
    await expect(engine.cancel('nope')).rejects.toThrowErrorMatchingInlineSnapshot(
      `[LiveTradeError: No order with client order id nope.]`,
    )
  })
})

describe('ExecutionEngine stream handling', () => {
  it('reports an impossible venue update instead of writing it', async () => {
    const broker = paper()
    const store = new InMemoryStore()
    const engine = await engineFor(broker, store)
    const errors: string[] = []
    engine.on('error', (e) => errors.push(e.message))
    const order = await engine.place(market)
    await engine.idle()
    const before = store.size
    // A venue saying CANCELLED for an order we saw fill completely.
    await engine.syncOrder({
      exchangeOrderId: order.exchangeOrderId!,
      clientOrderId: order.clientOrderId,
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      size: d('1.5'),
      status: 'CANCELLED',
      filledSize: d('1.5'),
      fees: d('0'),
      createdAt: 0,
    })
    expect(engine.order(order.clientOrderId)?.status).toBe('FILLED')
    expect(store.size).toBe(before)
    expect(errors).toMatchInlineSnapshot(`
      [
        "Ignored illegal order transition FILLED → CANCELLED for gt-1d75cd62b43956df.",
      ]
    `)
  })

  it('tells about updates for orders it does not know', async () => {
    const broker = paper()
    const engine = await engineFor(broker)
    const unknown: string[] = []
    engine.on('unknownOrder', (u) => unknown.push(u.clientOrderId))
    await broker.placeOrder({
      clientOrderId: 'manual',
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      size: d('0.5'),
      timeInForce: 'IOC',
      postOnly: false,
    })
    await engine.idle()
    expect(unknown).toEqual(['manual', 'manual'])
    expect(engine.fills()).toEqual([])
  })
})

describe('ExecutionEngine with an asynchronous store', () => {
  it('writes the same events, in the same order, as with a synchronous one', async () => {
    // A store whose append resolves later (a server database): the engine takes its promise path.
    const asyncStore = (inner: InMemoryStore): Store => ({
      append: (event) => {
        const stored = inner.append(event)
        return new Promise((resolve) => setImmediate(() => resolve(stored)))
      },
      read: (afterSeq) => inner.read(afterSeq),
      getOrder: (id) => inner.getOrder(id),
      listOrders: (filter) => inner.listOrders(filter),
      listFills: (filter) => inner.listFills(filter),
      hasFill: (tradeId) => inner.hasFill(tradeId),
    })
    const run = async (inner: InMemoryStore, store: Store) => {
      const engine = await engineFor(paper(), undefined, { store })
      const order = await engine.place(market)
      await engine.idle()
      return { status: order.status, events: inner.read().map((e) => `${e.seq} ${e.type}`) }
    }
    const plain = new InMemoryStore()
    const sync = await run(plain, plain)
    const backing = new InMemoryStore()
    const async = await run(backing, asyncStore(backing))
    expect(async).toEqual(sync)
    expect(sync.status).toBe('FILLED')
    expect(sync.events.length).toBeGreaterThan(4)
  })
})
