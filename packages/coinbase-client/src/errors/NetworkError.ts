import { BaseError } from './BaseError.js'
import { assignContext, type HttpErrorContext, type HttpErrorOptions } from './ExchangeError.js'

/**
 * The request may not have reached the exchange, or its answer did not come back: connection refused,
 * reset, 5xx, 429, timeout. Retryable; the client retries these itself with backoff (except order
 * placement, which is only re-sent with the same client_order_id after a lookup).
 */
export class NetworkError extends BaseError implements HttpErrorContext {
  override name = 'NetworkError'
  status?: number
  method?: string
  path?: string
  body?: unknown
  coinbaseError?: string

  constructor(shortMessage: string, options: HttpErrorOptions = {}) {
    super(shortMessage, { code: 'NETWORK_ERROR', ...options })
    assignContext(this, options)
  }

  override get retryable(): boolean {
    return true
  }
}

/** HTTP 429. `retryAfterMs` comes from the `Retry-After` header when the server sent one. */
export class RateLimitExceeded extends NetworkError {
  override name = 'RateLimitExceeded'
  retryAfterMs?: number
  constructor(shortMessage: string, options: HttpErrorOptions & { retryAfterMs?: number } = {}) {
    super(shortMessage, { code: 'RATE_LIMIT_EXCEEDED', ...options })
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs
  }
}

/** No answer within the timeout. The request may still have been processed. */
export class RequestTimeout extends NetworkError {
  override name = 'RequestTimeout'
  timeoutMs?: number
  constructor(shortMessage: string, options: HttpErrorOptions & { timeoutMs?: number } = {}) {
    super(shortMessage, { code: 'REQUEST_TIMEOUT', ...options })
    if (options.timeoutMs !== undefined) this.timeoutMs = options.timeoutMs
  }
}

/** HTTP 5xx: the exchange (or a gateway in front of it) is failing. */
export class ExchangeNotAvailable extends NetworkError {
  override name = 'ExchangeNotAvailable'
  constructor(shortMessage: string, options: HttpErrorOptions = {}) {
    super(shortMessage, { code: 'EXCHANGE_NOT_AVAILABLE', ...options })
  }
}

/**
 * An order request got no definite answer (timeout, dropped connection, 5xx) and the lookup by
 * `clientOrderId` that followed failed too. The order may or may not exist: it is *unknown*, never
 * *failed*. Reconcile by `clientOrderId` (listOrders / the user channel) before placing anything else.
 * Not retryable by the client itself.
 */
export class OrderStatusUnknown extends NetworkError {
  override name = 'OrderStatusUnknown'
  readonly clientOrderId: string
  constructor(clientOrderId: string, options: HttpErrorOptions = {}) {
    super(`Order ${clientOrderId} may or may not have been placed: no answer, and the lookup failed.`, {
      code: 'ORDER_STATUS_UNKNOWN',
      ...options,
    })
    this.clientOrderId = clientOrderId
  }

  override get retryable(): boolean {
    return false
  }
}

/** The WebSocket connection failed, closed unexpectedly, or the server sent an error frame. */
export class WebSocketError extends NetworkError {
  override name = 'WebSocketError'
  /** Close code when the socket closed. */
  closeCode?: number
  /** The server's error text (`{"type":"error","message":...}`), when it sent one. */
  serverMessage?: string
  constructor(
    shortMessage: string,
    options: HttpErrorOptions & { closeCode?: number; serverMessage?: string; url?: string } = {},
  ) {
    super(shortMessage, { code: 'WEBSOCKET_ERROR', ...options })
    if (options.closeCode !== undefined) this.closeCode = options.closeCode
    if (options.serverMessage !== undefined) this.serverMessage = options.serverMessage
  }
}
