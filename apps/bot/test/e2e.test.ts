import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const launcher = join(here, '..', 'bin', 'coinbase-trader.mjs')

// A known (fake) credential: it must never show up in any output.
const SECRET_PEM =
  '-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIE2eTestOnlyKeyMaterialZZ9876\\n-----END EC PRIVATE KEY-----'
const SECRET_NAME = 'organizations/e2e-org-4242/apiKeys/e2e-key-4242'

const dirs: string[] = []
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function start(args: string[]) {
  const child = spawn(process.execPath, [launcher, ...args], {
    env: {
      ...process.env,
      COINBASE_TRADER_FROM_SOURCE: '1',
      COINBASE_API_KEY_NAME: SECRET_NAME,
      COINBASE_API_PRIVATE_KEY: SECRET_PEM,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString()
  })
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString()
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return { child, exited, out: () => stdout, err: () => stderr }
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bot-e2e-'))
  dirs.push(dir)
  return dir
}

describe('coinbase-trader end to end (child process, embedded sim)', () => {
  it('the launcher runs from source without a build: --help exits 0', async () => {
    const run = start(['--help'])
    expect((await run.exited).code).toBe(0)
    expect(run.out()).toContain('Usage: coinbase-trader')
  })

  it('run --profile dev --dev-fast exits 0, places and fills orders, writes the store and metrics.json, leaks no secret', async () => {
    const dir = tempDir()
    const run = start([
      'run',
      '--profile',
      'dev',
      '--dev-fast',
      '--cycles',
      '20',
      '--state-dir',
      dir,
      '--json',
    ])
    const { code } = await run.exited
    expect(run.err()).not.toMatch(/"level":50/) // no error log lines
    expect(code).toBe(0)
    const summary = JSON.parse(run.out()) as {
      cycles: number
      orders: number
      fills: number
      openOrders: number
    }
    expect(summary.cycles).toBe(20)
    expect(summary.orders).toBeGreaterThan(0)
    expect(summary.fills).toBeGreaterThan(0)
    const storeFile = join(dir, 'dev', 'gpt-trader.sqlite')
    const db = new Database(storeFile, { readonly: true })
    const filled = db.prepare("SELECT COUNT(*) AS n FROM orders WHERE status = 'FILLED'").get() as {
      n: number
    }
    const fills = db.prepare('SELECT COUNT(*) AS n FROM fills').get() as { n: number }
    const decisions = db.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'decision'").get() as {
      n: number
    }
    const reconciled = db
      .prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'reconciliation.completed'")
      .get() as { n: number }
    db.close()
    expect(filled.n).toBeGreaterThan(0)
    expect(fills.n).toBe(summary.fills)
    expect(decisions.n).toBeGreaterThan(0)
    expect(reconciled.n).toBe(1) // reconciled once, before the first order
    const metrics = JSON.parse(readFileSync(join(dir, 'dev', 'metrics.json'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(metrics).toMatchObject({ profile: 'dev', cycles: 20, fills: summary.fills })
    const everything = run.out() + run.err()
    for (const secret of ['e2e-key-4242', 'e2e-org-4242', 'TestOnlyKeyMaterial'])
      expect(everything).not.toContain(secret)
  }, 90_000)

  it('serves /metrics, /health and /status during a run and shuts down gracefully on SIGTERM within 5 s', async () => {
    const dir = tempDir()
    const run = start(['run', '--profile', 'dev', '--interval', '200ms', '--state-dir', dir])
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /telemetry at (http:\/\/127\.0\.0\.1:\d+)/.exec(run.err())
        if (match?.[1]) {
          clearInterval(timer)
          resolve(match[1])
        } else if (run.child.exitCode !== null) {
          clearInterval(timer)
          reject(new Error(`exited early: ${run.err()}`))
        }
      }, 20)
    })
    const health = await fetch(`${url}/health`)
    const body = (await health.json()) as { live: boolean; ready: boolean }
    expect(body.live).toBe(true)
    expect(typeof body.ready).toBe('boolean')
    const metrics = await (await fetch(`${url}/metrics`)).text()
    expect(metrics).toContain('gpt_trader_cycle_duration_seconds')
    expect(metrics).toContain('process_resident_memory_bytes')
    const status = (await (await fetch(`${url}/status`)).json()) as Record<string, unknown>
    expect(status).toMatchObject({ profile: 'dev', broker: 'sim', tradingState: 'ACTIVE' })
    expect(Array.isArray(status.positions) && Array.isArray(status.openOrders)).toBe(true)
    const sent = Date.now()
    run.child.kill('SIGTERM')
    const { code } = await run.exited
    expect(Date.now() - sent).toBeLessThan(5_000)
    expect(code).toBe(0)
    expect(run.out()).toContain('trading state')
    expect(existsSync(join(dir, 'dev', 'metrics.json'))).toBe(true)
  }, 60_000)
})
