/**
 * REST overhead: the same public GET (`/api/v3/brokerage/time`) through the client and through a
 * bare `fetch`, against a loopback server that answers instantly. Target: client <= 1.3x fetch.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

type Row = Record<string, string>

export async function runRestOverhead(): Promise<Row[] | undefined> {
  const entry = (await import('../src/index.js')) as Record<string, unknown>
  const create = entry.createCoinbaseClient as
    | ((options: Record<string, unknown>) => Record<string, unknown>)
    | undefined
  if (typeof create !== 'function') return undefined
  const body = JSON.stringify({
    iso: '2026-01-01T00:00:00Z',
    epochSeconds: '1767225600',
    epochMillis: '1767225600000',
  })
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    // The limiter (10 public calls/s by default) would measure itself, not the client: turn it off.
    const client = create({ baseUrl: base, rateLimit: false })
    const call = client.getServerTime as (() => Promise<unknown>) | undefined
    if (typeof call !== 'function') return undefined
    const url = `${base}/api/v3/brokerage/time`
    const n = 1_000
    const bare = async () => {
      for (let i = 0; i < n; i++) await (await fetch(url)).json()
    }
    const viaClient = async () => {
      for (let i = 0; i < n; i++) await call()
    }
    await bare()
    await viaClient()
    let tBare = Number.POSITIVE_INFINITY
    let tClient = Number.POSITIVE_INFINITY
    for (let r = 0; r < 5; r++) {
      let t0 = performance.now()
      await bare()
      tBare = Math.min(tBare, performance.now() - t0)
      t0 = performance.now()
      await viaClient()
      tClient = Math.min(tClient, performance.now() - t0)
    }
    return [
      {
        case: 'GET /time x1000 (sequential, rate limiter off)',
        'bare fetch + JSON': `${((tBare / n) * 1000).toFixed(0)} µs/call`,
        'client.getServerTime()': `${((tClient / n) * 1000).toFixed(0)} µs/call`,
        ratio: `${(tClient / tBare).toFixed(2)}x (target <= 1.3x)`,
      },
    ]
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
