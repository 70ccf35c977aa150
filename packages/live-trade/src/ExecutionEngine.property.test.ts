import { Decimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { manualClock, spec } from '../test/helpers.js'
import { ExecutionEngine } from './ExecutionEngine.js'
import { InMemoryStore } from './InMemoryStore.js'
import { PositionTracker } from './PositionTracker.js'
import { PaperBroker } from './paper/PaperBroker.js'

type Op =
  | { kind: 'limit'; side: 'BUY' | 'SELL'; size: number; ticks: number }
  | { kind: 'market'; side: 'BUY' | 'SELL'; size: number }
  | { kind: 'cancel'; index: number }
  | { kind: 'book'; mid: number }
  | { kind: 'trade'; ticks: number; size: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('limit' as const),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    size: fc.integer({ min: 1, max: 3000 }),
    ticks: fc.integer({ min: -300, max: 300 }),
  }),
  fc.record({
    kind: fc.constant('market' as const),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    size: fc.integer({ min: 1, max: 2000 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(20) }),
  fc.record({ kind: fc.constant('book' as const), mid: fc.integer({ min: 9000, max: 11000 }) }),
  fc.record({
    kind: fc.constant('trade' as const),
    ticks: fc.integer({ min: -300, max: 300 }),
    size: fc.integer({ min: 1, max: 3000 }),
  }),
)

it('property: random orders, fills and cancels — equity is cash + marked positions exactly, and a restart rebuilds the same state', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
      const clock = manualClock()
      const broker = new PaperBroker({
        products: [spec('BTC-USD')],
        balances: { USD: '1000000', BTC: '100' },
        clock,
      })
      const book = (mid: number) =>
        broker.setBook('BTC-USD', {
          bids: [
            [(mid - 1).toFixed(2), '1.5'],
            [(mid - 5).toFixed(2), '2'],
          ],
          asks: [
            [(mid + 1).toFixed(2), '1.5'],
            [(mid + 5).toFixed(2), '2'],
          ],
        })
      book(10_000)
      const store = new InMemoryStore()
      const engine = new ExecutionEngine({
        broker,
        store,
        startingCash: '1000000',
        clock,
        sleep: async () => undefined,
      })
      await engine.start()
      let n = 0
      const price = (ticks: number) => new Decimal(10_000).plus(new Decimal(ticks).div(100))
      for (const o of ops) {
        clock.advance(1000)
        if (o.kind === 'limit') {
          await engine.place({
            symbol: 'BTC-USD',
            side: o.side,
            type: 'LIMIT',
            size: new Decimal(o.size).div(1000),
            price: price(o.ticks),
            decisionId: `d${n++}`,
          })
        } else if (o.kind === 'market') {
          await engine.place({
            symbol: 'BTC-USD',
            side: o.side,
            type: 'MARKET',
            size: new Decimal(o.size).div(1000),
            decisionId: `d${n++}`,
          })
        } else if (o.kind === 'cancel') {
          const open = engine.openOrders()
          const target = open[o.index % Math.max(1, open.length)]
          if (target) await engine.cancel(target.clientOrderId)
        } else if (o.kind === 'book') {
          book(o.mid)
        } else {
          broker.trade('BTC-USD', price(o.ticks), new Decimal(o.size).div(1000))
        }
        await engine.idle()
      }
      const s = engine.positions.snapshot()
      let marked = s.cash
      for (const p of s.positions) marked = marked.plus(p.quantity.times(p.mark))
      expect(s.equity.eq(marked)).toBe(true)
      expect(s.equity.eq(engine.positions.startingCash.plus(s.realizedPnlNet).plus(s.unrealizedPnl))).toBe(
        true,
      )

      // Every order's filled size equals the sum of its fills, and never exceeds its size.
      for (const order of engine.orders()) {
        const sum = engine
          .fills({ clientOrderId: order.clientOrderId })
          .reduce((a, f) => a.plus(f.size), new Decimal(0))
        expect(sum.eq(order.filledSize)).toBe(true)
        expect(order.filledSize.lte(order.size)).toBe(true)
        const venue = await broker.getOrderByClientId(order.clientOrderId)
        if (venue) expect(venue.filledSize.eq(order.filledSize)).toBe(true)
      }
      // The paper venue's balances agree with the positions built from the fills.
      const balances = new Map(
        (await broker.getBalances()).map((b) => [b.currency, b.available.plus(b.hold)]),
      )
      expect(balances.get('USD')?.eq(s.cash)).toBe(true)
      expect(balances.get('BTC')?.eq(engine.positions.position('BTC-USD').quantity.plus(100))).toBe(true)

      // Restart: a new engine over the same store rebuilds the same positions and open orders.
      await engine.stop()
      const restarted = new ExecutionEngine({ broker, store, startingCash: '1000000', clock })
      await restarted.start()
      const rebuilt = PositionTracker.fromEvents(store.read(), { startingCash: '1000000' })
      for (const p of s.positions) {
        restarted.positions.mark(p.symbol, p.mark)
        rebuilt.mark(p.symbol, p.mark)
      }
      expect(restarted.positions.snapshot()).toEqual(s)
      expect(rebuilt.snapshot()).toEqual(s)
      expect(restarted.openOrders()).toEqual(engine.openOrders())
      // Every order too: the amounts the engine handed its projection equal the stored strings parsed.
      expect(restarted.orders()).toEqual(engine.orders())
      await restarted.stop()
    }),
    { numRuns: 100 },
  )
})
