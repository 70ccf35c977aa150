import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCoinbaseClient } from '@gpt-trader/coinbase-client'
import { startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { Decimal } from '@gpt-trader/validation'
import { afterEach, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { isBotError } from '../BotError.js'
import { main } from '../cli/main.js'
import { sink } from '../cli/testing.js'
import { defaultConfigDir } from '../config/loadConfig.js'
import { SqliteStore } from '../store/SqliteStore.js'
import { PaperVenue } from './PaperVenue.js'
import { publicMarketClient } from './publicMarketClient.js'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

describe('PERPS_PAPER=1: paper fills on the venue market data', () => {
  it('trades on the paper broker, fed by the books the bot reads; no order reaches the venue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-paper-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const symbols = ['BTC-USD', 'ETH-USD']
    // The "live" venue: a sim running at 60× real time (a new one-minute candle every second),
    // with five minutes of history.
    const sim = await startCoinbaseSim({ products: symbols, seed: 5, realtime: true, speed: 60 })
    cleanups.push(() => sim.close())
    sim.control.advance(5 * 60_000)
    // The dev profile on two symbols with a 1/2-candle average cross, so a short run trades.
    const profile = parse(readFileSync(join(defaultConfigDir, 'dev.yaml'), 'utf8')) as Record<string, unknown>
    profile.symbols = symbols
    profile.strategy = { ...(profile.strategy as object), shortPeriod: 1, longPeriod: 2 }
    const file = join(dir, 'paper.yaml')
    writeFileSync(file, stringify(profile))

    const stdout = sink()
    const stderr = sink()
    const code = await main(
      ['run', '--config', file, '--state-dir', dir, '--interval', '50ms', '--cycles', '15', '--json'],
      {
        stdout: stdout.stream,
        stderr: stderr.stream,
        // No credentials at all: paper trading reads public market data only.
        env: {
          PERPS_PAPER: '1',
          COINBASE_API_BASE_URL: sim.restUrl,
          COINBASE_WS_URL: sim.wsUrl,
          GPT_TRADER_LOG_LEVEL: 'silent',
        },
      },
    )
    expect(stderr.text()).toBe('')
    expect(code).toBe(0)
    const summary = JSON.parse(stdout.text()) as { broker: string; orders: number; fills: number }
    expect(summary.broker).toBe('paper')
    expect(summary.orders).toBeGreaterThan(0)
    expect(summary.fills).toBeGreaterThan(0)

    const store = SqliteStore.open({ file: join(dir, 'dev', 'gpt-trader.sqlite') })
    try {
      const fills = store.listFills()
      expect(fills.length).toBe(summary.fills)
      for (const f of fills) {
        expect(f.tradeId).toMatch(/^paper-trade-\d+$/)
        // Filled at a price of the venue's book (within the sim's price range), fees charged.
        expect(f.price.gt(0) && f.fee.gt(0)).toBe(true)
      }
      expect(new Set(store.listOrders().map((o) => o.exchangeOrderId?.slice(0, 6)))).toEqual(
        new Set(['paper-']),
      )
    } finally {
      store.close()
    }
    // Nothing reached the venue: no order, and no private or mutating request at all.
    expect(sim.control.orders()).toEqual([])
    const requests = sim.control.requests()
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.filter((r) => r.method !== 'GET' || !/\/(market\/|time)/.test(r.path))).toEqual([])
    const venueBalances = sim.control.balances()
    expect(venueBalances.USD).toEqual({ available: '100000', hold: '0' })
  }, 60_000)

  it('preflight and account work without credentials: public market data, the paper account', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-paper-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const universe = ['BTC', 'ETH', 'SOL', 'XRP', 'LTC', 'ADA', 'DOGE', 'BCH', 'AVAX', 'LINK'].map(
      (b) => `${b}-USD`,
    )
    // Real time, so the clock-skew check compares like with like.
    const sim = await startCoinbaseSim({ products: universe, seed: 4, realtime: true })
    cleanups.push(() => sim.close())
    const env = { PERPS_PAPER: '1', COINBASE_API_BASE_URL: sim.restUrl, GPT_TRADER_LOG_LEVEL: 'silent' }
    const run = async (argv: string[]) => {
      const stdout = sink()
      const code = await main(argv, { stdout: stdout.stream, stderr: sink().stream, env })
      return { code, out: JSON.parse(stdout.text()) as Record<string, unknown> }
    }
    const preflight = await run(['preflight', '--state-dir', dir, '--json'])
    const checks = preflight.out.checks as { name: string; ok: boolean }[]
    expect(checks.filter((c) => !c.ok)).toEqual([])
    expect(preflight.code).toBe(0)
    expect(checks.find((c) => c.name === 'credentials')).toMatchObject({ ok: true })
    expect(checks.find((c) => c.name === 'credentials sign')).toBeUndefined()
    const account = await run(['account', '--state-dir', dir, '--json'])
    expect(account.code).toBe(0)
    expect(account.out).toMatchObject({
      broker: 'paper',
      balances: [{ currency: 'USD', available: '100000', hold: '0' }],
    })
    expect(
      sim.control.requests().filter((r) => r.method !== 'GET' || !/\/(market\/|time)/.test(r.path)),
    ).toEqual([])
  })

  it('keeps the derivatives gate: a perpetual without COINBASE_ENABLE_DERIVATIVES is refused', async () => {
    const sim = await startCoinbaseSim({ products: ['BTC-USD'], derivatives: true, seed: 1 })
    cleanups.push(() => sim.close())
    const client = publicMarketClient(createCoinbaseClient({ baseUrl: sim.restUrl }))
    const clock = { now: () => sim.control.now() }
    const gated = new PaperVenue({
      client,
      symbols: ['BTC-USD', 'BTC-PERP-INTX'],
      derivatives: false,
      balances: { USD: '1000' },
      clock,
    })
    const error = await gated.getBalances().catch((e: unknown) => e)
    expect(isBotError(error) && error.code).toBe('CONFIG_INVALID')
    expect((error as Error).message).toMatchInlineSnapshot(
      `"BTC-PERP-INTX: futures and perpetuals stay behind COINBASE_ENABLE_DERIVATIVES=1, in paper trading too"`,
    )
    const open = new PaperVenue({
      client,
      symbols: ['BTC-USD', 'BTC-PERP-INTX'],
      derivatives: true,
      balances: { USD: '1000' },
      clock,
    })
    expect((await open.getProducts()).map((p) => p.product_id)).toEqual(['BTC-USD', 'BTC-PERP-INTX'])
  })

  it('books that arrive before the product specs are kept; listeners attach once the broker exists', async () => {
    const sim = await startCoinbaseSim({ products: ['BTC-USD'], seed: 2 })
    cleanups.push(() => sim.close())
    const venue = new PaperVenue({
      client: publicMarketClient(createCoinbaseClient({ baseUrl: sim.restUrl })),
      symbols: ['BTC-USD'],
      derivatives: false,
      balances: { USD: '1000' },
      clock: { now: () => 0 },
    })
    const fills: string[] = []
    venue.subscribe({ fill: (f) => fills.push(`${f.side} ${f.size.toFixed()} @ ${f.price.toFixed()}`) })
    venue.setBook('BTC-USD', { bids: [['99', '1']], asks: [['101', '1']] })
    const order = await venue.placeOrder({
      clientOrderId: 'gt-1',
      symbol: 'BTC-USD',
      side: 'BUY',
      type: 'MARKET',
      size: new Decimal('0.5'),
      timeInForce: 'IOC',
      postOnly: false,
    })
    expect(order.status).toBe('FILLED')
    expect(fills).toEqual(['BUY 0.5 @ 101'])
    expect(venue.canEdit({ type: 'LIMIT', timeInForce: 'GTC', postOnly: false })).toBe(true)
    expect(venue.canEdit({ type: 'MARKET', timeInForce: 'IOC', postOnly: false })).toBe(false)
    expect(sim.control.orders()).toEqual([])
  })
})
