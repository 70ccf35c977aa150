import { createPrivateKey, randomBytes } from 'node:crypto'
import { SignJWT } from 'jose'
import type { CoinbaseSim, SimCredential } from '../src/index.js'

/** Mints a CDP JWT like the official SDKs, with `nowMs` as the signing time. */
export async function mintJwt(
  cred: SimCredential,
  nowMs: number,
  uri?: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const key =
    cred.algorithm === 'ES256'
      ? createPrivateKey(cred.privateKey)
      : (() => {
          const raw = Buffer.from(cred.privateKey, 'base64')
          return createPrivateKey({
            format: 'jwk',
            key: {
              kty: 'OKP',
              crv: 'Ed25519',
              d: raw.subarray(0, 32).toString('base64url'),
              x: raw.subarray(32).toString('base64url'),
            },
          })
        })()
  const nbf = Math.floor(nowMs / 1000)
  return new SignJWT({
    iss: 'cdp',
    sub: cred.apiKeyName,
    nbf,
    exp: nbf + 120,
    ...(uri ? { uri } : {}),
    ...extra,
  })
    .setProtectedHeader({ alg: cred.algorithm, kid: cred.apiKeyName, nonce: randomBytes(16).toString('hex') })
    .sign(key)
}

/** Authenticated fetch against the sim, signing with the sim's own clock. */
export async function call(
  sim: CoinbaseSim,
  method: string,
  path: string,
  body?: unknown,
  cred: SimCredential = sim.credentials[0] as SimCredential,
): Promise<{ status: number; json: unknown; text: string }> {
  const url = new URL(`${sim.restUrl}/api/v3/brokerage${path}`)
  const jwt = await mintJwt(cred, sim.control.now(), `${method} ${url.host}${url.pathname}`)
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  const text = await res.text()
  let json: unknown = null
  try {
    json = JSON.parse(text)
  } catch {
    json = null
  }
  return { status: res.status, json, text }
}

/** Public (unauthenticated) GET. */
export async function pub(
  sim: CoinbaseSim,
  path: string,
): Promise<{ status: number; json: unknown; text: string }> {
  const res = await fetch(`${sim.restUrl}/api/v3/brokerage${path}`)
  const text = await res.text()
  let json: unknown = null
  try {
    json = JSON.parse(text)
  } catch {
    json = null
  }
  return { status: res.status, json, text }
}
