import { BaseError } from '@gpt-trader/validation'
import type { LiveTradeErrorCode } from './codes.js'
import type { OrderStatus } from './OrderStatus.js'

/** Options of {@link LiveTradeError}. */
export interface LiveTradeErrorOptions {
  cause?: unknown
  details?: string
  metaMessages?: readonly string[]
}

/**
 * Error raised by the engine, the stores and the brokers of this package. `code` is one of
 * {@link liveTradeCodes}.
 *
 * @example
 * if (isLiveTradeError(error) && error.code === 'TRADING_STATE_BLOCKED') skipCycle()
 */
export class LiveTradeError extends BaseError {
  override name: string = 'LiveTradeError'
  declare readonly code: LiveTradeErrorCode

  constructor(shortMessage: string, code: LiveTradeErrorCode, options: LiveTradeErrorOptions = {}) {
    super(shortMessage, { code, ...options })
  }
}

/** True for a {@link LiveTradeError} (or a subclass) from any installed copy of this package. */
export function isLiveTradeError(error: unknown): error is LiveTradeError {
  if (error instanceof LiveTradeError) return true
  return (
    error instanceof Error &&
    (error.name === 'LiveTradeError' ||
      error.name === 'IllegalTransitionError' ||
      error.name === 'BrokerError') &&
    typeof (error as { code?: unknown }).code === 'string'
  )
}

/**
 * An order status change the state machine forbids. The engine never writes such a change to the
 * store; seeing this error means a broker or a caller reported something impossible.
 *
 * @example
 * assertTransition('FILLED', 'OPEN') // throws IllegalTransitionError
 */
export class IllegalTransitionError extends LiveTradeError {
  override name = 'IllegalTransitionError'
  readonly from: OrderStatus
  readonly to: OrderStatus

  constructor(from: OrderStatus, to: OrderStatus, clientOrderId?: string) {
    super(
      `Illegal order transition ${from} → ${to}${clientOrderId ? ` for ${clientOrderId}` : ''}.`,
      'ILLEGAL_TRANSITION',
    )
    this.from = from
    this.to = to
  }
}

/** True for an {@link IllegalTransitionError} from any installed copy of this package. */
export function isIllegalTransitionError(error: unknown): error is IllegalTransitionError {
  if (error instanceof IllegalTransitionError) return true
  return error instanceof Error && error.name === 'IllegalTransitionError'
}

/**
 * What a broker call failed with. `rejected`: the venue said no (never retry, the order does not
 * exist). `unavailable`: timeout, connection error or 5xx — the request may have been processed, so an
 * order placement becomes UNKNOWN and is looked up by client order id, never resent.
 */
export type BrokerErrorKind = 'rejected' | 'unavailable' | 'not_found'

/** Options of {@link BrokerError}. */
export interface BrokerErrorOptions extends LiveTradeErrorOptions {
  /** The venue's own reason, e.g. `INSUFFICIENT_FUND`. */
  reason?: string
}

/**
 * A broker call failed. Adapters map their transport's errors onto the three kinds.
 *
 * @example
 * throw new BrokerError('Order rejected: INSUFFICIENT_FUND', 'rejected', { reason: 'INSUFFICIENT_FUND' })
 */
export class BrokerError extends LiveTradeError {
  override name = 'BrokerError'
  readonly kind: BrokerErrorKind
  readonly reason: string | undefined

  constructor(shortMessage: string, kind: BrokerErrorKind, options: BrokerErrorOptions = {}) {
    const { reason, ...rest } = options
    super(
      shortMessage,
      kind === 'rejected'
        ? 'BROKER_REJECTED'
        : kind === 'not_found'
          ? 'ORDER_NOT_FOUND'
          : 'BROKER_UNAVAILABLE',
      rest,
    )
    this.kind = kind
    this.reason = reason
  }
}

/** True for a {@link BrokerError} from any installed copy of this package. */
export function isBrokerError(error: unknown): error is BrokerError {
  if (error instanceof BrokerError) return true
  return (
    error instanceof Error &&
    error.name === 'BrokerError' &&
    typeof (error as { kind?: unknown }).kind === 'string'
  )
}
