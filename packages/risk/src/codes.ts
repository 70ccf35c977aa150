/**
 * Every reason a pre-trade check can reject an order. Codes never change meaning once published; new
 * ones are only added. The README lists them with the check that produces each.
 */
export const riskReasonCodes = {
  /** The account is HALTED (globally): only cancels pass. */
  TRADING_HALTED: 'TRADING_HALTED',
  /** The order's symbol is HALTED (e.g. by the volatility breaker): only cancels pass. */
  SYMBOL_HALTED: 'SYMBOL_HALTED',
  /** The account is REDUCE_ONLY and the order would increase |position| or flip it. */
  REDUCE_ONLY_VIOLATION: 'REDUCE_ONLY_VIOLATION',
  /** The symbol is REDUCE_ONLY / paused (stale marks, liquidity, volatility…) and the order would increase |position| or flip it. */
  SYMBOL_REDUCE_ONLY: 'SYMBOL_REDUCE_ONLY',
  /** The order is flagged `reduceOnly` but would increase |position| or flip it. */
  REDUCE_ONLY_ORDER_WOULD_INCREASE: 'REDUCE_ONLY_ORDER_WOULD_INCREASE',
  /** No product spec for the symbol in the context. */
  UNKNOWN_PRODUCT: 'UNKNOWN_PRODUCT',
  /** The order breaks a product rule (`validateOrder` from @gpt-trader/validation); `issues` lists them. */
  PRODUCT_RULES: 'PRODUCT_RULES',
  /** A perpetual or dated future while derivatives are disabled. */
  DERIVATIVES_DISABLED: 'DERIVATIVES_DISABLED',
  /** Order leverage above `maxLeverage`. */
  LEVERAGE_EXCEEDED: 'LEVERAGE_EXCEEDED',
  /** Outside the configured UTC trading window (risk-reducing orders still pass). */
  TRADING_WINDOW_CLOSED: 'TRADING_WINDOW_CLOSED',
  /** The symbol already has `maxOpenOrdersPerSymbol` open orders. */
  MAX_OPEN_ORDERS: 'MAX_OPEN_ORDERS',
  /** No mark price for the symbol. */
  MARK_MISSING: 'MARK_MISSING',
  /** The mark is older than `markStalenessMs` at the moment of the check. */
  MARK_STALE: 'MARK_STALE',
  /** No best bid/ask for the symbol (needed for impact and slippage). */
  BOOK_MISSING: 'BOOK_MISSING',
  /** The book is older than `bookStalenessMs` at the moment of the check. */
  BOOK_STALE: 'BOOK_STALE',
  /** Equity is zero or negative: exposure shares cannot be computed, so no new exposure. */
  NO_EQUITY: 'NO_EQUITY',
  /** Position + open orders + this order above the symbol's USD notional cap (`perSymbolCaps`). */
  SYMBOL_NOTIONAL_CAP: 'SYMBOL_NOTIONAL_CAP',
  /** Position + open orders + this order above `maxSymbolExposurePct` of equity. */
  SYMBOL_EXPOSURE_LIMIT: 'SYMBOL_EXPOSURE_LIMIT',
  /** Exposure over all symbols (with this order) above `maxTotalExposurePct` of equity. */
  TOTAL_EXPOSURE_LIMIT: 'TOTAL_EXPOSURE_LIMIT',
  /** Exposure of the group of assets correlated ≥ threshold with this one above `correlation.maxGroupExposurePct`. */
  CORRELATION_CAP: 'CORRELATION_CAP',
  /** The book cannot fill the order's size. */
  INSUFFICIENT_LIQUIDITY: 'INSUFFICIENT_LIQUIDITY',
  /** Impact cost (VWAP for the size vs mid) above `maxImpactBps`. */
  IMPACT_COST_EXCEEDED: 'IMPACT_COST_EXCEEDED',
  /** Intended price (limit price, or VWAP for a market order) worse than the mark by more than `slippageGuardBps`. */
  SLIPPAGE_EXCEEDED: 'SLIPPAGE_EXCEEDED',
} as const

/** Any code from {@link riskReasonCodes}. */
export type RiskReasonCode = (typeof riskReasonCodes)[keyof typeof riskReasonCodes]

/** Codes of errors this package throws (not rejections: those are verdicts). */
export const riskErrorCodes = {
  /** A `ValidationError` (bad config, bad input to a state transition). */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** The state store failed to load or save. */
  STATE_STORE_FAILED: 'STATE_STORE_FAILED',
} as const

/** Any code from {@link riskErrorCodes}. */
export type RiskErrorCode = (typeof riskErrorCodes)[keyof typeof riskErrorCodes]
