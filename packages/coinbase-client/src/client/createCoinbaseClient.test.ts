import { startHttpServer } from '@gpt-trader/test-utils'
import { describe, expect, it } from 'vitest'
import { getServerTime } from '../actions/getServerTime.js'
import { isInvalidArgumentError, isInvalidCredentialsError } from '../errors/guards.js'
import { http } from '../transports/http.js'
import {
  createCoinbaseClient,
  DEFAULT_BASE_URL,
  DEFAULT_WS_URL,
  DEFAULT_WS_USER_URL,
} from './createCoinbaseClient.js'

describe('createCoinbaseClient', () => {
  it('defaults to Coinbase production URLs and no credentials', () => {
    const client = createCoinbaseClient()
    expect([client.baseUrl, client.wsUrl, client.wsUserUrl]).toEqual([
      DEFAULT_BASE_URL,
      DEFAULT_WS_URL,
      DEFAULT_WS_USER_URL,
    ])
    expect(DEFAULT_BASE_URL).toBe('https://api.coinbase.com')
    expect(client.credentials).toBeUndefined()
    expect(client.transport.type).toBe('http')
  })

  it('checks URLs and credentials up front', () => {
    expect(() => createCoinbaseClient({ baseUrl: 'ftp://x' })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidArgument: baseUrl must use http: or https:, got ftp:]`,
    )
    expect(() => createCoinbaseClient({ wsUrl: 'http://x' })).toThrowError(/wsUrl must use ws: or wss:/)
    try {
      createCoinbaseClient({ credentials: { apiKeyName: 'k', privateKey: 'not a key' } })
      expect.unreachable()
    } catch (error) {
      expect(isInvalidCredentialsError(error)).toBe(true)
    }
    expect(isInvalidArgumentError(new Error('x'))).toBe(false)
  })

  it('standalone and bound actions are the same call; extend() adds decorators; a custom transport config wins', async () => {
    const server = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"iso":"2026-01-01T00:00:00Z","epochSeconds":"1767225600","epochMillis":"1767225600000"}')
    })
    try {
      const client = createCoinbaseClient({
        baseUrl: `${server.url}/`,
        timeoutMs: 1,
        transport: http({ timeoutMs: 5_000, headers: { 'x-app': 'gpt-trader' } }),
      })
      expect(client.baseUrl).toBe(server.url)
      const a = await getServerTime(client)
      const b = await client.getServerTime()
      expect(a).toEqual(b)
      const extended = client.extend((c) => ({
        serverSeconds: async () => (await c.getServerTime()).epochSeconds,
      }))
      expect(await extended.serverSeconds()).toBe(1767225600)
      expect(typeof extended.listAccounts).toBe('function')
      const twice = extended.extend(() => ({ answer: () => 42 }))
      expect([twice.answer(), await twice.serverSeconds()]).toEqual([42, 1767225600])
      expect(server.requests.every((r) => r.headers['x-app'] === 'gpt-trader')).toBe(true)
      const raw = await client.request({ method: 'GET', path: '/api/v3/brokerage/time', auth: 'public' })
      expect(raw).toMatchObject({ epochSeconds: '1767225600' })
    } finally {
      await server.close()
    }
  })
})
