import { Decimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { manualClock, spec } from '../test/helpers.js'
import { EventProjection } from './EventProjection.js'
import { ExecutionEngine } from './ExecutionEngine.js'
import type { Fill } from './Fill.js'
import { InMemoryStore } from './InMemoryStore.js'
import type { OrderStatus } from './OrderStatus.js'
import { PositionTracker } from './PositionTracker.js'
import { PaperBroker } from './paper/PaperBroker.js'
import { Reconciler } from './Reconciler.js'
import type { TradeEvent, TradeEventInput } from './TradeEvent.js'

/** One order's life, as the generator draws it. */
interface Life {
  symbol: 'BTC-USD' | 'ETH-USD'
  side: 'BUY' | 'SELL'
  fills: { price: number; size: number }[]
  end: 'FILLED' | 'CANCELLED' | 'REJECTED' | 'open'
}

const life: fc.Arbitrary<Life> = fc.record({
  symbol: fc.constantFrom('BTC-USD' as const, 'ETH-USD' as const),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  fills: fc.array(
    fc.record({ price: fc.integer({ min: 1, max: 500 }), size: fc.integer({ min: 1, max: 9 }) }),
    {
      maxLength: 3,
    },
  ),
  end: fc.constantFrom('FILLED' as const, 'CANCELLED' as const, 'REJECTED' as const, 'open' as const),
})

/**
 * The events of many orders, interleaved: each order is created, then its later steps (ack, fills,
 * final state) come one at a time as the next orders are created, starting `lag` orders later, as
 * with a venue that answers late. `lag` −1: each order's whole life before the next one.
 */
function eventsOf(lives: readonly Life[], lag: number): TradeEvent[] {
  const out: TradeEvent[] = []
  const push = (event: TradeEventInput) => out.push({ ...event, seq: out.length + 1 } as TradeEvent)
  const pending: (() => void)[][] = []
  let trade = 0
  lives.forEach((l, i) => {
    const id = `o${i}`
    push({
      type: 'order.intent',
      at: i,
      clientOrderId: id,
      source: 'engine',
      intent: {
        symbol: l.symbol,
        side: l.side,
        type: 'LIMIT',
        size: '100',
        price: '1',
        timeInForce: 'GTC',
        postOnly: false,
        reduceOnly: false,
      },
    })
    push({ type: 'order.submitted', at: i, clientOrderId: id })
    const steps: (() => void)[] = []
    if (l.end === 'REJECTED') {
      steps.push(() => push({ type: 'order.state', at: i, clientOrderId: id, from: 'NEW', to: 'REJECTED' }))
    } else {
      let status: OrderStatus = 'PENDING'
      push({ type: 'order.state', at: i, clientOrderId: id, from: 'NEW', to: 'PENDING' })
      steps.push(() =>
        push({ type: 'order.acknowledged', at: i, clientOrderId: id, exchangeOrderId: `x${i}` }),
      )
      for (const f of l.fills) {
        steps.push(() => {
          push({
            type: 'order.fill',
            at: i,
            clientOrderId: id,
            fill: {
              tradeId: `t${trade++}`,
              exchangeOrderId: `x${i}`,
              symbol: l.symbol,
              side: l.side,
              price: String(f.price),
              size: String(f.size),
              fee: '0.01',
              liquidity: 'MAKER',
              time: i,
            },
          })
          if (status !== 'PARTIALLY_FILLED') {
            push({ type: 'order.state', at: i, clientOrderId: id, from: status, to: 'PARTIALLY_FILLED' })
            status = 'PARTIALLY_FILLED'
          }
        })
      }
      if (l.end !== 'open') {
        const to = l.end
        steps.push(() => push({ type: 'order.state', at: i, clientOrderId: id, from: status, to }))
      }
    }
    if (lag < 0) for (const step of steps.splice(0)) step()
    pending.push(steps)
    // Orders `lag` or more places back take their next step now.
    for (let j = 0; j < pending.length - Math.max(lag, 0); j++) pending[j]!.shift()?.()
  })
  for (const steps of pending) for (const step of steps) step()
  return out
}

const sum = (fills: readonly Fill[], symbol: string) => {
  let size = new Decimal(0)
  let notional = new Decimal(0)
  let fees = new Decimal(0)
  for (const f of fills) {
    if (f.symbol !== symbol) continue
    const sign = f.side === 'BUY' ? 1 : -1
    size = size.plus(f.size.times(sign))
    notional = notional.plus(f.price.times(f.size).times(sign))
    fees = fees.plus(f.fee)
  }
  return { size, notional, fees }
}

describe('EventProjection', () => {
  it('property: bounded, it keeps open orders and the newest finished ones, and agrees with an unbounded view', () => {
    fc.assert(
      fc.property(
        fc.array(life, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: -1, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        (lives, lag, retain) => {
          const events = eventsOf(lives, lag)
          const full = new EventProjection()
          const bounded = new EventProjection({ retainTerminalOrders: retain })
          const fullPositions = new PositionTracker({ startingCash: '0' })
          const boundedPositions = new PositionTracker({ startingCash: '0' })
          for (const event of events) {
            full.apply(event)
            bounded.apply(event)
            if (event.type === 'order.fill') {
              fullPositions.applyFill(full.lastFill!)
              boundedPositions.applyFill(bounded.lastFill!)
              expect(bounded.lastFill).toEqual(full.lastFill)
            }
            if (event.type === 'order.intent') {
              // Right after an order is created, at most `retain` finished orders are kept.
              const { orders, openOrders } = bounded.retained
              expect(orders - openOrders).toBeLessThanOrEqual(retain)
            }
            // Open orders are always all there, identical.
            expect(bounded.orders({ status: 'open' })).toEqual(full.orders({ status: 'open' }))
          }
          // Whatever is kept is exactly what the unbounded view says; nothing open is forgotten.
          for (const order of full.orders()) {
            const kept = bounded.order(order.clientOrderId)
            if (kept) expect(kept).toEqual(order)
            else expect(order.status).toMatch(/FILLED|CANCELLED|REJECTED/)
            if (kept && order.exchangeOrderId)
              expect(bounded.orderByExchangeId(order.exchangeOrderId)).toBe(kept)
            if (kept)
              expect(bounded.fills({ clientOrderId: order.clientOrderId })).toEqual(
                full.fills({ clientOrderId: order.clientOrderId }),
              )
          }
          const keptFills = bounded.fills()
          for (const f of keptFills) expect(full.hasFill(f.tradeId)).toBe(true)
          expect(keptFills).toEqual(full.fills().filter((f) => bounded.hasFill(f.tradeId)))
          expect(bounded.forgottenOrders).toBe(full.orders().length - bounded.orders().length)
          // Kept fills plus the forgotten totals add up to all fills, per symbol.
          for (const symbol of ['BTC-USD', 'ETH-USD']) {
            const all = sum(full.fills(), symbol)
            const kept = sum(keptFills, symbol)
            const gone = bounded.forgottenFillTotals().find((t) => t.symbol === symbol)
            expect(kept.size.plus(gone?.netSize ?? 0).eq(all.size)).toBe(true)
            expect(kept.notional.plus(gone?.netNotional ?? 0).eq(all.notional)).toBe(true)
            expect(kept.fees.plus(gone?.fees ?? 0).eq(all.fees)).toBe(true)
          }
          // Positions built from the bounded view's fills equal the unbounded run's.
          expect(boundedPositions.snapshot()).toEqual(fullPositions.snapshot())
          expect(full.forgottenOrders).toBe(0)
          expect(full.forgottenFillTotals()).toEqual([])
        },
      ),
      { numRuns: 150 },
    )
  })

  it('forgets after the next order is created, oldest finished first', () => {
    const events = eventsOf(
      [
        { symbol: 'BTC-USD', side: 'BUY', fills: [{ price: 10, size: 1 }], end: 'FILLED' },
        { symbol: 'BTC-USD', side: 'SELL', fills: [], end: 'CANCELLED' },
        { symbol: 'ETH-USD', side: 'BUY', fills: [], end: 'open' },
        { symbol: 'ETH-USD', side: 'BUY', fills: [], end: 'REJECTED' },
      ],
      -1,
    )
    const view = new EventProjection({ retainTerminalOrders: 1 })
    for (const event of events) view.apply(event)
    // o0 went when o2 was created (o0 and o1 had finished by then); o1 stays until the next order.
    expect(view.orders().map((o) => o.clientOrderId)).toEqual(['o1', 'o2', 'o3'])
    expect(view.order('o0')).toBeUndefined()
    expect(view.orderByExchangeId('x0')).toBeUndefined()
    expect(view.hasFill('t0')).toBe(false)
    expect(view.fills()).toEqual([])
    expect(view.retained).toEqual({ orders: 3, openOrders: 1, fills: 0 })
    expect(view.forgottenOrders).toBe(1)
    expect(view.forgottenFillTotals().map((t) => ({ ...t, netSize: t.netSize.toFixed() }))).toMatchObject([
      { symbol: 'BTC-USD', count: 1, netSize: '1' },
    ])
    expect(view.retainTerminalOrders).toBe(1)
    expect(new EventProjection().retainTerminalOrders).toBe(Number.POSITIVE_INFINITY)
  })

  it('stays strict until it has forgotten something, then ignores events for unknown orders', () => {
    const strict = new EventProjection({ retainTerminalOrders: 0 })
    expect(() =>
      strict.apply({ type: 'order.submitted', at: 0, clientOrderId: 'nope', seq: 1 }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[LiveTradeError: Cannot apply event #1 (order.submitted): no intent for nope.]`,
    )
    const view = new EventProjection({ retainTerminalOrders: 0 })
    const events = eventsOf(
      [
        { symbol: 'BTC-USD', side: 'BUY', fills: [], end: 'CANCELLED' },
        { symbol: 'BTC-USD', side: 'BUY', fills: [], end: 'open' },
      ],
      -1,
    )
    for (const event of events) view.apply(event)
    expect(view.forgottenOrders).toBe(1)
    const seq = events.length
    // A late fill of the forgotten o0 still becomes lastFill (positions count it) and the totals.
    view.apply({
      type: 'order.fill',
      at: 9,
      seq: seq + 1,
      clientOrderId: 'o0',
      fill: {
        tradeId: 'late',
        symbol: 'BTC-USD',
        side: 'BUY',
        price: '5',
        size: '2',
        fee: '0.5',
        liquidity: 'TAKER',
        time: 9,
      },
    })
    expect(view.lastFill?.tradeId).toBe('late')
    expect(view.hasFill('late')).toBe(false)
    expect(view.forgottenFillTotals()[0]?.netNotional.toFixed()).toBe('10')
    view.apply({ type: 'order.state', at: 9, seq: seq + 2, clientOrderId: 'o0', from: 'OPEN', to: 'FILLED' })
    expect(view.order('o0')).toBeUndefined()
  })

  it('refuses a bound that is not a whole number ≥ 0', () => {
    expect(() => new EventProjection({ retainTerminalOrders: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[LiveTradeError: retainTerminalOrders must be a whole number ≥ 0 or Infinity, got -1.]`,
    )
    expect(() => new EventProjection({ retainTerminalOrders: 1.5 })).toThrow(/whole number/)
    expect(() => new EventProjection({ retainTerminalOrders: Number.NaN })).toThrow(/whole number/)
  })
})

describe('ExecutionEngine with retainTerminalOrders', () => {
  async function run(retainTerminalOrders: number | undefined, orders: number) {
    const clock = manualClock()
    const broker = new PaperBroker({
      products: [spec('BTC-USD')],
      balances: { USD: '1000000', BTC: '100' },
      clock,
    })
    broker.setBook('BTC-USD', {
      bids: [['9999', '1000']],
      asks: [['10001', '1000']],
    })
    const store = new InMemoryStore()
    const engine = new ExecutionEngine({
      broker,
      store,
      startingCash: '1000000',
      clock,
      sleep: async () => undefined,
      retainTerminalOrders,
    })
    await engine.start()
    let maxKept = 0
    for (let i = 0; i < orders; i++) {
      clock.advance(1000)
      if (i % 3 === 2) {
        // A resting limit that is cancelled a little later.
        await engine.place({
          symbol: 'BTC-USD',
          side: 'BUY',
          type: 'LIMIT',
          size: new Decimal('0.01'),
          price: new Decimal('9000'),
          decisionId: `d${i}`,
        })
      } else {
        await engine.place({
          symbol: 'BTC-USD',
          side: i % 2 === 0 ? 'BUY' : 'SELL',
          type: 'MARKET',
          size: new Decimal(((i % 7) + 1) / 1000),
          decisionId: `d${i}`,
        })
      }
      for (const o of engine.openOrders())
        if (o.createdAt < clock.now() - 4000) await engine.cancel(o.clientOrderId)
      await engine.idle()
      maxKept = Math.max(maxKept, engine.orders().length)
    }
    return { engine, store, broker, clock, maxKept }
  }

  it('long run: memory stays bounded; positions, lookups, dedupe and reconciliation are unchanged', async () => {
    const n = 400
    const full = await run(undefined, n)
    const bounded = await run(20, n)
    // Bounded: open orders (at most 2 resting limits) plus the 20 newest finished ones.
    expect(bounded.maxKept).toBeLessThanOrEqual(20 + 3)
    expect(full.maxKept).toBe(n)
    expect(bounded.engine.fills().length).toBeLessThan(30)
    expect(bounded.store.size).toBe(full.store.size)

    // Positions equal the unbounded run.
    expect(bounded.engine.positions.snapshot()).toEqual(full.engine.positions.snapshot())
    expect(bounded.engine.openOrders()).toEqual(full.engine.openOrders())

    // A forgotten order is still found through the store.
    const early = full.engine.order(full.engine.clientOrderIdFor('d0'))!
    expect(bounded.engine.order(early.clientOrderId)).toBeUndefined()
    expect(await bounded.engine.lookupOrder(early.clientOrderId)).toEqual(early)
    expect(await bounded.engine.lookupOrder('gt-nothing')).toBeUndefined()

    // The same decision again returns the stored order; nothing is written or sent.
    const events = bounded.store.size
    const again = await bounded.engine.place({
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      size: new Decimal('0.001'),
      decisionId: 'd0',
    })
    expect(again).toEqual(early)
    expect(bounded.store.size).toBe(events)

    // A late duplicate of a forgotten order's fill is ignored, silently.
    const oldFill = full.engine.fills({ clientOrderId: early.clientOrderId })[0]!
    const unknown: unknown[] = []
    bounded.engine.on('unknownOrder', (u) => unknown.push(u))
    const before = bounded.engine.positions.snapshot()
    // As the venue reports it again: by exchange order id only, as Coinbase's fills do.
    expect(
      await bounded.engine.applyFill({
        ...oldFill,
        exchangeOrderId: oldFill.exchangeOrderId!,
        clientOrderId: '',
      }),
    ).toBe(false)
    expect(await bounded.engine.applyFill({ ...oldFill, exchangeOrderId: oldFill.exchangeOrderId! })).toBe(
      false,
    )
    expect(unknown).toEqual([])
    expect(bounded.engine.positions.snapshot()).toEqual(before)
    expect(bounded.store.size).toBe(events)

    // Reconciliation over all venue fills (no cursor) adopts nothing and counts nothing; balances agree.
    const reconcile = (r: typeof full) =>
      new Reconciler({
        engine: r.engine,
        clock: r.clock,
        startingBalances: { USD: '1000000', BTC: '100' },
      }).reconcile()
    const fullReport = await reconcile(full)
    const boundedReport = await reconcile(bounded)
    expect(fullReport.ok).toBe(true)
    expect(boundedReport.ok).toBe(true)
    expect(boundedReport.diffs).toEqual(fullReport.diffs)
    expect(boundedReport.diffs).toEqual([])

    // A restart with the same bound rebuilds the same positions and open orders.
    await bounded.engine.stop()
    const restarted = new ExecutionEngine({
      broker: bounded.broker,
      store: bounded.store,
      startingCash: '1000000',
      clock: bounded.clock,
      retainTerminalOrders: 20,
    })
    await restarted.start()
    expect(restarted.orders().length).toBeLessThanOrEqual(20 + 3)
    expect(restarted.openOrders()).toEqual(full.engine.openOrders())
    const snap = restarted.positions.snapshot()
    const want = full.engine.positions.snapshot()
    expect(snap.positions.map((p) => [p.symbol, p.quantity.toFixed(), p.realizedPnl.toFixed()])).toEqual(
      want.positions.map((p) => [p.symbol, p.quantity.toFixed(), p.realizedPnl.toFixed()]),
    )
    expect(snap.cash.eq(want.cash)).toBe(true)
    await restarted.stop()
    await full.engine.stop()
  })
})
