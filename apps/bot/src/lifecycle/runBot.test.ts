import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { type DisposableHttpServer, startHttpServer } from '@gpt-trader/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../config/loadConfig.js'
import { createLogger } from '../telemetry/createLogger.js'
import { runBot } from './runBot.js'

const dirs: string[] = []
const servers: DisposableHttpServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const quiet = () =>
  createLogger({
    level: 'silent',
    pretty: false,
    destination: new Writable({ write: (_c, _e, done) => done() }),
  })

describe('runBot (in process, embedded sim, --dev-fast)', () => {
  it('a risk breach switches the engine to REDUCE_ONLY, is recorded, and is alerted to the webhook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-run-'))
    dirs.push(dir)
    const webhook = await startHttpServer((_req, res) => {
      res.writeHead(200).end('ok')
    })
    servers.push(webhook)
    // The dev profile with a daily loss limit that the first fees exceed.
    const dev = readFileSync(join(import.meta.dirname, '..', '..', 'config', 'dev.yaml'), 'utf8')
    const file = join(dir, 'tight.yaml')
    writeFileSync(file, dev.replace('dailyLossLimit: "100"', 'dailyLossLimit: "0.5"'))
    const { config, credentials } = loadConfig({
      configFile: file,
      env: { GPT_TRADER_ALERT_WEBHOOK: `${webhook.url}/hook`, GPT_TRADER_STATE_DIR: dir },
      cli: { maxCycles: 25, symbols: 'BTC-USD,ETH-USD,SOL-USD,LTC-USD' },
    })
    const result = await runBot({ config, credentials, log: quiet(), devFast: true })
    expect(result.summary.fills).toBeGreaterThan(0)
    expect(result.summary.tradingState).toBe('REDUCE_ONLY')
    expect(
      result.summary.guardEvents.some((e) => e.kind === 'state' && e.detail.includes('REDUCE_ONLY')),
    ).toBe(true)
    const hook = webhook.requests.find(
      (r) => r.body.includes('trading_state') || r.body.includes('REDUCE_ONLY'),
    )
    expect(hook?.method).toBe('POST')
    const metrics = JSON.parse(readFileSync(result.metricsFile, 'utf8')) as { tradingState: string }
    expect(metrics.tradingState).toBe('REDUCE_ONLY')
  }, 60_000)
})
