import { generateKeyPairSync } from 'node:crypto'
import { type DisposableWsServer, loadFixture, startWsServer } from '@gpt-trader/test-utils'
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket as ServerSocket } from 'ws'
import type { BaseError } from '../errors/BaseError.js'
import { isCredentialsRequiredError, isParseError, isSchemaError, isWebSocketError } from '../errors/index.js'
import { type CoinbaseWebSocket, createCoinbaseWebSocket } from './createCoinbaseWebSocket.js'
import { OrderBookFeed } from './OrderBookFeed.js'

const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const keyName =
  'organizations/11111111-1111-1111-1111-111111111111/apiKeys/22222222-2222-2222-2222-222222222222'
const credentials = {
  apiKeyName: keyName,
  privateKey: ec.privateKey.export({ format: 'pem', type: 'sec1' }).toString(),
}
const publicPem = ec.publicKey.export({ format: 'pem', type: 'spki' }).toString()

interface Harness {
  server: DisposableWsServer
  /** Messages received per connection, parsed. */
  received: Record<string, unknown>[][]
  sockets: ServerSocket[]
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function harness(): Promise<Harness> {
  const received: Record<string, unknown>[][] = []
  const sockets: ServerSocket[] = []
  const server = await startWsServer((socket) => {
    const mine: Record<string, unknown>[] = []
    received.push(mine)
    sockets.push(socket)
    socket.on('message', (m) => mine.push(JSON.parse(String(m)) as Record<string, unknown>))
  })
  cleanups.push(() => server.close())
  return { server, received, sockets }
}

function client(
  url: string,
  extra: Partial<ConstructorParameters<typeof CoinbaseWebSocket>[0]> = {},
): CoinbaseWebSocket {
  const ws = createCoinbaseWebSocket({
    wsUrl: url,
    wsUserUrl: url,
    reconnectBaseMs: 2,
    reconnectMaxMs: 10,
    random: () => 0,
    ...extra,
  })
  const errors: BaseError[] = []
  ws.on('error', (e) => errors.push(e))
  cleanups.push(() => ws.close())
  return ws
}

async function until(predicate: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (predicate()) return
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error(`timed out waiting for ${what}`)
}

const l2 = (
  seq: number,
  type: 'snapshot' | 'update',
  updates: [string, string, string][],
  product = 'BTC-USD',
) =>
  JSON.stringify({
    channel: 'l2_data',
    timestamp: '2026-01-01T00:00:00Z',
    sequence_num: seq,
    events: [
      {
        type,
        product_id: product,
        updates: updates.map(([side, price_level, new_quantity]) => ({
          side,
          event_time: 't',
          price_level,
          new_quantity,
        })),
      },
    ],
  })
const heartbeat = (seq: number, counter = seq) =>
  JSON.stringify({
    channel: 'heartbeats',
    client_id: '',
    timestamp: 't',
    sequence_num: seq,
    events: [{ current_time: 'now', heartbeat_counter: counter }],
  })

describe('CoinbaseWebSocket', () => {
  it('subscribes heartbeats and each channel in its own message, with a fresh JWT on every one', async () => {
    const h = await harness()
    const ws = client(h.server.url, { credentials })
    await ws.subscribe('ticker', ['BTC-USD', 'ETH-USD'])
    await ws.subscribe('level2', ['BTC-USD'])
    await until(() => (h.received[0]?.length ?? 0) >= 3, 'three subscribes')
    const msgs = h.received[0] ?? []
    expect(msgs.map((m) => [m.type, m.channel, m.product_ids])).toEqual([
      ['subscribe', 'heartbeats', undefined],
      ['subscribe', 'ticker', ['BTC-USD', 'ETH-USD']],
      ['subscribe', 'level2', ['BTC-USD']],
    ])
    // Same shape as Coinbase's documented requests.
    const doc = loadFixture('ws/subscribe_level2_request.json') as Record<string, unknown>
    expect(Object.keys(msgs[2] ?? {}).sort()).toEqual(Object.keys(doc).sort())
    const jwts = msgs.map((m) => m.jwt as string)
    expect(new Set(jwts).size).toBe(3)
    const key = await importSPKI(publicPem, 'ES256')
    for (const jwt of jwts) {
      const { payload } = await jwtVerify(jwt, key, { issuer: 'cdp', subject: keyName })
      expect(payload.uri).toBeUndefined()
      expect(decodeProtectedHeader(jwt).kid).toBe(keyName)
    }
  })

  it('sends no jwt without credentials, and refuses user channels before sending anything', async () => {
    const h = await harness()
    const ws = client(h.server.url)
    const error = await ws.subscribe('user').then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(isCredentialsRequiredError(error)).toBe(true)
    expect((error as Error).message.split('\n')[0]).toMatchInlineSnapshot(
      `"WebSocket channel 'user' needs credentials, but the client was created without them."`,
    )
    await ws.subscribe('ticker', ['BTC-USD'])
    await until(() => (h.received[0]?.length ?? 0) >= 2)
    expect(h.received[0]?.every((m) => !('jwt' in m))).toBe(true)
  })

  it('reconnects after close 1001 and resubscribes everything with fresh JWTs', async () => {
    const h = await harness()
    const ws = client(h.server.url, { credentials })
    const reconnects: number[] = []
    ws.on('reconnect', (r) => reconnects.push(r.attempt))
    await ws.subscribe('level2', ['BTC-USD'])
    await ws.subscribe('market_trades', ['ETH-USD'])
    await until(() => (h.received[0]?.length ?? 0) >= 3)
    h.sockets[0]?.close(1001, 'going away')
    await until(() => (h.received[1]?.length ?? 0) >= 3, 'resubscribe')
    expect(reconnects).toEqual([1])
    const before = h.received[0] ?? []
    const after = h.received[1] ?? []
    expect(after.map((m) => [m.channel, m.product_ids])).toEqual(
      before.map((m) => [m.channel, m.product_ids]),
    )
    const key = await importSPKI(publicPem, 'ES256')
    for (const m of after) {
      expect(before.some((b) => b.jwt === m.jwt)).toBe(false)
      await expect(jwtVerify(m.jwt as string, key)).resolves.toBeTruthy()
    }
  })

  it('detects sequence gaps, ignores duplicates and out-of-order frames, and resyncs level2', async () => {
    const h = await harness()
    const ws = client(h.server.url)
    const beats: number[] = []
    const gaps: unknown[] = []
    ws.on('heartbeat', (b) => beats.push(b.counter))
    ws.on('gap', (g) => gaps.push(g))
    await ws.subscribe('level2', ['BTC-USD'])
    await until(() => (h.received[0]?.length ?? 0) >= 2)
    const s = h.sockets[0] as ServerSocket
    for (const seq of [0, 1, 1, 0, 2, 5, 3, 6]) s.send(heartbeat(seq))
    await until(() => beats.length >= 5, 'heartbeats')
    expect(beats).toEqual([0, 1, 2, 5, 6])
    expect(gaps).toEqual([{ connection: 'market', expected: 3, received: 5 }])
    expect(ws.stats.duplicatesIgnored).toBe(3)
    await until(() => (h.received[0]?.length ?? 0) >= 4, 'resync')
    expect(h.received[0]?.slice(2).map((m) => [m.type, m.channel, m.product_ids])).toEqual([
      ['unsubscribe', 'level2', ['BTC-USD']],
      ['subscribe', 'level2', ['BTC-USD']],
    ])
  })

  it('turns malformed frames and error frames into typed errors and keeps going', async () => {
    const h = await harness()
    const ws = createCoinbaseWebSocket({ wsUrl: h.server.url })
    cleanups.push(() => ws.close())
    const errors: BaseError[] = []
    const beats: number[] = []
    ws.on('error', (e) => errors.push(e))
    ws.on('heartbeat', (b) => beats.push(b.counter))
    await ws.subscribe('ticker', ['BTC-USD'])
    await until(() => (h.received[0]?.length ?? 0) >= 2)
    const s = h.sockets[0] as ServerSocket
    s.send('{not json')
    s.send(
      JSON.stringify({
        channel: 'ticker',
        timestamp: 't',
        sequence_num: 0,
        events: [{ type: 'update', tickers: [{ product_id: 'BTC-USD', price: 'abc' }] }],
      }),
    )
    s.send(l2(1, 'update', [['bid', '-1', '1']]))
    s.send(JSON.stringify(loadFixture('ws/error_authentication_failure.json')))
    s.send(JSON.stringify({ channel: 'constructor', timestamp: 't', sequence_num: 2, events: [] }))
    s.send(heartbeat(3, 42))
    await until(() => beats.length === 1, 'heartbeat after garbage')
    expect(beats).toEqual([42])
    expect(errors.map((e) => e.name)).toEqual([
      'ParseError',
      'SchemaError',
      'SchemaError',
      'WebSocketError',
      'SchemaError',
    ])
    expect(isParseError(errors[0])).toBe(true)
    expect(isSchemaError(errors[1])).toBe(true)
    expect(errors[1]?.message).toContain('tickers[0].price')
    expect(errors[2]?.message).toContain('events[0].updates[0].price_level')
    expect(isWebSocketError(errors[3])).toBe(true)
    expect((errors[3] as unknown as { serverMessage: string }).serverMessage).toBe('authentication failure')
    expect(errors[3]?.shortMessage).toMatchInlineSnapshot(
      `"Coinbase WebSocket error: authentication failure"`,
    )
    expect(ws.stats.malformed).toBe(4)
    expect(ws.stats.errorFrames).toBe(1)
    expect(ws.market.isOpen).toBe(true)
  })

  it('keeps running when a listener throws', async () => {
    const h = await harness()
    const ws = client(h.server.url)
    const errors: BaseError[] = []
    ws.on('error', (e) => errors.push(e))
    ws.on('heartbeat', () => {
      throw new Error('user bug')
    })
    await ws.subscribe('ticker', ['BTC-USD'])
    await until(() => (h.received[0]?.length ?? 0) >= 2)
    h.sockets[0]?.send(heartbeat(0))
    h.sockets[0]?.send(heartbeat(1))
    await until(() => errors.length >= 2)
    expect(errors[0]?.shortMessage).toBe("A 'heartbeat' listener threw")
    expect(ws.market.isOpen).toBe(true)
  })

  it('reconnects when the feed goes silent (watchdog)', async () => {
    const h = await harness()
    const ws = client(h.server.url, { watchdogMs: 40 })
    const closes: unknown[] = []
    ws.on('close', (c) => closes.push(c))
    await ws.subscribe('ticker', ['BTC-USD'])
    await until(() => h.received.length >= 2, 'second connection')
    expect(closes[0]).toEqual({ connection: 'market', code: 4000, reason: 'watchdog', willReconnect: true })
  })

  it('streams events as an async iterator', async () => {
    const h = await harness()
    const ws = client(h.server.url)
    await ws.subscribe('market_trades', ['BTC-USD'])
    await until(() => (h.received[0]?.length ?? 0) >= 2)
    const trades = loadFixture('ws/market_trades.json') as { sequence_num: number }
    h.sockets[0]?.send(JSON.stringify({ ...trades, sequence_num: 0 }))
    const got: string[] = []
    for await (const trade of ws.stream('trades')) {
      got.push(
        `${trade.product_id} ${trade.price.toString()} ${trade.size.toString()} ${trade.time.toISOString()}`,
      )
      break
    }
    expect(got).toEqual(['BTC-USD 83277.26 0.00058346 2026-09-30T02:39:53.977Z'])
    const it2 = ws.stream('ticker')
    ws.close()
    await expect(it2.next()).resolves.toEqual({ value: undefined, done: true })
  })
})

describe('OrderBookFeed over a throwaway server', () => {
  it('builds books, ignores updates while out of sync and resyncs on a gap', async () => {
    const h = await harness()
    const ws = client(h.server.url)
    const feed = new OrderBookFeed(ws)
    cleanups.push(() => feed.close())
    await feed.add(['BTC-USD'])
    await until(() => (h.received[0]?.length ?? 0) >= 2)
    const s = h.sockets[0] as ServerSocket
    s.send(
      l2(0, 'snapshot', [
        ['bid', '100', '1'],
        ['offer', '101', '2'],
      ]),
    )
    s.send(l2(1, 'update', [['bid', '100.5', '3']]))
    const book = await feed.whenSynced('BTC-USD')
    await until(() => book.bestBid()?.priceString === '100.5')
    s.send(l2(3, 'update', [['bid', '100.7', '3']])) // gap: 2 is missing
    await until(() => (h.received[0]?.length ?? 0) >= 4, 'resubscribe')
    expect(feed.isSynced('BTC-USD')).toBe(false)
    s.send(l2(4, 'update', [['bid', '100.8', '3']])) // ignored: waiting for the snapshot
    s.send(
      l2(5, 'snapshot', [
        ['bid', '99', '1'],
        ['offer', '102', '2'],
      ]),
    )
    await until(() => feed.isSynced('BTC-USD'))
    expect(feed.book('BTC-USD')?.toArrays()).toEqual({ bids: [['99', '1']], asks: [['102', '2']] })
    expect(feed.resyncs).toBe(1)
  })

  it('unsyncs the book when a level2 frame cannot be parsed, until the fresh snapshot (regression)', async () => {
    const h = await harness()
    const ws = client(h.server.url)
    const resyncs: string[] = []
    ws.on('resync', (info) => resyncs.push(info.reason))
    const feed = new OrderBookFeed(ws)
    cleanups.push(() => feed.close())
    await feed.add(['BTC-USD'])
    await until(() => (h.received[0]?.length ?? 0) >= 2)
    const s = h.sockets[0] as ServerSocket
    s.send(
      l2(0, 'snapshot', [
        ['bid', '100', '1'],
        ['offer', '101', '2'],
      ]),
    )
    await feed.whenSynced('BTC-USD')
    // A truncated level2 frame: its update is lost, so the book must not be trusted any more.
    const lost = l2(1, 'update', [['bid', '100.5', '3']])
    s.send(lost.slice(0, Math.floor(lost.length / 2)))
    await until(() => resyncs.length === 1, 'resync')
    expect(resyncs).toEqual(['malformed'])
    expect(feed.isSynced('BTC-USD')).toBe(false)
    expect(ws.stats.malformed).toBe(1)
    await until(() => (h.received[0]?.length ?? 0) >= 4, 'resubscribe')
    expect((h.received[0] ?? []).slice(2).map((m) => [m.type, m.channel])).toEqual([
      ['unsubscribe', 'level2'],
      ['subscribe', 'level2'],
    ])
    s.send(l2(2, 'snapshot', [['bid', '100.5', '3']]))
    await until(() => feed.isSynced('BTC-USD'))
    expect(feed.book('BTC-USD')?.toArrays()).toEqual({ bids: [['100.5', '3']], asks: [] })
  })

  it('signs JWTs with authClock while the watchdog runs on clock', async () => {
    const h = await harness()
    const venue = Date.UTC(2030, 0, 1)
    const ws = client(h.server.url, { credentials, authClock: { now: () => venue } })
    await ws.subscribe('heartbeats')
    await until(() => (h.received[0]?.length ?? 0) >= 1)
    const jwt = (h.received[0]?.[0]?.jwt ?? '') as string
    const key = await importSPKI(publicPem, 'ES256')
    const { payload } = await jwtVerify(jwt, key, { currentDate: new Date(venue) })
    expect(payload.nbf).toBe(venue / 1000)
    expect(ws.market.isOpen).toBe(true)
  })
})
