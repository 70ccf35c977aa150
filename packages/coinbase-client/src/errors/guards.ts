import { BaseError } from './BaseError.js'
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

/**
 * Parent of each error class by name. Guards walk this table so that an error thrown by a second
 * installed copy of the package (a different class object) is still recognised by its `name`.
 */
const parentOf: Readonly<Record<string, string>> = {
  ExchangeError: 'BaseError',
  AuthenticationError: 'ExchangeError',
  CredentialsRequired: 'AuthenticationError',
  PermissionDenied: 'ExchangeError',
  BadRequest: 'ExchangeError',
  BadSymbol: 'BadRequest',
  InvalidOrder: 'ExchangeError',
  InsufficientFunds: 'InvalidOrder',
  OrderNotFound: 'InvalidOrder',
  NotSupported: 'ExchangeError',
  NetworkError: 'BaseError',
  RateLimitExceeded: 'NetworkError',
  RequestTimeout: 'NetworkError',
  ExchangeNotAvailable: 'NetworkError',
  OrderStatusUnknown: 'NetworkError',
  WebSocketError: 'NetworkError',
  ParseError: 'BaseError',
  SchemaError: 'BaseError',
  InvalidCredentials: 'BaseError',
  InvalidArgument: 'BaseError',
  RequestAborted: 'BaseError',
}

function hasName(error: unknown, wanted: string): boolean {
  if (!(error instanceof Error)) return false
  if (typeof (error as { code?: unknown }).code !== 'string') return false
  let name: string | undefined = error.name
  for (let i = 0; name !== undefined && i < 8; i++) {
    if (name === wanted) return true
    name = parentOf[name]
  }
  return false
}

function guard<T>(ctor: abstract new (...args: never[]) => T, name: string): (error: unknown) => error is T {
  return (error: unknown): error is T => error instanceof ctor || hasName(error, name)
}

/** True for any error of this package, from any installed copy. */
export const isBaseError: (error: unknown) => error is BaseError = guard(BaseError, 'BaseError')
/** True for {@link ExchangeError} and its subclasses (the exchange said no; never retry). */
export const isExchangeError: (error: unknown) => error is ExchangeError = guard(
  ExchangeError,
  'ExchangeError',
)
/** True for {@link AuthenticationError} (HTTP 401) and {@link CredentialsRequired}. */
export const isAuthenticationError: (error: unknown) => error is AuthenticationError = guard(
  AuthenticationError,
  'AuthenticationError',
)
/** True for {@link CredentialsRequired}. */
export const isCredentialsRequiredError: (error: unknown) => error is CredentialsRequired = guard(
  CredentialsRequired,
  'CredentialsRequired',
)
/** True for {@link PermissionDenied} (HTTP 403). */
export const isPermissionDeniedError: (error: unknown) => error is PermissionDenied = guard(
  PermissionDenied,
  'PermissionDenied',
)
/** True for {@link BadRequest} and {@link BadSymbol}. */
export const isBadRequestError: (error: unknown) => error is BadRequest = guard(BadRequest, 'BadRequest')
/** True for {@link BadSymbol}. */
export const isBadSymbolError: (error: unknown) => error is BadSymbol = guard(BadSymbol, 'BadSymbol')
/** True for {@link InvalidOrder} and its subclasses ({@link InsufficientFunds}, {@link OrderNotFound}). */
export const isInvalidOrderError: (error: unknown) => error is InvalidOrder = guard(
  InvalidOrder,
  'InvalidOrder',
)
/** True for {@link InsufficientFunds}. */
export const isInsufficientFundsError: (error: unknown) => error is InsufficientFunds = guard(
  InsufficientFunds,
  'InsufficientFunds',
)
/** True for {@link OrderNotFound}. */
export const isOrderNotFoundError: (error: unknown) => error is OrderNotFound = guard(
  OrderNotFound,
  'OrderNotFound',
)
/** True for {@link NotSupported}. */
export const isNotSupportedError: (error: unknown) => error is NotSupported = guard(
  NotSupported,
  'NotSupported',
)
/** True for {@link NetworkError} and its subclasses (retry may help). */
export const isNetworkError: (error: unknown) => error is NetworkError = guard(NetworkError, 'NetworkError')
/** True for {@link RateLimitExceeded} (HTTP 429). */
export const isRateLimitExceededError: (error: unknown) => error is RateLimitExceeded = guard(
  RateLimitExceeded,
  'RateLimitExceeded',
)
/** True for {@link RequestTimeout}. */
export const isRequestTimeoutError: (error: unknown) => error is RequestTimeout = guard(
  RequestTimeout,
  'RequestTimeout',
)
/** True for {@link ExchangeNotAvailable} (HTTP 5xx). */
export const isExchangeNotAvailableError: (error: unknown) => error is ExchangeNotAvailable = guard(
  ExchangeNotAvailable,
  'ExchangeNotAvailable',
)
/** True for {@link OrderStatusUnknown}. */
export const isOrderStatusUnknownError: (error: unknown) => error is OrderStatusUnknown = guard(
  OrderStatusUnknown,
  'OrderStatusUnknown',
)
/** True for {@link WebSocketError}. */
export const isWebSocketError: (error: unknown) => error is WebSocketError = guard(
  WebSocketError,
  'WebSocketError',
)
/** True for {@link ParseError}. */
export const isParseError: (error: unknown) => error is ParseError = guard(ParseError, 'ParseError')
/** True for {@link SchemaError}. */
export const isSchemaError: (error: unknown) => error is SchemaError = guard(SchemaError, 'SchemaError')
/** True for {@link InvalidCredentials}. */
export const isInvalidCredentialsError: (error: unknown) => error is InvalidCredentials = guard(
  InvalidCredentials,
  'InvalidCredentials',
)
/** True for {@link InvalidArgument}. */
export const isInvalidArgumentError: (error: unknown) => error is InvalidArgument = guard(
  InvalidArgument,
  'InvalidArgument',
)
/** True for {@link RequestAborted}. */
export const isRequestAbortedError: (error: unknown) => error is RequestAborted = guard(
  RequestAborted,
  'RequestAborted',
)
