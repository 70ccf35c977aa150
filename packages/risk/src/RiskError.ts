import { BaseError } from '@gpt-trader/validation'
import type { RiskErrorCode } from './codes.js'

/** Options of {@link RiskError}. */
export interface RiskErrorOptions {
  code: RiskErrorCode
  cause?: unknown
  details?: string
}

/**
 * A failure of the risk machinery itself (e.g. the state store could not save a HALT). Rejected orders
 * are not errors: they are {@link RiskVerdict}s.
 *
 * @example
 * try { manager.halt('operator', 'maintenance') } catch (e) { if (isRiskError(e)) log.error(e.code) }
 */
export class RiskError extends BaseError {
  override name = 'RiskError'
  declare readonly code: RiskErrorCode
  constructor(shortMessage: string, options: RiskErrorOptions) {
    super(shortMessage, {
      code: options.code,
      cause: options.cause,
      ...(options.details === undefined ? {} : { details: options.details }),
    })
  }
}

/** True for a {@link RiskError} from any installed copy of this package. */
export function isRiskError(error: unknown): error is RiskError {
  return error instanceof RiskError || (error instanceof Error && error.name === 'RiskError')
}
