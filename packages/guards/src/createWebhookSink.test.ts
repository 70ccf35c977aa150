import { type DisposableHttpServer, startHttpServer } from '@gpt-trader/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { Alert } from './AlertSink.js'
import { createWebhookSink, isAlertDeliveryError } from './createWebhookSink.js'
import { GuardManager } from './GuardManager.js'

const SECRET_PATH = '/services/T000/B000/XXXXsecretTOKENXXXX'

const alert = (over: Partial<Alert> = {}): Alert => ({
  kind: 'breach',
  guard: 'daily_loss',
  severity: 'critical',
  status: 'breached',
  previous: 'healthy',
  message: 'daily loss exceeded 250 USD (current: 263.10 USD)',
  value: '263.10',
  threshold: '250',
  at: 1_700_000_000_000,
  context: { profile: 'canary' },
  ...over,
})

let server: DisposableHttpServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('createWebhookSink', () => {
  it('POSTs Slack-compatible JSON to a loopback receiver', async () => {
    server = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('ok')
    })
    const sink = createWebhookSink({ url: server.url + SECRET_PATH })
    await expect(sink.send(alert())).resolves.toEqual({ delivered: true })
    expect(server.requests).toHaveLength(1)
    const req = server.requests[0]!
    expect([req.method, req.url, req.headers['content-type']]).toEqual([
      'POST',
      SECRET_PATH,
      'application/json',
    ])
    expect(JSON.parse(req.body)).toMatchInlineSnapshot(`
      {
        "attachments": [
          {
            "color": "#d00000",
            "fields": [
              {
                "short": true,
                "title": "guard",
                "value": "daily_loss",
              },
              {
                "short": true,
                "title": "severity",
                "value": "critical",
              },
              {
                "short": true,
                "title": "value",
                "value": "263.10",
              },
              {
                "short": true,
                "title": "threshold",
                "value": "250",
              },
              {
                "short": true,
                "title": "profile",
                "value": "canary",
              },
            ],
            "ts": 1700000000,
          },
        ],
        "text": "[BREACH] daily loss exceeded 250 USD (current: 263.10 USD)",
      }
    `)
  })

  it('de-duplicates the same guard and kind within the window, and rate-limits', async () => {
    server = await startHttpServer((_req, res) => {
      res.end('ok')
    })
    const clock = { t: 0, now: () => clock.t }
    const sink = createWebhookSink({
      url: server.url,
      clock,
      dedupMs: 60_000,
      rateLimit: { max: 2, perMs: 10_000 },
    })
    const results = []
    results.push(await sink.send(alert()))
    results.push(await sink.send(alert({ value: '270.00' })))
    results.push(await sink.send(alert({ kind: 'recover' })))
    results.push(await sink.send(alert({ guard: 'other' })))
    clock.t = 10_000
    results.push(await sink.send(alert({ guard: 'other' })))
    clock.t = 60_000
    results.push(await sink.send(alert()))
    expect(results).toEqual([
      { delivered: true },
      { delivered: false, reason: 'duplicate' },
      { delivered: true },
      { delivered: false, reason: 'rate_limited' },
      { delivered: true },
      { delivered: true },
    ])
    expect(server.requests).toHaveLength(4)
  })

  it('fails on a non-2xx answer and on a timeout, never leaking the webhook URL', async () => {
    let mode: 'error' | 'hang' = 'error'
    server = await startHttpServer((_req, res) => {
      if (mode === 'error') {
        res.writeHead(500)
        res.end('boom')
      }
      // 'hang': never answer; the sink's timeout fires.
    })
    const url = server.url + SECRET_PATH
    // A generous timeout for the HTTP 500 case, so a loaded CI machine cannot turn it into a timeout.
    const sink = createWebhookSink({ url, timeoutMs: 10_000, name: 'slack' })
    const fastSink = createWebhookSink({ url, timeoutMs: 50, name: 'slack' })
    const http = await sink.send(alert()).catch((e: unknown) => e)
    expect(isAlertDeliveryError(http)).toBe(true)
    expect((http as Error).message).toMatchInlineSnapshot(`
      "alert sink "slack": delivery failed

      Details: HTTP 500"
    `)
    // The failed attempt released its dedup mark, so the same alert goes out again.
    const again = await sink.send(alert()).catch((e: unknown) => e)
    expect(isAlertDeliveryError(again)).toBe(true)
    expect(server.requests).toHaveLength(2)
    mode = 'hang'
    const timeout = await fastSink.send(alert()).catch((e: unknown) => e)
    expect((timeout as Error).message).toMatchInlineSnapshot(`
      "alert sink "slack": delivery failed

      Details: timed out after 50 ms"
    `)
    await server.close()
    const refused = await sink.send(alert({ kind: 'warning' })).catch((e: unknown) => e)
    expect((refused as Error).message).toContain('network error')
    for (const error of [http, timeout, refused]) {
      const text = `${String(error)} ${JSON.stringify(error)} ${String((error as Error).cause)} ${(error as Error).stack}`
      expect(text).not.toContain('secretTOKEN')
    }
  })

  it('receives alerts from a GuardManager end to end', async () => {
    server = await startHttpServer((_req, res) => {
      res.end('ok')
    })
    const manager = new GuardManager({
      alerts: [createWebhookSink({ url: server.url })],
      guards: [
        { name: 'errors', label: 'error rate', units: '%', read: () => 62, comparator: 'gt', threshold: 50 },
      ],
    })
    manager.evaluateSync()
    await manager.flushAlerts()
    expect(JSON.parse(server.requests[0]!.body).text).toBe(
      '[BREACH] error rate exceeded 50 % (current: 62 %)',
    )
  })
})
