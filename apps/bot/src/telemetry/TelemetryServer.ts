import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { redact } from '@gpt-trader/validation'
import { BotError } from '../BotError.js'
import type { BotMetrics } from './BotMetrics.js'

/** What `/health` answers. */
export interface HealthReport {
  /** The process is up and its event loop answers. */
  live: boolean
  /** Startup (store replay, reconciliation) is done and trading can proceed. */
  ready: boolean
  checks: Record<string, { ok: boolean; detail?: string | undefined }>
}

/** Options of {@link TelemetryServer.start}. */
export interface TelemetryServerOptions {
  metrics: BotMetrics
  health: () => HealthReport
  status: () => unknown
  /** Default `127.0.0.1`. Anything but loopback requires `token`. */
  host?: string | undefined
  /** Default 0 (a free port). */
  port?: number | undefined
  /** Bearer token every request must carry (`Authorization: Bearer <token>`). */
  token?: string | undefined
}

/** True for addresses that only the local machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

/**
 * HTTP endpoints of a running bot: `/metrics` (Prometheus text), `/health` (liveness + readiness
 * JSON; 503 while not ready), `/status` (positions, open orders, trading state, guards; JSON).
 * Binds 127.0.0.1 by default; binding any other address is refused unless a bearer token is set,
 * and with a token every request must present it.
 *
 * @example
 * const server = await TelemetryServer.start({ metrics, health, status, port: 0 })
 * await fetch(`${server.url}/health`)
 * await server.close()
 */
export class TelemetryServer {
  readonly url: string
  readonly port: number
  #server: Server

  private constructor(server: Server, host: string, port: number) {
    this.#server = server
    this.port = port
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  }

  static async start(options: TelemetryServerOptions): Promise<TelemetryServer> {
    const host = options.host ?? '127.0.0.1'
    const token = options.token
    if (!isLoopbackHost(host) && token === undefined) {
      throw new BotError(
        `telemetry.http.host ${host} is not a loopback address: set telemetry.http.token (GPT_TRADER_HTTP_TOKEN)`,
        {
          code: 'CONFIG_INVALID',
        },
      )
    }
    const expected = token === undefined ? undefined : Buffer.from(`Bearer ${token}`)
    const server = createServer((req, res) => {
      handle(req, res, options, expected).catch((error: unknown) => {
        if (!res.headersSent)
          send(res, 500, 'application/json', JSON.stringify({ error: String(redact(String(error))) }))
      })
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(
          new BotError(`cannot listen on ${host}:${options.port ?? 0}`, {
            code: 'TELEMETRY_FAILED',
            cause: error,
          }),
        ),
      )
      server.listen(options.port ?? 0, host, () => resolve())
    })
    const port = (server.address() as AddressInfo).port
    return new TelemetryServer(server, host, port)
  }

  /** Stops listening and closes idle keep-alive connections. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve())
      this.#server.closeAllConnections()
    })
  }
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: TelemetryServerOptions,
  expected: Buffer | undefined,
): Promise<void> {
  if (expected !== undefined) {
    const given = Buffer.from(req.headers.authorization ?? '')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.setHeader('www-authenticate', 'Bearer')
      send(res, 401, 'application/json', '{"error":"unauthorized"}')
      return
    }
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'application/json', '{"error":"method not allowed"}')
    return
  }
  const path = new URL(req.url ?? '/', 'http://localhost').pathname
  switch (path) {
    case '/metrics':
      send(res, 200, options.metrics.registry.contentType, await options.metrics.text())
      return
    case '/health': {
      const report = options.health()
      send(res, report.live && report.ready ? 200 : 503, 'application/json', JSON.stringify(report))
      return
    }
    case '/status':
      send(res, 200, 'application/json', JSON.stringify(redact(options.status())))
      return
    default:
      send(res, 404, 'application/json', '{"error":"not found","endpoints":["/metrics","/health","/status"]}')
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(body)
}
