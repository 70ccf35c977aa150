import { describe, expect, it } from 'vitest'
import { CANDLE_TIERS } from './CandleStore.js'
import { createManualClock } from './clock.js'
import { SimExchange } from './SimExchange.js'

const HOUR = 3_600_000

function exchange(retention?: { terminalOrders?: number; fills?: number; tradesPerProduct?: number }) {
  const clock = createManualClock()
  const ex = new SimExchange({
    products: ['BTC-USD'],
    seed: 11,
    clock,
    accounts: [{ balances: { USD: '100000000', BTC: '1000' } }],
    derivatives: false,
    replay: null,
    makerFeeRate: '0.004',
    takerFeeRate: '0.006',
    retention,
  })
  return { ex, clock, account: (ex.accounts[0] as { id: string }).id }
}

/** Every structure of the exchange that could grow with time or activity. */
function sizes(ex: SimExchange) {
  let resting = 0
  for (const b of ex.engine.books.values()) resting += b.bids.length + b.asks.length
  return {
    candles: [...ex.candles.values()].map((c) => c.sizes()),
    orders: ex.engine.orders.size,
    userOrders: ex.engine.userOrders.length,
    fills: ex.engine.fills.length,
    trades: Math.max(...[...ex.engine.trades.values()].map((t) => t.length)),
    resting,
  }
}

describe('SimExchange memory bounds', () => {
  it('stays within its bounds over simulated hours of market and user activity', () => {
    const { ex, clock, account } = exchange({ terminalOrders: 30, fills: 40, tradesPerProduct: 200 })
    let orders = 0
    // Simulated hours in 2-hour jumps (the market steps ~600 times per jump), trading between jumps.
    for (let jump = 0; jump < 3; jump++) {
      clock.advance(2 * HOUR)
      ex.catchUp()
      for (let i = 0; i < 20; i++) {
        const buy = i % 2 === 0
        const res = ex.engine.placeOrder(account, {
          clientOrderId: `soak-${jump}-${i}`,
          productId: 'BTC-USD',
          side: buy ? 'BUY' : 'SELL',
          orderConfiguration: { market_market_ioc: buy ? { quote_size: '50' } : { base_size: '0.0005' } },
        })
        expect(res.ok ? 'ok' : res.failure).toBe('ok')
        orders++
      }
      const s = sizes(ex)
      for (const c of s.candles)
        for (const [i, n] of c.entries()) expect(n).toBeLessThanOrEqual(CANDLE_TIERS[i]?.capacity as number)
      // Retention plus its slack (max(16, 10 %)); the market maker's own orders are never kept once done.
      expect(s.userOrders).toBeLessThanOrEqual(30 + 16 + 1)
      expect(s.fills).toBeLessThanOrEqual(40 + 16)
      expect(s.trades).toBeLessThanOrEqual(200 + 20)
      // The maker quotes 10 levels a side per product and nothing else rests.
      expect(s.resting).toBeLessThanOrEqual(20)
      expect(s.orders).toBeLessThanOrEqual(s.resting + s.userOrders)
    }
    expect(orders).toBe(60)
    // The minute tier is full; the forgotten history really was dropped.
    expect(sizes(ex).candles[0]?.[0]).toBe(CANDLE_TIERS[0]?.capacity)
    expect(ex.engine.fills.length).toBeGreaterThanOrEqual(40)
    expect(ex.engine.fills[0]?.timeMs).toBeGreaterThan(ex.startMs)
  })

  it('uses the default retention when none is given', () => {
    const { ex } = exchange()
    expect(ex.engine.retention).toEqual({ terminalOrders: 1_000, fills: 2_000, tradesPerProduct: 250 })
  })
})
