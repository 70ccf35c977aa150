import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CoinbaseSim, type SimCredential, startCoinbaseSim } from '../src/index.js'
import { mintJwt } from './helpers.js'

let sim: CoinbaseSim
let host: string
beforeAll(async () => {
  sim = await startCoinbaseSim()
  host = new URL(sim.restUrl).host
})
afterAll(async () => {
  await sim.close()
})

const PATH = '/api/v3/brokerage/accounts'
const get = async (jwt: string | null, path = PATH): Promise<{ status: number; text: string }> => {
  const res = await fetch(
    `${sim.restUrl}${path}?limit=1`,
    jwt === null ? {} : { headers: { authorization: `Bearer ${jwt}` } },
  )
  return { status: res.status, text: await res.text() }
}
const ec = (): SimCredential => sim.credentials.find((c) => c.algorithm === 'ES256') as SimCredential
const ed = (): SimCredential => sim.credentials.find((c) => c.algorithm === 'EdDSA') as SimCredential

describe('JWT auth', () => {
  it('issues an ES256 SEC1 key and an Ed25519 seed||pub key by default', () => {
    expect(ec().privateKey.startsWith('-----BEGIN EC PRIVATE KEY-----')).toBe(true)
    expect(ec().apiKeyName).toMatch(/^organizations\/[0-9a-f-]{36}\/apiKeys\/[0-9a-f-]{36}$/)
    expect(Buffer.from(ed().privateKey, 'base64')).toHaveLength(64)
  })

  it.each([
    ['ES256', () => ec()],
    ['EdDSA', () => ed()],
  ])('accepts a %s token for its exact uri', async (_name, cred) => {
    const r = await get(await mintJwt(cred(), sim.control.now(), `GET ${host}${PATH}`))
    expect(r.status).toBe(200)
  })

  it.each([
    ['api.coinbase.com host', (_h: string) => `GET api.coinbase.com${PATH}`],
    ['https scheme', (h: string) => `GET https://${h}${PATH}`],
    ['http scheme', (h: string) => `GET http://${h}${PATH}`],
  ])('accepts the uri with %s', async (_n, uri) => {
    expect((await get(await mintJwt(ec(), sim.control.now(), uri(host)))).status).toBe(200)
  })

  it('accepts uris[0] and iss coinbase-cloud', async () => {
    const t = await mintJwt(ed(), sim.control.now(), undefined, {
      uris: [`GET ${host}${PATH}`],
      iss: 'coinbase-cloud',
    })
    expect((await get(t)).status).toBe(200)
  })

  it.each([
    ['no header', async () => null],
    ['wrong method', async () => mintJwt(ec(), sim.control.now(), `POST ${host}${PATH}`)],
    ['wrong path', async () => mintJwt(ec(), sim.control.now(), `GET ${host}/api/v3/brokerage/orders`)],
    ['query in uri', async () => mintJwt(ec(), sim.control.now(), `GET ${host}${PATH}?limit=1`)],
    ['foreign host', async () => mintJwt(ec(), sim.control.now(), `GET example.com${PATH}`)],
    ['no uri', async () => mintJwt(ec(), sim.control.now())],
    ['expired', async () => mintJwt(ec(), sim.control.now() - 200_000, `GET ${host}${PATH}`)],
    ['nbf in the future', async () => mintJwt(ec(), sim.control.now() + 60_000, `GET ${host}${PATH}`)],
    ['garbage', async () => 'a.b.c'],
    [
      'exp too far after nbf',
      async () =>
        mintJwt(ec(), sim.control.now(), `GET ${host}${PATH}`, {
          exp: Math.floor(sim.control.now() / 1000) + 600,
        }),
    ],
    ['bad issuer', async () => mintJwt(ec(), sim.control.now(), `GET ${host}${PATH}`, { iss: 'someone' })],
    ['sub != kid', async () => mintJwt(ec(), sim.control.now(), `GET ${host}${PATH}`, { sub: 'other' })],
    [
      'signed by another key',
      async () => {
        const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
        const nbf = Math.floor(sim.control.now() / 1000)
        return new SignJWT({
          iss: 'cdp',
          sub: ec().apiKeyName,
          nbf,
          exp: nbf + 120,
          uri: `GET ${host}${PATH}`,
        })
          .setProtectedHeader({ alg: 'ES256', kid: ec().apiKeyName, nonce: randomBytes(8).toString('hex') })
          .sign(privateKey)
      },
    ],
  ])('answers 401 plain-text Unauthorized for %s', async (_n, token) => {
    const r = await get(await token())
    expect(r).toEqual({ status: 401, text: 'Unauthorized' })
  })

  it('tolerates a few seconds of client clock skew', async () => {
    expect((await get(await mintJwt(ec(), sim.control.now() + 3000, `GET ${host}${PATH}`))).status).toBe(200)
  })

  it('checks time against the skewed server clock (clockSkew fault)', async () => {
    const remove = sim.control.injectFault({ kind: 'clockSkew', ms: 300_000 })
    const skewed = await fetch(`${sim.restUrl}/api/v3/brokerage/time`).then(
      (r) => r.json() as Promise<{ epochMillis: string }>,
    )
    expect(Number(skewed.epochMillis)).toBe(sim.control.now())
    // A token minted from the unskewed time is now expired.
    expect((await get(await mintJwt(ec(), sim.control.now() - 300_000, `GET ${host}${PATH}`))).status).toBe(
      401,
    )
    remove()
  })

  it('public market endpoints need no auth', async () => {
    const res = await fetch(`${sim.restUrl}/api/v3/brokerage/market/products`)
    expect(res.status).toBe(200)
  })
})

describe('legacy HMAC keys', () => {
  it('accepts CB-ACCESS-* headers for configured HMAC keys and rejects bad signatures or stale timestamps', async () => {
    const { createHmac } = await import('node:crypto')
    const legacy = await startCoinbaseSim({
      accounts: [{ hmacKeys: [{ apiKey: 'legacy-key', apiSecret: 'legacy-secret' }] }],
    })
    try {
      expect(legacy.credentials.map((c) => c.apiKeyName)).not.toContain('legacy-key')
      const path = '/api/v3/brokerage/orders'
      const body = JSON.stringify({
        client_order_id: 'h',
        product_id: 'BTC-USD',
        side: 'BUY',
        order_configuration: { limit_limit_gtc: { base_size: '0.001', limit_price: '1000.00' } },
      })
      const send = async (ts: number, secret = 'legacy-secret') => {
        const t = String(Math.floor(ts / 1000))
        const sign = createHmac('sha256', secret).update(`${t}POST${path}${body}`).digest('hex')
        const res = await fetch(`${legacy.restUrl}${path}`, {
          method: 'POST',
          body,
          headers: {
            'CB-ACCESS-KEY': 'legacy-key',
            'CB-ACCESS-SIGN': sign,
            'CB-ACCESS-TIMESTAMP': t,
            'content-type': 'application/json',
          },
        })
        return { status: res.status, text: await res.text() }
      }
      expect((await send(legacy.control.now())).status).toBe(200)
      expect(await send(legacy.control.now(), 'wrong')).toEqual({ status: 401, text: 'Unauthorized' })
      expect(await send(legacy.control.now() - 60_000)).toEqual({ status: 401, text: 'Unauthorized' })
      expect(legacy.control.orders()).toHaveLength(1)
    } finally {
      await legacy.close()
    }
  })
})
