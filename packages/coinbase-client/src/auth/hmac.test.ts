import { createHmac } from 'node:crypto'
import { startHttpServer } from '@gpt-trader/test-utils'
import { describe, expect, it } from 'vitest'
import { createCoinbaseClient } from '../client/createCoinbaseClient.js'
import { isInvalidCredentialsError } from '../errors/guards.js'
import { parseLegacyHmacCredentials } from './hmac.js'

const secret = 'c2VjcmV0LXNoaGgtZG8tbm90LWxvZw=='
const clock = { now: () => Date.UTC(2026, 0, 1, 0, 0, 5, 900) }

describe('legacy HMAC keys (REST only)', () => {
  it('signs timestamp + METHOD + path (no query) + body with hex HMAC-SHA256', async () => {
    const server = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"results":[]}')
    })
    try {
      const client = createCoinbaseClient({
        baseUrl: server.url,
        credentials: { apiKey: 'legacy-key', apiSecret: secret },
        clock,
      })
      expect(client.credentials).toBeUndefined()
      expect(client.legacyCredentials?.apiKey).toBe('legacy-key')
      await client.cancelOrders({ order_ids: ['a', 'b'] })
      await client.listOrders({ product_ids: ['BTC-USD'] }).catch(() => undefined)
      const [post, get] = server.requests
      const ts = String(Math.floor(clock.now() / 1000))
      expect(post?.headers['cb-access-key']).toBe('legacy-key')
      expect(post?.headers['cb-access-timestamp']).toBe(ts)
      const expected = createHmac('sha256', secret)
        .update(`${ts}POST/api/v3/brokerage/orders/batch_cancel${post?.body}`)
        .digest('hex')
      expect(post?.headers['cb-access-sign']).toBe(expected)
      expect(post?.headers.authorization).toBeUndefined()
      const expectedGet = createHmac('sha256', secret)
        .update(`${ts}GET/api/v3/brokerage/orders/historical/batch`)
        .digest('hex')
      expect(get?.headers['cb-access-sign']).toBe(expectedGet)
    } finally {
      await server.close()
    }
  })

  it('refuses empty fields without echoing the secret', () => {
    let message = ''
    try {
      parseLegacyHmacCredentials({ apiKey: '', apiSecret: secret })
    } catch (error) {
      expect(isInvalidCredentialsError(error)).toBe(true)
      message = (error as Error).message
    }
    expect(message).toMatchInlineSnapshot(`"Invalid credentials: apiKey must be a non-empty string"`)
    expect(JSON.stringify(parseLegacyHmacCredentials({ apiKey: 'k', apiSecret: secret }))).not.toContain(
      secret,
    )
  })
})
