import { describe, expect, it } from 'vitest'
import {
  CoinbaseSimError,
  isCoinbaseSimError,
  parseCandleCsv,
  simErrorCodes,
  startCoinbaseSim,
} from './index.js'

describe('public API', () => {
  it('exports exactly these names', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toMatchInlineSnapshot(`
      [
        "CoinbaseSimError",
        "DEFAULT_SIM_START_MS",
        "ENGINE_RETENTION",
        "PRODUCT_CATALOG",
        "createManualClock",
        "isCoinbaseSimError",
        "parseCandleCsv",
        "parseFaultSpec",
        "simErrorCodes",
        "startCoinbaseSim",
      ]
    `)
  })

  it('throws CoinbaseSimError for unknown products and bad speed', async () => {
    const e = await startCoinbaseSim({ products: ['NOPE-USD'] }).catch((x: unknown) => x)
    expect(isCoinbaseSimError(e)).toBe(true)
    expect((e as CoinbaseSimError).code).toBe(simErrorCodes.INVALID_OPTION)
    expect((e as Error).message).toMatchInlineSnapshot(`
      "Unknown product NOPE-USD.

      Details: Known: BTC-USD, ETH-USD, SOL-USD, XRP-USD, LTC-USD, ADA-USD, DOGE-USD, BCH-USD, AVAX-USD, LINK-USD, BTC-PERP-INTX (futures need derivatives: true)"
    `)
    const s = await startCoinbaseSim({ speed: 0 }).catch((x: unknown) => x)
    expect((s as CoinbaseSimError).shortMessage).toMatchInlineSnapshot(`"speed must be > 0."`)
    expect(isCoinbaseSimError(new Error('x'))).toBe(false)
    const wrapped = new CoinbaseSimError('outer', { code: 'REPLAY_INVALID', cause: new Error('inner') })
    expect((wrapped.walk() as Error).message).toBe('inner')
  })

  it('never puts a private key in an error or the credentials of another sim', async () => {
    const sim = await startCoinbaseSim()
    try {
      const res = await fetch(`${sim.restUrl}/api/v3/brokerage/accounts`, {
        headers: { authorization: `Bearer ${sim.credentials[1]?.privateKey}` },
      })
      const text = await res.text()
      expect(text).toBe('Unauthorized')
      for (const c of sim.credentials) expect(text).not.toContain(c.privateKey.slice(40, 80))
    } finally {
      await sim.close()
    }
  })

  it('parses Coinbase and CryptoDataDownload candle CSVs oldest first', () => {
    const cb = parseCandleCsv(
      'start,low,high,open,close,volume\n1700000060,1,3,2,2.5,10\n1700000000,1,2,1,2,5\n',
    )
    expect(cb.map((c) => [c.start, c.close])).toEqual([
      [1700000000, '2'],
      [1700000060, '2.5'],
    ])
    const cdd = parseCandleCsv(
      'Timestamps are UTC timezone,https://www.CryptoDataDownload.com\nUnix Timestamp,Date,Symbol,Open,High,Low,Close,Volume BTC,Volume USD\n1603522800.0,2020-10-24 07-AM,BTCUSD,13000,13100,12900,13050,1.5,19575\n',
    )
    expect(cdd).toEqual([
      { start: 1603522800, open: '13000', high: '13100', low: '12900', close: '13050', volume: '1.5' },
    ])
    expect(() => parseCandleCsv('a,b\n1,2')).toThrowError(CoinbaseSimError)
  })
})
