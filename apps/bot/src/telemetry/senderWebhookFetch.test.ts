import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodeHttpSender } from '@gpt-trader/coinbase-client/node'
import { type Alert, createWebhookSink } from '@gpt-trader/guards'
import { type DisposableHttpServer, startHttpServer } from '@gpt-trader/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { senderWebhookFetch } from './senderWebhookFetch.js'

const servers: DisposableHttpServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

const alert: Alert = {
  kind: 'breach',
  guard: 'daily_loss',
  severity: 'critical',
  status: 'breached',
  previous: 'healthy',
  message: 'daily loss 12.00 USD over the 10.00 limit',
  value: '12.00',
  threshold: '10.00',
  at: 1_767_225_600_000,
  context: {},
}

describe('senderWebhookFetch', () => {
  it('posts the alert over node:http and reports 2xx as delivered', async () => {
    const hook = await startHttpServer((_req, res) => {
      res.writeHead(204)
      res.end()
    })
    servers.push(hook)
    const send = nodeHttpSender({ keepAlive: false })
    const sink = createWebhookSink({ url: `${hook.url}/hook`, fetch: senderWebhookFetch(send) })
    await expect(sink.send(alert)).resolves.toEqual({ delivered: true })
    expect(hook.requests).toHaveLength(1)
    expect(hook.requests[0]).toMatchObject({ method: 'POST', url: '/hook' })
    expect(hook.requests[0]?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(hook.requests[0]?.body ?? '')).toMatchObject({
      text: expect.stringContaining('daily loss'),
    })
  })

  it('a non-2xx answer is a failed delivery with the status, and the URL stays out of the error', async () => {
    const hook = await startHttpServer((_req, res) => {
      res.writeHead(500)
      res.end('boom')
    })
    servers.push(hook)
    const url = `${hook.url}/secret-token-123`
    const sink = createWebhookSink({ url, fetch: senderWebhookFetch(nodeHttpSender({ keepAlive: false })) })
    const error = await sink.send(alert).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ name: 'AlertDeliveryError', status: 500 })
    expect(String((error as Error).message)).not.toContain('secret-token-123')
  })

  it('delivers under `node --jitless --no-expose-wasm`, where fetch cannot load', () => {
    const app = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
    const script = `
      import { createServer } from 'node:http'
      import { nodeHttpSender } from '@gpt-trader/coinbase-client/node'
      import { createWebhookSink } from '@gpt-trader/guards'
      import { senderWebhookFetch } from './src/telemetry/senderWebhookFetch.ts'
      let body = ''
      const server = createServer((req, res) => {
        req.on('data', (c) => { body += c })
        req.on('end', () => { res.writeHead(200); res.end('ok') })
      })
      await new Promise((r) => server.listen(0, '127.0.0.1', r))
      const sink = createWebhookSink({
        url: 'http://127.0.0.1:' + server.address().port + '/hook',
        fetch: senderWebhookFetch(nodeHttpSender({ keepAlive: false })),
      })
      const result = await sink.send(${JSON.stringify(alert)})
      server.close()
      console.log(JSON.stringify({ result, text: JSON.parse(body).text, wasm: typeof WebAssembly }))
    `
    const run = spawnSync(
      process.execPath,
      [
        '--jitless',
        '--no-expose-wasm',
        '--conditions=@gpt-trader/source',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { cwd: app, encoding: 'utf8', timeout: 60_000 },
    )
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toMatchObject({
      result: { delivered: true },
      text: expect.stringContaining('daily loss'),
      wasm: 'undefined',
    })
    expect(run.status).toBe(0)
  })
})
