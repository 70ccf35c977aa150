import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCoinbaseClient, iterateFills, iterateOrders } from '@gpt-trader/coinbase-client'
import { Decimal } from '@gpt-trader/validation'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteStore } from '../src/store/SqliteStore.js'

const here = dirname(fileURLToPath(import.meta.url))
const launcher = join(here, '..', 'bin', 'coinbase-trader.mjs')

const procs: ChildProcess[] = []
const dirs: string[] = []
afterEach(() => {
  for (const p of procs.splice(0)) {
    // Each child leads its own process group (detached): end the launcher and the bot under it.
    if (p.exitCode === null && p.pid !== undefined) {
      try {
        process.kill(-p.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [launcher, ...args], {
    env: { ...process.env, COINBASE_TRADER_FROM_SOURCE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  procs.push(child)
  let out = ''
  let err = ''
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString()
  })
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, out: () => out, err: () => err }
}

async function waitFor<T>(
  read: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 40_000,
): Promise<T> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const value = await read()
    if (value !== undefined) return value
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('restart against a standalone sim', () => {
  it('kill -9 mid-run, start again: no duplicate orders, every fill accounted for, positions = sim balances', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-restart-'))
    dirs.push(dir)
    const keyFile = join(dir, 'key.json')
    const sim = start(['sim', '--speed', '60', '--credentials-out', keyFile, '--json'])
    const restUrl = await waitFor(() => {
      const line = sim.out().split('\n')[0]
      return line ? (JSON.parse(line) as { restUrl: string }).restUrl : undefined
    }, 'the sim')
    const env = { COINBASE_CREDENTIALS_FILE: keyFile, COINBASE_API_BASE_URL: restUrl, SPOT_FORCE_LIVE: '1' }
    const args = ['run', '--profile', 'dev', '--interval', '100ms', '--state-dir', dir, '--log-level', 'warn']

    // First run: wait until it has filled something, then SIGKILL the whole process group.
    const first = start(args, env)
    const url = await waitFor(
      () => /telemetry at (http:\/\/127\.0\.0\.1:\d+)/.exec(first.err())?.[1],
      'telemetry',
    )
    await waitFor(async () => {
      const text = await (await fetch(`${url}/metrics`)).text()
      return /gpt_trader_fills_total\{side="BUY"\} [1-9]/.test(text) ? true : undefined
    }, 'a fill')
    process.kill(-(first.child.pid as number), 'SIGKILL')
    await first.exited

    // Second run on the same store: replay + reconcile, trade a little, stop cleanly.
    const second = start([...args, '--cycles', '8'], env)
    expect(await second.exited).toBe(0)

    const store = SqliteStore.open({ file: join(dir, 'dev', 'gpt-trader.sqlite') })
    const storedOrders = store.listOrders()
    const storedFills = store.listFills()
    const positions = new Map<string, Decimal>()
    for (const f of storedFills) {
      const q = positions.get(f.symbol) ?? new Decimal(0)
      positions.set(f.symbol, f.side === 'BUY' ? q.plus(f.size) : q.minus(f.size))
    }
    store.close()

    const key = JSON.parse(readFileSync(keyFile, 'utf8')) as { name: string; privateKey: string }
    const client = createCoinbaseClient({
      baseUrl: restUrl,
      credentials: { apiKeyName: key.name, privateKey: key.privateKey },
    })
    const venueOrders = []
    for await (const o of iterateOrders(client, {})) venueOrders.push(o)
    const venueFills = []
    for await (const f of iterateFills(client, {})) venueFills.push(f)
    const accounts = await client.listAccounts({ limit: 250 })

    // No duplicates at the venue, and every venue order is one the store knows.
    const ids = venueOrders.map((o) => o.client_order_id)
    expect(new Set(ids).size).toBe(ids.length)
    const known = new Set(storedOrders.map((o) => o.clientOrderId))
    expect(ids.filter((id) => !known.has(id))).toEqual([])
    expect(venueOrders.length).toBeGreaterThan(0)
    // Every fill at the venue is counted exactly once.
    expect(storedFills.map((f) => f.tradeId).sort()).toEqual(venueFills.map((f) => f.trade_id).sort())
    // Positions from the store equal the venue's balances (starting balances: USD 100000, BTC 1, ETH 10).
    expect(storedFills.length).toBeGreaterThan(0)
    expect(positions.size).toBeGreaterThan(0)
    const start0: Record<string, string> = { BTC: '1', ETH: '10' }
    for (const [symbol, quantity] of positions) {
      const currency = symbol.split('-')[0] as string
      const account = accounts.accounts.find((a) => a.currency === currency)
      const balance = account
        ? account.available_balance.value.plus(account.hold?.value ?? 0)
        : new Decimal(0)
      expect(`${symbol} ${balance.minus(start0[currency] ?? '0').toFixed()}`).toBe(
        `${symbol} ${quantity.toFixed()}`,
      )
    }
    sim.child.kill('SIGTERM')
    await sim.exited
  }, 120_000)
})
