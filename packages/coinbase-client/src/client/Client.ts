import type { Credentials } from '../auth/credentials.js'
import type { LegacyHmacCredentials } from '../auth/hmac.js'
import type { HttpTransportInstance, TransportRequest } from '../transports/http.js'
import type { Clock, Sleep } from '../utils/clock.js'

/**
 * The configured client every action takes as its first argument (viem's split: the client holds
 * config and the transport; actions are plain functions).
 */
export interface Client {
  /** REST origin, e.g. `https://api.coinbase.com` or a simulated exchange's `http://127.0.0.1:PORT`. */
  readonly baseUrl: string
  /** Market-data WebSocket URL. */
  readonly wsUrl: string
  /** User-order WebSocket URL. */
  readonly wsUserUrl: string
  /** Parsed credentials, or `undefined` for a public-only client. Holds no key material. */
  readonly credentials: Credentials | undefined
  /** A legacy HMAC key, when the client was created with `{ apiKey, apiSecret }` (REST only). */
  readonly legacyCredentials?: LegacyHmacCredentials | undefined
  /** Local time: rate limiting, timeouts and retry waits. */
  readonly clock: Clock
  /** The venue's time: signing, `Retry-After` dates and order-lookup windows (see `venueClock`). */
  readonly venueClock: Clock
  readonly sleep: Sleep
  /** Source of randomness for jitter, in [0, 1). */
  readonly random: () => number
  readonly transport: HttpTransportInstance
  /** Sends a raw REST request through the transport and returns the parsed JSON (unvalidated). */
  request(request: TransportRequest): Promise<unknown>
}
