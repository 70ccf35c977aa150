import { Decimal } from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CoinbaseWebSocket } from './createCoinbaseWebSocket.js'
import type { UserFill, UserOrderDone } from './types.js'
import { UserFillTracker } from './UserFillTracker.js'
import type { WsUserOrder } from './wsSchemas.js'

function setup(options?: ConstructorParameters<typeof UserFillTracker>[1]) {
  const ws = new CoinbaseWebSocket({ wsUrl: 'ws://127.0.0.1:1', wsUserUrl: 'ws://127.0.0.1:1' })
  const tracker = new UserFillTracker(ws, options)
  const fills: UserFill[] = []
  const done: UserOrderDone[] = []
  ws.on('fill', (f) => fills.push(f))
  ws.on('orderDone', (d) => done.push(d))
  return { ws, tracker, fills, done }
}

const order = (cum: string, avg: string, status = 'OPEN', extra: Partial<WsUserOrder> = {}): WsUserOrder => ({
  order_id: 'o1',
  client_order_id: 'c1',
  product_id: 'BTC-USD',
  status,
  order_side: 'BUY',
  cumulative_quantity: new Decimal(cum),
  avg_price: new Decimal(avg),
  ...extra,
})

describe('UserFillTracker', () => {
  it('turns cumulative updates into fills with exact Decimal size and price', () => {
    const { fills, done, tracker } = setup()
    tracker.update(order('0', '0', 'OPEN'))
    tracker.update(order('0.1', '100'))
    tracker.update(order('0.3', '101'))
    tracker.update(order('0.3', '101')) // replay
    tracker.update(order('0.1', '100')) // stale, out of order
    tracker.update(order('0.4', '101.25', 'FILLED'))
    tracker.update(order('0.4', '101.25', 'FILLED')) // replay after reconnect
    expect(fills.map((f) => [f.fillId, f.size.toString(), f.price.toString(), f.status, f.terminal])).toEqual(
      [
        ['o1:0.1', '0.1', '100', 'OPEN', false],
        ['o1:0.3', '0.2', '101.5', 'OPEN', false],
        ['o1:0.4', '0.1', '102', 'FILLED', true],
      ],
    )
    expect(done.map((d) => [d.orderId, d.status, d.cumulativeQuantity.toString()])).toEqual([
      ['o1', 'FILLED', '0.4'],
    ])
  })

  it('prefers filled_value when Coinbase sends it', () => {
    const { fills, tracker } = setup()
    tracker.update(order('1', '10.333333', 'OPEN', { filled_value: new Decimal('10.333333') }))
    tracker.update(order('3', '10.111111', 'OPEN', { filled_value: new Decimal('30.333333') }))
    expect(fills.map((f) => f.price.toString())).toEqual(['10.333333', '10'])
  })

  it('does not invent fills for a snapshot unless asked, and reports terminal cancels', () => {
    const a = setup()
    a.tracker.update(order('0.5', '100', 'OPEN'), 'snapshot')
    a.tracker.update(order('0.7', '100', 'CANCELLED'))
    expect(a.fills.map((f) => [f.size.toString(), f.price.toString(), f.terminal])).toEqual([
      ['0.2', '100', true],
    ])
    expect(a.done.map((d) => d.status)).toEqual(['CANCELLED'])
    const b = setup({ emitSnapshotFills: true })
    b.tracker.update(order('0.5', '100', 'OPEN'), 'snapshot')
    expect(b.fills.map((f) => f.size.toString())).toEqual(['0.5'])
  })

  it('property: fill sizes sum to the final quantity, notionals to the final value, whatever replays happen', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            qty: fc.integer({ min: 1, max: 10_000 }),
            price: fc.integer({ min: 1, max: 10_000_000 }),
          }),
          {
            minLength: 1,
            maxLength: 15,
          },
        ),
        fc.array(fc.nat(), { maxLength: 20 }),
        (legs, replays) => {
          const { fills, tracker } = setup()
          // Real fills (qty in 1e-8 BTC, price in cents) → the cumulative states Coinbase would send.
          let cum = new Decimal(0)
          let value = new Decimal(0)
          const states: WsUserOrder[] = []
          legs.forEach((leg, i) => {
            const q = new Decimal(leg.qty).div(1e8)
            const p = new Decimal(leg.price).div(100)
            cum = cum.plus(q)
            value = value.plus(q.times(p))
            states.push(
              order(cum.toString(), value.div(cum).toString(), i === legs.length - 1 ? 'FILLED' : 'OPEN', {
                filled_value: value,
              }),
            )
          })
          states.forEach((s, i) => {
            tracker.update(s)
            for (const r of replays) if (r % (i + 2) === 0) tracker.update(states[r % (i + 1)] as WsUserOrder)
          })
          expect(fills.length).toBe(legs.length)
          expect(fills.reduce((s, f) => s.plus(f.size), new Decimal(0)).eq(cum)).toBe(true)
          expect(
            fills
              .reduce((s, f) => s.plus(f.size.times(f.price)), new Decimal(0))
              .minus(value)
              .abs()
              .lte('1e-20'),
          ).toBe(true)
          legs.forEach((leg, i) => {
            expect(fills[i]?.price.toDecimalPlaces(8).eq(new Decimal(leg.price).div(100))).toBe(true)
          })
        },
      ),
      { numRuns: 150 },
    )
  })
})
