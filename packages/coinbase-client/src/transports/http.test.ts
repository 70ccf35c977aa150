import { EventEmitter } from 'node:events'
import { startHttpServer } from '@gpt-trader/test-utils'
import { decodeJwt, jwtVerify } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { caught } from '../../test/rest-helpers/caught.js'
import { makeEcKey, makeEdKey } from '../../test/rest-helpers/keys.js'
import { fakeTime } from '../../test/rest-helpers/timing.js'
import {
  type CoinbaseClientConfig,
  createCoinbaseClient as createClient,
} from '../client/createCoinbaseClient.js'
import {
  isAuthenticationError,
  isBadSymbolError,
  isCredentialsRequiredError,
  isExchangeNotAvailableError,
  isOrderNotFoundError,
  isParseError,
  isPermissionDeniedError,
  isRateLimitExceededError,
  isRequestAbortedError,
  isRequestTimeoutError,
  isSchemaError,
} from '../errors/guards.js'
import { type NodeHttpSender, nodeHttpSender } from '../node/nodeHttpSender.js'

type Server = Awaited<ReturnType<typeof startHttpServer>>
const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})
async function serve(handler: Parameters<typeof startHttpServer>[0]): Promise<Server> {
  const server = await startHttpServer(handler)
  servers.push(server)
  return server
}

const time = JSON.stringify({
  iso: '2026-01-01T00:00:00Z',
  epochSeconds: '1767225600',
  epochMillis: '1767225600000',
})

// Every test runs over both senders: the default (ky over fetch) and node:http.
const nodeSenders: NodeHttpSender[] = []
afterEach(() => {
  for (const s of nodeSenders.splice(0)) s.close()
})
const senders = [
  ['fetch (ky)', () => undefined],
  [
    'node:http',
    () => {
      const send = nodeHttpSender()
      nodeSenders.push(send)
      return send
    },
  ],
] as const

for (const [name, makeSender] of senders) describeTransport(name, makeSender)

function describeTransport(name: string, makeSender: () => NodeHttpSender | undefined): void {
  describe(`http transport over ${name}`, () => {
    const createCoinbaseClient = (config: CoinbaseClientConfig = {}) => {
      const send = makeSender()
      return createClient(send === undefined ? config : { ...config, send })
    }
    it('429 → backs off (honouring Retry-After) and then succeeds', async () => {
      let calls = 0
      const server = await serve((_req, res) => {
        calls++
        if (calls <= 2) {
          res.writeHead(429, calls === 1 ? { 'retry-after': '2' } : { 'content-type': 'text/html' })
          res.end(calls === 1 ? '' : '<html><body>Too Many Requests</body></html>')
          return
        }
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(time)
      })
      const t = fakeTime()
      const client = createCoinbaseClient({ baseUrl: server.url, ...t, random: () => 0.5 })
      const result = await client.getServerTime()
      expect(result.epochSeconds).toBe(1767225600)
      expect(server.requests).toHaveLength(3)
      // First pause honours Retry-After (2 s); second is exponential backoff with jitter: 250*2 → 375 at random 0.5.
      expect(t.delays).toEqual([2000, 375])
    })

    it('gives up after the configured retries with a RateLimitExceeded that keeps HTML out of the message', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(429, { 'content-type': 'text/html' })
        res.end('<!DOCTYPE html><html><body><h1>429 Too Many Requests</h1></body></html>')
      })
      const t = fakeTime()
      const client = createCoinbaseClient({ baseUrl: server.url, ...t, retry: { retries: 2 } })
      const error = await caught(client.getServerTime())
      expect(isRateLimitExceededError(error)).toBe(true)
      expect(server.requests).toHaveLength(3)
      expect(error.message).toMatchInlineSnapshot(
        `"Rate limit exceeded (HTTP 429) for GET /api/v3/brokerage/time"`,
      )
    })

    it('401 is not retried and says what to check', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(401, { 'content-type': 'text/plain' })
        res.end('Unauthorized')
      })
      const key = makeEcKey()
      const client = createCoinbaseClient({
        baseUrl: server.url,
        credentials: { apiKeyName: 'organizations/o/apiKeys/k', privateKey: key.sec1Pem },
        ...fakeTime(),
      })
      const error = await caught(client.listAccounts())
      expect(isAuthenticationError(error)).toBe(true)
      expect(server.requests).toHaveLength(1)
      expect(error.message).toMatchInlineSnapshot(`
      "Coinbase refused the credentials (HTTP 401) for GET /api/v3/brokerage/accounts

      Details: Check the key name (kid/sub), the key type, and that the local clock is in sync (JWT nbf/exp)."
    `)
    })

    it('5xx is retried with exponential backoff', async () => {
      let calls = 0
      const server = await serve((_req, res) => {
        calls++
        res.writeHead(calls < 3 ? 503 : 200, { 'content-type': 'application/json' })
        res.end(calls < 3 ? '{"error":"UNAVAILABLE"}' : time)
      })
      const t = fakeTime()
      const client = createCoinbaseClient({ baseUrl: server.url, ...t, random: () => 0 })
      await client.getServerTime()
      expect(t.delays).toEqual([125, 250])
    })

    it('a timeout is retried for reads and ends as RequestTimeout', async () => {
      const server = await serve(() => {
        // never answers
      })
      const t = fakeTime()
      // 150 ms, not less: on a busy machine the in-process server must see each request before it times out.
      const client = createCoinbaseClient({
        baseUrl: server.url,
        ...t,
        timeoutMs: 150,
        retry: { retries: 1 },
      })
      const error = await caught(client.getServerTime())
      expect(isRequestTimeoutError(error)).toBe(true)
      expect(server.requests).toHaveLength(2)
      expect(error.message).toMatchInlineSnapshot(`"No answer within 150 ms for GET /api/v3/brokerage/time"`)
    })

    it('the timeout also covers a body that stops half-way', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{"iso":"2026-01-01T00:00:00Z",')
        // ...and the rest never comes.
      })
      const client = createCoinbaseClient({ baseUrl: server.url, ...fakeTime(), timeoutMs: 60, retry: false })
      const error = await caught(client.getServerTime())
      expect(isRequestTimeoutError(error)).toBe(true)
    })

    it('maps Coinbase error bodies to the taxonomy', async () => {
      const bodies: Record<string, [number, string]> = {
        '/api/v3/brokerage/market/products/NOPE-USD': [
          404,
          '{"error":"NOT_FOUND","message":"Product NOPE-USD not supported"}',
        ],
        '/api/v3/brokerage/orders/historical/x': [
          404,
          '{"error":"unknown","error_details":"order with this orderID was not found","message":"order with this orderID was not found"}',
        ],
        '/api/v3/brokerage/accounts': [
          403,
          '{"error":"PERMISSION_DENIED","error_details":"Missing required scopes","message":"Missing required scopes"}',
        ],
        '/api/v3/brokerage/time': [500, 'oops'],
      }
      const server = await serve((req, res) => {
        const [status, body] = bodies[(req.url ?? '').split('?')[0]!] ?? [200, '{}']
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(body)
      })
      const key = makeEdKey()
      const client = createCoinbaseClient({
        baseUrl: server.url,
        credentials: { apiKeyName: 'k', privateKey: key.base64Pair },
        retry: false,
        ...fakeTime(),
      })
      const symbol = await caught(client.getPublicProduct({ product_id: 'NOPE-USD' }))
      const order = await caught(client.getOrder({ order_id: 'x' }))
      const perm = await caught(client.listAccounts())
      const down = await caught(client.getServerTime())
      expect([isBadSymbolError(symbol), isOrderNotFoundError(order), isPermissionDeniedError(perm)]).toEqual([
        true,
        true,
        true,
      ])
      expect(isExchangeNotAvailableError(down)).toBe(true)
      expect({ symbol: symbol.message, order: order.message, perm: perm.message }).toMatchInlineSnapshot(`
      {
        "order": "Order not found (HTTP 404) for GET /api/v3/brokerage/orders/historical/x

      Details: order with this orderID was not found",
        "perm": "Permission denied (HTTP 403) for GET /api/v3/brokerage/accounts

      Details: Missing required scopes",
        "symbol": "Unknown product (HTTP 404) for GET /api/v3/brokerage/market/products/NOPE-USD

      Details: Product NOPE-USD not supported",
      }
    `)
      expect((perm as { coinbaseError?: string }).coinbaseError).toBe('PERMISSION_DENIED')
    })

    it('private calls without credentials fail before any request; public calls work', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(time)
      })
      const client = createCoinbaseClient({ baseUrl: server.url })
      const error = await caught(client.listAccounts())
      expect(isCredentialsRequiredError(error)).toBe(true)
      expect(isAuthenticationError(error)).toBe(true)
      expect(server.requests).toHaveLength(0)
      expect(error.message).toMatchInlineSnapshot(`
      "listAccounts needs credentials, but the client was created without them.

      Details: Pass \`credentials: { apiKeyName, privateKey }\` to createCoinbaseClient, or call the public market/* actions."
    `)
      await client.getServerTime()
      expect(server.requests).toHaveLength(1)
      expect(server.requests[0]?.headers.authorization).toBeUndefined()
    })

    it('signs a fresh JWT per request with uri = METHOD host/path (no query); arrays become repeated keys', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"orders":[],"has_next":false,"cursor":""}')
      })
      const key = makeEcKey()
      const name = 'organizations/org/apiKeys/key'
      const client = createCoinbaseClient({
        baseUrl: server.url,
        credentials: { apiKeyName: name, privateKey: key.sec1Pem },
      })
      await client.listOrders({ product_ids: ['BTC-USD', 'ETH-USD'], order_status: ['OPEN'], limit: 5 })
      await client.listOrders({ product_ids: ['BTC-USD'] })
      const [a, b] = server.requests
      expect(a?.url).toBe(
        '/api/v3/brokerage/orders/historical/batch?product_ids=BTC-USD&product_ids=ETH-USD&order_status=OPEN&limit=5',
      )
      const tokenA = String(a?.headers.authorization).replace(/^Bearer /, '')
      const tokenB = String(b?.headers.authorization).replace(/^Bearer /, '')
      expect(tokenA).not.toBe(tokenB)
      const { payload } = await jwtVerify(tokenA, key.publicKey)
      expect(payload.uri).toBe(`GET 127.0.0.1:${server.port}/api/v3/brokerage/orders/historical/batch`)
      expect(payload.sub).toBe(name)
    })

    it('non-JSON success bodies raise ParseError; schema mismatches raise SchemaError naming the field', async () => {
      let n = 0
      const server = await serve((_req, res) => {
        n++
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          n === 1
            ? '<html>gateway</html>'
            : '{"iso":"2026-01-01T00:00:00Z","epochSeconds":"x","epochMillis":"1"}',
        )
      })
      const client = createCoinbaseClient({ baseUrl: server.url, retry: false })
      const parse = await caught(client.getServerTime())
      const schema = await caught(client.getServerTime())
      expect(isParseError(parse)).toBe(true)
      expect(isSchemaError(schema)).toBe(true)
      expect({ parse: parse.message, schema: schema.message }).toMatchInlineSnapshot(`
      {
        "parse": "Coinbase sent a response that is not JSON for GET /api/v3/brokerage/time

      Details: HTTP 200, 20 bytes, starting "<html>gateway</html>"",
        "schema": "Unexpected payload from GET /api/v3/brokerage/time: 1 field does not match

      - epochSeconds: expected an integer, got "x"",
      }
    `)
    })

    it('an AbortSignal cancels the request with RequestAborted', async () => {
      const server = await serve(() => {
        // never answers
      })
      const client = createCoinbaseClient({ baseUrl: server.url })
      const controller = new AbortController()
      const pending = client.getServerTime({}, { signal: controller.signal })
      setTimeout(() => controller.abort(new Error('user gave up')), 20)
      const error = await caught(pending)
      expect(isRequestAbortedError(error)).toBe(true)
    })

    it('a timeout closes the connection (the socket is released) and a user abort still wins over it', async () => {
      const server = await serve(() => {
        // never answers
      })
      let closed = 0
      server.server.on('connection', (socket) => socket.on('close', () => closed++))
      const client = createCoinbaseClient({
        baseUrl: server.url,
        ...fakeTime(),
        timeoutMs: 100,
        retry: false,
      })
      const error = await caught(client.getServerTime())
      expect(isRequestTimeoutError(error)).toBe(true)
      for (let i = 0; i < 50 && closed === 0; i++) await new Promise((r) => setTimeout(r, 5))
      expect(closed).toBe(1)

      const controller = new AbortController()
      const pending = client.getServerTime({}, { signal: controller.signal, timeoutMs: 10_000 })
      setTimeout(() => controller.abort(new Error('user gave up')), 10)
      expect(isRequestAbortedError(await caught(pending))).toBe(true)
    })

    it('concurrent calls time out independently: only the one still pending times out', async () => {
      const server = await serve((req, res) => {
        if (req.url?.includes('hang')) return // never answers
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(time)
      })
      const client = createCoinbaseClient({
        baseUrl: server.url,
        timeoutMs: 150,
        retry: false,
        rateLimit: false,
      })
      const started = Date.now()
      const [hung, answered] = await Promise.allSettled([
        client.request({ method: 'GET', path: '/hang', auth: 'public' }),
        client.getServerTime(),
      ])
      expect(hung.status).toBe('rejected')
      expect(isRequestTimeoutError((hung as PromiseRejectedResult).reason)).toBe(true)
      expect(Date.now() - started).toBeGreaterThanOrEqual(150)
      expect(answered.status).toBe('fulfilled')
      // A timeout leaves nothing behind that could abort the next call.
      await expect(client.getServerTime()).resolves.toMatchObject({ epochSeconds: 1767225600 })
    })

    it('an AbortSignal works without a timeout, and finished calls leave no listener on it', async () => {
      let answer = true
      const server = await serve((_req, res) => {
        if (!answer) return
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(time)
      })
      const controller = new AbortController()
      const client = createCoinbaseClient({ baseUrl: server.url, rateLimit: false })
      for (let i = 0; i < 3; i++) await client.getServerTime({}, { signal: controller.signal })
      expect(EventEmitter.getEventListeners(controller.signal, 'abort')).toHaveLength(0)

      answer = false
      const noTimeout = createCoinbaseClient({ baseUrl: server.url, timeoutMs: 0, rateLimit: false })
      const pending = noTimeout.getServerTime({}, { signal: controller.signal })
      setTimeout(() => controller.abort(new Error('user gave up')), 10)
      expect(isRequestAbortedError(await caught(pending))).toBe(true)
      expect(server.requests.length).toBeGreaterThanOrEqual(3)
    })

    it('a whitespace-only success body reads as an empty object', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(' \n ')
      })
      const client = createCoinbaseClient({ baseUrl: server.url, rateLimit: false })
      await expect(client.request({ method: 'GET', path: '/x', auth: 'public' })).resolves.toEqual({})
    })

    it('rate limits client-side: the 11th public call in a burst waits for a token', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(time)
      })
      const t = fakeTime()
      const client = createCoinbaseClient({ baseUrl: server.url, ...t })
      await Promise.all(Array.from({ length: 11 }, () => client.getServerTime()))
      expect(server.requests).toHaveLength(11)
      expect(t.delays).toEqual([100])
    })

    it('venueClock signs; the buckets stay on clock, so a venue offset jumping back never stalls them', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"accounts":[],"has_next":false,"cursor":"","size":0}')
      })
      const t = fakeTime()
      let offsetMs = 0
      const key = makeEcKey()
      const client = createCoinbaseClient({
        baseUrl: server.url,
        credentials: { apiKeyName: 'organizations/o/apiKeys/k', privateKey: key.sec1Pem },
        ...t,
        venueClock: { now: () => t.clock.now() + offsetMs },
      })
      await client.listAccounts({})
      offsetMs = -60_000 // the venue turns out to be a minute behind the local clock
      await Promise.all(Array.from({ length: 31 }, () => client.listAccounts({})))
      expect(server.requests).toHaveLength(32)
      // Two tokens short after the burst of 30: two refill waits of ~1/30 s on the local clock, not a
      // minute's stall while the venue clock catches up with the buckets' last refill.
      expect(t.delays).toEqual([34, 33])
      const nbf = (token: unknown) => decodeJwt(String(token).replace(/^Bearer /, '')).nbf
      const start = Date.UTC(2026, 0, 1) / 1000
      expect(nbf(server.requests[0]?.headers.authorization)).toBe(start)
      expect(nbf(server.requests[1]?.headers.authorization)).toBe(start - 60)
    })

    it('never puts key material or the JWT into an error', async () => {
      const server = await serve((req, res) => {
        const status = req.url?.includes('accounts') ? 401 : req.url?.includes('portfolios') ? 403 : 500
        res.writeHead(status, { 'content-type': 'text/plain' })
        res.end(status === 401 ? 'Unauthorized' : 'nope')
      })
      const ec = makeEcKey()
      const ed = makeEdKey()
      const secrets = [...ec.sec1Pem.split('\n').filter((l) => l.length > 20), ed.base64Pair, ed.base64Seed]
      const messages: string[] = []
      for (const privateKey of [ec.sec1Pem, ed.base64Pair]) {
        const client = createCoinbaseClient({
          baseUrl: server.url,
          credentials: { apiKeyName: 'k', privateKey },
          retry: false,
        })
        for (const call of [
          () => client.listAccounts(),
          () => client.listPortfolios(),
          () => client.getKeyPermissions(),
        ]) {
          const error = await caught(call())
          messages.push(error.message, JSON.stringify(error), String((error as { details?: string }).details))
        }
      }
      const auth = server.requests.map((r) => String(r.headers.authorization).replace(/^Bearer /, ''))
      for (const text of messages) {
        for (const secret of [...secrets, ...auth]) expect(text).not.toContain(secret)
      }
      expect(messages.length).toBe(18)
    })
  })
}
