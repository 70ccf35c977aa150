import { loadFixture } from '@gpt-trader/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OrderBook } from './OrderBook.js'
import { parseL2Frame, parseL2Message } from './parseL2Message.js'

const level = (side: 'bid' | 'offer', price: string, qty: string) => ({
  side,
  event_time: '2026-01-01T00:00:00Z',
  price_level: price,
  new_quantity: qty,
})
const frame = (type: 'snapshot' | 'update', updates: object[], seq = 0) =>
  JSON.stringify({
    channel: 'l2_data',
    timestamp: 't',
    sequence_num: seq,
    events: [{ type, product_id: 'BTC-USD', updates }],
  })

function bookFrom(...frames: string[]): OrderBook {
  const book = new OrderBook('BTC-USD')
  for (const f of frames) for (const e of parseL2Frame(f).events) book.apply(e)
  return book
}

describe('OrderBook', () => {
  it('builds from the recorded snapshot and update fixtures', () => {
    const book = new OrderBook('BTC-USD')
    for (const name of ['ws/level2_snapshot.json', 'ws/level2_update.json']) {
      for (const e of parseL2Message(loadFixture(name)).events) book.apply(e)
    }
    expect(book.bestBid()).toEqual({
      price: 83277.25,
      priceString: '83277.25',
      size: 0.00715626,
      sizeString: '0.00715626',
    })
    expect(book.bestAsk()?.priceString).toBe('83277.26')
    expect(book.mid()).toBeCloseTo(83277.255, 6)
    expect(book.spread()?.absolute).toBeCloseTo(0.01, 6)
    expect(book.bidCount).toBe(6) // 5 from the snapshot + 72867.6 from the update
    expect(book.crossedUpdates).toBe(0)
  })

  it('treats new_quantity as absolute, deletes on "0" and tolerates deleting an absent level', () => {
    const book = bookFrom(
      frame('snapshot', [level('bid', '100', '1'), level('bid', '99', '2'), level('offer', '101', '3')]),
      frame(
        'update',
        [
          level('bid', '100', '5'),
          level('bid', '99', '0'),
          level('bid', '42', '0'),
          level('offer', '500', '0'),
        ],
        1,
      ),
    )
    expect(book.toArrays()).toEqual({ bids: [['100', '5']], asks: [['101', '3']] })
  })

  it('never crosses: a crossing update drops the stale opposite levels and is counted', () => {
    const book = bookFrom(
      frame('snapshot', [
        level('bid', '100', '1'),
        level('offer', '101', '1'),
        level('offer', '102', '1'),
        level('offer', '103', '1'),
      ]),
      frame('update', [level('bid', '102', '7')], 1),
    )
    expect(book.toArrays()).toEqual({
      bids: [
        ['102', '7'],
        ['100', '1'],
      ],
      asks: [['103', '1']],
    })
    expect(book.crossedUpdates).toBe(1)
  })

  it('computes depth, depth within bps and impact', () => {
    const book = bookFrom(
      frame('snapshot', [
        level('bid', '99', '1'),
        level('bid', '98', '2'),
        level('offer', '101', '1'),
        level('offer', '102', '1'),
        level('offer', '110', '10'),
      ]),
    )
    expect(book.depth('ask', 2).map((l) => l.priceString)).toEqual(['101', '102'])
    expect(book.depthWithinBps('ask', 250)).toEqual({ levels: 2, size: 2, notional: 203 })
    expect(book.spread()).toEqual({ absolute: 2, bps: 200 })
    const impact = book.impact('buy', '1.5')
    expect(impact).toMatchObject({ filled: 1.5, notional: 152, enoughLiquidity: true, levels: 2 })
    expect(impact?.vwap).toBeCloseTo(101.3333333, 6)
    expect(impact?.bps).toBeCloseTo(133.333333, 4)
    expect(book.impact('sell', 10)).toMatchObject({ filled: 3, enoughLiquidity: false, vwap: (99 + 196) / 3 })
    expect(new OrderBook('X').impact('buy', 1)).toBeUndefined()
    expect(() => book.impact('buy', 0)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: impact size must be > 0, got 0]`,
    )
  })

  it('ignores events for another product and handles a large snapshot in any order', () => {
    const book = new OrderBook('ETH-USD')
    expect(book.apply(parseL2Frame(frame('snapshot', [level('bid', '1', '1')])).events[0] as never)).toBe(
      false,
    )
    const many = Array.from({ length: 3000 }, (_, i) => level('bid', String(1000 + ((i * 7919) % 3000)), '1'))
    const big = bookFrom(frame('snapshot', many))
    const prices = big.toArrays().bids.map(([p]) => Number(p))
    expect(prices.length).toBe(3000)
    expect(prices).toEqual([...prices].sort((a, b) => b - a))
  })
})

/** Naive reference: plain maps, sorted on read, same crossing rule. */
class ReferenceBook {
  bids = new Map<number, string>()
  asks = new Map<number, string>()
  set(side: 'bid' | 'offer', price: string, qty: string): void {
    const p = Number(price)
    const q = Number(qty)
    const own = side === 'bid' ? this.bids : this.asks
    const other = side === 'bid' ? this.asks : this.bids
    if (q === 0) {
      own.delete(p)
      return
    }
    for (const op of [...other.keys()]) if (side === 'bid' ? op <= p : op >= p) other.delete(op)
    own.set(p, qty)
  }
  arrays() {
    const sorted = (m: Map<number, string>, desc: boolean) =>
      [...m.entries()].sort((a, b) => (desc ? b[0] - a[0] : a[0] - b[0])).map(([p, q]) => [String(p), q])
    return { bids: sorted(this.bids, true), asks: sorted(this.asks, false) }
  }
}

const arbLevel = fc.record({
  side: fc.constantFrom<'bid' | 'offer'>('bid', 'offer'),
  price: fc.integer({ min: 1, max: 60 }).map(String),
  qty: fc.oneof(
    fc.constant('0'),
    fc.integer({ min: 1, max: 999 }).map((n) => `0.${String(n).padStart(3, '0')}`),
  ),
})

describe('OrderBook properties', () => {
  it('equals a naive reference model, is never crossed, after any sequence of updates', () => {
    fc.assert(
      fc.property(fc.array(fc.array(arbLevel, { maxLength: 20 }), { maxLength: 30 }), (frames) => {
        const book = new OrderBook('BTC-USD')
        const ref = new ReferenceBook()
        frames.forEach((levels, i) => {
          const f = frame(
            'update',
            levels.map((l) => level(l.side, l.price, l.qty)),
            i,
          )
          for (const e of parseL2Frame(f).events) book.apply(e)
          for (const l of levels) ref.set(l.side, l.price, l.qty)
          const bid = book.bestBid()?.price
          const ask = book.bestAsk()?.price
          if (bid !== undefined && ask !== undefined) expect(bid).toBeLessThan(ask)
        })
        const got = book.toArrays()
        expect({
          bids: got.bids.map(([p, q]) => [String(Number(p)), q]),
          asks: got.asks.map(([p, q]) => [String(Number(p)), q]),
        }).toEqual(ref.arrays())
      }),
      { numRuns: 300 },
    )
  })

  it('matches the reference across chunk splits (thousands of levels, random inserts and deletes)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            side: fc.constantFrom<'bid' | 'offer'>('bid', 'offer'),
            price: fc.integer({ min: 1, max: 4000 }),
            del: fc.boolean(),
          }),
          {
            minLength: 500,
            maxLength: 3000,
          },
        ),
        (ops) => {
          const book = new OrderBook('BTC-USD')
          const ref = new ReferenceBook()
          const levels = ops.map((o) => {
            // bids below 2000, asks above, so most operations do not cross
            const price = String(o.side === 'bid' ? (o.price % 2000) + 1 : 2001 + (o.price % 2000))
            return level(o.side, price, o.del ? '0' : '1.5')
          })
          for (const e of parseL2Frame(frame('update', levels)).events) book.apply(e)
          for (const l of levels) ref.set(l.side, l.price_level, l.new_quantity)
          expect(book.toArrays()).toEqual(ref.arrays())
        },
      ),
      { numRuns: 20 },
    )
  })

  it('a snapshot equals applying its levels one by one', () => {
    fc.assert(
      fc.property(fc.array(arbLevel, { maxLength: 80 }), (levels) => {
        const snap = bookFrom(
          frame(
            'snapshot',
            levels.map((l) => level(l.side, l.price, l.qty)),
          ),
        )
        const ref = new ReferenceBook()
        for (const l of levels) ref.set(l.side, l.price, l.qty)
        const got = snap.toArrays()
        // Sorted (non-crossed) snapshots load in bulk; either way the result must match the model.
        expect({
          bids: got.bids.map(([p, q]) => [String(Number(p)), q]),
          asks: got.asks.map(([p, q]) => [String(Number(p)), q]),
        }).toEqual(ref.arrays())
      }),
      { numRuns: 200 },
    )
  })
})

describe('OrderBook snapshots', () => {
  it('replays an odd snapshot (zero sizes, crossing) level by level', () => {
    const book = bookFrom(
      frame('snapshot', [level('bid', '50', '1'), level('offer', '40', '1'), level('offer', '40', '0')]),
    )
    expect(book.toArrays()).toEqual({ bids: [], asks: [] })
    expect(book.crossedUpdates).toBe(1)
  })

  it('a snapshot replaces whatever the book held', () => {
    const book = bookFrom(
      frame('snapshot', [level('bid', '10', '1')]),
      frame('snapshot', [level('bid', '9', '1'), level('offer', '11', '2')]),
    )
    expect(book.toArrays()).toEqual({ bids: [['9', '1']], asks: [['11', '2']] })
    expect(book.hasSnapshot).toBe(true)
  })
})
