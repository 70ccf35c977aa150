import { afterEach, describe, expect, it } from 'vitest'
import { type CoinbaseSim, startCoinbaseSim } from '../src/index.js'
import { call } from './helpers.js'

const sims: CoinbaseSim[] = []
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close()
})

/** Runs one fixed script of requests and returns every answer with volatile parts intact. */
async function script(seed: number): Promise<unknown[]> {
  const sim = await startCoinbaseSim({ seed, products: ['BTC-USD', 'SOL-USD'] })
  sims.push(sim)
  const out: unknown[] = [sim.credentials.map((c) => c.apiKeyName), sim.control.book('SOL-USD')]
  sim.control.advance(7_500)
  out.push(
    (
      await call(sim, 'POST', '/orders', {
        client_order_id: 'd1',
        product_id: 'BTC-USD',
        side: 'BUY',
        order_configuration: { market_market_ioc: { quote_size: '500' } },
      })
    ).json,
  )
  out.push(
    (
      await call(sim, 'POST', '/orders', {
        client_order_id: 'd2',
        product_id: 'SOL-USD',
        side: 'SELL',
        order_configuration: { limit_limit_gtc: { base_size: '1', limit_price: '150.50' } },
      })
    ).json,
  )
  sim.control.advance(12_000)
  out.push((await call(sim, 'GET', '/orders/historical/batch')).json)
  out.push((await call(sim, 'GET', '/orders/historical/fills')).json)
  out.push(sim.control.balances(), sim.control.book('BTC-USD'))
  return out
}

describe('determinism', () => {
  it('the same seed and requests give the same responses and fills', async () => {
    const a = await script(7)
    const b = await script(7)
    expect(b).toEqual(a)
    expect(JSON.stringify(a)).toContain('"status":"FILLED"')
  })

  it('a different seed gives a different market and keys', async () => {
    const a = await script(7)
    const b = await script(8)
    expect(b[0]).not.toEqual(a[0])
    expect(b[1]).not.toEqual(a[1])
  })
})
