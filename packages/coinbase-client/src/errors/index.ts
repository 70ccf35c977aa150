export { BaseError, type BaseErrorOptions } from './BaseError.js'
export { type ErrorCode, errorCodes } from './codes.js'
export {
  AuthenticationError,
  BadRequest,
  BadSymbol,
  CredentialsRequired,
  ExchangeError,
  type HttpErrorContext,
  type HttpErrorOptions,
  InsufficientFunds,
  InvalidOrder,
  NotSupported,
  type OrderErrorOptions,
  type OrderFailureReasons,
  OrderNotFound,
  PermissionDenied,
} from './ExchangeError.js'
export {
  isAuthenticationError,
  isBadRequestError,
  isBadSymbolError,
  isBaseError,
  isCredentialsRequiredError,
  isExchangeError,
  isExchangeNotAvailableError,
  isInsufficientFundsError,
  isInvalidArgumentError,
  isInvalidCredentialsError,
  isInvalidOrderError,
  isNetworkError,
  isNotSupportedError,
  isOrderNotFoundError,
  isOrderStatusUnknownError,
  isParseError,
  isRateLimitExceededError,
  isRequestAbortedError,
  isRequestTimeoutError,
  isSchemaError,
  isWebSocketError,
} from './guards.js'
export { InvalidArgument, InvalidCredentials, RequestAborted } from './InvalidCredentials.js'
export {
  ExchangeNotAvailable,
  NetworkError,
  OrderStatusUnknown,
  RateLimitExceeded,
  RequestTimeout,
  WebSocketError,
} from './NetworkError.js'
export { ParseError, type ParseErrorOptions } from './ParseError.js'
export { formatIssuePath, SchemaError, type SchemaIssue } from './SchemaError.js'
