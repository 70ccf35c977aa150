/**
 * Every stable error code this package produces. Codes never change meaning once published; new ones
 * are only added.
 */
export const guardCodes = {
  /** Recoverable: a metric read threw or timed out; the loop keeps going. */
  GUARD_DATA_UNAVAILABLE: 'GUARD_DATA_UNAVAILABLE',
  /** Recoverable: an alert or metric could not be delivered. */
  GUARD_TELEMETRY_FAILED: 'GUARD_TELEMETRY_FAILED',
  /** Critical: the metric is past the guard's threshold. */
  GUARD_LIMIT_EXCEEDED: 'GUARD_LIMIT_EXCEEDED',
  /** Critical: the comparison itself failed (bad threshold, internal error). */
  GUARD_COMPUTATION_FAILED: 'GUARD_COMPUTATION_FAILED',
  /** Critical: the metric read returned NaN, ±Infinity, a malformed decimal string or a wrong type. */
  GUARD_DATA_CORRUPT: 'GUARD_DATA_CORRUPT',
  /** Critical: the action taken on a breach (e.g. switching to reduce-only) failed. */
  GUARD_ACTION_FAILED: 'GUARD_ACTION_FAILED',
  /** A call was refused because a circuit breaker is open. */
  CIRCUIT_OPEN: 'CIRCUIT_OPEN',
  /** A webhook alert could not be delivered (HTTP status, timeout, network). */
  ALERT_DELIVERY_FAILED: 'ALERT_DELIVERY_FAILED',
  /** A guard definition or option is invalid. */
  INVALID_GUARD: 'INVALID_GUARD',
} as const

/** Any code from {@link guardCodes}. */
export type GuardErrorCode = (typeof guardCodes)[keyof typeof guardCodes]
