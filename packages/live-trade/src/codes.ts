/**
 * Every stable error code this package produces. Codes never change meaning once published; new ones
 * are only added.
 */
export const liveTradeCodes = {
  /** An order status change that the state machine does not allow (e.g. FILLED → OPEN). */
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  /** No order with that client order id is known to the engine or the broker. */
  ORDER_NOT_FOUND: 'ORDER_NOT_FOUND',
  /** The current trading state (REDUCE_ONLY, HALTED) forbids this order. */
  TRADING_STATE_BLOCKED: 'TRADING_STATE_BLOCKED',
  /** The engine was used before `start()` (or after `stop()`). */
  NOT_STARTED: 'NOT_STARTED',
  /** The order is in a state where this operation makes no sense (e.g. editing a filled order). */
  INVALID_ORDER_STATE: 'INVALID_ORDER_STATE',
  /** The venue refused the request: never retried. */
  BROKER_REJECTED: 'BROKER_REJECTED',
  /** The request may or may not have reached the venue (timeout, connection reset, 5xx). */
  BROKER_UNAVAILABLE: 'BROKER_UNAVAILABLE',
  /** The reconciliation could not complete; the engine was put in REDUCE_ONLY. */
  RECONCILIATION_FAILED: 'RECONCILIATION_FAILED',
  /** A stored event could not be applied (unknown order, impossible sequence). */
  STORE_CORRUPT: 'STORE_CORRUPT',
  /** An option is out of range (e.g. a negative `retainTerminalOrders`). */
  INVALID_OPTIONS: 'INVALID_OPTIONS',
} as const

/** Any code from {@link liveTradeCodes}. */
export type LiveTradeErrorCode = (typeof liveTradeCodes)[keyof typeof liveTradeCodes]
