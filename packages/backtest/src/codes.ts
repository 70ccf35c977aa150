/**
 * Every stable error code of `@gpt-trader/backtest`. Codes never change meaning once published; new
 * ones are only added.
 */
export const backtestErrorCodes = {
  /** A data file or payload could not be read as any supported candle / trade format. */
  DATA_FORMAT_UNKNOWN: 'DATA_FORMAT_UNKNOWN',
  /** No bars to run on. */
  DATA_EMPTY: 'DATA_EMPTY',
  /** Options of `runBacktest` / `runSweep` are invalid. */
  INVALID_OPTIONS: 'INVALID_OPTIONS',
  /** A sweep worker failed or a strategy factory could not be loaded. */
  SWEEP_FAILED: 'SWEEP_FAILED',
  /** The log of a `BacktestStore` created with `keepEvents: false` was read. */
  EVENTS_NOT_KEPT: 'EVENTS_NOT_KEPT',
} as const

/** One of {@link backtestErrorCodes}. */
export type BacktestErrorCode = (typeof backtestErrorCodes)[keyof typeof backtestErrorCodes]
