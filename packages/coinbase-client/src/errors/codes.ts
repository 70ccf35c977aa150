/**
 * Every stable error code `@gpt-trader/coinbase-client` can produce. A code never changes meaning once
 * published; new codes are only added. Programs branch on `error.code` (or the `isXError` guards),
 * never on message text.
 */
export const errorCodes = {
  /** Unclassified failure. */
  UNKNOWN: 'UNKNOWN',
  /** The exchange refused the request for a reason not covered by a more specific code. */
  EXCHANGE_ERROR: 'EXCHANGE_ERROR',
  /** HTTP 401: the JWT was rejected (wrong key, clock skew, wrong uri claim). */
  AUTHENTICATION_FAILED: 'AUTHENTICATION_FAILED',
  /** A private endpoint was called on a client created without credentials; nothing was sent. */
  CREDENTIALS_REQUIRED: 'CREDENTIALS_REQUIRED',
  /** The credentials passed to the client are malformed; nothing was sent. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** HTTP 403: the key lacks a scope (view / trade / transfer) or the portfolio is not the key's. */
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  /** The order was rejected for lack of funds. */
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_FUNDS',
  /** The order was rejected (precision, size limits, post-only, unsupported configuration, ...). */
  INVALID_ORDER: 'INVALID_ORDER',
  /** The order id is unknown to the exchange. */
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  /** The product id is unknown or not tradable. */
  BAD_SYMBOL: 'BAD_SYMBOL',
  /** The endpoint or feature is not supported (HTTP 404 on a route, 501). */
  NOT_SUPPORTED: 'NOT_SUPPORTED',
  /** HTTP 400 that is not about an order: bad parameters. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** Parameters rejected by the client before anything was sent. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** Transport failure (connection refused, reset, DNS). Retryable. */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** HTTP 429. Retryable after a pause. */
  RATE_LIMIT_EXCEEDED: 'RATE_LIMIT_EXCEEDED',
  /** No answer within `timeoutMs`. Retryable, but an order may have been created: see ORDER_STATUS_UNKNOWN. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** HTTP 5xx. Retryable. */
  EXCHANGE_NOT_AVAILABLE: 'EXCHANGE_NOT_AVAILABLE',
  /** An order request got no definite answer and the follow-up lookup by client_order_id failed too. */
  ORDER_STATUS_UNKNOWN: 'ORDER_STATUS_UNKNOWN',
  /** The caller aborted the request through its AbortSignal. */
  ABORTED: 'ABORTED',
  /** The server sent something that is not valid JSON. */
  PARSE_ERROR: 'PARSE_ERROR',
  /** The server sent JSON that does not match the expected schema; `issues` names the fields. */
  SCHEMA_MISMATCH: 'SCHEMA_MISMATCH',
  /** WebSocket failure: error frame, unexpected close, subscribe refused. */
  WEBSOCKET_ERROR: 'WEBSOCKET_ERROR',
} as const

/** Union of every code in {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes]
