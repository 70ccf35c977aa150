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
