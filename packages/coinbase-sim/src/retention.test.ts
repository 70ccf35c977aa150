import { afterEach, describe, expect, it } from 'vitest'
import { call, pub } from '../test/helpers.js'
import { type CoinbaseSim, ENGINE_RETENTION, startCoinbaseSim } from './index.js'

const sims: CoinbaseSim[] = []
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close()
})

const trades = async (sim: CoinbaseSim) => {
  const res = await pub(sim, '/market/products/BTC-USD/ticker?limit=1000')
  expect(res.status).toBe(200)
  return (res.json as { trades: unknown[] }).trades.length
}

describe('history retention', () => {
  it('defaults are sized for a long-running embedded sim', () => {
    expect(ENGINE_RETENTION).toMatchInlineSnapshot(`
      {
        "fills": 2000,
        "terminalOrders": 1000,
        "tradesPerProduct": 250,
      }
    `)
  })

  it('startCoinbaseSim({ retention }) bounds finished orders and public trades', async () => {
    const sim = await startCoinbaseSim({
      products: ['BTC-USD'],
      retention: { terminalOrders: 2, fills: 2, tradesPerProduct: 3 },
    })
    sims.push(sim)
    const wide = await startCoinbaseSim({ products: ['BTC-USD'] })
    sims.push(wide)
    for (const s of [sim, wide]) {
      for (let i = 0; i < 40; i++) {
        const res = await call(s, 'POST', '/orders', {
          client_order_id: `m${i}`,
          product_id: 'BTC-USD',
          side: i % 2 === 0 ? 'BUY' : 'SELL',
          order_configuration: { market_market_ioc: { base_size: '0.001' } },
        })
        expect(res.status).toBe(200)
      }
      s.control.advance(60_000)
    }
    // Pruning runs once enough orders finished (at least 16 past the bound), so a few more are kept.
    expect(sim.control.orders().length).toBeLessThanOrEqual(2 + 17)
    expect(wide.control.orders()).toHaveLength(40)
    expect(await trades(sim)).toBeLessThanOrEqual(3 + 16)
    expect(await trades(wide)).toBeGreaterThan(19)
    const first = await call(sim, 'GET', '/orders/historical/batch?limit=1000')
    expect((first.json as { orders: unknown[] }).orders.length).toBeLessThanOrEqual(2 + 17)
  })
})
