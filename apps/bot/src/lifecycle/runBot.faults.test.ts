import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../config/loadConfig.js'
import { createLogger } from '../telemetry/createLogger.js'
import { runBot } from './runBot.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function setup(cycles: number) {
  const dir = mkdtempSync(join(tmpdir(), 'bot-faults-'))
  dirs.push(dir)
  const { config, credentials } = loadConfig({
    profile: 'dev',
    env: { GPT_TRADER_STATE_DIR: dir },
    cli: { maxCycles: cycles, symbols: 'BTC-USD,ETH-USD' },
  })
  const lines: string[] = []
  const log = createLogger({
    level: 'info',
    pretty: false,
    destination: new Writable({
      write: (chunk, _e, done) => {
        lines.push(String(chunk))
        done()
      },
    }),
  })
  return {
    config: {
      ...config,
      telemetry: { ...config.telemetry, http: { ...config.telemetry.http, enabled: false } },
      sim: { ...config.sim, warmup: 120_000 },
    },
    credentials,
    log,
    lines,
  }
}

const fast = {
  restTimeoutMs: 2_000,
  restRetry: { retries: 3, baseDelayMs: 5, maxDelayMs: 20 },
}

describe('runBot under venue faults (regressions found by the chaos suite)', () => {
  it('a 5xx burst neither ends a --dev-fast run nor goes unnoticed: the API error-rate breaker halts trading', async () => {
    const { config, credentials, log, lines } = setup(4)
    const result = await runBot({
      config,
      credentials,
      log,
      devFast: true,
      tuning: fast,
      beforeCycle: (cycle, bot) => {
        if (cycle === 2) bot.sim.control.injectFault({ kind: 'serverError', status: 503, count: 24 })
      },
    })
    // Before: the failed clock sync threw out of the dev-fast driver, and no REST outcome reached risk.
    expect(result.summary.cycles).toBeGreaterThanOrEqual(3)
    expect(result.summary.tradingState).toBe('HALTED')
    expect(result.summary.tradingStateReason).toMatch(/API error rate exceeded/)
    expect(lines.some((l) => l.includes('venue clock sync failed'))).toBe(true)
  }, 60_000)

  it('a refused API key halts at the first 401 and stops calling the venue', async () => {
    const { config, credentials, log } = setup(5)
    let after = 0
    let atFault = 0
    const result = await runBot({
      config,
      credentials,
      log,
      devFast: true,
      tuning: fast,
      beforeCycle: (cycle, bot) => {
        if (cycle === 2) {
          atFault = bot.sim.control.requests().length
          bot.sim.control.injectFault({ kind: 'authReject' })
        }
        if (cycle === 3) after = bot.sim.control.requests().length
      },
      afterCycle: (cycle, bot) => {
        if (cycle === 5) after = bot.sim.control.requests().length - after
      },
    })
    expect(result.summary.tradingState).toBe('HALTED')
    expect(result.summary.tradingStateReason).toMatch(/refused the API key \(HTTP 401/)
    expect(atFault).toBeGreaterThan(0)
    expect(after).toBe(0)
  }, 60_000)
})
