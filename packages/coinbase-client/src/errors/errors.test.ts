import { describe, expect, it } from 'vitest'
import { BaseError } from './BaseError.js'
import { errorCodes } from './codes.js'
import {
  AuthenticationError,
  BadRequest,
  BadSymbol,
  CredentialsRequired,
  ExchangeError,
  InsufficientFunds,
  InvalidOrder,
  NotSupported,
  OrderNotFound,
  PermissionDenied,
} from './ExchangeError.js'
import {
  isAuthenticationError,
  isBaseError,
  isExchangeError,
  isInsufficientFundsError,
  isInvalidOrderError,
  isNetworkError,
  isOrderStatusUnknownError,
  isRateLimitExceededError,
  isWebSocketError,
} from './guards.js'
import { InvalidArgument, InvalidCredentials, RequestAborted } from './InvalidCredentials.js'
import {
  ExchangeNotAvailable,
  NetworkError,
  OrderStatusUnknown,
  RateLimitExceeded,
  RequestTimeout,
  WebSocketError,
} from './NetworkError.js'
import { ParseError } from './ParseError.js'
import { SchemaError } from './SchemaError.js'

const all = [
  new ExchangeError('x'),
  new AuthenticationError('x'),
  new CredentialsRequired('listAccounts'),
  new PermissionDenied('x'),
  new BadRequest('x'),
  new BadSymbol('x'),
  new InvalidOrder('x'),
  new InsufficientFunds('x'),
  new OrderNotFound('x'),
  new NotSupported('x'),
  new NetworkError('x'),
  new RateLimitExceeded('x'),
  new RequestTimeout('x'),
  new ExchangeNotAvailable('x'),
  new OrderStatusUnknown('cid'),
  new WebSocketError('x'),
  new ParseError('x'),
  new SchemaError('src', []),
  new InvalidCredentials('x'),
  new InvalidArgument('x'),
  new RequestAborted(),
]

describe('error taxonomy', () => {
  it('names, codes and retryable are fixed by the class', () => {
    expect(all.map((e) => [e.name, e.code, e.retryable])).toMatchInlineSnapshot(`
      [
        [
          "ExchangeError",
          "EXCHANGE_ERROR",
          false,
        ],
        [
          "AuthenticationError",
          "AUTHENTICATION_FAILED",
          false,
        ],
        [
          "CredentialsRequired",
          "CREDENTIALS_REQUIRED",
          false,
        ],
        [
          "PermissionDenied",
          "PERMISSION_DENIED",
          false,
        ],
        [
          "BadRequest",
          "BAD_REQUEST",
          false,
        ],
        [
          "BadSymbol",
          "BAD_SYMBOL",
          false,
        ],
        [
          "InvalidOrder",
          "INVALID_ORDER",
          false,
        ],
        [
          "InsufficientFunds",
          "INSUFFICIENT_FUNDS",
          false,
        ],
        [
          "OrderNotFound",
          "ORDER_NOT_FOUND",
          false,
        ],
        [
          "NotSupported",
          "NOT_SUPPORTED",
          false,
        ],
        [
          "NetworkError",
          "NETWORK_ERROR",
          true,
        ],
        [
          "RateLimitExceeded",
          "RATE_LIMIT_EXCEEDED",
          true,
        ],
        [
          "RequestTimeout",
          "REQUEST_TIMEOUT",
          true,
        ],
        [
          "ExchangeNotAvailable",
          "EXCHANGE_NOT_AVAILABLE",
          true,
        ],
        [
          "OrderStatusUnknown",
          "ORDER_STATUS_UNKNOWN",
          false,
        ],
        [
          "WebSocketError",
          "WEBSOCKET_ERROR",
          true,
        ],
        [
          "ParseError",
          "PARSE_ERROR",
          false,
        ],
        [
          "SchemaError",
          "SCHEMA_MISMATCH",
          false,
        ],
        [
          "InvalidCredentials",
          "INVALID_CREDENTIALS",
          false,
        ],
        [
          "InvalidArgument",
          "INVALID_ARGUMENT",
          false,
        ],
        [
          "RequestAborted",
          "ABORTED",
          false,
        ],
      ]
    `)
    for (const e of all) {
      expect(Object.values(errorCodes)).toContain(e.code)
      expect(e).toBeInstanceOf(Error)
      expect(isBaseError(e)).toBe(true)
    }
  })

  it('exchange errors are never retryable; network errors are (except an unknown order outcome)', () => {
    for (const e of all) {
      if (isExchangeError(e)) expect(e.retryable).toBe(false)
      if (isNetworkError(e) && !isOrderStatusUnknownError(e)) expect(e.retryable).toBe(true)
    }
    expect(isExchangeError(new NetworkError('x'))).toBe(false)
    expect(isNetworkError(new InvalidOrder('x'))).toBe(false)
  })

  it('guards recognise errors from another installed copy by name (subclasses included)', () => {
    const foreign = (name: string) => Object.assign(new Error('copy'), { name, code: 'X' })
    expect(isInsufficientFundsError(foreign('InsufficientFunds'))).toBe(true)
    expect(isInvalidOrderError(foreign('InsufficientFunds'))).toBe(true)
    expect(isExchangeError(foreign('InsufficientFunds'))).toBe(true)
    expect(isNetworkError(foreign('InsufficientFunds'))).toBe(false)
    expect(isAuthenticationError(foreign('CredentialsRequired'))).toBe(true)
    expect(isRateLimitExceededError(foreign('RateLimitExceeded'))).toBe(true)
    expect(isNetworkError(foreign('WebSocketError'))).toBe(true)
    expect(isWebSocketError(foreign('NetworkError'))).toBe(false)
    // Plain errors and non-errors are rejected even with a matching name.
    expect(isExchangeError({ name: 'ExchangeError', code: 'X' })).toBe(false)
    expect(isExchangeError(Object.assign(new Error('x'), { name: 'ExchangeError' }))).toBe(false)
  })

  it('keeps the cause chain and the HTTP context', () => {
    const root = new TypeError('fetch failed')
    const net = new NetworkError('Could not reach Coinbase', {
      cause: root,
      status: 0,
      method: 'GET',
      path: '/x',
    })
    const unknown = new OrderStatusUnknown('cid-1', { cause: net })
    expect(unknown.walk()).toBe(root)
    expect(unknown.walk((e) => e instanceof NetworkError && e.method === 'GET')).toBe(net)
    expect(net.walk((e) => e === 'nope')).toBeNull()
    expect(unknown.clientOrderId).toBe('cid-1')
    expect(new InvalidOrder('x', { failureReason: 'INVALID_SIZE_PRECISION' }).failureReason).toBe(
      'INVALID_SIZE_PRECISION',
    )
    expect(unknown.message).toMatchInlineSnapshot(`
      "Order cid-1 may or may not have been placed: no answer, and the lookup failed.

      Details: fetch failed"
    `)
  })

  it('BaseError message layout: short message, meta lines, details', () => {
    const e = new BaseError('short', { details: 'deep', metaMessages: ['- a', '- b'] })
    expect(e.message).toMatchInlineSnapshot(`
      "short

      - a
      - b

      Details: deep"
    `)
    expect(e.code).toBe('UNKNOWN')
  })
})
