import { type Credentials, type CredentialsSource, parseCredentials } from '../auth/credentials.js'
import {
  isLegacyHmacInput,
  type LegacyHmacCredentials,
  type LegacyHmacCredentialsInput,
  parseLegacyHmacCredentials,
} from '../auth/hmac.js'
import { InvalidArgument } from '../errors/InvalidCredentials.js'
import {
  type HttpTransport,
  type HttpTransportConfig,
  http,
  type RateLimitOptions,
} from '../transports/http.js'
import type { HttpSender } from '../transports/sender.js'
import type { RetryOptions } from '../utils/backoff.js'
import { type Clock, defaultSleep, type Sleep, systemClock } from '../utils/clock.js'
import type { Client } from './Client.js'
import { type RestActions, restActions } from './restActions.js'

/** Coinbase Advanced Trade REST origin. */
export const DEFAULT_BASE_URL = 'https://api.coinbase.com'
/** Market-data WebSocket. */
export const DEFAULT_WS_URL = 'wss://advanced-trade-ws.coinbase.com'
/** User-order WebSocket. */
export const DEFAULT_WS_USER_URL = 'wss://advanced-trade-ws-user.coinbase.com'

/** Options of {@link createCoinbaseClient}. */
export interface CoinbaseClientConfig {
  /**
   * A CDP API key: `{ apiKeyName, privateKey }`, the JSON text of a downloaded key file, or the result of
   * `parseCredentials`. Omit for a public-only client (`market/*` endpoints and `/time`).
   * Checked here: malformed keys throw `InvalidCredentials` before any request.
   * A legacy HMAC key `{ apiKey, apiSecret }` is accepted for REST only (deprecated by Coinbase).
   */
  credentials?: CredentialsSource | LegacyHmacCredentialsInput
  /** REST origin. Default `https://api.coinbase.com`; a simulated exchange's `restUrl` for tests. */
  baseUrl?: string
  /** Market-data WebSocket URL. */
  wsUrl?: string
  /** User-order WebSocket URL. */
  wsUserUrl?: string
  /** Custom fetch implementation for the default sender. */
  fetch?: typeof globalThis.fetch
  /**
   * How requests go out (see {@link HttpSender}). Default: ky over `fetch`. In Node,
   * `nodeHttpSender()` from `@gpt-trader/coinbase-client/node` skips fetch. Give `send` or `fetch`,
   * not both.
   */
  send?: HttpSender
  /** Clock for rate limiting and retry timing, and the venue's time unless `venueClock` is given. Default `Date.now`. */
  clock?: Clock
  /**
   * The venue's time, e.g. the local clock plus the offset measured through `/time`: it signs
   * requests (JWT `nbf`/`exp`, HMAC timestamps), reads `Retry-After` dates and bounds order-lookup
   * windows (`created_time` is the venue's). Kept apart from `clock`, so an offset jump never stalls
   * the rate limiter's buckets. Default: `clock`.
   */
  venueClock?: Clock
  /** Sleep used for backoff and rate limiting (inject to keep tests instant). */
  sleep?: Sleep
  /** Random source for jitter, in [0, 1). Default `Math.random`. */
  random?: () => number
  /** Per-request timeout. Default 10,000 ms. */
  timeoutMs?: number
  /** Retry policy for network errors; `false` to disable. */
  retry?: RetryOptions | false
  /** Client-side token buckets; `false` to disable. Default 30/s private, 10/s public. */
  rateLimit?: RateLimitOptions | false
  /** The HTTP transport. Default `http()` configured from the options above. */
  transport?: HttpTransport
}

/** A client: config, transport, every REST action bound, and `extend()` for more. */
export type CoinbaseClient<Extra = unknown> = Client &
  RestActions &
  Extra & {
    /** Adds decorators (viem-style): `client.extend((c) => ({ myAction: (p) => myAction(c, p) }))`. */
    extend<Added extends Record<string, unknown>>(
      decorator: (client: CoinbaseClient<Extra>) => Added,
    ): CoinbaseClient<Extra & Added>
  }

function checkUrl(value: string, field: string, protocols: readonly string[]): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InvalidArgument(`${field} is not a valid URL: ${JSON.stringify(value)}`)
  }
  if (!protocols.includes(url.protocol)) {
    throw new InvalidArgument(`${field} must use ${protocols.join(' or ')}, got ${url.protocol}`)
  }
  return value.replace(/\/+$/, '')
}

/**
 * Creates a Coinbase Advanced Trade client. Every REST action is available both as a method
 * (`client.getProduct(params)`) and as a standalone function (`getProduct(client, params)`).
 *
 * @example
 * const client = createCoinbaseClient({ credentials: { apiKeyName, privateKey } })
 * const { products } = await client.listPublicProducts({ product_ids: ['BTC-USD'] })
 * const { accounts } = await client.listAccounts()
 */
export function createCoinbaseClient(config: CoinbaseClientConfig = {}): CoinbaseClient {
  const source = config.credentials
  const legacyCredentials: LegacyHmacCredentials | undefined =
    source !== undefined && isLegacyHmacInput(source) ? parseLegacyHmacCredentials(source) : undefined
  const credentials: Credentials | undefined =
    source === undefined || legacyCredentials ? undefined : parseCredentials(source as CredentialsSource)
  const baseUrl = checkUrl(config.baseUrl ?? DEFAULT_BASE_URL, 'baseUrl', ['http:', 'https:'])
  const wsUrl = checkUrl(config.wsUrl ?? DEFAULT_WS_URL, 'wsUrl', ['ws:', 'wss:'])
  const wsUserUrl = checkUrl(config.wsUserUrl ?? DEFAULT_WS_USER_URL, 'wsUserUrl', ['ws:', 'wss:'])
  const clock = config.clock ?? systemClock
  const venueClock = config.venueClock ?? clock
  const sleep = config.sleep ?? defaultSleep
  const random = config.random ?? Math.random
  const defaults: HttpTransportConfig = {}
  if (config.fetch) defaults.fetch = config.fetch
  if (config.send) defaults.send = config.send
  if (config.timeoutMs !== undefined) defaults.timeoutMs = config.timeoutMs
  if (config.retry !== undefined) defaults.retry = config.retry
  if (config.rateLimit !== undefined) defaults.rateLimit = config.rateLimit
  const transport = (config.transport ?? http())({
    baseUrl,
    credentials,
    legacyCredentials,
    clock,
    venueClock,
    sleep,
    random,
    defaults,
  })
  const base: Client = {
    baseUrl,
    wsUrl,
    wsUserUrl,
    credentials,
    legacyCredentials,
    clock,
    venueClock,
    sleep,
    random,
    transport,
    request: (request) => transport.request(request),
  }
  return decorate(base, {})
}

function decorate<Extra>(base: Client, extra: Extra): CoinbaseClient<Extra> {
  const client = { ...base, ...extra } as Client & Extra
  const full = Object.assign(client, restActions(client), {
    extend<Added extends Record<string, unknown>>(decorator: (c: CoinbaseClient<Extra>) => Added) {
      return decorate<Extra & Added>(base, { ...extra, ...decorator(full) })
    },
  }) as CoinbaseClient<Extra>
  return full
}
