import type { ValidationIssue } from '@gpt-trader/validation'
import type { RiskReasonCode } from './codes.js'

/** The order may go. `reducing` says whether it only shrinks |position| (so some checks were skipped for it). */
export interface RiskAccept {
  readonly accepted: true
  readonly reducing: boolean
}

/** The order must not go: a stable `code` from `riskReasonCodes` and a sentence for people. */
export interface RiskReject {
  readonly accepted: false
  readonly code: RiskReasonCode
  readonly message: string
  readonly productId: string
  /** For `PRODUCT_RULES`: every product-rule issue found. */
  readonly issues?: readonly ValidationIssue[]
}

/**
 * Outcome of a pre-trade check: accept, or reject with a typed reason. Never a bare boolean.
 *
 * @example
 * const verdict = validator.check(order, context)
 * if (!verdict.accepted) log.warn({ code: verdict.code }, verdict.message)
 */
export type RiskVerdict = RiskAccept | RiskReject

/** @internal Shared accept verdicts: accepting allocates nothing. */
export const ACCEPT: RiskAccept = Object.freeze({ accepted: true, reducing: false })
/** @internal */
export const ACCEPT_REDUCING: RiskAccept = Object.freeze({ accepted: true, reducing: true })

/** True when the verdict is a rejection (narrows the type). */
export function isRejected(verdict: RiskVerdict): verdict is RiskReject {
  return !verdict.accepted
}
