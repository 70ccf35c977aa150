import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type CoinbaseSim, startCoinbaseSim } from '@gpt-trader/coinbase-sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../testing.js'
import { parsePreviewRequest } from './ordersPreview.js'

let sim: CoinbaseSim
let dir: string
let env: NodeJS.ProcessEnv

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bot-preview-'))
  sim = await startCoinbaseSim({ products: ['BTC-USD', 'ETH-USD'], seed: 11 })
  // Enough one-minute history for the market-data snapshot.
  sim.control.advance(30 * 60_000)
  const credential = sim.credentials[0]!
  env = {
    SPOT_FORCE_LIVE: '1',
    COINBASE_API_BASE_URL: sim.restUrl,
    COINBASE_API_KEY_NAME: credential.apiKeyName,
    COINBASE_API_PRIVATE_KEY: credential.privateKey,
    GPT_TRADER_LOG_LEVEL: 'silent',
  }
})

afterAll(async () => {
  await sim?.close()
  rmSync(dir, { recursive: true, force: true })
})

interface PreviewJson {
  order: { size: string; price?: string; timeInForce?: string }
  adjustments: string[]
  risk: { action: string; code?: string }
  preview?: Record<string, unknown>
  ok: boolean
}

const base = ['orders', 'preview', '--profile', 'dev', '--json']

describe('orders preview', () => {
  it('quantizes to the increments, runs the risk checks and asks the venue; nothing is placed', async () => {
    const result = await cli(
      [...base, '--state-dir', dir, '--symbol', 'btc-usd', '--side', 'buy', '--size', '0.000123456789'],
      env,
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const out = JSON.parse(result.stdout) as PreviewJson
    expect(out.order).toEqual({ size: '0.00012345' })
    expect(out.adjustments).toEqual(['size 0.000123456789 → 0.00012345 (base increment 0.00000001)'])
    expect(out.risk).toEqual({ action: 'accept' })
    expect(out.ok).toBe(true)
    expect(out.preview?.errs).toEqual([])
    expect(out.preview?.base_size).toBe('0.00012345')
    // Fees and totals are decimal strings from the venue, consistent with each other.
    const quote = Number(out.preview?.quote_size)
    expect(quote).toBeGreaterThan(0)
    expect(Number(out.preview?.commission_total)).toBeCloseTo(quote * 0.006, 6)
    expect(sim.control.orders()).toEqual([])
  })

  it('a limit preview rounds the price to the tick (a buy never pays more) and prints a table', async () => {
    const result = await cli(
      [
        'orders',
        'preview',
        '--state-dir',
        dir,
        '--symbol',
        'ETH-USD',
        '--side',
        'SELL',
        '--size',
        '0.01',
        '--price',
        '99999.123',
      ],
      env,
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('preview at coinbase (profile dev)')
    expect(result.stdout).toMatch(/order\s+SELL 0\.01 ETH-USD LIMIT @ 99999\.13 IOC/)
    expect(result.stdout).toMatch(/adjustments\s+price 99999\.123 → 99999\.13 \(price increment 0\.01\)/)
    expect(result.stdout).toMatch(/risk\s+accept/)
    expect(result.stdout).toMatch(/commission\s+\d/)
    expect(result.stdout).toMatch(/verdict\s+would be accepted \(nothing was placed\)/)
    expect(sim.control.orders()).toEqual([])
  })

  it('a refusal by risk or by the venue, or a venue failure, exits 1 and says why', async () => {
    // 5 BTC: far over the dev profile's per-symbol notional cap.
    const risky = await cli(
      [...base, '--state-dir', dir, '--symbol', 'BTC-USD', '--side', 'BUY', '--size', '5'],
      env,
    )
    expect(risky.code).toBe(1)
    const out = JSON.parse(risky.stdout) as PreviewJson
    expect(out.ok).toBe(false)
    expect(out.risk).toMatchObject({ action: 'reject', code: 'SYMBOL_NOTIONAL_CAP' })
    // Selling more ETH than the account holds (10 ETH): the venue's preview lists an error.
    const venue = await cli(
      [...base, '--state-dir', dir, '--symbol', 'ETH-USD', '--side', 'SELL', '--size', '20'],
      env,
    )
    expect(venue.code).toBe(1)
    expect((JSON.parse(venue.stdout) as PreviewJson).preview?.errs).toEqual([expect.any(String)])
    // The preview endpoint keeps failing (503 after the client's retries): a runtime failure.
    const remove = sim.control.injectFault({
      kind: 'serverError',
      status: 503,
      match: { path: /orders\/preview/ },
    })
    try {
      const failed = await cli(
        [...base, '--state-dir', dir, '--symbol', 'ETH-USD', '--side', 'SELL', '--size', '0.01'],
        env,
      )
      expect(failed.code).toBe(1)
      expect(failed.stdout).toBe('')
      expect(failed.stderr).toContain('503')
    } finally {
      remove()
    }
    expect(sim.control.orders()).toEqual([])
  })

  it('works against the embedded sim of the dev profile (no credentials)', async () => {
    const result = await cli(
      [...base, '--state-dir', dir, '--symbol', 'SOL-USD', '--side', 'BUY', '--size', '0.1'],
      {
        GPT_TRADER_LOG_LEVEL: 'silent',
      },
    )
    expect(result.stderr).toBe('')
    const out = JSON.parse(result.stdout) as PreviewJson
    expect(out.preview?.base_size).toBe('0.1')
    expect(result.code).toBe(out.ok ? 0 : 1)
  })

  it('bad usage exits 2 and names the option, before touching the venue', async () => {
    const run = (extra: string[]) => cli(['orders', 'preview', '--state-dir', dir, ...extra], env)
    const cases: [string[], string][] = [
      [['--side', 'BUY', '--size', '1'], '--symbol is required'],
      [['--symbol', 'BTC', '--side', 'BUY', '--size', '1'], '--symbol: expected a product id'],
      [['--symbol', 'BTC-USD', '--side', 'HOLD', '--size', '1'], '--side: expected BUY or SELL, got HOLD'],
      [['--symbol', 'BTC-USD', '--side', 'BUY'], '--size is required'],
      [['--symbol', 'BTC-USD', '--side', 'BUY', '--size', '-1'], '--size: expected a positive decimal'],
      [
        ['--symbol', 'BTC-USD', '--side', 'BUY', '--size', '1', '--type', 'limit'],
        '--price is required with --type limit',
      ],
      [
        ['--symbol', 'BTC-USD', '--side', 'BUY', '--size', '1', '--type', 'market', '--price', '5'],
        '--price: only with --type limit',
      ],
      [
        ['--symbol', 'BTC-USD', '--side', 'BUY', '--size', '1', '--type', 'stop'],
        '--type: expected market or limit',
      ],
      [
        ['--symbol', 'NOPE-USD', '--side', 'BUY', '--size', '1'],
        '--symbol: NOPE-USD is not a product at the venue',
      ],
      [
        ['--symbol', 'BTC-USD', '--side', 'BUY', '--size', '0.000000001'],
        '--size: 0.000000001 is below the base increment',
      ],
    ]
    for (const [args, message] of cases) {
      const result = await run(args)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr, args.join(' ')).toContain(message)
    }
    expect((await run(['--side', 'BUY', '--size', '1'])).stderr).toMatchInlineSnapshot(`
      "coinbase-trader: orders preview: --symbol is required, e.g. --symbol BTC-USD
      "
    `)
    const help = await cli(['orders', 'preview', '--help'])
    expect(help.code).toBe(0)
    for (const option of [
      '--symbol <id>',
      '--side <side>',
      '--size <base>',
      '--price <price>',
      '--type <type>',
      '--json',
    ])
      expect(help.stdout).toContain(option)
    expect(sim.control.orders()).toEqual([])
  })

  it('parsePreviewRequest defaults the type from --price', () => {
    expect(parsePreviewRequest({ symbol: 'BTC-USD', side: 'sell', size: '1', price: '2' })).toMatchObject({
      side: 'SELL',
      type: 'LIMIT',
    })
    expect(parsePreviewRequest({ symbol: 'BTC-USD', side: 'BUY', size: '1' }).type).toBe('MARKET')
  })
})
