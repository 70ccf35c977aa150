import type { Credentials } from '../auth/credentials.js'
import { type LegacyHmacCredentials, signLegacyHmac } from '../auth/hmac.js'
import { createRestJwt } from '../auth/jwt.js'
import { BaseError } from '../errors/BaseError.js'
import { CredentialsRequired } from '../errors/ExchangeError.js'
import { InvalidArgument, RequestAborted } from '../errors/InvalidCredentials.js'
import { NetworkError, RateLimitExceeded, RequestTimeout } from '../errors/NetworkError.js'
import { ParseError } from '../errors/ParseError.js'
import { backoffDelay, defaultRetryOptions, parseRetryAfter, type RetryOptions } from '../utils/backoff.js'
import type { Clock, Sleep } from '../utils/clock.js'
import { createTokenBucket, type TokenBucket } from '../utils/createTokenBucket.js'
import { errorFromResponse } from './errorFromResponse.js'
import { fetchSender } from './fetchSender.js'
import { type HttpSender, type HttpSendResponse, isSendTimeout } from './sender.js'

/** A query parameter value; arrays become repeated keys (`product_ids=A&product_ids=B`). */
export type QueryValue = string | number | boolean | Date | readonly (string | number)[] | null | undefined

/** One REST call as actions describe it. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Path from the host, e.g. `/api/v3/brokerage/products/BTC-USD`. */
  path: string
  query?: Readonly<Record<string, QueryValue>>
  /** JSON body. */
  body?: unknown
  /** `private` calls are signed and need credentials; `public` calls are not signed. */
  auth: 'private' | 'public'
  /** Name used in messages, e.g. `getAccount`. */
  action?: string
  signal?: AbortSignal
  /** Overrides the transport timeout for this call. */
  timeoutMs?: number
  /** `false` disables automatic retries (order placement manages its own). */
  retry?: boolean
}

/** Per-call options every action accepts as its last argument. */
export interface RequestOptions {
  signal?: AbortSignal
  timeoutMs?: number
}

/** Token-bucket settings. */
export interface RateLimitOptions {
  /** Private (signed) requests per second. Default 30 (Coinbase's per-user limit). */
  privatePerSecond?: number
  /** Public requests per second. Default 10 (Coinbase's per-IP limit). */
  publicPerSecond?: number
  /** Burst size; defaults to the per-second rate. */
  privateBurst?: number
  publicBurst?: number
}

/** Settings for {@link http}. */
export interface HttpTransportConfig {
  /** Custom fetch (e.g. to add a proxy agent) for the default sender. Defaults to `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch
  /**
   * How requests go out. Default {@link fetchSender} (ky over `fetch`, any runtime). In Node,
   * `nodeHttpSender()` from `@gpt-trader/coinbase-client/node` uses `node:http`/`node:https` and never
   * loads Node's fetch: less memory and less time per call. Give either `send` or `fetch`, not both.
   */
  send?: HttpSender
  /** Per-request timeout. Default 10,000 ms. */
  timeoutMs?: number
  /** Retry policy for network errors; `false` to disable. */
  retry?: RetryOptions | false
  /** Client-side rate limiting; `false` to disable. */
  rateLimit?: RateLimitOptions | false
  /** Extra headers on every request (never put a secret here that you would not want logged by a proxy). */
  headers?: Readonly<Record<string, string>>
}

/** What the client hands the transport when it is set up. */
export interface TransportContext {
  baseUrl: string
  credentials: Credentials | undefined
  /** Legacy HMAC key, used only when `credentials` is absent. */
  legacyCredentials?: LegacyHmacCredentials | undefined
  /** Drives rate limiting and timers. */
  clock: Clock
  /** The venue's time: signs requests and reads `Retry-After` dates. Default: `clock`. */
  venueClock?: Clock | undefined
  sleep: Sleep
  random: () => number
  /** Client-level defaults; the transport's own config wins. */
  defaults: HttpTransportConfig
}

/** A transport bound to one client. */
export interface HttpTransportInstance {
  type: 'http'
  /** Sends the request (rate limit, JWT, timeout, retries) and returns the parsed JSON body. */
  request(request: TransportRequest): Promise<unknown>
  /** The effective retry policy (used by order placement). */
  retry: Required<RetryOptions> | false
}

/** A transport factory, as returned by {@link http}. */
export type HttpTransport = ((context: TransportContext) => HttpTransportInstance) & {
  readonly type: 'http'
  readonly config: HttpTransportConfig
}

function appendQuery(params: URLSearchParams, key: string, value: QueryValue): void {
  if (value === undefined || value === null) return
  if (Array.isArray(value)) {
    for (const item of value) params.append(key, String(item))
  } else if (value instanceof Date) {
    params.append(key, value.toISOString())
  } else {
    params.append(key, String(value))
  }
}

/** Builds `path?query` with repeated keys for arrays. */
export function buildPath(path: string, query?: Readonly<Record<string, QueryValue>>): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) appendQuery(params, key, value)
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

/**
 * The HTTP transport: client-side token buckets (30/s private, 10/s public), a fresh CDP
 * JWT per attempt, timeouts, AbortSignal, and retries with exponential backoff + jitter for network
 * errors only (429 honouring `Retry-After`, 5xx, timeouts, connection failures). 4xx answers are never
 * retried.
 *
 * @example
 * const client = createCoinbaseClient({ transport: http({ timeoutMs: 5_000, retry: { retries: 5 } }) })
 */
export function http(config: HttpTransportConfig = {}): HttpTransport {
  const factory = (context: TransportContext): HttpTransportInstance => {
    const merged: HttpTransportConfig = { ...context.defaults, ...config }
    if (merged.send !== undefined && merged.fetch !== undefined) {
      throw new InvalidArgument(
        'send and fetch were both given: fetch only configures the default sender; pass fetchSender(fetch) as send, or drop one',
      )
    }
    const send = merged.send ?? fetchSender(merged.fetch)
    const timeoutMs = merged.timeoutMs ?? 10_000
    const retry = merged.retry === false ? false : { ...defaultRetryOptions, ...merged.retry }
    const limits = merged.rateLimit
    const buckets: { private: TokenBucket; public: TokenBucket } | undefined =
      limits === false
        ? undefined
        : {
            private: createTokenBucket({
              perSecond: limits?.privatePerSecond ?? 30,
              ...(limits?.privateBurst !== undefined ? { burst: limits.privateBurst } : {}),
              clock: context.clock,
              sleep: context.sleep,
            }),
            public: createTokenBucket({
              perSecond: limits?.publicPerSecond ?? 10,
              ...(limits?.publicBurst !== undefined ? { burst: limits.publicBurst } : {}),
              clock: context.clock,
              sleep: context.sleep,
            }),
          }
    const venueClock = context.venueClock ?? context.clock
    const baseUrl = context.baseUrl.replace(/\/+$/, '')
    const extraHeaders = merged.headers ?? {}

    const attempt = async (request: TransportRequest, pathWithQuery: string): Promise<unknown> => {
      const url = baseUrl + pathWithQuery
      const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders }
      let body: string | undefined
      if (request.body !== undefined) {
        body = JSON.stringify(request.body)
        headers['content-type'] = 'application/json'
      }
      if (request.auth === 'private' && context.credentials) {
        headers.authorization = `Bearer ${await createRestJwt(context.credentials, { method: request.method, url }, venueClock)}`
      } else if (request.auth === 'private' && context.legacyCredentials) {
        Object.assign(
          headers,
          await signLegacyHmac(
            context.legacyCredentials,
            { method: request.method, path: new URL(url).pathname, body: body ?? '' },
            venueClock,
          ),
        )
      }
      const perCallTimeout = request.timeoutMs ?? timeoutMs
      let response: HttpSendResponse
      try {
        response = await send({
          method: request.method,
          url,
          headers,
          body,
          timeoutMs: perCallTimeout > 0 ? perCallTimeout : 0,
          signal: request.signal,
        })
      } catch (error) {
        throw transportFailure(error, request, pathWithQuery, perCallTimeout)
      }
      const text = response.text
      if (response.status < 200 || response.status > 299) {
        const failed = {
          status: response.status,
          method: request.method,
          path: pathWithQuery,
          text,
        }
        const retryAfterMs = parseRetryAfter(response.header('retry-after'), venueClock)
        throw errorFromResponse(retryAfterMs === undefined ? failed : { ...failed, retryAfterMs })
      }
      if (text.trim() === '') return {}
      try {
        return JSON.parse(text) as unknown
      } catch (cause) {
        throw new ParseError(
          `Coinbase sent a response that is not JSON for ${request.method} ${request.path}`,
          {
            cause,
            source: `${request.method} ${request.path}`,
            snippet: text,
            details: `HTTP ${response.status}, ${text.length} bytes, starting ${JSON.stringify(text.slice(0, 60))}`,
          },
        )
      }
    }

    const transportFailure = (
      error: unknown,
      request: TransportRequest,
      pathWithQuery: string,
      perCallTimeout: number,
    ): BaseError => {
      if (error instanceof BaseError) return error
      // The caller's own abort wins over a timeout that fired at about the same moment.
      if (request.signal?.aborted) {
        return new RequestAborted({ cause: request.signal.reason, path: request.path })
      }
      const context = { method: request.method, path: pathWithQuery }
      if (isSendTimeout(error)) {
        return new RequestTimeout(
          `No answer within ${perCallTimeout} ms for ${request.method} ${request.path}`,
          { ...context, timeoutMs: perCallTimeout, details: '' },
        )
      }
      return new NetworkError(`Could not reach Coinbase for ${request.method} ${request.path}`, {
        ...context,
        cause: error,
      })
    }

    const instance: HttpTransportInstance = {
      type: 'http',
      retry,
      async request(request) {
        if (request.auth === 'private' && !context.credentials && !context.legacyCredentials) {
          throw new CredentialsRequired(request.action ?? `${request.method} ${request.path}`)
        }
        const pathWithQuery = buildPath(request.path, request.query)
        const maxRetries = retry === false || request.retry === false ? 0 : retry.retries
        for (let n = 0; ; n++) {
          if (request.signal?.aborted)
            throw new RequestAborted({ cause: request.signal.reason, path: request.path })
          try {
            if (buckets) await buckets[request.auth].take(request.signal)
            return await attempt(request, pathWithQuery)
          } catch (error) {
            const failure =
              error instanceof BaseError
                ? error
                : request.signal?.aborted
                  ? new RequestAborted({ cause: request.signal.reason, path: request.path })
                  : new NetworkError(`Request failed: ${request.method} ${request.path}`, { cause: error })
            if (!failure.retryable || n >= maxRetries || retry === false) throw failure
            let delay = backoffDelay(n, retry, context.random)
            if (failure instanceof RateLimitExceeded && failure.retryAfterMs !== undefined) {
              if (failure.retryAfterMs > retry.maxRetryAfterMs) throw failure
              delay = Math.max(delay, failure.retryAfterMs)
            }
            try {
              await context.sleep(delay, request.signal)
            } catch (reason) {
              throw new RequestAborted({ cause: reason, path: request.path })
            }
          }
        }
      },
    }
    return instance
  }
  return Object.assign(factory, { type: 'http' as const, config })
}
