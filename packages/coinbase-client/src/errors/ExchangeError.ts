import { BaseError, type BaseErrorOptions } from './BaseError.js'

/** What the client knows about the HTTP exchange that failed. Never holds request headers. */
export interface HttpErrorContext {
  /** HTTP status, when a response arrived. */
  status?: number
  /** Request method, e.g. `GET`. */
  method?: string
  /** Request path with query, e.g. `/api/v3/brokerage/products/BTC-USD`. */
  path?: string
  /** Parsed JSON body or text of the response (truncated to 2,000 characters when text). */
  body?: unknown
  /** Coinbase's `error` string from the body, e.g. `PERMISSION_DENIED`. */
  coinbaseError?: string
}

/** Options for errors raised from an HTTP exchange. */
export type HttpErrorOptions = BaseErrorOptions & HttpErrorContext

/** @internal Copies the defined HTTP context fields onto an error (shared by both error families). */
export function assignContext(target: HttpErrorContext, options: HttpErrorContext): void {
  if (options.status !== undefined) target.status = options.status
  if (options.method !== undefined) target.method = options.method
  if (options.path !== undefined) target.path = options.path
  if (options.body !== undefined) target.body = options.body
  if (options.coinbaseError !== undefined) target.coinbaseError = options.coinbaseError
}

/**
 * The exchange understood the request and said no. Never retryable: sending it again gives the same
 * answer. Subclasses narrow the reason.
 */
export class ExchangeError extends BaseError implements HttpErrorContext {
  override name = 'ExchangeError'
  status?: number
  method?: string
  path?: string
  body?: unknown
  coinbaseError?: string

  constructor(shortMessage: string, options: HttpErrorOptions = {}) {
    super(shortMessage, { code: 'EXCHANGE_ERROR', ...options })
    assignContext(this, options)
  }
}

/** HTTP 401: the JWT was refused (wrong key or key name, clock skew, wrong `uri` claim). */
export class AuthenticationError extends ExchangeError {
  override name = 'AuthenticationError'
  constructor(shortMessage: string, options: HttpErrorOptions = {}) {
    super(shortMessage, { code: 'AUTHENTICATION_FAILED', ...options })
  }
}

/** A private endpoint was called on a client without credentials. Thrown before any request. */
export class CredentialsRequired extends AuthenticationError {
  override name = 'CredentialsRequired'
  constructor(endpoint: string) {
    super(`${endpoint} needs credentials, but the client was created without them.`, {
      code: 'CREDENTIALS_REQUIRED',
      details:
        'Pass `credentials: { apiKeyName, privateKey }` to createCoinbaseClient, or call the public market/* actions.',
    })
  }
}

/** HTTP 403: the key lacks the scope (view / trade / transfer) or the resource is another portfolio's. */
export class PermissionDenied extends ExchangeError {
  override name = 'PermissionDenied'
  constructor(shortMessage: string, options: HttpErrorOptions = {}) {
    super(shortMessage, { code: 'PERMISSION_DENIED', ...options })
  }
}

/** HTTP 400 that is not about an order (bad query parameter, candle range too wide, ...). */
export class BadRequest extends ExchangeError {
  override name = 'BadRequest'
  constructor(shortMessage: string, options: HttpErrorOptions = {}) {
    super(shortMessage, { code: 'BAD_REQUEST', ...options })
  }
}

/** Why Coinbase refused an order, as sent in `error_response`. Unknown enum strings are kept as is. */
export interface OrderFailureReasons {
  /** `error_response.error` or `failure_reason`, e.g. `INSUFFICIENT_FUND`. */
  failureReason?: string
  /** `error_response.new_order_failure_reason`, e.g. `INVALID_SIZE_PRECISION`. */
  newOrderFailureReason?: string
  /** `error_response.preview_failure_reason`, e.g. `PREVIEW_INVALID_BASE_SIZE_TOO_SMALL`. */
  previewFailureReason?: string
  /** `edit_failure_reason` for order edits. */
  editFailureReason?: string
}

/** Options for order refusals. */
export type OrderErrorOptions = HttpErrorOptions &
  OrderFailureReasons & {
    clientOrderId?: string
    orderId?: string
  }

function assignReasons(target: OrderErrorOptions, options: OrderErrorOptions): void {
  if (options.failureReason !== undefined) target.failureReason = options.failureReason
  if (options.newOrderFailureReason !== undefined)
    target.newOrderFailureReason = options.newOrderFailureReason
  if (options.previewFailureReason !== undefined) target.previewFailureReason = options.previewFailureReason
  if (options.editFailureReason !== undefined) target.editFailureReason = options.editFailureReason
  if (options.clientOrderId !== undefined) target.clientOrderId = options.clientOrderId
  if (options.orderId !== undefined) target.orderId = options.orderId
}

/**
 * The exchange refused the order: precision, size limits, post-only crossing, unsupported configuration,
 * and so on. `failureReason` / `previewFailureReason` / `newOrderFailureReason` carry Coinbase's enum.
 */
export class InvalidOrder extends ExchangeError implements OrderFailureReasons {
  override name = 'InvalidOrder'
  failureReason?: string
  newOrderFailureReason?: string
  previewFailureReason?: string
  editFailureReason?: string
  clientOrderId?: string
  orderId?: string

  constructor(shortMessage: string, options: OrderErrorOptions = {}) {
    super(shortMessage, { code: 'INVALID_ORDER', ...options })
    assignReasons(this, options)
  }
}

/** The order was refused for lack of funds (`INSUFFICIENT_FUND`, `PREVIEW_INSUFFICIENT_FUND`, ...). */
export class InsufficientFunds extends InvalidOrder {
  override name = 'InsufficientFunds'
  constructor(shortMessage: string, options: OrderErrorOptions = {}) {
    super(shortMessage, { code: 'INSUFFICIENT_FUNDS', ...options })
  }
}

/** The order id (or client order id) is unknown to the exchange. */
export class OrderNotFound extends InvalidOrder {
  override name = 'OrderNotFound'
  constructor(shortMessage: string, options: OrderErrorOptions = {}) {
    super(shortMessage, { code: 'ORDER_NOT_FOUND', ...options })
  }
}

/** The product id is unknown or not tradable. */
export class BadSymbol extends BadRequest {
  override name = 'BadSymbol'
  constructor(shortMessage: string, options: HttpErrorOptions = {}) {
    super(shortMessage, { code: 'BAD_SYMBOL', ...options })
  }
}

/** The endpoint or feature is not supported by this exchange (or this simulated exchange). */
export class NotSupported extends ExchangeError {
  override name = 'NotSupported'
  constructor(shortMessage: string, options: HttpErrorOptions = {}) {
    super(shortMessage, { code: 'NOT_SUPPORTED', ...options })
  }
}
