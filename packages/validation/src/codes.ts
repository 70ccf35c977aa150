/**
 * Every stable error / issue code this package can produce. Codes never change meaning once
 * published; new ones are only added. (tRPC keeps its codes in one file for the same reason.)
 */
export const errorCodes = {
  /** A `ValidationError`: one or more issues, listed in `issues`. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** Unclassified failure wrapped in a `BaseError`. */
  UNKNOWN: 'UNKNOWN',
} as const

export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes]

/**
 * Issue codes produced by {@link validateOrder}: the rules Coinbase enforces on a new order, checked
 * locally so that a bad order never leaves the process.
 */
export const orderIssueCodes = {
  /** A size, quote size or price is zero or negative. */
  NON_POSITIVE: 'NON_POSITIVE',
  /** Base size below the product's `base_min_size`. */
  SIZE_BELOW_MIN: 'SIZE_BELOW_MIN',
  /** Base size above the product's `base_max_size`. */
  SIZE_ABOVE_MAX: 'SIZE_ABOVE_MAX',
  /** Base size not a multiple of `base_increment`, or quote size not a multiple of `quote_increment`. */
  SIZE_NOT_INCREMENT: 'SIZE_NOT_INCREMENT',
  /** Neither `size` nor `quoteSize` given, or both given. */
  SIZE_REQUIRED: 'SIZE_REQUIRED',
  /** `quoteSize` on an order type that takes a base size only (everything but MARKET). */
  QUOTE_SIZE_NOT_ALLOWED: 'QUOTE_SIZE_NOT_ALLOWED',
  /** A limit price (LIMIT, STOP_LIMIT, BRACKET) or stop price (STOP_LIMIT, BRACKET) is missing. */
  PRICE_REQUIRED: 'PRICE_REQUIRED',
  /** A price or stop price on an order type that does not take one (MARKET). */
  PRICE_NOT_ALLOWED: 'PRICE_NOT_ALLOWED',
  /** Price or stop price not a multiple of `price_increment`. */
  PRICE_NOT_INCREMENT: 'PRICE_NOT_INCREMENT',
  /** Notional (size × price, or quote size) below `quote_min_size`. */
  NOTIONAL_BELOW_MIN: 'NOTIONAL_BELOW_MIN',
  /** Notional (size × price, or quote size) above `quote_max_size`. */
  NOTIONAL_ABOVE_MAX: 'NOTIONAL_ABOVE_MAX',
  /** The product is not tradable (`trading_disabled`, `is_disabled`, or a status other than online). */
  PRODUCT_DISABLED: 'PRODUCT_DISABLED',
  /** The product only accepts cancels (`cancel_only`). */
  CANCEL_ONLY: 'CANCEL_ONLY',
  /** The product only accepts limit orders (`limit_only`) and this is a market order. */
  LIMIT_ONLY: 'LIMIT_ONLY',
  /** The product only accepts post-only limit orders (`post_only`) and this order is not one. */
  POST_ONLY_REQUIRED: 'POST_ONLY_REQUIRED',
  /** A post-only limit order would take liquidity at the given best bid/ask. */
  POST_ONLY_WOULD_CROSS: 'POST_ONLY_WOULD_CROSS',
  /** Options that cannot go together, e.g. post-only on a market order or with IOC/FOK. */
  UNSUPPORTED_COMBINATION: 'UNSUPPORTED_COMBINATION',
  /** The order's product id differs from the product spec it is checked against. */
  PRODUCT_MISMATCH: 'PRODUCT_MISMATCH',
} as const

export type OrderIssueCode = (typeof orderIssueCodes)[keyof typeof orderIssueCodes]

/** Issue codes produced by the parsers and validators of this package (besides the order rules). */
export const issueCodes = {
  ...orderIssueCodes,
  /** Not a finite decimal / not a decimal string in Coinbase's format. */
  INVALID_DECIMAL: 'INVALID_DECIMAL',
  /** An increment that is zero, negative or not a decimal. */
  INVALID_INCREMENT: 'INVALID_INCREMENT',
  /** Not a product id such as `BTC-USD`, `BTC-PERP-INTX` or `BIT-28NOV25-CDE`. */
  INVALID_PRODUCT_ID: 'INVALID_PRODUCT_ID',
  /** A value of the wrong type (e.g. a number where a string was expected). */
  INVALID_TYPE: 'INVALID_TYPE',
  /** A value of the right type that fails a rule (enum member, inline predicate, format). */
  INVALID_VALUE: 'INVALID_VALUE',
  /** A required value is missing. */
  REQUIRED: 'REQUIRED',
} as const

export type IssueCode = (typeof issueCodes)[keyof typeof issueCodes]
