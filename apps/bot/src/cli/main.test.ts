import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dataPath } from '@gpt-trader/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { SqliteStore } from '../store/SqliteStore.js'
import { cli } from './testing.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('coinbase-trader CLI', () => {
  it('--help works on the program and on every command (exit 0)', async () => {
    const top = await cli(['--help'])
    expect(top.code).toBe(0)
    for (const command of ['run', 'preflight', 'account', 'orders', 'status', 'sim', 'backtest', 'sweep']) {
      expect(top.stdout).toContain(command)
      const help = await cli([command, '--help'])
      expect(help.code, command).toBe(0)
      expect(help.stdout, command).toContain(`Usage: coinbase-trader ${command}`)
    }
    expect((await cli(['orders', 'list', '--help'])).stdout).toContain('--open')
    expect((await cli(['run', '--help'])).stdout).toMatch(
      /--dev-fast[\s\S]*--symbols[\s\S]*--interval[\s\S]*--dry-run[\s\S]*--reduce-only/,
    )
  })

  it('bad usage exits 2', async () => {
    const unknownOption = await cli(['run', '--frobnicate'])
    expect(unknownOption.code).toBe(2)
    expect(unknownOption.stderr).toContain("unknown option '--frobnicate'")
    const badProfile = await cli(['run', '--profile', 'staging'])
    expect(badProfile.code).toBe(2)
    expect(badProfile.stderr).toContain("argument 'staging' is invalid")
    expect((await cli(['backtest'])).code).toBe(2) // --data is required
  })

  it('an unknown first word runs `run` (options go to run)', async () => {
    const result = await cli(['--profile', 'dev', '--interval', 'soon'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatchInlineSnapshot(`
      "coinbase-trader: invalid configuration: --interval: interval: expected a duration like "250ms", "30s", "5m", "2h" or "1d", got "soon"
      "
    `)
    expect((await cli(['--dev-fast', '--help'])).stdout).toContain('Usage: coinbase-trader run')
  })

  it('bad config exits 2 and names the key; nothing is started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-cli-'))
    dirs.push(dir)
    const result = await cli(['run', '--state-dir', dir, '--symbols', 'BTC'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--symbols: symbols.0: expected an upper-case product id')
    const status = await cli(['status', '--state-dir', dir])
    expect(status.code).toBe(1) // no store was created
    expect(status.stderr).toContain('no state store')
  })

  it('PERPS_PAPER=1 needs no credentials; orders cancel refuses the in-process brokers (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-cli-'))
    dirs.push(dir)
    const paper = await cli(['orders', 'cancel', 'abc', '--state-dir', dir], { PERPS_PAPER: '1' })
    expect(paper.code).toBe(2)
    expect(paper.stderr).toContain(
      'profile dev uses broker paper, whose orders live only inside a running bot',
    )
    expect(existsSync(join(dir, 'dev'))).toBe(false) // nothing was started
  })

  it('backtest replays a candle file through the profile strategy and risk, with an HTML report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-cli-'))
    dirs.push(dir)
    const report = join(dir, 'report.html')
    const data = dataPath('candles/bitstamp-coinbase_BTC-USD_1d_2011-08_2025-09.csv')
    const result = await cli(['backtest', '--data', data, '--report', report, '--json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const out = JSON.parse(result.stdout) as {
      symbol: string
      strategy: string
      metrics: { bars: number; fills: number }
    }
    expect(out.symbol).toBe('BTC-USD')
    expect(out.strategy).toBe('ma-cross')
    expect(out.metrics.bars).toBeGreaterThan(1000)
    expect(readFileSync(report, 'utf8')).toContain('<html')
    expect((await cli(['backtest', '--data', data, '--strategy', 'nope'])).code).toBe(2)
  })

  it('sweep runs a grid on worker threads and ranks it (--json)', async () => {
    const data = dataPath('candles/bitstamp-coinbase_BTC-USD_1d_2011-08_2025-09.csv')
    const result = await cli([
      'sweep',
      '--data',
      data,
      '--grid',
      'shortPeriod=3,5',
      '--grid',
      'longPeriod=20',
      '--workers',
      '1',
      '--json',
    ])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const rows = JSON.parse(result.stdout) as {
      rank: number
      params: Record<string, number>
      metrics: unknown
    }[]
    expect(rows.map((r) => r.rank)).toEqual([1, 2])
    expect(rows.map((r) => r.params.shortPeriod).sort()).toEqual([3, 5])
    expect(rows.every((r) => r.metrics !== undefined)).toBe(true)
    expect((await cli(['sweep', '--data', data, '--grid', 'oops'])).code).toBe(2)
  })

  it('orders list and status read the profile store (--json)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-cli-'))
    dirs.push(dir)
    const store = SqliteStore.open({ file: join(dir, 'dev', 'gpt-trader.sqlite') })
    store.append({
      type: 'order.intent',
      at: 1,
      clientOrderId: 'gt-1',
      source: 'engine',
      intent: {
        symbol: 'ETH-USD',
        side: 'BUY',
        type: 'MARKET',
        size: '0.01',
        timeInForce: 'IOC',
        postOnly: false,
        reduceOnly: false,
      },
    })
    store.close()
    const list = await cli(['orders', 'list', '--state-dir', dir, '--json'])
    expect(list.code).toBe(0)
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        clientOrderId: 'gt-1',
        symbol: 'ETH-USD',
        side: 'BUY',
        size: '0.01',
        status: 'NEW',
      }),
    ])
    const status = await cli(['status', '--state-dir', dir, '--json'])
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout)).toMatchObject({
      profile: 'dev',
      events: 1,
      orders: 1,
      openOrders: 1,
      schemaVersion: 1,
    })
  })

  it('preflight and account run against the embedded sim for dev', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-cli-'))
    dirs.push(dir)
    const preflight = await cli([
      'preflight',
      '--profile',
      'dev',
      '--state-dir',
      dir,
      '--json',
      '--log-level',
      'silent',
    ])
    expect(preflight.stderr).toBe('')
    const report = JSON.parse(preflight.stdout) as { ok: boolean; checks: { name: string; ok: boolean }[] }
    expect(report.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'config',
        'risk config',
        'store writable',
        'clock skew',
        'credentials sign',
        'key permissions',
        'product BTC-USD',
      ]),
    )
    expect(report.checks.filter((c) => !c.ok)).toEqual([])
    expect(preflight.code).toBe(0)
    const account = await cli(['account', '--state-dir', dir, '--json', '--log-level', 'silent'])
    expect(account.code).toBe(0)
    expect(JSON.parse(account.stdout).balances).toEqual(
      expect.arrayContaining([expect.objectContaining({ currency: 'USD', available: '100000' })]),
    )
  })
})
