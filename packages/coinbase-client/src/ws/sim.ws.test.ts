import { createPrivateKey, createPublicKey } from 'node:crypto'
import { type CoinbaseSim, startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { importSPKI, jwtVerify } from 'jose'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { BaseError } from '../errors/BaseError.js'
import { type CoinbaseWebSocket, createCoinbaseWebSocket } from './createCoinbaseWebSocket.js'
import { OrderBookFeed } from './OrderBookFeed.js'
import type { UserFill } from './types.js'
import { UserFillTracker } from './UserFillTracker.js'

/** Records every message the client sends, per socket. */
const sent: Record<string, unknown>[][] = []
class RecordingWebSocket extends WebSocket {
  constructor(url: string) {
    super(url)
    const mine: Record<string, unknown>[] = []
    sent.push(mine)
    const send = this.send.bind(this)
    this.send = ((data: string) => {
      mine.push(JSON.parse(data) as Record<string, unknown>)
      send(data)
    }) as typeof this.send
  }
}

let sim: CoinbaseSim
let ws: CoinbaseWebSocket
const errors: BaseError[] = []

beforeEach(async () => {
  sent.length = 0
  errors.length = 0
  sim = await startCoinbaseSim({ products: ['BTC-USD', 'ETH-USD'], seed: 7 })
  const ec = sim.credentials.find((c) => c.algorithm === 'ES256')
  ws = createCoinbaseWebSocket({
    wsUrl: sim.wsUrl,
    wsUserUrl: sim.wsUserUrl,
    credentials: ec,
    // JWTs must be valid in the sim's (manual) time.
    clock: { now: () => sim.control.now() },
    reconnectBaseMs: 2,
    reconnectMaxMs: 10,
    watchdogMs: 60_000,
    WebSocket: RecordingWebSocket,
  })
  ws.on('error', (e) => errors.push(e))
})

afterEach(async () => {
  ws.close()
  await sim.close()
})

async function until(predicate: () => boolean, what: string, tick?: () => void): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (predicate()) return
    tick?.()
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('WebSocket against @gpt-trader/coinbase-sim', () => {
  it('reconnects after close 1001 and resubscribes with fresh, valid JWTs', async () => {
    const acks: Record<string, string[]>[] = []
    ws.on('subscriptions', (s) => acks.push(s))
    await ws.subscribe('user')
    await ws.subscribe('level2', ['BTC-USD'])
    await until(() => acks.some((a) => 'user' in a) && acks.some((a) => 'level2' in a), 'first acks')
    const opens: string[] = []
    ws.on('open', (o) => opens.push(o.connection))
    acks.length = 0
    sim.control.injectFault({ kind: 'wsDisconnect', code: 1001 })
    await until(
      () => opens.length === 2 && acks.some((a) => 'user' in a) && acks.some((a) => 'level2' in a),
      'resubscribed',
    )
    expect(opens.sort()).toEqual(['market', 'user'])
    const ecKey = sim.credentials.find((c) => c.algorithm === 'ES256')
    const publicKey = await importSPKI(
      createPublicKey(createPrivateKey(ecKey?.privateKey ?? ''))
        .export({ format: 'pem', type: 'spki' })
        .toString(),
      'ES256',
    )
    const userSubs = sent.flat().filter((m) => m.channel === 'user' && m.type === 'subscribe')
    expect(userSubs.length).toBe(2)
    const [first, second] = userSubs.map((m) => m.jwt as string)
    expect(second).not.toBe(first)
    for (const jwt of [first, second]) {
      const { payload } = await jwtVerify(jwt ?? '', publicKey, { currentDate: new Date(sim.control.now()) })
      expect(payload.sub).toBe(ecKey?.apiKeyName)
      expect((payload.exp ?? 0) - (payload.nbf ?? 0)).toBe(120)
    }
    expect(errors.filter((e) => e.name !== 'WebSocketError')).toEqual([])
  })

  it('a skipped sequence number triggers a resync and the book then equals the sim book', async () => {
    const feed = new OrderBookFeed(ws)
    const gaps: unknown[] = []
    ws.on('gap', (g) => gaps.push(g))
    await feed.add(['BTC-USD'])
    await feed.whenSynced('BTC-USD')
    sim.control.injectFault({ kind: 'wsSkipSequence', count: 1 })
    await until(
      () => gaps.length > 0 && feed.isSynced('BTC-USD'),
      'gap and resync',
      () => sim.control.advance(250),
    )
    expect(feed.resyncs).toBeGreaterThanOrEqual(1)
    sim.control.clearFaults()
    sim.control.advance(3_000)
    const book = feed.book('BTC-USD')
    await until(
      () => JSON.stringify(book?.toArrays()) === JSON.stringify(sim.control.book('BTC-USD')),
      'book equal',
    )
    expect(book?.toArrays()).toEqual(sim.control.book('BTC-USD'))
    expect(book?.bidCount).toBeGreaterThan(0)
    feed.close()
  })

  it('ignores duplicated frames and survives malformed ones', async () => {
    const feed = new OrderBookFeed(ws)
    await feed.add(['BTC-USD'])
    await feed.whenSynced('BTC-USD')
    sim.control.injectFault({ kind: 'wsDuplicate', count: 3 })
    await until(
      () => ws.stats.duplicatesIgnored >= 3,
      'duplicates seen',
      () => sim.control.advance(500),
    )
    expect(ws.stats.gaps).toBe(0)
    expect(feed.resyncs).toBe(0)
    sim.control.injectFault({ kind: 'wsMalformed', count: 2 })
    await until(
      () => ws.stats.malformed >= 2,
      'malformed seen',
      () => sim.control.advance(500),
    )
    sim.control.clearFaults()
    await until(
      () => feed.isSynced('BTC-USD'),
      'resynced',
      () => sim.control.advance(500),
    )
    const book = feed.book('BTC-USD')
    await until(
      () => JSON.stringify(book?.toArrays()) === JSON.stringify(sim.control.book('BTC-USD')),
      'book equal',
    )
    expect(errors.some((e) => e.name === 'ParseError' || e.name === 'SchemaError')).toBe(true)
    expect(ws.market.isOpen).toBe(true)
    feed.close()
  })

  it('derives per-fill events from the user channel, without duplicates after a reconnect', async () => {
    const tracker = new UserFillTracker(ws)
    const fills: UserFill[] = []
    ws.on('fill', (f) => fills.push(f))
    const acks: Record<string, string[]>[] = []
    ws.on('subscriptions', (s) => acks.push(s))
    await ws.subscribe('user')
    await until(() => acks.some((a) => 'user' in a), 'user ack')
    // A market order through the sim's REST API, signed like the client does.
    const { createRestJwt } = await import('../auth/jwt.js')
    const ec = sim.credentials.find((c) => c.algorithm === 'ES256')
    const url = `${sim.restUrl}/api/v3/brokerage/orders`
    const jwt = await createRestJwt(ec ?? '', { method: 'POST', url }, { now: () => sim.control.now() })
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        client_order_id: 'fill-test-1',
        product_id: 'BTC-USD',
        side: 'BUY',
        order_configuration: { market_market_ioc: { base_size: '0.01' } },
      }),
    })
    expect(res.status).toBe(200)
    await until(
      () => fills.reduce((s, f) => s + f.size.toNumber(), 0) >= 0.01 - 1e-12,
      'fills',
      () => sim.control.advance(100),
    )
    const total = fills.reduce((s, f) => s.plus(f.size), fills[0]?.size.minus(fills[0].size) ?? ({} as never))
    expect(total.toString()).toBe('0.01')
    const order = sim.control
      .orders()
      .find((o) => (o as { client_order_id?: string }).client_order_id === 'fill-test-1') as
      | { filled_value?: string; average_filled_price?: string }
      | undefined
    const notional = fills.reduce((s, f) => s.plus(f.size.times(f.price)), total.minus(total))
    expect(notional.toNumber()).toBeCloseTo(Number(order?.filled_value ?? Number.NaN), 6)
    const count = fills.length
    // Reconnect: the sim replays the user snapshot; no fill may be emitted twice.
    acks.length = 0
    sim.control.injectFault({ kind: 'wsDisconnect', code: 1001 })
    await until(() => acks.some((a) => 'user' in a), 'user ack after reconnect')
    sim.control.advance(1_000)
    await new Promise((r) => setTimeout(r, 20))
    expect(fills.length).toBe(count)
    expect(new Set(fills.map((f) => f.fillId)).size).toBe(count)
    tracker.close()
  })
})
