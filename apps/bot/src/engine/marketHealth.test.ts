import { createCoinbaseClient, createCoinbaseWebSocket } from '@gpt-trader/coinbase-client'
import { type CoinbaseSim, startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { InMemoryMarketView } from '@gpt-trader/risk'
import { startHttpServer } from '@gpt-trader/test-utils'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { BotMetrics } from '../telemetry/BotMetrics.js'
import { ClientMarketData } from './ClientMarketData.js'
import { RejectionCooldown } from './RejectionCooldown.js'
import { RestHealth } from './RestHealth.js'
import { VenueClock } from './VenueClock.js'
import { marketWsUrl, parseGoTime, WsMarketData } from './WsMarketData.js'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (predicate()) return
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('VenueClock', () => {
  it('measures the offset to the venue and applies it', async () => {
    let local = 1_000_000
    const clock = new VenueClock(() => local)
    expect(clock.now()).toBe(1_000_000)
    const offset = await clock.sync(async () => {
      local += 20 // a 20 ms round trip
      return 1_030_010
    })
    expect(offset).toBe(30_000)
    expect(clock.now()).toBe(local + 30_000)
    expect(clock.local()).toBe(local)
  })
})

describe('RejectionCooldown', () => {
  it('holds a symbol back after a sticky rejection until the cooldown ends', () => {
    const c = new RejectionCooldown(60_000)
    expect(c.record('BTC-USD', 'INVALID_LIMIT_PRICE_POST_ONLY', 0)).toBe(false)
    expect(c.blocked('BTC-USD', 1)).toBeUndefined()
    expect(c.record('BTC-USD', 'order refused: INSUFFICIENT_FUND', 0)).toBe(true)
    expect(c.blocked('BTC-USD', 59_999)).toMatchInlineSnapshot(
      `"venue rejected the last BTC-USD order (order refused: INSUFFICIENT_FUND); no new exposure until 1970-01-01T00:01:00.000Z"`,
    )
    expect(c.blocked('ETH-USD', 1)).toBeUndefined()
    expect(c.blocked('BTC-USD', 60_000)).toBeUndefined()
  })
})

describe('RestHealth', () => {
  it('counts REST errors by status and tells listeners, reading no header', async () => {
    const server = await startHttpServer((req, res) => {
      res.writeHead(req.url?.startsWith('/fail') ? 503 : 200).end('{}')
    })
    cleanups.push(() => server.close())
    const metrics = new BotMetrics({ defaultMetrics: false })
    const rest = new RestHealth(metrics)
    const seen: string[] = []
    rest.on((o) => seen.push(`${o.method} ${o.path} ${o.status} ${RestHealth.isFailure(o)}`))
    cleanups.push(() => rest.close())
    const headers = { authorization: 'Bearer SECRET-TOKEN' }
    await rest.send({ method: 'GET', url: `${server.url}/ok?secret=1`, headers, timeoutMs: 5_000 })
    await rest.send({ method: 'post', url: `${server.url}/fail`, headers: {}, timeoutMs: 5_000 })
    await expect(
      rest.send({ method: 'GET', url: 'http://127.0.0.1:1/nothing', headers: {}, timeoutMs: 5_000 }),
    ).rejects.toThrow()
    expect(seen).toEqual(['GET /ok 200 false', 'POST /fail 503 true', 'GET /nothing 0 true'])
    const text = await metrics.text()
    expect(text).toContain('gpt_trader_rest_errors_total{code="503"} 1')
    expect(text).toContain('gpt_trader_rest_errors_total{code="network"} 1')
    expect(text).not.toContain('SECRET')
  })
})

describe('marketWsUrl', () => {
  it('keeps Coinbase on its default and points a standalone sim at its /ws', () => {
    expect(marketWsUrl(undefined)).toBeUndefined()
    expect(marketWsUrl('https://api.coinbase.com')).toBeUndefined()
    expect(marketWsUrl('http://127.0.0.1:8080')).toBe('ws://127.0.0.1:8080/ws')
    expect(marketWsUrl('https://sim.example/')).toBe('wss://sim.example/ws')
  })
})

describe('parseGoTime', () => {
  it('reads Coinbase heartbeat times', () => {
    expect(parseGoTime('2026-01-01 00:00:01.123456789 +0000 UTC m=+1.000000001')).toBe(
      Date.UTC(2026, 0, 1, 0, 0, 1, 123),
    )
    expect(parseGoTime('2026-01-01 02:00:00 +0200 EET')).toBe(Date.UTC(2026, 0, 1))
    expect(parseGoTime('now')).toBeUndefined()
  })

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const v = parseGoTime(s)
        expect(v === undefined || Number.isFinite(v)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})

describe('WsMarketData against the sim', () => {
  async function setup(): Promise<{ sim: CoinbaseSim; market: WsMarketData; metrics: BotMetrics }> {
    const sim = await startCoinbaseSim({ products: ['BTC-USD', 'ETH-USD'] })
    cleanups.push(() => sim.close())
    const credential = sim.credentials[0]
    if (credential === undefined) throw new Error('no sim key')
    const client = createCoinbaseClient({
      baseUrl: sim.restUrl,
      credentials: credential,
      clock: { now: () => sim.control.now() },
    })
    const now = () => sim.control.now()
    const metrics = new BotMetrics({ defaultMetrics: false })
    const market = new WsMarketData({
      rest: new ClientMarketData({ client, view: new InMemoryMarketView(), now }),
      ws: createCoinbaseWebSocket({ wsUrl: sim.wsUrl, reconnectBaseMs: 5, reconnectMaxMs: 20 }),
      symbols: ['BTC-USD', 'ETH-USD'],
      now,
      staleAfterMs: 30_000,
      metrics,
    })
    cleanups.push(() => market.close())
    await market.start()
    await until(() => market.feed.isSynced('BTC-USD') && market.feed.isSynced('ETH-USD'), 'books')
    return { sim, market, metrics }
  }

  it('keeps books equal to the sim and marks symbols stale when only heartbeats arrive', async () => {
    const { sim, market, metrics } = await setup()
    sim.control.advance(5_000)
    expect(await market.settle(sim.control.localNow(), 2_000)).toBe(true)
    expect(market.feed.book('BTC-USD')?.toArrays()).toEqual(sim.control.book('BTC-USD'))
    expect(market.staleSymbols()).toEqual([])
    const snap = await market.snapshot('BTC-USD')
    expect(snap.bestBid?.toFixed()).toBe(sim.control.book('BTC-USD').bids[0]?.[0])
    sim.control.injectFault({ kind: 'staleFeed', products: ['ETH-USD'] })
    sim.control.advance(40_000)
    expect(await market.settle(sim.control.localNow(), 2_000)).toBe(true)
    expect(market.stale('ETH-USD')).toMatch(/ETH-USD market data is \d+ s old/)
    expect(market.staleSymbols()).toEqual(['ETH-USD'])
    market.refreshMetrics()
    expect(await metrics.text()).toContain('gpt_trader_stale_symbols 1')
    // settle gives up after its real-time bound when no heartbeat comes.
    expect(await market.settle(sim.control.localNow() + 60_000, 20)).toBe(false)
  })

  it('a truncated level2 frame is counted and the book resyncs to the sim book', async () => {
    const { sim, market, metrics } = await setup()
    sim.control.injectFault({ kind: 'wsMalformed', count: 1 })
    sim.control.advance(3_000)
    await until(() => market.stats.malformed === 1, 'malformed')
    sim.control.advance(2_000)
    expect(await market.settle(sim.control.localNow(), 2_000)).toBe(true)
    await until(() => market.feed.isSynced('BTC-USD') && market.feed.isSynced('ETH-USD'), 'resync')
    expect(market.feed.book('ETH-USD')?.toArrays()).toEqual(sim.control.book('ETH-USD'))
    market.refreshMetrics()
    expect(await metrics.text()).toContain('gpt_trader_ws_malformed_frames_total 1')
  })

  it('falls back to the REST book while the WebSocket is down, and that counts as fresh', async () => {
    const sim = await startCoinbaseSim({ products: ['BTC-USD'] })
    cleanups.push(() => sim.close())
    const credential = sim.credentials[0]
    if (credential === undefined) throw new Error('no sim key')
    const client = createCoinbaseClient({
      baseUrl: sim.restUrl,
      credentials: credential,
      clock: { now: () => sim.control.now() },
    })
    const now = () => sim.control.now()
    const market = new WsMarketData({
      rest: new ClientMarketData({ client, view: new InMemoryMarketView(), now }),
      // Nothing listens there: the connection never opens.
      ws: createCoinbaseWebSocket({ wsUrl: 'ws://127.0.0.1:1/ws', reconnectBaseMs: 1_000 }),
      symbols: ['BTC-USD'],
      now,
      staleAfterMs: 30_000,
    })
    cleanups.push(() => market.close())
    await market.start()
    expect(market.stale('BTC-USD')).toBe(
      'BTC-USD has no WebSocket book (connection down) and no recent REST book',
    )
    const snap = await market.snapshot('BTC-USD')
    expect(snap.bestAsk?.toFixed()).toBe(sim.control.book('BTC-USD').asks[0]?.[0])
    expect(market.stale('BTC-USD')).toBeUndefined()
    sim.control.advance(31_000)
    expect(market.stale('BTC-USD')).toMatch(/no recent REST book/)
  })
})
