import { BaseError } from '@gpt-trader/validation'
import type { GuardErrorCode } from './codes.js'
import type { MetricValue } from './Guard.js'

/** Options shared by the {@link RiskGuardError} family. */
export interface RiskGuardErrorOptions {
  /** Guard name. */
  guard: string
  /** The metric value involved, if any (never a secret: metrics are numbers). */
  value?: unknown
  /** The guard's threshold, if any. */
  threshold?: MetricValue | undefined
  cause?: unknown
  details?: string
  metaMessages?: readonly string[]
}

/**
 * Base of the guard errors. `recoverable` failures (data unavailable, telemetry) are counted and
 * reported while the loop continues; critical ones (limit exceeded, computation, corrupt data, action)
 * should escalate, e.g. to reduce-only mode.
 */
export class RiskGuardError extends BaseError {
  override name = 'RiskGuardError'
  readonly guard: string
  readonly value: unknown
  readonly threshold: MetricValue | undefined
  /** True for failures the loop can live with. */
  readonly recoverable: boolean

  constructor(
    shortMessage: string,
    code: GuardErrorCode,
    recoverable: boolean,
    options: RiskGuardErrorOptions,
  ) {
    super(shortMessage, {
      code,
      cause: options.cause,
      ...(options.details === undefined ? {} : { details: options.details }),
      ...(options.metaMessages === undefined ? {} : { metaMessages: options.metaMessages }),
    })
    this.guard = options.guard
    this.value = options.value
    this.threshold = options.threshold
    this.recoverable = recoverable
  }
}

/** Recoverable: the metric read threw (the cause is kept). */
export class RiskGuardDataUnavailableError extends RiskGuardError {
  override name = 'RiskGuardDataUnavailableError'
  constructor(options: RiskGuardErrorOptions) {
    super(`guard "${options.guard}": metric unavailable`, 'GUARD_DATA_UNAVAILABLE', true, options)
  }
}

/** Recoverable: an alert or metric about the guard could not be delivered. */
export class RiskGuardTelemetryError extends RiskGuardError {
  override name = 'RiskGuardTelemetryError'
  constructor(options: RiskGuardErrorOptions) {
    super(`guard "${options.guard}": telemetry failed`, 'GUARD_TELEMETRY_FAILED', true, options)
  }
}

/** Critical: the metric is past the threshold. */
export class RiskGuardLimitExceededError extends RiskGuardError {
  override name = 'RiskGuardLimitExceededError'
  constructor(message: string, options: RiskGuardErrorOptions) {
    super(message, 'GUARD_LIMIT_EXCEEDED', false, options)
  }
}

/** Critical: the comparison could not be computed. */
export class RiskGuardComputationError extends RiskGuardError {
  override name = 'RiskGuardComputationError'
  constructor(options: RiskGuardErrorOptions) {
    super(`guard "${options.guard}": computation failed`, 'GUARD_COMPUTATION_FAILED', false, options)
  }
}

/** Critical: the metric value is NaN, infinite, a malformed decimal string or not a number at all. */
export class RiskGuardDataCorruptError extends RiskGuardError {
  override name = 'RiskGuardDataCorruptError'
  constructor(options: RiskGuardErrorOptions) {
    super(`guard "${options.guard}": corrupt metric value`, 'GUARD_DATA_CORRUPT', false, options)
  }
}

/** Critical: the action taken on a breach failed. */
export class RiskGuardActionError extends RiskGuardError {
  override name = 'RiskGuardActionError'
  constructor(options: RiskGuardErrorOptions) {
    super(`guard "${options.guard}": breach action failed`, 'GUARD_ACTION_FAILED', false, options)
  }
}

/** True for any {@link RiskGuardError}, also from another installed copy of this package. */
export function isRiskGuardError(error: unknown): error is RiskGuardError {
  if (error instanceof RiskGuardError) return true
  return (
    error instanceof Error &&
    error.name.startsWith('RiskGuard') &&
    error.name.endsWith('Error') &&
    typeof (error as { recoverable?: unknown }).recoverable === 'boolean' &&
    typeof (error as { guard?: unknown }).guard === 'string'
  )
}

/** True for a recoverable guard failure (data unavailable, telemetry). */
export function isRecoverableGuardError(error: unknown): error is RiskGuardError {
  return isRiskGuardError(error) && error.recoverable
}
