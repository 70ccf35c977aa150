/**
 * Benchmarks for @gpt-trader/coinbase-client, printed as tables with baselines measured in the
 * same run:
 *  1. L2 book: parse + apply Coinbase `l2_data` frames (BTC-USD, >= 20,000 levels per side, seeded)
 *     vs JSON.parse alone (the floor) and vs ccxt's Coinbase order-book handling.
 *  2. JWT signs per second (ES256, EdDSA) with the client's signer.
 *  3. REST overhead: a public call through the client vs a bare fetch of the same loopback URL.
 *  4. WS ticker frames through the lazily built, cached zod schema vs a schema held in a local.
 *
 * Run: pnpm --filter @gpt-trader/coinbase-client bench (with BENCH_JSON=<file> it also writes the
 * figures as JSON for scripts/bench-report.mjs).
 * Each case runs several rounds (interleaved) and reports the best, so a busy shared machine skews
 * it less. Numbers never gate CI.
 */
import { generateKeyPairSync } from 'node:crypto'
import { cpus } from 'node:os'
import { type BenchFigure, writeBenchJson } from '@gpt-trader/test-utils'
import ccxt from 'ccxt'
import { OrderBook } from '../src/book/OrderBook.js'
import { parseL2Frame } from '../src/book/parseL2Message.js'
import { generateL2Frames } from './l2Frames.js'
import { runRestOverhead } from './restOverhead.js'
import { runWsTicker } from './wsTicker.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const CCXT_FRAMES = 100

interface Row {
  [column: string]: string
}

function fmt(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`
  return n.toFixed(1)
}

function printTable(title: string, rows: Row[]): void {
  const first = rows[0]
  if (!first) return
  const columns = Object.keys(first)
  const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)))
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(width[i] ?? 0)).join(' | ')} |`
  process.stdout.write(`\n${title}\n`)
  process.stdout.write(`${line(columns)}\n`)
  process.stdout.write(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|\n`)
  for (const row of rows) process.stdout.write(`${line(columns.map((c) => row[c] ?? ''))}\n`)
}

/** Best wall time (ms) of `rounds` runs of each case, interleaved. */
function bestTimes(cases: Record<string, () => void>, rounds: number): Record<string, number> {
  const best: Record<string, number> = {}
  for (const name of Object.keys(cases)) best[name] = Number.POSITIVE_INFINITY
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(cases)) {
      const t0 = performance.now()
      fn()
      const dt = performance.now() - t0
      if (dt < (best[name] as number)) best[name] = dt
    }
  }
  return best
}

// ------------------------------------------------------------------------------------------------
// 1. L2 book

interface CcxtFakeClient {
  subscriptions: Record<string, unknown>
  resolve(result: unknown, messageHash: string): void
}

interface CcxtCoinbasePro {
  setMarkets(markets: unknown[]): unknown
  handleMessage(client: CcxtFakeClient, message: unknown): void
  orderbooks: Record<string, { bids: unknown[]; asks: unknown[] } | undefined>
}

function newCcxt(): CcxtCoinbasePro {
  const exchange = new ccxt.pro.coinbase({}) as unknown as CcxtCoinbasePro
  exchange.setMarkets([
    {
      id: 'BTC-USD',
      symbol: 'BTC/USD',
      base: 'BTC',
      quote: 'USD',
      baseId: 'BTC',
      quoteId: 'USD',
      type: 'spot',
      spot: true,
      active: true,
      precision: { amount: 0.00000001, price: 0.01 },
      limits: {},
    },
  ])
  return exchange
}

function benchL2(): { rows: Row[]; figures: BenchFigure[] } {
  const set = generateL2Frames({ seed: 42, levelsPerSide: 25_000, frames: 2_000, levelsPerFrame: 50 })
  const fake: CcxtFakeClient = { subscriptions: {}, resolve: () => {} }

  // ccxt handles about 4k level updates/s here, so it replays only the first CCXT_FRAMES update
  // frames (its rate is per update either way).
  const ccxtUpdates = set.updates.slice(0, CCXT_FRAMES)
  const ccxtLevels = ccxtUpdates.length * 50

  // Correctness first: after the same frames both books hold the same levels.
  const ours = new OrderBook('BTC-USD')
  for (const e of parseL2Frame(set.snapshot).events) ours.apply(e)
  for (const f of ccxtUpdates) for (const e of parseL2Frame(f).events) ours.apply(e)
  const theirs = newCcxt()
  theirs.handleMessage(fake, JSON.parse(set.snapshot))
  for (const f of ccxtUpdates) theirs.handleMessage(fake, JSON.parse(f))
  const ccxtBook = theirs.orderbooks['BTC/USD']
  if (!ccxtBook || ccxtBook.bids.length !== ours.bidCount || ccxtBook.asks.length !== ours.askCount) {
    throw new Error(
      `books differ: ours ${ours.bidCount}/${ours.askCount}, ccxt ${ccxtBook?.bids.length}/${ccxtBook?.asks.length}`,
    )
  }

  let sink = 0
  const snapshotCases = {
    floor: () => {
      sink += (JSON.parse(set.snapshot) as { sequence_num: number }).sequence_num
    },
    ours: () => {
      const book = new OrderBook('BTC-USD')
      for (const e of parseL2Frame(set.snapshot).events) book.apply(e)
      sink += book.bidCount
    },
    ccxt: () => {
      const ex = newCcxt()
      ex.handleMessage(fake, JSON.parse(set.snapshot))
    },
  }
  // Update stream: start each round from a book that holds the snapshot (not timed).
  let ourBook = new OrderBook('BTC-USD')
  let ccxtEx = newCcxt()
  const updateCases = {
    floor: () => {
      for (const f of set.updates) sink += (JSON.parse(f) as { sequence_num: number }).sequence_num
    },
    ours: () => {
      for (const f of set.updates) for (const e of parseL2Frame(f).events) ourBook.apply(e)
    },
    ccxt: () => {
      for (const f of ccxtUpdates) ccxtEx.handleMessage(fake, JSON.parse(f))
    },
  }
  const snap = bestTimes(snapshotCases, ROUNDS)
  const upd: Record<string, number> = { floor: Infinity, ours: Infinity, ccxt: Infinity }
  for (let r = 0; r < ROUNDS; r++) {
    ourBook = new OrderBook('BTC-USD')
    for (const e of parseL2Frame(set.snapshot).events) ourBook.apply(e)
    ccxtEx = newCcxt()
    ccxtEx.handleMessage(fake, JSON.parse(set.snapshot))
    const t = bestTimes(updateCases, 1)
    for (const k of Object.keys(upd)) upd[k] = Math.min(upd[k] as number, t[k] as number)
  }
  if (sink === -1) process.stdout.write('')

  const row = (name: string, levels: number, t: Record<string, number>, ccxtCount = levels): Row => {
    const rate = (k: string) => ((k === 'ccxt' ? ccxtCount : levels) / (t[k] as number)) * 1000
    return {
      case: name,
      'level updates': String(levels),
      'JSON.parse only (floor)': `${fmt(rate('floor'))}/s`,
      'gpt-trader parse+apply': `${fmt(rate('ours'))}/s`,
      'ccxt parse+apply': `${fmt(rate('ccxt'))}/s`,
      'vs ccxt': `${(rate('ours') / rate('ccxt')).toFixed(1)}x`,
      'vs floor': `${(rate('ours') / rate('floor')).toFixed(2)}x`,
    }
  }
  // Total = the snapshot plus all updates; ccxt's update time is scaled from its sample.
  const total: Record<string, number> = {}
  for (const k of ['floor', 'ours']) total[k] = (snap[k] as number) + (upd[k] as number)
  total.ccxt = (snap.ccxt as number) + ((upd.ccxt as number) * set.updateLevels) / ccxtLevels
  const totalLevels = set.snapshotLevels + set.updateLevels
  const perSec = (levels: number, ms: number) => (levels / ms) * 1000
  const unit = 'level updates/s'
  const floorName = 'JSON.parse only (floor)'
  const figures: BenchFigure[] = [
    {
      name: `L2 parse + apply, snapshot + ${set.updates.length} update frames`,
      value: perSec(totalLevels, total.ours as number),
      unit,
      target: 1_000_000,
      higherIsBetter: true,
      baseline: { name: floorName, value: perSec(totalLevels, total.floor as number) },
    },
    {
      // The target is relative (>= 10x ccxt), so it is stated in the unit of the figure.
      name: 'L2 parse + apply, total, vs ccxt (target ≥ 10× ccxt)',
      value: perSec(totalLevels, total.ours as number),
      unit,
      target: 10 * perSec(totalLevels, total.ccxt),
      higherIsBetter: true,
      baseline: { name: 'ccxt pro coinbase handleMessage', value: perSec(totalLevels, total.ccxt) },
    },
    {
      name: `L2 parse + apply, snapshot only (${set.snapshotLevels / 2} levels/side)`,
      value: perSec(set.snapshotLevels, snap.ours as number),
      unit,
      higherIsBetter: true,
      baseline: { name: floorName, value: perSec(set.snapshotLevels, snap.floor as number) },
    },
    {
      name: 'L2 parse + apply, updates only',
      value: perSec(set.updateLevels, upd.ours as number),
      unit,
      higherIsBetter: true,
      baseline: { name: floorName, value: perSec(set.updateLevels, upd.floor as number) },
    },
  ]
  return {
    rows: [
      row(`snapshot (${set.snapshotLevels / 2} levels/side)`, set.snapshotLevels, snap),
      row(`updates (${set.updates.length} frames x 50)`, set.updateLevels, upd, ccxtLevels),
      row('total', totalLevels, total),
    ],
    figures,
  }
}

// ------------------------------------------------------------------------------------------------
// 2. JWT signing

async function benchJwt(): Promise<{ rows: Row[]; figures: BenchFigure[] }> {
  const { createWsJwt, createRestJwt, parseCredentials } = await import('../src/auth/index.js')
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const ed = generateKeyPairSync('ed25519')
  const edJwk = ed.privateKey.export({ format: 'jwk' })
  const edSecret = Buffer.concat([
    Buffer.from(edJwk.d ?? '', 'base64url'),
    Buffer.from(edJwk.x ?? '', 'base64url'),
  ])
  const keys = {
    ES256: parseCredentials({
      apiKeyName:
        'organizations/00000000-0000-0000-0000-000000000000/apiKeys/00000000-0000-0000-0000-000000000001',
      privateKey: ec.privateKey.export({ format: 'pem', type: 'sec1' }).toString(),
    }),
    EdDSA: parseCredentials({
      apiKeyName: '00000000-0000-0000-0000-000000000002',
      privateKey: edSecret.toString('base64'),
    }),
  }
  const rows: Row[] = []
  const figures: BenchFigure[] = []
  for (const [alg, credentials] of Object.entries(keys)) {
    await createWsJwt(credentials) // import the key once
    const n = 2_000
    let best = Number.POSITIVE_INFINITY
    let bestRest = Number.POSITIVE_INFINITY
    for (let r = 0; r < 3; r++) {
      let t0 = performance.now()
      for (let i = 0; i < n; i++) await createWsJwt(credentials)
      best = Math.min(best, performance.now() - t0)
      t0 = performance.now()
      for (let i = 0; i < n; i++)
        await createRestJwt(credentials, {
          method: 'GET',
          url: 'https://api.coinbase.com/api/v3/brokerage/accounts',
        })
      bestRest = Math.min(bestRest, performance.now() - t0)
    }
    rows.push({
      algorithm: alg,
      'WS JWT signs/s': fmt((n / best) * 1000),
      'REST JWT signs/s (with uri)': fmt((n / bestRest) * 1000),
      'µs per sign': ((best / n) * 1000).toFixed(1),
    })
    figures.push(
      {
        name: `JWT signs, ${alg} (WS subscribe)`,
        value: (n / best) * 1000,
        unit: 'signs/s',
        higherIsBetter: true,
      },
      {
        name: `JWT signs, ${alg} (REST, with uri claim)`,
        value: (n / bestRest) * 1000,
        unit: 'signs/s',
        higherIsBetter: true,
      },
    )
  }
  return { rows, figures }
}

// ------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  process.stdout.write(
    `@gpt-trader/coinbase-client benchmarks — Node ${process.version}, ${cpu} x${cpus().length}, best of ${ROUNDS}\n`,
  )
  const l2 = benchL2()
  printTable('L2 order book: parse + apply l2_data frames, BTC-USD (seed 42)', l2.rows)
  const jwt = await benchJwt()
  printTable('CDP JWT signing (jose, WebCrypto)', jwt.rows)
  const rest = await runRestOverhead()
  if (rest) printTable('REST overhead: public call on loopback', rest.rows)
  const ticker = runWsTicker(ROUNDS)
  printTable('WS ticker frames (5,000 per round): JSON.parse + zod frame schema', ticker.rows)
  writeBenchJson([...l2.figures, ...jwt.figures, ...(rest?.figures ?? []), ...ticker.figures])
}

await main()
