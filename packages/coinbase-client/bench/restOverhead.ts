/**
 * REST overhead: the same public GET (`/api/v3/brokerage/time`) through the client (with its default
 * sender, ky over fetch, and with `nodeHttpSender()` from the `/node` entry) and through a bare
 * `fetch`, against a loopback server in this process that answers instantly. Target: client <= 1.3x
 * fetch.
 *
 * A shared, busy machine makes single timings swing by 2-3x, so the two are timed in many short
 * rounds of back-to-back blocks (client then bare, bare then client, alternating) and the figure is
 * the median of the per-round ratios: load that hits one round hits both of its blocks. The process's
 * CPU time (user + system, which includes the loopback server's share, the same for both) is
 * reported the same way: it is what the client's own work adds, and it moves less with the load.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { BenchFigure } from '@gpt-trader/test-utils'

type Row = Record<string, string>

export interface RestOverheadResult {
  rows: Row[]
  figures: BenchFigure[]
}

const TARGET_RATIO = 1.3

export async function runRestOverhead(): Promise<RestOverheadResult | undefined> {
  const entry = (await import('../src/index.js')) as Record<string, unknown>
  const create = entry.createCoinbaseClient as
    | ((options: Record<string, unknown>) => Record<string, unknown>)
    | undefined
  if (typeof create !== 'function') return undefined
  // Older revisions (the baseline) have no /node entry: their client row is then measured alone.
  const nodeEntry = (await import('../src/node.js').catch(() => undefined)) as
    | { nodeHttpSender?: () => ((request: unknown) => Promise<unknown>) & { close(): void } }
    | undefined
  const nodeSender = nodeEntry?.nodeHttpSender?.()
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
    const nodeCall = nodeSender
      ? (create({ baseUrl: base, rateLimit: false, send: nodeSender })
          .getServerTime as () => Promise<unknown>)
      : undefined
    const url = `${base}/api/v3/brokerage/time`
    const n = Number(process.env.BENCH_REST_CALLS ?? 100)
    const rounds = Number(process.env.BENCH_REST_ROUNDS ?? 45)
    const cases = {
      bare: async () => {
        for (let i = 0; i < n; i++) await (await fetch(url)).json()
      },
      client: async () => {
        for (let i = 0; i < n; i++) await call()
      },
      node: async () => {
        if (nodeCall) for (let i = 0; i < n; i++) await nodeCall()
      },
    }
    type Case = keyof typeof cases
    const names: Case[] = nodeCall ? ['client', 'bare', 'node'] : ['client', 'bare']
    const wall = { bare: [] as number[], client: [] as number[], node: [] as number[] }
    const cpu = { bare: [] as number[], client: [] as number[], node: [] as number[] }
    for (const name of names) await cases[name]()
    for (let r = 0; r < rounds; r++) {
      // Each case takes every position in turn, so load drifting within a round hits all alike.
      const order = names.map((_, i) => names[(i + r) % names.length] as Case)
      for (const name of order) {
        const c0 = process.cpuUsage()
        const t0 = performance.now()
        await cases[name]()
        wall[name].push(performance.now() - t0)
        const c = process.cpuUsage(c0)
        cpu[name].push((c.user + c.system) / 1000)
      }
    }
    const median = (values: readonly number[]) => {
      const sorted = [...values].sort((x, y) => x - y)
      const mid = Math.floor(sorted.length / 2)
      return sorted.length % 2
        ? (sorted[mid] as number)
        : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
    }
    const pairedRatio = (m: { bare: number[] }, of: number[]) =>
      median(of.map((c, i) => c / (m.bare[i] as number)))
    const perCall = (ms: number) => (ms / n) * 1000
    const label = `GET /time, ${rounds} rounds x ${n} sequential calls, rate limiter off`
    const measures = [
      { what: 'wall time', unit: 'µs/call', m: wall },
      { what: 'process CPU time', unit: 'µs CPU/call', m: cpu },
    ]
    const rows: Row[] = []
    const figures: BenchFigure[] = []
    const senders = [
      { key: 'client' as const, sender: 'default sender (ky over fetch)', figure: '' },
      ...(nodeCall
        ? [{ key: 'node' as const, sender: 'nodeHttpSender()', figure: ' over nodeHttpSender()' }]
        : []),
    ]
    for (const { what, unit, m } of measures) {
      const bare = perCall(median(m.bare))
      for (const { key, sender, figure } of senders) {
        const ratio = pairedRatio(m, m[key])
        rows.push({
          case: `${label}: ${what}`,
          'bare fetch + JSON (median)': `${bare.toFixed(0)} ${unit}`,
          sender,
          'client.getServerTime() (median)': `${perCall(median(m[key])).toFixed(0)} ${unit}`,
          'ratio (median of paired rounds)': `${ratio.toFixed(2)}x (target <= ${TARGET_RATIO}x)`,
        })
        figures.push({
          // The figure is the bare median scaled by the paired ratio, so figure / baseline = that ratio.
          name: `REST overhead: client.getServerTime()${figure}, ${what} (target ≤ ${TARGET_RATIO}× bare fetch)`,
          value: bare * ratio,
          unit,
          target: TARGET_RATIO * bare,
          higherIsBetter: false,
          baseline: { name: 'bare fetch + JSON', value: bare },
        })
      }
    }
    return { rows, figures }
  } finally {
    nodeSender?.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
