import { InvalidCredentials } from '../errors/InvalidCredentials.js'
import { type Clock, systemClock } from '../utils/clock.js'
import { bytesToHex } from './encoding.js'

/**
 * A legacy Coinbase API key (HMAC, deprecated by Coinbase in 2024; prefer a CDP key). Only REST calls can
 * be signed with it.
 */
export interface LegacyHmacCredentialsInput {
  apiKey: string
  apiSecret: string
}

/** Parsed legacy credentials; the secret lives in a private registry, not on this object. */
export interface LegacyHmacCredentials {
  readonly kind: 'hmac'
  readonly apiKey: string
}

const secrets = new WeakMap<LegacyHmacCredentials, { secret: string; key?: Promise<CryptoKey> }>()

/** True when `value` looks like `{ apiKey, apiSecret }` rather than a CDP key. */
export function isLegacyHmacInput(value: unknown): value is LegacyHmacCredentialsInput {
  return typeof value === 'object' && value !== null && 'apiSecret' in value && !('privateKey' in value)
}

/**
 * Validates a legacy HMAC key. Throws {@link InvalidCredentials} (never echoing the secret).
 *
 * @example
 * const legacy = parseLegacyHmacCredentials({ apiKey: 'abc', apiSecret: process.env.CB_SECRET! })
 */
export function parseLegacyHmacCredentials(input: LegacyHmacCredentialsInput): LegacyHmacCredentials {
  const { apiKey, apiSecret } = input as { apiKey: unknown; apiSecret: unknown }
  if (typeof apiKey !== 'string' || apiKey.trim() === '')
    throw new InvalidCredentials('apiKey must be a non-empty string')
  if (typeof apiSecret !== 'string' || apiSecret.trim() === '') {
    throw new InvalidCredentials('apiSecret must be a non-empty string')
  }
  const credentials: LegacyHmacCredentials = Object.freeze({ kind: 'hmac' as const, apiKey: apiKey.trim() })
  secrets.set(credentials, { secret: apiSecret.trim() })
  return credentials
}

/** What is signed for one legacy request. */
export interface LegacyHmacRequest {
  method: string
  /** Path without the query, e.g. `/api/v3/brokerage/orders`. */
  path: string
  /** The exact JSON body sent, or '' for none. */
  body: string
}

/**
 * Headers for a legacy-key REST request: `CB-ACCESS-KEY`, `CB-ACCESS-TIMESTAMP` (unix seconds) and
 * `CB-ACCESS-SIGN` = hex HMAC-SHA256(secret, timestamp + METHOD + path + body).
 */
export async function signLegacyHmac(
  credentials: LegacyHmacCredentials,
  request: LegacyHmacRequest,
  clock: Clock = systemClock,
): Promise<Record<string, string>> {
  const entry = secrets.get(credentials)
  if (!entry) throw new InvalidCredentials('not created by parseLegacyHmacCredentials()')
  entry.key ??= globalThis.crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(entry.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const timestamp = String(Math.floor(clock.now() / 1000))
  const message = timestamp + request.method.toUpperCase() + request.path + request.body
  const signature = await globalThis.crypto.subtle.sign(
    'HMAC',
    await entry.key,
    new TextEncoder().encode(message),
  )
  return {
    'CB-ACCESS-KEY': credentials.apiKey,
    'CB-ACCESS-TIMESTAMP': timestamp,
    'CB-ACCESS-SIGN': bytesToHex(new Uint8Array(signature)),
  }
}
