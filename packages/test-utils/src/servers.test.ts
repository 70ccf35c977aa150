import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { loadFixture } from './fixtures.js'
import { startHttpServer, startWsServer } from './servers.js'

describe('test-utils', () => {
  it('loads a Coinbase fixture from ../shared', () => {
    const time = loadFixture('rest/server_time.json') as Record<string, unknown>
    expect(Object.keys(time).sort()).toEqual(['epochMillis', 'epochSeconds', 'iso'])
  })

  it('serves and records HTTP requests on loopback, then closes', async () => {
    const server = await startHttpServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ echo: req.body }))
    })
    const res = await fetch(`${server.url}/x?y=1`, { method: 'POST', body: 'hello' })
    expect(await res.json()).toEqual({ echo: 'hello' })
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/x?y=1', body: 'hello' })
    expect(server.url.startsWith('http://127.0.0.1:')).toBe(true)
    await server.close()
    await expect(fetch(server.url)).rejects.toThrow()
  })

  it('runs a WebSocket server on loopback', async () => {
    const server = await startWsServer((ws) => ws.on('message', (m) => ws.send(`echo:${String(m)}`)))
    const client = new WebSocket(server.url)
    const reply = await new Promise<string>((resolve) => {
      client.on('open', () => client.send('ping'))
      client.on('message', (m) => resolve(String(m)))
    })
    expect(reply).toBe('echo:ping')
    client.close()
    await server.close()
  })
})
