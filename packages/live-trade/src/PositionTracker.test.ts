import { Decimal } from '@gpt-trader/validation'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Fill } from './Fill.js'
import { InMemoryStore } from './InMemoryStore.js'
import { PositionTracker } from './PositionTracker.js'

let n = 0
function fill(side: 'BUY' | 'SELL', size: string, price: string, fee = '0', symbol = 'BTC-USD'): Fill {
  n++
  return {
    tradeId: `t${n}`,
    clientOrderId: `c${n}`,
    symbol,
    side,
    price: new Decimal(price),
    size: new Decimal(size),
    fee: new Decimal(fee),
    liquidity: 'TAKER',
    time: n,
  }
}

describe('PositionTracker', () => {
  it('tracks quantity, average entry, realized and unrealized PnL net of fees', () => {
    const t = new PositionTracker({ startingCash: '10000' })
    t.applyFill(fill('BUY', '1', '100', '0.6'))
    t.applyFill(fill('BUY', '1', '110', '0.66'))
    let p = t.position('BTC-USD')
    expect(p.quantity.toFixed()).toBe('2')
    expect(p.averageEntryPrice?.toFixed()).toBe('105')
    t.applyFill(fill('SELL', '0.5', '120', '0.36'))
    t.mark('BTC-USD', '130')
    p = t.position('BTC-USD')
    expect(p.quantity.toFixed()).toBe('1.5')
    expect(p.averageEntryPrice?.toFixed()).toBe('105')
    expect(p.realizedPnl.toFixed()).toBe('7.5')
    expect(p.fees.toFixed()).toBe('1.62')
    expect(p.realizedPnlNet.toFixed()).toBe('5.88')
    expect(p.unrealizedPnl.toFixed()).toBe('37.5')
    const s = t.snapshot()
    expect(s.cash.toFixed()).toBe('9848.38')
    expect(s.equity.toFixed()).toBe('10043.38')
    expect(s.equity.eq(t.startingCash.plus(s.realizedPnlNet).plus(s.unrealizedPnl))).toBe(true)
  })

  it('handles shorts and flips through zero', () => {
    const t = new PositionTracker()
    t.applyFill(fill('SELL', '2', '100'))
    expect(t.position('BTC-USD').quantity.toFixed()).toBe('-2')
    t.applyFill(fill('BUY', '3', '90'))
    const p = t.position('BTC-USD')
    expect(p.quantity.toFixed()).toBe('1')
    expect(p.realizedPnl.toFixed()).toBe('20')
    expect(p.averageEntryPrice?.toFixed()).toBe('90')
  })

  it('rebuilds the same positions from stored fill events', () => {
    const store = new InMemoryStore()
    const t = new PositionTracker({ startingCash: '500' })
    store.append({
      type: 'order.intent',
      at: 0,
      clientOrderId: 'c',
      source: 'engine',
      intent: {
        symbol: 'BTC-USD',
        side: 'BUY',
        type: 'MARKET',
        size: '3',
        timeInForce: 'IOC',
        postOnly: false,
        reduceOnly: false,
      },
    })
    for (const f of [
      fill('BUY', '1', '100', '1'),
      fill('BUY', '2', '99.5', '0.3'),
      fill('SELL', '1', '101', '0.2'),
    ]) {
      t.applyFill(f)
      store.append({
        type: 'order.fill',
        at: f.time,
        clientOrderId: 'c',
        fill: { ...f, price: f.price.toFixed(), size: f.size.toFixed(), fee: f.fee.toFixed() },
      })
    }
    const rebuilt = PositionTracker.fromEvents(store.read(), { startingCash: '500' })
    expect(rebuilt.snapshot()).toEqual(t.snapshot())
  })

  it('property: equity is cash + marked positions and start + realized + unrealized, exactly', () => {
    const decimal = (maxUnits: number, dp: number) =>
      fc.integer({ min: 1, max: maxUnits * 10 ** dp }).map((i) => new Decimal(i).div(10 ** dp))
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('fill' as const),
        symbol: fc.constantFrom('BTC-USD', 'ETH-USD'),
        side: fc.constantFrom('BUY' as const, 'SELL' as const),
        size: decimal(5, 8),
        price: decimal(100_000, 2),
        feeBps: fc.integer({ min: 0, max: 60 }),
      }),
      fc.record({ kind: fc.constant('cancel' as const) }),
      fc.record({
        kind: fc.constant('mark' as const),
        symbol: fc.constantFrom('BTC-USD', 'ETH-USD'),
        price: decimal(100_000, 2),
      }),
    )
    fc.assert(
      fc.property(decimal(1_000_000, 2), fc.array(op, { maxLength: 40 }), (cash, ops) => {
        const t = new PositionTracker({ startingCash: cash })
        const fills: Fill[] = []
        // The held quantities (the pre-trade gate's fast path) always equal the non-flat positions.
        const expectHeld = () => {
          const held = [...t.heldQuantities()].map(([symbol, p]) => [symbol, p.quantity.toFixed()])
          const views = t.positions().filter((p) => !p.quantity.isZero())
          expect(held).toEqual(views.map((p) => [p.symbol, p.quantity.toFixed()]))
        }
        for (const o of ops) {
          if (o.kind === 'fill') {
            const f = fill(o.side, o.size.toFixed(), o.price.toFixed())
            f.symbol = o.symbol
            f.fee = o.price.times(o.size).times(o.feeBps).div(10_000)
            fills.push(f)
            const before = t.heldQuantities()
            t.applyFill(f)
            expect(t.heldQuantities()).not.toBe(before)
          } else if (o.kind === 'mark') {
            const before = t.heldQuantities()
            t.mark(o.symbol, o.price)
            // A mark moves no quantity: the same map, so a consumer's cache stays valid.
            expect(t.heldQuantities()).toBe(before)
          }
          // A cancel changes no position: it only ends an order's remaining size.
          expectHeld()
        }
        const s = t.snapshot()
        let marked = s.cash
        for (const p of s.positions) marked = marked.plus(p.quantity.times(p.mark))
        expect(s.equity.eq(marked)).toBe(true)
        expect(t.equity().eq(s.equity)).toBe(true)
        expect(s.equity.eq(t.startingCash.plus(s.realizedPnlNet).plus(s.unrealizedPnl))).toBe(true)
        // Cash follows the fills exactly.
        let expectedCash = cash
        for (const f of fills) {
          const notional = f.price.times(f.size)
          expectedCash = (
            f.side === 'BUY' ? expectedCash.minus(notional) : expectedCash.plus(notional)
          ).minus(f.fee)
        }
        expect(s.cash.eq(expectedCash)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})

describe('PositionTracker: average entry price', () => {
  it('property: always the 64-digit costBasis / quantity, also when the division is skipped', () => {
    const prices = ['100', '100.01', '67000.5', '0.00012345', '1234567890.123456789012345678']
    const sizes = ['1', '0.5', '0.00000001', '3.14159265358979323846264338327950288', '2']
    const step = fc.tuple(
      fc.constantFrom('BUY', 'SELL'),
      fc.constantFrom(...sizes),
      fc.constantFrom(...prices),
    )
    let skipped = 0
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const t = new PositionTracker({ startingCash: '1000000' })
        for (const [side, size, price] of steps) {
          t.applyFill(fill(side as 'BUY' | 'SELL', size, price))
          const p = t.position('BTC-USD')
          if (p.quantity.isZero()) {
            expect(p.averageEntryPrice).toBeUndefined()
            continue
          }
          const reference = p.costBasis.div(p.quantity)
          expect(JSON.stringify(p.averageEntryPrice)).toBe(JSON.stringify(reference))
          if (p.averageEntryPrice?.toFixed() === price) skipped++
        }
      }),
      { numRuns: 300 },
    )
    expect(skipped).toBeGreaterThan(100)
  })
})
