import { Decimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { manualClock, spec } from '../test/helpers.js'
import type { FillFilter, OrderFilter } from './EventProjection.js'
import { ExecutionEngine } from './ExecutionEngine.js'
import { InMemoryStore } from './InMemoryStore.js'
import { PaperBroker } from './paper/PaperBroker.js'
import type { Store } from './Store.js'
import type { TradeEventInput } from './TradeEvent.js'

/** The same log behind promises: every call answers a microtask later, as a networked store would. */
class AsyncStore implements Store {
  readonly inner = new InMemoryStore()
  append = (event: TradeEventInput) => Promise.resolve().then(() => this.inner.append(event))
  read = async (afterSeq?: number) => this.inner.read(afterSeq)
  getOrder = async (id: string) => this.inner.getOrder(id)
  listOrders = async (filter?: OrderFilter) => this.inner.listOrders(filter)
  listFills = async (filter?: FillFilter) => this.inner.listFills(filter)
  hasFill = async (tradeId: string) => this.inner.hasFill(tradeId)
}

type Op =
  | { kind: 'order'; type: 'LIMIT' | 'MARKET'; side: 'BUY' | 'SELL'; size: number; ticks: number }
  | { kind: 'cancel'; index: number }
  | { kind: 'trade'; ticks: number; size: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    type: fc.constantFrom('LIMIT' as const, 'MARKET' as const),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    size: fc.integer({ min: 1, max: 3000 }),
    ticks: fc.integer({ min: -300, max: 300 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(20) }),
  fc.record({
    kind: fc.constant('trade' as const),
    ticks: fc.integer({ min: -300, max: 300 }),
    size: fc.integer({ min: 1, max: 3000 }),
  }),
)

async function run(ops: readonly Op[], store: Store) {
  const clock = manualClock()
  const broker = new PaperBroker({
    products: [spec('BTC-USD')],
    balances: { USD: '1000000', BTC: '100' },
    clock,
  })
  broker.setBook('BTC-USD', {
    bids: [
      ['9999.00', '1.5'],
      ['9995.00', '2'],
    ],
    asks: [
      ['10001.00', '1.5'],
      ['10005.00', '2'],
    ],
  })
  const engine = new ExecutionEngine({ broker, store, startingCash: '1000000', clock, sleep: async () => {} })
  const emitted: string[] = []
  engine.on('order', (o) => emitted.push(`order ${o.clientOrderId} ${o.status}`))
  engine.on('fill', (f) => emitted.push(`fill ${f.tradeId}`))
  await engine.start()
  const price = (ticks: number) => new Decimal(10_000).plus(new Decimal(ticks).div(100))
  let n = 0
  for (const o of ops) {
    clock.advance(1000)
    if (o.kind === 'order') {
      await engine.place({
        symbol: 'BTC-USD',
        side: o.side,
        type: o.type,
        size: new Decimal(o.size).div(1000),
        price: o.type === 'LIMIT' ? price(o.ticks) : undefined,
        decisionId: `d${n++}`,
      })
    } else if (o.kind === 'cancel') {
      const open = engine.openOrders()
      const target = open[o.index % Math.max(1, open.length)]
      if (target) await engine.cancel(target.clientOrderId)
    } else {
      broker.trade('BTC-USD', price(o.ticks), new Decimal(o.size).div(1000))
    }
    await engine.idle()
  }
  await engine.stop()
  return { engine, emitted }
}

it('property: a synchronous store (no awaits on its answers) gives the same log, orders, fills, positions and events as an async one', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
      const syncStore = new InMemoryStore()
      const asyncStore = new AsyncStore()
      const sync = await run(ops, syncStore)
      const slow = await run(ops, asyncStore)
      expect(syncStore.read()).toEqual(asyncStore.inner.read())
      expect(sync.engine.orders()).toEqual(slow.engine.orders())
      expect(sync.engine.fills()).toEqual(slow.engine.fills())
      expect(sync.engine.positions.snapshot()).toEqual(slow.engine.positions.snapshot())
      expect(sync.emitted).toEqual(slow.emitted)
    }),
    { numRuns: 60 },
  )
})

it('a fixed session trades the same through both stores (a market fill, a resting limit filled by a trade, a cancel)', async () => {
  const ops: Op[] = [
    { kind: 'order', type: 'MARKET', side: 'BUY', size: 500, ticks: 0 },
    { kind: 'order', type: 'LIMIT', side: 'SELL', size: 700, ticks: 150 },
    { kind: 'trade', ticks: 200, size: 300 },
    { kind: 'order', type: 'LIMIT', side: 'BUY', size: 100, ticks: -250 },
    { kind: 'cancel', index: 1 },
  ]
  const syncStore = new InMemoryStore()
  const asyncStore = new AsyncStore()
  const sync = await run(ops, syncStore)
  const slow = await run(ops, asyncStore)
  expect(sync.engine.fills().length).toBeGreaterThanOrEqual(2)
  expect(sync.engine.orders().map((o) => o.status)).toEqual(['FILLED', 'PARTIALLY_FILLED', 'CANCELLED'])
  expect(syncStore.read()).toEqual(asyncStore.inner.read())
  expect(sync.engine.orders()).toEqual(slow.engine.orders())
  expect(sync.emitted).toEqual(slow.emitted)
})
