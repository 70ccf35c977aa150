import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startHttpServer } from '@gpt-trader/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { caught } from '../../test/rest-helpers/caught.js'
import { createCoinbaseClient } from '../client/createCoinbaseClient.js'
import { isSendTimeout } from '../transports/sender.js'
import { type NodeHttpSender, nodeHttpSender } from './nodeHttpSender.js'

type Server = Awaited<ReturnType<typeof startHttpServer>>
const servers: Server[] = []
const senders: NodeHttpSender[] = []
afterEach(async () => {
  for (const s of senders.splice(0)) s.close()
  await Promise.all(servers.splice(0).map((s) => s.close()))
})
async function serve(handler: Parameters<typeof startHttpServer>[0]): Promise<Server> {
  const server = await startHttpServer(handler)
  servers.push(server)
  return server
}
function sender(options?: Parameters<typeof nodeHttpSender>[0]): NodeHttpSender {
  const s = nodeHttpSender(options)
  senders.push(s)
  return s
}

describe('nodeHttpSender', () => {
  it('reuses one kept-alive connection for consecutive calls; close() drops it', async () => {
    let connections = 0
    let closed = 0
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{}')
    })
    server.server.on('connection', (socket) => {
      connections++
      socket.on('close', () => closed++)
    })
    const send = sender()
    for (let i = 0; i < 5; i++) {
      const answer = await send({
        method: 'GET',
        url: `${server.url}/x?i=${i}`,
        headers: {},
        timeoutMs: 1_000,
      })
      expect(answer.status).toBe(200)
    }
    expect(server.requests.map((r) => r.url)).toEqual(['/x?i=0', '/x?i=1', '/x?i=2', '/x?i=3', '/x?i=4'])
    expect(connections).toBe(1)
    send.close()
    for (let i = 0; i < 100 && closed === 0; i++) await new Promise((r) => setTimeout(r, 5))
    expect(closed).toBe(1)
  })

  it('sends the body with its byte length and decodes a UTF-8 answer split inside a character', async () => {
    const server = await serve((req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-many': ['a', 'b'] })
      const bytes = Buffer.from(JSON.stringify({ echo: req.body, length: req.headers['content-length'] }))
      // "é" is two bytes; cut the answer between them.
      const cut = bytes.indexOf(Buffer.from('é')) + 1
      res.write(bytes.subarray(0, cut))
      setTimeout(() => res.end(bytes.subarray(cut)), 5)
    })
    const body = JSON.stringify({ note: 'café €' })
    const answer = await sender()({
      method: 'POST',
      url: `${server.url}/orders`,
      headers: { 'content-type': 'application/json' },
      body,
      timeoutMs: 1_000,
    })
    expect(answer.status).toBe(201)
    expect(JSON.parse(answer.text)).toEqual({ echo: body, length: String(Buffer.byteLength(body)) })
    expect(answer.header('Content-Type')).toBe('application/json')
    expect(answer.header('x-many')).toBe('a, b')
    expect(answer.header('retry-after')).toBeNull()
  })

  it('an error status is an answer, not a rejection', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(429, { 'retry-after': '2' })
      res.end('slow down')
    })
    const answer = await sender()({ method: 'GET', url: server.url, headers: {}, timeoutMs: 1_000 })
    expect([answer.status, answer.header('Retry-After'), answer.text]).toEqual([429, '2', 'slow down'])
  })

  it('rejects when the connection closes before the whole body arrived', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"partial":')
      setTimeout(() => res.socket?.destroy(), 5)
    })
    const error = await caught(sender()({ method: 'GET', url: server.url, headers: {}, timeoutMs: 5_000 }))
    expect(isSendTimeout(error)).toBe(false)
    expect(error).toBeInstanceOf(Error)
  })

  it('a timeout rejects with a TimeoutError and destroys the connection', async () => {
    let closed = 0
    const server = await serve(() => {
      // never answers
    })
    server.server.on('connection', (socket) => socket.on('close', () => closed++))
    const error = await caught(sender()({ method: 'GET', url: server.url, headers: {}, timeoutMs: 50 }))
    expect(isSendTimeout(error)).toBe(true)
    expect(error.message).toMatchInlineSnapshot(`"no complete answer within 50 ms"`)
    for (let i = 0; i < 100 && closed === 0; i++) await new Promise((r) => setTimeout(r, 5))
    expect(closed).toBe(1)
  })

  it("an aborted signal rejects with the signal's reason, before or during the call", async () => {
    const server = await serve(() => {
      // never answers
    })
    const send = sender()
    const before = new AbortController()
    before.abort(new Error('gave up early'))
    const early = await caught(
      send({ method: 'GET', url: server.url, headers: {}, timeoutMs: 0, signal: before.signal }),
    )
    expect(early.message).toBe('gave up early')
    expect(server.requests).toHaveLength(0)

    const during = new AbortController()
    const pending = send({ method: 'GET', url: server.url, headers: {}, timeoutMs: 0, signal: during.signal })
    setTimeout(() => during.abort(new Error('gave up')), 10)
    expect((await caught(pending)).message).toBe('gave up')
  })

  it('refuses URLs it cannot send and bad options, naming them', async () => {
    const send = sender()
    expect(
      (await caught(send({ method: 'GET', url: 'ftp://127.0.0.1/x', headers: {}, timeoutMs: 0 }))).message,
    ).toMatchInlineSnapshot(`"nodeHttpSender: only http: and https: URLs, got ftp:"`)
    expect(await caught(send({ method: 'GET', url: 'not a url', headers: {}, timeoutMs: 0 }))).toBeInstanceOf(
      TypeError,
    )
    expect(() => nodeHttpSender({ maxSockets: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: nodeHttpSender: maxSockets must be a whole number >= 1, got 0]`,
    )
  })

  it('a client takes send or fetch, not both', () => {
    expect(() =>
      createCoinbaseClient({ send: sender(), fetch: globalThis.fetch }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidArgument: send and fetch were both given: fetch only configures the default sender; pass fetchSender(fetch) as send, or drop one]`,
    )
  })

  it('a client on nodeHttpSender never loads Node’s fetch (checked with --jitless, where loading it crashes)', () => {
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
    const script = `
      import { createServer } from 'node:http'
      import { createCoinbaseClient } from '@gpt-trader/coinbase-client'
      import { nodeHttpSender } from '@gpt-trader/coinbase-client/node'
      const server = createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ iso: '2026-01-01T00:00:00Z', epochSeconds: '1767225600', epochMillis: '1767225600000' }))
      })
      await new Promise((r) => server.listen(0, '127.0.0.1', r))
      const send = nodeHttpSender()
      const client = createCoinbaseClient({ baseUrl: 'http://127.0.0.1:' + server.address().port, send })
      const time = await client.getServerTime()
      send.close()
      server.close()
      const undici = process.moduleLoadList.filter((m) => m.includes('undici'))
      console.log(JSON.stringify({ epochSeconds: time.epochSeconds, undici }))
    `
    const run = spawnSync(
      process.execPath,
      [
        '--jitless',
        '--conditions=@gpt-trader/source',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    )
    expect(run.stderr.replace(/Warning: disabling flag --expose_wasm.*\n/, '')).toBe('')
    expect(JSON.parse(run.stdout)).toEqual({ epochSeconds: 1767225600, undici: [] })
    expect(run.status).toBe(0)
  })
})
