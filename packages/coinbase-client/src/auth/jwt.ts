import type * as Jose from 'jose'
import { InvalidCredentials } from '../errors/InvalidCredentials.js'
import { type Clock, systemClock } from '../utils/clock.js'
import { lazyImport } from '../utils/lazyImport.js'
import { type Credentials, type CredentialsSource, getKeyMaterial, parseCredentials } from './credentials.js'
import { bytesToBase64, bytesToBase64Url, bytesToHex, randomBytes } from './encoding.js'

/** Lifetime of a CDP JWT: Coinbase refuses `exp` more than 120 s after `nbf`. */
export const JWT_LIFETIME_SECONDS = 120

const signingKeys = new WeakMap<Credentials, Promise<CryptoKey>>()

/**
 * jose is loaded on the first signature, not at import: a client that never signs (public endpoints,
 * paper trading, a market-data page) never pays for it (~0.6 MB of heap in Node).
 */
const loadJose: () => Promise<typeof Jose> = lazyImport(() => import('jose'))

function toPem(der: Uint8Array): string {
  const body = bytesToBase64(der).replace(/.{1,64}/g, '$&\n')
  return `-----BEGIN PRIVATE KEY-----\n${body}-----END PRIVATE KEY-----\n`
}

async function importSigningKey(credentials: Credentials): Promise<CryptoKey> {
  const material = getKeyMaterial(credentials)
  const pem = toPem(material.pkcs8)
  const { importPKCS8 } = await loadJose()
  try {
    if (material.expectedPublicKey) {
      // A 64-byte Ed25519 secret is seed ‖ public key; check the halves belong together so a truncated
      // or mis-pasted key fails here, with a clear message, not as a 401 from the exchange.
      const probe = await importPKCS8(pem, credentials.algorithm, { extractable: true })
      const jwk = await globalThis.crypto.subtle.exportKey('jwk', probe)
      if (jwk.x !== bytesToBase64Url(material.expectedPublicKey)) {
        throw new InvalidCredentials(
          'privateKey is 64 bytes but its last 32 bytes are not the public key of its first 32 (seed ‖ public key expected)',
        )
      }
    }
    return await importPKCS8(pem, credentials.algorithm)
  } catch (error) {
    if (error instanceof InvalidCredentials) throw error
    // The platform's message could in principle quote input; only its class name is kept.
    const kind = error instanceof Error ? error.name : 'Error'
    throw new InvalidCredentials(
      `WebCrypto could not import privateKey as ${credentials.algorithm} (${kind})`,
    )
  }
}

/** The WebCrypto key for credentials, imported once and cached. */
function signingKey(credentials: Credentials): Promise<CryptoKey> {
  let key = signingKeys.get(credentials)
  if (!key) {
    key = importSigningKey(credentials)
    // A failed import is not cached, so the caller sees the same error each time rather than a stale promise.
    key.catch(() => signingKeys.delete(credentials))
    signingKeys.set(credentials, key)
  }
  return key
}

/** Options for {@link createRestJwt}. */
export interface RestJwtRequest {
  /** HTTP method, e.g. `GET`. */
  method: string
  /** Full request URL (`https://api.coinbase.com/api/v3/brokerage/accounts?limit=5`); the query is not signed. */
  url: string | URL
}

/** The `uri` claim for a REST request: `"METHOD host/path"`, no scheme, no query. */
export function formatJwtUri(method: string, url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url
  return `${method.toUpperCase()} ${parsed.host}${parsed.pathname}`
}

async function sign(
  credentials: Credentials,
  clock: Clock,
  extraClaims: Record<string, unknown>,
): Promise<string> {
  const key = await signingKey(credentials)
  const { SignJWT } = await loadJose()
  const nbf = Math.floor(clock.now() / 1000)
  return new SignJWT({ ...extraClaims })
    .setProtectedHeader({
      alg: credentials.algorithm,
      kid: credentials.keyName,
      nonce: bytesToHex(randomBytes(16)),
      typ: 'JWT',
    })
    .setIssuer('cdp')
    .setSubject(credentials.keyName)
    .setNotBefore(nbf)
    .setExpirationTime(nbf + JWT_LIFETIME_SECONDS)
    .sign(key)
}

/**
 * Signs a fresh CDP JWT for one REST request (`Authorization: Bearer <jwt>`): header `alg`, `kid`,
 * random `nonce`; claims `iss: 'cdp'`, `sub`, `nbf`, `exp = nbf + 120`, `uri: 'METHOD host/path'`.
 *
 * @example
 * const jwt = await createRestJwt(credentials, { method: 'GET', url: 'https://api.coinbase.com/api/v3/brokerage/accounts' })
 */
export async function createRestJwt(
  credentials: CredentialsSource,
  request: RestJwtRequest,
  clock: Clock = systemClock,
): Promise<string> {
  return sign(parseCredentials(credentials), clock, { uri: formatJwtUri(request.method, request.url) })
}

/**
 * Signs a fresh CDP JWT for one WebSocket subscribe message (same header and claims as REST, without
 * `uri`). Mint one per message: tokens expire after 120 s.
 *
 * @example
 * ws.send(JSON.stringify({ type: 'subscribe', channel: 'user', jwt: await createWsJwt(credentials) }))
 */
export async function createWsJwt(
  credentials: CredentialsSource,
  clock: Clock = systemClock,
): Promise<string> {
  return sign(parseCredentials(credentials), clock, {})
}
