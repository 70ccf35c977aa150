import { dataPath } from '@gpt-trader/test-utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CoinbaseSim, startCoinbaseSim } from '../src/index.js'

let sim: CoinbaseSim
beforeAll(async () => {
  sim = await startCoinbaseSim({
    products: ['BTC-USD'],
    replay: dataPath('candles/coinbase_BTC-USD_1m_2020-11-22_2020-12-12_cdd.csv'),
  })
})
afterAll(async () => {
  await sim.close()
})

describe('candle CSV replay', () => {
  it('quotes around the replayed price path instead of the synthetic one', async () => {
    const bid = Number(sim.control.book('BTC-USD').bids[0]?.[0])
    // Read-only comparison of a quote with the replay's 2020 price range (not money math).
    expect(bid).toBeGreaterThan(15_000)
    expect(bid).toBeLessThan(25_000)
    sim.control.advance(120_000)
    const later = Number(sim.control.book('BTC-USD').asks[0]?.[0])
    expect(later).toBeGreaterThan(15_000)
    expect(later).toBeLessThan(25_000)
  })
})
