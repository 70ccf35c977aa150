import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type CoinbaseClient, createCoinbaseClient } from '@gpt-trader/coinbase-client'
import { type CoinbaseSim, startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { ExecutionEngine } from '@gpt-trader/live-trade'
import { CoinbaseBroker } from '@gpt-trader/live-trade/coinbase'
import { Decimal } from '@gpt-trader/validation'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteStore } from '../../store/SqliteStore.js'
import { cli } from '../testing.js'

interface VenueOrder {
  client_order_id: string
  status: string
}

let sim: CoinbaseSim
let dir: string
let env: NodeJS.ProcessEnv
let client: CoinbaseClient
const ids: Record<string, string> = {}

/** Rests a BUY far under the market so it stays open. */
function restingBuy(bid: Decimal, steps: number) {
  return bid.times(0.5).toDecimalPlaces(2).minus(steps).toFixed(2)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bot-cancel-'))
  // A standalone venue (not the per-run embedded sim): dev pointed at it like a real exchange.
  sim = await startCoinbaseSim({ products: ['BTC-USD', 'ETH-USD'], seed: 7 })
  sim.control.advance(60_000)
  const credential = sim.credentials[0]!
  env = {
    SPOT_FORCE_LIVE: '1',
    COINBASE_API_BASE_URL: sim.restUrl,
    COINBASE_API_KEY_NAME: credential.apiKeyName,
    COINBASE_API_PRIVATE_KEY: credential.privateKey,
    GPT_TRADER_LOG_LEVEL: 'silent',
  }
  client = createCoinbaseClient({
    baseUrl: sim.restUrl,
    credentials: credential,
    clock: { now: () => sim.control.now() },
  })
  // Orders the bot placed (in its store): two resting BTC buys, one resting ETH buy, one filled market order.
  const store = SqliteStore.open({ file: join(dir, 'dev', 'gpt-trader.sqlite') })
  const engine = new ExecutionEngine({
    broker: new CoinbaseBroker({ client }),
    store,
    clientIdPrefix: 'gt-',
    startingCash: '100000',
    clock: { now: () => sim.control.now() },
  })
  await engine.start()
  const btcBid = new Decimal(sim.control.book('BTC-USD').bids[0]![0])
  const ethBid = new Decimal(sim.control.book('ETH-USD').bids[0]![0])
  const place = async (name: string, symbol: string, price: string | undefined) => {
    const order = await engine.place({
      symbol,
      side: 'BUY',
      type: price === undefined ? 'MARKET' : 'LIMIT',
      size: new Decimal(symbol === 'BTC-USD' ? '0.001' : '0.01'),
      ...(price === undefined ? {} : { price: new Decimal(price) }),
      decisionId: name,
    })
    ids[name] = order.clientOrderId
    ids[`${name}.exchange`] = order.exchangeOrderId ?? ''
    return order
  }
  expect((await place('rest1', 'BTC-USD', restingBuy(btcBid, 1))).status).toBe('OPEN')
  expect((await place('rest2', 'BTC-USD', restingBuy(btcBid, 2))).status).toBe('OPEN')
  expect((await place('eth', 'ETH-USD', restingBuy(ethBid, 1))).status).toBe('OPEN')
  expect((await place('filled', 'BTC-USD', undefined)).status).toBe('FILLED')
  await engine.stop()
  store.close()
  // Placed at the venue behind the store's back: one with the bot's prefix (adopted), one foreign.
  for (const id of ['gt-adoptme', 'manual-1']) {
    await client.createOrder({
      client_order_id: id,
      product_id: 'BTC-USD',
      side: 'BUY',
      order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: restingBuy(btcBid, 3) } },
    })
  }
}, 60_000)

afterAll(async () => {
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

const venueStatus = (clientOrderId: string) =>
  (sim.control.orders() as unknown as VenueOrder[]).find((o) => o.client_order_id === clientOrderId)?.status

describe('orders cancel', () => {
  it('cancels by client order id and by exchange order id at the venue, and records it in the store', async () => {
    const result = await cli(
      [
        'orders',
        'cancel',
        ids.rest1!,
        ids['rest2.exchange']!,
        '--profile',
        'dev',
        '--state-dir',
        dir,
        '--json',
      ],
      env,
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const rows = JSON.parse(result.stdout) as { id: string; clientOrderId: string; cancelled: boolean }[]
    expect(rows.map((r) => [r.clientOrderId, r.cancelled])).toEqual([
      [ids.rest1, true],
      [ids.rest2, true],
    ])
    expect(venueStatus(ids.rest1!)).toBe('CANCELLED')
    expect(venueStatus(ids.rest2!)).toBe('CANCELLED')
    const store = SqliteStore.open({ file: join(dir, 'dev', 'gpt-trader.sqlite') })
    try {
      expect(store.getOrder(ids.rest1!)?.status).toBe('CANCELLED')
      const phases = store
        .read()
        .filter((e) => e.type === 'order.cancel' && e.clientOrderId === ids.rest1)
        .map((e) => (e.type === 'order.cancel' ? e.phase : ''))
      expect(phases).toEqual(['requested', 'confirmed'])
    } finally {
      store.close()
    }
  })

  it('reports per id why an order was not cancelled, and exits 1', async () => {
    const result = await cli(
      ['orders', 'cancel', ids.filled!, 'gt-nope', '--profile', 'dev', '--state-dir', dir],
      env,
    )
    expect(result.code).toBe(1)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^id\s+symbol\s+result$/)
    expect(lines[1]).toContain('not cancelled: ORDER_NOT_OPEN: FILLED')
    expect(lines[2]).toMatch(/^gt-nope\s+-\s+not cancelled: NOT_FOUND: unknown to the store and the venue$/)
  })

  it("--all --symbol cancels the store's working orders and adopts the venue's own-prefix ones; foreign orders stay", async () => {
    const result = await cli(
      ['orders', 'cancel', '--all', '--symbol', 'BTC-USD', '--profile', 'dev', '--state-dir', dir, '--json'],
      env,
    )
    expect(result.code).toBe(0)
    const rows = JSON.parse(result.stdout) as { clientOrderId: string; cancelled: boolean }[]
    expect(rows).toEqual([expect.objectContaining({ clientOrderId: 'gt-adoptme', cancelled: true })])
    expect(venueStatus('gt-adoptme')).toBe('CANCELLED')
    expect(venueStatus('manual-1')).toBe('OPEN')
    expect(venueStatus(ids.eth!)).toBe('OPEN') // another symbol
    const store = SqliteStore.open({ file: join(dir, 'dev', 'gpt-trader.sqlite') })
    try {
      expect(store.getOrder('gt-adoptme')).toMatchObject({ status: 'CANCELLED', source: 'adopted' })
      expect(store.getOrder('manual-1')).toBeUndefined()
    } finally {
      store.close()
    }
    const rest = await cli(['orders', 'cancel', '--all', '--profile', 'dev', '--state-dir', dir], env)
    expect(rest.code).toBe(0)
    expect(rest.stdout).toMatch(new RegExp(`${ids.eth}\\s+ETH-USD\\s+cancelled`))
    expect(venueStatus(ids.eth!)).toBe('CANCELLED')
    const none = await cli(['orders', 'cancel', '--all', '--profile', 'dev', '--state-dir', dir], env)
    expect(none.stdout).toBe('no working orders to cancel\n')
  })

  it('bad usage exits 2 and names the option; the embedded sim has nothing to cancel', async () => {
    const noIds = await cli(['orders', 'cancel', '--state-dir', dir], env)
    expect(noIds.code).toBe(2)
    expect(noIds.stderr).toMatchInlineSnapshot(`
      "coinbase-trader: orders cancel: give one or more order ids, or --all
      "
    `)
    const both = await cli(['orders', 'cancel', 'x', '--all', '--state-dir', dir], env)
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--all')
    const symbol = await cli(['orders', 'cancel', 'x', '--symbol', 'BTC-USD', '--state-dir', dir], env)
    expect(symbol.code).toBe(2)
    expect(symbol.stderr).toContain('--symbol only filters --all')
    const embedded = await cli(['orders', 'cancel', 'x', '--state-dir', dir], {})
    expect(embedded.code).toBe(2)
    expect(embedded.stderr).toContain('broker sim, whose orders live only inside a running bot')
    const help = await cli(['orders', 'cancel', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: coinbase-trader orders cancel [options] [ids...]')
    for (const option of ['--all', '--symbol <id>', '--json', '--profile <name>'])
      expect(help.stdout).toContain(option)
  })
})
