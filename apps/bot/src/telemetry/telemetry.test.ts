import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { BotMetrics } from './BotMetrics.js'
import { createLogger } from './createLogger.js'
import { isLoopbackHost, TelemetryServer } from './TelemetryServer.js'
import { writeJsonAtomic } from './writeJsonAtomic.js'

const servers: TelemetryServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

const PEM = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBvS3cretmaterial\n-----END EC PRIVATE KEY-----'
const KEY_NAME = 'organizations/1f2e3d/apiKeys/9a8b7c'

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk))
      done()
    },
  })
  return { stream, text: () => chunks.join('') }
}

describe('createLogger', () => {
  it('writes JSON lines with secrets redacted', () => {
    const out = capture()
    const log = createLogger({ destination: out.stream, pretty: false })
    log.info({ apiKeyName: KEY_NAME, privateKey: PEM, symbol: 'BTC-USD' }, 'starting with Bearer abc.def.ghi')
    log.error({ err: new Error(`failed: ${PEM}`) }, 'boom')
    const text = out.text()
    expect(text).not.toContain('9a8b7c')
    expect(text).not.toContain('cretmaterial')
    expect(text).not.toContain('abc.def.ghi')
    const first = JSON.parse(text.split('\n')[0] ?? '')
    expect(first).toMatchObject({ apiKeyName: '[REDACTED]', privateKey: '[REDACTED]', symbol: 'BTC-USD' })
    expect(first.msg).toBe('starting with Bearer [REDACTED]')
  })

  it('writes pretty lines when asked', () => {
    const out = capture()
    createLogger({ destination: out.stream, pretty: true }).info({ privateKey: PEM }, 'hello')
    expect(out.text()).toContain('hello')
    expect(out.text()).not.toContain('cretmaterial')
  })
})

describe('writeJsonAtomic', () => {
  it('writes through a temp file and leaves no temp behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bot-json-'))
    try {
      const file = join(dir, 'a', 'metrics.json')
      writeJsonAtomic(file, { cycles: 1 })
      writeJsonAtomic(file, { cycles: 2 })
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ cycles: 2 })
      expect(readdirSync(join(dir, 'a'))).toEqual(['metrics.json'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('TelemetryServer', () => {
  const start = async (extra: { token?: string; ready?: boolean } = {}) => {
    const metrics = new BotMetrics()
    metrics.cycles.inc()
    metrics.rejections.inc({ reason: 'SYMBOL_CAP' })
    metrics.setTradingState('REDUCE_ONLY')
    const server = await TelemetryServer.start({
      metrics,
      port: 0,
      ...(extra.token === undefined ? {} : { token: extra.token }),
      health: () => ({ live: true, ready: extra.ready ?? true, checks: { store: { ok: true } } }),
      status: () => ({ tradingState: 'REDUCE_ONLY', positions: [], secretToken: 'hunter2hunter2' }),
    })
    servers.push(server)
    return server
  }

  it('serves /metrics, /health and /status on loopback', async () => {
    const server = await start()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    for (const name of [
      'gpt_trader_cycle_duration_seconds_bucket',
      'gpt_trader_cycles_total 1',
      'gpt_trader_rejections_total{reason="SYMBOL_CAP"} 1',
      'gpt_trader_trading_state{state="REDUCE_ONLY"} 1',
      'nodejs_eventloop_lag_seconds',
      'process_resident_memory_bytes',
    ]) {
      expect(metrics).toContain(name)
    }
    const health = await fetch(`${server.url}/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ live: true, ready: true, checks: { store: { ok: true } } })
    const status = await (await fetch(`${server.url}/status`)).json()
    expect(status).toEqual({ tradingState: 'REDUCE_ONLY', positions: [], secretToken: '[REDACTED]' })
    expect((await fetch(`${server.url}/nope`)).status).toBe(404)
  })

  it('answers 503 on /health while not ready', async () => {
    const server = await start({ ready: false })
    expect((await fetch(`${server.url}/health`)).status).toBe(503)
  })

  it('requires the bearer token when one is set', async () => {
    const server = await start({ token: 'a-long-enough-token-123' })
    expect((await fetch(`${server.url}/health`)).status).toBe(401)
    const ok = await fetch(`${server.url}/health`, {
      headers: { authorization: 'Bearer a-long-enough-token-123' },
    })
    expect(ok.status).toBe(200)
  })

  it('refuses a non-loopback host without a token', async () => {
    await expect(
      TelemetryServer.start({
        metrics: new BotMetrics({ defaultMetrics: false }),
        host: '0.0.0.0',
        health: () => ({ live: true, ready: true, checks: {} }),
        status: () => ({}),
      }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[BotError: telemetry.http.host 0.0.0.0 is not a loopback address: set telemetry.http.token (GPT_TRADER_HTTP_TOKEN)]`,
    )
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('::1')).toBe(true)
    expect(isLoopbackHost('10.0.0.1')).toBe(false)
  })
})
