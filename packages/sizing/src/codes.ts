/**
 * Every stable code this package produces: validation issue codes (inside a `ValidationError`),
 * reasons for a zero size, and warning codes. Codes never change meaning once published; new ones
 * are only added.
 */
export const sizingCodes = {
  /** Issue: the value is not a finite decimal (or a finite number where numbers are allowed). */
  INVALID_DECIMAL: 'INVALID_DECIMAL',
  /** Issue: the value lies outside its allowed range (e.g. `winRate` outside (0, 1)). */
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  /** Issue: `marketRegime` is not a key of the configured regime multipliers. */
  UNKNOWN_REGIME: 'UNKNOWN_REGIME',
  /** Issue: a required field is missing or of the wrong type (e.g. `symbol` is not a string). */
  INVALID_TYPE: 'INVALID_TYPE',
  /** Issue: the volatility-target method was asked for without a volatility or enough prices. */
  VOLATILITY_REQUIRED: 'VOLATILITY_REQUIRED',

  /** Zero size: p·avgWin + (1 − p)·avgLoss ≤ 0. */
  NEGATIVE_EXPECTED_VALUE: 'NEGATIVE_EXPECTED_VALUE',
  /** Zero size: the Kelly fraction is not positive (possible when the payoff ratio was capped). */
  NO_EDGE: 'NO_EDGE',
  /** Zero size: confidence is below the configured threshold. */
  CONFIDENCE_BELOW_THRESHOLD: 'CONFIDENCE_BELOW_THRESHOLD',
  /** Zero size: the portfolio value is zero. */
  NO_CAPITAL: 'NO_CAPITAL',
  /** Zero size: the quantity after quantization is below the product's minimum size (or zero). */
  BELOW_MIN_SIZE: 'BELOW_MIN_SIZE',

  /** Warning: |avgWin / avgLoss| exceeded the cap (default 100) and was capped. */
  PAYOFF_RATIO_CAPPED: 'PAYOFF_RATIO_CAPPED',
  /** Warning: current volatility is above the spike multiple of its recent percentile; size halved. */
  HIGH_VOLATILITY: 'HIGH_VOLATILITY',
  /** Warning: too few volatility readings to judge a spike; the check was skipped. */
  VOLATILITY_HISTORY_SHORT: 'VOLATILITY_HISTORY_SHORT',
  /** Warning: drawdown above the threshold scaled the size down. */
  DRAWDOWN_SCALED: 'DRAWDOWN_SCALED',
  /** Warning: no `baseIncrement` was given, so the quantity is not quantized. */
  QUANTITY_NOT_QUANTIZED: 'QUANTITY_NOT_QUANTIZED',
} as const

/** Any code from {@link sizingCodes}. */
export type SizingCode = (typeof sizingCodes)[keyof typeof sizingCodes]

/** Why a result has zero size. */
export type ZeroSizeReason =
  | typeof sizingCodes.NEGATIVE_EXPECTED_VALUE
  | typeof sizingCodes.NO_EDGE
  | typeof sizingCodes.CONFIDENCE_BELOW_THRESHOLD
  | typeof sizingCodes.NO_CAPITAL
  | typeof sizingCodes.BELOW_MIN_SIZE

/** Code of a {@link SizingWarning}. */
export type SizingWarningCode =
  | typeof sizingCodes.PAYOFF_RATIO_CAPPED
  | typeof sizingCodes.HIGH_VOLATILITY
  | typeof sizingCodes.VOLATILITY_HISTORY_SHORT
  | typeof sizingCodes.DRAWDOWN_SCALED
  | typeof sizingCodes.QUANTITY_NOT_QUANTIZED

/** Something the caller should know about a result that is still valid. */
export interface SizingWarning {
  code: SizingWarningCode
  message: string
}
