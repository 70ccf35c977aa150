import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { WebSocketServer } from 'ws'
import { verifyJwt } from './auth.js'
import { CoinbaseSimError } from './CoinbaseSimError.js'
import { createManualClock, type ManualClock, type SimClock } from './clock.js'
import { simErrorCodes } from './codes.js'
import { type ActiveFault, faultMatches, type SimFault } from './faults.js'
import type { SimCredential } from './keys.js'
import type { EngineRetention } from './MatchingEngine.js'
import { fmt } from './money.js'
import { DEFAULT_PRODUCTS } from './products.js'
import { RateLimiter } from './RateLimiter.js'
import { loadCandleCsv } from './replay.js'
import { buildRoutes, matchRoute, type RestResult } from './restApi.js'
import { type SimAccountConfig, SimExchange } from './SimExchange.js'
import type { Json } from './views.js'
import { orderView } from './views.js'
import { WsHub } from './WsHub.js'

/** Options of {@link startCoinbaseSim}. */
export interface CoinbaseSimOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number
  /** Products to list (default BTC-USD, ETH-USD); any of BTC ETH SOL XRP LTC ADA DOGE BCH AVAX LINK vs USD. */
  products?: string[]
  /** Seed of every random choice (default 42). */
  seed?: number
  /** Injected clock. Default: a manual clock at 2026-01-01T00:00:00Z (or wall time when `realtime`). */
  clock?: SimClock
  /** Drive the market from real timers (the CLI does), `speed` sim seconds per real second. */
  realtime?: boolean
  speed?: number
  /** Accounts (default: one with USD 100000, BTC 1, ETH 10 and an ES256 + an EdDSA key). */
  accounts?: SimAccountConfig[]
  /** Serve FUTURE products (BTC-PERP-INTX) and the cfm endpoints. Default false. */
  derivatives?: boolean
  /** Coinbase candle CSV to replay as the first product's price path. */
  replay?: string
  makerFeeRate?: string
  takerFeeRate?: string
  /**
   * Coinbase-like rate limits (30 private req/s per key, 10 public req/s per IP → 429).
   * Default false for the library (tests hammer the sim), true in the CLI.
   */
  rateLimits?: boolean
  /**
   * Clock used for JWT nbf/exp checks: 'sim' (default; tokens must be minted from the sim's time,
   * e.g. via `GET /time`) or 'wall' (Date.now(), for third-party clients that sign with real time).
   * Realtime mode defaults to 'wall'.
   */
  authClock?: 'sim' | 'wall'
  /**
   * How much finished history the exchange keeps (finished user orders, user fills, public trades per
   * product); open orders are always kept. Default `ENGINE_RETENTION`.
   *
   * @example
   * startCoinbaseSim({ retention: { terminalOrders: 200, fills: 500 } }) // a small embedded sim
   */
  retention?: Partial<EngineRetention> | undefined
}

/** Test and tooling hooks of a running sim. */
export interface SimControl {
  /** Moves the manual clock by `ms` and runs the market (quotes, trades, WS, expiry, stops) for that span. */
  advance(ms: number): void
  /** Current aggregated L2 book, best first. */
  book(productId: string): { bids: [string, string][]; asks: [string, string][] }
  /** Every order of the configured accounts, as Coinbase order objects. */
  orders(): Json[]
  /** Balances of the default (first) account. */
  balances(): Record<string, { available: string; hold: string }>
  /** Injects a fault; returns a remover. */
  injectFault(fault: SimFault): () => void
  clearFaults(): void
  /** The sim's current time (ms), including clock skew. */
  now(): number
  /** The sim's clock without the `clockSkew` fault: what a client's own clock reads. */
  localNow(): number
  /**
   * The last REST requests received (at most 1,000, oldest first): wall-clock arrival time, method,
   * path and the status answered (`0` when no answer was sent: `hang`, `dropResponse`).
   */
  requests(): readonly SimRequestRecord[]
}

/** One REST request as the sim saw it (see {@link SimControl.requests}). */
export interface SimRequestRecord {
  /** `Date.now()` on arrival (real time, for request-rate checks). */
  wallMs: number
  method: string
  path: string
  status: number
}

// Enough for tests that count requests over a few cycles; a long-running embedded sim keeps ~0.1 MB.
const REQUEST_LOG_LIMIT = 1_000

/** A running sim. */
export interface CoinbaseSim {
  restUrl: string
  wsUrl: string
  wsUserUrl: string
  port: number
  credentials: SimCredential[]
  control: SimControl
  close(): Promise<void>
}

const P = '/api/v3/brokerage'

/** grpc-gateway (Coinbase's REST front) accepts lowerCamelCase names too: `productId` = `product_id`. */
const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

function snakeKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(snakeKeys)
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, val] of Object.entries(v)) out[snake(k)] = snakeKeys(val)
    return out
  }
  return v
}

function snakeQuery(q: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams()
  for (const [k, v] of q) out.append(snake(k), v)
  return out
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (c: Buffer) => {
      size += c.length
      if (size > limit) {
        // Stop keeping the body but drain it, so the 413 reaches the client (destroying the socket
        // here would reset the connection before the answer is written).
        chunks.length = 0
        req.off('data', onData)
        req.resume()
        resolve(null)
      } else chunks.push(c)
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', () => resolve(null))
  })
}

/**
 * Starts a local Coinbase Advanced Trade exchange (REST + WebSocket) on 127.0.0.1.
 *
 * @example
 * ```ts
 * const sim = await startCoinbaseSim({ products: ['BTC-USD'], seed: 7 })
 * const res = await fetch(`${sim.restUrl}/api/v3/brokerage/time`)
 * sim.control.advance(5_000)
 * await sim.close()
 * ```
 */
export async function startCoinbaseSim(options: CoinbaseSimOptions = {}): Promise<CoinbaseSim> {
  const realtime = options.realtime ?? false
  const speed = options.speed ?? 1
  if (!(speed > 0)) throw new CoinbaseSimError('speed must be > 0.', { code: simErrorCodes.INVALID_OPTION })
  const seed = options.seed ?? 42
  // An injected clock with `advance` (e.g. from createManualClock) is driven by control.advance too.
  const injected = options.clock
  const manual: ManualClock | null = injected
    ? typeof (injected as Partial<ManualClock>).advance === 'function'
      ? (injected as ManualClock)
      : null
    : createManualClock(realtime ? Math.floor(Date.now() / 1000) * 1000 : undefined)
  const baseClock: SimClock = options.clock ?? (manual as ManualClock)
  const faults: ActiveFault[] = []
  const skew = (): number => {
    let ms = 0
    for (const f of faults) if (f.fault.kind === 'clockSkew') ms += f.fault.ms
    return ms
  }
  const ex = new SimExchange({
    products: options.products ?? [...DEFAULT_PRODUCTS],
    seed,
    clock: baseClock,
    accounts: options.accounts ?? [],
    derivatives: options.derivatives ?? false,
    replay: options.replay ? loadCandleCsv(options.replay) : null,
    makerFeeRate: options.makerFeeRate ?? '0.004',
    takerFeeRate: options.takerFeeRate ?? '0.006',
    retention: options.retention,
  })
  ex.stale = (productId) =>
    faults.some(
      (f) => f.fault.kind === 'staleFeed' && (!f.fault.products || f.fault.products.includes(productId)),
    )
  const now = (): number => baseClock.now() + skew()
  const authClock = options.authClock ?? (realtime ? 'wall' : 'sim')
  const authNow = (): number => (authClock === 'wall' ? Date.now() : baseClock.now()) + skew()
  // The 5-second subscribe deadline runs on real time in realtime mode (whatever the speed).
  const deadlineNow = realtime ? () => Date.now() : now
  const hub = new WsHub(ex, now, authNow, deadlineNow, () => faults)
  const routes = buildRoutes(ex)
  const limiter = new RateLimiter()
  const rateLimits = options.rateLimits ?? false
  let port = options.port ?? 0
  let hosts: string[] = []
  const sockets = new Set<Socket>()

  const send = (res: ServerResponse, r: RestResult): void => {
    if (res.writableEnded || res.destroyed) return
    if (r.text !== undefined) {
      res.writeHead(r.status, { 'content-type': 'text/plain; charset=utf-8', ...r.headers })
      res.end(r.text)
    } else {
      const body = JSON.stringify(r.json ?? {})
      res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', ...r.headers })
      res.end(body)
    }
  }

  const takeFault = (kind: SimFault['kind'], method: string, path: string): ActiveFault | null => {
    for (const f of faults) {
      if (f.fault.kind !== kind || f.remaining <= 0) continue
      if ('match' in f.fault && !faultMatches(f.fault.match, method, path)) continue
      f.remaining--
      return f
    }
    return null
  }

  const tooMany: RestResult = { status: 429, text: '' }
  const requestLog: SimRequestRecord[] = []

  /** Legacy HMAC keys: hex HMAC-SHA256(secret, timestamp + METHOD + path + body), timestamp ±30 s. */
  const verifyHmac = (
    headers: IncomingMessage['headers'],
    method: string,
    path: string,
    raw: string,
  ): { apiKeyName: string; accountId: string } | null => {
    const name = headers['cb-access-key']
    const sign = headers['cb-access-sign']
    const ts = headers['cb-access-timestamp']
    if (typeof name !== 'string' || typeof sign !== 'string' || typeof ts !== 'string' || !/^\d+$/.test(ts))
      return null
    const legacy = ex.hmacKeys.get(name)
    if (!legacy || Math.abs(Number(ts) - authNow() / 1000) > 30) return null
    const expected = createHmac('sha256', legacy.secret).update(`${ts}${method}${path}${raw}`).digest()
    const given = Buffer.from(sign, 'hex')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    return legacy.key
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    const record: SimRequestRecord = { wallMs: Date.now(), method, path, status: 0 }
    if (requestLog.push(record) > REQUEST_LOG_LIMIT) requestLog.shift()
    res.on('finish', () => {
      record.status = res.statusCode
    })
    const latency = takeFault('latency', method, path)
    if (latency && latency.fault.kind === 'latency')
      await new Promise((r) => setTimeout(r, latency.fault.kind === 'latency' ? latency.fault.ms : 0))
    if (takeFault('hang', method, path)) return
    const limited = takeFault('rateLimit', method, path)
    if (limited && limited.fault.kind === 'rateLimit') {
      const seconds = limited.fault.retryAfterSeconds
      return send(
        res,
        seconds === undefined ? tooMany : { ...tooMany, headers: { 'retry-after': String(seconds) } },
      )
    }
    const se = takeFault('serverError', method, path)
    if (se && se.fault.kind === 'serverError') {
      const status = se.fault.status ?? 500
      return send(res, {
        status,
        json: { error: 'INTERNAL', error_details: 'internal error', message: 'internal error' },
      })
    }
    ex.catchUp()
    const found = path.startsWith(P) ? matchRoute(routes, method, path) : null
    if (found === null)
      return send(res, {
        status: 404,
        json: { error: 'NOT_FOUND', error_details: 'Not Found', message: 'Not Found' },
      })
    if (found === 'method')
      return send(res, {
        status: 405,
        json: {
          error: 'METHOD_NOT_ALLOWED',
          error_details: 'Method Not Allowed',
          message: 'Method Not Allowed',
        },
      })
    const { route, params } = found
    let raw = ''
    if (method === 'POST' || method === 'PUT') {
      const r = await readBody(req, 1_000_000)
      if (r === null)
        return send(res, {
          status: 413,
          json: { error: 'INVALID_ARGUMENT', error_details: 'body too large', message: 'body too large' },
        })
      raw = r
    }
    let key: { apiKeyName: string; accountId: string } | null = null
    if (route.auth) {
      if (takeFault('authReject', method, path)) return send(res, { status: 401, text: 'Unauthorized' })
      const header = req.headers.authorization ?? ''
      const token = header.startsWith('Bearer ') ? header.slice(7).trim() : ''
      if (token)
        key = await verifyJwt({ token, keys: ex.keys, nowMs: authNow(), request: { method, path, hosts } })
      else if (req.headers['cb-access-key'] !== undefined) key = verifyHmac(req.headers, method, path, raw)
      if (!key) return send(res, { status: 401, text: 'Unauthorized' })
      if (rateLimits && !limiter.take(`key:${key.apiKeyName}`, 30)) return send(res, tooMany)
    } else if (rateLimits && !limiter.take(`ip:${req.socket.remoteAddress ?? ''}`, 10))
      return send(res, tooMany)
    let body: unknown
    if (method === 'POST' || method === 'PUT') {
      try {
        body = raw === '' ? {} : snakeKeys(JSON.parse(raw))
      } catch {
        return send(res, {
          status: 400,
          json: {
            error: 'INVALID_ARGUMENT',
            error_details: 'invalid character in request body',
            message: 'invalid character in request body',
          },
        })
      }
    }
    ex.catchUp()
    const result = route.handler({
      method,
      path,
      params,
      query: snakeQuery(url.searchParams),
      body,
      account: key ? (ex.account(key.accountId) ?? null) : null,
      key,
      nowMs: now(),
    })
    hub.flush()
    if (takeFault('dropResponse', method, path)) return
    send(res, result)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      send(res, {
        status: 500,
        json: { error: 'INTERNAL', error_details: 'internal error', message: 'internal error' },
      })
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')
  })
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1_000_000 })
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    if (path !== '/ws' && path !== '/ws/user') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ex.catchUp()
      hub.add(ws, path === '/ws/user')
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(
        new CoinbaseSimError('The sim could not listen.', { code: simErrorCodes.SERVER_START_FAILED, cause }),
      ),
    )
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : port
  hosts = [`127.0.0.1:${port}`, `localhost:${port}`, 'api.coinbase.com']

  let timer: NodeJS.Timeout | null = null
  if (realtime) {
    const stepMs = 50
    let last = Date.now()
    timer = setInterval(() => {
      const t = Date.now()
      const dt = (t - last) * speed
      last = t
      if (manual) manual.advance(dt)
      try {
        ex.catchUp()
        hub.flush()
      } catch {
        // Keep the realtime loop alive; the next step retries from the same state.
      }
    }, stepMs)
    timer.unref()
  }

  const firstAccount = ex.accounts[0]
  const control: SimControl = {
    advance(ms) {
      if (manual) manual.advance(ms)
      ex.catchUp()
      hub.flush()
    },
    book(productId) {
      if (!ex.engine.rules(productId))
        throw new CoinbaseSimError(`Unknown product ${productId}.`, { code: simErrorCodes.NOT_FOUND })
      const b = ex.engine.level2(productId)
      return {
        bids: b.bids.map(([p, s]) => [fmt(p), fmt(s)]),
        asks: b.asks.map(([p, s]) => [fmt(p), fmt(s)]),
      }
    },
    orders: () => ex.engine.userOrders.map(orderView),
    balances: () => ex.balances(firstAccount?.id ?? ''),
    injectFault(fault) {
      if (fault.kind === 'wsDisconnect') {
        hub.disconnectAll(fault.code ?? 1001)
        return () => {}
      }
      const active: ActiveFault = {
        fault,
        remaining: 'count' in fault && fault.count !== undefined ? fault.count : Number.POSITIVE_INFINITY,
      }
      faults.push(active)
      return () => {
        const i = faults.indexOf(active)
        if (i >= 0) faults.splice(i, 1)
      }
    },
    clearFaults() {
      faults.length = 0
    },
    now,
    localNow: () => baseClock.now(),
    requests: () => requestLog,
  }

  return {
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    wsUserUrl: `ws://127.0.0.1:${port}/ws/user`,
    port,
    credentials: [...ex.keys.values()].map((k) => ({
      apiKeyName: k.apiKeyName,
      privateKey: k.privateKey,
      algorithm: k.algorithm,
    })),
    control,
    async close() {
      if (timer) clearInterval(timer)
      for (const c of wss.clients) c.terminate()
      wss.close()
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
