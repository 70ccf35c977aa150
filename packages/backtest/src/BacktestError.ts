import { BaseError } from '@gpt-trader/validation'
import type { BacktestErrorCode } from './codes.js'

/** Options of {@link BacktestError}. */
export interface BacktestErrorOptions {
  cause?: unknown
  details?: string
  metaMessages?: readonly string[]
}

/**
 * Error raised by the loaders, the runner and the sweep of this package. `code` is one of
 * `backtestErrorCodes`.
 *
 * @example
 * try { parseCandles(text) } catch (e) { if (isBacktestError(e) && e.code === 'DATA_FORMAT_UNKNOWN') … }
 */
export class BacktestError extends BaseError {
  override name = 'BacktestError'
  declare readonly code: BacktestErrorCode

  constructor(shortMessage: string, code: BacktestErrorCode, options: BacktestErrorOptions = {}) {
    super(shortMessage, { code, ...options })
  }
}

/** True for a {@link BacktestError} from any installed copy of this package (checks the name too). */
export function isBacktestError(error: unknown): error is BacktestError {
  if (error instanceof BacktestError) return true
  return (
    error instanceof Error &&
    error.name === 'BacktestError' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { walk?: unknown }).walk === 'function'
  )
}
