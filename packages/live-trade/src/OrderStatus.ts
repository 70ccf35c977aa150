import { IllegalTransitionError } from './errors.js'

/**
 * Life-cycle status of an order as the engine tracks it.
 *
 * - `NEW`: intent written to the store, not sent yet.
 * - `PENDING`: request sent, no answer yet.
 * - `OPEN`: acknowledged by the venue, nothing filled.
 * - `PARTIALLY_FILLED`: some but not all of the size filled, still working.
 * - `CANCEL_PENDING`: cancel requested, not confirmed.
 * - `UNKNOWN`: the outcome of a request is ambiguous (timeout, connection error); resolved by a
 *   lookup by client order id, never by resending.
 * - Terminal: `FILLED`, `CANCELLED` (possibly after partial fills; the filled part is kept),
 *   `EXPIRED`, `REJECTED` (the venue refused it), `FAILED` (never reached the venue, or vanished).
 */
export type OrderStatus =
  | 'NEW'
  | 'PENDING'
  | 'OPEN'
  | 'PARTIALLY_FILLED'
  | 'FILLED'
  | 'CANCEL_PENDING'
  | 'CANCELLED'
  | 'EXPIRED'
  | 'REJECTED'
  | 'FAILED'
  | 'UNKNOWN'

/** Every order status, in life-cycle order. */
export const orderStatuses: readonly OrderStatus[] = Object.freeze([
  'NEW',
  'PENDING',
  'OPEN',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCEL_PENDING',
  'CANCELLED',
  'EXPIRED',
  'REJECTED',
  'FAILED',
  'UNKNOWN',
])

/**
 * The order state machine as an explicit table: for each status, the statuses it may move to.
 * Terminal statuses have no way out, and no status moves to itself (another partial fill is a fill
 * event, not a status change).
 */
export const orderTransitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = Object.freeze({
  NEW: ['PENDING', 'REJECTED', 'FAILED'],
  PENDING: [
    'OPEN',
    'PARTIALLY_FILLED',
    'FILLED',
    'CANCEL_PENDING',
    'CANCELLED',
    'EXPIRED',
    'REJECTED',
    'FAILED',
    'UNKNOWN',
  ],
  OPEN: ['PARTIALLY_FILLED', 'FILLED', 'CANCEL_PENDING', 'CANCELLED', 'EXPIRED', 'UNKNOWN'],
  PARTIALLY_FILLED: ['FILLED', 'CANCEL_PENDING', 'CANCELLED', 'EXPIRED', 'UNKNOWN'],
  // A cancel can lose the race against a fill (→ FILLED) or be refused by the venue (→ back to working).
  CANCEL_PENDING: ['OPEN', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'EXPIRED', 'UNKNOWN'],
  UNKNOWN: [
    'OPEN',
    'PARTIALLY_FILLED',
    'FILLED',
    'CANCEL_PENDING',
    'CANCELLED',
    'EXPIRED',
    'REJECTED',
    'FAILED',
  ],
  FILLED: [],
  CANCELLED: [],
  EXPIRED: [],
  REJECTED: [],
  FAILED: [],
})

const TERMINAL: ReadonlySet<OrderStatus> = new Set(['FILLED', 'CANCELLED', 'EXPIRED', 'REJECTED', 'FAILED'])

/**
 * True if the status is final (no transition leaves it).
 *
 * @example
 * isTerminalStatus('CANCELLED') // true
 */
export function isTerminalStatus(status: OrderStatus): boolean {
  return TERMINAL.has(status)
}

/** True if an order in this status may still trade or change at the venue (not terminal, not NEW). */
export function isWorkingStatus(status: OrderStatus): boolean {
  return !TERMINAL.has(status) && status !== 'NEW'
}

/**
 * True if the state machine allows `from → to`.
 *
 * @example
 * canTransition('OPEN', 'PARTIALLY_FILLED') // true
 * canTransition('FILLED', 'CANCELLED') // false
 */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return orderTransitions[from].includes(to)
}

/**
 * Throws an {@link IllegalTransitionError} unless `from → to` is allowed.
 *
 * @example
 * assertTransition('PENDING', 'OPEN') // ok
 */
export function assertTransition(from: OrderStatus, to: OrderStatus, clientOrderId?: string): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to, clientOrderId)
}
