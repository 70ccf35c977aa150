import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCoinbaseClient, iterateFills, iterateOrders } from '@gpt-trader/coinbase-client'
import { Decimal } from '@gpt-trader/validation'
import { afterEach, describe, expect, it } from 'vitest'
import { parse, stringify } from 'yaml'
import { defaultConfigDir } from '../src/config/loadConfig.js'
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
  ms = 90_000,
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
    // 20× real time: the bot signs JWTs with the venue clock measured each cycle, and the sim accepts
    // a token for 120 s of its own time, so a cycle may take ~6 s of real time (60× leaves 2 s).
    const sim = start(['sim', '--speed', '20', '--credentials-out', keyFile, '--json'])
    const { restUrl, wsUrl } = await waitFor(() => {
      const line = sim.out().split('\n')[0]
      return line ? (JSON.parse(line) as { restUrl: string; wsUrl: string }) : undefined
    }, 'the sim')
    const env = {
      COINBASE_CREDENTIALS_FILE: keyFile,
      COINBASE_API_BASE_URL: restUrl,
      COINBASE_WS_URL: wsUrl,
      SPOT_FORCE_LIVE: '1',
    }
    // The dev profile with 2/3-candle averages (instead of 3/8), so the first fill comes soon, on three
    // symbols instead of ten: a cycle then makes a third of the REST calls, so it stays well inside the
    // ~6 s of real time a token minted at the last clock sync stays valid at the sim's 20x speed, even
    // on a loaded machine (with ten symbols, a CI run once took longer and got HTTP 401s).
    const profile = parse(readFileSync(join(defaultConfigDir, 'dev.yaml'), 'utf8')) as Record<string, unknown>
    profile.strategy = { ...(profile.strategy as object), shortPeriod: 2, longPeriod: 3 }
    profile.symbols = ['BTC-USD', 'ETH-USD', 'SOL-USD']
    const profileFile = join(dir, 'dev-quick.yaml')
    writeFileSync(profileFile, stringify(profile))
    const args = [
      'run',
      '--config',
      profileFile,
      '--interval',
      '100ms',
      '--state-dir',
      dir,
      '--log-level',
      'warn',
    ]

    // First run: wait until it has filled something, then SIGKILL the whole process group.
    const first = start(args, env)
    const url = await waitFor(
      () => /telemetry at (http:\/\/127\.0\.0\.1:\d+)/.exec(first.err())?.[1],
      'telemetry',
    )
    await waitFor(async () => {
      const text = await (await fetch(`${url}/metrics`)).text()
      return /gpt_trader_fills_total\{side="BUY"\} [1-9]/.test(text) ? true : undefined
    }, 'a fill').catch((error: unknown) => {
      throw new Error(`${String(error)}; the bot said:\n${first.err().slice(-2_000)}`)
    })
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
    // The sim checks JWTs against its own (faster) clock: sign with the time it reports.
    let offsetMs = 0
    const client = createCoinbaseClient({
      baseUrl: restUrl,
      credentials: { apiKeyName: key.name, privateKey: key.privateKey },
      clock: { now: () => Date.now() + offsetMs },
    })
    offsetMs = (await client.getServerTime()).epochMillis - Date.now()
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
  }, 240_000)
})
